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
    var byKind: [String: [(Document, String)]] = [:]
    var kinds: [String] = []
    for document in corpus.documents {
      for warning in document.warnings {
        let kind = Self.kind(of: warning)
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
      rows.append(ListRow("\(kind) · \(entries.count)", .accent))
      for (document, warning) in entries {
        rows.append(
          ListRow(
            [
              Segment("  " + DisplayWidth.fit(Format.date(of: document), to: 13)),
              Segment(DisplayWidth.fit(Format.province(of: document), to: 14)),
              Segment(Format.label(of: document) + " "),
              Segment(document.id, .dim),
              Segment("  " + warning, .warning),
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

  /// What a warning is about: its words up to the first name, number, quotation or clause
  /// (`the signer's name is missing`, `the header names`, `undecodable bytes replaced`).
  static func kind(of warning: String) -> String {
    var words: [Substring] = []
    for word in warning.split(separator: " ") {
      guard let first = word.first else { continue }
      if !words.isEmpty, first.isUppercase { break }
      if "“\"(«[".contains(first) || word.contains(where: \.isNumber) { break }
      if let last = word.last, ",:;.".contains(last) {
        words.append(word.dropLast())
        break
      }
      words.append(word)
    }
    return words.isEmpty ? warning : words.joined(separator: " ")
  }
}
