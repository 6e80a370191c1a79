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
    if let tables = state.tables, let response = tables.response(to: node.id) {
      return lag(for: node, response: response, tables: tables, filter: filter)
    }
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

  /// The same figures from the node's unfiltered response tree (the corpus tables'): of each
  /// province, only the answers that can be its first (those of the fewest days) are read as
  /// documents, instead of every document citing the node.
  static func lag(
    for node: CitedSummary, response: CentralResponse, tables: CorpusTables, filter: [ProvinceChoice]
  ) -> AnswerLag? {
    let library = tables.library
    let graph = library.corpus.graph
    guard let from = graph.node(node.id)?.date else { return nil }
    let selected = filter.isEmpty ? nil : tables.selected(by: filter)
    // Per province, the documents sharing its fewest days (an exact count before a lower bound).
    var firstAnswers: [String: (days: Int, isLowerBound: Bool, documents: [String])] = [:]
    for group in response.provinces where group.province != CitationGraph.unknownProvince {
      for entry in group.entries where entry.isAnswer {
        let days: Int
        let isLowerBound: Bool
        if let date = entry.date {
          (days, isLowerBound) = (date.days(since: from), false)
        } else if let notBefore = entry.notBefore {
          (days, isLowerBound) = (notBefore.days(since: from), true)
        } else {
          continue
        }
        if let selected {
          guard let document = library.index(of: entry.documentID),
            selected[Int(tables.provinceKeyOfDocument[document])]
          else { continue }
        }
        if let known = firstAnswers[group.province] {
          if (known.days, known.isLowerBound ? 1 : 0) < (days, isLowerBound ? 1 : 0) { continue }
          if known.days == days, known.isLowerBound == isLowerBound {
            firstAnswers[group.province]?.documents.append(entry.documentID)
            continue
          }
        }
        firstAnswers[group.province] = (days, isLowerBound, [entry.documentID])
      }
    }
    let candidates = firstAnswers.values.flatMap { $0.documents.compactMap(library.document(id:)) }
    let provinces = filter.isEmpty ? Set(library.provinces) : tables.provinceNames(selectedBy: filter)
    return AnswerLag(central: node.id, citing: candidates, provinces: provinces, graph: graph)
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
