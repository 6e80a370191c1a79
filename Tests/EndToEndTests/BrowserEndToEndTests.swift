import Foundation
import TestSupport
import XCTest

/// Drives the built `vanban` inside tmux, as a person would, and reads the screen back.
final class BrowserEndToEndTests: TmuxTestCase {
  static let root = Package.root
  static let binary = Package.binary
  static let corpus = root.appendingPathComponent("Data/corpus").path
  override func tearDown() {
    super.tearDown()
    for suffix in ["before", "after", "pid"] {
      try? FileManager.default.removeItem(atPath: "/tmp/\(session).\(suffix)")
    }
  }

  func startShell() {
    tmux("kill-session", "-t", session)
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", Self.root.path, "sh")
    keys("PS1='$ '; stty -a | head -1 > /tmp/\(session).before", "Enter")
    waitForPrompt()
  }

  func testTheScenarioOnTheShippedCorpus() throws {
    startShell()
    keys(
      "clear; \(Self.binary) Data/corpus; status=$?; stty -a | head -1 > /tmp/\(session).after; echo \"exit=$status\"",
      "Enter")
    waitFor("5 of 5 documents")
    // Filter to Kiên Giang with the picker, then clear.
    keys("p")
    waitFor("Province:")
    type("kien giang")
    waitFor("▸  Kiên Giang")
    keys("Enter")
    waitFor("1 of 5 documents")
    waitFor("province: Kiên Giang")
    keys("c")
    waitFor("5 of 5 documents")
    // Search without diacritics and open the one hit.
    keys("/")
    type("bon tai cho")
    waitFor("1 of 5 documents")
    keys("Enter")
    waitFor("search: “bon tai cho”")
    keys("Enter")
    waitFor("Reader · 004_f8f51dfb989f039e")
    // Tab to the 215-CV/TU link and follow it to seed 000.
    var tabs = 0
    while !screen().contains("→ Công văn 215-CV/TU"), tabs < 12 {
      keys("Tab")
      tabs += 1
      usleep(150_000)
    }
    waitFor("→ Công văn 215-CV/TU")
    keys("Enter")
    waitFor("Reader · 000_c04fbf0a9182cd61")
    // Back, then the 07-KL/TW link to its page.
    keys("BSpace")
    waitFor("Reader · 004_f8f51dfb989f039e")
    tabs = 0
    while !screen().contains("→ Kết luận 07-KL/TW"), tabs < 12 {
      keys("BTab")
      tabs += 1
      usleep(150_000)
    }
    keys("Enter")
    waitFor("Cited by 3 documents in 2 provinces")
    // The graph, a resize below the minimum and back.
    keys("2")
    waitFor("Graph")
    waitFor("07-KL/TW")
    tmux("resize-window", "-t", session, "-x", "30", "-y", "8")
    waitFor("Too small: 30×8")
    tmux("resize-window", "-t", session, "-x", "100", "-y", "30")
    waitFor("vanban · Graph")
    // Quit: the shell comes back with the terminal as it was.
    keys("Q")
    waitFor("exit=0")
    let before = try String(contentsOfFile: "/tmp/\(session).before", encoding: .utf8)
    let after = try String(contentsOfFile: "/tmp/\(session).after", encoding: .utf8)
    XCTAssertEqual(before, after)
  }

  /// The reader's `d`: the diagram of 215-CV/TU, an entry followed each way, and back each time.
  func testTheDiagramFromTheReader() {
    startShell()
    keys("clear; \(Self.binary) Data/corpus; echo \"exit=$?\"", "Enter")
    waitFor("5 of 5 documents")
    keys("Down", "Down", "Down", "Enter")
    waitFor("Reader · 000_c04fbf0a9182cd61")
    waitFor("d diagram")
    keys("d")
    waitFor("Diagram · 000_c04fbf0a9182cd61")
    let screen = waitFor("What stands on it")
    XCTAssertTrue(screen.contains("Implements · 1"), screen)
    XCTAssertTrue(screen.contains("│ Công văn 215-CV/TU"), screen)
    XCTAssertTrue(screen.contains("▸   └─ 2021-06-11   -3 d"), "07-KL/TW above, selected first:\n\(screen)")
    // Up the diagram: 07-KL/TW's page, then back.
    keys("Enter")
    waitFor("Cited by 3 documents in 2 provinces")
    keys("BSpace")
    waitFor("Diagram · 000_c04fbf0a9182cd61")
    // Down the diagram: past the box to the July letter that implements it, then back.
    keys("Down", "Down")
    waitFor("▸   └─ ≥ 2021-07-21 ≥ +37 d")
    keys("Enter")
    waitFor("Reader · 004_f8f51dfb989f039e")
    keys("BSpace")
    waitFor("Diagram · 000_c04fbf0a9182cd61")
    // Back where it was: the July letter still selected (awaited as a row: tmux can be read while
    // the diagram is half drawn over the reader).
    waitFor("▸   └─ ≥ 2021-07-21")
    keys("Q")
    waitFor("exit=0")
  }

  func testQuittingAndSignalsRestoreTheTerminal() throws {
    startShell()
    keys(
      "clear; \(Self.binary) Data/corpus; status=$?; stty -a | head -1 > /tmp/\(session).after; echo \"exit=$status\"",
      "Enter")
    waitFor("documents")
    keys("q")
    waitFor("exit=0")
    let before = try String(contentsOfFile: "/tmp/\(session).before", encoding: .utf8)
    XCTAssertEqual(try String(contentsOfFile: "/tmp/\(session).after", encoding: .utf8), before)
    let pidFile = "/tmp/\(session).pid"
    keys("clear; sh -c 'echo $$ > \(pidFile); exec \(Self.binary) Data/corpus'; echo \"term=$?\"", "Enter")
    waitFor("documents")
    let pid = try XCTUnwrap(
      Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    kill(pid, SIGTERM)
    waitFor("term=143")
    // Awaited by what the command prints, not by a word of the command line itself.
    keys("stty -a | head -1 > /tmp/\(session).after; echo \"written=$?\"", "Enter")
    waitFor("written=0")
    XCTAssertEqual(try String(contentsOfFile: "/tmp/\(session).after", encoding: .utf8), before)
  }

  func testPlainOutputWhenNotATerminalAndErrorsWithoutTERM() {
    let piped = run([Self.binary, Self.corpus])
    XCTAssertEqual(piped.status, 0)
    let lines = piped.output.split(separator: "\n")
    XCTAssertEqual(lines.count, 7, piped.output)  // header, five documents, summary
    XCTAssertEqual(lines.last, "5 of 5 documents · 2 warnings")
    XCTAssertFalse(piped.output.contains("\u{1B}"))
    let noTerm = run(["script", "-qec", "env -u TERM \(Self.binary) \(Self.corpus)", "/dev/null"])
    XCTAssertEqual(noTerm.status, 2)
    XCTAssertTrue(noTerm.output.contains("TERM is not set"), noTerm.output)
    let unknown = run([
      "script", "-qec", "env TERM=no-such-terminal \(Self.binary) \(Self.corpus)", "/dev/null",
    ])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.output.contains("unknown terminal type"), unknown.output)
  }
}
