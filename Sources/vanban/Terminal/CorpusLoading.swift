import DirectiveKit
import Foundation

/// Loads a corpus on another thread, reporting how far it got, so the interface can draw its
/// first frame (and a progress bar) at once, however large the corpus.
final class CorpusLoading: @unchecked Sendable {
  private let lock = NSLock()
  private var latest: LoadProgress?
  private var outcome: Result<Corpus, Error>?

  init(_ load: @escaping @Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Corpus) {
    let thread = Thread { [self] in
      let result = Result { try load { progress in self.lock.withLock { self.latest = progress } } }
      lock.withLock { outcome = result }
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  var progress: LoadProgress? { lock.withLock { latest } }
  var result: Result<Corpus, Error>? { lock.withLock { outcome } }
}
