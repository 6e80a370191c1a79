/// Where a binding applies: everywhere, or on the screens whose `ScreenView.scope` it is.
public enum KeyScope: String, Hashable, Sendable {
  case everywhere, library, reader, graph, provinces
  case cited = "cited page"
  case diagram

  func includes(_ screen: Screen) -> Bool {
    self == .everywhere || screen.view.scope == self
  }
}

/// A footer hint: the keys of its actions on the screen, then a word (`n N next`).
public struct Hint: Hashable, Sendable {
  public var actions: [Action]
  public var word: String

  public init(_ action: Action, _ word: String) {
    self.init([action], word)
  }

  public init(_ actions: [Action], _ word: String) {
    self.actions = actions
    self.word = word
  }
}

public struct KeyBinding: Hashable, Sendable {
  public var keys: [Key]
  public var action: Action
  public var scope: KeyScope
  public var help: String

  public init(_ keys: [Key], _ action: Action, _ scope: KeyScope = .everywhere, _ help: String) {
    self.keys = keys
    self.action = action
    self.scope = scope
    self.help = help
  }

  /// `↑ k`: the keys as the help screen names them.
  public var label: String { keys.map(\.label).joined(separator: " ") }
}

/// The one table both the key handling and the help screen read.
public enum KeyTable {
  private static func char(_ character: Character) -> Key { .character(character) }

  public static let bindings: [KeyBinding] = [
    KeyBinding([.up, char("k")], .moveUp, .everywhere, "move up (in the reader: scroll)"),
    KeyBinding([.down, char("j")], .moveDown, .everywhere, "move down (in the reader: scroll)"),
    KeyBinding([.pageUp], .pageUp, .everywhere, "page up"),
    KeyBinding([.pageDown, char(" ")], .pageDown, .everywhere, "page down"),
    KeyBinding([.home, char("g")], .top, .everywhere, "jump to the top"),
    KeyBinding([.end, char("G")], .bottom, .everywhere, "jump to the bottom"),
    KeyBinding(
      [.enter], .open, .everywhere, "open the selected item; in the reader, follow the selected link"),
    KeyBinding([.tab], .nextLink, .reader, "select the next link"),
    KeyBinding([.backTab], .previousLink, .reader, "select the previous link"),
    KeyBinding([.backspace, .left, char("h")], .back, .everywhere, "back in history"),
    KeyBinding([.right, char("l")], .forward, .everywhere, "forward in history"),
    KeyBinding([char("/")], .search, .library, "search (diacritics optional); Enter keeps, Esc cancels"),
    KeyBinding([char("/")], .find, .reader, "find in the document"),
    KeyBinding([char("n")], .findNext, .reader, "next match"),
    KeyBinding([char("N")], .findPrevious, .reader, "previous match"),
    KeyBinding([char("p")], .provincePicker, .everywhere, "pick a province to filter by (again: add one)"),
    KeyBinding([char("c")], .clearFilters, .everywhere, "clear every filter"),
    KeyBinding([char("s")], .cycleSort, .library, "sort by date, province, number or type"),
    KeyBinding([char("t")], .toggleGrouping, .provinces, "group under the 2025 provinces"),
    KeyBinding([char("m")], .toggleMatrix, .graph, "outline or matrix"),
    KeyBinding([.left, char("h")], .columnsLeft, .graph, "matrix: the column to the left (outline: back)"),
    KeyBinding(
      [.right, char("l")], .columnsRight, .graph, "matrix: the column to the right (outline: forward)"),
    KeyBinding([char("L")], .listLinks, .reader, "list every link of the document"),
    KeyBinding(
      [char("d")], .showDiagram, .reader, "the document's diagram: what it stands on, what stands on it"),
    KeyBinding([char("d")], .showDiagram, .cited, "the cited document's diagram"),
    KeyBinding([char("d")], .showDiagram, .diagram, "the diagram of the selected entry"),
    KeyBinding([char("1")], .showLibrary, .everywhere, "library"),
    KeyBinding([char("2")], .showGraph, .everywhere, "citation graph"),
    KeyBinding([char("3")], .showProvinces, .everywhere, "provinces"),
    KeyBinding([char("w")], .showWarnings, .everywhere, "every warning of the corpus, grouped by kind"),
    KeyBinding([char("?")], .help, .everywhere, "this help"),
    KeyBinding([char("q")], .close, .everywhere, "close the screen; on the library, quit"),
    KeyBinding([char("Q"), .controlC], .quit, .everywhere, "quit at once"),
    // MARK: filters, search, places and glance (#14)
    KeyBinding([char("f")], .selectChip, .library, "select the next filter chip in the header"),
    KeyBinding(
      [char("x")], .removeChip, .library, "remove the selected filter chip (none selected: the last)"),
    KeyBinding([char("r")], .reverseSort, .library, "reverse the order"),
    // MARK: leave (#14): export, pager and editor, yank, mouse, marks, history, notes
    KeyBinding(
      [char("e")], .export, .everywhere, "export the list shown as CSV or JSON (asks for a file name)"),
    KeyBinding([char("v")], .openInPager, .everywhere, "open the document in $PAGER (default less)"),
    KeyBinding([char("E")], .openInEditor, .everywhere, "open the document in $EDITOR (default vi)"),
    KeyBinding([char("y")], .yankReference, .everywhere, "copy the document's reference (OSC 52)"),
    KeyBinding([char("Y")], .yankPath, .everywhere, "copy the document's path (OSC 52)"),
    KeyBinding([char("M")], .toggleMouse, .everywhere, "mouse capture on or off (off: select text)"),
    KeyBinding([char("m")], .toggleMark, .everywhere, "mark or unmark the document (kept per corpus)"),
    KeyBinding([char("'")], .showMarks, .everywhere, "the marked documents and notes"),
    KeyBinding([char("H")], .showHistory, .everywhere, "the pages visited in this session"),
    KeyBinding([char("a")], .annotate, .everywhere, "a note on the document (empty: remove it)"),
  ]

  /// The binding of `action` on `screen`: the screen's own first, then one for everywhere.
  static func binding(_ action: Action, on screen: Screen) -> KeyBinding? {
    bindings.first { $0.action == action && $0.scope != .everywhere && $0.scope.includes(screen) }
      ?? bindings.first { $0.action == action && $0.scope == .everywhere }
  }

  /// `d diagram`: the shortest name of a key bound to each action on `screen` (`←` rather than
  /// `Backspace`), then the word; empty when none of them is bound there.
  public static func hint(_ hint: Hint, on screen: Screen) -> String {
    let keys = hint.actions.compactMap { action in
      binding(action, on: screen)?.keys.min { $0.label.count < $1.label.count }
    }
    guard !keys.isEmpty else { return "" }
    return (keys.map(\.label) + [hint.word]).joined(separator: " ")
  }

  /// The shortest name of a key bound to `action` on `screen`, nil when none is.
  public static func key(for action: Action, on screen: Screen) -> String? {
    let hint = hint(Hint(action, ""), on: screen)
    return hint.isEmpty ? nil : String(hint.dropLast())
  }

  /// Footer hints from the table: `Enter open  d diagram  ← back`.
  public static func hints(_ hints: [Hint], on screen: Screen) -> String {
    hints.map { hint($0, on: screen) }.filter { !$0.isEmpty }.joined(separator: "  ")
  }

  /// The action of `key` on `screen`: a binding of the screen first, then one for everywhere.
  public static func action(for key: Key, on screen: Screen) -> Action? {
    let candidates = bindings.filter { $0.keys.contains(key) && $0.scope.includes(screen) }
    return (candidates.first { $0.scope != .everywhere } ?? candidates.first)?.action
  }
}

extension KeyTable {
  /// The key table as the README lists it: a Markdown table, one row a binding, in table order.
  public static var markdown: String {
    var lines = ["| keys | where | what |", "|---|---|---|"]
    for binding in bindings {
      let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
      let help = binding.help.replacingOccurrences(of: "|", with: "\\|")
      lines.append("| \(keys) | \(binding.scope.rawValue) | \(help) |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
