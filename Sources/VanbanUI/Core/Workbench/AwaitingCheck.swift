import DirectiveKit

/// Work a key asked for on a warm start's provisional list (`Library.isProvisional`) that needs
/// the list confirmed: an id may still change, or a document turn out changed or removed, once
/// every file is checked. What the screen can show is shown at once (a mark, a note); what leaves
/// the program (marks and notes saved, a reference copied, an export written) waits here, and is
/// done when the confirmed library comes, or said to be undone when its document changed.
public enum AwaitedAction: Sendable {
  /// A mark set (`marked`) or removed on the document, as it was listed.
  case mark(Document, marked: Bool)
  /// A note written on the document (empty: removed), with the note it replaced.
  case note(Document, text: String, replaced: String?)
  /// The document's reference, to be copied.
  case yank(Document)
  /// An export of the screen shown, made from the provisional list.
  case export(path: String, contents: String, rows: Int)

  /// A word for the status line: what waits.
  var word: String {
    switch self {
    case .mark: return "mark"
    case .note: return "note"
    case .yank: return "copy"
    case .export: return "export"
    }
  }
}

extension AppState {
  /// Whether the keys of leaving wait for the check of the files rather than act now.
  var leavingWaitsForCheck: Bool { library.isProvisional }

  /// The status line's word on what waits: `2 waiting (mark, export)`.
  var awaitingNote: String? {
    guard !awaitingCheck.isEmpty else { return nil }
    var words: [String] = []
    for action in awaitingCheck where !words.contains(action.word) { words.append(action.word) }
    return "\(awaitingCheck.count) waiting (\(words.joined(separator: ", ")))"
  }

  /// Once the library is confirmed (`previous` the one it replaced): every action that waited is
  /// done, in order, on the confirmed documents, unless its document changed or went, which the
  /// status line says in one line (its mark or note taken back). An export waits for the very
  /// list it was made from.
  mutating func resolveAwaited(previous: Library) {
    guard !awaitingCheck.isEmpty, !library.isPartial, !library.isProvisional else { return }
    let actions = awaitingCheck
    awaitingCheck = []
    quitWarned = false
    let unchanged = Library.sameDocuments(previous, library)
    var confirmedByFile: [String: Int] = [:]
    if !unchanged {
      library.documents.withUnsafeBufferPointer { documents in
        for position in documents.indices where confirmedByFile[documents[position].file] == nil {
          confirmedByFile[documents[position].file] = position
        }
      }
    }
    /// The confirmed document, or why the action is not done.
    func confirmed(_ listed: Document) -> Result<Document, AwaitedFailure> {
      if unchanged, let document = library.document(id: listed.id) { return .success(document) }
      guard let position = confirmedByFile[listed.file] else { return .failure(.removed(listed.id)) }
      let document = library.documents[position]
      return Self.sameAsListed(listed, document) ? .success(document) : .failure(.changed(listed.id))
    }
    var said: [String] = []
    var saves = false
    var undone: [AwaitedAction] = []
    for action in actions {
      switch action {
      case .mark(let listed, let marked):
        switch confirmed(listed) {
        case .success:
          saves = true
          said.append("\(marked ? "marked" : "unmarked") \(listed.id)")
        case .failure(let failure):
          undone.append(action)
          said.append("\(marked ? "not marked" : "not unmarked"): \(failure)")
        }
      case .note(let listed, let text, _):
        switch confirmed(listed) {
        case .success:
          saves = true
          said.append("note \(text.isEmpty ? "removed from" : "kept on") \(listed.id)")
        case .failure(let failure):
          undone.append(action)
          said.append("\(text.isEmpty ? "note not removed" : "note not kept"): \(failure)")
        }
      case .yank(let listed):
        switch confirmed(listed) {
        case .success(let document): requests.append(.copy(Reference.of(document), what: "reference"))
        case .failure(let failure): said.append("reference not copied: \(failure)")
        }
      case .export(let path, let contents, let rows):
        if unchanged {
          requests.append(.write(path: path, contents: contents, rows: rows))
        } else {
          said.append(
            "\(path) not written: the list changed when the files were checked (e exports it again)")
        }
      }
    }
    // Taken back newest first, so that a mark set and removed again ends as it began.
    for action in undone.reversed() {
      switch action {
      case .mark(let listed, let marked):
        if marked {
          marks.removeAll { $0 == listed.id }
        } else if !marks.contains(listed.id) {
          marks.append(listed.id)
        }
      case .note(let listed, _, let replaced): notes[listed.id] = replaced
      case .yank, .export: break
      }
    }
    if saves {
      // Before the copies and exports: their lines, said after, stay on the status line.
      requests.insert(.saveWorkbench(workbench), at: 0)
    }
    if saves || !undone.isEmpty { workbenchRevision += 1 }
    if !said.isEmpty { message = "files checked: " + said.joined(separator: "; ") }
  }

  /// Whether the confirmed document is the one the key was pressed on: the same file under the
  /// same id, with the same listed fields and text.
  static func sameAsListed(_ listed: Document, _ confirmed: Document) -> Bool {
    listed.id == confirmed.id && listed.file == confirmed.file
      && Reference.of(listed) == Reference.of(confirmed) && listed.subject == confirmed.subject
      && listed.province == confirmed.province && Format.date(of: listed) == Format.date(of: confirmed)
      && listed.hasTextOf(confirmed)
  }
}

/// Why an action that waited for the check is not done.
enum AwaitedFailure: Error, CustomStringConvertible {
  case changed(String)
  case removed(String)

  var description: String {
    switch self {
    case .changed(let id): return "\(id) changed when the files were checked"
    case .removed(let id): return "\(id) was removed when the files were checked"
    }
  }
}
