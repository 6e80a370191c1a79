import DirectiveKit

extension GraphScreen {
  static func matrix(_ state: AppState) -> [ListRow] {
    let answers = state.responses
    if answers.isEmpty { return [ListRow("No central document is cited by these documents.", .dim)] }
    var provinces: [String] = []
    for central in answers {
      for province in central.provinces where !provinces.contains(province.province) {
        provinces.append(province.province)
      }
    }
    provinces.sort { ($0.folded, $0) < ($1.folded, $1) }
    let nameWidth = Self.nameWidth(provinces)
    let window = columnWindow(state, count: answers.count, nameWidth: nameWidth)
    let shown = Array(answers[window])
    // Two header rows: the type above, the number (or the date) below.
    var types = DisplayWidth.fit("", to: nameWidth)
    var numbers = DisplayWidth.fit("Province", to: nameWidth)
    for (offset, central) in shown.enumerated() {
      let heading = columnHeading(central.node, column: window.lowerBound + offset)
      types += DisplayWidth.fit(heading.0, to: columnWidth)
      numbers += DisplayWidth.fit(heading.1, to: columnWidth)
    }
    var rows = [ListRow(types, .accent), ListRow(numbers, .accent)]
    for province in provinces {
      var segments = [Segment(DisplayWidth.fit(province, to: nameWidth))]
      for central in shown {
        let cell: String
        if let group = central.provinces.first(where: { $0.province == province }) {
          let answers = group.entries.filter { $0.isAnswer || $0.relation == nil }
          cell = answers.isEmpty ? "cites" : earliestLag(answers, central: central.node.date)
        } else {
          cell = "·"
        }
        segments.append(
          Segment(DisplayWidth.fit(cell, to: columnWidth), cell == "·" || cell == "cites" ? .dim : .plain))
      }
      let target: RowTarget? =
        province == Library.unknownProvince ? nil : .province(ProvinceChoice(name: province, is2025: false))
      rows.append(ListRow(segments, target: target))
    }
    rows.append(ListRow(""))
    rows.append(ListRow("Cells: days from the central document to the province's first answer.", .dim))
    rows.append(
      ListRow("cites: the province cites it without answering it (no implements, no according to).", .dim))
    rows.append(ListRow(""))
    rows.append(ListRow("Columns", .header))
    for (offset, central) in shown.enumerated() {
      rows.append(
        ListRow(
          [
            Segment("\(window.lowerBound + offset + 1). ", .dim),
            Segment(state.library.cited(id: central.node.id)?.label ?? central.node.label, .accent),
            Segment(
              " · "
                + [central.node.issuer, central.node.date?.vietnamese].compactMap { $0 }.joined(
                  separator: " · ")),
            Segment(" — " + central.headline, .dim),
          ], target: .cited(central.node.id)))
    }
    return rows
  }

  static let columnWidth = 16

  static func nameWidth(_ provinces: some Collection<String>) -> Int {
    min(18, max(10, provinces.map { DisplayWidth.width(of: $0) }.max() ?? 10)) + 2
  }

  /// The central documents shown: from the state's first column, as many as the width holds.
  static func columnWindow(_ state: AppState, count: Int, nameWidth: Int) -> Range<Int> {
    let fitting = max(1, (state.width - nameWidth - 2) / columnWidth)
    let first = max(0, min(state.matrixColumn, count - fitting))
    return first..<min(count, first + fitting)
  }

  /// The columns of the state's matrix, and how many central documents there are.
  static func columnWindow(_ state: AppState) -> (shown: Range<Int>, count: Int) {
    let answers = state.responses
    let provinces = Set(answers.flatMap { $0.provinces.map(\.province) })
    return (columnWindow(state, count: answers.count, nameWidth: nameWidth(provinces)), answers.count)
  }

  /// `Kết luận` over `07-KL/TW`; `Điện` over `21/07/2021` for unnumbered documents; numbered
  /// from 1 as the legend numbers them.
  static func columnHeading(_ node: GraphNode, column: Int) -> (String, String) {
    let type = "\(column + 1). " + (node.type ?? "Document")
    return (type, node.number ?? node.date?.vietnamese ?? "no number")
  }

  /// `matrix · columns 1–4 of 7 · ←/→ more` when they do not all fit.
  static func matrixStatus(_ state: AppState) -> String {
    let window = columnWindow(state)
    guard window.shown.count < window.count else {
      return "matrix: provinces × central documents (lag in days)"
    }
    let keys = [Action.columnsLeft, .columnsRight].compactMap { KeyTable.key(for: $0, on: .graph) }
    return "matrix · columns \(window.shown.lowerBound + 1)–\(window.shown.upperBound) of \(window.count) · "
      + keys.joined(separator: "/") + " more"
  }

  static func earliestLag(_ entries: [ResponseEntry], central: Day?) -> String {
    if let lag = entries.compactMap(\.lagDays).min() { return lag >= 0 ? "+\(lag)" : "\(lag)" }
    if let central, let bound = entries.compactMap(\.notBefore).min() {
      return "≥ +\(bound.days(since: central))"
    }
    return "?"
  }
}
