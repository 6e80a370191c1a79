import DirectiveKit

/// Shared ways of writing dates and lags.
public enum Format {
  /// The province column: the province, `central` for a document of a central body, `?` when
  /// the text does not say.
  public static func province(of document: Document, unknown: String = "?") -> String {
    document.province ?? (document.level == .central ? "central" : unknown)
  }

  /// `2021-06-14`, `≥ 2021-07-21` for an undated document with a lower bound, else `undated`.
  public static func date(of document: Document) -> String {
    if document.date == nil, let month = document.month { return month.iso }
    return date(document.date, notBefore: document.notBefore)
  }

  public static func date(_ date: Day?, notBefore: Day?) -> String {
    if let date { return date.iso }
    if let notBefore { return "≥ \(notBefore.iso)" }
    return "undated"
  }

  /// `+3 d`, `≥ +40 d` (undated, bounded by `notBefore`), or `?`.
  public static func lag(_ entry: ResponseEntry, from central: Day?) -> String {
    if let lag = entry.lagDays { return lag >= 0 ? "+\(lag) d" : "\(lag) d" }
    if let notBefore = entry.notBefore, let central {
      return "≥ +\(notBefore.days(since: central)) d"
    }
    return "?"
  }

  /// `Công văn 215-CV/TU`, `Document` when the type is unknown.
  public static func label(of document: Document) -> String {
    [document.type ?? "Document", document.number].compactMap { $0 }.joined(separator: " ")
  }

  /// `1 warning`, `2 warnings`.
  public static func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }

  /// The lag column's width for the lags a screen shows: at least 10, and one more than the
  /// widest, so that a lag never runs into the next column nor is cut.
  public static func lagWidth(_ lags: some Sequence<String>) -> Int {
    max(10, (lags.map { DisplayWidth.width(of: $0) }.max() ?? 0) + 1)
  }
}
