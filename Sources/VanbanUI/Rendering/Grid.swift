import Foundation

/// One terminal column: a grapheme (base character and its combining marks, NFC) or, right of a
/// wide character, a continuation that holds nothing.
public struct Cell: Hashable, Sendable {
  public var content: String
  public var style: Style
  public var isContinuation: Bool

  public init(_ content: String = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.content = content
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}

/// An in-memory screen. Writing never stores a control character: each becomes its visible
/// placeholder (`␛` for ESC), whatever the caller passes.
public struct Grid: Hashable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    cells[y * width + x]
  }

  /// Draws `text` from column `x` of row `y`, clipped at `limit` columns (and the grid's edge).
  /// Returns the column after the last one written.
  @discardableResult
  public mutating func put(
    _ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, limit: Int? = nil
  ) -> Int {
    guard y >= 0, y < height else { return x }
    let end = min(width, limit.map { x + $0 } ?? width)
    var column = x
    for scalar in text.unicodeScalars {
      column = put(scalar: scalar, x: column, y: y, style: style, end: end)
    }
    return column
  }

  /// Draws one scalar; a combining mark joins the grapheme left of `x`.
  @discardableResult
  public mutating func put(scalar: Unicode.Scalar, x: Int, y: Int, style: Style = .plain, end: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return x }
    let end = min(width, end ?? width)
    let shown = DisplayWidth.visible(scalar)
    let columns = DisplayWidth.width(of: shown)
    if columns == 0 {
      var target = x - 1
      while target >= 0, target < width, cells[y * width + target].isContinuation { target -= 1 }
      if target >= 0, target < end, x <= end {
        let index = y * width + target
        var combined = cells[index].content.unicodeScalars
        combined.append(shown)
        cells[index].content = String(combined).precomposedStringWithCanonicalMapping
      }
      return x
    }
    guard x >= 0, x + columns <= end else { return x + columns }
    clearWide(at: x, y: y)
    cells[y * width + x] = Cell(String(Character(shown)), style: style)
    if columns == 2 {
      clearWide(at: x + 1, y: y)
      cells[y * width + x + 1] = Cell("", style: style, isContinuation: true)
    }
    return x + columns
  }

  /// Overwriting half of a wide character blanks its other half.
  private mutating func clearWide(at x: Int, y: Int) {
    let index = y * width + x
    if cells[index].isContinuation, x > 0 {
      cells[index - 1] = Cell(" ", style: cells[index - 1].style)
    }
    if x + 1 < width, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(" ", style: cells[index + 1].style)
    }
  }

  /// Gives every cell of row `y` from `x` on (for `columns`) the style, keeping its content.
  public mutating func paint(row y: Int, from x: Int = 0, columns: Int? = nil, style: Style) {
    guard y >= 0, y < height else { return }
    let end = min(width, columns.map { x + $0 } ?? width)
    guard x < end else { return }
    for column in max(0, x)..<end { cells[y * width + column].style = style }
  }

  /// Blanks row `y` with the style.
  public mutating func clear(row y: Int, style: Style = .plain) {
    guard y >= 0, y < height else { return }
    for column in 0..<width { cells[y * width + column] = Cell(" ", style: style) }
  }

  /// Row `y` as text, trailing spaces trimmed.
  public func rowText(_ y: Int) -> String {
    var line = ""
    for column in 0..<width {
      let cell = cells[y * width + column]
      if !cell.isContinuation { line += cell.content }
    }
    while line.last == " " { line.removeLast() }
    return line
  }

  /// Every row as text, trailing spaces trimmed, joined by newlines.
  public var text: String {
    (0..<height).map(rowText).joined(separator: "\n")
  }
}
