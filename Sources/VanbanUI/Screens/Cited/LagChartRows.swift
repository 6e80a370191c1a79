import DirectiveKit

/// The cited page's lag chart: `vanban lag ID` drawn into the page, one bar per province (the
/// days from the document to its first answer, fewest first), the median marked, the provinces
/// that never answered apart. Block characters, or `#` and `|` when the locale is not UTF-8.
/// Enter on a bar opens that province's first answer.
enum LagChartRows {
  /// The documents the chart counts: those of the province filter, as `--province` narrows `lag`.
  static func documents(_ state: AppState) -> [Document] {
    let documents = state.library.documents
    guard !state.provinceFilter.isEmpty else { return documents }
    return documents.filter { document in state.provinceFilter.contains { $0.matches(document) } }
  }

  /// `vanban lag`'s figures for the documents of the province filter, read from the documents
  /// citing the node and the provinces the filter selects rather than from every document, when
  /// the corpus tables are at hand.
  static func lag(for node: CitedSummary, state: AppState) -> AnswerLag? {
    let library = state.library
    let graph = library.corpus.graph
    let filter = state.provinceFilter
    let provinces: Set<String>
    if filter.isEmpty {
      provinces = Set(library.provinces)
    } else if let tables = state.tables {
      provinces = tables.provinceNames(selectedBy: filter)
    } else {
      return AnswerLag(central: node.id, documents: documents(state), graph: graph)
    }
    let citing = graph.citing(node.id).compactMap(library.document(id:)).filter { document in
      filter.isEmpty || filter.contains { $0.matches(document) }
    }
    return AnswerLag(central: node.id, citing: citing, provinces: provinces, graph: graph)
  }

  static func rows(for node: CitedSummary, state: AppState) -> [ListRow] {
    guard let lag = lag(for: node, state: state) else { return [] }
    let lines = LagChart.render(lag, unicode: !state.asciiOnly).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init).filter { !$0.isEmpty }
    guard let heading = lines.first else { return [] }
    var rows = [ListRow(""), ListRow(heading, .header)]
    for (index, line) in lines.dropFirst().enumerated() {
      if lag.rows.indices.contains(index) {
        rows.append(ListRow(line, .accent, target: .document(lag.rows[index].documentID)))
      } else {
        rows.append(ListRow(line, .dim))
      }
    }
    return rows
  }
}
