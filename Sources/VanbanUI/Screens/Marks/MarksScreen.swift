import DirectiveKit

/// The marked documents (`'`), in the order they were marked, each with its note; then the
/// documents that have a note without a mark. Enter opens the document.
struct MarksScreen: ScreenView {
  var title: String { "Marks" }
  var scope: KeyScope? { nil }
  var hints: [Hint] {
    [
      Hint(.open, "open"), Hint(.toggleMark, "unmark"), Hint(.annotate, "note"), Hint(.export, "export"),
      Hint(.back, "back"), Hint(.close, "close"),
    ]
  }

  func content(in state: AppState) -> ScreenContent {
    var rows: [ListRow] = []
    func row(_ id: String) -> ListRow {
      guard let document = state.library.document(id: id) else {
        return ListRow([Segment("  " + id, .dim), Segment("  not in this corpus", .warning)])
      }
      var segments = [
        Segment(DisplayWidth.fit(Format.date(of: document), to: 13)),
        Segment(DisplayWidth.fit(Format.province(of: document), to: 14)),
        Segment(Format.label(of: document) + " "),
        Segment(document.id, .dim),
      ]
      if let note = state.notes[id] { segments.append(Segment("  note: " + note, .accent)) }
      return ListRow(segments, target: .document(id))
    }
    if state.marks.isEmpty {
      rows.append(ListRow("No mark yet: m marks the document shown or selected.", .dim))
    } else {
      rows.append(ListRow("Marked · \(state.marks.count)", .accent))
      rows += state.marks.map(row)
    }
    let noted = state.notes.keys.sorted().filter { !state.marks.contains($0) }
    if !noted.isEmpty {
      rows.append(ListRow(""))
      rows.append(ListRow("With a note, not marked · \(noted.count)", .accent))
      rows += noted.map(row)
    }
    let status =
      Format.counted(state.marks.count, "mark") + " · " + Format.counted(state.notes.count, "note")
    return ScreenContent(rows: rows, status: status)
  }
}
