import Foundation
import XCTest

@testable import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

/// Every hostile input of the robustness issue, written to disk and read by `Corpus.load` as a
/// user's folder would be: every readable file is a document, every problem a warning naming
/// the path (and the encoding found, for legacy encodings).
final class HostileInputTests: XCTestCase {
  var fixtures: HostileFixtures!

  override func setUpWithError() throws {
    fixtures = try HostileFixtures(label: "hostile")
  }

  override func tearDown() {
    fixtures.remove()
  }

  /// Loads the folder and returns the one document read from `name`.
  func loadOne(_ name: String, _ bytes: [UInt8]) throws -> (Corpus, Document) {
    let path = try fixtures.write(name, bytes)
    let corpus = try Corpus.load(paths: [fixtures.folder.path])
    let documents = corpus.documents.filter { $0.file == path }
    XCTAssertEqual(documents.count, 1, "\(name) must be one document")
    return (corpus, try XCTUnwrap(documents.first))
  }

  // MARK: Empty and binary

  func testEmptyFileIsADocumentWithAWarning() throws {
    let (corpus, document) = try loadOne("empty.txt", [])
    XCTAssertEqual(document.text, "")
    XCTAssertEqual(document.warnings.map(\.code), [.emptyFile])
    XCTAssertEqual(corpus.loadWarnings, [])
  }

  func testWhitespaceOnlyFileIsADocumentWithAWarning() throws {
    let (_, document) = try loadOne("blank.txt", Array(" \n\t\r\n  \u{3000}\n".utf8))
    XCTAssertEqual(document.warnings.map(\.code), [.onlyWhiteSpace])
    XCTAssertNil(document.number)
  }

  func testBinaryFileNamedTxtIsADocumentWithoutText() throws {
    var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
    bytes += HostileFixtures.noiseBytes(count: 4000, seed: 7)
    let (_, document) = try loadOne("program.txt", bytes)
    XCTAssertEqual(document.encoding, "binary")
    XCTAssertEqual(document.text, "")
    XCTAssertEqual(document.warnings.map(\.code), [.binaryFile])
    XCTAssertTrue(document.warnings[0].message.contains("4008 bytes"), document.warnings[0].message)
  }

  func testPDFIsADocumentWithAWarningSayingPDF() throws {
    let pdf = Array(
      "%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".utf8)
    let (_, document) = try loadOne("scan.txt", pdf)
    XCTAssertEqual(document.encoding, "binary")
    XCTAssertEqual(document.warnings.count, 1)
    XCTAssertEqual(document.warnings[0].code, .binaryFile)
    XCTAssertTrue(document.warnings[0].message.contains("a PDF"), document.warnings[0].message)
  }

  // MARK: Size

  /// Ten megabytes without a line break: read, decoded and parsed (time is measured by the
  /// report, not here).
  func testTenMegabytesOnOneLineBecomesOneDocument() throws {
    let bytes = try HostileFixtures.longLine(megabytes: 10)
    XCTAssertFalse(bytes.contains(0x0A))
    let (_, document) = try loadOne("long-line.txt", bytes)
    XCTAssertEqual(document.text.utf8.count, bytes.count)
    XCTAssertEqual(document.encoding, "UTF-8")
    // Without line breaks there is no header to read the number from; citations are found.
    XCTAssertEqual(document.citations.first?.number, "07-KL/TW")
    XCTAssertEqual(
      document.citations.first?.mentions, document.text.components(separatedBy: "07-KL/TW").count - 1)
  }

  func testFiveThousandCitationsAreAllExtracted() throws {
    let text = HostileFixtures.manyCitations(5000)
    let (_, document) = try loadOne("many-citations.txt", Array(text.utf8))
    XCTAssertEqual(document.number, "7000-CV/TU")
    XCTAssertEqual(document.citations.count, 5000)
    XCTAssertEqual(Set(document.citations.compactMap(\.number)).count, 5000)
    XCTAssertEqual(document.citations.last?.number, "5000-CV/TU")
    XCTAssertEqual(document.citations.last?.date, Day(year: 2020, month: 9, day: 17))
  }

  // MARK: Encodings

  func testFileCutInsideAMultiByteCharacter() throws {
    let seed = try HostileFixtures.seedBytes()
    // "TỈNH": Ỉ is three bytes; cut after the first of them.
    let cut = try XCTUnwrap(seed.firstIndex(of: 0xE1)) + 1
    let (_, document) = try loadOne("cut.txt", Array(seed.prefix(cut)))
    XCTAssertEqual(document.encoding, "UTF-8")
    XCTAssertEqual(
      document.warnings.first,
      DocumentWarning(.truncatedCharacter, "file ends inside a multi-byte character: last 1 byte replaced"))
    XCTAssertTrue(document.text.hasSuffix("T\u{FFFD}"), document.text)
  }

  func testDecomposedTextIsReadAsComposed() throws {
    let seed = try HostileFixtures.seedText()
    let (_, document) = try loadOne("nfd.txt", Array(seed.decomposedStringWithCanonicalMapping.utf8))
    XCTAssertEqual(document.text, seed)
    XCTAssertEqual(
      document.warnings.filter {
        [.undecodableBytes, .truncatedCharacter, .legacyEncoding].contains($0.code)
      }, [])
    XCTAssertEqual(document.number, "215-CV/TU")
    XCTAssertEqual(document.province, "Nam Định")
  }

  func testByteOrderMarkAndCRLFAreRemoved() throws {
    let seed = try HostileFixtures.seedText()
    let bytes = [0xEF, 0xBB, 0xBF] + Array(seed.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    let (_, document) = try loadOne("bom-crlf.txt", bytes)
    XCTAssertEqual(document.text, seed)
    XCTAssertEqual(document.date, Day(year: 2021, month: 6, day: 14))
  }

  /// A seed in each legacy encoding reads as the seed does in UTF-8, with a warning naming the
  /// encoding found.
  func testLegacyEncodingsAreDetectedConvertedAndNamed() throws {
    let seed = try HostileFixtures.seedText()
    let reference = try loadOne("reference.txt", Array(seed.utf8)).1
    let expected: [(LegacyEncoding, String)] = [
      (.windows1258, "Windows-1258"), (.tcvn3, "TCVN3 (ABC)"), (.vni, "VNI"),
    ]
    for (encoding, name) in expected {
      let file = "legacy-\(encoding.rawValue).txt"
      let (_, document) = try loadOne(file, LegacyCodec.encode(seed, as: encoding))
      XCTAssertEqual(document.encoding, encoding.rawValue)
      XCTAssertTrue(
        document.warnings.contains { $0.code == .legacyEncoding && $0.message.contains(name) },
        "\(file): \(document.warnings)")
      XCTAssertEqual(document.text.lowercased(), seed.lowercased(), file)
      XCTAssertEqual(document.number, reference.number, file)
      XCTAssertEqual(document.date, reference.date, file)
      XCTAssertEqual(document.province, reference.province, file)
      XCTAssertEqual(document.citations.map(\.number), reference.citations.map(\.number), file)
    }
  }

  func testBytesThatAreNothingKeepTheirPlaceWithAWarning() throws {
    let bytes = HostileFixtures.noiseBytes(count: 5000, seed: 99)
    let (_, document) = try loadOne("noise.txt", bytes)
    XCTAssertNotEqual(document.encoding, "binary")
    XCTAssertFalse(document.warnings.isEmpty)
    XCTAssertTrue(
      document.warnings.contains { $0.code == .undecodableBytes || $0.code == .legacyEncoding },
      "\(document.warnings)")
    XCTAssertEqual(document.text, document.text.precomposedStringWithCanonicalMapping)
  }

  // MARK: The file system

  func testSymbolicLinkLoopIsAWarningWithItsPath() throws {
    try fixtures.write("a/doc.txt", Array("Số 1-CV/TU".utf8))
    try FileManager.default.createSymbolicLink(
      atPath: fixtures.path("a/back"), withDestinationPath: fixtures.folder.path)
    try FileManager.default.createSymbolicLink(
      atPath: fixtures.path("ping.txt"), withDestinationPath: "pong.txt")
    try FileManager.default.createSymbolicLink(
      atPath: fixtures.path("pong.txt"), withDestinationPath: "ping.txt")
    let corpus = try Corpus.load(paths: [fixtures.folder.path])
    XCTAssertEqual(corpus.documents.map(\.id), ["doc"])
    let warned = Dictionary(corpus.loadWarnings.map { ($0.path, $0.reason) }) { first, _ in first }
    XCTAssertEqual(warned[fixtures.path("a/back")]?.contains("loop"), true, "\(warned)")
    XCTAssertEqual(warned[fixtures.path("ping.txt")], "symbolic link loop")
    XCTAssertEqual(warned[fixtures.path("pong.txt")], "symbolic link loop")
  }

  func testDanglingLinkIsAWarningWithItsPath() throws {
    try fixtures.write("real.txt", Array("Số 1-CV/TU".utf8))
    try FileManager.default.createSymbolicLink(
      atPath: fixtures.path("moved.txt"), withDestinationPath: fixtures.path("gone/away.txt"))
    let corpus = try Corpus.load(paths: [fixtures.folder.path])
    XCTAssertEqual(corpus.documents.map(\.id), ["real"])
    XCTAssertEqual(
      corpus.loadWarnings, [LoadWarning(path: fixtures.path("moved.txt"), reason: "dangling symbolic link")])
  }

  /// A file the system refuses to read. Permissions do not stop root, so the suite also reads
  /// a file whose every read fails whoever asks (`/proc/self/mem` at offset 0: EIO).
  func testUnreadableFilesAreWarningsWithTheirPath() throws {
    let locked = try fixtures.write("locked.txt", Array("Số 1-CV/TU".utf8))
    chmod(locked, 0o000)
    defer { chmod(locked, 0o644) }
    let lockedFolder = try fixtures.write("closed/inner.txt", Array("Số 2-CV/TU".utf8))
    chmod(fixtures.path("closed"), 0o000)
    defer { chmod(fixtures.path("closed"), 0o755) }
    try FileManager.default.createSymbolicLink(
      atPath: fixtures.path("memory.txt"), withDestinationPath: "/proc/self/mem")
    let corpus = try Corpus.load(paths: [fixtures.folder.path])
    let warned = Dictionary(corpus.loadWarnings.map { ($0.path, $0.reason) }) { first, _ in first }
    XCTAssertTrue(warned[fixtures.path("memory.txt")]?.hasPrefix("unreadable") == true, "\(warned)")
    XCTAssertFalse(corpus.documents.contains { $0.file == fixtures.path("memory.txt") })
    if geteuid() == 0 {
      XCTAssertEqual(Set(corpus.documents.map(\.file)), [locked, lockedFolder], "root reads them")
    } else {
      XCTAssertEqual(corpus.documents.map(\.file), [])
      XCTAssertNotNil(warned[locked])
      XCTAssertNotNil(warned[fixtures.path("closed")])
    }
  }

  func testAPipeInTheFolderIsAWarningNotAHang() throws {
    try fixtures.write("doc.txt", Array("Số 1-CV/TU".utf8))
    XCTAssertEqual(mkfifo(fixtures.path("pipe.txt"), 0o644), 0)
    let corpus = try Corpus.load(paths: [fixtures.folder.path])
    XCTAssertEqual(corpus.documents.map(\.id), ["doc"])
    XCTAssertEqual(corpus.loadWarnings.map(\.path), [fixtures.path("pipe.txt")])
  }

  /// 20,000 files of 30-odd bytes in the suite (debug builds); the report measures 100,000.
  func testAFolderOfTwentyThousandTinyFilesGivesAsManyDocuments() throws {
    let count = 20_000
    let folder = fixtures.folder.appendingPathComponent("tiny")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for index in 0..<count {
      let text = "Số \(index + 1)-CV/TU ngày 1/1/2021\n"
      guard FileManager.default.createFile(atPath: folder.path + "/t\(index).txt", contents: Data(text.utf8))
      else { return XCTFail("cannot write fixture \(index)") }
    }
    let corpus = try Corpus.load(paths: [folder.path])
    XCTAssertEqual(corpus.documents.count, count)
    XCTAssertEqual(Set(corpus.documents.map(\.id)).count, count)
    XCTAssertEqual(corpus.loadWarnings, [])
    XCTAssertEqual(corpus.document(id: "t19999")?.number, "20000-CV/TU")
  }

  func testAPathThatDoesNotExistIsOneErrorNamingIt() {
    let missing = fixtures.path("nowhere/at/all")
    XCTAssertThrowsError(try Corpus.load(paths: [fixtures.folder.path, missing])) { error in
      XCTAssertEqual("\(error)", "\(missing): no such file or directory")
    }
  }

  // MARK: Escape sequences

  /// The text keeps its escape characters (offsets stay true); every way out to a terminal makes
  /// them visible. The CLI side is in `HostileCLITests`.
  func testEscapeSequencesAreKeptInTheTextAndMadeVisibleOnTheWayOut() throws {
    let (corpus, document) = try loadOne(
      HostileFixtures.escapeFileName, Array(HostileFixtures.escapeDocument.utf8))
    XCTAssertTrue(document.text.unicodeScalars.contains("\u{1B}"))
    XCTAssertEqual(document.number, "99-CV/UBND")
    XCTAssertEqual(document.citations.first?.number, "215-CV/TU")
    let shown = TerminalSafety.sanitize(document.text)
    XCTAssertEqual(HostileFixtures.forbiddenScalars(in: shown), [])
    XCTAssertEqual(shown.unicodeScalars.count, document.text.unicodeScalars.count)
    XCTAssertTrue(shown.contains("␛]0;PWNED-TITLE␇"))
    let exports = [
      ContractJSON.document(document, includeText: true).rendered(indent: 2),
      GraphExport.json(corpus).rendered(indent: 2),
    ]
    for export in exports {
      XCTAssertEqual(HostileFixtures.forbiddenScalars(in: export), [])
    }
    for field in [document.id, document.subject ?? "", document.issuer ?? "", document.signer?.name ?? ""] {
      XCTAssertEqual(HostileFixtures.forbiddenScalars(in: TerminalSafety.sanitize(field)), [], field)
    }
  }
}
