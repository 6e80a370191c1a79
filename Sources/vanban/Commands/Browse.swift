import ArgumentParser
import DirectiveKit
import Foundation
import VanbanConfig
import VanbanUI

struct Browse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse", abstract: "Open the terminal browser (the default).")

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var display: DisplayOptions

  func run() throws {
    let settings = corpus.settings(display)
    if isatty(STDOUT_FILENO) == 0 {
      let loaded = try corpus.load()
      let shown = try corpus.selected(loaded)
      Output.line(LibraryTable.render(shown))
      Output.line(LibraryTable.summary(loaded, shown: shown.count))
      return
    }
    try corpus.checkPaths(settings)
    if let problem = Terminal.problem() {
      FileHandle.standardError.write(Data((problem + "\n").utf8))
      throw ExitCode(2)
    }
    let options = corpus
    let loadingMessages = Mailbox<LoadingMessage>()
    CorpusLoading.start(into: loadingMessages) { progress in try options.load(progress: progress) }
    let terminal = Terminal(mouse: settings.mouse.value, colours: settings.colours.value)
    var progress: LoadProgress?
    var outcome: Result<Corpus, Error>?
    while outcome == nil {
      for message in loadingMessages.take() {
        switch message {
        case .progress(let latest): progress = latest
        case .finished(let result): outcome = result
        }
      }
      if outcome != nil { break }
      terminal.draw(loadingFrame(progress, size: terminal.size))
      let key = terminal.readKey(timeout: 100)
      if key == .controlC || key == .character("q") || key == .character("Q") {
        terminal.end()
        return
      }
    }
    guard case .success(let loaded) = outcome else {
      terminal.end()
      if case .failure(let error) = outcome { Output.error("\(error)") }
      throw ExitCode(2)
    }
    let size = terminal.size
    let library = Library(corpus: loaded)
    let events = Mailbox<Event>()
    SearchIndexing.start(library, into: events)
    ResponseBuilding.start(library, into: events)
    var state = AppState(library: library, width: size.width, height: size.height)
    // Charts and sparklines are drawn in ASCII where the locale cannot show block characters.
    state.asciiOnly = terminal.asciiOnly
    // Marks and notes (#14), kept per corpus; a file that cannot be read is a one-line warning.
    let inputs = settings.corpus.map { RequestRunner.absolute($0.value) }
    let runner = RequestRunner(
      terminal: terminal, inputs: inputs, storePath: WorkbenchStore.path(for: inputs))
    let (stored, storeWarning) = WorkbenchStore.load(runner.storePath)
    state.marks = stored.marks
    state.notes = stored.notes
    state.builtInCorpus = inputs.isEmpty
    state.mouseCaptured = settings.mouse.value
    if let storeWarning { state = update(state, .requestDone(message: storeWarning)) }
    while !state.shouldQuit {
      for event in events.take() { state = update(state, event) }
      for request in state.takeRequests() {
        if let message = runner.perform(request) { state = update(state, .requestDone(message: message)) }
      }
      terminal.draw(render(state))
      // While the index is being built, wake up to take it even when no key comes.
      guard let key = terminal.readKey(timeout: state.searchIndex == nil ? 100 : -1) else { continue }
      if case .resize(let width, let height) = key {
        state = update(state, Event.resize(width: width, height: height))
      } else {
        state = update(state, .key(key))
      }
    }
    terminal.end()
  }

  private func loadingFrame(_ progress: LoadProgress?, size: (width: Int, height: Int)) -> Grid {
    var grid = Grid(width: size.width, height: size.height)
    let counted =
      progress.map { "\($0.filesDone) of \($0.filesTotal) files, \($0.bytesDone / 1024) KB" }
      ?? "finding files"
    grid.put(DisplayWidth.truncate("vanban · loading the corpus: \(counted)", to: size.width), x: 0, y: 0)
    if let progress, progress.filesTotal > 0, size.width > 4 {
      let bar = (size.width - 2) * progress.filesDone / progress.filesTotal
      grid.put(String(repeating: "█", count: bar), x: 0, y: 1, style: .accent)
    }
    return grid
  }
}
