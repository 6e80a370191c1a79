import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// A warm start in the real browser: a corpus whose snapshot is written is listed whole at once,
/// in the order of `vanban list`, with its final count; the graph follows when it is built.
final class WarmStartEndToEndTests: TmuxTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var cacheHome: String { folder.appendingPathComponent("cache").path }

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-warm-\(UUID().uuidString)")
    generateAgedCorpus(at: corpus, documents: 1200, seed: 21)
  }

  override func tearDown() {
    super.tearDown()
    try? FileManager.default.removeItem(at: folder)
  }

  /// `vanban list`'s rows: each one's date and subject, in order.
  func listed() -> [(date: String, subject: String)] {
    let listing = runProgram([Package.binary, "list", corpus], environment: ["XDG_CACHE_HOME": cacheHome])
    XCTAssertEqual(listing.status, 0, listing.errors)
    let lines = listing.standardOutput.split(separator: "\n").map { Array($0) }
    guard let header = lines.first else { return [] }
    let subjectColumn = Array(String(header)).firstRange(of: Array("SUBJECT"))!.lowerBound
    let provinceColumn = Array(String(header)).firstRange(of: Array("PROVINCE"))!.lowerBound
    return lines.dropFirst().prefix { $0.count > subjectColumn }.map { line in
      (
        String(line[0..<provinceColumn]).trimmingCharacters(in: .whitespaces),
        String(line[subjectColumn...])
      )
    }
  }

  func testAWarmStartListsTheWholeCorpusInListOrderAtOnce() throws {
    // The first run writes the snapshot; the second reads it.
    let expected = listed()
    XCTAssertEqual(listed().map(\.subject), expected.map(\.subject))
    XCTAssertGreaterThan(expected.count, 100)
    tmux("kill-session", "-t", session)
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", "-c", folder.path, "sh")
    keys("PS1='$ '", "Enter")
    waitForPrompt()
    keys("clear; XDG_CACHE_HOME=\(cacheHome) \(Package.binary) \(corpus); echo \"exit=$?\"", "Enter")
    var first = ""
    waitUntil("the first rows", timeout: 60) {
      first = screen()
      let lines = first.split(separator: "\n", omittingEmptySubsequences: false)
      return lines.count > 38 && lines[3].hasPrefix("▸ ") && lines[38].contains(" documents")
    }
    let lines = first.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Whole at once: never the partial list of a first run.
    XCTAssertFalse(first.contains("parsed documents"), first)
    XCTAssertTrue(lines[38].hasPrefix("\(expected.count) of \(expected.count) documents · "), lines[38])
    for (row, document) in zip(lines[3..<38], expected) {
      XCTAssertTrue(row.dropFirst(2).hasPrefix(document.date), "\(row)\n\(document)")
      let subject = document.subject.prefix(24)
      XCTAssertTrue(row.contains(subject), "\(row)\nshould show “\(subject)”")
    }
    // The graph is drawn once it is built, and the status line's note goes.
    keys("2")
    waitFor("most cited first", timeout: 120)
    keys("1")
    let final = waitFor("\(expected.count) of \(expected.count) documents · ", timeout: 60)
    XCTAssertFalse(final.contains("building the citation graph"), final)
    keys("q")
    waitFor("exit=0")
  }
}
