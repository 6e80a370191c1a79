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
    let feed = LoadingFeed()
    CorpusLoading.start(
      into: feed, provisional: { options.provisional() },
      confirm: { provisional, progress, distrusted in
        try options.confirm(provisional, progress: progress, distrusted: distrusted)
      }
    ) { progress in try options.load(progress: progress) }
    let terminal = Terminal(mouse: settings.mouse.value, colours: settings.colours.value)
    // The progress bar until the first documents are parsed, or the corpus comes whole (from its
    // snapshot). A load over within `StreamingPace.firstBatchAfter` is never shown in parts.
    let started = DispatchTime.now()
    var first: [Document] = []
    while !feed.hasOutcome {
      if DispatchTime.now().uptimeNanoseconds >= started.uptimeNanoseconds + StreamingPace.firstBatchAfter {
        first = feed.takeParsed()
        if !first.isEmpty { break }
      }
      terminal.draw(loadingFrame(feed.latestProgress, size: terminal.size))
      // Short, so that the library is drawn as soon as it comes.
      let key = terminal.readKey(timeout: 10)
      if key == .controlC || key == .character("q") || key == .character("Q") {
        terminal.end()
        return
      }
    }
    let size = terminal.size
    var state = AppState(
      library: Library.growing(nil, adding: []), width: size.width, height: size.height)
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
    let events = Mailbox<Event>()
    // Nil once the corpus is in with its graph.
    var streaming: StreamingPace? = StreamingPace(first: first)
    var indexing = false
    // A frame is drawn when something changed: while the corpus loads the loop wakes every few
    // milliseconds, mostly for nothing.
    var changed = true
    // For timing a start (`perf record`, the bench): the program ends once the library is drawn.
    let quitsAfterFirstList = ProcessInfo.processInfo.environment["VANBAN_QUIT_AFTER_FIRST_LIST"] == "1"
    func apply(_ event: Event) {
      let replaced = state.library
      state = update(state, event)
      changed = true
      // A library grown from parsed documents holds its own copy of each (100,000 at the end of a
      // first load), as does a provisional one replaced by a changed corpus: when another
      // replaces it, it is freed on another thread.
      if replaced !== state.library, replaced.isPartial || replaced.isProvisional {
        Thread.detachNewThread { withExtendedLifetime(replaced) {} }
      }
    }
    while !state.shouldQuit {
      switch streaming?.next(feed) ?? StreamingPace.Step.none {
      case .none: break
      case .parsed(let batch, let progress):
        apply(.documentsParsed(batch, filesDone: progress.filesDone, filesTotal: progress.filesTotal))
      case .distrusted(let warning):
        apply(.snapshotDistrusted(warning: warning))
      case .loaded(.success(let library)):
        apply(.libraryLoaded(library))
        // The index reads the documents only, which every library of the linked corpus lists
        // alike; a provisional one's may still change.
        if !indexing, !library.isProvisional {
          indexing = true
          SearchIndexing.start(library, into: events)
        }
        if !library.awaitsGraph {
          streaming = nil
          ResponseBuilding.start(library, into: events)
        }
      case .loaded(.failure(let error)):
        terminal.end()
        Output.error("\(error)")
        throw ExitCode(2)
      }
      for event in events.take() { apply(event) }
      for request in state.takeRequests() {
        if let message = runner.perform(request) { apply(.requestDone(message: message)) }
        changed = true
      }
      if changed {
        terminal.draw(render(state))
        changed = false
        streaming?.drawn()
        feed.drawn()
        if quitsAfterFirstList, !state.library.isPartial, !state.library.documents.isEmpty {
          state.shouldQuit = true
        }
      }
      // While the corpus loads, or the index or the tables are being built, wake up to take them
      // even when no key comes.
      let timeout = streaming?.wait ?? (state.searchIndex == nil || state.derived.tables == nil ? 100 : -1)
      guard let key = terminal.readKey(timeout: timeout) else { continue }
      if case .resize(let width, let height) = key {
        apply(Event.resize(width: width, height: height))
      } else {
        apply(.key(key))
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

/// When the main loop takes parsed documents into the library: at most every 100 ms, and never
/// sooner than ten times what merging and drawing the last batch took, so that the merge (linear
/// in the documents listed) keeps the main thread busy a tenth of the time at most, leaving the
/// cores to the parse, and keys are read between batches. The linked corpus is taken as soon as
/// it is there.
struct StreamingPace {
  enum Step {
    case none
    case parsed([Document], LoadProgress)
    case loaded(Result<Library, Error>)
    /// The provisional library shown is withdrawn, with the one-line warning why.
    case distrusted(String)
  }

  /// How long a load may take before its first documents are shown: a small corpus (or a warm
  /// one) comes whole before, as it did before streaming.
  static let firstBatchAfter: UInt64 = 150_000_000

  private var pending: [Document]
  private var lastTaken = DispatchTime.now()
  private var interval: UInt64 = 0
  private var mergeStarted: DispatchTime?
  /// Documents taken into the library so far, and the files done at the last step.
  private var listed = 0
  private var lastReported = 0

  /// From the first documents parsed; none when the corpus came whole (from its snapshot).
  init(first: [Document]) {
    self.pending = first
  }

  mutating func next(_ feed: LoadingFeed) -> Step {
    if let warning = feed.takeDistrust() { return .distrusted(warning) }
    if let error = feed.error { return .loaded(.failure(error)) }
    if let library = feed.takeLibrary() { return .loaded(.success(library)) }
    let now = DispatchTime.now()
    guard now.uptimeNanoseconds >= lastTaken.uptimeNanoseconds + interval else { return .none }
    pending += feed.takeParsed()
    guard let progress = feed.latestProgress, !pending.isEmpty || progress.filesDone != lastReported else {
      return .none
    }
    lastTaken = now
    lastReported = progress.filesDone
    // A merge copies the whole list: it waits until the batch adds a tenth to it, so that all the
    // merges of a load together copy about ten times its documents. Meanwhile only the count moves.
    guard pending.count * 10 >= listed || progress.filesDone >= progress.filesTotal else {
      return .parsed([], progress)
    }
    let batch = pending
    pending = []
    listed += batch.count
    mergeStarted = now
    return .parsed(batch, progress)
  }

  /// After the frame that shows a batch: what it cost sets the pace.
  mutating func drawn() {
    guard let started = mergeStarted else { return }
    mergeStarted = nil
    let cost = DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds
    interval = max(100_000_000, 10 * cost)
  }

  /// Milliseconds until the next batch is due.
  var wait: Int32 {
    let due = lastTaken.uptimeNanoseconds + interval
    let now = DispatchTime.now().uptimeNanoseconds
    return Int32(max(10, min(100, due > now ? (due - now) / 1_000_000 : 0)))
  }
}

extension CorpusOptions {
  /// The corpus its snapshot last stored, before the files are checked (`ProvisionalCorpus`);
  /// nil with `--no-cache`, for the built-in corpus, or when the snapshot cannot give it whole.
  func provisional() -> ProvisionalCorpus? {
    guard !source.noCache, let store = SnapshotStore.standard() else { return nil }
    let settings = settings()
    return ProvisionalCorpus(paths: settings.corpus.map(\.value), glob: settings.glob.value, store: store)
  }

  /// The corpus `load(progress:)` gives, from a provisional one: `distrusted` hears at once when
  /// its snapshot turns out corrupt.
  func confirm(
    _ provisional: ProvisionalCorpus, progress: @escaping @Sendable (LoadProgress) -> Void,
    distrusted: (String) -> Void
  ) throws -> Corpus {
    let corpus: Corpus
    do {
      corpus = try provisional.confirmed(
        progress: progress, notice: { DeferredWarnings.add($0) }, distrusted: distrusted)
    } catch let error as CorpusError {
      throw UsageFailure(message: error.message)
    }
    if corpus.documents.isEmpty, corpus.loadWarnings.isEmpty {
      let settings = settings()
      throw UsageFailure(message: Self.nothingToRead(settings.corpus.map(\.value), glob: settings.glob.value))
    }
    KeptCorpus.keep(corpus)
    return corpus
  }
}
