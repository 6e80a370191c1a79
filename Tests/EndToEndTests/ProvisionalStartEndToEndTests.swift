import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The real browser on a warm start shows its snapshot's list before the files are checked:
/// a file changed since then, or a snapshot corrupt behind a sound structure, is found after the
/// first frame, and the list becomes that of `vanban list --no-cache`, without a crash.
final class ProvisionalStartEndToEndTests: TmuxTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var cacheHome: String { folder.appendingPathComponent("cache").path }

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-provisional-\(UUID().uuidString)")
    generateAgedCorpus(at: corpus, documents: 600, seed: 5)
  }

  override func tearDown() {
    super.tearDown()
    try? FileManager.default.removeItem(at: folder)
  }

  /// `vanban list`'s subjects, in order.
  func subjects(_ options: [String] = []) -> [String] {
    let listing = runProgram(
      [Package.binary, "list"] + options + [corpus], environment: ["XDG_CACHE_HOME": cacheHome])
    XCTAssertEqual(listing.status, 0, listing.errors)
    let lines = listing.standardOutput.split(separator: "\n").map(String.init)
    guard let header = lines.first, let column = header.range(of: "SUBJECT")?.lowerBound else { return [] }
    let offset = header.distance(from: header.startIndex, to: column)
    return lines.dropFirst().prefix { $0.count > offset }.map { String($0.dropFirst(offset)) }
  }

  /// The first file `vanban list --json` lists.
  func firstFile() throws -> String {
    let listing = runProgram(
      [Package.binary, "list", "--json", corpus], environment: ["XDG_CACHE_HOME": cacheHome])
    let documents = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(listing.standardOutput.utf8)) as? [[String: Any]])
    return try XCTUnwrap(documents.first?["file"] as? String)
  }

  func open() {
    tmux("kill-session", "-t", session)
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", "-c", folder.path, "sh")
    keys("PS1='$ '", "Enter")
    waitForPrompt()
    keys(
      "clear; XDG_CACHE_HOME=\(cacheHome) \(Package.binary) \(corpus) 2>err.txt; echo \"exit=$?\"", "Enter")
  }

  /// Waits until the list is confirmed and shows `count` documents; returns the rows' text.
  func confirmedRows(_ count: Int) -> [String] {
    var shown: [String] = []
    waitUntil("\(count) documents, checked", timeout: 90) {
      shown = screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      return shown.count > 38 && shown[38].hasPrefix("\(count) of \(count) documents · ")
        && !shown[38].contains("checking files")
    }
    return Array(shown[3..<min(38, shown.count)])
  }

  func assertRows(
    _ rows: [String], show subjects: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    for (row, subject) in zip(rows, subjects.prefix(35)) {
      XCTAssertTrue(
        row.contains(subject.prefix(24)), "\(row)\nshould show “\(subject)”", file: file, line: line)
    }
  }

  func testAFileRemovedSinceTheSnapshotGoesOnceTheFilesAreChecked() throws {
    let stored = subjects()
    XCTAssertEqual(subjects(), stored, "the snapshot is written")
    try FileManager.default.removeItem(atPath: try firstFile())
    let expected = subjects(["--no-cache"])
    XCTAssertEqual(expected.count, stored.count - 1)
    open()
    let rows = confirmedRows(expected.count)
    assertRows(rows, show: expected)
    keys("q")
    waitFor("exit=0")
  }

  func testACorruptSnapshotFoundAfterTheFirstFrameIsRebuiltWithItsWarning() throws {
    let expected = subjects()
    let path = runProgram(
      [Package.binary, "cache", "path", corpus], environment: ["XDG_CACHE_HOME": cacheHome]
    )
    .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    XCTAssertGreaterThan(bytes.count, 1000)
    // The last byte is a document's text: the structure holds and only the checksum sees it.
    bytes[bytes.count - 1] ^= 0x01
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    open()
    waitFor("is corrupt (checksum mismatch)", timeout: 60)
    _ = confirmedRows(expected.count)
    // The cursor stayed on the document it was on while the files were parsed again: to the top.
    keys("Home")
    waitUntil("the list from its top, as `vanban list` gives it") {
      zip(confirmedRows(expected.count), expected.prefix(35)).allSatisfy { $0.contains($1.prefix(24)) }
    }
    keys("q")
    waitFor("exit=0")
    let errors =
      (try? String(contentsOfFile: folder.appendingPathComponent("err.txt").path, encoding: .utf8)) ?? ""
    XCTAssertEqual(
      errors.split(separator: "\n").filter { $0.contains("checksum mismatch") }.count, 1, errors)
    // Rebuilt: the next start trusts it.
    XCTAssertEqual(subjects(), expected)
  }
}
