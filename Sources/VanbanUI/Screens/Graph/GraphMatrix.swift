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
    let nameWidth = min(18, max(10, provinces.map { DisplayWidth.width(of: $0) }.max() ?? 10)) + 2
    let columnWidth = 16
    let columns = max(1, (state.width - nameWidth) / columnWidth)
    let shown = Array(answers.prefix(columns))
    var header = DisplayWidth.fit("Province", to: nameWidth)
    for central in shown { header += DisplayWidth.fit(shortLabel(central.node), to: columnWidth) }
    var rows = [ListRow(header, .accent)]
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
    if answers.count > shown.count {
      rows.append(ListRow("\(answers.count - shown.count) more central documents: widen the terminal.", .dim))
    }
    return rows
  }

  /// `07-KL/TW`, or `Điện 21/07/2021` for unnumbered documents.
  static func shortLabel(_ node: GraphNode) -> String {
    if let number = node.number { return number }
    return [node.type, node.date?.vietnamese].compactMap { $0 }.joined(separator: " ")
  }

  static func earliestLag(_ entries: [ResponseEntry], central: Day?) -> String {
    if let lag = entries.compactMap(\.lagDays).min() { return lag >= 0 ? "+\(lag)" : "\(lag)" }
    if let central, let bound = entries.compactMap(\.notBefore).min() {
      return "≥ +\(bound.days(since: central))"
    }
    return "?"
  }
}
