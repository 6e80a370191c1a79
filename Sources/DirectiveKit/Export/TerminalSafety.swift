/// Keeps document text from acting on the terminal that shows it.
///
/// Every scalar that a terminal could take as a command (escape sequences that set the title,
/// write the clipboard or clear the screen, C1 controls, backspaces) or that reorders what is
/// shown (bidi overrides) is replaced by exactly one visible scalar, so scalar offsets into the
/// text (`Span`) stay valid in the sanitised text.
public enum TerminalSafety {
  /// Shown for C1 controls (U+0080–U+009F), which have no control picture.
  public static let c1Placeholder: Unicode.Scalar = "\u{FFFD}"
  /// Shown for bidi overrides and isolates.
  public static let bidiPlaceholder: Unicode.Scalar = "\u{21C4}"

  /// Replaces C0 controls (except "\n" and "\t" when `keepLayout`), DEL, C1 controls
  /// (U+0080–U+009F), and the escape character with visible placeholders: the Control
  /// Pictures block (U+2400 + code, `␛` for ESC, `␡` for DEL) and for C1 `�`;
  /// also bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069) as `⇄`.
  public static func sanitize(_ text: String, keepLayout: Bool = true) -> String {
    if isSafe(text, keepLayout: keepLayout) { return text }
    var output = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      output.append(placeholder(for: scalar, keepLayout: keepLayout) ?? scalar)
    }
    return String(output)
  }

  /// True when `sanitize(text)` would change nothing.
  public static func isSafe(_ text: String) -> Bool {
    isSafe(text, keepLayout: true)
  }

  /// The visible stand-in for a scalar a terminal would act on; nil for a harmless scalar.
  public static func placeholder(for scalar: Unicode.Scalar, keepLayout: Bool = true)
    -> Unicode.Scalar?
  {
    let value = scalar.value
    switch value {
    case 0x0A, 0x09: return keepLayout ? nil : Unicode.Scalar(0x2400 + value)
    case 0x00..<0x20: return Unicode.Scalar(0x2400 + value)
    case 0x7F: return "\u{2421}"
    case 0x80...0x9F: return c1Placeholder
    case 0x202A...0x202E, 0x2066...0x2069: return bidiPlaceholder
    default: return nil
    }
  }

  /// A byte scan of the UTF-8 view: only the bytes that can begin a dangerous scalar
  /// (controls, DEL, 0xC2 for C1, 0xE2 for bidi controls) are looked at further.
  private static func isSafe(_ text: String, keepLayout: Bool) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        switch byte {
        case 0x0A, 0x09:
          if !keepLayout { return false }
        case 0x00..<0x20, 0x7F:
          return false
        case 0xC2:
          if index + 1 < count && bytes[index + 1] < 0xA0 { return false }
        case 0xE2:
          if index + 2 < count {
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80 && (0xAA...0xAE).contains(third) { return false }
            if second == 0x81 && (0xA6...0xA9).contains(third) { return false }
          }
        default:
          break
        }
        index += 1
      }
      return true
    }
  }
}
