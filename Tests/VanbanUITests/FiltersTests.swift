import DirectiveKit
import XCTest

@testable import VanbanUI

/// The filters, search, places and glance items of #14: the picker of the kit's province type,
/// filter chips, reverse sort and sort by type, reader find, markers, columns, lag chart, sparkline.
final class FiltersTests: StateTestCase {
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

extension FiltersTests {
  // MARK: 2. filter chips, reverse sort, sort by type

  func testEachFilterIsAChipRemovableAlone() {
    let filtered = press(
      [.character("p")] + typed("nam dinh") + [.enter, .character("/")] + typed("covid level:province")
        + [.enter, .character("s"), .character("r")])
    XCTAssertEqual(
      filtered.filterChips,
      [
        .province(.province("Nam Định")), .term("level:province"), .words("covid"),
        .sort(.province, reversed: true),
      ])
    XCTAssertTrue(render(filtered).text.contains("[Nam Định ×] [level:province ×] [“covid” ×]"))
    // x with no chip selected removes the last: the order.
    let unsorted = press([.character("x")], on: filtered)
    XCTAssertEqual(unsorted.sort, .date)
    XCTAssertFalse(unsorted.sortReversed)
    XCTAssertEqual(unsorted.query, "covid level:province")
    XCTAssertEqual(unsorted.provinceFilter, [.province("Nam Định")])
    // f f selects the second chip; x removes it alone.
    let selected = press([.character("f"), .character("f")], on: unsorted)
    XCTAssertEqual(selected.chipSelection, 1)
    let withoutLevel = press([.character("x")], on: selected)
    XCTAssertEqual(withoutLevel.query, "covid")
    XCTAssertEqual(withoutLevel.provinceFilter, [.province("Nam Định")])
    XCTAssertEqual(withoutLevel.message, "removed level:province")
    let withoutProvince = press([.character("f"), .character("x")], on: withoutLevel)
    XCTAssertEqual(withoutProvince.provinceFilter, [])
    XCTAssertEqual(withoutProvince.query, "covid")
    let none = press([.character("x"), .character("x")], on: withoutProvince)
    XCTAssertEqual(none.filterChips, [])
    XCTAssertEqual(none.message, "no filter to remove")
  }

  func testAQuotedPhraseIsOneChip() {
    let state = press([.character("/")] + typed("\"phong chong\" province:\"Nam Định\" dich") + [.enter])
    XCTAssertEqual(state.filterChips, [.term("province:\"Nam Định\""), .words("\"phong chong\" dich")])
    XCTAssertEqual(press([.character("x")], on: state).query, "province:\"Nam Định\"")
  }

  func testReverseSortAndSortByType() {
    let ids = { (state: AppState) in state.visibleDocuments.map { self.library.documents[$0].id } }
    let byDate = ids(start())
    XCTAssertEqual(ids(press([.character("r")])), byDate.reversed())
    XCTAssertTrue(render(press([.character("r")])).text.contains("sorted by date, reversed"))
    let byType = press(Array(repeating: .character("s"), count: 3))
    XCTAssertEqual(byType.sort, .type)
    XCTAssertEqual(
      byType.visibleDocuments.map { library.documents[$0].type ?? "-" },
      ["Công văn", "Công văn", "Công văn", "Thông báo", "-"])
    let reversed = press([.character("r")], on: byType)
    XCTAssertEqual(reversed.visibleDocuments.map { library.documents[$0].type ?? "-" }.first, "-")
    XCTAssertEqual(KeyTable.action(for: .character("r"), on: .library), .reverseSort)
    XCTAssertNil(KeyTable.action(for: .character("x"), on: .graph))
  }

  // MARK: 7. sparkline

  func testTheSparklineCountsDocumentsPerMonthOfTheFilteredList() {
    let all = Sparkline.counts(library.documents.indices, of: library.documents)
    XCTAssertEqual(all?.first.iso, "2020-07")
    XCTAssertEqual(all?.counts.count, 12)
    XCTAssertEqual(all?.counts.reduce(0, +), 2, "documents dated only by a lower bound are left out")
    XCTAssertEqual(Sparkline.bars([0, 1, 2, 4, 8], ascii: false), " ▁▂▄█")
    XCTAssertEqual(Sparkline.bars([0, 1, 2, 4, 8], ascii: true), " .,;#")
    let namDinh = press([.character("p")] + typed("nam dinh") + [.enter])
    XCTAssertEqual(
      Sparkline.line(namDinh, width: 60), "2021-06 █ 2021-06 · per month")
    XCTAssertEqual(
      Sparkline.line(start(), width: 40), "2020-07 █          █ 2021-06 · per month")
    XCTAssertEqual(
      Sparkline.line(start(), width: 38), "2020-07 █    █ 2021-06 · per 2 months")
    XCTAssertEqual(Sparkline.line(start(), width: 30), "", "no room: no sparkline")
    var ascii = start()
    ascii.asciiOnly = true
    XCTAssertEqual(
      Sparkline.line(ascii, width: 40), "2020-07 #          # 2021-06 · per month")
  }
}

extension FiltersTests {
  // MARK: 3. reader find as the library search

  func testReaderFindIgnoresPunctuationAndMarks() {
    let text = "công tác phòng, chống dịch; PHÒNG CHỐNG thiên tai và thiện tại"
    let scalars = Array(text.unicodeScalars)
    func found(_ query: String) -> [String] {
      findMatches(of: query, in: scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }
    XCTAssertEqual(found("phong chong"), ["phòng, chống", "PHÒNG CHỐNG"])
    XCTAssertEqual(found("phong, chong"), ["phòng, chống", "PHÒNG CHỐNG"])
    XCTAssertEqual(found("thien tai"), ["thiên tai", "thiện tại"])
    XCTAssertEqual(found("thiên tai"), ["thiên tai"], "a word typed with marks matches those marks")
    XCTAssertEqual(found("Thiện tại"), ["thiện tại"], "capitals aside")
    XCTAssertEqual(found("chống dịch"), ["chống dịch"])
    XCTAssertEqual(found("thien TAI"), ["thiên tai", "thiện tại"])
    let nfd = Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
    XCTAssertEqual(findMatches(of: "thiên tai", in: nfd).count, 1)
    XCTAssertEqual(findMatches(of: "phong chong", in: nfd).count, 2)
  }

  func testReaderFindKeyFindsAcrossPunctuation() {
    // 000: “tăng cường công tác phòng, chống dịch Covid-19”.
    let id = "000_c04fbf0a9182cd61"
    let state = press([.down])
    XCTAssertEqual(library.documents[state.visibleDocuments[state.page.selection]].id, id)
    let found = press([.enter, .character("/")] + typed("phong chong dich covid") + [.enter], on: state)
    XCTAssertEqual(found.page.screen, .reader(id))
    XCTAssertTrue(found.message?.hasPrefix("match 1 of ") ?? false, found.message ?? "no message")
  }
}

extension FiltersTests {
  // MARK: 4, 5. markers and columns

  /// The fixtures with a long province name, a TCVN3 file and a copy whose marks were lost.
  static func markedLibrary() -> Library {
    var documents = Fixtures.corpus().documents
    documents[1].province = "Bà Rịa - Vũng Tàu"
    documents[1].encoding = "TCVN3"
    documents[1].warnings.append(DocumentWarning(.legacyEncoding, "decoded as TCVN3 (ABC)"))
    documents[3].warnings.append(
      DocumentWarning(.diacriticsLost, "diacritics lost: 40 letters of the copy were replaced by “?”"))
    documents[0].dateInferred = true
    return Library(corpus: Corpus(documents: documents, loadWarnings: []))
  }

  func testTheLibraryShowsInferredMarkersAndEncodingMarks() {
    let library = Self.markedLibrary()
    let text = render(AppState(library: library, width: 140, height: 20)).text
    let rows = text.split(separator: "\n")
    XCTAssertTrue(rows.contains { $0.contains("2020-07-29~") }, "an inferred date")
    XCTAssertTrue(rows.contains { $0.contains("Công văn?") }, "an inferred type")
    XCTAssertTrue(rows.contains { $0.contains("[TCVN3 guessed] Về một số") }, text)
    XCTAssertTrue(rows.contains { $0.contains("[marks lost] (no subject) 004") }, text)
    XCTAssertEqual(LibraryColumns.markers(library.documents[2]), "")
  }

  func testColumnsAreSizedFromTheContentAndTheWidth() {
    let library = Self.markedLibrary()
    let wide = render(AppState(library: library, width: 140, height: 20)).text
    XCTAssertTrue(wide.contains("Bà Rịa - Vũng Tàu "), "province names whole at 140 columns")
    let narrow = render(AppState(library: library, width: 80, height: 20)).text
    XCTAssertFalse(narrow.contains("Bà Rịa - Vũng Tàu"))
    XCTAssertTrue(narrow.contains("Bà Rịa - Vũn…"), narrow)
    XCTAssertEqual(LibraryColumns.fit([12, 17, 10, 9], to: 140), [12, 17, 10, 9])
    XCTAssertEqual(LibraryColumns.fit([12, 17, 10, 9], to: 80), [12, 13, 10, 9], "the subject keeps 30")
    XCTAssertEqual(LibraryColumns.fit([12, 30, 30, 30], to: 60), [10, 8, 6, 4])
  }
}

extension FiltersTests {
  // MARK: 6. lag chart

  func testTheCitedPageDrawsTheLagChartOfVanbanLag() throws {
    let cited = press([.down, .enter, .tab, .enter])
    XCTAssertEqual(cited.page.screen, .cited(Fixtures.conclusion07))
    let lag = try XCTUnwrap(
      AnswerLag(central: Fixtures.conclusion07, documents: library.documents, graph: library.corpus.graph))
    let chart = LagChart.render(lag, unicode: true).split(separator: "\n").map(String.init)
    let rows = cited.content.rows.map { $0.segments.map(\.text).joined() }
    let start = try XCTUnwrap(rows.firstIndex(of: chart[0]))
    XCTAssertEqual(Array(rows[start..<(start + chart.count)]), chart, "the chart is vanban lag's")
    XCTAssertTrue(chart.contains { $0.contains("█") })
    XCTAssertTrue(chart.contains { $0.hasPrefix("never answered (1): Ninh Bình") })
    // Each bar opens the province's first answer.
    let bars = cited.content.rows[start...].compactMap(\.target)
    XCTAssertEqual(bars, lag.rows.map { .document($0.documentID) })
    let last = press([.end, .enter], on: cited)
    XCTAssertEqual(last.page.screen, .reader(lag.rows.last!.documentID))
  }

  func testTheLagChartIsASCIIWhenTheLocaleIsNot() {
    var state = start()
    state.asciiOnly = true
    let cited = press([.down, .enter, .tab, .enter], on: state)
    let text = cited.content.rows.map { $0.segments.map(\.text).joined() }.joined(separator: "\n")
    XCTAssertTrue(text.contains("###"), text)
    XCTAssertFalse(text.contains("█"))
    XCTAssertTrue(text.contains("| median"))
  }

  func testTheLagChartFollowsTheProvinceFilter() {
    let cited = press([.character("p")] + typed("kien giang") + [.enter, .down, .enter, .tab, .enter])
    let text = cited.content.rows.map { $0.segments.map(\.text).joined() }.joined(separator: "\n")
    XCTAssertFalse(text.contains("never answered"), text)
  }
}

extension FiltersTests {
  // MARK: 8. the help says what it is

  func testTheHelpFooterSaysWhatTheHelpIs() {
    let text = render(press([.character("?")], on: start(width: 140, height: 60))).text
    XCTAssertTrue(
      text.contains("This help: every key and what it does. A key marked (reader) works only there."), text)
    XCTAssertFalse(text.contains("from the table the key handling reads"))
    XCTAssertTrue(text.contains("reverse the order (library)"))
    XCTAssertTrue(text.contains("remove the selected filter chip"))
  }
}
