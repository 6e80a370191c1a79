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
    // Each cell's width is taken once; no cell is cut (a column is as wide as its widest cell), so
    // a row is its cells, each padded to its column, written straight into one buffer.
    let headerWidths = header.map { DisplayWidth.width(of: $0) }
    let cellWidths = rows.map { row in row.map { DisplayWidth.width(of: $0) } }
    var widths = headerWidths
    for row in cellWidths {
      for (column, width) in row.enumerated() { widths[column] = max(widths[column], width) }
    }
    var output: [UInt8] = []
    output.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 16))
    func append(_ row: [String], _ rowWidths: [Int]) {
      for (column, cell) in row.enumerated() {
        output.append(contentsOf: cell.utf8)
        if column < row.count - 1 {
          output.append(
            contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] + 2 - rowWidths[column]))
        }
      }
    }
    append(header, headerWidths)
    for (row, rowWidths) in zip(rows, cellWidths) {
      output.append(UInt8(ascii: "\n"))
      append(row, rowWidths)
    }
    return String(decoding: output, as: UTF8.self)
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
