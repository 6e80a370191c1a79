import DirectiveKit

extension AppState {
  /// The document the keys of leaving act on: the reader's, the links' or the diagram's, else the
  /// selected row's.
  public var currentDocument: Document? {
    switch page.screen {
    case .reader(let id), .links(let id), .diagram(let id):
      if let document = library.document(id: id) { return document }
    case .library:
      let visible = visibleDocuments
      if visible.indices.contains(page.selection) { return library.documents[visible[page.selection]] }
      return nil
    default:
      break
    }
    let targets = content.targets
    guard targets.indices.contains(page.selection), case .document(let id) = targets[page.selection] else {
      return nil
    }
    return library.document(id: id)
  }

  /// The requests the terminal layer has still to carry out, taken from the state.
  public mutating func takeRequests() -> [Request] {
    defer { requests = [] }
    return requests
  }

  var workbench: Workbench { Workbench(marks: marks, notes: notes) }

  mutating func saveWorkbench() {
    workbenchRevision += 1
    requests.append(.saveWorkbench(workbench))
  }

  /// The actions of leaving the program with one's work (#14).
  mutating func performLeave(_ action: Action) {
    switch action {
    case .export:
      guard let table = exportTable else {
        message = "nothing to export on this screen (library, cited page, matrix, warnings, marks)"
        return
      }
      prompt = Prompt(.export, text: table.defaultFileName)
    case .openInPager, .openInEditor:
      guard let document = currentDocument else {
        message = "no document here to open"
        return
      }
      let program: ExternalProgram = action == .openInPager ? .pager : .editor
      requests.append(
        .run(program, file: builtInCorpus ? nil : document.file, name: document.id, text: document.text))
    case .yankReference:
      guard let document = currentDocument else {
        message = "no document here to copy"
        return
      }
      guard !leavingWaitsForCheck else {
        awaitingCheck.append(.yank(document))
        message = "the reference of \(document.id) is copied once the files are checked"
        return
      }
      requests.append(.copy(Reference.of(document), what: "reference"))
    case .yankPath:
      guard let document = currentDocument else {
        message = "no document here to copy"
        return
      }
      if builtInCorpus {
        message = "\(document.id) is built in: it has no file (v writes it to a temporary one)"
        return
      }
      requests.append(.copy(document.file, what: "path"))
    case .toggleMouse:
      mouseCaptured.toggle()
      requests.append(.mouse(mouseCaptured))
      message =
        mouseCaptured
        ? "mouse on: clicks and the wheel go to vanban (M frees the mouse to select text)"
        : "mouse off: the terminal selects text (M gives the mouse back to vanban)"
    case .toggleMark:
      guard let document = currentDocument else {
        message = "no document here to mark"
        return
      }
      let marking = !marks.contains(document.id)
      if marking {
        marks.append(document.id)
        message = "marked \(document.id) (' lists marks)"
      } else {
        marks.removeAll { $0 == document.id }
        message = "unmarked \(document.id)"
      }
      guard !leavingWaitsForCheck else {
        // Shown at once, saved once the files are checked.
        workbenchRevision += 1
        awaitingCheck.append(.mark(document, marked: marking))
        message? += "; saved once the files are checked"
        return
      }
      saveWorkbench()
    case .showMarks: navigate(to: .marks)
    case .showHistory: navigate(to: .history)
    case .annotate:
      guard let document = currentDocument else {
        message = "no document here to annotate"
        return
      }
      prompt = Prompt(.note(document.id), text: notes[document.id] ?? "")
    default:
      break
    }
  }

  /// A key while a prompt is open: typing, Backspace, Enter to finish, Esc to cancel.
  mutating func handlePrompt(_ key: Key) {
    guard var prompt else { return }
    switch key {
    case .escape:
      self.prompt = nil
      message = "cancelled"
    case .enter:
      self.prompt = nil
      finish(prompt)
    case .backspace:
      if !prompt.text.isEmpty { prompt.text.removeLast() }
      self.prompt = prompt
    case .character(let character):
      guard prompt.text.count < 500 else { return }
      prompt.text.append(character)
      self.prompt = prompt
    default:
      break
    }
  }

  private mutating func finish(_ prompt: Prompt) {
    let text = prompt.text.trimmingCharacters(in: " ")
    switch prompt.purpose {
    case .export:
      guard !text.isEmpty else {
        message = "export cancelled: no file name"
        return
      }
      guard let table = exportTable else { return }
      guard let contents = table.contents(forFile: text) else {
        message = "export: “\(text)” does not end in .csv or .json"
        return
      }
      guard !leavingWaitsForCheck else {
        awaitingCheck.append(.export(path: text, contents: contents, rows: table.rows.count))
        message = "\(text) is written once the files are checked"
        return
      }
      requests.append(.write(path: text, contents: contents, rows: table.rows.count))
    case .note(let id):
      let replaced = notes[id]
      if text.isEmpty {
        guard notes.removeValue(forKey: id) != nil else { return }
        message = "note removed from \(id)"
      } else {
        notes[id] = text
        message = "note kept on \(id)"
      }
      if leavingWaitsForCheck, let document = library.document(id: id) {
        // Shown at once, saved once the files are checked.
        workbenchRevision += 1
        awaitingCheck.append(.note(document, text: text, replaced: replaced))
        message? += "; saved once the files are checked"
        return
      }
      saveWorkbench()
    }
  }

  /// Keeps the page just left and the one shown in the history of this session, newest first,
  /// each screen once.
  mutating func recordVisit() {
    guard page.screen != .history, visited.first?.screen != page.screen else { return }
    visited.removeAll { $0.screen == page.screen }
    visited.insert(page, at: 0)
    if visited.count > 500 { visited.removeLast() }
  }

  /// The note for the status line while the mouse is left to the terminal.
  var mouseNote: [String] { mouseCaptured ? [] : ["mouse off (M)"] }
}
