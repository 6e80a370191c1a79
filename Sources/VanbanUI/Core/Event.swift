import DirectiveKit

/// What the state machine takes: a key, a new terminal size, or word from work done on another
/// thread, which the main loop posts here instead of the screen waiting for it or reading it
/// under a lock.
public enum Event: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// The full-text index is built: searches read it from now on.
  case indexReady(SearchIndex)
  /// The response trees of every cited central document, unfiltered (`Library.responses()`): a
  /// province filter narrows them instead of walking the graph again.
  case responsesReady([CentralResponse])
  /// The per-corpus tables (`CorpusTables`): filters, sorts, the graph and the provinces screen
  /// read them from now on instead of every document.
  case tablesReady(CorpusTables)
  /// A load going on behind the interface has read this many documents of `filesTotal` files.
  case loadProgress(documents: Int, filesTotal: Int)
  /// Documents parsed while the rest of the corpus loads (`LoadProgress.parsed`), and how many
  /// files of `filesTotal` are read: the library lists them at once, in its order. An empty
  /// batch only says how far the load is.
  case documentsParsed([Document], filesDone: Int, filesTotal: Int)
  /// The corpus, linked: it replaces the library grown from parsed documents.
  case libraryLoaded(Library)
  /// The snapshot behind the provisional library shown is corrupt (the one-line warning): the
  /// library is emptied and grows again from `documentsParsed` as its files are parsed.
  case snapshotDistrusted(warning: String)
  /// The terminal layer carried out a `Request`: what it did, or the one-line error.
  case requestDone(message: String)
}
