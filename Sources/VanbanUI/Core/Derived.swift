import DirectiveKit

/// A value computed from an input, kept with it. A class, so that a test can tell a kept value
/// (the same object) from a recomputed one.
public final class Cached<Input: Hashable & Sendable, Value: Sendable>: Sendable {
  public let input: Input
  public let value: Value

  init(_ input: Input, _ value: Value) {
    self.input = input
    self.value = value
  }

  /// The kept value when `input` is the one it was computed from.
  func value(for input: Input) -> Value? { self.input == input ? value : nil }
}

/// What the library lists depends on.
public struct VisibleInput: Hashable, Sendable {
  var query: String
  var filter: [ProvinceChoice]
  var sort: SortOrder
  var indexed: Bool
  var reversed = false
}

/// What a reader layout depends on.
public struct LayoutInput: Hashable, Sendable {
  var id: String
  var width: Int
  var foldedCard = false
  /// The document's note, shown in the card.
  var note: String? = nil
}

/// What a list screen's rows and status depend on.
public struct ContentInput: Hashable, Sendable {
  var screen: Screen
  var filter: [ProvinceChoice]
  var showMatrix: Bool
  var matrixColumn: Int
  var matrixCursor = 0
  var groupBy2025: Bool
  var width: Int
  /// Marks and notes (`AppState.workbenchRevision`).
  var workbenchRevision = 0
}

/// Data derived from the state, computed by `update` when its inputs change and read by `render`:
/// the visible order of the library, the reader's layout, the response tree of the province
/// filter, the rows and status of the list screen shown.
public struct DerivedData: Sendable {
  public internal(set) var visible: Cached<VisibleInput, [Int]>?
  /// Documents per month of the visible list, for the library's sparkline.
  public internal(set) var monthCounts: Cached<VisibleInput, MonthCounts?>?
  public internal(set) var readerLayout: Cached<LayoutInput, ReaderLayout?>?
  /// The graph screen of the province filter: its response trees, outline lines and matrix rows.
  public internal(set) var graph: Cached<[ProvinceChoice], GraphTable>?
  /// The provinces screen's figures, once it has been shown (or the tables have come).
  public internal(set) var provinces: ProvincesTable?
  public internal(set) var content: Cached<ContentInput, ScreenContent>?
  /// The per-corpus tables, once built (`Event.tablesReady`); until then each value is computed
  /// from the documents.
  public internal(set) var tables: CorpusTables?
}

extension AppState {
  var visibleInput: VisibleInput {
    VisibleInput(
      query: activeQuery, filter: provinceFilter, sort: sort, indexed: searchIndex != nil,
      reversed: sortReversed)
  }

  /// The document shown by the reader or listed by the links screen.
  var layoutInput: LayoutInput? {
    switch page.screen {
    case .reader(let id), .links(let id):
      return LayoutInput(
        id: id, width: width, foldedCard: height < ReaderLayout.foldedCardBelowRows, note: notes[id])
    default: return nil
    }
  }

  var contentInput: ContentInput {
    ContentInput(
      screen: page.screen, filter: provinceFilter, showMatrix: showMatrix, matrixColumn: matrixColumn,
      matrixCursor: matrixCursor,
      groupBy2025: groupBy2025, width: width, workbenchRevision: workbenchRevision)
  }

  /// Indices of the documents the library lists, in the chosen order.
  public var visibleDocuments: [Int] {
    derived.visible?.value(for: visibleInput) ?? computeVisibleDocuments()
  }

  /// Documents per month of the visible list (the library's sparkline).
  public var monthCounts: MonthCounts? {
    derived.monthCounts?.value(for: visibleInput) ?? computeMonthCounts()
  }

  /// The layout of the document on screen (reader, links), nil elsewhere or for an unknown id.
  public var readerLayout: ReaderLayout? {
    guard let input = layoutInput else { return nil }
    return derived.readerLayout?.value(for: input) ?? computeReaderLayout(input)
  }

  /// The response tree of every central document for the province filter.
  public var responses: [CentralResponse] { graphTable.responses }

  /// The graph screen of the province filter.
  var graphTable: GraphTable {
    derived.graph?.value(for: provinceFilter) ?? computeGraphTable()
  }

  /// The per-corpus tables, when they have come and were built for this state's library.
  var tables: CorpusTables? {
    derived.tables.flatMap { $0.library === library ? $0 : nil }
  }

  /// The provinces screen's figures.
  var provincesTable: ProvincesTable {
    derived.provinces ?? tables?.provinces
      ?? ProvincesTable(library: library, responses: allResponses)
  }

  /// The rows and status line of the list screen shown.
  public var content: ScreenContent {
    derived.content?.value(for: contentInput) ?? contentWhileLoading ?? page.screen.view.content(in: self)
  }

  /// Recomputes what is stale, and only that: a key changing none of the inputs keeps every value.
  mutating func refreshDerived() {
    let visibleInput = visibleInput
    if derived.visible?.input != visibleInput {
      derived.visible = Cached(visibleInput, computeVisibleDocuments())
    }
    if derived.monthCounts?.input != visibleInput {
      derived.monthCounts = Cached(visibleInput, computeMonthCounts())
    }
    if let input = layoutInput, derived.readerLayout?.input != input {
      derived.readerLayout = Cached(input, computeReaderLayout(input))
    }
    let view = page.screen.view
    if view.readsResponses, derived.graph?.input != provinceFilter {
      derived.graph = Cached(provinceFilter, computeGraphTable())
    }
    if page.screen == .provinces, derived.provinces == nil, !library.awaitsGraph {
      derived.provinces = provincesTable
    }
    let contentInput = contentInput
    if derived.content?.input != contentInput {
      derived.content = Cached(contentInput, contentWhileLoading ?? view.content(in: self))
    }
  }

  /// The unfiltered table when it is at hand; else the trees narrowed from the unfiltered ones
  /// (or walked in the graph before those come), made a table.
  private func computeGraphTable() -> GraphTable {
    // While another thread builds the graph, its screens say so (`contentWhileLoading`).
    if library.awaitsGraph { return GraphTable(responses: [], library: library) }
    if provinceFilter.isEmpty, let table = tables?.graph { return table }
    let responses: [CentralResponse]
    if let tables, let allResponses, !provinceFilter.isEmpty {
      responses = library.corpus.graph.responses(
        narrowing: allResponses, to: tables.graphProvinces(of: provinceFilter))
    } else {
      responses = library.responses(provinces: provinceFilter, narrowing: allResponses)
    }
    return GraphTable(responses: responses, library: library)
  }

  /// From each document's month, once the library has them; a library growing from parsed
  /// documents reads the documents; a listing draws no sparkline until its tables come.
  private func computeMonthCounts() -> MonthCounts? {
    guard let months = library.monthNumbers else {
      return library.isPartial ? Sparkline.counts(visibleDocuments, of: library.documents) : nil
    }
    return Sparkline.counts(visibleDocuments, months: months)
  }

  private func computeReaderLayout(_ input: LayoutInput) -> ReaderLayout? {
    library.document(id: input.id).map {
      ReaderLayout(
        document: $0, library: library, width: input.width, foldedCard: input.foldedCard, note: input.note)
    }
  }

  private func computeVisibleDocuments() -> [Int] {
    let ordered = computeOrderedDocuments()
    return sortReversed ? ordered.reversed() : ordered
  }

  private func computeOrderedDocuments() -> [Int] {
    let documents = library.documents
    var indices = library.matching(activeQuery, index: searchIndex)
    if !provinceFilter.isEmpty {
      if let tables {
        indices = tables.filter(indices, by: provinceFilter)
      } else {
        indices = indices.filter { index in provinceFilter.contains { $0.matches(documents[index]) } }
      }
    }
    if sort != .date, let ordered = tables?.ordered(indices, by: sort) ?? library.ordered(indices, by: sort) {
      return ordered
    }
    switch sort {
    case .date:
      return indices
    case .province:
      return Self.sorted(indices, of: documents, by: Self.provinceSortKey)
    case .number:
      return Self.sorted(indices, of: documents, by: Self.numberSortKey)
    case .type:
      return Self.sorted(indices, of: documents, by: Self.typeSortKey)
    }
  }

  static func provinceSortKey(_ document: Document) -> String { document.province?.folded ?? "\u{10FFFF}" }
  static func numberSortKey(_ document: Document) -> NaturalKey { NaturalKey(document.number) }
  static func typeSortKey(_ document: Document) -> String { document.type?.folded ?? "\u{10FFFF}" }

  /// `indices` ordered by a key of their documents, computed once a document; ties in corpus order.
  static func sorted<SortKey: Comparable>(
    _ indices: [Int], of documents: [Document], by key: (Document) -> SortKey
  ) -> [Int] {
    let keyed: [(key: SortKey, index: Int)] = indices.map { (key(documents[$0]), $0) }
    let ordered = keyed.sorted { lhs, rhs in
      lhs.key == rhs.key ? lhs.index < rhs.index : lhs.key < rhs.key
    }
    return ordered.map(\.index)
  }
}
