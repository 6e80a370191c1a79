import DirectiveKit

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

  public var title: String {
    switch self {
    case .library: return "Library"
    case .reader: return "Reader"
    case .cited: return "Cited document"
    case .graph: return "Graph"
    case .provinces: return "Provinces"
    case .help: return "Help"
    case .links: return "Links"
    case .diagram: return "Diagram"
    }
  }
}

/// A screen in the history, with where the user was on it.
public struct Page: Hashable, Sendable {
  public var screen: Screen
  /// The selected row (lists) or link (reader).
  public var selection: Int
  /// The first row shown.
  public var scroll: Int

  public init(_ screen: Screen, selection: Int = 0, scroll: Int = 0) {
    self.screen = screen
    self.selection = selection
    self.scroll = scroll
  }
}

public enum SortOrder: String, CaseIterable, Sendable {
  case date, province, number
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

/// Everything the interface shows, as plain data; `update` makes the next one.
public struct AppState: Sendable {
  public let library: Library
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
  public var shouldQuit = false
  /// A one-off note for the status line.
  public var message: String?

  public init(library: Library, width: Int, height: Int) {
    self.library = library
    self.width = width
    self.height = height
    self.page = Page(.library)
  }

  public static let minimumWidth = 40
  public static let minimumHeight = 10
  public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

  /// Rows between the header line and the two footer lines.
  public var bodyHeight: Int { max(1, height - 3) }

  /// The search in force: the one being typed, else the kept one.
  public var activeQuery: String { searchDraft ?? query }

  /// Indices of the documents the library lists, in the chosen order.
  public var visibleDocuments: [Int] {
    let documents = library.documents
    var indices = library.matching(activeQuery)
    if !provinceFilter.isEmpty {
      indices = indices.filter { index in provinceFilter.contains { $0.matches(documents[index]) } }
    }
    switch sort {
    case .date:
      return indices
    case .province:
      return indices.sorted { lhs, rhs in
        let left = documents[lhs].province?.folded ?? "\u{10FFFF}"
        let right = documents[rhs].province?.folded ?? "\u{10FFFF}"
        return (left, lhs) < (right, rhs)
      }
    case .number:
      return indices.sorted { lhs, rhs in
        let left = NaturalKey(documents[lhs].number)
        let right = NaturalKey(documents[rhs].number)
        return left == right ? lhs < rhs : left < right
      }
    }
  }

  /// The picker's entries for its query: old provinces, then 2025 ones.
  public var pickerEntries: [ProvinceChoice] {
    guard let picker else { return [] }
    let needle = picker.query.folded.trimmingCharacters(in: " ")
    func keep(_ name: String) -> Bool { needle.isEmpty || name.folded.contains(needle) }
    return library.provinces.filter(keep).map { ProvinceChoice(name: $0, is2025: false) }
      + library.provinces2025.filter(keep).map { ProvinceChoice(name: $0, is2025: true) }
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
