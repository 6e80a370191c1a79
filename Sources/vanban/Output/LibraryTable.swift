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
    var table = TableBuilder(rowCount: documents.count)
    // By position, not `for document in`: each document is read in place rather than copied,
    // which retains and releases every one of its strings and arrays.
    documents.withUnsafeBufferPointer { rows in
      for position in rows.indices { table.addRow(rows[position]) }
    }
    return table.output()
  }

  /// The cells of every row, and the widest of each column, before anything is written: a
  /// column is as wide as its widest cell. One array of cells and one of widths for the whole
  /// table, row after row; the last column is never padded, so its width is never needed.
  private struct TableBuilder {
    static let columns = LibraryTable.header.count
    var cells: [String] = []
    var cellWidths: [Int32] = []
    var widths = LibraryTable.header.map { DisplayWidth.width(of: $0) }

    init(rowCount: Int) {
      cells.reserveCapacity(rowCount * Self.columns)
      cellWidths.reserveCapacity(rowCount * (Self.columns - 1))
    }

    mutating func addRow(_ document: borrowing Document) {
      add(LibraryTable.dateColumn(document), column: 0)
      add(Format.province(of: document, unknown: "—"), column: 1)
      add(document.number ?? "—", column: 2)
      add(document.typeInferred ? (document.type ?? "—") + "?" : document.type ?? "—", column: 3)
      add(document.subject ?? "(no subject)", column: 4)
    }

    private mutating func add(_ cell: String, column: Int) {
      var visible = Output.visible(cell)
      // Foundation's replacing is dear at 100,000 rows, and almost no cell holds a line break.
      let hasLineBreak = visible.withUTF8 { utf8 in
        utf8.baseAddress.map { memchr($0, 0x0A, utf8.count) != nil } ?? false
      }
      if hasLineBreak {
        visible = visible.replacingOccurrences(of: "\n", with: " ")
      }
      if column < Self.columns - 1 {
        let width = LibraryTable.width(of: visible)
        cellWidths.append(Int32(width))
        widths[column] = max(widths[column], width)
      }
      cells.append(visible)
    }

    /// The header and every row, each cell but the last padded to its column's width and two spaces.
    func output() -> [UInt8] {
      let columns = Self.columns
      let rowCount = cells.count / columns
      let padding = widths.dropLast().reduce(0, +) + 2 * (columns - 1)
      var output: [UInt8] = []
      output.reserveCapacity((rowCount + 1) * (padding + 48))
      func append(_ cell: String, column: Int, width: Int) {
        var cell = cell
        cell.withUTF8 { output.append(contentsOf: $0) }
        if column < columns - 1 {
          output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] + 2 - width))
        }
      }
      for (column, cell) in LibraryTable.header.enumerated() {
        append(cell, column: column, width: DisplayWidth.width(of: cell))
      }
      cells.withUnsafeBufferPointer { cells in
        cellWidths.withUnsafeBufferPointer { cellWidths in
          for row in 0..<rowCount {
            output.append(UInt8(ascii: "\n"))
            for column in 0..<columns {
              append(
                cells[row * columns + column], column: column,
                width: column < columns - 1 ? Int(cellWidths[row * (columns - 1) + column]) : 0)
            }
          }
        }
      }
      return output
    }
  }

  /// Columns a cell takes. Read from its UTF-8 bytes when every character is one column for
  /// certain (ASCII, Latin letters below U+0300 and the Vietnamese letters of U+1E00–U+1EFF, as
  /// dates, numbers, provinces and types almost always are); else as the browser measures it.
  private static func width(of cell: String) -> Int {
    var cell = cell
    let counted: Int? = cell.withUTF8 { bytes in
      var columns = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
          index += 1
        } else if (0xC2...0xCB).contains(byte), index + 1 < bytes.count {
          index += 2
        } else if byte == 0xE1, index + 2 < bytes.count, (0xB8...0xBB).contains(bytes[index + 1]) {
          index += 3
        } else {
          return nil
        }
        columns += 1
      }
      return columns
    }
    return counted ?? DisplayWidth.width(of: cell)
  }

  /// As the browser writes it (`≥ 2021-06-11` for an undated document); `~` marks an inferred date.
  static func dateColumn(_ document: Document) -> String {
    isoDigits(document) ?? Format.date(of: document) + (document.dateInferred ? "~" : "")
  }

  /// `Format.date(of:)` and the `~` of an inferred date written digit by digit, without the
  /// strings `Day.iso` joins: the table writes one for each of 100,000 rows. Nil for a document
  /// with neither date nor month nor lower bound, or a year of other than four digits.
  private static func isoDigits(_ document: borrowing Document) -> String? {
    let boundOnly: Bool
    let year: Int
    let month: Int
    var day: Int?
    if let date = document.date {
      (boundOnly, year, month, day) = (false, date.year, date.month, date.day)
    } else if let whole = document.month {
      (boundOnly, year, month) = (false, whole.year, whole.month)
    } else if let notBefore = document.notBefore {
      (boundOnly, year, month, day) = (true, notBefore.year, notBefore.month, notBefore.day)
    } else {
      return nil
    }
    guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day ?? 1) else {
      return nil
    }
    let inferred = document.dateInferred
    // At most `≥ ` (4 bytes), `YYYY-MM-DD` and `~`.
    return String(unsafeUninitializedCapacity: 16) { bytes in
      var count = 0
      func put(_ byte: UInt8) {
        bytes[count] = byte
        count += 1
      }
      func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
          put(UInt8(ascii: "0") + UInt8(value / divisor % 10))
          divisor /= 10
        }
      }
      if boundOnly { for byte in "≥ ".utf8 { put(byte) } }
      digits(year, 4)
      put(UInt8(ascii: "-"))
      digits(month, 2)
      if let day {
        put(UInt8(ascii: "-"))
        digits(day, 2)
      }
      if inferred { put(UInt8(ascii: "~")) }
      return count
    }
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
