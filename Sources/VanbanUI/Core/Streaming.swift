import DirectiveKit

/// A first load that streams: the library lists documents as their files are parsed
/// (`Event.documentsParsed`), each batch merged into its order, and is replaced by the linked
/// corpus when that is ready (`Event.libraryLoaded`). Every library page keeps its selected
/// document on the same row of the screen across both; the search, the filters and the history
/// stay. Screens that need every document linked (the graph, the matrix, provinces, cited pages,
/// diagrams, warnings) say that the corpus is loading rather than show partial figures.
extension AppState {
  /// Whether the library is still growing from parsed documents.
  public var isStreaming: Bool { library.isPartial }

  mutating func takeParsed(_ batch: [Document], filesDone: Int, filesTotal: Int) {
    guard library.isPartial || library.documents.isEmpty else { return }
    loading = LoadStatus(documents: max(filesDone, loading?.documents ?? 0), filesTotal: filesTotal)
    // An empty batch only moves the count.
    guard !batch.isEmpty else { return }
    replaceLibrary(with: Library.growing(library, adding: batch), renaming: [:])
  }

  mutating func takeLoaded(_ loaded: Library) {
    let previous = library
    defer { resolveAwaited(previous: previous) }
    loading = nil
    var renamed: [String: String] = [:]
    // A library that came whole (from its snapshot) replaces one that never listed a document;
    // a confirmed one with the same documents as the provisional one renames none.
    if library.isPartial || library.isProvisional, !library.documents.isEmpty,
      !Library.sameDocuments(library, loaded)
    {
      var finalID: [String: String] = [:]
      finalID.reserveCapacity(loaded.documents.count)
      loaded.documents.withUnsafeBufferPointer { documents in
        for position in documents.indices where finalID[documents[position].file] == nil {
          finalID[documents[position].file] = documents[position].id
        }
      }
      library.documents.withUnsafeBufferPointer { documents in
        for position in documents.indices {
          let (file, id) = (documents[position].file, documents[position].id)
          if let final = finalID[file], final != id { renamed[id] = final }
        }
      }
    }
    // Before the screens are drawn again: the graph's would otherwise walk every tree itself.
    if let responses = loaded.unfilteredResponses { allResponses = responses }
    replaceLibrary(with: loaded, renaming: renamed)
  }

  /// The snapshot whose provisional listing is shown turned out corrupt: its documents go, the
  /// library grows again from the files as they are parsed, and the status line says why.
  mutating func takeDistrust(_ warning: String) {
    guard library.isProvisional else { return }
    let count = library.documents.count
    replaceLibrary(with: Library.growing(nil, adding: []), renaming: [:])
    loading = LoadStatus(documents: 0, filesTotal: count)
    message = "warning: " + warning
  }

  /// The library swapped for `next`: each library page keeps its selected document on the row it
  /// was on (as far as the list allows), and pages of a document whose id changed follow it.
  private mutating func replaceLibrary(with next: Library, renaming renamed: [String: String]) {
    let visible = visibleDocuments
    func anchor(_ page: Page) -> (id: String, row: Int)? {
      guard page.screen == .library, visible.indices.contains(page.selection) else { return nil }
      let id = library.documents[visible[page.selection]].id
      return (renamed[id] ?? id, page.selection - page.scroll)
    }
    let anchors = (
      page: anchor(page), back: backStack.map(anchor), forward: forwardStack.map(anchor),
      visited: visited.map(anchor)
    )
    let keptLayout = library.isPartial && next.isPartial ? derived.readerLayout : nil
    library = next
    derived = DerivedData()
    // A document parsed stays as it was while others are added: the reader need not lay it out again.
    derived.readerLayout = keptLayout
    refreshDerived()
    let newVisible = visibleDocuments
    var positionInList = [Int](repeating: -1, count: next.documents.count)
    for (position, index) in newVisible.enumerated() { positionInList[index] = position }
    let height = listHeight
    func place(_ page: inout Page, _ anchor: (id: String, row: Int)?) {
      page.screen = page.screen.renamingDocuments(renamed)
      guard let anchor, let index = next.index(of: anchor.id), positionInList[index] >= 0 else { return }
      page.selection = positionInList[index]
      page.scroll = max(
        0, min(page.selection - min(max(anchor.row, 0), height - 1), newVisible.count - height))
    }
    place(&page, anchors.page)
    for position in backStack.indices { place(&backStack[position], anchors.back[position]) }
    for position in forwardStack.indices { place(&forwardStack[position], anchors.forward[position]) }
    for position in visited.indices { place(&visited[position], anchors.visited[position]) }
    if !renamed.isEmpty {
      // The reader of a renamed document is laid out again under its new id.
      derived = DerivedData()
      refreshDerived()
    }
  }

  /// The rows of a screen that needs the whole corpus while it loads, or its graph while that is
  /// built; nil when it can be shown.
  var contentWhileLoading: ScreenContent? {
    guard library.isPartial || library.awaitsGraph, page.screen.needsLinkedCorpus else { return nil }
    let note =
      library.isPartial
      ? "Loading the corpus: this page is shown once every file is read and linked."
      : "Building the citation graph: this page is shown once it is ready."
    return ScreenContent(rows: [ListRow([Segment(note, .dim)])], status: "loading…")
  }

  /// Why an action waits for the linked corpus (ids may still change, lists are partial) or its
  /// graph (the page shown is not drawn yet); nil when it can be done now.
  func refusalWhileLoading(_ action: Action) -> String? {
    if library.awaitsGraph, action == .export, page.screen.needsLinkedCorpus {
      return "wait for the citation graph: this page is not drawn yet"
    }
    // A provisional list's are queued instead (`AwaitedAction`): its ids are almost always final.
    guard library.isPartial else { return nil }
    switch action {
    case .toggleMark, .annotate, .export, .yankReference:
      return "wait for the corpus to load: ids are settled once every file is read"
    default:
      return nil
    }
  }

  /// The status line's word on the load: how many files are read, then that they are linked,
  /// then that the citation graph is being built.
  var loadingNote: String? {
    if library.isProvisional { return "checking files…" }
    if library.awaitsGraph { return "building the citation graph…" }
    guard let loading else { return nil }
    if library.isPartial, loading.documents >= loading.filesTotal {
      return "linking \(groupedDigits(loading.filesTotal)) files…"
    }
    return "loading \(groupedDigits(loading.documents)) of \(groupedDigits(loading.filesTotal)) files"
  }
}

extension Screen {
  /// Screens whose figures or links come from the whole corpus, linked.
  var needsLinkedCorpus: Bool {
    switch self {
    case .graph, .provinces, .cited, .diagram, .warnings: return true
    case .library, .reader, .help, .links, .marks, .history: return false
    }
  }

  /// The same screen, for a document whose id changed when the corpus was linked.
  func renamingDocuments(_ renamed: [String: String]) -> Screen {
    switch self {
    case .reader(let id): return .reader(renamed[id] ?? id)
    case .links(let id): return .links(renamed[id] ?? id)
    case .diagram(let id): return .diagram(renamed[id] ?? id)
    default: return self
    }
  }
}

/// `12,345`: a count as the status line writes it.
func groupedDigits(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var grouped = ""
  for (offset, digit) in digits.enumerated() {
    if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
    grouped.append(digit)
  }
  return (value < 0 ? "-" : "") + grouped
}
