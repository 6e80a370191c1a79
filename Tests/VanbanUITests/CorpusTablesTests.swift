import DirectiveKit
import VanbanGenerator
import XCTest

@testable import VanbanUI

/// The per-corpus tables (`Event.tablesReady`) give what the screens computed from every document
/// before: on a generated corpus, for every province a filter can name, each table and each
/// screen drawn from them equals the direct computation.
final class CorpusTablesTests: XCTestCase {
  static let library: Library = {
    let texts = CorpusGenerator(seed: 13).generate(count: 600).map(\.text)
    let files = texts.indices.map { "generated/\($0).txt" }
    let byFile = Dictionary(uniqueKeysWithValues: zip(files, texts))
    let corpus = Corpus.build(files: files, reader: { file in .success(Array((byFile[file] ?? "").utf8)) })
    return Library(corpus: corpus)
  }()
  static let responses = library.responses()
  static let tables = CorpusTables(library: library, responses: responses)

  /// Every choice of the picker that selects documents (every province of the corpus, before and
  /// since 2025, and the documents of none), and one that selects none.
  static let choices: [ProvinceChoice] =
    library.provinceOptions.filter { $0.documents > 0 }.map(\.choice)
    + library.provinceOptions.filter { $0.documents == 0 }.prefix(1).map(\.choice)

  var library: Library { Self.library }
  var tables: CorpusTables { Self.tables }

  func testTheCorpusIsVariedEnoughToTestAnything() {
    XCTAssertGreaterThan(library.provinces.count, 5)
    XCTAssertGreaterThan(library.provinces2025.count, 3)
    XCTAssertGreaterThan(Self.responses.count, 5)
    XCTAssertTrue(Self.choices.contains(.unknown))
    XCTAssertGreaterThan(Self.choices.filter(\.is2025).count, 3)
  }

  func testAProvinceFilterSelectsTheDocumentsEachDocumentMatches() {
    let documents = library.documents
    let all = Array(documents.indices)
    for choice in Self.choices {
      let matching = all.filter { choice.matches(documents[$0]) }
      XCTAssertEqual(tables.filter(all, by: [choice]), matching, "\(choice)")
      XCTAssertEqual(
        tables.graphProvinces(of: [choice]),
        Set(matching.map { documents[$0].province ?? CitationGraph.unknownProvince }), "\(choice)")
      XCTAssertEqual(
        tables.provinceNames(selectedBy: [choice]), Set(matching.compactMap { documents[$0].province }),
        "\(choice)")
    }
    let two = Array(Self.choices.prefix(2))
    XCTAssertEqual(
      tables.filter(all, by: two), all.filter { index in two.contains { $0.matches(documents[index]) } })
  }

  func testEachOrderNarrowedToAProvinceIsThatProvinceSorted() {
    let documents = library.documents
    let all = Array(documents.indices)
    let keys: [(VanbanUI.SortOrder, [Int]) -> [Int]] = [
      { _, indices in indices },
      { _, indices in AppState.sorted(indices, of: documents, by: AppState.provinceSortKey) },
      { _, indices in AppState.sorted(indices, of: documents, by: AppState.numberSortKey) },
      { _, indices in AppState.sorted(indices, of: documents, by: AppState.typeSortKey) },
    ]
    for (sort, direct) in zip(SortOrder.allCases, keys) where sort != .date {
      XCTAssertEqual(tables.ordered(all, by: sort), direct(sort, all), "\(sort)")
      for choice in Self.choices {
        let subset = tables.filter(all, by: [choice])
        XCTAssertEqual(tables.ordered(subset, by: sort), direct(sort, subset), "\(sort) \(choice)")
      }
    }
    XCTAssertNil(tables.ordered(all, by: .date), "the corpus's own order needs no table")
  }

  func testTheSparklineCountsTheSameMonthsFromTheTable() {
    let documents = library.documents
    let all = Array(documents.indices)
    XCTAssertNotNil(Sparkline.counts(all, months: tables.months))
    for choice in Self.choices {
      let subset = tables.filter(all, by: [choice])
      XCTAssertEqual(
        Sparkline.counts(subset, months: tables.months), Sparkline.counts(subset, of: documents), "\(choice)")
    }
  }

  func testTheLagColumnIsAsWideAsItsWidestLag() {
    for choice in [nil] + Self.choices.map(Optional.some) {
      let responses = choice.map { library.responses(provinces: [$0]) } ?? Self.responses
      let lags = responses.flatMap { central in
        central.provinces.flatMap { $0.entries.map { Format.lag($0, from: central.node.date) } }
      }
      XCTAssertEqual(GraphTable.lagWidth(responses), Format.lagWidth(lags), "\(String(describing: choice))")
    }
    for central in Self.responses {
      let entries = central.provinces.flatMap(\.entries)
      XCTAssertEqual(
        GraphTable.lagWidth(entries, from: central.node.date),
        Format.lagWidth(entries.map { Format.lag($0, from: central.node.date) }), central.node.id)
    }
    XCTAssertEqual(GraphTable.characterCount(0), 1)
    XCTAssertEqual(GraphTable.characterCount(-7), 2)
    XCTAssertEqual(GraphTable.characterCount(1000), 4)
    XCTAssertEqual(GraphTable.characterCount(-99), 3)
  }

  /// A state without tables or trees (walking the graph for each filter) and one that received
  /// both as events: every screen of every province filter has the same rows, targets and frame.
  func testEveryScreenOfEveryProvinceIsTheSameWithTheTables() {
    let direct = AppState(library: library, width: 140, height: 40)
    var tabled = update(direct, .responsesReady(Self.responses))
    tabled = update(tabled, .tablesReady(tables))
    XCTAssertNotNil(tabled.derived.tables)
    let busiest = library.cited.first { $0.isCentral }?.id ?? ""
    // Every order of the library, then the outline, the matrix, the provinces, grouped.
    let keys =
      [Key.character("s"), .character("s"), .character("s"), .character("s")]
      + [.character("2"), .character("m"), .character("3"), .character("t")]
    let screens = Array(repeating: Screen.library, count: 5) + [.graph, .graph, .provinces, .provinces]
    for choice in [nil] + Self.choices.map(Optional.some) {
      var withoutTables = direct
      var withTables = tabled
      withoutTables.provinceFilter = choice.map { [$0] } ?? []
      withTables.provinceFilter = withoutTables.provinceFilter
      let name = String(describing: choice)
      var walked = update(withoutTables, Event.resize(width: 140, height: 40))
      var narrowed = update(withTables, Event.resize(width: 140, height: 40))
      for (position, key) in ([nil] + keys.map(Optional.some)).enumerated() {
        if let key {
          walked = update(walked, key)
          narrowed = update(narrowed, key)
        }
        let step = "\(name) after \(position) keys"
        XCTAssertEqual(narrowed.page.screen, screens[position], step)
        XCTAssertEqual(walked.page.screen, screens[position], step)
        XCTAssertEqual(narrowed.visibleDocuments, walked.visibleDocuments, step)
        XCTAssertEqual(narrowed.monthCounts, walked.monthCounts, step)
        assertSameContent(narrowed, walked, step)
        XCTAssertEqual(render(narrowed).text, render(walked).text, step)
      }
      func citedPage(_ state: AppState) -> AppState {
        var page = state
        page.page = Page(.cited(busiest))
        return update(page, Event.resize(width: 140, height: 40))
      }
      let (citedWithTables, citedWithout) = (citedPage(withTables), citedPage(withoutTables))
      assertSameContent(citedWithTables, citedWithout, "cited \(busiest) \(name)")
      XCTAssertEqual(render(citedWithTables).text, render(citedWithout).text, "cited \(busiest) \(name)")
    }
  }

  /// The cited page's lag chart, read from the documents citing the node, is `vanban lag`'s over
  /// every document of the filter.
  func testTheLagChartFromTheCitingDocumentsIsTheLagOfEveryDocument() {
    let graph = library.corpus.graph
    let documents = library.documents
    let centrals = library.cited.filter(\.isCentral)
    XCTAssertGreaterThan(centrals.count, 20)
    // The most cited and the least cited: the tables' path (from the node's response tree) is the
    // one taken, and it has answers to read.
    let nodes = centrals.prefix(14) + centrals.suffix(6)
    XCTAssertTrue(nodes.allSatisfy { tables.response(to: $0.id) != nil })
    let unfiltered = update(AppState(library: library, width: 140, height: 40), .tablesReady(tables))
    let answered = nodes.filter { (LagChartRows.lag(for: $0, state: unfiltered)?.rows.count ?? 0) > 1 }
    XCTAssertGreaterThan(answered.count, nodes.count / 2)
    for choice in [nil] + Self.choices.map(Optional.some) {
      let counted = choice.map { choice in documents.filter { choice.matches($0) } } ?? documents
      var state = AppState(library: library, width: 140, height: 40)
      state = update(state, .tablesReady(tables))
      state.provinceFilter = choice.map { [$0] } ?? []
      for node in nodes {
        XCTAssertEqual(
          LagChartRows.lag(for: node, state: state),
          AnswerLag(central: node.id, documents: counted, graph: graph),
          "\(node.id) \(String(describing: choice))")
      }
    }
  }

  /// The cited page lists every document of the node's response tree once, grouped by relation in
  /// `relationOrder` (answers first), each group by day (or `not_before`), folded province and id,
  /// then the letters answering the answers in the tree's order: on every central node.
  func testTheCitedPageOrdersItsEntriesAsTheirDaysProvincesAndIds() {
    var state = update(AppState(library: library, width: 140, height: 40), .tablesReady(tables))
    var checked = 0
    let headings = Set(
      CitedScreen.relationOrder.map(CitedScreen.relationHeading) + ["Answering those answers"])
    for node in library.cited where node.isCentral {
      guard let response = tables.response(to: node.id) else { continue }
      state.page = Page(.cited(node.id))
      let lines = CitedScreen.cited(node.id, state: state)
      let listed: [String] = lines.compactMap { line in
        switch line {
        case .entry(let entry): return entry.documentID
        case .row(let row):
          let text = row.segments.map(\.text).joined()
          let name = text.components(separatedBy: " · ").first ?? ""
          return headings.contains(name) ? "# " + text : nil
        }
      }
      let far = Day(year: 2100, month: 1, day: 1)!
      let flat = response.provinces.flatMap { group in group.entries.map { (group.province, $0) } }
      var expected: [String] = []
      for relation in CitedScreen.relationOrder {
        let group = flat.filter { $0.1.relation == relation }.sorted { a, b in
          let (dayA, dayB) = (a.1.date ?? a.1.notBefore ?? far, b.1.date ?? b.1.notBefore ?? far)
          if dayA != dayB { return dayA < dayB }
          if a.0.folded != b.0.folded { return a.0.folded < b.0.folded }
          return a.1.documentID < b.1.documentID
        }
        guard !group.isEmpty else { continue }
        expected.append("# \(CitedScreen.relationHeading(relation)) · \(group.count)")
        expected += group.map(\.1.documentID)
      }
      let chained = flat.filter { $0.1.relation == nil }
      if !chained.isEmpty {
        expected.append("# Answering those answers · \(chained.count)")
        expected += chained.map(\.1.documentID)
      }
      XCTAssertEqual(listed, expected, node.id)
      checked += 1
    }
    XCTAssertGreaterThan(checked, 8)
  }

  func testTheUnfilteredTreeOfACentralDocumentIsTheOneTheGraphWalks() {
    var found = 0
    for node in library.cited {
      let walked = library.response(to: node)
      if let kept = tables.response(to: node.id) {
        XCTAssertEqual(kept, walked, node.id)
        found += 1
      } else {
        XCTAssertTrue(walked == nil || !node.isCentral, node.id)
      }
    }
    XCTAssertEqual(found, Self.responses.count)
  }

  /// Tables arriving for another library (one loaded before, say) are kept out of every screen.
  func testTheTablesOfAnotherLibraryAreNotRead() {
    let shipped = Fixtures.library()
    let plain = AppState(library: shipped, width: 140, height: 40)
    var offered = update(plain, .tablesReady(tables))
    XCTAssertNil(offered.tables)
    XCTAssertNotNil(update(AppState(library: library, width: 140, height: 40), .tablesReady(tables)).tables)
    var expected = plain
    for key in [Key.character("s"), .character("s"), .character("2"), .character("3")] {
      offered = update(offered, key)
      expected = update(expected, key)
      XCTAssertEqual(offered.visibleDocuments, expected.visibleDocuments, "\(key)")
      XCTAssertEqual(render(offered).text, render(expected).text, "\(key)")
    }
  }

  private func assertSameContent(_ actual: AppState, _ expected: AppState, _ message: String) {
    let (left, right) = (actual.content, expected.content)
    XCTAssertEqual(Array(left.rows), Array(right.rows), message)
    XCTAssertEqual(left.targets, right.targets, message)
    XCTAssertEqual(left.selectableRows, right.selectableRows, message)
    XCTAssertEqual(left.status, right.status, message)
  }
}
