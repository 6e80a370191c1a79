import Foundation

/// A parsed corpus: every document, the warnings of files that did not become documents,
/// and the citation graph between documents and the external documents they cite.
public final class Corpus: @unchecked Sendable {
  /// In list order: date (or `notBefore`), then province, then number; undated last.
  public let documents: [Document]
  public let loadWarnings: [LoadWarning]
  /// The snapshot file this corpus was loaded from or written to; nil without one (`--no-cache`,
  /// the shipped corpus, a snapshot that could not be written).
  public let snapshotPath: String?
  /// The checksum of that snapshot's content: it changes whenever any document does.
  public let snapshotFingerprint: UInt64?
  private var builtPositionsByID: [String: Int]?
  /// The graph's and the signals': held while either is built, seconds at 100,000 documents.
  private let lock = NSLock()
  /// The table of ids' own, so that a lookup never waits for the graph.
  private let positionsLock = NSLock()
  private var builtGraph: CitationGraph?
  private var builtSignals: Signals?

  /// Built on first use (listing never needs it), once, whichever thread asks first.
  public var graph: CitationGraph {
    builtOnce(\.builtGraph, under: lock, decodingDetails: true) { CitationGraph(documents: documents) }
  }

  /// Replaced and repealed documents, and the documents still resting on them; built on first use.
  public var signals: Signals {
    builtOnce(\.builtSignals, under: lock, decodingDetails: true) { Signals(documents: documents) }
  }

  /// Each document's position in `documents` by its id; built on first use (listing never needs it).
  public var positionsByID: [String: Int] {
    builtOnce(\.builtPositionsByID, under: positionsLock, decodingDetails: false) {
      var positions: [String: Int] = [:]
      positions.reserveCapacity(documents.count)
      // By position: `enumerated()` would copy every document.
      documents.withUnsafeBufferPointer { documents in
        for position in documents.indices { positions[documents[position].id] = position }
      }
      return positions
    }
  }

  /// The value kept in `slot`, made by `make` the first time, once, under `lock`; with every
  /// document's details decoded first (on all cores) when `make` reads them all.
  private func builtOnce<Value>(
    _ slot: ReferenceWritableKeyPath<Corpus, Value?>, under lock: NSLock, decodingDetails: Bool,
    _ make: () -> Value
  ) -> Value {
    lock.withLock {
      if let built = self[keyPath: slot] { return built }
      if decodingDetails { decodeDetails() }
      let built = make()
      self[keyPath: slot] = built
      return built
    }
  }

  public convenience init(documents: [Document], loadWarnings: [LoadWarning] = []) {
    let flagged = Self.flagged(documents)
    self.init(
      flagged: flagged.documents, loadWarnings: loadWarnings, graph: flagged.graph, signals: flagged.signals)
  }

  /// `documents` as `flagged(_:)` gives them, with what it built to flag them.
  init(
    flagged documents: [Document], loadWarnings: [LoadWarning], graph: CitationGraph? = nil,
    signals: Signals? = nil, snapshotPath: String? = nil, snapshotFingerprint: UInt64? = nil
  ) {
    self.documents = documents
    self.loadWarnings = loadWarnings
    self.builtGraph = graph
    self.builtSignals = signals
    self.snapshotPath = snapshotPath
    self.snapshotFingerprint = snapshotFingerprint
  }

  /// Linked documents with what their signals add: a document resting on a replaced or repealed
  /// one carries a warning saying so. A snapshot stores documents flagged, so a warm start
  /// neither flags them again nor builds the signals this needs. The warnings name nodes as the
  /// graph labels them, without the graph being built (a listing never needs it).
  static func flagged(_ documents: [Document]) -> (
    documents: [Document], signals: Signals, graph: CitationGraph?
  ) {
    var documents = documents
    let signals = flag(&documents)
    return (documents, signals, nil)
  }

  /// `flagged(_:)` in place: a corpus's only array of its documents is not copied to flag a few.
  static func flag(_ documents: inout [Document]) -> Signals {
    let signals = Signals(documents: documents)
    guard !signals.stale.isEmpty else { return signals }
    var flaggedPositions: [Int] = []
    for position in documents.indices where signals.stale[documents[position].id] != nil {
      flaggedPositions.append(position)
    }
    let labels = Relinking.Labels(
      documents: documents, stale: flaggedPositions.flatMap { signals.stale[documents[$0].id] ?? [] })
    for position in flaggedPositions {
      for stale in signals.stale[documents[position].id] ?? [] {
        documents[position].warnings.append(DocumentWarning(.restsOnSuperseded, labels.warning(stale)))
      }
    }
    return signals
  }

  /// Decodes every document's details on all cores, for a caller about to read them all: the
  /// documents of a snapshot otherwise decode theirs one by one, when first read.
  public func decodeDetails() {
    let documents = self.documents
    let chunkSize = 256
    DispatchQueue.concurrentPerform(iterations: (documents.count + chunkSize - 1) / chunkSize) { chunk in
      for position in (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize) {
        _ = documents[position].storedDetails?.details
      }
    }
  }

  public func document(id: String) -> Document? {
    positionsByID[id].map { documents[$0] }
  }

  /// Warnings of documents plus warnings of files that became none.
  public var warningCount: Int {
    // By position: `reduce` would copy every document.
    documents.withUnsafeBufferPointer { documents in
      documents.indices.reduce(loadWarnings.count) { $0 + documents[$1].warningCount }
    }
  }
}
