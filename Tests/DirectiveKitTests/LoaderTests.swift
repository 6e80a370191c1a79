import Foundation
import XCTest

@testable import DirectiveKit

final class LoaderTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-loader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func write(_ name: String, _ bytes: [UInt8]) throws {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  func testFoldersAreReadRecursivelyWithTheGlobAndRelativePathsStayRelative() throws {
    try write("a.txt", Array("Số 1-CV/TU".utf8))
    try write("sub/deeper/b.txt", Array("Số 2-CV/TU".utf8))
    try write("sub/notes.md", Array("not a directive".utf8))
    let corpus = try Corpus.load(paths: [folder.path])
    XCTAssertEqual(Set(corpus.documents.map(\.id)), ["a", "b"])
    let markdown = try Corpus.load(paths: [folder.path], glob: "*.md")
    XCTAssertEqual(markdown.documents.map(\.id), ["notes"])
    let explicit = try Corpus.load(paths: [folder.appendingPathComponent("sub/notes.md").path])
    XCTAssertEqual(explicit.documents.count, 1, "a file named on the command line is read whatever its name")
  }

  func testLinksLoopsAndDanglingLinksAreWarnings() throws {
    try write("real/a.txt", Array("Số 1-CV/TU".utf8))
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("real/loop").path,
      withDestinationPath: folder.appendingPathComponent("real").path)
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("gone.txt").path, withDestinationPath: "/nonexistent/x.txt")
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("self.txt").path,
      withDestinationPath: folder.appendingPathComponent("self.txt").path)
    let corpus = try Corpus.load(paths: [folder.path])
    XCTAssertEqual(corpus.documents.map(\.id), ["a"])
    let reasons = corpus.loadWarnings.map(\.reason)
    XCTAssertTrue(reasons.contains { $0.contains("dangling") }, "\(reasons)")
    XCTAssertTrue(reasons.contains { $0.contains("loop") }, "\(reasons)")
    XCTAssertTrue(corpus.loadWarnings.allSatisfy { $0.path.hasPrefix(folder.path) })
  }

  /// A folder of more entries than one core looks at alone: the looks are taken on all cores and
  /// the walk still lists files in name order, with each link's warning, as one look at a time.
  func testAFolderOfManyEntriesIsWalkedInNameOrderWithItsWarnings() throws {
    let names = (0..<1_300).map { String(format: "%04d.txt", $0) }
    for name in names { try write("many/" + name, []) }
    try write("many/0650/inside.txt", [])
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("many/0007-gone.txt").path,
      withDestinationPath: "/nonexistent/x.txt")
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("many/1299-link.txt").path,
      withDestinationPath: folder.appendingPathComponent("many/0001.txt").path)
    var walker = FileWalker(glob: "*.txt")
    walker.visit(folder.appendingPathComponent("many").path, isTopLevel: true)
    let listed = walker.files.map { String($0.dropFirst(folder.path.count + "/many/".count)) }
    // The folder's entries in name order ("0650" before "0650.txt"), the folder's file in its place.
    let expected = (names + ["0650", "0007-gone.txt", "1299-link.txt"]).sorted().compactMap { entry in
      entry == "0650" ? "0650/inside.txt" : entry == "0007-gone.txt" ? nil : entry
    }
    XCTAssertEqual(listed, expected)
    XCTAssertEqual(walker.stamps.count, walker.files.count)
    XCTAssertEqual(walker.warnings.map(\.reason), ["dangling symbolic link"])
    XCTAssertTrue(walker.warnings[0].path.hasSuffix("/many/0007-gone.txt"))
    var oneAtATime = [String]()
    for path in walker.files { if case .found = FileWalker.look(at: path) { oneAtATime.append(path) } }
    XCTAssertEqual(oneAtATime, walker.files)
  }

  /// Many small folders, each listed and looked into ahead on all cores: the walk still lists
  /// files folder by folder in name order, with each link's warning where it lies.
  func testManySmallFoldersAreWalkedInNameOrderWithTheirWarnings() throws {
    let folders = (0..<20).map { String(format: "a%02d", $0) }
    for name in folders {
      for file in ["x.txt", "y.txt", "sub/z.txt", "notes.md"] { try write("tree/\(name)/\(file)", []) }
    }
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("tree/a05/loop").path, withDestinationPath: "..")
    try manager.createSymbolicLink(
      atPath: folder.appendingPathComponent("tree/a07/gone.txt").path, withDestinationPath: "/nonexistent/x")
    var walker = FileWalker(glob: "*.txt")
    walker.visit(folder.appendingPathComponent("tree").path, isTopLevel: true)
    let listed = walker.files.map { String($0.dropFirst(folder.path.count + "/tree/".count)) }
    XCTAssertEqual(listed, folders.flatMap { ["\($0)/sub/z.txt", "\($0)/x.txt", "\($0)/y.txt"] })
    XCTAssertEqual(walker.stamps.count, walker.files.count)
    XCTAssertEqual(
      walker.warnings.map { "\($0.path.dropFirst(folder.path.count + "/tree/".count)): \($0.reason)" },
      ["a05/loop: symbolic link loop: folder already visited", "a07/gone.txt: dangling symbolic link"])
  }

  func testAPathThatDoesNotExistIsAnErrorNamingIt() {
    XCTAssertThrowsError(try Corpus.load(paths: ["/no/such/place"])) { error in
      XCTAssertEqual((error as? CorpusError)?.message, "/no/such/place: no such file or directory")
    }
  }

  func testUnreadableFilesAreWarningsWithTheirPath() {
    let corpus = Corpus.build(
      files: ["ok.txt", "locked.txt"],
      reader: { path in
        path == "locked.txt"
          ? .failure(CorpusError(message: "unreadable (permission denied)"))
          : .success(Array("Số 1-CV/TU".utf8))
      })
    XCTAssertEqual(corpus.documents.map(\.id), ["ok"])
    XCTAssertEqual(
      corpus.loadWarnings, [LoadWarning(path: "locked.txt", reason: "unreadable (permission denied)")])
    XCTAssertEqual(corpus.warningCount, 1 + corpus.documents[0].warnings.count)
  }

  func testBinaryFilesArePlacedWithAWarningNotDropped() {
    let corpus = Corpus.build(sources: [
      SourceFile(path: "scan.txt", bytes: Array("%PDF-1.4\n%âãÏÓ\n1 0 obj".utf8)),
      SourceFile(path: "blob.txt", bytes: [0x41, 0x00, 0x42, 0xFF]),
    ])
    XCTAssertEqual(corpus.documents.count, 2)
    for document in corpus.documents {
      XCTAssertEqual(document.text, "")
      XCTAssertEqual(document.encoding, "binary")
      XCTAssertEqual(document.warnings.first?.code, .binaryFile)
    }
  }

  func testLoadingReportsProgressUpToTheTotal() throws {
    for index in 0..<130 { try write("f\(index).txt", Array("Số \(index + 1)-CV/TU".utf8)) }
    let seen = ProgressLog()
    let corpus = try Corpus.load(paths: [folder.path]) { seen.add($0) }
    XCTAssertEqual(corpus.documents.count, 130)
    XCTAssertEqual(seen.maximum, 130)
  }
}

final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  func add(_ progress: LoadProgress) {
    lock.lock()
    done = max(done, progress.filesDone)
    XCTAssertEqual(progress.filesTotal, 130)
    lock.unlock()
  }
  var maximum: Int {
    lock.lock()
    defer { lock.unlock() }
    return done
  }
}

final class LoaderLimitTests: XCTestCase {
  func testIdsAreUniqueEvenWhenAFileIsNamedLikeARepeat() {
    let corpus = Corpus.build(
      sources: ["one/a.txt", "two/a.txt", "two/a~2.txt", "three/a.txt"].map {
        SourceFile(path: $0, bytes: Array("Thực hiện Kết luận số 07-KL/TW.\n".utf8))
      })
    let ids = corpus.documents.map(\.id)
    XCTAssertEqual(Set(ids).count, 4, "\(ids)")
    XCTAssertEqual(
      corpus.documents.first { $0.file == "two/a~2.txt" }?.id, "a~2", "a file keeps its own name")
  }

  func testATextLargerThanTheLimitIsReadThatFarWithAWarning() throws {
    let text = String(repeating: "Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021.\n", count: 40)
    guard
      case .document(let document) = ParallelLoader.parseFile(
        path: "big.txt", bytes: Array(text.utf8), limit: 200)
    else { return XCTFail("a large file is still a document") }
    XCTAssertLessThanOrEqual(document.text.utf8.count, 200)
    XCTAssertTrue(
      document.warnings.contains { $0.code == .sizeCapped && $0.message.contains("200 bytes") },
      "\(document.warnings)")
    XCTAssertEqual(Corpus.maximumTextBytes, 64 << 20)
  }
}
