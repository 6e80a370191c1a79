import Foundation
import XCTest

@testable import VanbanUI

/// A grid's styles as text, one character a cell, as ratatui's TestBackend compares buffers with
/// their styles: a lost highlight, link or warning changes a character.
enum StyleMap {
  /// The character of each style the screens use; any other style is `?`.
  static let codes: [(Style, Character)] = [
    (.plain, " "), (.header, "H"), (.footer, "F"), (.selected, "S"), (.link, "L"), (.selectedLink, "K"),
    (.dim, "d"), (.accent, "A"), (.match, "M"), (.warning, "W"),
  ]

  static func code(_ style: Style) -> Character {
    codes.first { $0.0 == style }?.1 ?? "?"
  }

  /// Every row of the grid as style characters, trailing plain cells trimmed.
  static func text(_ grid: Grid) -> String {
    (0..<grid.height).map { y in
      var line = String((0..<grid.width).map { code(grid[$0, y].style) })
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }

  static let legend = codes.map { "\($0.1 == " " ? "·" : String($0.1))=\(name($0.0))" }.joined(separator: " ")

  private static func name(_ style: Style) -> String {
    switch code(style) {
    case " ": return "plain"
    case "H": return "header"
    case "F": return "footer"
    case "S": return "selected"
    case "L": return "link"
    case "K": return "selected link"
    case "d": return "dim"
    case "A": return "accent"
    case "M": return "match"
    case "W": return "warning"
    default: return "other"
    }
  }
}

/// Compares a grid's styles with `Snapshots/NAME.styles.txt` (written when missing, or with
/// `VANBAN_RECORD=1`).
func assertStyleSnapshot(_ grid: Grid, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
  let url = Fixtures.packageRoot.appendingPathComponent("Tests/VanbanUITests/Snapshots/\(name).styles.txt")
  let actual = StyleMap.text(grid) + "\n"
  let record = ProcessInfo.processInfo.environment["VANBAN_RECORD"] == "1"
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    XCTFail("recorded \(name).styles.txt; review it and run again", file: file, line: line)
    return
  }
  if expected != actual {
    XCTFail(
      "\(name) styles differ from the snapshot (\(StyleMap.legend)):\n\(actual)\ntext:\n\(grid.text)",
      file: file, line: line)
  }
}
