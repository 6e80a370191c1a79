import DirectiveKit

/// The library's columns: what each shows, with the markers `vanban list` shows, and how wide
/// each is for the terminal's width.
enum LibraryColumns {
  /// `2021-06-14`, `≥ 2021-06-11`; `~` marks an inferred date, as in `vanban list`.
  static func date(_ document: Document) -> String {
    Format.date(of: document) + (document.dateInferred ? "~" : "")
  }

  static func province(_ document: Document) -> String { Format.province(of: document) }

  static func number(_ document: Document) -> String { document.number ?? "-" }

  /// The type; `?` after it marks an inferred one, as in `vanban list`; `?` alone, none known.
  static func type(_ document: Document) -> String {
    document.type.map { $0 + (document.typeInferred ? "?" : "") } ?? "?"
  }

  static func values(_ document: Document) -> [String] {
    [date(document), province(document), number(document), type(document)]
  }

  /// Before the subject: `[TCVN3 guessed]` when the file was not Unicode and its encoding was
  /// guessed, `[marks lost]` when its diacritics were destroyed (replaced by `?`, or bytes that
  /// could not be decoded).
  static func markers(_ document: Document) -> String {
    var text = ""
    if !["UTF-8", "UTF-16LE", "UTF-16BE"].contains(document.encoding) {
      text += "[\(document.encoding) guessed] "
    }
    if document.warnings.contains(where: { [.diacriticsLost, .undecodableBytes].contains($0.code) }) {
      text += "[marks lost] "
    }
    return text
  }

  /// The narrowest the columns become (date, province, number, type), and the widths they are
  /// cut to first when the content is wider than the terminal allows.
  static let minimums = [10, 8, 6, 4]
  static let narrow = [12, 16, 14, 12]
  /// The subject keeps at least this much.
  static let subjectRoom = 30

  /// The widths as the content asks, when the width leaves the subject its room; else cut to
  /// `narrow`, then the widest cut further, down to `minimums`.
  static func fit(_ natural: [Int], to width: Int) -> [Int] {
    let available = width - 2 - natural.count - subjectRoom
    guard natural.reduce(0, +) > available else { return natural }
    var widths = zip(natural, narrow).map { min($0, $1) }
    while widths.reduce(0, +) > available {
      let shrinkable = widths.indices.filter { widths[$0] > minimums[$0] }
      guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { break }
      widths[widest] -= 1
    }
    return widths
  }
}
