import DirectiveKit
import XCTest

@testable import VanbanUI

/// Snapshots of the filters, search, places and glance items of #14, at 80×24 and 140×40.
final class FiltersSnapshotTests: XCTestCase {
  func state(_ width: Int, _ height: Int, keys: [Key], ascii: Bool) -> AppState {
    var state = AppState(
      library: Fixtures.shipped, width: width, height: height, searchIndex: Fixtures.shippedIndex)
    state.asciiOnly = ascii
    for key in keys { state = update(state, key) }
    return state
  }

  func snapshot(
    _ name: String, keys: [Key], ascii: Bool = false, file: StaticString = #filePath, line: UInt = #line
  ) {
    for (width, height) in ScreenSnapshotTests.sizes {
      let grid = render(state(width, height, keys: keys, ascii: ascii))
      assertSnapshot(grid, "\(name)-\(width)x\(height)", file: file, line: line)
      assertStyleSnapshot(grid, "\(name)-\(width)x\(height)", file: file, line: line)
    }
  }

  func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

  /// Four chips (a province, a search filter, the words, the order), the second selected.
  func testLibraryWithFilterChips() {
    snapshot(
      "library-chips",
      keys: [.character("p")] + typed("nam dinh") + [.enter, .character("/")] + typed("covid level:province")
        + [.enter, .character("s"), .character("r"), .character("f"), .character("f")])
  }

  /// The sparkline in ASCII, as under LANG=C.
  func testLibrarySparklineInASCII() { snapshot("library-ascii", keys: [], ascii: true) }

  /// Inferred markers, a guessed encoding, lost marks, a long province name.
  func testLibraryMarkersAndColumns() {
    for (width, height) in ScreenSnapshotTests.sizes {
      let grid = render(AppState(library: FiltersTests.markedLibrary(), width: width, height: height))
      assertSnapshot(grid, "library-markers-\(width)x\(height)")
      assertStyleSnapshot(grid, "library-markers-\(width)x\(height)")
    }
  }

  /// The cited page's lag chart in ASCII, as under LANG=C (the Unicode one is in `cited`).
  func testLagChartInASCII() {
    snapshot("cited-ascii", keys: [.end, .enter, .tab, .tab, .enter, .end], ascii: true)
  }

  func testPickerDidYouMean() {
    snapshot("picker-did-you-mean", keys: [.character("p")] + typed("nam dinhh"))
  }
}
