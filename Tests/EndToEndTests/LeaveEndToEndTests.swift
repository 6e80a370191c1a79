import Foundation
import TestSupport
import XCTest

/// Leaving the program with one's work (#14), driven in tmux: `$PAGER` and `$EDITOR` given the
/// file as an argument with the screen restored after, marks and notes kept across two runs, an
/// export written where the prompt says.
final class LeaveEndToEndTests: TmuxTestCase {
  static let binary = Package.binary
  var folder = ""

  override func setUpWithError() throws {
    try super.setUpWithError()
    folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("vanban-leave-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    // A program that records its arguments, one a line, as $PAGER and $EDITOR.
    let recorder = folder + "/record"
    try "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > \"$0.args\"\n".write(
      toFile: recorder, atomically: true, encoding: .utf8)
    chmod(recorder, 0o755)
  }

  override func tearDown() {
    super.tearDown()
    try? FileManager.default.removeItem(atPath: folder)
  }

  func startShell() {
    tmux("kill-session", "-t", session)
    tmux("new-session", "-d", "-s", session, "-x", "180", "-y", "30", "-c", folder, "sh")
    keys("PS1='$ '", "Enter")
    waitForPrompt()
  }

  func launch(_ arguments: String) {
    keys(
      "clear; env XDG_DATA_HOME='\(folder)/data' PAGER='\(folder)/record' EDITOR='\(folder)/record' "
        + "VANBAN_CONFIG=/dev/null \(Self.binary) \(arguments); echo \"exit=$?\"", "Enter")
  }

  /// The list, once a warm start has checked its files: until then marks, notes, export and
  /// yank wait, as the ids may still change.
  func waitForCheckedList(_ count: String) {
    waitFor(count)
    waitFor("checking files…", absent: true)
  }

  func recorded() -> [String] {
    ((try? String(contentsOfFile: folder + "/record.args", encoding: .utf8)) ?? "")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
  }

  /// A file whose name holds spaces, quotes and a command substitution reaches the pager as one
  /// argument, and nothing in its name runs.
  func testThePagerGetsTheFileAsOneArgumentAndTheScreenComesBack() throws {
    let corpus = folder + "/my corpus"
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    let name = "a 'b' $(touch pwned) `touch pwned`.txt"
    let source = Package.root.appendingPathComponent("Data/corpus/000_c04fbf0a9182cd61.txt").path
    let contents = try XCTUnwrap(FileManager.default.contents(atPath: source))
    XCTAssertTrue(FileManager.default.createFile(atPath: corpus + "/" + name, contents: contents))
    startShell()
    launch("'\(corpus)'")
    waitForCheckedList("1 of 1 document")
    keys("Enter")
    waitFor("Reader ·")
    keys("v")
    waitUntil("the pager's arguments") { recorded().count == 2 }
    XCTAssertEqual(recorded(), ["1", corpus + "/" + name])
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/pwned"), "a file name was run")
    // The screen is drawn again after the pager.
    waitFor("Issuer    Ban Thường vụ Tỉnh ủy Nam Định")
    try FileManager.default.removeItem(atPath: folder + "/record.args")
    keys("E")
    waitUntil("the editor's arguments") { recorded().count == 2 }
    XCTAssertEqual(recorded(), ["1", corpus + "/" + name])
    waitFor("Reader ·")
    keys("y")
    waitFor("copied: Công văn số 215-CV/TU ngày 14/6/2021 của Ban Thường vụ Tỉnh ủy Nam Định")
    keys("M")
    waitFor("mouse off (M)")
    keys("Q")
    waitFor("exit=0")
  }

  /// The built-in corpus has no files: the pager gets a temporary copy.
  func testABuiltInDocumentIsPagedFromATemporaryCopy() throws {
    startShell()
    launch("")
    waitForCheckedList("5 of 5 documents")
    keys("v")
    waitUntil("the pager's arguments") { recorded().count == 2 }
    let path = recorded()[1]
    XCTAssertTrue(path.contains("vanban-") && path.hasSuffix("003_971c03e54ee92b8c.txt"), path)
    XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("2644"))
    keys("Y")
    waitFor("is built in: it has no file")
    keys("Q")
    waitFor("exit=0")
  }

  /// `m`, `a` and `'` in one run; the next run on the same corpus lists the mark and its note.
  func testMarksAndNotesLastAcrossTwoRuns() throws {
    let corpus = Package.root.appendingPathComponent("Data/corpus").path
    startShell()
    launch(corpus)
    waitForCheckedList("5 of 5 documents")
    keys("Down", "Down", "Down", "Enter")
    waitFor("Reader · 000_c04fbf0a9182cd61")
    keys("m")
    waitFor("marked 000_c04fbf0a9182cd61")
    keys("a")
    waitFor("Note: ")
    type("hỏi lại")
    keys("Enter")
    waitFor("Note      hỏi lại")
    keys("Q")
    waitFor("exit=0")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/data/vanban")
    XCTAssertEqual(files.count, 1, "\(files)")
    let saved = try String(contentsOfFile: folder + "/data/vanban/" + files[0], encoding: .utf8)
    XCTAssertTrue(saved.contains("\"000_c04fbf0a9182cd61\" : \"hỏi lại\""), saved)
    launch(corpus)
    waitForCheckedList("5 of 5 documents")
    keys("'")
    // The whole row, not the title: tmux may be read while the terminal is halfway through drawing
    // the new screen over the library.
    let screen = waitFor("000_c04fbf0a9182cd61  note:")
    XCTAssertTrue(screen.contains("Công văn 215-CV/TU 000_c04fbf0a9182cd61  note: hỏi lại"), screen)
    keys("Enter")
    waitFor("Note      hỏi lại")
    // A corrupt file is one line of warning, and the browser still opens.
    keys("Q")
    waitFor("exit=0")
    try "{not json".write(toFile: folder + "/data/vanban/" + files[0], atomically: true, encoding: .utf8)
    launch(corpus)
    waitFor("marks and notes not read (not JSON with marks and notes)")
    keys("Q")
    waitFor("exit=0")
  }

  /// A warm start whose check of the files is held (`VANBAN_HOLD_CHECK_WHILE`): `m` shows its
  /// mark at once and `e` takes its file name, and both wait, the status line says so; once the
  /// check is let go, the mark is saved and the export written.
  func testAMarkAndAnExportPressedWhileTheFilesAreCheckedWaitForTheCheck() throws {
    let corpus = folder + "/corpus"
    generateAgedCorpus(at: corpus, documents: 40, seed: 11)
    let hold = folder + "/hold"
    XCTAssertTrue(FileManager.default.createFile(atPath: hold, contents: nil))
    let environment =
      "env XDG_CACHE_HOME='\(folder)/cache' XDG_DATA_HOME='\(folder)/data' VANBAN_CONFIG=/dev/null"
    startShell()
    keys("clear; \(environment) \(Self.binary) list '\(corpus)' > /dev/null; echo listed=$?", "Enter")
    waitFor("listed=0", timeout: 60)
    keys(
      "clear; \(environment) VANBAN_HOLD_CHECK_WHILE='\(hold)' \(Self.binary) '\(corpus)'; echo \"exit=$?\"",
      "Enter")
    waitFor("checking files…")
    keys("m")
    waitFor("; saved once the files are checked")
    keys("e")
    waitFor("Export to (.csv or .json): vanban-library.csv")
    keys("Enter")
    waitFor("vanban-library.csv is written once the files are checked")
    waitFor("checking files… · 2 waiting (mark, export)")
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/vanban-library.csv"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/data/vanban"), "no mark saved yet")
    try FileManager.default.removeItem(atPath: hold)
    waitFor("wrote 40 rows to \(folder)/vanban-library.csv")
    waitFor("checking files…", absent: true)
    let written = try String(contentsOfFile: folder + "/vanban-library.csv", encoding: .utf8)
    // The last two columns are `marked` and `note`.
    XCTAssertEqual(
      written.components(separatedBy: "\r\n").filter { $0.hasSuffix(",true,") }.count, 1,
      "one row marked: \(written)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/data/vanban")
    let saved = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder + "/data/vanban/" + files[0])))
        as? [String: Any])
    XCTAssertEqual((saved["marks"] as? [String])?.count, 1, "\(saved)")
    keys("Q")
    waitFor("exit=0")
  }

  /// `e` on the library: the default name, in the current directory, and where it wrote.
  func testExportWritesWhereItSays() throws {
    startShell()
    launch(Package.root.appendingPathComponent("Data/corpus").path)
    waitForCheckedList("5 of 5 documents")
    keys("e")
    waitFor("Export to (.csv or .json): vanban-library.csv")
    keys("Enter")
    waitFor("wrote 5 rows to \(folder)/vanban-library.csv")
    let written = try String(contentsOfFile: folder + "/vanban-library.csv", encoding: .utf8)
    XCTAssertTrue(written.hasPrefix("id,file,built_in,"), written)
    XCTAssertEqual(written.components(separatedBy: "\r\n").count, 7)
    keys("e")
    for _ in 0..<18 { keys("BSpace") }
    type("/nonexistent/x.json")
    keys("Enter")
    waitFor("export: cannot write /nonexistent/x.json")
    keys("Q")
    waitFor("exit=0")
  }
}
