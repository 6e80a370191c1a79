import DirectiveKit
import XCTest

@testable import VanbanUI

/// The filters, search, places and glance items of #14: the picker of the kit's province type,
/// filter chips, reverse sort and sort by type, reader find, markers, columns, lag chart, sparkline.
final class FiltersTests: XCTestCase {
  let library = Fixtures.library()

  func start(width: Int = 100, height: Int = 30) -> AppState {
    AppState(library: library, width: width, height: height, searchIndex: library.makeSearchIndex())
  }

  func press(_ keys: [Key], on state: AppState? = nil) -> AppState {
    keys.reduce(state ?? start()) { update($0, $1) }
  }

  func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

  // MARK: 1. one province type

  func testThePickerAcceptsWhatProvinceAccepts() {
    for typedName in ["tp hcm", "hcm", "sài gòn", "sai gon", "Hồ Chí Minh"] {
      let picking = press([.character("p")] + typed(typedName))
      XCTAssertTrue(
        picking.pickerEntries.map(\.choice).contains(.province("Hồ Chí Minh")), "\(typedName)")
    }
    let namDinh = press([.character("p")] + typed("nam dinh") + [.enter])
    XCTAssertEqual(namDinh.provinceFilter, [.province("Nam Định")])
    XCTAssertEqual(namDinh.visibleDocuments.count, 3)
  }

  func testThePickerListsAbsentProvincesAndProvinceUnknown() {
    let all = press([.character("p")]).pickerEntries
    XCTAssertEqual(all.filter { $0.group == 0 && $0.choice != .unknown }.count, 63)
    XCTAssertEqual(all.first?.name, "Kiên Giang", "the corpus's provinces first")
    let absent = try! XCTUnwrap(all.first { $0.name == "Hà Giang" })
    XCTAssertEqual(absent.documents, 0)
    XCTAssertFalse(absent.inCorpus)
    XCTAssertEqual(all.last?.choice, .unknown)
    let unknown = press([.character("p")] + typed("unknown") + [.enter])
    XCTAssertEqual(unknown.provinceFilter, [.unknown])
    XCTAssertEqual(unknown.visibleDocuments, [])
    // Typing selects the first province the corpus holds, not an absent one before it.
    let merged = press([.character("p")] + typed("an giang") + [.enter])
    XCTAssertEqual(merged.provinceFilter, [.province2025("An Giang")])
  }

  func testAMisspelledProvinceGetsDidYouMean() {
    let picking = press([.character("p")] + typed("nam dinhh"))
    XCTAssertTrue(picking.pickerEntries.isEmpty)
    XCTAssertEqual(picking.pickerSuggestion, "Nam Định")
    XCTAssertTrue(render(picking).text.contains("did you mean “Nam Định”?"))
    let entered = press([.enter], on: picking)
    XCTAssertEqual(entered.message, "no province named “nam dinhh”; did you mean “Nam Định”?")
    XCTAssertTrue(entered.provinceFilter.isEmpty)
  }

  func testAbsentProvincesAreDimmedInThePicker() {
    let grid = render(press([.character("p")] + typed("giang")))
    let rows = grid.text.split(separator: "\n", omittingEmptySubsequences: false)
    let styles = StyleMap.text(grid).split(separator: "\n", omittingEmptySubsequences: false)
    let present = try! XCTUnwrap(rows.firstIndex { $0.contains("Kiên Giang") })
    let absent = try! XCTUnwrap(rows.firstIndex { $0.contains("Hà Giang") })
    XCTAssertTrue(rows[absent].contains(" 0"))
    func style(of name: String, row: Int) -> Character {
      let column = rows[row].distance(from: rows[row].startIndex, to: rows[row].range(of: name)!.lowerBound)
      return Array(styles[row])[column]
    }
    XCTAssertEqual(style(of: "Hà Giang", row: absent), "d")
    XCTAssertNotEqual(style(of: "Kiên Giang", row: present), "d")
  }

  func testTheProvincesScreenHasASelectableProvinceUnknownRow() {
    var corpus = Fixtures.corpus()
    var documents = corpus.documents
    documents[4].province = nil
    documents[4].province2025 = nil
    corpus = Corpus(documents: documents, loadWarnings: [])
    let library = Library(corpus: corpus)
    var state = AppState(library: library, width: 100, height: 30)
    state = update(state, .character("3"))
    let targets = state.content.targets
    XCTAssertEqual(targets.last, .province(.unknown))
    XCTAssertTrue(render(state).text.contains("Province unknown"))
    state = update(state, .end)
    state = update(state, .enter)
    XCTAssertEqual(state.page.screen, .library)
    XCTAssertEqual(state.provinceFilter, [.unknown])
    XCTAssertEqual(state.visibleDocuments.map { library.documents[$0].id }, [documents[4].id])
  }
}
