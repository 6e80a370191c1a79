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

/// What loading the corpus on another thread says to the main loop.
enum LoadingMessage: Sendable {
  case progress(LoadProgress)
  case finished(Result<Corpus, Error>)
}

/// Loads a corpus on another thread, posting how far it got, so that the interface can draw its
/// first frame (and a progress bar) at once, however large the corpus.
enum CorpusLoading {
  static func start(
    into mailbox: Mailbox<LoadingMessage>,
    _ load: @escaping @Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Corpus
  ) {
    let thread = Thread {
      let result = Result { try load { progress in mailbox.post(.progress(progress)) } }
      mailbox.post(.finished(result))
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
