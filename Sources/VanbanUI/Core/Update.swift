import DirectiveKit

/// The state after an event: pure, so every key and every message from background work can be
/// tested without a terminal.
public func update(_ state: AppState, _ event: Event) -> AppState {
  var next = state
  switch event {
  case .key(let key):
    next.message = nil
    next.handle(key)
  case .resize(let width, let height):
    next.handle(.resize(width: width, height: height))
  case .indexReady(let index):
    next.searchIndex = index
  case .responsesReady(let responses):
    next.allResponses = responses
  case .tablesReady(let tables):
    next.derived.tables = tables
  case .loadProgress(let documents, let filesTotal):
    next.loading = documents < filesTotal ? LoadStatus(documents: documents, filesTotal: filesTotal) : nil
  case .documentsParsed(let batch, let filesDone, let filesTotal):
    next.takeParsed(batch, filesDone: filesDone, filesTotal: filesTotal)
  case .libraryLoaded(let library):
    next.takeLoaded(library)
  case .snapshotDistrusted(let warning):
    next.takeDistrust(warning)
  case .requestDone(let message):
    next.message = message
  }
  if next.page.screen != state.page.screen { next.recordVisit() }
  next.refreshDerived()
  next.page.screen.view.keepSelectionVisible(&next)
  return next
}

/// The state after a key.
public func update(_ state: AppState, _ key: Key) -> AppState {
  update(state, .key(key))
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
    let isTyping = picker != nil || searchDraft != nil || find?.editing == true || prompt != nil
    if isTooSmall && !isTyping {
      if key == .character("q") || key == .character("Q") { shouldQuit = true }
      return
    }
    if prompt != nil { return handlePrompt(key) }
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
      if entries.isEmpty, let suggestion = pickerSuggestion {
        message = "no province named “\(picker.query)”; did you mean “\(suggestion)”?"
      }
      if entries.indices.contains(picker.selection) {
        let chosen = entries[picker.selection].choice
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
    if case .character = key { picker.selection = firstPickerEntryInCorpus(query: picker.query) }
    if key == .backspace { picker.selection = firstPickerEntryInCorpus(query: picker.query) }
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

  /// The screen's own handling first, then what every screen shares.
  mutating func perform(_ action: Action) {
    if let refusal = refusalWhileLoading(action) { return message = refusal }
    if page.screen.view.perform(action, on: &self) { return }
    switch action {
    case .moveUp: moveInList(by: -1)
    case .moveDown: moveInList(by: 1)
    case .pageUp: moveInList(by: -max(1, listHeight - 1))
    case .pageDown: moveInList(by: max(1, listHeight - 1))
    case .top: moveInList(by: Int.min / 2)
    case .bottom: moveInList(by: Int.max / 2)
    case .open: openSelectedRow()
    case .back: goBack()
    case .forward: goForward()
    case .provincePicker: picker = ProvincePicker()
    case .clearFilters:
      provinceFilter = []
      query = ""
      resetListPosition()
      message = "filters cleared"
    case .showLibrary: navigate(to: .library)
    case .showGraph: navigate(to: .graph)
    case .showProvinces: navigate(to: .provinces)
    case .showWarnings: navigate(to: .warnings)
    case .help: navigate(to: .help)
    case .close:
      if !backStack.isEmpty {
        page = backStack.removeLast()
        find = nil
      } else {
        page = Page(.library)
      }
    case .quit: shouldQuit = true
    case .export, .openInPager, .openInEditor, .yankReference, .yankPath, .toggleMouse, .toggleMark,
      .showMarks,
      .showHistory, .annotate:
      performLeave(action)
    case .nextLink, .previousLink, .search, .find, .findNext, .findPrevious, .listLinks, .showDiagram,
      .cycleSort, .toggleGrouping, .toggleMatrix, .columnsLeft, .columnsRight:
      // Bound only on the screens that handle them.
      break
    case .selectChip, .removeChip, .reverseSort:
      // The library's (Screens/Filters).
      break
    }
  }

  mutating func navigate(to screen: Screen) {
    guard page.screen != screen else { return }
    backStack.append(page)
    if backStack.count > 500 { backStack.removeFirst() }
    forwardStack = []
    find = nil
    page = Page(screen, selection: screen.view.initialSelection)
    refreshDerived()
  }

  private mutating func goBack() {
    guard let previous = backStack.popLast() else {
      message = "no earlier page"
      return
    }
    if let before = page.filterBeforeCell { provinceFilter = before }
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
    if let filter = page.cellFilter { provinceFilter = filter }
    find = nil
  }

  /// Back to the first row of a list that a new filter, search or sort changes.
  mutating func resetListPosition() {
    if page.screen.view.followsFilters {
      page.selection = 0
      page.scroll = 0
    }
  }

  /// Enter on a list: the selected row's document, cited document or province.
  private mutating func openSelectedRow() {
    let targets = content.targets
    guard targets.indices.contains(page.selection) else { return }
    switch targets[page.selection] {
    case .document(let id): follow(.document(id))
    case .cited(let id): follow(.cited(id))
    case .province(let filter):
      provinceFilter = [filter]
      navigate(to: .library)
      resetListPosition()
    case .page(let position):
      guard visited.indices.contains(position) else { return }
      let visit = visited[position]
      navigate(to: visit.screen)
      page.selection = visit.selection
      page.scroll = visit.scroll
    }
  }

  /// Opens a link: the reader for a document of the corpus, else the cited document's page.
  mutating func follow(_ target: LinkTarget) {
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

  /// Moves the selection of a list, or scrolls it when it has nothing to select.
  private mutating func moveInList(by delta: Int) {
    let content = content
    let moved = page.selection.addingReportingOverflow(delta).partialValue
    if content.targets.isEmpty {
      page.scroll = max(
        0, min(page.scroll.addingReportingOverflow(delta).partialValue, content.rows.count - listHeight))
    } else {
      page.selection = Self.clamp(moved, content.targets.count)
    }
  }

  static func clamp(_ value: Int, _ count: Int) -> Int {
    max(0, min(value, count - 1))
  }

  private mutating func click(row y: Int) {
    let first = 1 + page.screen.view.headerRows
    guard y >= first, y < first + listHeight else { return }
    page.screen.view.select(row: page.scroll + y - first, on: &self)
  }

  /// Scrolls a list so that `row` shows.
  mutating func scrollToShow(row: Int) {
    if row < page.scroll { page.scroll = max(0, row) }
    if row >= page.scroll + listHeight { page.scroll = row - listHeight + 1 }
  }
}
