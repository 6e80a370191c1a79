import DirectiveKit

/// How many terminal columns text takes, and what stands in for characters a terminal must never
/// receive.
public enum DisplayWidth {
  /// The visible stand-in for a control character (C0, DEL, C1) or a bidirectional override;
  /// nil when the scalar may be shown as it is. The grid keeps no layout characters: its rows
  /// are already laid out, so a newline or tab reaching a cell is shown too.
  public static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
    TerminalSafety.placeholder(for: scalar, keepLayout: false)
  }

  /// The scalar as it may be drawn: itself, or its placeholder.
  @inline(__always)
  public static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    placeholder(for: scalar) ?? scalar
  }

  /// Columns one scalar takes: 0 for combining marks and invisible format characters,
  /// 2 for East Asian wide and full-width characters, 1 otherwise. Controls count as their
  /// placeholder (1).
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return 1 }
    // Vietnamese letters with their marks (Latin Extended Additional): no property lookup.
    if (0x1E00...0x1EFF).contains(value) { return 1 }
    if placeholder(for: scalar) != nil { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    return isWide(value) ? 2 : 1
  }

  /// Columns a string takes once drawn.
  public static func width(of text: some StringProtocol) -> Int {
    var total = 0
    for scalar in text.unicodeScalars { total += width(of: scalar) }
    return total
  }

  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E,
      0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// The text cut to `columns`, ending in `…` when it had to be cut.
  public static func truncate(_ text: some StringProtocol, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    if width(of: text) <= columns { return String(text) }
    var result = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let w = width(of: scalar)
      if used + w > columns - 1 { break }
      result.append(visible(scalar))
      used += w
    }
    result.append("…")
    return String(result)
  }

  /// The text cut or padded with spaces to exactly `columns`.
  public static func fit(_ text: some StringProtocol, to columns: Int) -> String {
    let cut = truncate(text, to: columns)
    let missing = columns - width(of: cut)
    return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
  }
}
