import DirectiveKit

/// Draws the state into a grid of its size.
public func render(_ state: AppState) -> Grid {
  var grid = Grid(width: state.width, height: state.height)
  if state.isTooSmall {
    let message =
      "Too small: \(state.width)×\(state.height), need \(AppState.minimumWidth)×\(AppState.minimumHeight)"
    grid.put(DisplayWidth.truncate(message, to: state.width), x: 0, y: 0)
    return grid
  }
  drawHeader(state, into: &grid)
  state.page.screen.view.draw(state, into: &grid)
  if state.picker != nil { PickerView.draw(state, into: &grid) }
  return grid
}

private func drawHeader(_ state: AppState, into grid: inout Grid) {
  grid.clear(row: 0, style: .footer)
  let view = state.page.screen.view
  var parts = ["vanban", view.title]
  if let subject = view.subject { parts.append(subject) }
  if !state.provinceFilter.isEmpty {
    parts.append("province: " + state.provinceFilter.map(\.label).joined(separator: ", "))
  }
  if !state.query.isEmpty { parts.append("search: “\(state.query)”") }
  if let note = view.titleNote(in: state) { parts.append(note) }
  grid.put(DisplayWidth.truncate(parts.joined(separator: " · "), to: grid.width), x: 0, y: 0, style: .footer)
}

/// The two bottom lines: a status line and the screen's key hints from the key table (or the
/// prompt being typed). The status line adds what background work is doing, and the one-off message.
func drawFooter(status: String, hints: [Hint]? = nil, state: AppState, into grid: inout Grid) {
  let statusRow = grid.height - 2
  let hintRow = grid.height - 1
  grid.clear(row: statusRow, style: .footer)
  let line = ([status] + state.backgroundNotes + [state.message].compactMap { $0 })
    .filter { !$0.isEmpty }.joined(separator: " · ")
  let hints = KeyTable.hints(hints ?? state.page.screen.view.hints, on: state.page.screen)
  grid.put(DisplayWidth.truncate(line, to: grid.width), x: 0, y: statusRow, style: .footer)
  grid.clear(row: hintRow)
  if let prompt = state.prompt {
    let end = grid.put(prompt.label, x: 0, y: hintRow, style: .accent)
    let after = grid.put(prompt.text, x: end, y: hintRow)
    grid.put("▏ (Enter ok · Esc cancel)", x: after, y: hintRow, style: .dim)
  } else if let draft = state.searchDraft {
    let end = grid.put("Search: ", x: 0, y: hintRow, style: .accent)
    let after = grid.put(draft, x: end, y: hintRow)
    grid.put("▏ (Enter keep · Esc cancel)", x: after, y: hintRow, style: .dim)
  } else if let find = state.find, find.editing {
    let end = grid.put("Find: ", x: 0, y: hintRow, style: .accent)
    let after = grid.put(find.query, x: end, y: hintRow)
    grid.put("▏ (Enter find · Esc cancel)", x: after, y: hintRow, style: .dim)
  } else {
    grid.put(DisplayWidth.truncate(hints, to: grid.width), x: 0, y: hintRow, style: .dim)
  }
}

/// The rows of a list screen, its selection marked, with its status line.
enum ListView {
  static func draw(_ state: AppState, into grid: inout Grid) {
    let content = state.content
    let rows = content.rows
    let selectedRow =
      content.selectableRows.indices.contains(state.page.selection)
      ? content.selectableRows[state.page.selection] : nil
    for screenRow in 0..<state.listHeight {
      let index = state.page.scroll + screenRow
      guard rows.indices.contains(index) else { break }
      let y = 1 + screenRow
      let selected = index == selectedRow
      var x = 2
      for segment in rows[index].segments {
        x = grid.put(segment.text, x: x, y: y, style: selected ? .selected : segment.style)
      }
      if x > grid.width, let last = (0..<grid.width).last {
        grid.put("…", x: last, y: y, style: selected ? .selected : .dim)
      }
      if selected {
        grid.paint(row: y, style: .selected)
        grid.put("▸", x: 0, y: y, style: .selected)
      }
    }
    drawFooter(status: content.status, state: state, into: &grid)
  }
}

extension AppState {
  /// What work on other threads is doing, for the status line: `loading 120 of 5000 files`,
  /// `indexing…` while a search reads only the metadata.
  var backgroundNotes: [String] {
    var notes: [String] = []
    if let loadingNote { notes.append(loadingNote) }
    if let awaitingNote { notes.append(awaitingNote) }
    if isSearchingWithoutIndex { notes.append("indexing… (searching province, issuer, number, type)") }
    notes += mouseNote
    return notes
  }
}
