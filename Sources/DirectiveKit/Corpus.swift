/// A parsed corpus: every document, the warnings of files that did not become documents,
/// and the citation graph between documents and the external documents they cite.
public final class Corpus: @unchecked Sendable {
  /// In list order: date (or `notBefore`), then province, then number; undated last.
  public let documents: [Document]
  public let loadWarnings: [LoadWarning]
  public let graph: CitationGraph
  private let indexByID: [String: Int]

  public init(documents: [Document], loadWarnings: [LoadWarning] = []) {
    self.documents = documents
    self.loadWarnings = loadWarnings
    var index: [String: Int] = [:]
    for (position, document) in documents.enumerated() { index[document.id] = position }
    self.indexByID = index
    self.graph = CitationGraph(documents: documents)
  }

  public func document(id: String) -> Document? {
    indexByID[id].map { documents[$0] }
  }

  /// Warnings of documents plus warnings of files that became none.
  public var warningCount: Int {
    loadWarnings.count + documents.reduce(0) { $0 + $1.warnings.count }
  }
}
