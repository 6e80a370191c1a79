import DirectiveKit
import VanbanUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The library as an aligned text table: date, province, number, type, subject.
enum LibraryTable {
  static let header = ["DATE", "PROVINCE", "NUMBER", "TYPE", "SUBJECT"]

  static func render(_ documents: [Document]) -> String {
    String(decoding: bytes(documents), as: UTF8.self)
  }

  /// The table in UTF-8, without a line break after its last row. Every cell is made visible
  /// here (control characters as placeholders, line breaks as spaces), so the bytes can be
  /// written as they are.
  static func bytes(_ documents: [Document]) -> [UInt8] {
    let columns = header.count
    // One array of cells and one of widths for the whole table, row after row: no array per row.
    // The last column is never padded, so its width is never needed.
    var cells: [String] = []
    var cellWidths: [Int] = []
    cells.reserveCapacity(documents.count * columns)
    cellWidths.reserveCapacity(documents.count * (columns - 1))
    var widths = header.map { DisplayWidth.width(of: $0) }
    func add(_ cell: String, column: Int) {
      var visible = Output.visible(cell)
      // Foundation's replacing is dear at 100,000 rows, and almost no cell holds a line break.
      let hasLineBreak = visible.withUTF8 { utf8 in
        utf8.baseAddress.map { memchr($0, 0x0A, utf8.count) != nil } ?? false
      }
      if hasLineBreak {
        visible = visible.replacingOccurrences(of: "\n", with: " ")
      }
      if column < columns - 1 {
        let width = Self.width(of: visible)
        cellWidths.append(width)
        widths[column] = max(widths[column], width)
      }
      cells.append(visible)
    }
    func addRow(_ document: borrowing Document) {
      add(dateColumn(document), column: 0)
      add(Format.province(of: document, unknown: "—"), column: 1)
      add(document.number ?? "—", column: 2)
      add(document.typeInferred ? (document.type ?? "—") + "?" : document.type ?? "—", column: 3)
      add(document.subject ?? "(no subject)", column: 4)
    }
    // By position, not `for document in`: each document is read in place rather than copied,
    // which retains and releases every one of its strings and arrays.
    documents.withUnsafeBufferPointer { rows in
      for position in rows.indices { addRow(rows[position]) }
    }
    var output: [UInt8] = []
    output.reserveCapacity((documents.count + 1) * (widths.dropLast().reduce(0, +) + 48))
    func append(_ cell: String, column: Int, width: Int) {
      var cell = cell
      cell.withUTF8 { output.append(contentsOf: $0) }
      if column < columns - 1 {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] + 2 - width))
      }
    }
    for (column, cell) in header.enumerated() {
      append(cell, column: column, width: DisplayWidth.width(of: cell))
    }
    for row in 0..<documents.count {
      output.append(UInt8(ascii: "\n"))
      for column in 0..<columns {
        append(
          cells[row * columns + column], column: column,
          width: column < columns - 1 ? cellWidths[row * (columns - 1) + column] : 0)
      }
    }
    return output
  }

  /// Columns a cell takes: its length when it is ASCII, as dates and numbers almost always are.
  private static func width(of cell: String) -> Int {
    var cell = cell
    let ascii = cell.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    return ascii ? cell.utf8.count : DisplayWidth.width(of: cell)
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
