/// A key press or terminal event, independent of the terminal library.
public enum Key: Hashable, Sendable {
  case character(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, tab, backTab, backspace, escape
  case controlC
  case resize(width: Int, height: Int)
  case click(x: Int, y: Int)
  case wheelUp, wheelDown

  /// How the help screen names the key.
  public var label: String {
    switch self {
    case .character(" "): return "space"
    case .character(let character): return String(character)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .escape: return "Esc"
    case .controlC: return "Ctrl-C"
    case .resize: return "resize"
    case .click: return "click"
    case .wheelUp: return "wheel up"
    case .wheelDown: return "wheel down"
    }
  }
}
