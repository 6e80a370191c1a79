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
  private let lock = NSLock()
  private var parsed: [Document] = []
  private var progress: LoadProgress?
  /// The latest library published and not yet taken: a later one makes an earlier one needless.
  private var library: Library?
  private var failure: Error?

  private var everParsed = false

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

  func publish(_ library: Library) { lock.withLock { self.library = library } }

  func fail(_ error: Error) { lock.withLock { failure = error } }

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
/// another thread builds meanwhile.
enum CorpusLoading {
  static func start(
    into feed: LoadingFeed,
    _ load: @escaping @Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Corpus
  ) {
    let thread = Thread {
      do {
        let corpus = try load { progress in feed.report(progress) }
        // Parsed documents are on screen already when the load streamed: they stay until the
        // listed library can replace them with its search and widths whole.
        if !feed.hasParsed { feed.publish(Library.listing(corpus)) }
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
