import DirectiveKit
import XCTest

@testable import VanbanUI

final class GridTests: XCTestCase {
  func testControlCharactersBecomePlaceholders() {
    var grid = Grid(width: 12, height: 1)
    grid.put("a\u{1B}[2Jb\u{7}\u{9B}", x: 0, y: 0)
    XCTAssertEqual(grid.text, "a␛[2Jb␇\u{FFFD}")
    XCTAssertFalse(grid.cells.contains { $0.content.unicodeScalars.contains { $0.value < 0x20 } })
  }

  func testTheGridShowsTheSamePlaceholdersAsEveryOtherOutput() {
    var grid = Grid(width: 12, height: 1)
    let hostile = "a\u{202E}b\u{2066}c\td\u{7F}"
    grid.put(hostile, x: 0, y: 0)
    XCTAssertEqual(grid.text, TerminalSafety.sanitize(hostile, keepLayout: false))
    XCTAssertEqual(grid.text, "a⇄b⇄c␉d␡")
  }

  func testNFCAndNFDTakeTheSameColumns() {
    let nfc = "Kiên Giang · Nam Định".precomposedStringWithCanonicalMapping
    let nfd = nfc.decomposedStringWithCanonicalMapping
    XCTAssertNotEqual(Array(nfc.unicodeScalars).count, Array(nfd.unicodeScalars).count)
    XCTAssertEqual(DisplayWidth.width(of: nfc), 21)
    XCTAssertEqual(DisplayWidth.width(of: nfd), 21)
    var grid = Grid(width: 30, height: 2)
    let endNFC = grid.put(nfc, x: 0, y: 0)
    let endNFD = grid.put(nfd, x: 0, y: 1)
    XCTAssertEqual(endNFC, endNFD)
    grid.put("|", x: endNFC, y: 0)
    grid.put("|", x: endNFD, y: 1)
    XCTAssertEqual(grid.rowText(0), grid.rowText(1))
    XCTAssertEqual(grid[3, 1].content, "n")
    XCTAssertEqual(grid[2, 1].content, "ê")
  }

  func testWideCharactersTakeTwoColumnsAndAreNeverHalved() {
    XCTAssertEqual(DisplayWidth.width(of: "漢字a"), 5)
    var grid = Grid(width: 4, height: 1)
    let end = grid.put("漢字漢", x: 0, y: 0)
    XCTAssertEqual(end, 6)
    XCTAssertEqual(grid.text, "漢字")
    grid.put("x", x: 1, y: 0)
    XCTAssertEqual(grid.text, " x字")
    var odd = Grid(width: 3, height: 1)
    odd.put("漢字", x: 0, y: 0)
    XCTAssertEqual(odd.text, "漢")
  }

  func testTruncateEndsWithEllipsisWithinWidth() {
    for width in 1...12 {
      let cut = DisplayWidth.truncate("Thường trực Ban Bí thư", to: width)
      XCTAssertLessThanOrEqual(DisplayWidth.width(of: cut), width)
      XCTAssertTrue(cut.hasSuffix("…"))
    }
    XCTAssertEqual(DisplayWidth.truncate("Nam Định", to: 8), "Nam Định")
    XCTAssertEqual(DisplayWidth.fit("Huế", to: 5), "Huế  ")
  }

  func testWrapBreaksAtSpacesWithinWidth() {
    let text = "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tập trung lãnh đạo"
    for width in [8, 13, 20, 33] {
      let lines = TextWrap.wrap(text, width: width)
      XCTAssertTrue(lines.allSatisfy { DisplayWidth.width(of: $0) <= width }, "\(width): \(lines)")
      XCTAssertEqual(lines.joined(separator: " "), text)
    }
    XCTAssertEqual(TextWrap.wrap("abcdefgh ij", width: 3), ["abc", "def", "gh", "ij"])
    XCTAssertEqual(TextWrap.wrap("", width: 5), [""])
  }

  func testWrapOfNFDTextMatchesNFC() {
    let nfc = "phòng, chống dịch Covid-19 trên địa bàn tỉnh Kiên Giang"
    let nfd = nfc.decomposedStringWithCanonicalMapping
    XCTAssertEqual(
      TextWrap.wrap(nfd, width: 17).map(\.precomposedStringWithCanonicalMapping),
      TextWrap.wrap(nfc, width: 17))
  }
}
