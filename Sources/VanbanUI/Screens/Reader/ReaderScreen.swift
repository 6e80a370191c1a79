import DirectiveKit

/// One document: its card, its text with numbered links, what it cites and who cites it.
struct ReaderScreen: ScreenView {
  var id: String

  var title: String { "Reader" }
  var scope: KeyScope? { .reader }
  var subject: String? { id }
  /// A document opens with no link selected: the first Tab selects [1].
  var initialSelection: Int { Page.noSelection }
  var hints: [Hint] {
    [
      Hint(.nextLink, "next link"), Hint(.open, "follow"), Hint(.listLinks, "links"),
      Hint(.showDiagram, "diagram"),
      Hint(.find, "find"), Hint([.findNext, .findPrevious], "next"), Hint(.back, "back"),
      Hint(.close, "close"),
      Hint(.help, "help"),
    ]
  }

  func perform(_ action: Action, on state: inout AppState) -> Bool {
    switch action {
    case .moveUp: scroll(by: -1, &state)
    case .moveDown: scroll(by: 1, &state)
    case .pageUp: scroll(by: -max(1, state.listHeight - 1), &state)
    case .pageDown: scroll(by: max(1, state.listHeight - 1), &state)
    case .top: scroll(by: Int.min / 2, &state)
    case .bottom: scroll(by: Int.max / 2, &state)
    case .open:
      guard let layout = state.readerLayout, layout.links.indices.contains(state.page.selection) else {
        state.message = "no link selected"
        return true
      }
      state.follow(layout.links[state.page.selection].target)
    case .nextLink: selectLink(by: 1, &state)
    case .previousLink: selectLink(by: -1, &state)
    case .find: state.find = FindState(query: "", editing: true, current: 0)
    case .findNext: state.showMatch(forward: true, fromTop: false)
    case .findPrevious: state.showMatch(forward: false, fromTop: false)
    case .listLinks: state.navigate(to: .links(id))
    case .showDiagram: state.navigate(to: .diagram(id))
    default: return false
    }
    return true
  }

  func select(row index: Int, on state: inout AppState) {}

  func keepSelectionVisible(_ state: inout AppState) {}

  private func scroll(by delta: Int, _ state: inout AppState) {
    guard let layout = state.readerLayout else { return }
    let height = state.bodyHeight
    let maximum = max(0, layout.lines.count - height)
    state.page.scroll = max(0, min(state.page.scroll.addingReportingOverflow(delta).partialValue, maximum))
    // Like lynx: when the selected link leaves the page, select the first one on it.
    guard state.page.selection != Page.noSelection else { return }
    let visible = state.page.scroll..<(state.page.scroll + height)
    if layout.linkLines.indices.contains(state.page.selection),
      visible.contains(layout.linkLines[state.page.selection])
    {
      return
    }
    if let first = layout.linkLines.firstIndex(where: { visible.contains($0) }) {
      state.page.selection = first
    }
  }

  private func selectLink(by delta: Int, _ state: inout AppState) {
    guard let layout = state.readerLayout, !layout.links.isEmpty else {
      state.message = "no links"
      return
    }
    if state.page.selection == Page.noSelection {
      state.page.selection = delta > 0 ? 0 : layout.links.count - 1
    } else {
      state.page.selection = AppState.clamp(state.page.selection + delta, layout.links.count)
    }
    state.showLine(layout.linkLines[state.page.selection], of: layout)
  }

  func draw(_ state: AppState, into grid: inout Grid) {
    guard let layout = state.readerLayout else {
      grid.put("No document \(id).", x: 0, y: 1, style: .dim)
      drawFooter(status: "", hints: [Hint(.close, "back")], state: state, into: &grid)
      return
    }
    var highlighted: [Range<Int>] = []
    if let find = state.find, !find.editing { highlighted = findMatches(of: find.query, in: layout.scalars) }
    let selectedLink = state.page.selection
    for row in 0..<state.bodyHeight {
      let index = state.page.scroll + row
      guard layout.lines.indices.contains(index) else { break }
      let line = layout.lines[index]
      var x = line.indent
      for atom in line.atoms {
        var style = atom.style
        if let link = atom.link, link == selectedLink { style = .selectedLink }
        if let offset = atom.offset, highlighted.contains(where: { $0.contains(offset) }) { style = .match }
        x = grid.put(scalar: atom.scalar, x: x, y: 1 + row, style: style)
      }
    }
    var status: String
    if layout.links.indices.contains(selectedLink) {
      status = "→ " + layout.links[selectedLink].description
    } else if layout.links.isEmpty {
      status = "no links"
    } else {
      status = Format.counted(layout.links.count, "link") + ", none selected: Tab selects [1]"
    }
    if !layout.lines.isEmpty {
      let last = min(layout.lines.count, state.page.scroll + state.bodyHeight)
      status = "\(last * 100 / layout.lines.count)% · " + status
    }
    drawFooter(status: status, state: state, into: &grid)
  }
}

extension AppState {
  /// Scrolls the reader so that `line` shows, a third of the way down, when it is off the page.
  mutating func showLine(_ line: Int, of layout: ReaderLayout) {
    if line < page.scroll || line >= page.scroll + bodyHeight {
      page.scroll = max(0, min(line - bodyHeight / 3, layout.lines.count - bodyHeight))
    }
  }

  /// Goes to the next (or previous, or first) match of the find query and says which it is.
  mutating func showMatch(forward: Bool, fromTop: Bool) {
    guard case .reader = page.screen, var find, !find.query.isEmpty, let layout = readerLayout else { return }
    let matches = findMatches(of: find.query, in: layout.scalars)
    guard !matches.isEmpty else {
      message = "not found: \(find.query)"
      return
    }
    if fromTop {
      find.current = 0
    } else {
      find.current = (find.current + (forward ? 1 : -1) + matches.count) % matches.count
    }
    self.find = find
    if let line = layout.line(ofOffset: matches[find.current].lowerBound) { showLine(line, of: layout) }
    message = "match \(find.current + 1) of \(matches.count)"
  }
}
