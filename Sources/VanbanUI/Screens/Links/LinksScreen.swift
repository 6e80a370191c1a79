import DirectiveKit

/// Every link of a document (`L` in the reader), each target once, numbered as in the text, with
/// the sentence around its first mention.
struct LinksScreen: ScreenView {
  var id: String

  var title: String { "Links" }
  var scope: KeyScope? { nil }
  var hints: [Hint] { [Hint(.open, "follow"), Hint(.back, "back"), Hint(.close, "close")] }

  func content(in state: AppState) -> ScreenContent {
    let rows = Self.links(id, state: state)
    let count = rows.filter(\.isSelectable).count
    return ScreenContent(rows: rows, status: count == 1 ? "1 link" : "\(count) links")
  }

  static func links(_ id: String, state: AppState) -> [ListRow] {
    guard let layout = state.readerLayout else { return [] }
    if layout.links.isEmpty { return [ListRow("This document has no links.", .dim)] }
    // Each target once, in the order of its first link; every number that leads there.
    var order: [LinkTarget] = []
    var byTarget: [LinkTarget: [ReaderLink]] = [:]
    for link in layout.links {
      if byTarget[link.target] == nil { order.append(link.target) }
      byTarget[link.target, default: []].append(link)
    }
    let width = max(20, state.width - 8)
    var rows: [ListRow] = []
    for target in order {
      let links = byTarget[target] ?? []
      guard let first = links.first else { continue }
      let rowTarget: RowTarget
      switch target {
      case .document(let id): rowTarget = .document(id)
      case .cited(let id): rowTarget = .cited(id)
      }
      let numbers = links.map { String($0.number) }.joined(separator: ", ")
      rows.append(
        ListRow([Segment("[\(numbers)] ", .dim), Segment(first.description, .link)], target: rowTarget))
      if let offset = links.compactMap(\.offset).first {
        let sentence = Self.sentence(around: offset, in: layout.scalars)
        for line in TextWrap.wrap(sentence, width: width).prefix(2) {
          rows.append(ListRow("    " + line, .dim))
        }
      }
    }
    return rows
  }

  /// The sentence holding `offset`: from after the previous `.`, `;`, `!`, `?` (followed by a
  /// space) or line break to the next one, its spaces collapsed; a long one cut at words to about
  /// 80 characters before the mention and 140 after it, marked `…`.
  static func sentence(around offset: Int, in scalars: [Unicode.Scalar]) -> String {
    guard scalars.indices.contains(offset) else { return "" }
    func endsSentence(_ index: Int) -> Bool {
      let scalar = scalars[index]
      if scalar == "\n" { return true }
      guard scalar == "." || scalar == ";" || scalar == "!" || scalar == "?" else { return false }
      return index + 1 >= scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\n"
    }
    var start = offset
    while start > 0, !endsSentence(start - 1) { start -= 1 }
    var end = offset
    while end < scalars.count, !endsSentence(end) { end += 1 }
    if end < scalars.count, scalars[end] != "\n" { end += 1 }
    var prefix = ""
    var suffix = ""
    if offset - start > 80 {
      start = offset - 80
      while start < offset, scalars[start] != " " { start += 1 }
      prefix = "…"
    }
    if end - offset > 140 {
      end = offset + 140
      while end > offset, scalars[end - 1] != " " { end -= 1 }
      suffix = "…"
    }
    let text = String(String.UnicodeScalarView(scalars[start..<end]))
    let words = TerminalSafety.sanitize(text, keepLayout: false).split(whereSeparator: \.isWhitespace)
    return prefix + words.joined(separator: " ") + suffix
  }
}
