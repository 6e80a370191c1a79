import Foundation
import TestSupport
import XCTest

/// The browser in tmux under faults: tiny and changing sizes, terminals that cannot draw,
/// locales that cannot show Vietnamese, NO_COLOR, signals, and documents that try to command
/// the terminal. Every wait polls the pane; no sleep is an assertion.
final class TerminalFaultTests: TmuxTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDown() {
    super.tearDown()
    try? FileManager.default.removeItem(at: folder)
  }

  /// A shell in a fresh 100×30 pane, its prompt `$ `, its terminal settings saved.
  func startShell(width: Int = 100, height: Int = 30) {
    tmux("kill-session", "-t", session)
    tmux(
      "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), "-c", Package.root.path,
      "sh")
    keys("PS1='$ '; stty -a | head -1 > \(folder.path)/before", "Enter")
    waitForPrompt()
  }

  /// Starts the browser on `arguments` with `environment`, writing its pid and, when it ends,
  /// its status and the terminal settings.
  func startBrowser(_ arguments: String = "Data/corpus", environment: String = "") {
    keys(
      "clear; sh -c 'echo $$ > \(folder.path)/pid; exec env \(environment) \(Package.binary) \(arguments)'; "
        + "status=$?; stty -a | head -1 > \(folder.path)/after; echo \"exit=$status\"",
      "Enter")
  }

  func browserPID() throws -> Int32 {
    let text = try String(contentsOfFile: folder.path + "/pid", encoding: .utf8)
    return try XCTUnwrap(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  func assertTerminalRestored(file: StaticString = #filePath, line: UInt = #line) throws {
    let before = try String(contentsOfFile: folder.path + "/before", encoding: .utf8)
    let after = try String(contentsOfFile: folder.path + "/after", encoding: .utf8)
    XCTAssertEqual(after, before, "terminal settings", file: file, line: line)
    keys("clear; echo al''ive", "Enter")
    waitUntil("the shell to answer", file: file, line: line) {
      screen().split(separator: "\n").contains("alive")
    }
  }

  // MARK: Sizes

  func testResizingToOneByOneAndBackInTheMiddleOfASearch() throws {
    startShell()
    startBrowser()
    waitFor("5 of 5 documents")
    keys("/")
    type("bon")
    waitFor("Search: bon")
    // Keys are ignored while the screen is too small (by design), so none is typed there.
    for (width, height) in [(1, 1), (2, 1), (1, 3), (30, 1)] {
      tmux("resize-window", "-t", session, "-x", String(width), "-y", String(height))
      waitUntil("a \(width)×\(height) pane") {
        display("#{pane_width}x#{pane_height}") == "\(width)x\(height)"
      }
    }
    tmux("resize-window", "-t", session, "-x", "100", "-y", "30")
    waitFor("Search: bon")
    type(" tai cho")
    waitFor("1 of 5 documents")
    keys("Enter")
    waitFor("search: “bon tai cho”")
    keys("Q")
    waitFor("exit=0")
    try assertTerminalRestored()
  }

  // MARK: Terminals and locales

  func testDumbTerminalIsOneLineAndExitTwo() throws {
    startShell()
    startBrowser(environment: "TERM=dumb")
    waitFor("exit=2")
    let shown = screen().replacingOccurrences(of: "\n", with: "")
    XCTAssertTrue(shown.contains("\"dumb\" (TERM) cannot move the cursor"), shown)
    try assertTerminalRestored()
  }

  /// Under a C locale nothing is mojibake: letters lose their marks and a note says why.
  func testCLocaleShowsASCIIWithANoteNeverMojibake() throws {
    for environment in ["LANG=C LC_ALL=", "LC_ALL=C"] {
      startShell()
      startBrowser(environment: environment)
      waitFor("locale not UTF-8")
      waitFor("Nam Dinh")
      let shown = screen()
      XCTAssertTrue(shown.contains("Cong van"), shown)
      XCTAssertTrue(shown.unicodeScalars.allSatisfy(\.isASCII), "\(environment): \(shown)")
      keys("Q")
      waitFor("exit=0")
      try assertTerminalRestored()
    }
  }

  func testNoColorDrawsWithoutColours() throws {
    XCTAssertFalse(try colourCodes("NO_COLOR=").isEmpty, "with colours allowed, some are drawn")
    XCTAssertEqual(try colourCodes("NO_COLOR=1"), [])
  }

  /// The colour codes (foreground and background) the browser drew on its first screen.
  func colourCodes(_ environment: String, arguments: String = "Data/corpus") throws -> [String] {
    startShell()
    startBrowser(arguments, environment: "TERM=xterm-256color " + environment)
    waitFor("5 of 5 documents")
    let pattern = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
    let captured = screen(escapes: true)
    let codes = pattern.matches(in: captured, range: NSRange(captured.startIndex..., in: captured))
      .compactMap { Range($0.range(at: 1), in: captured).map { String(captured[$0]) } }
      .flatMap { $0.split(separator: ";").map(String.init) }
    keys("Q")
    waitFor("exit=0")
    return codes.filter { code in
      guard let value = Int(code) else { return false }
      return (30...49).contains(value) && value != 39 && value != 49 || (90...107).contains(value)
    }
  }

  /// `colours` and `mouse` of the config file reach the browser; its options override them.
  func testTheConfigFileTurnsColoursAndMouseOffAndOptionsTurnThemOn() throws {
    let config = folder.appendingPathComponent("config")
    try Data("colours = off\nmouse = off\n".utf8).write(to: config)
    XCTAssertEqual(try colourCodes("NO_COLOR= VANBAN_CONFIG=\(config.path)"), [])
    XCTAssertFalse(
      try colourCodes("NO_COLOR= VANBAN_CONFIG=\(config.path)", arguments: "--colours Data/corpus").isEmpty)
    try Data("colours = on\n".utf8).write(to: config)
    XCTAssertFalse(
      try colourCodes("NO_COLOR=1 VANBAN_CONFIG=\(config.path)").isEmpty, "the config file over NO_COLOR")

    func mouseReported(_ arguments: String) -> Bool {
      startShell()
      startBrowser(arguments, environment: "VANBAN_CONFIG=\(config.path)")
      waitFor("5 of 5 documents")
      let flags = display("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}")
      keys("Q")
      waitFor("exit=0")
      return flags.contains("1")
    }
    try Data("mouse = off\n".utf8).write(to: config)
    XCTAssertFalse(mouseReported("Data/corpus"), "mouse = off leaves the mouse to the terminal")
    XCTAssertTrue(mouseReported("--mouse Data/corpus"))
    try Data("mouse = on\n".utf8).write(to: config)
    XCTAssertTrue(mouseReported("Data/corpus"))
    XCTAssertFalse(mouseReported("--no-mouse Data/corpus"))
  }

  // MARK: Signals

  func testTerminateAndHangUpGiveTheShellBack() throws {
    for (signal, status) in [(SIGTERM, 143), (SIGHUP, 129)] {
      startShell()
      startBrowser()
      waitFor("5 of 5 documents")
      kill(try browserPID(), signal)
      waitFor("exit=\(status)")
      try assertTerminalRestored()
    }
  }

  // MARK: Hostile documents

  /// A document that writes the title (OSC 0/2), the clipboard (OSC 52) and clears the screen:
  /// in the reader it shows placeholders, and the pane's title is what it was.
  func testEscapeSequencesInTheReaderLeaveTheTitleAlone() throws {
    let text = """
      UBND TỈNH NAM ĐỊNH\u{1B}]0;PWNED-TITLE\u{07}
      Số 99-CV/UBND
      Nam Định, ngày 20 tháng 6 năm 2021
      V/v đặt tiêu đề \u{1B}]2;PWNED-TITLE\u{07} ghi bộ nhớ \u{1B}]52;c;cHduZWQ=\u{07} xóa \u{1B}[2J\u{1B}[H
      Các sở\u{9B}2J thực hiện\u{08}\u{08}\u{08}XXX.

      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("esc.txt"))
    startShell()
    tmux("select-pane", "-t", session, "-T", "KEEP-THIS-TITLE")
    waitUntil("the title to be set") { display("#{pane_title}") == "KEEP-THIS-TITLE" }
    startBrowser(folder.appendingPathComponent("esc.txt").path)
    waitFor("of 1 document")
    keys("Enter")
    waitFor("Reader · esc")
    waitFor("␛]52;c;cHduZWQ=␇")
    let shown = screen()
    XCTAssertTrue(shown.contains("UBND TỈNH NAM ĐỊNH␛]0;PWNED-TITLE␇"), shown)
    XCTAssertTrue(shown.contains("␈␈␈XXX"), shown)
    XCTAssertEqual(display("#{pane_title}"), "KEEP-THIS-TITLE")
    XCTAssertFalse(run(["tmux", "list-buffers"]).output.contains("pwned"), "the clipboard was written")
    keys("Q")
    waitFor("exit=0")
    XCTAssertEqual(display("#{pane_title}"), "KEEP-THIS-TITLE")
    try assertTerminalRestored()
  }
}
