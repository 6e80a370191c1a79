/// Line breaking at word boundaries, by display width.
public enum TextWrap {
  /// Breaks a run of items of the given widths into lines of at most `width` columns, breaking
  /// at spaces; a word wider than a line is cut. Lines carry no trailing spaces, and lines after
  /// the first no leading ones.
  public static func lines(columns: [Int], spaces: [Bool], width: Int) -> [Range<Int>] {
    let width = max(1, width)
    let count = columns.count
    var result: [Range<Int>] = []
    var start = 0
    while start < count {
      var used = 0
      var index = start
      var lastSpace: Int?
      while index < count {
        if spaces[index] {
          lastSpace = index
        } else if used + columns[index] > width {
          break
        }
        used += columns[index]
        index += 1
      }
      if index == count {
        var end = count
        while end > start, spaces[end - 1] { end -= 1 }
        result.append(start..<end)
        break
      }
      let cut: Int
      if let space = lastSpace, space > start {
        cut = space
      } else {
        cut = max(index, start + 1)
      }
      var end = cut
      while end > start, spaces[end - 1] { end -= 1 }
      result.append(start..<end)
      start = cut
      while start < count, spaces[start] { start += 1 }
    }
    return result
  }

  /// A string broken into lines of at most `width` columns.
  public static func wrap(_ text: String, width: Int) -> [String] {
    let scalars = Array(text.unicodeScalars)
    let columns = scalars.map { DisplayWidth.width(of: $0) }
    let spaces = scalars.map { $0 == " " }
    let ranges = lines(columns: columns, spaces: spaces, width: width)
    if ranges.isEmpty { return [""] }
    return ranges.map { range in
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return String(view)
    }
  }
}
