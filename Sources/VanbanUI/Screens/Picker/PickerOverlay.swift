/// The province picker (`p`), drawn over any screen: old provinces, then 2025 ones, then
/// “Province unknown”, narrowed as the user types; a province the corpus does not hold is dimmed
/// with its count of 0; a name matching nothing gets the nearest one (“did you mean”).
enum PickerView {
  static func draw(_ state: AppState, into grid: inout Grid) {
    guard let picker = state.picker else { return }
    let entries = state.pickerEntries
    let width = min(48, grid.width - 4)
    let height = min(grid.height - 4, max(4, entries.count + 6))
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
    var lines: [(text: String, entry: Int?, style: Style)] = []
    var lastGroup: Int?
    let headings = ["Before the 2025 merger", "Since the 2025 merger", "Not read"]
    for (index, entry) in entries.enumerated() {
      if lastGroup != entry.group {
        lines.append((headings[entry.group], nil, .accent))
        lastGroup = entry.group
      }
      let count = String(entry.documents)
      let name = DisplayWidth.fit("  " + entry.name, to: width - 4 - count.count)
      lines.append((name + count, index, entry.inCorpus ? .plain : .dim))
    }
    if lines.isEmpty {
      lines.append(("  no province matches", nil, .dim))
      if let suggestion = state.pickerSuggestion {
        lines.append(("  did you mean “\(suggestion)”?", nil, .accent))
      }
    }
    let room = height - 2
    let selectedLine = lines.firstIndex { $0.entry == picker.selection } ?? 0
    let first = max(0, min(selectedLine - room / 2, lines.count - room))
    for (row, line) in lines.dropFirst(first).prefix(room).enumerated() {
      let y = top + 1 + row
      let selected = line.entry == picker.selection && line.entry != nil
      grid.put(
        DisplayWidth.fit((selected ? "▸" : " ") + line.text, to: width - 2), x: left + 1, y: y,
        style: selected ? .selected : line.style)
    }
  }
}
