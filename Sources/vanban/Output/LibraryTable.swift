import DirectiveKit
import VanbanUI

/// The library as an aligned text table: date, province, number, type, subject.
enum LibraryTable {
  static func render(_ documents: [Document]) -> String {
    let header = ["DATE", "PROVINCE", "NUMBER", "TYPE", "SUBJECT"]
    let rows = documents.map { document -> [String] in
      [
        dateColumn(document), Format.province(of: document, unknown: "—"),
        document.number ?? "—",
        (document.type ?? "—") + (document.typeInferred ? "?" : ""), document.subject ?? "(no subject)",
      ].map { cell in
        let visible = Output.visible(cell)
        // Foundation's replacing is dear at 100,000 rows, and almost no cell holds a line break.
        return visible.utf8.contains(UInt8(ascii: "\n"))
          ? visible.replacingOccurrences(of: "\n", with: " ") : visible
      }
    }
    var widths = header.map(DisplayWidth.width(of:))
    for row in rows {
      for (column, cell) in row.enumerated() {
        widths[column] = max(widths[column], DisplayWidth.width(of: cell))
      }
    }
    func format(_ row: [String]) -> String {
      row.enumerated().map { column, cell in
        column == row.count - 1 ? cell : DisplayWidth.fit(cell, to: widths[column] + 2)
      }.joined()
    }
    return ([format(header)] + rows.map(format)).joined(separator: "\n")
  }

  /// As the browser writes it (`≥ 2021-06-11` for an undated document); `~` marks an inferred date.
  static func dateColumn(_ document: Document) -> String {
    Format.date(of: document) + (document.dateInferred ? "~" : "")
  }

  static func summary(_ corpus: Corpus, shown: Int) -> String {
    "\(shown) of " + counted(corpus.documents.count, "document") + " · "
      + counted(corpus.warningCount, "warning")
  }
}

/// `1 warning`, `2 warnings`, `0 warnings`.
func counted(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
