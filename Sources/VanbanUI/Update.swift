import DirectiveKit

/// The state after a key: pure, so every key of the contract can be tested without a terminal.
public func update(_ state: AppState, _ key: Key) -> AppState {
  var next = state
  next.message = nil
  next.handle(key)
  next.keepSelectionVisible()
  return next
}

/// Offsets (in scalars) of every place the folded query occurs in the folded text.
public func findMatches(of query: String, in scalars: [Unicode.Scalar]) -> [Range<Int>] {
  let needle = Array(query.folded.unicodeScalars)
  guard !needle.isEmpty else { return [] }
  var folded: [Unicode.Scalar] = []
  var origin: [Int] = []
  for (offset, scalar) in scalars.enumerated() {
    guard let fold = VietnameseFolding.fold(scalar) else { continue }
    folded.append(fold == "\n" ? " " : fold)
    origin.append(offset)
  }
  guard folded.count >= needle.count else { return [] }
  var matches: [Range<Int>] = []
  var index = 0
  while index <= folded.count - needle.count {
    if folded[index] == needle[0], Array(folded[index..<(index + needle.count)]) == needle {
      matches.append(origin[index]..<(origin[index + needle.count - 1] + 1))
      index += needle.count
    } else {
      index += 1
    }
  }
  return matches
}

extension AppState {
  mutating func handle(_ key: Key) {
    switch key {
    case .resize(let width, let height):
      self.width = max(1, width)
      self.height = max(1, height)
      return
    case .controlC:
      shouldQuit = true
      return
    default:
      break
    }
    let isTyping = picker != nil || searchDraft != nil || find?.editing == true
    if isTooSmall && !isTyping {
      if key == .character("q") || key == .character("Q") { shouldQuit = true }
      return
    }
    if picker != nil { return handlePicker(key) }
    if searchDraft != nil { return handleSearch(key) }
    if find?.editing == true { return handleFind(key) }
    switch key {
    case .click(_, let y): return click(row: y)
    case .wheelUp:
      for _ in 0..<3 { perform(.moveUp) }
      return
    case .wheelDown:
      for _ in 0..<3 { perform(.moveDown) }
      return
    default: break
    }
    if let action = KeyTable.action(for: key, on: page.screen) { perform(action) }
  }

  // MARK: text input

  private mutating func handlePicker(_ key: Key) {
    guard var picker else { return }
    switch key {
    case .escape:
      self.picker = nil
      return
    case .enter:
      let entries = pickerEntries
      if entries.indices.contains(picker.selection) {
        let chosen = entries[picker.selection]
        if !provinceFilter.contains(chosen) { provinceFilter.append(chosen) }
        resetListPosition()
      }
      self.picker = nil
      return
    case .up: picker.selection = max(0, picker.selection - 1)
    case .down: picker.selection += 1
    case .backspace:
      if !picker.query.isEmpty { picker.query.removeLast() }
      picker.selection = 0
    case .character(let character):
      picker.query.append(character)
      picker.selection = 0
    default: return
    }
    self.picker = picker
    let count = pickerEntries.count
    self.picker?.selection = max(0, min(picker.selection, count - 1))
  }

  private mutating func handleSearch(_ key: Key) {
    guard var draft = searchDraft else { return }
    switch key {
    case .escape:
      searchDraft = nil
      resetListPosition()
      return
    case .enter:
      query = draft
      searchDraft = nil
      resetListPosition()
      return
    case .up: return perform(.moveUp)
    case .down: return perform(.moveDown)
    case .backspace:
      if !draft.isEmpty { draft.removeLast() }
    case .character(let character):
      draft.append(character)
    default: return
    }
    searchDraft = draft
    resetListPosition()
  }

  private mutating func handleFind(_ key: Key) {
    guard var find else { return }
    switch key {
    case .escape:
      self.find = nil
    case .enter:
      find.editing = false
      self.find = find
      showMatch(forward: true, fromTop: true)
    case .backspace:
      if !find.query.isEmpty { find.query.removeLast() }
      self.find = find
    case .character(let character):
      find.query.append(character)
      self.find = find
    default:
      break
    }
  }

  // MARK: actions

  mutating func perform(_ action: Action) {
    switch action {
    case .moveUp: move(by: -1)
    case .moveDown: move(by: 1)
    case .pageUp: move(by: -max(1, listHeight - 1))
    case .pageDown: move(by: max(1, listHeight - 1))
    case .top: move(by: Int.min / 2)
    case .bottom: move(by: Int.max / 2)
    case .open: open()
    case .nextLink: selectLink(by: 1)
    case .previousLink: selectLink(by: -1)
    case .back: goBack()
    case .forward: goForward()
    case .search: searchDraft = query
    case .find: find = FindState(query: "", editing: true, current: 0)
    case .findNext: showMatch(forward: true, fromTop: false)
    case .findPrevious: showMatch(forward: false, fromTop: false)
    case .provincePicker: picker = ProvincePicker()
    case .clearFilters:
      provinceFilter = []
      query = ""
      resetListPosition()
      message = "filters cleared"
    case .showLibrary: navigate(to: .library)
    case .showGraph: navigate(to: .graph)
    case .showProvinces: navigate(to: .provinces)
    case .help: navigate(to: .help)
    case .listLinks:
      if case .reader(let id) = page.screen { navigate(to: .links(id)) }
    case .showDiagram: showDiagram()
    case .cycleSort:
      let all = SortOrder.allCases
      sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
      resetListPosition()
    case .toggleGrouping:
      groupBy2025.toggle()
      resetListPosition()
    case .toggleMatrix:
      showMatrix.toggle()
      resetListPosition()
    case .close:
      if page.screen == .library {
        shouldQuit = true
      } else if !backStack.isEmpty {
        page = backStack.removeLast()
        find = nil
      } else {
        page = Page(.library)
      }
    case .quit: shouldQuit = true
    }
  }

  mutating func navigate(to screen: Screen, selection: Int = 0) {
    guard page.screen != screen else { return }
    backStack.append(page)
    if backStack.count > 500 { backStack.removeFirst() }
    forwardStack = []
    find = nil
    page = Page(screen, selection: selection)
  }

  private mutating func goBack() {
    guard let previous = backStack.popLast() else {
      message = "no earlier page"
      return
    }
    forwardStack.append(page)
    page = previous
    find = nil
  }

  private mutating func goForward() {
    guard let following = forwardStack.popLast() else {
      message = "no later page"
      return
    }
    backStack.append(page)
    page = following
    find = nil
  }

  private mutating func resetListPosition() {
    if page.screen == .library || page.screen == .graph || page.screen == .provinces {
      page.selection = 0
      page.scroll = 0
    }
  }

  private mutating func open() {
    switch page.screen {
    case .library:
      let visible = visibleDocuments
      guard visible.indices.contains(page.selection) else { return }
      navigate(to: .reader(library.documents[visible[page.selection]].id))
    case .reader(let id):
      guard let document = library.document(id: id) else { return }
      let layout = ReaderLayout(document: document, library: library, width: width)
      guard layout.links.indices.contains(page.selection) else { return }
      follow(layout.links[page.selection].target)
    default:
      let selectable = ScreenRows.rows(for: page.screen, in: self).compactMap(\.target)
      guard selectable.indices.contains(page.selection) else { return }
      switch selectable[page.selection] {
      case .document(let id): follow(.document(id))
      case .cited(let id): follow(.cited(id))
      case .province(let filter):
        provinceFilter = [filter]
        navigate(to: .library)
        resetListPosition()
      }
    }
  }

  /// The diagram of the document read, of the cited document shown, or of the entry selected.
  private mutating func showDiagram() {
    switch page.screen {
    case .reader(let id), .cited(let id):
      navigate(to: .diagram(id))
    case .diagram:
      let selectable = ScreenRows.rows(for: page.screen, in: self).compactMap(\.target)
      guard selectable.indices.contains(page.selection) else { return }
      switch selectable[page.selection] {
      case .document(let id), .cited(let id): navigate(to: .diagram(id))
      case .province: return
      }
    default:
      return
    }
  }

  private mutating func follow(_ target: LinkTarget) {
    switch target {
    case .document(let id):
      if library.document(id: id) != nil {
        navigate(to: .reader(id))
      } else {
        message = "\(id) is not in the corpus"
      }
    case .cited(let id):
      if library.document(id: id) != nil {
        navigate(to: .reader(id))
      } else {
        navigate(to: .cited(id))
      }
    }
  }

  // MARK: moving

  /// Rows a list shows: the body less the library's column header.
  var listHeight: Int {
    page.screen == .library ? max(1, bodyHeight - 1) : bodyHeight
  }

  private mutating func move(by delta: Int) {
    switch page.screen {
    case .library:
      page.selection = clamp(
        page.selection.addingReportingOverflow(delta).partialValue, visibleDocuments.count)
    case .reader(let id):
      scrollReader(id, by: delta)
    default:
      let rows = ScreenRows.rows(for: page.screen, in: self)
      let selectable = rows.filter(\.isSelectable).count
      if selectable == 0 {
        page.scroll = max(
          0, min(page.scroll.addingReportingOverflow(delta).partialValue, rows.count - listHeight))
      } else {
        page.selection = clamp(page.selection.addingReportingOverflow(delta).partialValue, selectable)
      }
    }
  }

  private func clamp(_ value: Int, _ count: Int) -> Int {
    max(0, min(value, count - 1))
  }

  private func readerLayout(_ id: String) -> ReaderLayout? {
    library.document(id: id).map { ReaderLayout(document: $0, library: library, width: width) }
  }

  private mutating func scrollReader(_ id: String, by delta: Int) {
    guard let layout = readerLayout(id) else { return }
    let maximum = max(0, layout.lines.count - bodyHeight)
    page.scroll = max(0, min(page.scroll.addingReportingOverflow(delta).partialValue, maximum))
    // Like lynx: when the selected link leaves the page, select the first one on it.
    let visible = page.scroll..<(page.scroll + bodyHeight)
    if layout.linkLines.indices.contains(page.selection), visible.contains(layout.linkLines[page.selection]) {
      return
    }
    if let first = layout.linkLines.firstIndex(where: { visible.contains($0) }) { page.selection = first }
  }

  private mutating func selectLink(by delta: Int) {
    guard case .reader(let id) = page.screen, let layout = readerLayout(id), !layout.links.isEmpty else {
      message = "no links"
      return
    }
    page.selection = clamp(page.selection + delta, layout.links.count)
    let line = layout.linkLines[page.selection]
    if line < page.scroll || line >= page.scroll + bodyHeight {
      page.scroll = max(0, min(line - bodyHeight / 3, layout.lines.count - bodyHeight))
    }
  }

  private mutating func showMatch(forward: Bool, fromTop: Bool) {
    guard case .reader(let id) = page.screen, var find, !find.query.isEmpty, let layout = readerLayout(id)
    else { return }
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
    if let line = layout.line(ofOffset: matches[find.current].lowerBound),
      line < page.scroll || line >= page.scroll + bodyHeight
    {
      page.scroll = max(0, min(line - bodyHeight / 3, layout.lines.count - bodyHeight))
    }
    message = "match \(find.current + 1) of \(matches.count)"
  }

  private mutating func click(row y: Int) {
    let first = page.screen == .library ? 2 : 1
    guard y >= first, y < first + listHeight else { return }
    switch page.screen {
    case .library:
      let index = page.scroll + y - first
      if index < visibleDocuments.count { page.selection = index }
    case .reader:
      break
    default:
      let rows = ScreenRows.rows(for: page.screen, in: self)
      let index = page.scroll + y - first
      guard rows.indices.contains(index), rows[index].isSelectable else { return }
      page.selection = rows[..<index].filter(\.isSelectable).count
    }
  }

  /// Scrolls lists so the selected row shows.
  mutating func keepSelectionVisible() {
    switch page.screen {
    case .reader:
      return
    case .library:
      scrollToShow(row: page.selection)
    default:
      let rows = ScreenRows.rows(for: page.screen, in: self)
      var seen = 0
      for (index, row) in rows.enumerated() where row.isSelectable {
        if seen == page.selection {
          // Show what precedes the first selectable row (headings, the card).
          scrollToShow(row: seen == 0 ? 0 : index)
          if seen == 0 { scrollToShow(row: index) }
          return
        }
        seen += 1
      }
    }
  }

  private mutating func scrollToShow(row: Int) {
    if row < page.scroll { page.scroll = max(0, row) }
    if row >= page.scroll + listHeight { page.scroll = row - listHeight + 1 }
  }
}
