/// The lines that draw a tree of entries listed depth-first, the same on every screen.
enum TreeLines {
  /// Tree lines for entries listed depth-first: `├─ `, `│  └─ ` ...
  static func prefixes(_ depths: [Int]) -> [String] {
    var result: [String] = []
    for (index, depth) in depths.enumerated() {
      func isLast(at level: Int, from position: Int) -> Bool {
        for next in depths[(position + 1)...] {
          if next < level { return true }
          if next == level { return false }
        }
        return true
      }
      var prefix = ""
      // For each ancestor level, continue its line when it has later siblings.
      var ancestorPositions: [Int] = []
      var wanted = depth - 1
      var position = index - 1
      while wanted >= 0, position >= 0 {
        if depths[position] == wanted {
          ancestorPositions.insert(position, at: 0)
          wanted -= 1
        }
        position -= 1
      }
      for (level, ancestor) in ancestorPositions.enumerated() {
        prefix += isLast(at: level, from: ancestor) ? "   " : "│  "
      }
      prefix += isLast(at: depth, from: index) ? "└─ " : "├─ "
      result.append(prefix)
    }
    return result
  }
}
