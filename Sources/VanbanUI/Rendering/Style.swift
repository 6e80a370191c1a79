/// What a cell's colour means; the terminal picks the actual colour (or none).
public enum ColorRole: Int, Hashable, Sendable, CaseIterable {
  case normal, header, footer, accent, link, selection, dim, warning, match
}

public struct Style: Hashable, Sendable {
  public var bold = false
  public var reverse = false
  public var underline = false
  public var role: ColorRole = .normal

  public init(bold: Bool = false, reverse: Bool = false, underline: Bool = false, role: ColorRole = .normal) {
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.role = role
  }

  public static let plain = Style()
  public static let header = Style(bold: true, role: .header)
  public static let footer = Style(reverse: true, role: .footer)
  public static let selected = Style(reverse: true, role: .selection)
  public static let link = Style(underline: true, role: .link)
  public static let selectedLink = Style(bold: true, reverse: true, underline: true, role: .link)
  public static let dim = Style(role: .dim)
  public static let accent = Style(bold: true, role: .accent)
  public static let match = Style(reverse: true, role: .match)
  public static let warning = Style(bold: true, role: .warning)
}
