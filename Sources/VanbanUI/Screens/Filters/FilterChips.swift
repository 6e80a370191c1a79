import DirectiveKit

/// One active filter of the library, shown as a chip in its header and removable alone.
public enum FilterChip: Hashable, Sendable {
  case province(ProvinceChoice)
  /// A filter of the search (`level:central`, `province:hcm`, `year:2021`), as typed.
  case term(String)
  /// The search's words and phrases, together.
  case words(String)
  /// An order other than the list's own (by date, oldest first).
  case sort(SortOrder, reversed: Bool)

  /// `Nam Định`, `level:central`, `“phong chong”`, `by type, reversed`.
  public var label: String {
    switch self {
    case .province(let choice): return choice.label
    case .term(let term): return term
    case .words(let words): return "“\(words)”"
    case .sort(let order, let reversed): return "by \(order.rawValue)" + (reversed ? ", reversed" : "")
    }
  }
}

/// The words of a search as typed: a quoted phrase stays one (`"phòng chống"`, `province:"Nam Định"`).
func searchTokens(_ query: String) -> [String] {
  var tokens: [String] = []
  var current = ""
  var quoted = false
  for character in query {
    if character == "\"" { quoted.toggle() }
    if character.isWhitespace && !quoted {
      if !current.isEmpty { tokens.append(current) }
      current = ""
    } else {
      current.append(character)
    }
  }
  if !current.isEmpty { tokens.append(current) }
  return tokens
}

/// True for a filter of the search: `key:value` with a key of letters (`level:central`).
func isSearchFilter(_ token: String) -> Bool {
  guard let colon = token.firstIndex(of: ":"), colon != token.startIndex,
    token.index(after: colon) != token.endIndex
  else { return false }
  return token[..<colon].allSatisfy { $0.isLetter && $0.isASCII }
}

extension AppState {
  /// The active filters, in the order the header shows them: provinces, the search's filters,
  /// its words, the order.
  public var filterChips: [FilterChip] {
    var chips = provinceFilter.map(FilterChip.province)
    let tokens = searchTokens(activeQuery)
    chips += tokens.filter(isSearchFilter).map(FilterChip.term)
    let words = tokens.filter { !isSearchFilter($0) }
    if !words.isEmpty { chips.append(.words(words.joined(separator: " "))) }
    if sort != .date || sortReversed { chips.append(.sort(sort, reversed: sortReversed)) }
    return chips
  }

  /// `sorted by date`, `sorted by type, reversed`: the title row's note on the library.
  var sortDescription: String {
    "sorted by \(sort.rawValue)" + (sortReversed ? ", reversed" : "")
  }

  /// Removes one filter, leaving the others.
  mutating func remove(_ chip: FilterChip) {
    switch chip {
    case .province(let choice): provinceFilter.removeAll { $0 == choice }
    case .term(let term):
      var removed = false
      query = searchTokens(query).filter { token in
        guard !removed, token == term else { return true }
        removed = true
        return false
      }.joined(separator: " ")
    case .words:
      query = searchTokens(query).filter(isSearchFilter).joined(separator: " ")
    case .sort:
      sort = .date
      sortReversed = false
    }
    message = "removed \(chip.label)"
    resetListPosition()
  }

  /// The library's filter keys: select the next chip, remove one, reverse the order.
  mutating func performFilterAction(_ action: Action) {
    let chips = filterChips
    switch action {
    case .selectChip:
      guard !chips.isEmpty else {
        message = "no filter to select"
        return
      }
      let next = (chipSelection ?? -1) + 1
      chipSelection = next < chips.count ? next : nil
    case .removeChip:
      guard let chip = chipSelection.flatMap({ chips.indices.contains($0) ? chips[$0] : nil }) ?? chips.last
      else {
        message = "no filter to remove"
        return
      }
      remove(chip)
      chipSelection = nil
    case .reverseSort:
      sortReversed.toggle()
      chipSelection = nil
      resetListPosition()
    default:
      break
    }
  }
}

/// The library's first header row: the filter chips on the left (the selected one highlighted,
/// with the keys that select and remove them), the sparkline of documents per month on the right.
enum FilterRow {
  static func draw(_ state: AppState, into grid: inout Grid, y: Int) {
    let screen = state.page.screen
    let chips = state.filterChips
    let keys = KeyTable.hints([Hint(.selectChip, "select"), Hint(.removeChip, "remove")], on: screen)
    // The chips first; the sparkline takes what room they leave.
    let chipsWidth =
      "Filters: ".count
      + (chips.isEmpty
        ? 4 : chips.map { DisplayWidth.width(of: "[\($0.label) ×] ") }.reduce(0, +) + keys.count)
    var x = grid.put("Filters: ", x: 0, y: y, style: .accent)
    let spark = Sparkline.line(state, width: min(72, grid.width - chipsWidth - 2))
    let room = grid.width - (spark.isEmpty ? 0 : DisplayWidth.width(of: spark) + 2)
    if chips.isEmpty {
      grid.put(DisplayWidth.truncate("none", to: max(0, room - x)), x: x, y: y, style: .dim)
    }
    for (index, chip) in chips.enumerated() {
      let text = "[\(chip.label) ×]"
      guard x + DisplayWidth.width(of: text) <= room else {
        grid.put("…", x: min(x, max(0, room - 1)), y: y, style: .dim)
        break
      }
      x = grid.put(text, x: x, y: y, style: state.chipSelection == index ? .selected : .plain) + 1
    }
    if !chips.isEmpty {
      if x + DisplayWidth.width(of: keys) <= room { grid.put(keys, x: x, y: y, style: .dim) }
    }
    if !spark.isEmpty {
      grid.put(spark, x: grid.width - DisplayWidth.width(of: spark), y: y, style: .accent)
    }
  }
}
