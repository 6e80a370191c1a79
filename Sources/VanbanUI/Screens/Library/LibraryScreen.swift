import DirectiveKit

/// Every document, filtered by the search and the provinces, in the chosen order.
struct LibraryScreen: ScreenView {
  var title: String { "Library" }
  var scope: KeyScope? { .library }
  var followsFilters: Bool { true }
  /// The filter chips with the sparkline, then the column header.
  var headerRows: Int { 2 }
  var hints: [Hint] {
    [
      Hint(.open, "open"), Hint(.search, "search"), Hint(.provincePicker, "province"),
      Hint(.clearFilters, "clear"),
      Hint(.cycleSort, "sort"), Hint(.showGraph, "graph"), Hint(.help, "help"), Hint(.close, "quit"),
    ]
  }

  func titleNote(in state: AppState) -> String? { state.sortDescription }

  func perform(_ action: Action, on state: inout AppState) -> Bool {
    switch action {
    case .moveUp: move(by: -1, &state)
    case .moveDown: move(by: 1, &state)
    case .pageUp: move(by: -max(1, state.listHeight - 1), &state)
    case .pageDown: move(by: max(1, state.listHeight - 1), &state)
    case .top: move(by: Int.min / 2, &state)
    case .bottom: move(by: Int.max / 2, &state)
    case .open:
      let visible = state.visibleDocuments
      guard visible.indices.contains(state.page.selection) else { return true }
      state.navigate(to: .reader(state.library.documents[visible[state.page.selection]].id))
    case .search: state.searchDraft = state.query
    case .cycleSort:
      let all = SortOrder.allCases
      state.sort = all[((all.firstIndex(of: state.sort) ?? 0) + 1) % all.count]
      state.resetListPosition()
    case .close:
      // What waits for the check of the files would be lost: said once, then `q` quits.
      if let waiting = state.awaitingNote, !state.quitWarned {
        state.quitWarned = true
        state.message = "\(waiting) for the files to be checked: q again quits without them"
        return true
      }
      state.shouldQuit = true
    case .selectChip, .removeChip, .reverseSort: state.performFilterAction(action)
    default: return false
    }
    return true
  }

  private func move(by delta: Int, _ state: inout AppState) {
    state.page.selection = AppState.clamp(
      state.page.selection.addingReportingOverflow(delta).partialValue, state.visibleDocuments.count)
  }

  func select(row index: Int, on state: inout AppState) {
    if index < state.visibleDocuments.count { state.page.selection = index }
  }

  func keepSelectionVisible(_ state: inout AppState) {
    state.scrollToShow(row: state.page.selection)
  }

  func draw(_ state: AppState, into grid: inout Grid) {
    let library = state.library
    let documents = library.documents
    let visible = state.visibleDocuments
    let columns = LibraryColumns.fit(library.columnWidths, to: grid.width)
    func line(_ values: [String], subject: String) -> String {
      var text = "  "
      for (value, width) in zip(values, columns) { text += DisplayWidth.fit(value, to: width) + " " }
      let rest = grid.width - DisplayWidth.width(of: text)
      return text + DisplayWidth.truncate(subject, to: rest)
    }
    FilterRow.draw(state, into: &grid, y: 1)
    grid.put(line(["Date", "Province", "Number", "Type"], subject: "Subject"), x: 0, y: 2, style: .accent)
    if visible.isEmpty {
      grid.put("  No document matches.", x: 0, y: 3, style: .dim)
    }
    for row in 0..<state.listHeight {
      let index = state.page.scroll + row
      guard visible.indices.contains(index) else { break }
      let document = documents[visible[index]]
      let text = line(
        LibraryColumns.values(document),
        subject: (library.signals.isFlagged(document.id) ? "⚠ " : "") + LibraryColumns.markers(document)
          + (document.subject ?? "(no subject) \(document.id)"))
      let selected = index == state.page.selection
      grid.put(text, x: 0, y: 3 + row, style: selected ? .selected : .plain)
      if selected {
        grid.paint(row: 3 + row, style: .selected)
        grid.put("▸", x: 0, y: 3 + row, style: .selected)
      }
    }
    guard !library.isPartial else {
      // Neither count is final yet; the load's own note follows with the files read.
      let status = "\(groupedDigits(visible.count)) of \(groupedDigits(documents.count)) parsed documents"
      return drawFooter(status: status, state: state, into: &grid)
    }
    let warnings = library.warningCount
    // The warnings screen's key, so that the count says where to read them.
    let key = warnings > 0 ? KeyTable.key(for: .showWarnings, on: state.page.screen).map { " (\($0))" } : nil
    let status =
      "\(visible.count) of \(documents.count) documents · " + Format.counted(warnings, "warning")
      + (key ?? "")
    drawFooter(status: status, state: state, into: &grid)
  }
}
