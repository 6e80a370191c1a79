import DirectiveKit

/// The citation graph: each central document, most cited first, with the provinces answering it
/// and the chains of letters answering letters (the outline), or provinces × central documents
/// with the lag of each first answer (the matrix, `m`).
struct GraphScreen: ScreenView {
  var title: String { "Graph" }
  var scope: KeyScope? { .graph }
  var readsResponses: Bool { true }
  var followsFilters: Bool { true }
  var hints: [Hint] {
    [
      Hint(.open, "open"), Hint(.toggleMatrix, "matrix/outline"), Hint(.provincePicker, "province"),
      Hint(.clearFilters, "clear"), Hint(.showLibrary, "library"), Hint(.help, "help"), Hint(.close, "close"),
    ]
  }

  func content(in state: AppState) -> ScreenContent {
    if state.showMatrix {
      return ScreenContent(
        rows: Self.matrix(state),
        status: Self.matrixStatus(state))
    }
    return state.graphTable.outline(library: state.library)
  }

  static let outlineStatus = "outline: most cited first"

  func perform(_ action: Action, on state: inout AppState) -> Bool {
    switch action {
    case .toggleMatrix:
      state.showMatrix.toggle()
      state.matrixColumn = 0
      state.matrixCursor = 0
      state.resetListPosition()
    case .open:
      guard state.showMatrix, let choice = Self.selectedProvince(state) else { return false }
      state.openMatrixCell(province: choice)
    // Sideways in the matrix; in the outline, the history's keys as everywhere.
    case .columnsLeft:
      guard state.showMatrix else {
        state.perform(.back)
        return true
      }
      state.moveMatrixCursor(by: -1)
    case .columnsRight:
      guard state.showMatrix else {
        state.perform(.forward)
        return true
      }
      state.moveMatrixCursor(by: 1)
    default: return false
    }
    return true
  }

  /// Date, lag, relation when it does not answer, warning mark, type and number, subject.
  static func entryColumns(
    _ entry: ResponseEntry, _ document: Document, from date: Day?, lagWidth: Int, library: Library
  ) -> [Segment] {
    var segments = [
      Segment(DisplayWidth.fit(Format.date(entry.date, notBefore: entry.notBefore), to: 13)),
      Segment(DisplayWidth.fit(Format.lag(entry, from: date), to: lagWidth), .accent),
    ]
    if let relation = entry.relation, !entry.isAnswer {
      segments.append(Segment(relation.phrase + ": ", .dim))
    }
    if library.signals.isFlagged(document.id) { segments.append(Segment("⚠ ", .warning)) }
    segments.append(Segment(Format.label(of: document)))
    segments.append(Segment("  " + (document.subject ?? document.id), .dim))
    return segments
  }

}
