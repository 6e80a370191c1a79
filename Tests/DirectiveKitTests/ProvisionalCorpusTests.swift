import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

/// The corpus a snapshot last stored, read before its files are checked and its checksum
/// verified (the browser's first frame): once confirmed it is, in every case, what `Corpus.load`
/// gives, and a corrupt snapshot is said once, at the confirmation, before anything is parsed.
final class ProvisionalCorpusTests: XCTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var store: SnapshotStore { SnapshotStore(directory: folder.appendingPathComponent("cache").path) }
  var snapshotPath: String {
    store.path(
      identity: SnapshotStore.identity(
        paths: [corpus], glob: "*.txt", workingDirectory: FileManager.default.currentDirectoryPath))
  }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-provisional-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    let realdev = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Fixtures/realdev")
    for name in try FileManager.default.contentsOfDirectory(atPath: realdev.path) where name.hasSuffix(".txt")
    {
      try FileManager.default.copyItem(
        atPath: realdev.appendingPathComponent(name).path, toPath: corpus + "/" + name)
      age(name)
    }
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// A file's times set a while back: a file modified in the last seconds is never stored.
  func age(_ name: String) {
    XCTAssertTrue(backdate(corpus + "/" + name), name)
  }

  func put(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: corpus + "/" + name))
    age(name)
  }

  /// Every field of every document, and the warnings of files that became none.
  func fingerprint(_ corpus: Corpus) -> String {
    var text = ""
    dump(corpus.documents, to: &text)
    dump(corpus.loadWarnings, to: &text)
    return text
  }

  /// Every field but the texts: a text the snapshot leaves in its file is read from the file as it
  /// is now.
  func fieldsFingerprint(_ corpus: Corpus) -> String {
    var text = ""
    dump(
      corpus.documents.map { document in
        var fields = document
        fields.text = ""
        return fields
      }, to: &text)
    dump(corpus.loadWarnings, to: &text)
    return text
  }

  func fresh() throws -> Corpus { try Corpus.load(paths: [corpus]) }

  @discardableResult
  func warm() throws -> Corpus { try Corpus.load(paths: [corpus], snapshot: store) }

  func provisional() -> ProvisionalCorpus? { ProvisionalCorpus(paths: [corpus], glob: "*.txt", store: store) }

  /// Files read by a load, counted from its reading threads.
  final class Reads: @unchecked Sendable {
    private let lock = NSLock()
    private var counted = 0
    var count: Int { lock.withLock { counted } }
    func read(_ path: String) -> Result<[UInt8], CorpusError> {
      lock.withLock { counted += 1 }
      return Corpus.readFile(path)
    }
  }

  struct Confirmation {
    var corpus: Corpus
    var notices: [String]
    var distrusts: [String]
  }

  func confirm(_ provisional: ProvisionalCorpus) throws -> Confirmation {
    var notices: [String] = []
    var distrusts: [String] = []
    let corpus = try provisional.confirmed(
      progress: nil, notice: { notices.append($0) }, distrusted: { distrusts.append($0) })
    return Confirmation(corpus: corpus, notices: notices, distrusts: distrusts)
  }

  func testNoneWithoutASnapshotOrForAnEmptyListOfPaths() throws {
    XCTAssertNil(provisional())
    try warm()
    XCTAssertNotNil(provisional())
    XCTAssertNil(ProvisionalCorpus(paths: [], glob: "*.txt", store: store))
    XCTAssertNil(ProvisionalCorpus(paths: [corpus], glob: "*.md", store: store), "another corpus")
  }

  func testAnUnchangedCorpusIsConfirmedAsItIsWithoutReadingAFile() throws {
    try warm()
    let shown = try XCTUnwrap(provisional())
    XCTAssertEqual(fingerprint(shown.corpus), fingerprint(try fresh()))
    XCTAssertGreaterThan(shown.corpus.documents.count, 3)
    XCTAssertEqual(shown.corpus.snapshotPath, snapshotPath)
    let reads = Reads()
    let confirmed = try shown.confirmed(
      progress: nil, notice: { XCTFail("no notice: \($0)") }, distrusted: { XCTFail("trusted: \($0)") },
      reader: reads.read)
    XCTAssertTrue(confirmed === shown.corpus)
    XCTAssertEqual(reads.count, 0)
  }

  func testTheWalksWarningsComeWithTheConfirmation() throws {
    try FileManager.default.createSymbolicLink(
      atPath: corpus + "/gone.txt", withDestinationPath: corpus + "/nowhere")
    try warm()
    let shown = try XCTUnwrap(provisional())
    XCTAssertEqual(shown.corpus.loadWarnings, [])
    let confirmed = try confirm(shown)
    XCTAssertEqual(confirmed.corpus.loadWarnings.map(\.reason), ["dangling symbolic link"])
    XCTAssertEqual(fingerprint(confirmed.corpus), fingerprint(try fresh()))
    XCTAssertEqual(confirmed.corpus.warningCount, try fresh().warningCount)
    XCTAssertEqual(confirmed.notices + confirmed.distrusts, [])
  }

  /// What changed since the snapshot is not in the provisional corpus, and is in the confirmed one.
  func testEditsAdditionsRemovalsAndRenamesShowOnceConfirmed() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
    let changes: [(String, () throws -> Void)] = [
      (
        "edited",
        {
          let text = try String(contentsOfFile: self.corpus + "/" + names[0], encoding: .utf8)
          try self.put(names[0], text + "\nNơi nhận: Văn phòng Tỉnh ủy.\n")
        }
      ),
      (
        "added", { try self.put("zz-added.txt", "UBND TỈNH NAM ĐỊNH\nSố: 9-CV/UBND\nV/v thêm một văn bản\n") }
      ),
      ("removed", { try FileManager.default.removeItem(atPath: self.corpus + "/" + names[1]) }),
      (
        "renamed",
        {
          try FileManager.default.moveItem(
            atPath: self.corpus + "/" + names[2], toPath: self.corpus + "/renamed.txt")
        }
      ),
    ]
    for (name, change) in changes {
      let stored = try warm()
      let before = fingerprint(stored)
      let beforeFields = fieldsFingerprint(stored)
      try change()
      let shown = try XCTUnwrap(provisional(), name)
      XCTAssertEqual(
        fieldsFingerprint(shown.corpus), beforeFields, "\(name): the snapshot's corpus, as stored")
      let confirmed = try confirm(shown)
      XCTAssertFalse(confirmed.corpus === shown.corpus, name)
      XCTAssertEqual(fingerprint(confirmed.corpus), fingerprint(try fresh()), name)
      XCTAssertNotEqual(fingerprint(confirmed.corpus), before, name)
      XCTAssertEqual(confirmed.notices + confirmed.distrusts, [], name)
      // The snapshot is written again: the next start is provisional on the new corpus.
      XCTAssertEqual(fingerprint(try XCTUnwrap(provisional(), name).corpus), fingerprint(try fresh()), name)
    }
  }

  /// A byte of a text changed under the header's checksum: the structure holds, so the first
  /// frame may show it, but the confirmation finds it, says so once, and loads every file again.
  func testACorruptSnapshotIsDistrustedOnceAndRebuilt() throws {
    let damages: [(String, (inout [UInt8]) -> Void)] = [
      ("last text byte", { $0[$0.count - 1] ^= 0x01 }),
      ("a text byte in the middle of the texts", { $0[$0.count - 200] ^= 0x20 }),
    ]
    for (name, damage) in damages {
      try warm()
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
      damage(&bytes)
      try Data(bytes).write(to: URL(fileURLWithPath: snapshotPath))
      let shown = try XCTUnwrap(provisional(), "\(name): the structure holds, the checksum is not read")
      let reads = Reads()
      var notices: [String] = []
      var distrusts: [String] = []
      let confirmed = try shown.confirmed(
        progress: nil, notice: { notices.append($0) },
        distrusted: { warning in
          XCTAssertEqual(reads.count, 0, "\(name): said before any file is parsed")
          distrusts.append(warning)
        },
        reader: reads.read)
      XCTAssertEqual(
        distrusts, ["the snapshot is corrupt (checksum mismatch): it is rebuilt from the files"], name)
      XCTAssertEqual(
        notices, ["the snapshot \(snapshotPath) is corrupt (checksum mismatch): it is rebuilt"], name)
      XCTAssertEqual(reads.count, try FileManager.default.contentsOfDirectory(atPath: corpus).count, name)
      XCTAssertEqual(fingerprint(confirmed), fingerprint(try fresh()), name)
      // Rebuilt: the next start trusts it again.
      let next = try XCTUnwrap(provisional(), name)
      XCTAssertTrue(try confirm(next).corpus === next.corpus, name)
    }
  }

  /// A snapshot whose structure is broken gives no provisional corpus: `Corpus.load` says why.
  func testABrokenSnapshotGivesNoProvisionalCorpus() throws {
    let damages: [(String, (inout [UInt8]) -> Void)] = [
      ("truncated", { $0.removeLast($0.count / 3) }),
      ("foreign version", { $0[8] = 99 }),
      ("bytes appended", { $0.append(0x0A) }),
    ]
    for (name, damage) in damages {
      try warm()
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
      damage(&bytes)
      try Data(bytes).write(to: URL(fileURLWithPath: snapshotPath))
      XCTAssertNil(provisional(), name)
    }
  }
}
