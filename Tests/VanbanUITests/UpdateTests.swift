import DirectiveKit
import XCTest

@testable import VanbanUI

final class UpdateTests: StateTestCase {
  func selectedID(_ state: AppState) -> String {
    library.documents[state.visibleDocuments[state.page.selection]].id
  }

  func testMovingInTheLibrary() {
    XCTAssertEqual(press([.down]).page.selection, 1)
    XCTAssertEqual(press([.character("j"), .character("j"), .character("k")]).page.selection, 1)
    XCTAssertEqual(press([.up]).page.selection, 0)
    XCTAssertEqual(press([.end]).page.selection, 4)
    XCTAssertEqual(press([.character("G")]).page.selection, 4)
    XCTAssertEqual(press([.end, .home]).page.selection, 0)
    XCTAssertEqual(press([.end, .character("g")]).page.selection, 0)
    XCTAssertEqual(press([.pageDown]).page.selection, 4)
    XCTAssertEqual(press([.character(" ")]).page.selection, 4)
    XCTAssertEqual(press([.end, .pageUp]).page.selection, 0)
  }

  func testPagingInASmallWindowScrolls() {
    let state = press([.end], on: start(width: 60, height: 10))
    XCTAssertEqual(state.page.selection, 4)
    XCTAssertEqual(state.page.scroll, 0)
    XCTAssertTrue(render(state).text.contains("▸ undated"))
  }

  func testEnterOpensTheReaderAndBackReturns() {
    let reader = press([.down, .enter])
    XCTAssertEqual(reader.page.screen, .reader("000_c04fbf0a9182cd61"))
    for back in [Key.backspace, .left, .character("h")] {
      let library = press([back], on: reader)
      XCTAssertEqual(library.page.screen, .library)
      XCTAssertEqual(library.page.selection, 1)
      for forward in [Key.right, .character("l")] {
        XCTAssertEqual(press([forward], on: library).page.screen, reader.page.screen)
      }
    }
    XCTAssertEqual(press([.right]).message, "no later page")
  }

  func testTabSelectsLinksAndEnterFollowsThem() {
    let letter = press([.end, .up, .enter])
    XCTAssertEqual(letter.page.screen, .reader("004_f8f51dfb989f039e"))
    XCTAssertEqual(letter.page.selection, Page.noSelection, "a document opens with no link selected")
    XCTAssertTrue(
      render(letter).text.contains("6 links, none selected: Tab selects [1]"), render(letter).text)
    XCTAssertEqual(press([.enter], on: letter).page.screen, letter.page.screen, "Enter follows nothing")
    XCTAssertEqual(press([.enter], on: letter).message, "no link selected")
    XCTAssertEqual(press([.tab], on: letter).page.selection, 0, "the first Tab selects [1]")
    XCTAssertEqual(press([.backTab], on: letter).page.selection, 5, "Shift-Tab selects the last")
    XCTAssertEqual(
      press([.pageDown], on: letter).page.selection, Page.noSelection, "scrolling selects nothing")
    let third = press([.tab, .tab, .tab], on: letter)
    XCTAssertEqual(third.page.selection, 2)
    XCTAssertTrue(render(third).text.contains("→ Công văn 215-CV/TU"))
    XCTAssertEqual(press([.backTab], on: third).page.selection, 1)
    XCTAssertEqual(press([.enter], on: third).page.screen, .reader("000_c04fbf0a9182cd61"))
    let cited = press([.tab, .tab, .enter], on: letter)
    XCTAssertEqual(cited.page.screen, .cited(Fixtures.conclusion07))
    XCTAssertTrue(render(cited).text.contains("Cited by 3 documents in 2 provinces"))
    // Grouped by relation, by date within: Kiên Giang's letter, 215-CV/TU, then the July letter.
    let opened = press([.down, .down, .enter], on: cited)
    XCTAssertEqual(opened.page.screen, .reader("004_f8f51dfb989f039e"))
  }

  func testSearchFiltersAsYouTypeAndEnterKeepsIt() {
    let typing = press([.character("/")] + typed("bon tai cho"))
    XCTAssertEqual(typing.searchDraft, "bon tai cho")
    XCTAssertEqual(typing.visibleDocuments.count, 1)
    let kept = press([.enter], on: typing)
    XCTAssertNil(kept.searchDraft)
    XCTAssertEqual(kept.query, "bon tai cho")
    XCTAssertEqual(selectedID(kept), "004_f8f51dfb989f039e")
    XCTAssertEqual(press([.enter], on: kept).page.screen, .reader("004_f8f51dfb989f039e"))
    let cancelled = press([.escape], on: typing)
    XCTAssertEqual(cancelled.query, "")
    XCTAssertEqual(cancelled.visibleDocuments.count, 5)
    XCTAssertEqual(press([.backspace, .backspace, .backspace], on: typing).searchDraft, "bon tai ")
    XCTAssertEqual(press([.character("c")], on: kept).query, "")
  }

  func testRepeatedAndChangedQueriesGiveTheirOwnMatches() {
    let library = Fixtures.shipped
    let index = Fixtures.shippedIndex
    let ids = { (query: String) in library.matching(query, index: index).map { library.documents[$0].id } }
    let first = ids("bon tai cho")
    XCTAssertEqual(first, ["004_f8f51dfb989f039e"])
    XCTAssertEqual(
      ids("kien giang"), ["002_b1faaebd224ec9de"], "a new query is searched, not the last one's matches")
    XCTAssertEqual(ids("bon tai cho"), first)
    XCTAssertEqual(ids("bon tai cho"), first)
    XCTAssertEqual(library.matching("  ", index: index).count, 5)
  }

  func testSearchWithDiacriticsMatchesTheSame() {
    let plain = press([.character("/")] + typed("kien giang") + [.enter])
    let marked = press([.character("/")] + typed("Kiên Giang") + [.enter])
    XCTAssertEqual(plain.visibleDocuments, marked.visibleDocuments)
    XCTAssertFalse(plain.visibleDocuments.isEmpty)
  }

  func testProvincePickerFiltersAndAddsAndClears() {
    let picking = press([.character("p")] + typed("kien giang"))
    XCTAssertEqual(picking.pickerEntries.map(\.choice), [ProvinceChoice(name: "Kiên Giang", is2025: false)])
    let filtered = press([.enter], on: picking)
    XCTAssertNil(filtered.picker)
    XCTAssertEqual(filtered.visibleDocuments.map { library.documents[$0].province }, ["Kiên Giang"])
    XCTAssertTrue(render(filtered).text.contains("province: Kiên Giang"))
    let two = press([.character("p")] + typed("ninh") + [.enter], on: filtered)
    XCTAssertEqual(two.provinceFilter.count, 2)
    XCTAssertEqual(two.visibleDocuments.count, 2)
    let cleared = press([.character("c")], on: two)
    XCTAssertTrue(cleared.provinceFilter.isEmpty)
    XCTAssertEqual(cleared.visibleDocuments.count, 5)
    XCTAssertNil(press([.character("p"), .escape]).picker)
    let merged = press([.character("p")] + typed("an giang") + [.enter])
    XCTAssertEqual(merged.provinceFilter, [ProvinceChoice(name: "An Giang", is2025: true)])
  }

  func testProvinceFilterAppliesToTheGraph() {
    let graph = press([.character("p")] + typed("ninh binh") + [.enter, .character("2")])
    XCTAssertEqual(graph.page.screen, .graph)
    let text = render(graph).text
    XCTAssertTrue(text.contains("253/TB-VPCP"))
    XCTAssertFalse(text.contains("07-KL/TW"))
  }

  func testScreenKeysAndClose() {
    XCTAssertEqual(press([.character("2")]).page.screen, .graph)
    XCTAssertEqual(press([.character("3")]).page.screen, .provinces)
    XCTAssertEqual(press([.character("?")]).page.screen, .help)
    XCTAssertEqual(press([.character("2"), .character("1")]).page.screen, .library)
    XCTAssertEqual(press([.character("2"), .character("q")]).page.screen, .library)
    XCTAssertFalse(press([.character("2"), .character("q")]).shouldQuit)
    XCTAssertTrue(press([.character("q")]).shouldQuit)
    XCTAssertTrue(press([.character("2"), .character("Q")]).shouldQuit)
    XCTAssertTrue(press([.down, .enter, .controlC]).shouldQuit)
  }

  func testSortCycles() {
    let byProvince = press([.character("s")])
    XCTAssertEqual(byProvince.sort, .province)
    XCTAssertEqual(
      byProvince.visibleDocuments.map { library.documents[$0].province! },
      ["Kiên Giang", "Nam Định", "Nam Định", "Nam Định", "Ninh Bình"])
    let byNumber = press([.character("s"), .character("s")])
    XCTAssertEqual(byNumber.visibleDocuments.first.map { library.documents[$0].number }, "215-CV/TU")
    XCTAssertEqual(press([.character("s"), .character("s"), .character("s")]).sort, .type)
    XCTAssertEqual(press(Array(repeating: .character("s"), count: 4)).sort, .date)
  }

  func testEnterOnAProvinceFiltersTheLibrary() {
    let state = press([.character("3"), .down, .enter])
    XCTAssertEqual(state.page.screen, .library)
    XCTAssertEqual(state.provinceFilter, [ProvinceChoice(name: "Nam Định", is2025: false)])
    XCTAssertEqual(state.visibleDocuments.count, 3)
    let grouped = press([.character("3"), .character("t"), .enter])
    XCTAssertEqual(grouped.provinceFilter, [ProvinceChoice(name: "An Giang", is2025: true)])
  }

  func testEnterOnGraphNodesOpensThem() {
    XCTAssertEqual(press([.character("2"), .enter]).page.screen, .cited(Fixtures.conclusion07))
    XCTAssertEqual(
      press([.character("2"), .down, .down, .enter]).page.screen, .reader("000_c04fbf0a9182cd61"))
    let matrix = press([.character("2"), .character("m")])
    XCTAssertTrue(render(matrix).text.contains("Province"))
    XCTAssertEqual(press([.enter], on: matrix).provinceFilter.first?.name, "Kiên Giang")
  }

  func testLinkListFollowsALink() {
    let links = press([.end, .up, .enter, .character("L")])
    XCTAssertEqual(links.page.screen, .links("004_f8f51dfb989f039e"))
    XCTAssertEqual(press([.down, .down, .enter], on: links).page.screen, .reader("000_c04fbf0a9182cd61"))
  }

  func testFindInTheReader() {
    let found = press([.down, .enter, .character("/")] + typed("covid") + [.enter])
    XCTAssertFalse(found.find?.editing ?? true)
    XCTAssertEqual(found.find?.current, 0)
    XCTAssertEqual(press([.character("n")], on: found).find?.current, 1)
    let last = press([.character("N")], on: found)
    let matches = findMatches(of: "covid", in: Array(library.documents[1].text.unicodeScalars))
    XCTAssertEqual(last.find?.current, matches.count - 1)
    XCTAssertGreaterThan(last.page.scroll, 0)
  }

  func testFindIgnoresDiacritics() {
    let scalars = Array("Kiên Giang, kien giang".decomposedStringWithCanonicalMapping.unicodeScalars)
    XCTAssertEqual(findMatches(of: "kien giang", in: scalars).count, 2)
    XCTAssertEqual(findMatches(of: "kiên giang", in: scalars).count, 1, "marks typed are matched")
  }

  func testReaderScrollsWithMovementKeys() {
    let reader = press([.down, .enter])
    XCTAssertEqual(press([.down], on: reader).page.scroll, 1)
    XCTAssertEqual(press([.pageDown], on: reader).page.scroll, reader.bodyHeight - 1)
    XCTAssertGreaterThan(press([.end], on: reader).page.scroll, 20)
    XCTAssertEqual(press([.end, .home], on: reader).page.scroll, 0)
  }

  func testResizeBelowMinimumKeepsTheState() {
    let reader = press([.down, .enter, .tab])
    let small = press([.resize(width: 30, height: 8)], on: reader)
    XCTAssertTrue(small.isTooSmall)
    XCTAssertEqual(render(small).text, "Too small: 30×8, need 40×10" + String(repeating: "\n", count: 7))
    let restored = press([.character("j"), .resize(width: 100, height: 30)], on: small)
    XCTAssertEqual(restored.page, reader.page)
    XCTAssertEqual(render(restored), render(reader))
  }

  func testTypingInASearchGoesOnWhileTheTerminalIsTooSmall() {
    let typing = press([.character("/")] + typed("bon"))
    let squeezed = press(
      [.resize(width: 1, height: 1)] + typed(" tai cho") + [.resize(width: 100, height: 30)], on: typing)
    XCTAssertEqual(squeezed.searchDraft, "bon tai cho", "keys typed around a resize are not lost")
    XCTAssertEqual(squeezed.visibleDocuments.count, 1)
    let quitting = press([.resize(width: 1, height: 1), .character("q")])
    XCTAssertTrue(quitting.shouldQuit, "without a draft, q still quits a tiny screen")
  }

  func testMouseClickSelectsAndWheelScrolls() {
    XCTAssertEqual(press([.click(x: 5, y: 5)]).page.selection, 2)
    XCTAssertEqual(press([.wheelDown]).page.selection, 3)
  }

  func testHelpListsEveryBinding() {
    // The help scrolls: every page of it.
    var state = press([.character("?")], on: start(width: 140, height: 40))
    var text = render(state).text
    for _ in 0..<5 {
      state = press([.pageDown], on: state)
      text += render(state).text
    }
    for binding in KeyTable.bindings { XCTAssertTrue(text.contains(binding.help), binding.help) }
  }

  func testKeyTableGivesScreenBindingsPrecedence() {
    XCTAssertEqual(KeyTable.action(for: .character("/"), on: .library), .search)
    XCTAssertEqual(KeyTable.action(for: .character("/"), on: .reader("x")), .find)
    XCTAssertNil(KeyTable.action(for: .character("n"), on: .library))
    XCTAssertNil(KeyTable.action(for: .tab, on: .graph))
  }

  func testDiagramOpensFromTheReaderFollowsAnEntryAndComesBack() {
    let reader = press([.down, .enter])
    XCTAssertEqual(reader.page.screen, .reader("000_c04fbf0a9182cd61"))
    let diagram = press([.character("d")], on: reader)
    XCTAssertEqual(diagram.page.screen, .diagram("000_c04fbf0a9182cd61"))
    let text = render(diagram).text
    for expected in [
      "What it stands on", "Implements · 1", "Kết luận 07-KL/TW", "What stands on it", "Implemented by · 1",
    ] {
      XCTAssertTrue(text.contains(expected), expected)
    }
    // Above: 07-KL/TW, selected first; Enter opens its page, Backspace comes back to the diagram.
    let above = press([.enter], on: diagram)
    XCTAssertEqual(above.page.screen, .cited(Fixtures.conclusion07))
    XCTAssertEqual(press([.backspace], on: above).page.screen, diagram.page.screen)
    // Past the box (the document itself), the July letter that implements it.
    let below = press([.down, .down, .enter], on: diagram)
    XCTAssertEqual(below.page.screen, .reader("004_f8f51dfb989f039e"))
    let back = press([.backspace], on: below)
    XCTAssertEqual(back.page, Page(.diagram("000_c04fbf0a9182cd61"), selection: 2, scroll: back.page.scroll))
    // d on an entry centres the diagram on it; the cited page has one too.
    XCTAssertEqual(
      press([.down, .down, .character("d")], on: diagram).page.screen, .diagram("004_f8f51dfb989f039e"))
    XCTAssertEqual(press([.character("d")], on: above).page.screen, .diagram(Fixtures.conclusion07))
    XCTAssertNil(KeyTable.action(for: .character("d"), on: .library))
  }

  func testTheDiagramNamesEveryEntrysDateProvinceLagAndChains() {
    let central = press([.character("2"), .enter, .character("d")], on: start(width: 140, height: 40))
    XCTAssertEqual(central.page.screen, .diagram(Fixtures.conclusion07))
    let text = render(central).text
    XCTAssertTrue(text.contains("Implemented by · 3"), text)
    XCTAssertTrue(
      text.contains(
        "2021-06-14   +3 d      Nam Định      Công văn 215-CV/TU · Ban Thường vụ Tỉnh ủy Nam Định"), text)
    XCTAssertTrue(
      text.contains("└─ ≥ 2021-07-21 ≥ +37 d   Nam Định"), "the July letter under the letter it answers")
    XCTAssertTrue(text.contains("0 above · 3 below (1 in chains)"))
  }

  /// The response tree and the rows are computed once per province filter, then kept in the
  /// state (the same objects) while keys only move, toggle back and forth, or draw.
  func testTheGraphsResponseTreeAndRowsAreKeptWhileTheirInputsStay() {
    var state = press([.character("2")])
    let responses = try? XCTUnwrap(state.derived.graph)
    let outline = try? XCTUnwrap(state.derived.content)
    XCTAssertEqual(outline?.value.targets.isEmpty, false)
    for key in [Key.down, .down, .up, .pageDown, .home, .end, .wheelDown, .click(x: 3, y: 4)] {
      state = update(state, key)
      _ = render(state)
      XCTAssertTrue(state.derived.graph === responses, "\(key) kept the response tree")
      XCTAssertTrue(state.derived.content === outline, "\(key) kept the rows")
    }
    state = update(state, .character("m"))
    XCTAssertTrue(state.derived.graph === responses, "the matrix reads the same tree")
    XCTAssertFalse(state.derived.content === outline, "the matrix has rows of its own")
    state = press([Key.character("p")] + typed("kien giang") + [.enter], on: state)
    XCTAssertFalse(state.derived.graph === responses, "a new province filter computes the tree again")
    XCTAssertEqual(state.derived.graph?.value.responses.flatMap(\.provinces).map(\.province), ["Kiên Giang"])
    let filtered = state.derived.graph
    state = press([.down, .up, .character("m")], on: state)
    XCTAssertTrue(state.derived.graph === filtered)
  }

  /// The reader's layout is built once for a document and a width: scrolling, links, find and
  /// drawing reuse it; a new width builds it again.
  func testTheReaderLayoutIsBuiltOncePerDocumentAndWidth() {
    var state = press([.end, .up, .enter])
    guard let layout = state.derived.readerLayout else { return XCTFail("no layout kept") }
    XCTAssertEqual(layout.input, LayoutInput(id: "004_f8f51dfb989f039e", width: 100))
    for key in [Key.down, .pageDown, .tab, .tab, .backTab, .home, .character("/"), .character("x"), .enter] {
      state = update(state, key)
      _ = render(state)
      XCTAssertTrue(state.derived.readerLayout === layout, "\(key) kept the layout")
    }
    state = update(state, Event.resize(width: 90, height: 30))
    XCTAssertFalse(state.derived.readerLayout === layout)
    XCTAssertEqual(state.derived.readerLayout?.input.width, 90)
  }

  /// The library's order is computed when the search, filter, sort or index changes, not on moves.
  func testTheVisibleOrderIsKeptWhileMoving() {
    var state = start()
    let visible = state.derived.visible
    let months = state.derived.monthCounts
    XCTAssertNotNil(months?.value)
    for key in [Key.down, .end, .home, .pageDown, .character("?"), .character("q")] {
      state = update(state, key)
      XCTAssertTrue(state.derived.visible === visible, "\(key) kept the order")
      XCTAssertTrue(state.derived.monthCounts === months, "\(key) kept the sparkline's counts")
    }
    state = update(state, .character("s"))
    XCTAssertFalse(state.derived.visible === visible, "a new sort orders again")
  }

  /// The unfiltered response trees arriving as an event: each province filter then narrows them,
  /// and every graph screen draws what walking the graph for that filter draws.
  func testResponsesReadyNarrowsToTheSameTreesAsWalkingTheGraph() {
    let library = Fixtures.shipped
    var walking = AppState(library: library, width: 140, height: 40)
    var narrowing = update(walking, .responsesReady(library.responses()))
    XCTAssertNotNil(narrowing.allResponses)
    XCTAssertGreaterThan(library.provinces.count, 2)
    let choices = library.provinces.map { ProvinceChoice(name: $0, is2025: false) } + [.unknown]
    for choice in choices {
      let name = "\(choice)"
      for keys in [[Key.character("2")], [Key.character("2"), .character("m")], [Key.character("3")]] {
        walking.provinceFilter = [choice]
        narrowing.provinceFilter = walking.provinceFilter
        let walked = press(keys, on: walking)
        let narrowed = press(keys, on: narrowing)
        XCTAssertEqual(narrowed.responses, walked.responses, name)
        XCTAssertEqual(render(narrowed).text, render(walked).text, "\(name) \(keys)")
      }
    }
  }

  /// Until the index is built, a search reads the metadata and says so; the index arriving as an
  /// event searches the text, and the status line stops saying it.
  func testIndexReadyEventSearchesTheTextAndClearsTheIndexingNote() {
    var state = AppState(library: library, width: 100, height: 30)
    state = press([.character("/")] + typed("bon tai cho"), on: state)
    XCTAssertEqual(state.visibleDocuments, [], "the words are only in the text")
    XCTAssertTrue(
      render(state).text.contains("0 of 5 documents · 2 warnings (w) · indexing…"), render(state).text)
    let metadata = press([.escape, .character("/")] + typed("nam dinh"), on: state)
    XCTAssertEqual(metadata.visibleDocuments.count, 3, "the province is searched without the index")
    state = update(state, .indexReady(library.makeSearchIndex()))
    XCTAssertEqual(state.visibleDocuments.map { library.documents[$0].id }, ["004_f8f51dfb989f039e"])
    XCTAssertFalse(render(state).text.contains("indexing"))
    XCTAssertTrue(render(state).text.contains("1 of 5 documents · 2 warnings (w)"))
  }

  /// `w` lists the files not read and every document's warning by kind; Enter opens the document;
  /// the library's count names the key.
  func testTheWarningsScreenListsEveryWarningAndOpensItsDocument() {
    XCTAssertTrue(render(start()).text.contains("5 of 5 documents · 2 warnings (w)"), render(start()).text)
    let warnings = press([.character("w")])
    XCTAssertEqual(warnings.page.screen, .warnings)
    let text = render(warnings).text
    XCTAssertTrue(text.contains("Files not read as documents · 1\n    Data/README — not a .txt file"), text)
    XCTAssertTrue(text.contains("signer's name missing · 1"), text)
    XCTAssertTrue(text.contains("2 warnings · 1 document · 1 file not read"), text)
    XCTAssertEqual(press([.enter], on: warnings).page.screen, .reader("004_f8f51dfb989f039e"))
    XCTAssertEqual(press([.enter, .backspace], on: warnings).page.screen, .warnings)
  }

  /// Groups are headed by the warning's code in words: one title a code, none repeated.
  func testEveryWarningKindHasATitleOfItsOwn() {
    let titles = DocumentWarning.Code.allCases.map(\.title)
    XCTAssertEqual(Set(titles).count, titles.count, "\(titles)")
    XCTAssertFalse(titles.contains { $0.isEmpty || $0.contains("_") })
  }

  /// One warning is `1 warning`, on the library and on the warnings screen.
  func testOneWarningIsSingular() {
    let corpus = Fixtures.corpus()
    let library = Library(corpus: Corpus(documents: corpus.documents))
    let state = AppState(library: library, width: 100, height: 30)
    XCTAssertTrue(render(state).text.contains("5 of 5 documents · 1 warning (w)\n"), render(state).text)
    XCTAssertTrue(
      render(update(state, .character("w"))).text.contains("1 warning · 1 document · 0 files not read"))
  }

  /// Under 20 rows the card is one line, and the text starts on the first screen.
  func testTheReaderFoldsItsCardInASmallTerminal() {
    let small = press([.down, .enter], on: start(width: 60, height: 15))
    let text = render(small).text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertTrue(lines[1].hasPrefix("Công văn 215-CV/TU · Nam Định · 2021-06-14 · Về"), text)
    XCTAssertTrue(lines[2].allSatisfy { $0 == "─" })
    XCTAssertFalse(text.contains("Issuer"))
    XCTAssertTrue(text.contains("TỈNH ỦY NAM ĐỊNH"), text)
    let tall = render(press([.down, .enter], on: start(width: 60, height: 20))).text
    XCTAssertTrue(tall.contains("Issuer    Ban Thường vụ Tỉnh ủy Nam Định"), tall)
  }

  /// A narrow matrix scrolls sideways with ←/→ (h/l); its columns carry type and number on two
  /// rows and are named in full below; on the outline the same keys still go back and forth.
  func testTheMatrixScrollsSidewaysWithReadableColumns() {
    var state = press([.character("2"), .character("m")], on: start(width: 60, height: 30))
    var text = render(state).text
    XCTAssertTrue(text.contains("              1. Kết luận     2. Thông báo"), text)
    XCTAssertTrue(text.contains("  Province    07-KL/TW        253/TB-VPCP"), text)
    XCTAssertTrue(text.contains("matrix · columns 1–2 of 4 · ←/→ more"), text)
    XCTAssertTrue(text.contains("1. Kết luận 07-KL/TW · Bộ Chính trị · 11/06/2021"), text)
    state = press([.right, .character("l"), .character("l")], on: state)
    XCTAssertEqual(state.matrixColumn, 2, "the last columns show; no further")
    text = render(state).text
    XCTAssertTrue(text.contains("3. Công văn"), text)
    XCTAssertTrue(text.contains("4. Điện"), text)
    XCTAssertFalse(text.contains("1. Kết luận "), text)
    XCTAssertTrue(text.contains("columns 3–4 of 4"), text)
    state = press([.left, .character("h"), .left], on: state)
    XCTAssertEqual(state.page.screen, .graph, "in the matrix, ← scrolls instead of going back")
    XCTAssertTrue(render(state).text.contains("columns 1–2 of 4"), render(state).text)
    let outline = press([.character("m"), .left], on: state)
    XCTAssertEqual(outline.page.screen, .library, "on the outline, ← goes back")
    let wide = render(press([.character("2"), .character("m")], on: start(width: 140, height: 40))).text
    XCTAssertFalse(wide.contains("columns"), "every column fits: nothing to scroll")
  }

  /// ←/→ choose a column of the matrix; Enter on a province's row opens that column's central
  /// document narrowed to the province (a chip says so); Backspace comes back and puts the
  /// filter back as it was; coming forward sets it again.
  func testEnterOnAMatrixCellOpensThatProvincesDocumentsForThatColumn() {
    var state = press([.character("2"), .character("m")], on: start(width: 140, height: 40))
    let province = ProvinceChoice(name: "Nam Định", is2025: false)
    guard let namDinh = state.content.targets.firstIndex(of: .province(province)) else {
      return XCTFail("no Nam Định row in the matrix")
    }
    state.page.selection = namDinh
    state = press([.right], on: state)
    XCTAssertEqual(state.matrixCursor, 1)
    let column = state.responses[1].node.id
    let opened = press([.enter], on: state)
    XCTAssertEqual(opened.page.screen, .cited(column))
    XCTAssertEqual(opened.provinceFilter, [ProvinceChoice(name: "Nam Định", is2025: false)])
    XCTAssertTrue(render(opened).text.contains("Nam Định"), render(opened).text)
    let back = press([.backspace], on: opened)
    XCTAssertEqual(back.page.screen, .graph)
    XCTAssertEqual(back.provinceFilter, [], "the cell's filter is undone")
    XCTAssertEqual(back.matrixCursor, 1)
    XCTAssertEqual(back.page.selection, namDinh)
    let forward = press([.character("m"), .right], on: back)
    XCTAssertEqual(forward.page.screen, .cited(column), "on the outline → goes forward")
    XCTAssertEqual(forward.provinceFilter, opened.provinceFilter, "forward sets the cell's filter again")
  }

  /// The widest lag the dates allow (≥ +71,000 days and more) keeps a space before the next
  /// column on the graph, the cited page and the diagram, and is never cut.
  func testLagColumnsNeverOverflow() throws {
    var letter = Document(id: "late", file: "late.txt", text: "thực hiện Kết luận số 1-KL/TW")
    letter.level = .province
    letter.province = "Nam Định"
    letter.type = "Công văn"
    letter.notBefore = Day(iso: "2099-12-31")
    var citation = Citation(
      type: "Kết luận", number: "1-KL/TW", date: Day(iso: "1900-01-01"), issuer: "Bộ Chính trị",
      spans: [Span(10, 29)], key: "Kết luận|1-KL/TW|1900")
    citation.relation = .implements
    letter.citations = [citation]
    let library = Library(corpus: Corpus(documents: [letter]))
    let days = try XCTUnwrap(Day(iso: "2099-12-31")).days(since: try XCTUnwrap(Day(iso: "1900-01-01")))
    let lag = "≥ +\(days) d"
    XCTAssertEqual(lag.count, 10, "as wide as the column used to be")
    let graph = AppState(library: library, width: 140, height: 40)
    let screens = [
      update(graph, .character("2")), press([.enter], on: update(graph, .character("2"))),
      press([.enter, .character("d")], on: update(graph, .character("2"))),
    ]
    XCTAssertEqual(
      screens.map(\.page.screen),
      [.graph, .cited(screens[1].page.screen.citedID ?? ""), .diagram(screens[1].page.screen.citedID ?? "")])
    for state in screens {
      let text = render(state).text
      XCTAssertTrue(text.contains(lag + " "), "\(state.page.screen): \(text)")
    }
  }

  /// Every footer hint of every screen names a key the table binds there, and the key does
  /// what the hint says: a hint cannot outlive its binding.
  func testFooterHintsComeFromTheKeyTable() {
    let screens: [Screen] = [
      .library, .reader("004_f8f51dfb989f039e"), .cited(Fixtures.conclusion07), .graph, .provinces, .help,
      .links("004_f8f51dfb989f039e"), .diagram("000_c04fbf0a9182cd61"), .warnings,
    ]
    for screen in screens {
      for hint in screen.view.hints {
        XCTAssertFalse(KeyTable.hint(hint, on: screen).isEmpty, "\(screen): \(hint.word) has no key")
        for action in hint.actions {
          let binding = KeyTable.binding(action, on: screen)
          XCTAssertEqual(
            binding.flatMap { KeyTable.action(for: $0.keys[0], on: screen) }, action, "\(screen)")
        }
      }
    }
    let reader = press([.end, .up, .enter])
    XCTAssertEqual(
      render(reader).text.split(separator: "\n").last.map(String.init),
      KeyTable.hints(reader.page.screen.view.hints, on: reader.page.screen))
    XCTAssertEqual(
      KeyTable.hints(reader.page.screen.view.hints, on: reader.page.screen),
      "Tab next link  Enter follow  L links  d diagram  / find  n N next  ← back  q close  ? help")
  }

  /// Every dated entry of the outline and of the diagram hangs from a branch drawn with the
  /// same glyphs, and a letter answering a letter sits one level under it on both.
  func testTreeGlyphsAreTheSameOnTheGraphAndTheDiagram() {
    let outline = render(press([.character("2")], on: start(width: 140, height: 40))).text
    let diagram = render(
      press([.end, .up, .enter, .tab, .tab, .enter, .character("d")], on: start(width: 140, height: 40))
    ).text
    XCTAssertTrue(diagram.contains("vanban · Diagram · Kết luận|07-KL/TW"), diagram)
    for text in [outline, diagram] {
      let entries = text.split(separator: "\n").filter { $0.contains("2021-0") && $0.contains(" d ") }
      XCTAssertFalse(entries.isEmpty, text)
      for entry in entries {
        XCTAssertTrue(entry.contains("├─ ") || entry.contains("└─ "), "no branch: \(entry)")
      }
      XCTAssertTrue(text.contains("└─ 2021-06-14"), text)
      XCTAssertTrue(text.contains("   └─ ≥ 2021-07-21"), text)
    }
  }

  func testLoadProgressEventsShowInTheStatusLineUntilTheLoadEnds() {
    var state = start()
    XCTAssertFalse(render(state).text.contains("loading"))
    state = update(state, .loadProgress(documents: 3, filesTotal: 10))
    XCTAssertTrue(render(state).text.contains("5 of 5 documents · 2 warnings (w) · loading 3 of 10 files"))
    state = update(state, .character("2"))
    XCTAssertTrue(render(state).text.contains("outline: most cited first · loading 3 of 10 files"))
    state = update(state, .loadProgress(documents: 10, filesTotal: 10))
    XCTAssertNil(state.loading)
    XCTAssertFalse(render(state).text.contains("loading"))
  }

  func testTheGraphSaysWhatItCountsBeyondCitedBy() {
    let text = render(press([.character("2")], on: start(width: 140, height: 40))).text
    XCTAssertTrue(text.contains("Kết luận 07-KL/TW · Bộ Chính trị · 11/06/2021 — 3 documents in 2 provinces"))
    XCTAssertTrue(text.contains("3 answer it\n"), text)
    XCTAssertTrue(text.contains("1 cites it without answering"), "253/TB-VPCP is only mentioned")
    XCTAssertTrue(text.contains("mentions: Công văn 2644-CV/TU"))
  }

  func testTheReaderSaysWhatEachCitingDocumentDoesWithIt() {
    let reader = press([.down, .enter, .end], on: start(width: 140, height: 40))
    XCTAssertTrue(
      render(reader).text.contains("Document (implements it) · Nam Định · ≥ 2021-07-21"), render(reader).text)
  }

  /// A decision replacing 07-KL/TW before the July letter, which still implements it: the letter
  /// carries a warning, its link and its row are marked, and 07-KL/TW's page says it was replaced.
  func testDocumentsRestingOnAReplacedDocumentAreFlagged() {
    let base = Fixtures.corpus()
    var decision = Document(
      id: "005_decision", file: "Data/corpus/005.txt", text: "thay thế Kết luận số 07-KL/TW")
    decision.level = .central
    decision.type = "Kết luận"
    decision.number = "99-KL/TW"
    decision.issuer = "Bộ Chính trị"
    decision.date = Day(iso: "2021-07-01")
    var replaced = Citation(
      type: "Kết luận", number: "07-KL/TW", date: Day(iso: "2021-06-11"), issuer: "Bộ Chính trị",
      spans: [Span(9, 29)], key: Fixtures.conclusion07)
    replaced.relation = .replaces
    decision.citations = [replaced]
    let library = Library(corpus: Corpus(documents: base.documents + [decision]))
    let july = library.document(id: "004_f8f51dfb989f039e")
    XCTAssertEqual(
      july?.warnings.last,
      DocumentWarning(
        .restsOnSuperseded,
        "implements Kết luận 07-KL/TW, which Kết luận 99-KL/TW (005_decision) replaced on 01/07/2021"))
    XCTAssertEqual(library.document(id: "000_c04fbf0a9182cd61")?.warnings, [], "June is before the decision")
    var state = AppState(library: library, width: 140, height: 40, searchIndex: library.makeSearchIndex())
    let list = render(state).text
    XCTAssertTrue(list.contains("⚠ (no subject) 004_f8f51dfb989f039e"), list)
    state = [Key.end, .up, .up, .enter].reduce(state) { update($0, $1) }
    XCTAssertEqual(state.page.screen, .reader("004_f8f51dfb989f039e"))
    var reader = render(state).text
    XCTAssertTrue(reader.contains("Warning   implements Kết luận 07-KL/TW, which"), reader)
    XCTAssertTrue(reader.contains("[2⚠]Kết luận số 07-KL/TW"), reader)
    state = [Key.tab, .tab].reduce(state) { update($0, $1) }
    reader = render(state).text
    XCTAssertTrue(
      reader.contains(
        "→ ⚠ Kết luận 07-KL/TW (implements) · Bộ Chính trị · 11/06/2021 · not in corpus · replaced on 01/07/2021 by Kết luận 99-KL/TW"
      ), reader)
    let cited = render(update(state, .enter)).text
    XCTAssertTrue(cited.contains("Replaced  ⚠ by Kết luận 99-KL/TW on 01/07/2021"), cited)
  }
}

extension Screen {
  /// The id of a cited page.
  fileprivate var citedID: String? {
    if case .cited(let id) = self { return id }
    return nil
  }
}
