import Foundation
import TestSupport
import XCTest

/// A cold first run on a corpus slow enough to watch: documents are listed, in order, while the
/// rest load; the graph waits for the whole corpus; the final count replaces the partial one.
final class StreamingEndToEndTests: TmuxTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-stream-\(UUID().uuidString)")
    let generated = run([
      Package.binary, "generate", "--docs", "1500", "--seed", "13", folder.path + "/corpus",
    ])
    XCTAssertEqual(generated.status, 0, generated.output)
  }

  override func tearDown() {
    super.tearDown()
    try? FileManager.default.removeItem(at: folder)
  }

  func testAColdLoadListsDocumentsBeforeItEnds() throws {
    tmux("kill-session", "-t", session)
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", "-c", folder.path, "sh")
    keys("PS1='$ '", "Enter")
    waitForPrompt()
    let started = Date()
    keys(
      "clear; XDG_CACHE_HOME=\(folder.path)/cache \(Package.binary) --no-cache corpus; echo \"exit=$?\"",
      "Enter")
    var partial = ""
    waitUntil("documents listed while the corpus loads", timeout: 120) {
      partial = screen()
      return partial.contains(" parsed documents · loading ")
    }
    let firstShown = Date().timeIntervalSince(started)
    let lines = partial.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertTrue(lines[2].contains("Date") && lines[2].contains("Province"), partial)
    XCTAssertTrue(lines[3].hasPrefix("▸ "), "the first document is selected:\n\(partial)")
    // The rows shown are in list order: dates never go down (undated rows last).
    let dates = lines[3..<27].compactMap { line -> String? in
      let date = line.dropFirst(2).prefix(10)
      return date.count == 10 && date.first?.isNumber == true ? String(date) : nil
    }
    XCTAssertFalse(dates.isEmpty, partial)
    XCTAssertEqual(dates, dates.sorted(), partial)
    XCTAssertFalse(partial.contains("warning"), "no partial warning count:\n\(partial)")
    // The graph needs every document linked: it says so while the load goes on.
    // Waited for whole: tmux may show a frame half drawn (the title before the rows).
    keys("2")
    var graph = ""
    waitUntil("the graph page, loading or whole", timeout: 120) {
      graph = screen()
      return graph.contains("vanban · Graph")
        && (graph.contains("Loading the corpus: this page is shown once every file is read")
          || graph.contains("most cited first"))
    }
    if graph.contains("most cited first") {
      XCTAssertFalse(graph.contains(" files"), "a graph is shown only once the corpus is linked:\n\(graph)")
    }
    keys("1")
    var final = ""
    waitUntil("the whole corpus", timeout: 300) {
      final = screen()
      return final.contains("1500 of 1500 documents · ")
    }
    let wholeShown = Date().timeIntervalSince(started)
    XCTAssertFalse(final.contains("loading"), final)
    XCTAssertFalse(final.contains("parsed documents"), final)
    print(
      "streaming: first documents on screen after \(String(format: "%.2f", firstShown)) s, "
        + "the whole corpus after \(String(format: "%.2f", wholeShown)) s")
    keys("2")
    waitFor("most cited first")
    keys("q", "q")
    waitFor("exit=0")
  }
}
