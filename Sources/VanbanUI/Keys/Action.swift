/// What a key asks for, once the screen it was pressed on is known.
public enum Action: Hashable, Sendable {
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  case open, nextLink, previousLink
  case back, forward
  case search, find, findNext, findPrevious
  case provincePicker, clearFilters
  case showLibrary, showGraph, showProvinces, showWarnings, help, listLinks, showDiagram
  case cycleSort, toggleGrouping, toggleMatrix, columnsLeft, columnsRight
  case close, quit
  // MARK: filters, search, places and glance (#14)
  case selectChip, removeChip, reverseSort
  // MARK: leave (#14): export, pager and editor, yank, mouse, marks, history, notes
  case export, openInPager, openInEditor, yankReference, yankPath, toggleMouse
  case toggleMark, showMarks, showHistory, annotate
}
