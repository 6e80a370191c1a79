import DirectiveKit
import Foundation
import VanbanUI

/// Work on other threads tells the main loop what it did by posting here; the main loop takes
/// what was posted between two keys. Nothing it draws waits on this lock.
final class Mailbox<Message: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [Message] = []

  func post(_ message: Message) { lock.withLock { messages.append(message) } }

  /// Everything posted since the last call, oldest first.
  func take() -> [Message] {
    lock.withLock {
      defer { messages = [] }
      return messages
    }
  }
}

/// What a load on another thread has done since the main loop last looked: the documents parsed
/// (not linked), how far it is, then the libraries of the linked corpus, each with more of its
/// tables than the last (`Library.listing`, `listed`, `init(linking:)`), or the error.
/// Workers add to it as each chunk of files is parsed; the main loop takes it all at once, as
/// often as it chooses, so that a batch is merged into the list however many chunks it holds.
final class LoadingFeed: @unchecked Sendable {
  /// Guards everything below; `awaitDrawn` waits on it.
  private let lock = NSCondition()
  private var parsed: [Document] = []
  private var progress: LoadProgress?
  /// The latest library published and not yet taken: a later one makes an earlier one needless.
  private var library: Library?
  private var failure: Error?
  /// The one-line warning that the provisional library shown is not to be trusted.
  private var distrust: String?

  private var everParsed = false
  /// Libraries published, taken by the main loop (a library replaced before it was taken
  /// counts as taken with the one replacing it), and drawn.
  private var librariesPublished = 0
  private var librariesTaken = 0
  private var librariesDrawn = 0

  func report(_ update: LoadProgress) {
    var latest = update
    latest.parsed = []
    lock.withLock {
      everParsed = everParsed || !update.parsed.isEmpty
      parsed.append(contentsOf: update.parsed)
      // Chunks report from several threads: the count only goes up.
      if latest.filesDone >= progress?.filesDone ?? 0 { progress = latest }
    }
  }

  func publish(_ library: Library) {
    lock.withLock {
      librariesPublished += 1
      self.library = library
    }
  }

  func fail(_ error: Error) { lock.withLock { failure = error } }

  /// The provisional library shown is not to be trusted: the main loop withdraws it.
  func distrustProvisional(_ warning: String) {
    lock.withLock {
      library = nil
      librariesTaken = librariesPublished
      distrust = warning
    }
  }

  /// The warning withdrawing the provisional library, once.
  func takeDistrust() -> String? {
    lock.withLock {
      defer { distrust = nil }
      return distrust
    }
  }

  /// Called by the main loop after each frame it draws: the libraries taken by then are on screen.
  func drawn() {
    lock.withLock {
      guard librariesTaken > librariesDrawn else { return }
      librariesDrawn = librariesTaken
      lock.broadcast()
    }
  }

  /// Waits until the main loop has drawn every library published (or `limit` has passed), so
  /// that work for later screens does not take the cores from the first frame.
  func awaitDrawn(limit: TimeInterval = 2) {
    let deadline = Date(timeIntervalSinceNow: limit)
    lock.withLock {
      while librariesDrawn < librariesPublished, lock.wait(until: deadline) {}
    }
  }

  /// Whether any parsed document has been reported.
  var hasParsed: Bool { lock.withLock { everParsed } }

  /// How far the load is, without taking anything.
  var latestProgress: LoadProgress? { lock.withLock { progress } }

  /// Whether a library or the error waits to be taken.
  var hasOutcome: Bool { lock.withLock { library != nil || failure != nil } }

  /// The error that ended the load, nil while it goes on or once it succeeded.
  var error: Error? { lock.withLock { failure } }

  /// The latest library published since the last call, nil when none is.
  func takeLibrary() -> Library? {
    lock.withLock {
      defer { library = nil }
      if library != nil { librariesTaken = librariesPublished }
      return library
    }
  }

  /// The documents parsed since the last call, oldest chunk first.
  func takeParsed() -> [Document] {
    lock.withLock {
      defer { parsed = [] }
      return parsed
    }
  }
}

/// Loads a corpus on another thread, feeding what it parses and how far it got to the main loop,
/// so that the interface can draw its first frame at once and list documents as they come,
/// however large the corpus. The libraries of the linked corpus are built on that thread too, in
/// steps: a corpus that came whole from its snapshot is listed at once (`Library.listing`, a few
/// milliseconds), then with the tables of every document (`listed`), then with its graph, which
/// another thread builds meanwhile. On a warm start the first listing is the snapshot's corpus as
/// last stored (`ProvisionalCorpus`): only once it is drawn are the snapshot's checksum verified
/// and the files checked, and only then does the work for later screens start.
enum CorpusLoading {
  /// `provisional` gives the corpus its snapshot last stored, shown at once and confirmed (or
  /// corrected) by `confirm` after the first frame; when it gives none, `load` loads the corpus.
  static func start(
    into feed: LoadingFeed,
    provisional: @escaping @Sendable () -> ProvisionalCorpus? = { nil },
    confirm:
      @escaping @Sendable (
        ProvisionalCorpus, @escaping @Sendable (LoadProgress) -> Void, @escaping (String) -> Void
      ) throws -> Corpus = { provisional, _, _ in provisional.corpus },
    _ load: @escaping @Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Corpus
  ) {
    let thread = Thread {
      do {
        let report: @Sendable (LoadProgress) -> Void = { progress in feed.report(progress) }
        let corpus: Corpus
        let shown = provisional()
        if let shown {
          feed.publish(Library.listing(shown.corpus, provisional: true))
          // The checksum reads every byte of the snapshot and the walk stats every file: not
          // before the first frame is on screen.
          feed.awaitDrawn()
          holdCheckForTests()
          corpus = try confirm(shown, report) { warning in feed.distrustProvisional(warning) }
        } else {
          corpus = try load(report)
        }
        // Parsed documents are on screen already when the load streamed: they stay until the
        // listed library can replace them with its search and widths whole. A provisional
        // listing is replaced at once.
        if !feed.hasParsed || shown != nil {
          feed.publish(Library.listing(corpus))
          feed.awaitDrawn()
        }
        // The graph on a thread of its own, while this one reads every document's tables; the
        // linked library then waits for it.
        let graphBuilding = Thread { _ = corpus.graph }
        graphBuilding.stackSize = 8 << 20
        graphBuilding.start()
        let listed = Library.listed(corpus)
        feed.publish(listed)
        listed.prepareMetadataIndex()
        feed.publish(Library(linking: listed, withResponses: true))
      } catch {
        feed.fail(error)
      }
    }
    thread.stackSize = 8 << 20
    thread.start()
  }
}

/// For the tests of what waits for a warm start's check of the files: while the file that
/// `VANBAN_HOLD_CHECK_WHILE` names exists, the check does not start, however small the corpus.
private func holdCheckForTests() {
  guard let path = ProcessInfo.processInfo.environment["VANBAN_HOLD_CHECK_WHILE"], !path.isEmpty else {
    return
  }
  while access(path, F_OK) == 0 { usleep(20_000) }
}

/// Builds the search index on another thread and posts `Event.indexReady` when it is done.
enum SearchIndexing {
  static func start(_ library: Library, into mailbox: Mailbox<Event>) {
    Thread.detachNewThread { mailbox.post(.indexReady(library.makeSearchIndex())) }
  }
}

/// Builds the unfiltered response trees on another thread and posts `Event.responsesReady` (unless
/// the library came with them), then the per-corpus tables made from them (`Event.tablesReady`).
enum ResponseBuilding {
  static func start(_ library: Library, into mailbox: Mailbox<Event>) {
    Thread.detachNewThread {
      let responses = library.unfilteredResponses ?? library.responses()
      if library.unfilteredResponses == nil { mailbox.post(.responsesReady(responses)) }
      mailbox.post(.tablesReady(CorpusTables(library: library, responses: responses)))
    }
  }
}
