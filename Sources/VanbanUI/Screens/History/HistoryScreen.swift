import DirectiveKit

/// The pages visited in this session (`H`), newest first; Enter goes back there.
struct HistoryScreen: ScreenView {
  var title: String { "History" }
  var scope: KeyScope? { nil }
  var hints: [Hint] { [Hint(.open, "go there"), Hint(.back, "back"), Hint(.close, "close")] }

  func content(in state: AppState) -> ScreenContent {
    let rows = state.visited.enumerated().map { offset, page in
      ListRow(
        [Segment("\(offset + 1). ", .dim), Segment(Self.describe(page.screen, state: state))],
        target: .page(offset))
    }
    return ScreenContent(
      rows: rows.isEmpty ? [ListRow("No page visited yet.", .dim)] : rows,
      status: Format.counted(rows.count, "page") + " visited in this session")
  }

  static func describe(_ screen: Screen, state: AppState) -> String {
    switch screen {
    case .reader(let id), .links(let id), .diagram(let id):
      let what = state.library.document(id: id).map { Format.label(of: $0) + " · " + id } ?? id
      return screen.title + " · " + what
    case .cited(let id):
      return screen.title + " · " + (state.library.cited(id: id)?.line ?? id)
    default:
      return screen.title
    }
  }
}
