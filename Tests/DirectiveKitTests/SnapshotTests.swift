import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

/// The snapshot store: what a warm load gives must be what a fresh parse gives, whatever happened
/// to the files or to the snapshot between runs.
final class SnapshotTests: XCTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var store: SnapshotStore { SnapshotStore(directory: folder.appendingPathComponent("cache").path) }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-snapshot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    let names = try FileManager.default.contentsOfDirectory(atPath: Package.realDevelopmentSet.path).filter {
      $0.hasSuffix(".txt")
    }
    for name in names.sorted() {
      try FileManager.default.copyItem(
        atPath: Package.realDevelopmentSet.appendingPathComponent(name).path, toPath: corpus + "/" + name)
      age(name)
    }
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// Sets a file's times a while back, as files are on a second day's start (a file modified in
  /// the last seconds is never stored).
  func age(_ name: String, secondsAgo: Int = 600) {
    XCTAssertTrue(backdate(corpus + "/" + name, secondsAgo: secondsAgo), name)
  }

  func put(_ name: String, _ text: String, secondsAgo: Int = 300) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: corpus + "/" + name))
    age(name, secondsAgo: secondsAgo)
  }

  struct Loaded {
    var corpus: Corpus
    var notices: [String]
    var reads: [String]
  }

  final class Reads: @unchecked Sendable {
    let lock = NSLock()
    var paths: [String] = []
  }

  func load(_ store: SnapshotStore? = nil) throws -> Loaded {
    let reads = Reads()
    var notices: [String] = []
    let loaded = try Corpus.load(
      paths: [corpus], snapshot: store, notice: { notices.append($0) },
      reader: { path in
        reads.lock.withLock { reads.paths.append(path) }
        return Corpus.readFile(path)
      })
    return Loaded(corpus: loaded, notices: notices, reads: reads.paths.sorted())
  }

  /// Everything a corpus holds, every field of every document included.
  func fingerprint(_ corpus: Corpus) -> String {
    var text = ""
    dump(corpus.documents, to: &text)
    dump(corpus.loadWarnings, to: &text)
    return text
  }

  /// A load through the store, checked against a fresh parse; returns the files it read.
  @discardableResult
  func assertWarmEqualsFresh(notices expected: Int = 0, file: StaticString = #filePath, line: UInt = #line)
    throws
    -> Loaded
  {
    let warm = try load(store)
    let fresh = try load()
    XCTAssertEqual(
      fingerprint(warm.corpus), fingerprint(fresh.corpus), "snapshot and fresh parse differ", file: file,
      line: line)
    XCTAssertEqual(warm.notices.count, expected, "\(warm.notices)", file: file, line: line)
    for notice in warm.notices {
      XCTAssertFalse(notice.contains("\n"), "one line: \(notice)", file: file, line: line)
    }
    return warm
  }

  var snapshotPath: String {
    store.path(
      identity: SnapshotStore.identity(
        paths: [corpus], glob: "*.txt", workingDirectory: FileManager.default.currentDirectoryPath))
  }

  func testEveryFieldSurvivesTheRoundTrip() throws {
    let documents = try load().corpus.documents
    XCTAssertGreaterThan(documents.count, 20)
    for document in documents {
      var writer = ByteWriter()
      DocumentCoding.write(document, to: &writer)
      let decoded = try writer.bytes.withUnsafeBytes { bytes in
        var reader = ByteReader(bytes)
        var decoded = try DocumentCoding.read(from: &reader)
        XCTAssertTrue(reader.isAtEnd)
        XCTAssertEqual(decoded.text, "", "the fields hold no text")
        decoded.text = document.text
        return decoded
      }
      var before = ""
      var after = ""
      dump(document, to: &before)
      dump(decoded, to: &after)
      XCTAssertEqual(before, after, document.file)
    }
  }

  /// A warm start checks each document's details without decoding them: the check must refuse
  /// exactly what decoding refuses, whatever byte is changed or cut off.
  func testTheCheckOfDetailsRefusesWhatDecodingRefuses() throws {
    let documents = try load().corpus.documents
    var generator = SplitMix64(seed: 13)
    var refused = 0
    for document in documents {
      var writer = ByteWriter()
      DocumentCoding.write(document, to: &writer)
      for _ in 0..<40 {
        var bytes = writer.bytes
        let position = Int(generator.next() % UInt64(bytes.count))
        switch generator.next() % 3 {
        case 0: bytes[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
        case 1: bytes[position] = UInt8(truncatingIfNeeded: generator.next() % 3)
        default: bytes.removeLast(bytes.count - position)
        }
        let (decodes, checks) = bytes.withUnsafeBytes { bytes in
          var decoding = ByteReader(bytes)
          var checking = ByteReader(bytes)
          let decodes = (try? DocumentCoding.read(from: &decoding)).map { _ in decoding.isAtEnd } ?? false
          let checks =
            (try? DocumentCoding.readChecked(from: &checking)).map { _ in checking.isAtEnd } ?? false
          return (decodes, checks)
        }
        XCTAssertEqual(checks, decodes, "\(document.file), byte \(position)")
        if !decodes { refused += 1 }
      }
    }
    XCTAssertGreaterThan(refused, 0, "some changes are refused")
  }

  /// A document of a warm start decodes its details only when read, and changing one of them
  /// changes that document alone: its copies, and the corpus, keep theirs.
  func testADocumentOfASnapshotIsAValueLikeAnyOther() throws {
    try assertWarmEqualsFresh()
    let warm = try load(store).corpus
    let fresh = try load().corpus
    XCTAssertTrue(warm.documents.allSatisfy { $0.storedDetails != nil }, "details left in the snapshot")
    XCTAssertEqual(warm.warningCount, fresh.warningCount)
    XCTAssertEqual(warm.documents.map(\.warningCount), fresh.documents.map(\.warnings.count))
    let position = try XCTUnwrap(warm.documents.firstIndex { !$0.citations.isEmpty })
    var edited = warm.documents[position]
    let copy = edited
    edited.warnings.append(DocumentWarning(.noSignature, "added"))
    edited.citations[0].target = "elsewhere"
    XCTAssertNil(edited.storedDetails, "a changed document holds its details itself")
    XCTAssertEqual(edited.warnings.count, fresh.documents[position].warnings.count + 1)
    XCTAssertEqual(edited.warningCount, edited.warnings.count)
    XCTAssertEqual(edited.citations[0].target, "elsewhere")
    XCTAssertEqual(
      Array(edited.citations.dropFirst()), Array(fresh.documents[position].citations.dropFirst()))
    XCTAssertEqual(edited.points, fresh.documents[position].points)
    for unchanged in [copy, warm.documents[position]] {
      XCTAssertEqual(unchanged.warnings, fresh.documents[position].warnings)
      XCTAssertEqual(unchanged.citations, fresh.documents[position].citations)
    }
  }

  func testAWarmLoadReadsNoFileAndGivesWhatAFreshParseGives() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus).count
    let cold = try assertWarmEqualsFresh()
    XCTAssertEqual(cold.reads.count, files)
    XCTAssertTrue(FileManager.default.fileExists(atPath: snapshotPath))
    let warm = try assertWarmEqualsFresh()
    XCTAssertEqual(warm.reads, [], "an unchanged file is not read again")
  }

  func testEditsAdditionsRemovalsRenamesAndTouchesShowAtOnce() throws {
    try assertWarmEqualsFresh()
    let names = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()

    let edited = try String(contentsOfFile: corpus + "/" + names[0], encoding: .utf8)
      .replacingOccurrences(of: "\n", with: "\nSố 77-CV/TU\n", options: [], range: nil)
    try put(names[0], edited)
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [corpus + "/" + names[0]], "edited")

    try put(
      "added.txt",
      "TỈNH ỦY NAM ĐỊNH\nSố 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nV/v thực hiện Kết luận 07-KL/TW\n")
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [corpus + "/added.txt"], "added")

    try FileManager.default.removeItem(atPath: corpus + "/" + names[1])
    let afterRemoval = try assertWarmEqualsFresh()
    XCTAssertEqual(afterRemoval.reads, [], "removed")
    XCTAssertFalse(afterRemoval.corpus.documents.contains { $0.file.hasSuffix(names[1]) })

    try FileManager.default.moveItem(atPath: corpus + "/" + names[2], toPath: corpus + "/zz-renamed.txt")
    let afterRename = try assertWarmEqualsFresh()
    XCTAssertEqual(afterRename.reads, [], "a renamed file is not parsed again")
    XCTAssertNotNil(afterRename.corpus.document(id: "zz-renamed"))

    age(names[3], secondsAgo: 100)
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [corpus + "/" + names[3]], "touched")
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [], "settled again")
  }

  func testAFileChangedWithinTheLastSecondsIsNotTrustedToItsStamp() throws {
    try put("fresh.txt", "Số 1-CV/TU\n", secondsAgo: 0)
    try assertWarmEqualsFresh()
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [corpus + "/fresh.txt"])
  }

  /// More files than bytes after the last document's index: indexes are no lengths.
  func testACorpusOfManySmallFiles() throws {
    for number in 1...400 { try put("letter-\(number).txt", "Số \(number)-CV/TU\n") }
    try assertWarmEqualsFresh()
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [])
  }

  func testLoadWarningsAreTheSameOnAWarmStart() throws {
    try put("empty.txt", "")
    try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0, 1, 2]).write(to: URL(fileURLWithPath: corpus + "/scan.txt"))
    age("scan.txt")
    try FileManager.default.createSymbolicLink(
      atPath: corpus + "/gone.txt", withDestinationPath: corpus + "/nowhere")
    let cold = try assertWarmEqualsFresh()
    XCTAssertEqual(cold.corpus.loadWarnings.map(\.reason), ["dangling symbolic link"])
    let warm = try assertWarmEqualsFresh()
    XCTAssertEqual(warm.reads, [])
    XCTAssertEqual(warm.corpus.loadWarnings, cold.corpus.loadWarnings)
    XCTAssertEqual(warm.corpus.document(id: "empty")?.warnings.map(\.code), [.emptyFile])
    XCTAssertEqual(warm.corpus.document(id: "scan")?.warnings.map(\.code), [.binaryFile])
    XCTAssertEqual(warm.corpus.warningCount, cold.corpus.warningCount)
  }

  /// Each way a snapshot goes bad is found, said in one line, and the snapshot rebuilt.
  func testDamagedSnapshotsAreNeverTrusted() throws {
    let damages: [(String, (inout [UInt8]) -> Void)] = [
      ("truncated", { $0.removeLast($0.count / 3) }),
      ("truncated inside the header", { $0.removeLast($0.count - 20) }),
      ("empty", { $0.removeAll() }),
      ("one bit flipped", { $0[$0.count / 2] ^= 0x10 }),
      ("a bit of the fields flipped", { $0[$0.count / 20] ^= 0x04 }),
      ("last bit flipped", { $0[$0.count - 1] ^= 0x01 }),
      ("checksum bit flipped", { $0[24] ^= 0x01 }),
      ("foreign version", { $0[8] = 99 }),
      ("not a snapshot", { $0 = Array("hello, not a snapshot at all, but long enough\n".utf8) }),
      (
        "hand-edited, one word",
        { bytes in
          let text = Array("ngày".utf8)
          guard
            let at = (0..<(bytes.count - text.count)).first(where: {
              Array(bytes[$0..<$0 + text.count]) == text
            })
          else { return XCTFail("no text to edit") }
          bytes.replaceSubrange(at..<at + text.count, with: Array("NGAY!!".utf8).prefix(text.count))
        }
      ),
      ("hand-edited, a line added", { $0.insert(contentsOf: Array("a note\n".utf8), at: $0.count / 2) }),
      ("hand-edited, bytes appended", { $0.append(contentsOf: Array("\n".utf8)) }),
    ]
    for (name, damage) in damages {
      try assertWarmEqualsFresh()
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
      damage(&bytes)
      try Data(bytes).write(to: URL(fileURLWithPath: snapshotPath))
      let damaged = try assertWarmEqualsFresh(notices: 1)
      XCTAssertTrue(damaged.notices.first?.contains(snapshotPath) == true, "\(name): \(damaged.notices)")
      XCTAssertEqual(
        damaged.reads.count, try FileManager.default.contentsOfDirectory(atPath: corpus).count, name)
      let rebuilt = try assertWarmEqualsFresh()
      XCTAssertEqual(rebuilt.reads, [], "\(name): rebuilt")
    }
  }

  /// A value no document can hold, under a checksum made to match: decoding still refuses it.
  func testAnEditUnderAMatchingChecksumIsStillRefused() throws {
    for target in ["province", "place_date"] {
      try assertWarmEqualsFresh()
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
      let word = Array(target.utf8)
      let found = (32..<(bytes.count - word.count)).filter { Array(bytes[$0..<$0 + word.count]) == word }
      XCTAssertFalse(found.isEmpty, target)
      for at in found { bytes[at + word.count - 1] = UInt8(ascii: "X") }
      let checksum = bytes[32...].withUnsafeBytes { SnapshotChecksum.digest($0) }
      withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(24..<32, with: $0) }
      try Data(bytes).write(to: URL(fileURLWithPath: snapshotPath))
      let edited = try assertWarmEqualsFresh(notices: 1)
      XCTAssertTrue(edited.notices[0].contains("malformed"), edited.notices[0])
      XCTAssertEqual(try assertWarmEqualsFresh().reads, [], "rebuilt")
    }
  }

  func testASnapshotOfAnotherCorpusIsNotTrusted() throws {
    try assertWarmEqualsFresh()
    let other = SnapshotStore.identity(paths: ["/elsewhere"], glob: "*.txt", workingDirectory: "/")
    try FileManager.default.copyItem(atPath: snapshotPath, toPath: store.path(identity: other))
    guard case .untrusted(let reason) = store.openSnapshot(at: store.path(identity: other), identity: other)
    else {
      return XCTFail("a snapshot of another corpus was trusted")
    }
    XCTAssertEqual(reason, "belongs to another corpus")
  }

  func testAStoreThatCannotBeWrittenDegradesToNoCacheWithAWarning() throws {
    let blocked = SnapshotStore(directory: folder.appendingPathComponent("a-file/vanban").path)
    try Data("not a folder".utf8).write(to: folder.appendingPathComponent("a-file"))
    for _ in 0..<2 {
      let loaded = try load(blocked)
      XCTAssertEqual(fingerprint(loaded.corpus), fingerprint(try load().corpus))
      XCTAssertEqual(loaded.notices.count, 1, "\(loaded.notices)")
      XCTAssertTrue(loaded.notices[0].hasPrefix("no snapshot: cannot create"), loaded.notices[0])
      XCTAssertEqual(loaded.reads.count, try FileManager.default.contentsOfDirectory(atPath: corpus).count)
    }
  }

  func testTwoLoadsAtOnceBothWork() throws {
    let results = ResultSlots<String>(count: 2)
    let expected = fingerprint(try load().corpus)
    DispatchQueue.concurrentPerform(iterations: 2) { slot in
      results.set(slot, (try? load(store)).map { fingerprint($0.corpus) } ?? "failed")
    }
    XCTAssertEqual(results.values, [expected, expected])
    XCTAssertEqual(try assertWarmEqualsFresh().reads, [])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory).filter {
      $0.hasSuffix(".tmp")
    }
    XCTAssertEqual(leftovers, [], "no temporary file is left behind")
  }

  func testClearRemovesOneCorpusOrAll() throws {
    try assertWarmEqualsFresh()
    let other = SnapshotStore.identity(paths: ["/elsewhere"], glob: "*.txt", workingDirectory: "/")
    try FileManager.default.copyItem(atPath: snapshotPath, toPath: store.path(identity: other))
    XCTAssertEqual(try store.clear(only: [snapshotPath]), 1)
    XCTAssertFalse(FileManager.default.fileExists(atPath: snapshotPath))
    XCTAssertTrue(FileManager.default.fileExists(atPath: store.path(identity: other)))
    XCTAssertEqual(try store.clear(), 1)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.directory), [])
  }

  /// The search index kept beside a snapshot goes with it, and so does a temporary file of an
  /// index write that was cut short.
  func testClearRemovesTheSearchIndexBesideTheSnapshot() throws {
    let corpus = try assertWarmEqualsFresh().corpus
    XCTAssertEqual(corpus.snapshotPath, snapshotPath)
    _ = SearchIndex.stored(
      documents: corpus.documents, snapshotPath: corpus.snapshotPath, fingerprint: corpus.snapshotFingerprint,
      warn: { XCTFail($0) })
    let indexPath = SearchIndex.indexPath(snapshotPath: snapshotPath)
    XCTAssertTrue(FileManager.default.fileExists(atPath: indexPath))
    XCTAssertEqual(try store.clear(only: [snapshotPath]), 2)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.directory), [])

    try assertWarmEqualsFresh()
    FileManager.default.createFile(atPath: indexPath + ".tmp-1-2", contents: Data([1, 2, 3]))
    XCTAssertEqual(try store.clear(), 2)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.directory), [])
  }

  /// Texts are read from the snapshot's mapping or their own files when asked for: replacing or
  /// removing the snapshot file meanwhile (another vanban rewriting it) leaves them as they were.
  func testTextsOutliveTheSnapshotFileTheyComeFrom() throws {
    try assertWarmEqualsFresh()
    let warm = try load(store).corpus
    XCTAssertTrue(
      warm.documents.allSatisfy {
        switch $0.textStorage {
        case .mapped, .file: return true
        case .owned, .verbatim: return false
        }
      }, "a warm start keeps no text of its own")
    XCTAssertEqual(try store.clear(), 1)
    try Data(repeating: 0x41, count: 1 << 16).write(to: URL(fileURLWithPath: snapshotPath))
    let fresh = try load().corpus
    XCTAssertEqual(warm.documents.map(\.text), fresh.documents.map(\.text))
    XCTAssertTrue(warm.documents.contains { $0.text.contains("ngày") })
    var edited = warm.documents[0]
    edited.text = "replaced"
    XCTAssertEqual(edited.text, "replaced")
    XCTAssertEqual(warm.documents[0].text, fresh.documents[0].text, "a copy's text is its own")
  }

  /// A text that is its file's bytes (UTF-8, NFC, no byte order mark, no carriage return) is not
  /// stored again: a warm start reads it from the file. Any other is stored as decoded.
  func testATextItsFileHoldsIsReadFromTheFileAndAnyOtherFromTheSnapshot() throws {
    let body =
      "TỈNH ỦY NAM ĐỊNH\nSố 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nV/v thực hiện Kết luận 07-KL/TW\n"
    try put("plain.txt", body + "Dòng riêng của tệp thuần\n")
    try put("crlf.txt", (body + "Dòng riêng của tệp CRLF\n").replacingOccurrences(of: "\n", with: "\r\n"))
    try put("bom.txt", "\u{FEFF}" + body + "Dòng riêng của tệp BOM\n")
    try put("nfd.txt", (body + "Dòng riêng của tệp NFD\n").decomposedStringWithCanonicalMapping)
    try assertWarmEqualsFresh()
    let snapshot = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
    func stored(_ line: String) -> Bool {
      let bytes = Array(line.utf8)
      return (0...(snapshot.count - bytes.count)).contains {
        snapshot[$0] == bytes[0] && Array(snapshot[$0..<$0 + bytes.count]) == bytes
      }
    }
    XCTAssertFalse(stored("Dòng riêng của tệp thuần"), "the file's own bytes are not stored again")
    for kind in ["CRLF", "BOM", "NFD"] { XCTAssertTrue(stored("Dòng riêng của tệp \(kind)"), kind) }

    let warm = try assertWarmEqualsFresh()
    XCTAssertEqual(warm.reads, [])
    func storage(_ id: String) throws -> DocumentText {
      try XCTUnwrap(warm.corpus.document(id: id)).textStorage
    }
    guard case .file = try storage("plain") else { return XCTFail("plain: read from its file") }
    for id in ["crlf", "bom", "nfd"] {
      guard case .mapped = try storage(id) else { return XCTFail("\(id): read from the snapshot") }
    }
    XCTAssertEqual(warm.corpus.document(id: "plain")?.text, body + "Dòng riêng của tệp thuần\n")
    XCTAssertEqual(warm.corpus.document(id: "crlf")?.text, body + "Dòng riêng của tệp CRLF\n")
  }

  /// A text read from its file is read only while the file has the stamp the snapshot knew; a file
  /// changed or removed since is read as a fresh load would read it now.
  func testATextWhoseFileChangedSinceTheLoadIsReadAsAFreshLoadWould() throws {
    try put("plain.txt", "Số 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nNội dung cũ\n")
    try assertWarmEqualsFresh()
    let warm = try load(store).corpus
    let plain = try XCTUnwrap(warm.document(id: "plain"))
    guard case .file = plain.textStorage else { return XCTFail("read from its file") }
    XCTAssertTrue(plain.text.hasSuffix("Nội dung cũ\n"))
    try put("plain.txt", "Số 12-CV/TU\r\nNam Định, ngày 3 tháng 4 năm 2021\r\nNội dung mới\r\n")
    XCTAssertEqual(plain.text, "Số 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nNội dung mới\n")
    try put("plain.txt", "Số 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nNội dung CŨ\n")
    XCTAssertTrue(plain.text.hasSuffix("Nội dung CŨ\n"), "the same size, another stamp")
    try FileManager.default.removeItem(atPath: corpus + "/plain.txt")
    XCTAssertEqual(plain.text, "")
  }

  /// A document whose text was left in its file has the text it was read with only while the
  /// file keeps its stamp: after an edit of the body alone, what it was read with is gone, so it
  /// is not taken for the freshly parsed document (a mark made on the provisional list is undone).
  func testATextLeftInItsFileIsNoLongerTheListedOneOnceTheFileChanged() throws {
    try put("plain.txt", "Số 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nNội dung cũ\n")
    try assertWarmEqualsFresh()
    let listed = try XCTUnwrap(try load(store).corpus.document(id: "plain"))
    guard case .file = listed.textStorage else { return XCTFail("read from its file") }
    let unchanged = try XCTUnwrap(try load().corpus.document(id: "plain"))
    XCTAssertTrue(listed.hasTextOf(unchanged))
    try put("plain.txt", "Số 12-CV/TU\nNam Định, ngày 3 tháng 4 năm 2021\nNội dung CŨ\n")
    let edited = try XCTUnwrap(try load().corpus.document(id: "plain"))
    XCTAssertEqual(edited.number, listed.number)
    XCTAssertFalse(listed.hasTextOf(edited), "the body changed at the same size")
    XCTAssertFalse(listed.hasTextOf(unchanged), "the text it was read with is gone with the edit")
  }

  /// What a stored search index keys on: the snapshot's path and a fingerprint that changes with
  /// any document, the same whether the snapshot was just written or read.
  func testTheSnapshotFingerprintFollowsTheDocuments() throws {
    let unstored = try load().corpus
    XCTAssertNil(unstored.snapshotPath)
    XCTAssertNil(unstored.snapshotFingerprint)
    let written = try assertWarmEqualsFresh().corpus
    XCTAssertEqual(written.snapshotPath, snapshotPath)
    let fingerprint = try XCTUnwrap(written.snapshotFingerprint)
    let read = try assertWarmEqualsFresh()
    XCTAssertEqual(read.reads, [])
    XCTAssertEqual(read.corpus.snapshotPath, snapshotPath)
    XCTAssertEqual(read.corpus.snapshotFingerprint, fingerprint)

    let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: corpus).sorted().first)
    try put(name, try String(contentsOfFile: corpus + "/" + name, encoding: .utf8) + "\nThêm một dòng.\n")
    let edited = try assertWarmEqualsFresh().corpus
    XCTAssertNotNil(edited.snapshotFingerprint)
    XCTAssertNotEqual(edited.snapshotFingerprint, fingerprint)
    XCTAssertEqual(try load(store).corpus.snapshotFingerprint, edited.snapshotFingerprint)

    let blocked = SnapshotStore(directory: folder.appendingPathComponent("a-file/vanban").path)
    try Data("not a folder".utf8).write(to: folder.appendingPathComponent("a-file"))
    let unwritten = try load(blocked).corpus
    XCTAssertNil(unwritten.snapshotPath)
    XCTAssertNil(unwritten.snapshotFingerprint)
  }

  /// A warm start takes the warnings that replaced documents give as stored: the same ones, in the
  /// same order, none twice; the graph and signals it builds later are those of a fresh parse.
  func testWarningsOfSupersededDocumentsAndTheGraphAreThoseOfAFreshParse() throws {
    try put(
      "new.txt",
      "BỘ CHÍNH TRỊ\nSố 9-KL/TW\nHà Nội, ngày 10 tháng 01 năm 2022\nKẾT LUẬN\n"
        + "Kết luận này thay thế Kết luận số 1-KL/TW ngày 01/01/2020 của Bộ Chính trị.\n")
    for (name, day) in [("after", "01 tháng 02"), ("later", "03 tháng 03")] {
      try put(
        "\(name).txt",
        "TỈNH ỦY NAM ĐỊNH\nSố 5-CV/TU\nNam Định, ngày \(day) năm 2022\nV/v thực hiện Kết luận số 1-KL/TW\n"
          + "Thực hiện Kết luận số 1-KL/TW ngày 01/01/2020 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu.\n"
      )
    }
    let fresh = try load().corpus
    let flagged = fresh.documents.filter { $0.warnings.contains { $0.code == .restsOnSuperseded } }
    XCTAssertGreaterThanOrEqual(flagged.count, 2, "the corpus has documents to flag")
    try assertWarmEqualsFresh()
    let warm = try assertWarmEqualsFresh()
    XCTAssertEqual(warm.reads, [])
    for document in warm.corpus.documents {
      let stale = document.warnings.filter { $0.code == .restsOnSuperseded }
      XCTAssertEqual(stale.count, Set(stale.map(\.message)).count, "none twice: \(document.id)")
      XCTAssertEqual(
        stale, fresh.document(id: document.id)?.warnings.filter { $0.code == .restsOnSuperseded })
    }
    XCTAssertEqual(warm.corpus.graph.nodes, fresh.graph.nodes)
    XCTAssertEqual(warm.corpus.graph.edges, fresh.graph.edges)
    XCTAssertEqual(warm.corpus.signals.stale, fresh.signals.stale)
    XCTAssertEqual(warm.corpus.signals.supersessions, fresh.signals.supersessions)
  }

  /// The graph and signals are built on first use, whichever threads ask at the same time.
  func testTheGraphAskedByManyThreadsAtOnceIsTheFreshParsesGraph() throws {
    try assertWarmEqualsFresh()
    let warm = try load(store).corpus
    let counts = ResultSlots<Int>(count: 8)
    DispatchQueue.concurrentPerform(iterations: 8) { slot in
      counts.set(slot, warm.graph.nodes.count + warm.signals.supersessions.count)
    }
    let expected = try load().corpus
    XCTAssertEqual(
      Set(counts.values), [expected.graph.nodes.count + expected.signals.supersessions.count])
  }

  /// The checksum over chunks: any one bit flipped, at a chunk's edges or inside, and two chunks
  /// swapped change it; read from a file it is the one computed in memory.
  func testTheChecksumSeesEveryFlippedBitAndSwappedChunks() throws {
    let chunk = SnapshotChecksum.chunkSize
    var random = SystemRandomNumberGenerator()
    var bytes = (0..<(2 * chunk + 77)).map { _ in UInt8.random(in: 0...255, using: &random) }
    let original = bytes.withUnsafeBytes { SnapshotChecksum.digest($0) }
    for position in [0, 7, 8, 31, 32, chunk - 1, chunk, chunk + 8, 2 * chunk - 1, 2 * chunk, bytes.count - 1]
    {
      for bit in [0, 7] {
        bytes[position] ^= 1 << bit
        XCTAssertNotEqual(bytes.withUnsafeBytes { SnapshotChecksum.digest($0) }, original, "\(position)")
        bytes[position] ^= 1 << bit
      }
    }
    let swapped = Array(bytes[chunk..<2 * chunk] + bytes[0..<chunk] + bytes[(2 * chunk)...])
    XCTAssertNotEqual(swapped.withUnsafeBytes { SnapshotChecksum.digest($0) }, original)
    XCTAssertNotEqual(bytes.dropLast().withUnsafeBytes { SnapshotChecksum.digest($0) }, original)

    let path = folder.appendingPathComponent("bytes").path
    try Data([1, 2, 3] + bytes).write(to: URL(fileURLWithPath: path))
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let mapping = try XCTUnwrap(MappedFile(descriptor: descriptor, size: bytes.count + 3))
    XCTAssertEqual(SnapshotChecksum.digest(mapping, offset: 3, length: bytes.count), original)
    XCTAssertEqual(
      SnapshotChecksum.digest(mapping, offset: 3, length: bytes.count), original, "the same once released")
    XCTAssertNotEqual(SnapshotChecksum.digest(mapping, offset: 2, length: bytes.count), original)
  }

  /// The store streams its payload through buffers of several chunks, taking the checksum on the
  /// way: texts larger than a buffer, empty ones, and lengths off every boundary read back whole,
  /// under the checksum the whole payload has in memory.
  func testASnapshotStreamedThroughItsBuffersReadsBackWhole() throws {
    let chunk = SnapshotChecksum.chunkSize
    // Lines of 60 bytes: a text's length lies off every boundary.
    let lineCounts = [9 * chunk / 60 + 1, 0, 1, 3 * chunk / 60, 4_919]
    var entries: [(path: String, stamp: FileStamp, document: SnapshotStore.StoredDocument)] = []
    var texts: [String] = []
    for (index, lines) in lineCounts.enumerated() {
      let text = String(repeating: "Nghị quyết số \(index)-NQ/TU về phòng, chống thiên tai\n", count: lines)
      let size = text.utf8.count
      texts.append(text)
      var document = Document(id: "d\(index)", file: "/corpus/d\(index).txt", text: text)
      document.subject = "văn bản \(index)"
      document.warnings = [DocumentWarning(.emptyFile, "warning \(index)")]
      let stamp = FileStamp(device: 1, inode: UInt64(index), size: Int64(size), modified: 5, changed: 6)
      entries.append((document.file, stamp, .parsed(document)))
    }
    let linked = entries.indices.reversed().map { index -> (entry: Int, document: Document) in
      guard case .fresh(let parsed) = entries[index].document else { fatalError() }
      return (index, parsed.document)
    }
    let path = folder.appendingPathComponent("streamed.snapshot").path
    guard
      case .success(let checksum) = store.store(
        at: path, identity: "streamed", entries: entries, linked: linked)
    else { return XCTFail("not written") }

    let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    XCTAssertGreaterThan(file.count, 12 * chunk)
    let payload = Array(file[SnapshotStore.headerSize...])
    XCTAssertEqual(payload.withUnsafeBytes { SnapshotChecksum.digest($0) }, checksum)
    guard case .valid(let snapshot) = store.openSnapshot(at: path, identity: "streamed") else {
      return XCTFail("not read back")
    }
    XCTAssertEqual(snapshot.checksum, checksum)
    XCTAssertEqual(snapshot.entries.map(\.path), entries.map(\.path))
    XCTAssertEqual(snapshot.entries.map(\.stamp), entries.map(\.stamp))
    for index in snapshot.entries.indices {
      let document = try snapshot.document(entry: index)
      XCTAssertEqual(document.text, texts[index], "text \(index)")
      XCTAssertEqual(document.subject, "văn bản \(index)")
      XCTAssertEqual(document.warnings.map(\.message), ["warning \(index)"])
    }
    let linkedBack = try XCTUnwrap(snapshot.linked).map { try snapshot.linkedDocument($0) }
    XCTAssertEqual(linkedBack.map(\.id), linked.map(\.document.id))
    XCTAssertEqual(linkedBack.map(\.text), linked.map { texts[$0.entry] })
  }

  /// Each file's parsed document is stored as what linking changed in its linked document: read
  /// back, it is the document a fresh parse of the file gives, every field of it, however much
  /// linking changed (ids, resolved citations, completed issuers, warnings added, `citedBy`).
  func testEachParsedDocumentReadsBackFromTheChangesLinkingMade() throws {
    try assertWarmEqualsFresh()
    guard case .valid(let snapshot) = store.openSnapshot(at: snapshotPath, identity: identity) else {
      return XCTFail("no snapshot")
    }
    XCTAssertGreaterThan(snapshot.entries.count, 20)
    var changed = 0
    for index in snapshot.entries.indices {
      let entry = snapshot.entries[index]
      XCTAssertEqual(snapshot.mapping.bytes[entry.document.lowerBound], ParsedRecord.changes, entry.path)
      let stored = try snapshot.document(entry: index)
      guard
        case .document(let parsed) = ParallelLoader.parseFile(path: entry.path, bytes: try read(entry.path))
      else { return XCTFail(entry.path) }
      var before = ""
      var after = ""
      dump(parsed, to: &before)
      dump(stored, to: &after)
      XCTAssertEqual(before, after, entry.path)
      let linked = try snapshot.linkedDocument(snapshot.linked![entry.linkedPosition!])
      var linkedDump = ""
      dump(linked, to: &linkedDump)
      if linkedDump != after { changed += 1 }
    }
    XCTAssertEqual(changed, snapshot.entries.count, "linking gives every document its id at least")
  }

  /// A parsed document's record that is of no known kind, or whose changes are malformed, is
  /// refused when read, never taken for another document.
  func testAMalformedParsedRecordIsRefused() throws {
    // Bits of `ParsedDelta`'s fields: 3 the level, 24 and 25 the citations whole or one by one,
    // 27 the warnings as the first ones of the linked document's.
    let malformed: [(String, (inout ByteWriter) -> Void)] = [
      ("citations both whole and one by one", { $0.integer(1 << 24 | 1 << 25) }),
      ("a field past the last", { $0.integer(1 << 28) }),
      (
        "more warnings than the linked document has",
        {
          $0.integer(1 << 27)
          $0.integer(1)
        }
      ),
      (
        "an unknown level",
        {
          $0.integer(1 << 3)
          $0.string("nowhere")
        }
      ),
      ("changes cut short", { $0.integer(1 << 0) }),
    ]
    for (what, write) in malformed {
      var writer = ByteWriter()
      write(&writer)
      let refused = writer.bytes.withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        return (try? ParsedDelta.apply(from: &reader, to: Document(id: "a", file: "f", text: ""))) == nil
      }
      XCTAssertTrue(refused, what)
    }

    try assertWarmEqualsFresh()
    guard case .valid(let snapshot) = store.openSnapshot(at: snapshotPath, identity: identity) else {
      return XCTFail("no snapshot")
    }
    var bytes = [UInt8](snapshot.mapping.bytes)
    bytes[snapshot.entries[0].document.lowerBound] = 7
    let path = folder.appendingPathComponent("damaged.snapshot").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let damaged = Snapshot(
      mapping: try XCTUnwrap(MappedFile(descriptor: descriptor, size: bytes.count)),
      entries: snapshot.entries,
      linked: snapshot.linked, checksum: 0, linkFacts: snapshot.linkFacts)
    XCTAssertThrowsError(try damaged.document(entry: 0), "a record of an unknown kind")
    XCTAssertNoThrow(try damaged.document(entry: 1))
  }

  var identity: String {
    SnapshotStore.identity(
      paths: [corpus], glob: "*.txt", workingDirectory: FileManager.default.currentDirectoryPath)
  }

  func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

  /// A document read from a snapshot is written again by copying its details' bytes: they must be
  /// the bytes encoding the same document afresh gives.
  func testADocumentOfASnapshotIsWrittenAgainAsItsFreshEncoding() throws {
    try assertWarmEqualsFresh()
    let warm = try load(store).corpus.documents
    XCTAssertFalse(warm.isEmpty)
    for document in warm {
      XCTAssertNotNil(document.storedDetails, "details left in the snapshot")
      var copied = ByteWriter()
      DocumentCoding.write(document, to: &copied)
      var owned = document
      owned.warnings = document.warnings
      XCTAssertNil(owned.storedDetails, "details taken")
      var encoded = ByteWriter()
      DocumentCoding.write(owned, to: &encoded)
      XCTAssertEqual(copied.bytes, encoded.bytes, document.file)
    }
  }

  func testTheStoreFollowsXDGCacheHome() {
    XCTAssertEqual(
      SnapshotStore.standard(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.directory, "/c/vanban")
    XCTAssertEqual(
      SnapshotStore.standard(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"])?.directory,
      "/h/.cache/vanban")
    XCTAssertNil(SnapshotStore.standard(environment: [:]))
    let relative = SnapshotStore.identity(paths: ["docs"], glob: "*.txt", workingDirectory: "/a")
    XCTAssertNotEqual(
      relative, SnapshotStore.identity(paths: ["docs"], glob: "*.txt", workingDirectory: "/b"))
    XCTAssertNotEqual(relative, SnapshotStore.identity(paths: ["docs"], glob: "*.md", workingDirectory: "/a"))
    XCTAssertEqual(
      SnapshotStore.identity(paths: ["/x"], glob: "*.txt", workingDirectory: "/a"),
      SnapshotStore.identity(paths: ["/x"], glob: "*.txt", workingDirectory: "/b"))
  }
}
