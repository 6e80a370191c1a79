import DirectiveKit
import VanbanUI

/// The library as plain text, for a pipe: one row per document, controls shown as placeholders.
enum LibraryTable {
  static func render(_ corpus: Corpus, width: Int?) -> String {
    var lines: [String] = []
    for document in corpus.documents {
      let columns = [
        DisplayWidth.fit(Format.date(of: document), to: 12),
        DisplayWidth.fit(document.province ?? "?", to: 12),
        DisplayWidth.fit(document.number ?? "-", to: 12),
        DisplayWidth.fit(document.type ?? "?", to: 10),
        document.subject ?? document.id,
      ]
      var line = columns.joined(separator: " ")
      if let width { line = DisplayWidth.truncate(line, to: width) }
      lines.append(String(String.UnicodeScalarView(line.unicodeScalars.map(DisplayWidth.visible))))
    }
    return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
  }
}
