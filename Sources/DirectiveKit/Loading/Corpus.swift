/// A parsed corpus: every document, the warnings of files that did not become documents,
/// and the citation graph between documents and the external documents they cite.
public final class Corpus: @unchecked Sendable {
  /// In list order: date (or `notBefore`), then province, then number; undated last.
  public let documents: [Document]
  public let loadWarnings: [LoadWarning]
  public let graph: CitationGraph
  /// Replaced and repealed documents, and the documents still resting on them.
  public let signals: Signals
  private let indexByID: [String: Int]

  public init(documents: [Document], loadWarnings: [LoadWarning] = []) {
    let graph = CitationGraph(documents: documents)
    let signals = Signals(documents: documents)
    var documents = documents
    if !signals.stale.isEmpty {
      // A document resting on a replaced or repealed one carries a warning saying so.
      for position in documents.indices {
        for stale in signals.stale[documents[position].id] ?? [] {
          documents[position].warnings.append(
            DocumentWarning(.restsOnSuperseded, stale.warning(graph: graph)))
        }
      }
    }
    self.documents = documents
    self.loadWarnings = loadWarnings
    var index: [String: Int] = [:]
    for (position, document) in documents.enumerated() { index[document.id] = position }
    self.indexByID = index
    self.graph = graph
    self.signals = signals
  }

  public func document(id: String) -> Document? {
    indexByID[id].map { documents[$0] }
  }

  /// Warnings of documents plus warnings of files that became none.
  public var warningCount: Int {
    loadWarnings.count + documents.reduce(0) { $0 + $1.warnings.count }
  }
}
