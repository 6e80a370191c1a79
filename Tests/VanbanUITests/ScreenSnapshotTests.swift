import DirectiveKit
import XCTest

@testable import VanbanUI

final class ScreenSnapshotTests: XCTestCase {
  static let sizes = [(80, 24), (140, 40)]

  func state(_ width: Int, _ height: Int, keys: [Key] = []) -> AppState {
    var state = AppState(
      library: Fixtures.shipped, width: width, height: height, searchIndex: Fixtures.shippedIndex)
    for key in keys { state = update(state, key) }
    return state
  }

  /// The text and the styles of the screen after `keys`, at both sizes.
  func snapshot(_ name: String, keys: [Key], file: StaticString = #filePath, line: UInt = #line) {
    for (width, height) in Self.sizes {
      let grid = render(state(width, height, keys: keys))
      assertSnapshot(grid, "\(name)-\(width)x\(height)", file: file, line: line)
      assertStyleSnapshot(grid, "\(name)-\(width)x\(height)", file: file, line: line)
    }
  }

  func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

  func testTheShippedCorpusIsParsed() {
    XCTAssertEqual(Fixtures.shipped.documents.count, 5)
    XCTAssertEqual(Fixtures.shipped.documents.last?.id, "004_f8f51dfb989f039e")
  }

  func testLibrary() { snapshot("library", keys: []) }

  func testLibraryFilteredAndSearching() {
    snapshot("library-search", keys: [.character("/")] + typed("bon tai cho"))
  }

  func testReader() { snapshot("reader", keys: [.down, .enter]) }

  func testReaderOnSecondLinkOfNamDinhLetter() {
    snapshot("reader-links", keys: [.end, .enter, .tab, .tab])
  }

  func testCitedPage() { snapshot("cited", keys: [.end, .enter, .tab, .tab, .enter]) }

  /// The Nam Định letter 215-CV/TU: 07-KL/TW above it, the July letter answering it below.
  func testDiagramOfALetter() { snapshot("diagram", keys: [.down, .down, .down, .enter, .character("d")]) }

  /// 07-KL/TW: nothing known above, the three letters implementing it below, the chain nested.
  func testDiagramOfACentralDocument() {
    snapshot("diagram-central", keys: [.end, .enter, .tab, .tab, .enter, .character("d")])
  }

  func testGraphOutline() { snapshot("graph", keys: [.character("2")]) }

  func testGraphMatrix() { snapshot("graph-matrix", keys: [.character("2"), .character("m")]) }

  func testProvinces() { snapshot("provinces", keys: [.character("3")]) }

  func testProvincesGrouped() { snapshot("provinces-2025", keys: [.character("3"), .character("t")]) }

  func testHelp() { snapshot("help", keys: [.character("?")]) }

  func testPicker() { snapshot("picker", keys: [.character("p")] + typed("giang")) }

  func testLinkList() { snapshot("links", keys: [.end, .enter, .character("L")]) }

  /// The style snapshots see what the text cannot: the same screen without its selection bar, or
  /// with a link drawn plain, differs from the recorded styles.
  func testALostHighlightChangesTheStyleMap() {
    let library = render(state(80, 24))
    var unselected = library
    unselected.paint(row: 3, style: .plain)
    XCTAssertEqual(unselected.text, library.text)
    XCTAssertNotEqual(StyleMap.text(unselected), StyleMap.text(library))
    XCTAssertTrue(StyleMap.text(library).split(separator: "\n")[3].allSatisfy { $0 == "S" })
    let reader = render(state(80, 24, keys: [.end, .enter, .tab, .tab]))
    let styles = StyleMap.text(reader)
    XCTAssertTrue(styles.contains("K"), "the selected link is drawn as one")
    XCTAssertTrue(styles.contains("L"), "the other links are drawn as links")
    let card = StyleMap.text(render(state(80, 24, keys: [.end, .enter])))
    XCTAssertTrue(card.contains("W"), "the document's warning is drawn as one")
  }

  /// Every warning, grouped by kind, Enter opening the document (`w`).
  func testWarnings() { snapshot("warnings", keys: [.character("w")]) }

  /// Under 20 rows the card folds to one line, so that the text shows.
  func testReaderInASmallTerminal() {
    let grid = render(state(60, 15, keys: [.end, .enter]))
    assertSnapshot(grid, "reader-60x15")
    assertStyleSnapshot(grid, "reader-60x15")
  }

  func testTooSmall() {
    XCTAssertEqual(render(state(30, 8)).text.split(separator: "\n").first, "Too small: 30×8, need 40×10")
  }
}
