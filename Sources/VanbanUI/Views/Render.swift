import DirectiveKit

/// Draws the state into a grid of its size.
public func render(_ state: AppState) -> Grid {
  var grid = Grid(width: state.width, height: state.height)
  if state.isTooSmall {
    let message =
      "Too small: \(state.width)×\(state.height), need \(AppState.minimumWidth)×\(AppState.minimumHeight)"
    grid.put(DisplayWidth.truncate(message, to: state.width), x: 0, y: 0)
    return grid
  }
  drawHeader(state, into: &grid)
  switch state.page.screen {
  case .library: LibraryView.draw(state, into: &grid)
  case .reader(let id): ReaderView.draw(state, id: id, into: &grid)
  default: ListView.draw(state, into: &grid)
  }
  if state.picker != nil { PickerView.draw(state, into: &grid) }
  return grid
}

private func drawHeader(_ state: AppState, into grid: inout Grid) {
  grid.clear(row: 0, style: .footer)
  var parts = ["vanban", state.page.screen.title]
  switch state.page.screen {
  case .reader(let id), .diagram(let id): parts.append(id)
  default: break
  }
  if !state.provinceFilter.isEmpty {
    parts.append("province: " + state.provinceFilter.map(\.label).joined(separator: ", "))
  }
  if !state.query.isEmpty { parts.append("search: “\(state.query)”") }
  if state.page.screen == .library { parts.append("sorted by \(state.sort.rawValue)") }
  grid.put(DisplayWidth.truncate(parts.joined(separator: " · "), to: grid.width), x: 0, y: 0, style: .footer)
}

/// The two bottom lines: a status line and key hints (or the prompt being typed).
func drawFooter(status: String, hints: String, state: AppState, into grid: inout Grid) {
  let statusRow = grid.height - 2
  let hintRow = grid.height - 1
  grid.clear(row: statusRow, style: .footer)
  let line = state.message.map { status.isEmpty ? $0 : status + " · " + $0 } ?? status
  grid.put(DisplayWidth.truncate(line, to: grid.width), x: 0, y: statusRow, style: .footer)
  grid.clear(row: hintRow)
  if let draft = state.searchDraft {
    let end = grid.put("Search: ", x: 0, y: hintRow, style: .accent)
    let after = grid.put(draft, x: end, y: hintRow)
    grid.put("▏ (Enter keep · Esc cancel)", x: after, y: hintRow, style: .dim)
  } else if let find = state.find, find.editing {
    let end = grid.put("Find: ", x: 0, y: hintRow, style: .accent)
    let after = grid.put(find.query, x: end, y: hintRow)
    grid.put("▏ (Enter find · Esc cancel)", x: after, y: hintRow, style: .dim)
  } else {
    grid.put(DisplayWidth.truncate(hints, to: grid.width), x: 0, y: hintRow, style: .dim)
  }
}

enum LibraryView {
  static func draw(_ state: AppState, into grid: inout Grid) {
    let library = state.library
    let documents = library.documents
    let visible = state.visibleDocuments
    let provinceWidth = min(
      16, max(8, documents.map { DisplayWidth.width(of: Format.province(of: $0)) }.max() ?? 8))
    let numberWidth = min(14, max(6, documents.map { DisplayWidth.width(of: $0.number ?? "-") }.max() ?? 6))
    let typeWidth = min(12, max(4, documents.map { DisplayWidth.width(of: $0.type ?? "?") }.max() ?? 4))
    let columns = [12, provinceWidth, numberWidth, typeWidth]
    func line(_ values: [String], subject: String) -> String {
      var text = "  "
      for (value, width) in zip(values, columns) { text += DisplayWidth.fit(value, to: width) + " " }
      let rest = grid.width - DisplayWidth.width(of: text)
      return text + DisplayWidth.truncate(subject, to: rest)
    }
    grid.put(line(["Date", "Province", "Number", "Type"], subject: "Subject"), x: 0, y: 1, style: .accent)
    let height = state.listHeight
    if visible.isEmpty {
      grid.put("  No document matches.", x: 0, y: 2, style: .dim)
    }
    for row in 0..<height {
      let index = state.page.scroll + row
      guard visible.indices.contains(index) else { break }
      let document = documents[visible[index]]
      let text = line(
        [
          Format.date(of: document), Format.province(of: document), document.number ?? "-",
          document.type ?? "?",
        ],
        subject: (library.signals.isFlagged(document.id) ? "⚠ " : "")
          + (document.subject ?? "(no subject) \(document.id)"))
      let selected = index == state.page.selection
      grid.put(text, x: 0, y: 2 + row, style: selected ? .selected : .plain)
      if selected {
        grid.paint(row: 2 + row, style: .selected)
        grid.put("▸", x: 0, y: 2 + row, style: .selected)
      }
    }
    let warnings = library.corpus.warningCount
    let status =
      "\(visible.count) of \(documents.count) documents · \(warnings) warning\(warnings == 1 ? "" : "s")"
    drawFooter(
      status: status,
      hints: "Enter open  / search  p province  c clear  s sort  2 graph  ? help  q quit",
      state: state, into: &grid)
  }
}

enum ReaderView {
  static func draw(_ state: AppState, id: String, into grid: inout Grid) {
    guard let document = state.library.document(id: id) else {
      grid.put("No document \(id).", x: 0, y: 1, style: .dim)
      drawFooter(status: "", hints: "q back", state: state, into: &grid)
      return
    }
    let layout = ReaderLayout(document: document, library: state.library, width: grid.width)
    var highlighted: [Range<Int>] = []
    if let find = state.find, !find.editing { highlighted = findMatches(of: find.query, in: layout.scalars) }
    let selectedLink = state.page.selection
    for row in 0..<state.bodyHeight {
      let index = state.page.scroll + row
      guard layout.lines.indices.contains(index) else { break }
      let line = layout.lines[index]
      var x = line.indent
      for atom in line.atoms {
        var style = atom.style
        if let link = atom.link, link == selectedLink { style = .selectedLink }
        if let offset = atom.offset, highlighted.contains(where: { $0.contains(offset) }) { style = .match }
        x = grid.put(scalar: atom.scalar, x: x, y: 1 + row, style: style)
      }
    }
    var status: String
    if layout.links.indices.contains(selectedLink) {
      status = "→ " + layout.links[selectedLink].description
    } else {
      status = "no links"
    }
    if !layout.lines.isEmpty {
      let last = min(layout.lines.count, state.page.scroll + state.bodyHeight)
      status = "\(last * 100 / layout.lines.count)% · " + status
    }
    drawFooter(
      status: status,
      hints: "Tab next link  Enter follow  L links  "
        + KeyTable.hint(.showDiagram, "diagram", on: state.page.screen)
        + "  / find  n N next  ← back  q close  ? help",
      state: state, into: &grid)
  }
}

enum ListView {
  static func draw(_ state: AppState, into grid: inout Grid) {
    let rows = ScreenRows.rows(for: state.page.screen, in: state)
    var selectableIndex = 0
    var selectedRow: Int?
    for (index, row) in rows.enumerated() where row.isSelectable {
      if selectableIndex == state.page.selection { selectedRow = index }
      selectableIndex += 1
    }
    for screenRow in 0..<state.listHeight {
      let index = state.page.scroll + screenRow
      guard rows.indices.contains(index) else { break }
      let y = 1 + screenRow
      let selected = index == selectedRow
      var x = 2
      for segment in rows[index].segments {
        x = grid.put(segment.text, x: x, y: y, style: selected ? .selected : segment.style)
      }
      if x > grid.width, let last = (0..<grid.width).last {
        grid.put("…", x: last, y: y, style: selected ? .selected : .dim)
      }
      if selected {
        grid.paint(row: y, style: .selected)
        grid.put("▸", x: 0, y: y, style: .selected)
      }
    }
    let status: String
    let hints: String
    switch state.page.screen {
    case .graph:
      status =
        state.showMatrix ? "matrix: provinces × central documents (lag in days)" : "outline: most cited first"
      hints = "Enter open  m matrix/outline  p province  c clear  1 library  ? help  q close"
    case .provinces:
      status =
        "\(state.library.provinces.count) provinces"
        + (state.groupBy2025 ? " · grouped by 2025 province" : "")
      hints = "Enter filter the library  t group by 2025  1 library  2 graph  ? help  q close"
    case .cited:
      status = "a document outside the corpus, and who cites it"
      hints = KeyTable.hints(
        [
          (.open, "open"), (.showDiagram, "diagram"), (.back, "back"), (.showLibrary, "library"),
          (.showGraph, "graph"), (.help, "help"), (.close, "close"),
        ], on: state.page.screen)
    case .diagram:
      status = DiagramRows.status(state)
      hints = KeyTable.hints(
        [
          (.open, "open"), (.showDiagram, "its diagram"), (.back, "back"), (.provincePicker, "province"),
          (.help, "help"), (.close, "close"),
        ], on: state.page.screen)
    case .links:
      status = "\(rows.filter(\.isSelectable).count) links"
      hints = "Enter follow  ← back  q close"
    default:
      status = "every key, from the table the key handling reads"
      hints = "q close"
    }
    drawFooter(status: status, hints: hints, state: state, into: &grid)
  }
}

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
