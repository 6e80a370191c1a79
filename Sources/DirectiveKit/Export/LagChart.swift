/// `vanban lag`'s chart: one horizontal bar per province, in eighths of a cell with block
/// characters (`█▏▎▍▌▋▊▉`), or in whole `#` cells where the terminal's locale is not UTF-8; the
/// median marked by a vertical line down the bars (`│`, `|` in ASCII).
public enum LagChart {
  /// Columns the longest bar takes.
  public static let barWidth = 40

  public static func render(_ lag: AnswerLag, unicode: Bool) -> String {
    var lines = [heading(lag)]
    if lag.rows.isEmpty { lines.append("no province answered it") }
    let longest = max(1, lag.rows.map(\.days).max() ?? 1)
    let cellsPerDay = Double(barWidth) / Double(longest)
    let nameWidth = lag.rows.map(\.province.count).max() ?? 0
    let dayTexts = lag.rows.map { ($0.isLowerBound ? "≥ " : "") + "\($0.days) d" }
    let dayWidth = dayTexts.map(\.count).max() ?? 0
    let medianColumn = lag.medianDays.map { min(barWidth - 1, Int(($0 * cellsPerDay).rounded(.down))) }
    for (row, days) in zip(lag.rows, dayTexts) {
      var cells = Array(bar(cells: Double(max(0, row.days)) * cellsPerDay, unicode: unicode))
      cells += Array(repeating: " ", count: barWidth - cells.count)
      if let medianColumn, cells[medianColumn] == " " { cells[medianColumn] = unicode ? "│" : "|" }
      let name = row.province + String(repeating: " ", count: nameWidth - row.province.count)
      let count = String(repeating: " ", count: dayWidth - days.count) + days
      lines.append("\(name)  \(count)  \(String(cells))".trimmingTrailingSpaces())
    }
    if let median = lag.medianDays {
      let dated = lag.rows.filter { !$0.isLowerBound }.count
      let mark = unicode ? "│" : "|"
      lines.append(
        "\(mark) median \(format(median)) days, of \(dated) dated answer\(dated == 1 ? "" : "s")"
          + (lag.rows.count > dated ? "; ≥: undated, counted to the latest date it cites" : ""))
    }
    if !lag.unanswered.isEmpty {
      lines.append("never answered (\(lag.unanswered.count)): " + lag.unanswered.joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func heading(_ lag: AnswerLag) -> String {
    var parts = [lag.central.label]
    if let issuer = lag.central.issuer { parts.append(issuer) }
    if let date = lag.central.date { parts.append(date.vietnamese) }
    return parts.joined(separator: " · ") + ": days to each province's first answer"
  }

  /// A bar `cells` columns long: whole cells `█` and a last partial one in eighths; in ASCII,
  /// rounded to whole `#` cells. A bar of zero length is empty.
  public static func bar(cells: Double, unicode: Bool) -> String {
    guard unicode else { return String(repeating: "#", count: Int(cells.rounded())) }
    let eighths = Int((cells * 8).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
    return String(repeating: "█", count: eighths / 8) + partial
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
