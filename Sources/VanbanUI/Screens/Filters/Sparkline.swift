import DirectiveKit

/// Documents per month over the library's filtered list, in block characters (`▁▂▃▄▅▆▇█`), or in
/// ASCII when the locale is not UTF-8.
/// Documents per month from `first` on, as the sparkline counts them.
public struct MonthCounts: Hashable, Sendable {
  public var first: Month
  public var counts: [Int]
}

enum Sparkline {
  static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  static let ascii: [Character] = [".", ",", ":", ";", "=", "+", "*", "#"]

  /// Months from the first dated document to the last, with how many documents each has; a
  /// document without a day counts to its month; one with only a lower bound is left out.
  static func counts(_ indices: some Sequence<Int>, of documents: [Document]) -> MonthCounts? {
    counts(monthNumbers: indices.compactMap { month(of: documents[$0]).map(monthNumber) })
  }

  /// The same counts from each document's month number, kept in `CorpusTables.months`.
  static func counts(_ indices: some Sequence<Int>, months: [Int32?]) -> MonthCounts? {
    counts(monthNumbers: indices.compactMap { months[$0] })
  }

  /// The month a document counts to: its day's, else the month it names.
  static func month(of document: Document) -> Month? {
    if let date = document.date { return Month(year: date.year, month: date.month) }
    return document.month
  }

  /// Months counted from January of year 0, so that consecutive months are consecutive numbers.
  static func monthNumber(_ month: Month) -> Int32 { Int32(month.year * 12 + month.month - 1) }

  private static func counts(monthNumbers: [Int32]) -> MonthCounts? {
    guard let low = monthNumbers.min(), let high = monthNumbers.max(),
      let first = Month(year: Int(low) / 12, month: Int(low) % 12 + 1)
    else { return nil }
    var counts = [Int](repeating: 0, count: Int(high - low) + 1)
    for number in monthNumbers { counts[Int(number - low)] += 1 }
    return MonthCounts(first: first, counts: counts)
  }

  /// One character a bucket: a space for none, else one of eight heights scaled to the fullest.
  static func bars(_ counts: [Int], ascii: Bool) -> String {
    let levels = ascii ? Sparkline.ascii : blocks
    let top = max(1, counts.max() ?? 1)
    return String(
      counts.map { count in
        count == 0 ? " " : levels[min(levels.count - 1, (count * levels.count - 1) / top)]
      })
  }

  /// `2020-07 ▁   █ 2021-07 · per month`, within `width` columns: months are added up in groups
  /// of as many as needed to fit, and the line says so (`per 2 months`). Empty when no document
  /// of the list is dated or the room is too small.
  static func line(_ state: AppState, width: Int) -> String {
    guard let monthCounts = state.monthCounts else { return "" }
    let (first, counts) = (monthCounts.first, monthCounts.counts)
    var group = 1
    // Two dates, the spaces and dot between, and the unit.
    func room(_ group: Int) -> Int {
      width - 7 - 1 - 1 - 7 - 3 - (group == 1 ? "per month".count : "per \(group) months".count)
    }
    while (counts.count + group - 1) / group > room(group), room(group) >= 4 { group += 1 }
    guard room(group) >= 4 else { return "" }
    let buckets = stride(from: 0, to: counts.count, by: group).map {
      counts[$0..<min(counts.count, $0 + group)].reduce(0, +)
    }
    let lastIndex = counts.count - 1
    let lastMonth = Month(
      year: first.year + (first.month - 1 + lastIndex) / 12, month: (first.month - 1 + lastIndex) % 12 + 1)
    let unit = group == 1 ? "per month" : "per \(group) months"
    return "\(first.iso) \(bars(buckets, ascii: state.asciiOnly)) \(lastMonth?.iso ?? "") · \(unit)"
  }
}
