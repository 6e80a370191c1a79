/// Comma-separated values as RFC 4180 writes them: a header row, then one row per record, each
/// line ended by CRLF; a field holding a comma, a double quote, CR or LF is quoted, its quotes
/// doubled. UTF-8 without a byte-order mark. A nil field is empty.
public enum CSV {
  public static func render(header: [String], rows: [[String?]]) -> String {
    var output = line(header)
    for row in rows { output += line(row) }
    return output
  }

  static func line(_ fields: [String?]) -> String {
    fields.map { field($0 ?? "") }.joined(separator: ",") + "\r\n"
  }

  public static func field(_ text: String) -> String {
    let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// The CSV tables of the commands: one row per record, the columns named as docs/json.md names
/// the JSON fields they come from.
public enum ContractCSV {
  public static let documentHeader = [
    "id", "file", "built_in", "level", "issuer", "province", "province_2025", "province_inferred", "type",
    "type_inferred",
    "number", "date", "date_inferred", "date_month", "not_before", "subject", "citations", "cited_by",
    "encoding", "warnings",
  ]

  /// `citations` and `cited_by` are counts; `warnings` the warnings joined by ` | `.
  public static func documentRow(_ document: Document, builtIn: Bool = false) -> [String?] {
    [
      document.id, document.file, String(builtIn), document.level.rawValue, document.issuer,
      document.province, document.province2025, String(document.provinceInferred), document.type,
      String(document.typeInferred), document.number, document.date?.iso, String(document.dateInferred),
      document.month?.iso, document.notBefore?.iso, document.subject, String(document.citations.count),
      String(document.citedBy.count), document.encoding,
      document.warnings.map(\.message).joined(separator: " | "),
    ]
  }

  public static let citationHeader = [
    "type", "number", "date", "issuer", "subject", "title", "relation", "relation_cue", "target", "in_corpus",
    "mentions",
  ]

  public static func citationRow(_ citation: Citation) -> [String?] {
    [
      citation.type, citation.number, citation.date?.iso, citation.issuer, citation.subject, citation.title,
      citation.relation.rawValue, citation.relationEvidence?.cue, citation.target, String(citation.inCorpus),
      String(citation.mentions),
    ]
  }

  public static let lagHeader = ["province", "document", "days", "lower_bound", "answered"]

  /// One row per province that answered, then one per province that never did (`answered` false,
  /// no days).
  public static func lagRows(_ lag: AnswerLag) -> [[String?]] {
    lag.rows.map { [$0.province, $0.documentID, String($0.days), String($0.isLowerBound), "true"] }
      + lag.unanswered.map { [$0, nil, nil, nil, "false"] }
  }
}
