import CNcursesw
import Foundation
import VanbanUI

#if canImport(Glibc)
  import Glibc
#endif

/// The ncursesw screen: keys in, grids out. Whatever ends the program (quitting, a signal, a
/// crash) puts the terminal back as it was.
final class Terminal {
  private var shown: Grid?
  private let colors: Bool

  /// Checks that the terminal is one ncurses knows; returns the problem in one line otherwise.
  static func problem() -> String? {
    guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty else {
      return
        "vanban: TERM is not set, so the browser cannot draw; set TERM (e.g. xterm-256color) or use `vanban list`"
    }
    var error: Int32 = 0
    if setupterm(term, STDOUT_FILENO, &error) != OK {
      return
        "vanban: unknown terminal type \"\(term)\" (TERM); set TERM to one this system knows, e.g. xterm-256color"
    }
    let cursorAddress = tigetstr("cup")
    if cursorAddress == nil || Int(bitPattern: cursorAddress) == -1 {
      return
        "vanban: the terminal type \"\(term)\" (TERM) cannot move the cursor, so the browser cannot draw; "
        + "use `vanban list` or set TERM (e.g. xterm-256color)"
    }
    return nil
  }

  /// True when the locale cannot show Vietnamese: the screen is then drawn in ASCII, letters
  /// without their marks (never as mojibake), with a note saying so.
  private(set) var asciiOnly = false

  /// The note shown on the title row, and on standard error at the end, in ASCII mode.
  static let asciiNote = "[ASCII: locale not UTF-8, set LANG=C.UTF-8]"

  /// `colours` as the settings decide (the config file, NO_COLOR, `--colours`), if the terminal has them.
  init(mouse: Bool, colours: Bool) {
    setlocale(LC_ALL, "")
    asciiOnly = String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8"
    // Mouse reports are stopped on a signal even when they start off: `M` may turn them on.
    SignalRestore.prepare(mouse: true)
    initscr()
    raw()
    noecho()
    nonl()
    keypad(stdscr, true)
    set_escdelay(25)
    curs_set(0)
    colors = colours && has_colors()
    if colors {
      start_color()
      use_default_colors()
      for role in ColorRole.allCases { init_pair(Int16(role.rawValue + 1), Terminal.foreground(role), -1) }
    }
    if mouse { mousemask(vanban_mouse_events(), nil) }
    Terminal.installSignalHandlers()
  }

  func end() {
    endwin()
    if asciiOnly { FileHandle.standardError.write(Data("vanban: \(Terminal.asciiNote)\n".utf8)) }
  }

  var size: (width: Int, height: Int) { (Int(COLS), Int(LINES)) }

  private static func foreground(_ role: ColorRole) -> Int16 {
    switch role {
    case .normal, .selection, .footer: return -1
    case .header: return Int16(COLOR_CYAN)
    case .accent: return Int16(COLOR_YELLOW)
    case .link: return Int16(COLOR_CYAN)
    case .dim: return -1
    case .warning: return Int16(COLOR_RED)
    case .match: return Int16(COLOR_YELLOW)
    }
  }

  private func attributes(_ style: Style) -> attr_t {
    var value: attr_t = 0
    if style.bold { value |= vanban_attr_bold() }
    if style.reverse { value |= vanban_attr_reverse() }
    if style.underline { value |= vanban_attr_underline() }
    if style.role == .dim { value |= vanban_attr_dim() }
    if colors, style.role != .normal { value |= vanban_color_pair(Int16(style.role.rawValue + 1)) }
    return value
  }

  /// Copies the grid to the screen, rewriting only the rows that changed.
  func draw(_ grid: Grid) {
    let full = shown.map { $0.width != grid.width || $0.height != grid.height } ?? true
    if full { erase() }
    for y in 0..<grid.height {
      if !full, let shown, (0..<grid.width).allSatisfy({ shown[$0, y] == grid[$0, y] }) { continue }
      drawRow(y, of: grid)
    }
    let note = " " + Terminal.asciiNote
    if asciiOnly, grid.height > 0, grid.width >= note.count + 30 {
      vanban_attrset(attributes(.warning))
      mvaddwstr(
        0, Int32(grid.width - note.count), note.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0])
    }
    vanban_attrset(0)
    refresh()
    shown = grid
  }

  /// Forgets what is on screen, so the next draw rewrites everything.
  func invalidate() {
    shown = nil
    clearok(stdscr, true)
  }

  private func drawRow(_ y: Int, of grid: Grid) {
    var x = 0
    while x < grid.width {
      let style = grid[x, y].style
      var run: [wchar_t] = []
      let start = x
      while x < grid.width, grid[x, y].style == style {
        let cell = grid[x, y]
        if !cell.isContinuation || asciiOnly {
          let content =
            asciiOnly ? (cell.isContinuation ? "?" : ASCIIFallback.text(cell.content)) : cell.content
          for scalar in content.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
        }
        x += 1
      }
      run.append(0)
      vanban_attrset(attributes(style))
      mvaddwstr(Int32(y), Int32(start), run)
    }
  }

  /// The next key, or nil after `timeout` milliseconds (negative: wait).
  func readKey(timeout milliseconds: Int32 = -1) -> Key? {
    wtimeout(stdscr, milliseconds)
    while true {
      var character: wint_t = 0
      let result = get_wch(&character)
      if result == ERR { return nil }
      if result == KEY_CODE_YES {
        if let key = special(Int32(character)) { return key }
        continue
      }
      switch character {
      case 10, 13: return .enter
      case 9: return .tab
      case 8, 127: return .backspace
      case 27: return .escape
      case 3: return .controlC
      case 26:
        suspend()
        return .resize(width: Int(COLS), height: Int(LINES))
      default:
        guard let scalar = Unicode.Scalar(UInt32(character)), character >= 32 else { continue }
        return .character(Character(scalar))
      }
    }
  }

  private func special(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_BTAB: return .backTab
    case KEY_RESIZE:
      invalidate()
      return .resize(width: Int(COLS), height: Int(LINES))
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      if vanban_is_wheel_up(event.bstate) != 0 { return .wheelUp }
      if vanban_is_wheel_down(event.bstate) != 0 { return .wheelDown }
      if vanban_is_click(event.bstate) != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
      return nil
    default:
      return nil
    }
  }

  /// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
  private func suspend() {
    endwin()
    signal(SIGTSTP, SIG_DFL)
    raise(SIGTSTP)
    refresh()
    invalidate()
  }

  /// A signal handler may only call what is async-signal-safe: `endwin()` is not. The handlers put
  /// the terminal back with `tcsetattr` and `write` of sequences read before the screen was taken.
  private static func installSignalHandlers() {
    for signalNumber in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
      signal(signalNumber) { number in
        SignalRestore.restore()
        _exit(128 + number)
      }
    }
    for signalNumber in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      signal(signalNumber) { number in
        SignalRestore.restore()
        signal(number, SIG_DFL)
        raise(number)
      }
    }
  }
}

/// What a signal handler needs to give the shell back, prepared before the screen is taken: the
/// terminal's modes as the shell left them, and the bytes that leave the alternate screen, show the
/// cursor, reset attributes and stop mouse reports.
enum SignalRestore {
  nonisolated(unsafe) private static var modes = termios()
  nonisolated(unsafe) private static var haveModes = false
  nonisolated(unsafe) private static var sequence: UnsafeMutablePointer<UInt8>?
  nonisolated(unsafe) private static var length = 0

  static func prepare(mouse: Bool) {
    haveModes = tcgetattr(STDIN_FILENO, &modes) == 0
    var bytes: [UInt8] = []
    for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
      guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
      bytes += Array(String(cString: value).utf8)
    }
    if mouse { bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8) }
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    buffer.initialize(from: bytes, count: bytes.count)
    sequence = buffer
    length = bytes.count
  }

  /// Only async-signal-safe calls.
  static func restore() {
    if haveModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, &modes) }
    if let sequence, length > 0 { _ = write(STDOUT_FILENO, sequence, length) }
  }
}

/// Text a non-UTF-8 terminal can show: Vietnamese letters without their marks, the program's
/// own symbols as their nearest ASCII, anything else `?`.
enum ASCIIFallback {
  static let symbols: [Unicode.Scalar: String] = [
    "đ": "d", "Đ": "D", "─": "-", "━": "-", "│": "|", "┃": "|", "▸": ">", "▾": "v", "·": ".", "…": ".",
    "█": "#", "▒": ":", "→": ">", "←": "<", "↑": "^", "↓": "v", "≥": ">", "≤": "<", "“": "\"", "”": "\"",
    "‘": "'", "’": "'", "–": "-", "—": "-", "×": "x", "•": "*", "⇄": "?",
  ]

  static func text(_ text: String) -> String {
    var result = ""
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
      if scalar.isASCII {
        result.unicodeScalars.append(scalar)
      } else if (0x300...0x36F).contains(scalar.value) {
        continue
      } else if (0x2400...0x2421).contains(scalar.value) {
        result += "^"
      } else {
        result += symbols[scalar] ?? "?"
      }
    }
    return result
  }
}
