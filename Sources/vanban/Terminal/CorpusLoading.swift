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
/// (not linked), how far it is, and at the end the library of the linked corpus or the error.
/// Workers add to it as each chunk of files is parsed; the main loop takes it all at once, as
/// often as it chooses, so that a batch is merged into the list however many chunks it holds.
final class LoadingFeed: @unchecked Sendable {
  private let lock = NSLock()
  private var parsed: [Document] = []
  private var progress: LoadProgress?
  private var outcome: Result<Library, Error>?

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

  func finish(_ result: Result<Library, Error>) { lock.withLock { outcome = result } }

  /// Whether any parsed document has been reported.
  var hasParsed: Bool { lock.withLock { everParsed } }

  /// How far the load is, without taking anything.
  var latestProgress: LoadProgress? { lock.withLock { progress } }

  /// The linked corpus's library (or the error) once the load is over, nil before.
  func takeOutcome() -> Result<Library, Error>? { lock.withLock { outcome } }

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
/// however large the corpus. The library of the linked corpus is built on that thread too.
enum CorpusLoading {
  static func start(
    into feed: LoadingFeed,
    _ load: @escaping @Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Corpus
  ) {
    let thread = Thread {
      let result = Result {
        let corpus = try load { progress in feed.report(progress) }
        // A corpus that came whole from its snapshot is listed while its graph is built (seconds
        // at 100,000 documents), as parsed documents are while a first load goes on.
        if !feed.hasParsed {
          let count = corpus.documents.count
          feed.report(
            LoadProgress(filesDone: count, filesTotal: count, bytesDone: 0, parsed: corpus.documents))
        }
        return Library(corpus: corpus)
      }
      feed.finish(result)
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

/// Builds the unfiltered response trees on another thread and posts `Event.responsesReady`, then
/// the per-corpus tables made from them (`Event.tablesReady`).
enum ResponseBuilding {
  static func start(_ library: Library, into mailbox: Mailbox<Event>) {
    Thread.detachNewThread {
      let responses = library.responses()
      mailbox.post(.responsesReady(responses))
      mailbox.post(.tablesReady(CorpusTables(library: library, responses: responses)))
    }
  }
}
