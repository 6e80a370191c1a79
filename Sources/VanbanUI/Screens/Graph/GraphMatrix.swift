import DirectiveKit

extension GraphScreen {
  static func matrix(_ state: AppState) -> [ListRow] {
    let table = state.graphTable
    let answers = table.responses
    if answers.isEmpty { return [ListRow("No central document is cited by these documents.", .dim)] }
    let provinces = table.matrixProvinces
    let nameWidth = table.matrixNameWidth
    let window = columnWindow(state, count: answers.count, nameWidth: nameWidth)
    let shown = Array(answers[window])
    // Two header rows: the type above, the number (or the date) below.
    // The selected column (←/→) underlined from its heading down: Enter opens its cell.
    let cursor = min(state.matrixCursor, answers.count - 1)
    var types = [Segment(DisplayWidth.fit("", to: nameWidth), .accent)]
    var numbers = [Segment(DisplayWidth.fit("Province", to: nameWidth), .accent)]
    for (offset, central) in shown.enumerated() {
      let column = window.lowerBound + offset
      let heading = columnHeading(central.node, column: column)
      let style: Style = column == cursor ? .link : .accent
      types.append(Segment(DisplayWidth.fit(heading.0, to: columnWidth - 1), style))
      types.append(Segment(" "))
      numbers.append(Segment(DisplayWidth.fit(heading.1, to: columnWidth - 1), style))
      numbers.append(Segment(" "))
    }
    var rows = [ListRow(types), ListRow(numbers)]
    for province in provinces {
      var segments = [Segment(DisplayWidth.fit(province, to: nameWidth))]
      for (offset, central) in shown.enumerated() {
        let cell: String
        if let group = central.provinces.first(where: { $0.province == province }) {
          let answers = group.entries.filter { $0.isAnswer || $0.relation == nil }
          cell = answers.isEmpty ? "cites" : earliestLag(answers, central: central.node.date)
        } else {
          cell = "·"
        }
        let style: Style =
          window.lowerBound + offset == cursor ? .link : cell == "·" || cell == "cites" ? .dim : .plain
        segments.append(Segment(DisplayWidth.fit(cell, to: columnWidth - 1), style))
        segments.append(Segment(" "))
      }
      let target: RowTarget =
        .province(
          province == Library.unknownProvince ? .unknown : ProvinceChoice(name: province, is2025: false))
      rows.append(ListRow(segments, target: target))
    }
    rows.append(ListRow(""))
    rows.append(ListRow("Cells: days from the central document to the province's first answer.", .dim))
    rows.append(
      ListRow(
        "←/→ choose a column; Enter: its documents from the row's province.",
        .dim))
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
    let table = state.graphTable
    let count = table.responses.count
    return (columnWindow(state, count: count, nameWidth: table.matrixNameWidth), count)
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

  /// The province of the selected matrix row, nil on a heading or legend row.
  static func selectedProvince(_ state: AppState) -> ProvinceChoice? {
    let targets = state.content.targets
    guard targets.indices.contains(state.page.selection),
      case .province(let choice) = targets[state.page.selection]
    else { return nil }
    return choice
  }
}

extension AppState {
  /// Moves the matrix's selected column, the columns shown following it.
  mutating func moveMatrixCursor(by step: Int) {
    let count = responses.count
    guard count > 0 else { return }
    matrixCursor = max(0, min(count - 1, min(matrixCursor, count - 1) + step))
    let window = GraphScreen.columnWindow(self).shown
    if matrixCursor < window.lowerBound {
      matrixColumn = matrixCursor
    } else if matrixCursor >= window.upperBound {
      matrixColumn = matrixCursor - (window.count - 1)
    }
  }

  /// The cited page of the selected column's central document, narrowed to `province`: the
  /// filter shows as a chip, and Backspace puts back the filter it replaced.
  mutating func openMatrixCell(province: ProvinceChoice) {
    let answers = responses
    guard !answers.isEmpty else { return }
    let central = answers[min(matrixCursor, answers.count - 1)]
    let before = provinceFilter
    navigate(to: .cited(central.node.id))
    page.cellFilter = [province]
    page.filterBeforeCell = before
    provinceFilter = [province]
    resetListPosition()
  }
}
