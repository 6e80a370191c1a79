/// Every binding of the key table, which the key handling reads too.
struct HelpScreen: ScreenView {
  var title: String { "Help" }
  var scope: KeyScope? { nil }
  var hints: [Hint] { [Hint(.close, "close")] }

  func content(in state: AppState) -> ScreenContent {
    ScreenContent(rows: Self.help(), status: HelpScreen.status)
  }

  /// What the help is, in plain words.
  static let status = "This help: every key and what it does. A key marked (reader) works only there."

  static func help() -> [ListRow] {
    var rows: [ListRow] = []
    for binding in KeyTable.bindings {
      let scope = binding.scope == .everywhere ? "" : " (\(binding.scope.rawValue))"
      rows.append(
        ListRow([Segment(DisplayWidth.fit(binding.label, to: 16), .accent), Segment(binding.help + scope)]))
    }
    rows.append(ListRow(""))
    rows.append(
      ListRow("While typing a search or a province: Enter keeps, Esc cancels, Backspace erases.", .dim))
    return rows
  }
}
