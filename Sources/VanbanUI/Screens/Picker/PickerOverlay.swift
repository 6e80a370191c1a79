/// The province picker (`p`), drawn over any screen: old provinces, then 2025 ones, narrowed as
/// the user types.
enum PickerView {
  static func draw(_ state: AppState, into grid: inout Grid) {
    guard let picker = state.picker else { return }
    let entries = state.pickerEntries
    let width = min(48, grid.width - 4)
    let height = min(grid.height - 4, max(4, state.pickerEntries.count + 4))
    let left = (grid.width - width) / 2
    let top = 2
    for y in top..<(top + height) {
      grid.put(String(repeating: " ", count: width), x: left, y: y, style: .plain)
      grid.put("│", x: left, y: y, style: .dim)
      grid.put("│", x: left + width - 1, y: y, style: .dim)
    }
    let border = String(repeating: "─", count: width - 2)
    grid.put("┌" + border + "┐", x: left, y: top, style: .dim)
    grid.put("└" + border + "┘", x: left, y: top + height - 1, style: .dim)
    grid.put(" Province: ", x: left + 1, y: top, style: .accent)
    let after = grid.put(picker.query, x: left + 12, y: top, limit: width - 16)
    grid.put("▏", x: after, y: top, style: .dim)
    // Lines: group headings with their entries.
    var lines: [(text: String, entry: Int?)] = []
    var lastGroup: Bool?
    for (index, entry) in entries.enumerated() {
      if lastGroup != entry.is2025 {
        lines.append((entry.is2025 ? "Since the 2025 merger" : "Before the 2025 merger", nil))
        lastGroup = entry.is2025
      }
      lines.append(("  " + entry.name, index))
    }
    if lines.isEmpty { lines.append(("  no province matches", nil)) }
    let room = height - 2
    let selectedLine = lines.firstIndex { $0.entry == picker.selection } ?? 0
    let first = max(0, min(selectedLine - room / 2, lines.count - room))
    for (row, line) in lines.dropFirst(first).prefix(room).enumerated() {
      let y = top + 1 + row
      let selected = line.entry == picker.selection && line.entry != nil
      let style: Style = line.entry == nil ? .accent : (selected ? .selected : .plain)
      grid.put(
        DisplayWidth.fit((selected ? "▸" : " ") + line.text, to: width - 2), x: left + 1, y: y, style: style)
    }
  }
}
