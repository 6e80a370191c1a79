import DirectiveKit

/// Every warning of the corpus (`w`): the files not read, then the documents' warnings grouped by
/// kind, the most frequent kind first. Enter opens the document.
struct WarningsScreen: ScreenView {
  var title: String { "Warnings" }
  var scope: KeyScope? { nil }
  var hints: [Hint] {
    [
      Hint(.open, "open"), Hint(.back, "back"), Hint(.showLibrary, "library"), Hint(.help, "help"),
      Hint(.close, "close"),
    ]
  }

  func content(in state: AppState) -> ScreenContent {
    let corpus = state.library.corpus
    var rows: [ListRow] = []
    if !corpus.loadWarnings.isEmpty {
      rows.append(ListRow("Files not read as documents · \(corpus.loadWarnings.count)", .accent))
      for warning in corpus.loadWarnings {
        rows.append(ListRow([Segment("  " + warning.path), Segment(" — " + warning.reason, .warning)]))
      }
    }
    var byKind: [DocumentWarning.Code: [(Document, DocumentWarning)]] = [:]
    var kinds: [DocumentWarning.Code] = []
    for document in corpus.documents {
      for warning in document.warnings {
        let kind = warning.code
        if byKind[kind] == nil { kinds.append(kind) }
        byKind[kind, default: []].append((document, warning))
      }
    }
    // Most frequent first; ties in the order the corpus first shows them.
    let order = kinds.enumerated().sorted { lhs, rhs in
      (-(byKind[lhs.element]?.count ?? 0), lhs.offset) < (-(byKind[rhs.element]?.count ?? 0), rhs.offset)
    }.map(\.element)
    for kind in order {
      let entries = byKind[kind] ?? []
      rows.append(ListRow("\(kind.title) · \(entries.count)", .accent))
      for (document, warning) in entries {
        rows.append(
          ListRow(
            [
              Segment("  " + DisplayWidth.fit(Format.date(of: document), to: 13)),
              Segment(DisplayWidth.fit(Format.province(of: document), to: 14)),
              Segment(Format.label(of: document) + " "),
              Segment(document.id, .dim),
              Segment("  " + warning.message, .warning),
            ], target: .document(document.id)))
      }
    }
    if rows.isEmpty {
      rows.append(ListRow("No warning: every file was read and nothing in them is in doubt.", .dim))
    }
    let documents = corpus.documents.filter { !$0.warnings.isEmpty }.count
    let status =
      Format.counted(corpus.warningCount, "warning") + " · "
      + Format.counted(documents, "document") + " · " + Format.counted(corpus.loadWarnings.count, "file")
      + " not read"
    return ScreenContent(rows: rows, status: status)
  }
}
