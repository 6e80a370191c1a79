import DirectiveKit

/// The library as an aligned text table: date, province, number, type, subject.
enum LibraryTable {
  static func render(_ documents: [Document], width: Int? = nil) -> String {
    let header = ["DATE", "PROVINCE", "NUMBER", "TYPE", "SUBJECT"]
    let rows = documents.map { document -> [String] in
      [
        dateColumn(document), document.province ?? "—", document.number ?? "—",
        (document.type ?? "—") + (document.typeInferred ? "?" : ""), document.subject ?? "(no subject)",
      ].map { Output.visible($0).replacingOccurrences(of: "\n", with: " ") }
    }
    var widths = header.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
    }
    func format(_ row: [String]) -> String {
      var line = ""
      for (column, cell) in row.enumerated() {
        if column == row.count - 1 {
          line += cell
        } else {
          line += cell + String(repeating: " ", count: widths[column] - cell.count + 2)
        }
      }
      guard let width, line.count > width, width > 1 else { return line }
      return String(line.prefix(width - 1)) + "…"
    }
    return ([format(header)] + rows.map(format)).joined(separator: "\n")
  }

  /// `2021-06-14`; undated: `≥ 2021-06-11` from what it cites; `~` marks an inferred date.
  static func dateColumn(_ document: Document) -> String {
    if let date = document.date { return date.iso + (document.dateInferred ? "~" : "") }
    if let notBefore = document.notBefore { return "≥ " + notBefore.iso }
    return "undated"
  }

  static func summary(_ corpus: Corpus, shown: Int) -> String {
    "\(shown) of \(corpus.documents.count) documents · \(corpus.warningCount) warnings"
  }
}
