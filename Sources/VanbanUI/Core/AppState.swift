import DirectiveKit

/// A screen in the history, with where the user was on it.
public struct Page: Hashable, Sendable {
  public var screen: Screen
  /// The selected row (lists) or link (reader).
  public var selection: Int
  /// The first row shown.
  public var scroll: Int
  /// The province filter a matrix cell set on opening this page, and the one it replaced: going
  /// back from the page puts the replaced one back, coming forward to it sets the cell's again.
  public var cellFilter: [ProvinceChoice]?
  public var filterBeforeCell: [ProvinceChoice]?

  /// The selection of a reader where no link is selected yet.
  public static let noSelection = -1

  public init(_ screen: Screen, selection: Int = 0, scroll: Int = 0) {
    self.screen = screen
    self.selection = selection
    self.scroll = scroll
  }
}

public enum SortOrder: String, CaseIterable, Sendable {
  case date, province, number, type
}

public struct ProvincePicker: Hashable, Sendable {
  public var query = ""
  public var selection = 0
}

public struct FindState: Hashable, Sendable {
  public var query: String
  public var editing: Bool
  /// Index into the matches of the query.
  public var current: Int
}

/// How far a load that goes on behind the interface has come.
public struct LoadStatus: Hashable, Sendable {
  public var documents: Int
  public var filesTotal: Int
}

/// Everything the interface shows, as plain data; `update` makes the next one.
public struct AppState: Sendable {
  /// Grows while the corpus loads and is replaced by the linked one (`Core/Streaming.swift`).
  public internal(set) var library: Library
  public var width: Int
  public var height: Int
  public var page: Page
  public var backStack: [Page] = []
  public var forwardStack: [Page] = []
  public var provinceFilter: [ProvinceChoice] = []
  /// The search the library keeps.
  public var query = ""
  /// The search being typed, nil when not typing.
  public var searchDraft: String?
  public var sort: SortOrder = .date
  public var picker: ProvincePicker?
  public var find: FindState?
  public var groupBy2025 = false
  public var showMatrix = false
  /// The first central document the matrix shows, when they do not all fit.
  public var matrixColumn = 0
  /// The matrix's selected column (a central document, counted from the first), which ←/→ move
  /// and Enter opens for the selected row's province.
  public var matrixCursor = 0
  public var shouldQuit = false
  /// A one-off note for the status line.
  public var message: String?
  /// The full-text index, once built (`Event.indexReady`); until then a search reads the
  /// documents' province, issuer, number and type, and the status line says "indexing…".
  public var searchIndex: SearchIndex?
  /// The unfiltered response trees, once built (`Event.responsesReady`); until then each screen
  /// that draws them walks the graph for its filter.
  public var allResponses: [CentralResponse]?
  /// A load still going on (`Event.loadProgress`), nil when none is.
  public var loading: LoadStatus?
  /// What is computed from the fields above, kept until its inputs change.
  public internal(set) var derived = DerivedData()
  // MARK: leave (#14): export, pager, yank, mouse, marks, history, notes
  /// A line being typed (a file name, a note), nil when none is.
  public var prompt: Prompt?
  /// What the terminal layer has to do after this update (`takeRequests`).
  public var requests: [Request] = []
  /// Marked document ids, in the order they were marked.
  public var marks: [String] = []
  /// A note per document id.
  public var notes: [String: String] = [:]
  /// Bumped when marks or notes change, so that the screens showing them are computed again.
  public var workbenchRevision = 0
  /// The pages visited in this session, newest first.
  public var visited: [Page] = [Page(.library)]
  /// Whether clicks and the wheel go to vanban (off: the terminal selects text).
  public var mouseCaptured = true
  /// Whether the corpus is the built-in one, whose documents have no file.
  public var builtInCorpus = false
  /// What keys asked for on a provisional list that waits for its files to be checked, oldest
  /// first (`AwaitedAction`).
  public var awaitingCheck: [AwaitedAction] = []
  /// Whether `q` on the library has said once that quitting drops what waits.
  var quitWarned = false

  // MARK: filters, search, places and glance (#14)
  /// The library's order turned round (`r`).
  public var sortReversed = false
  /// The filter chip selected in the library's header (`f`), nil for none: `x` removes it, or
  /// the last chip when none is selected.
  public var chipSelection: Int?
  /// True when the terminal's locale is not UTF-8: charts and sparklines are drawn in ASCII.
  /// The terminal layer sets it.
  public var asciiOnly = false

  public init(
    library: Library, width: Int, height: Int, searchIndex: SearchIndex? = nil,
    allResponses: [CentralResponse]? = nil
  ) {
    self.library = library
    self.width = width
    self.height = height
    self.page = Page(.library)
    self.searchIndex = searchIndex
    self.allResponses = allResponses
    refreshDerived()
  }

  public static let minimumWidth = 40
  public static let minimumHeight = 10
  public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

  /// Rows between the header line and the two footer lines.
  public var bodyHeight: Int { max(1, height - 3) }

  /// Rows a list shows: the body less the screen's own header rows.
  var listHeight: Int { max(1, bodyHeight - page.screen.view.headerRows) }

  /// The search in force: the one being typed, else the kept one.
  public var activeQuery: String { searchDraft ?? query }

  /// Whether a search is in force while the index is still being built.
  public var isSearchingWithoutIndex: Bool {
    searchIndex == nil && activeQuery.contains { !$0.isWhitespace }
  }
}

/// Orders document numbers as people do: `9-CV` before `10-CV`; missing numbers last.
struct NaturalKey: Comparable {
  var missing: Bool
  var leading: Int
  var rest: String

  init(_ number: String?) {
    missing = number == nil
    let digits = number?.prefix { $0.isNumber } ?? ""
    leading = Int(digits.prefix(18)) ?? Int.max
    rest = number.map { String($0.dropFirst(digits.count)).folded } ?? ""
  }

  static func < (lhs: NaturalKey, rhs: NaturalKey) -> Bool {
    (lhs.missing ? 1 : 0, lhs.leading, lhs.rest) < (rhs.missing ? 1 : 0, rhs.leading, rhs.rest)
  }
}

extension String {
  func trimmingCharacters(in set: Character) -> String {
    var result = Substring(self)
    while result.first == set { result.removeFirst() }
    while result.last == set { result.removeLast() }
    return String(result)
  }
}
