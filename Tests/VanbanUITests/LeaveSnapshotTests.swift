import DirectiveKit
import XCTest

@testable import VanbanUI

/// The screens of leaving the program with one's work (#14), at 80×24 and 140×40.
extension ScreenSnapshotTests {
  /// The Nam Định letter 215-CV/TU marked, with a note.
  var markedLetter: [Key] {
    [.down, .down, .down, .enter, .character("m"), .character("a")] + typed("hỏi lại Văn phòng Tỉnh ủy")
      + [.enter]
  }

  func testMarks() { snapshot("marks", keys: markedLetter + [.character("'")]) }

  func testReaderWithANote() { snapshot("reader-note", keys: markedLetter) }

  func testHistory() {
    snapshot(
      "history", keys: [.down, .down, .down, .enter, .character("2"), .character("w"), .character("H")])
  }

  func testExportPrompt() { snapshot("export-prompt", keys: [.character("e")]) }

  func testMouseOff() { snapshot("mouse-off", keys: [.character("M")]) }
}
