import Foundation
import TestSupport
import XCTest

/// A test case that drives a tmux session as a person would: it types keys and reads the
/// pane back, polling (never sleeping) until what it expects appears.
class TmuxTestCase: XCTestCase {
  lazy var session =
    "vanban-\(String(describing: Swift.type(of: self)))-\(ProcessInfo.processInfo.processIdentifier)"

  @discardableResult
  func run(_ arguments: [String]) -> (status: Int32, output: String) {
    let result = runProgram(arguments)
    return (result.status, result.output)
  }

  func tmux(_ arguments: String...) { run(["tmux"] + arguments) }

  /// A generated corpus whose files all look a while old, as on a later day's start: a file
  /// written in the last two seconds is never kept in a snapshot.
  func generateAgedCorpus(at path: String, documents: Int, seed: Int) {
    let generated = run([Package.binary, "generate", "--docs", "\(documents)", "--seed", "\(seed)", path])
    XCTAssertEqual(generated.status, 0, generated.output)
    let walker = FileManager.default.enumerator(atPath: path)
    while let name = walker?.nextObject() as? String {
      guard name.hasSuffix(".txt") else { continue }
      XCTAssertTrue(backdate(path + "/" + name), name)
    }
  }

  func keys(_ keys: String...) { run(["tmux", "send-keys", "-t", session] + keys) }

  func type(_ text: String) { run(["tmux", "send-keys", "-t", session, "-l", text]) }

  func screen(escapes: Bool = false) -> String {
    run(["tmux", "capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", session]).output
  }

  func display(_ format: String) -> String {
    run(["tmux", "display", "-p", "-t", session, format]).output.trimmingCharacters(in: .newlines)
  }

  /// Polls until `condition` holds; fails with the last screen after the timeout.
  @discardableResult
  func waitUntil(
    _ what: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () -> Bool
  ) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      usleep(50_000)
    }
    XCTFail("waited for \(what); screen:\n\(screen())", file: file, line: line)
    return false
  }

  /// Polls until the shell's last line ends in its `$ ` prompt: the typed command line that set
  /// the prompt also holds a `$`, so waiting for the character alone can type into a busy shell.
  /// (The line may start with the shell's first prompt when the keys were echoed before it.)
  func waitForPrompt(file: StaticString = #filePath, line: UInt = #line) {
    waitUntil("the “$ ” prompt", file: file, line: line) {
      let lines = screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      return lines.last(where: { !$0.isEmpty })?.hasSuffix("$") == true
    }
  }

  /// Polls the pane until it shows `text` (or no longer does); returns the last screen.
  @discardableResult
  func waitFor(
    _ text: String, absent: Bool = false, timeout: TimeInterval = 20, file: StaticString = #filePath,
    line: UInt = #line
  ) -> String {
    var last = ""
    waitUntil("\(absent ? "absence of " : "")“\(text)”", timeout: timeout, file: file, line: line) {
      last = screen()
      return last.contains(text) != absent
    }
    return last
  }

  override func setUpWithError() throws {
    try XCTSkipIf(run(["tmux", "-V"]).status != 0, "tmux is not installed")
    XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Package.binary), "build first: swift build")
  }

  override func tearDown() {
    tmux("kill-session", "-t", session)
  }
}
