import DirectiveKit

/// Every link of a document (`L` in the reader), numbered as in the text.
struct LinksScreen: ScreenView {
  var id: String

  var title: String { "Links" }
  var scope: KeyScope? { nil }
  var hints: [Hint] { [Hint(.open, "follow"), Hint(.back, "back"), Hint(.close, "close")] }

  func content(in state: AppState) -> ScreenContent {
    let rows = Self.links(id, state: state)
    return ScreenContent(rows: rows, status: "\(rows.filter(\.isSelectable).count) links")
  }

  static func links(_ id: String, state: AppState) -> [ListRow] {
    guard let layout = state.readerLayout else { return [] }
    if layout.links.isEmpty { return [ListRow("This document has no links.", .dim)] }
    return layout.links.map { link in
      let target: RowTarget
      switch link.target {
      case .document(let id): target = .document(id)
      case .cited(let id): target = .cited(id)
      }
      return ListRow([Segment("[\(link.number)] ", .dim), Segment(link.description, .link)], target: target)
    }
  }
}
