import DirectiveKit

/// A page of the browser, as the history keeps it. Each case has its type in `Screens/<Name>/`,
/// named by `view`: adding a screen is a case here, its line in `view`, its folder, and its keys
/// in `KeyTable`.
public enum Screen: Hashable, Sendable {
  case library
  case reader(String)
  case cited(String)
  case graph
  case provinces
  case help
  case links(String)
  /// One document among those it stands on and those standing on it.
  case diagram(String)
  case warnings
  // MARK: leave (#14): marks and history
  /// The marked documents and those with a note.
  case marks
  /// The pages visited in this session.
  case history

  /// The screen's type: its rows, status line, footer hints and how it handles actions.
  public var view: any ScreenView {
    switch self {
    case .library: return LibraryScreen()
    case .reader(let id): return ReaderScreen(id: id)
    case .cited(let id): return CitedScreen(id: id)
    case .graph: return GraphScreen()
    case .provinces: return ProvincesScreen()
    case .help: return HelpScreen()
    case .links(let id): return LinksScreen(id: id)
    case .diagram(let id): return DiagramScreen(id: id)
    case .warnings: return WarningsScreen()
    case .marks: return MarksScreen()
    case .history: return HistoryScreen()
    }
  }

  public var title: String { view.title }
}

/// What a screen is: its title, its keys, what it lists and says, and what it does with an action.
/// List screens only give their `content`; the library and the reader draw and move themselves.
public protocol ScreenView {
  var title: String { get }
  /// The key table's bindings of this screen besides those for everywhere; nil for none.
  var scope: KeyScope? { get }
  /// The footer's key hints, read from the key table.
  var hints: [Hint] { get }
  /// Named on the title row after the title (the document's id).
  var subject: String? { get }
  /// Named last on the title row (the library's order).
  func titleNote(in state: AppState) -> String?
  /// Whether its `content` reads the response tree of the province filter.
  var readsResponses: Bool { get }
  /// Whether a new filter, search or sort takes it back to its first row.
  var followsFilters: Bool { get }
  /// Rows above the list under the title row (the library's column header).
  var headerRows: Int { get }
  /// The selection when the screen opens (`Page.noSelection` for none).
  var initialSelection: Int { get }

  /// The rows and the status line, computed once for each `ContentInput` and kept in the state.
  func content(in state: AppState) -> ScreenContent
  /// Handles an action of this screen, or one it does its own way; false leaves it to the
  /// actions every screen shares.
  func perform(_ action: Action, on state: inout AppState) -> Bool
  /// A click on row `index` of the list (counted from the first row shown).
  func select(row index: Int, on state: inout AppState)
  /// Scrolls so that the selection shows.
  func keepSelectionVisible(_ state: inout AppState)
  func draw(_ state: AppState, into grid: inout Grid)
}

/// A list screen's rows with its status line.
public struct ScreenContent: Sendable {
  public var rows: ListRows
  public var status: String
  /// What Enter opens on each selectable row, in order.
  public var targets: [RowTarget]
  /// The row of each selectable one.
  public var selectableRows: [Int]

  public init(rows: [ListRow], status: String) {
    self.rows = ListRows(rows)
    self.status = status
    selectableRows = rows.indices.filter { rows[$0].isSelectable }
    targets = selectableRows.compactMap { rows[$0].target }
  }

  /// Rows made when drawn, with the targets they will have: what a long list builds per key.
  public init(rows: ListRows, status: String, selectableRows: [Int], targets: [RowTarget]) {
    self.rows = rows
    self.status = status
    self.selectableRows = selectableRows
    self.targets = targets
  }

  public static let empty = ScreenContent(rows: [], status: "")
}

extension ScreenView {
  public var subject: String? { nil }
  public func titleNote(in state: AppState) -> String? { nil }
  public var readsResponses: Bool { false }
  public var followsFilters: Bool { false }
  public var headerRows: Int { 0 }
  public var initialSelection: Int { 0 }
  public func content(in state: AppState) -> ScreenContent { .empty }
  public func perform(_ action: Action, on state: inout AppState) -> Bool { false }

  public func select(row index: Int, on state: inout AppState) {
    let content = state.content
    guard content.rows.indices.contains(index), content.rows[index].isSelectable else { return }
    state.page.selection = content.selectableRows.firstIndex(of: index) ?? state.page.selection
  }

  public func keepSelectionVisible(_ state: inout AppState) {
    let content = state.content
    guard content.selectableRows.indices.contains(state.page.selection) else { return }
    let row = content.selectableRows[state.page.selection]
    // Above the first selectable row: what precedes it (headings, the card).
    if state.page.selection == 0 { state.scrollToShow(row: 0) }
    state.scrollToShow(row: row)
  }

  public func draw(_ state: AppState, into grid: inout Grid) {
    ListView.draw(state, into: &grid)
  }
}

public struct Segment: Hashable, Sendable {
  public var text: String
  public var style: Style
  public init(_ text: String, _ style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// What Enter on a row opens.
public enum RowTarget: Hashable, Sendable {
  case document(String)
  case cited(String)
  case province(ProvinceChoice)
  /// A page of the session's history (its position, newest first).
  case page(Int)
}

/// A row of a list screen (graph, provinces, cited page, links, help, diagram).
public struct ListRow: Hashable, Sendable {
  public var segments: [Segment]
  public var target: RowTarget?
  public init(_ segments: [Segment], target: RowTarget? = nil) {
    self.segments = segments
    self.target = target
  }
  public init(_ text: String, _ style: Style = .plain, target: RowTarget? = nil) {
    self.init([Segment(text, style)], target: target)
  }
  public var isSelectable: Bool { target != nil }
}
