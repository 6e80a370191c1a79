import DirectiveKit
import Foundation

/// A node of the citation graph as the browser lists it: what the graph says of it, and who cites it.
public struct CitedSummary: Hashable, Sendable {
  public var node: GraphNode
  /// Ids of corpus documents citing it, in list order.
  public var citing: [String]
  public var mentions: Int

  public var id: String { node.id }
  public var type: String? { node.type }
  public var number: String? { node.number }
  public var date: Day? { node.date }
  public var issuer: String? { node.issuer }
  public var subject: String? { node.subject }
  public var inCorpus: Bool { node.kind == .document }
  public var isCentral: Bool { node.level == .central }

  /// `Kết luận 07-KL/TW`, or the type alone for unnumbered documents.
  public var label: String {
    [type ?? "Document", number].compactMap { $0 }.joined(separator: " ")
  }

  /// `Kết luận 07-KL/TW · Bộ Chính trị · 11/06/2021 · not in corpus`.
  public var line: String {
    var parts = [label]
    if let issuer { parts.append(issuer) }
    if let date { parts.append(date.vietnamese) }
    parts.append(inCorpus ? "in corpus: \(id)" : "not in corpus")
    return parts.joined(separator: " · ")
  }
}

extension CentralResponse {
  /// `3 documents in 2 provinces`: the figures of `cited-by`.
  public var headline: String {
    "\(Format.counted(citingCount, "document")) in \(Format.counted(provinceCount, "province"))"
  }

  /// `2 answer it, 1 cites it without answering · 1 more answers those answers`.
  public var split: String {
    var parts: [String] = []
    if answeringCount > 0 { parts.append("\(answeringCount) answer\(answeringCount == 1 ? "s" : "") it") }
    if otherCount > 0 {
      parts.append("\(otherCount) cite\(otherCount == 1 ? "s" : "") it without answering")
    }
    var text = parts.joined(separator: ", ")
    if chainedCount > 0 {
      text += " · \(chainedCount) more answer\(chainedCount == 1 ? "s" : "") those answers"
    }
    return text
  }
}

/// The province picker's options of a set of documents, counted the first time they are asked for.
private final class PickerOptions: @unchecked Sendable {
  private let lock = NSLock()
  private let documents: [Document]
  private var computed: (options: [ProvinceSelection.Option], keys: [String])?

  init(_ documents: [Document]) { self.documents = documents }

  var value: (options: [ProvinceSelection.Option], keys: [String]) {
    lock.withLock {
      if let computed { return computed }
      let options = Library.pickerOrder(ProvinceSelection.options(for: documents))
      let value = (options, options.map { looseName($0.name) })
      computed = value
      return value
    }
  }
}

/// A library's metadata index, built once on whichever thread asks first.
private final class PreparedMetadataIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var index: MetadataIndex?

  var built: MetadataIndex? { lock.withLock { index } }

  private var building = false

  /// Builds the index unless it is built or being built; `built` stays nil (and never waits)
  /// until it is done.
  func prepare(lines: [[UInt8]]) {
    let starts = lock.withLock {
      guard index == nil, !building else { return false }
      building = true
      return true
    }
    guard starts else { return }
    let made = MetadataIndex(lines: lines)
    lock.withLock { index = made }
  }
}

/// The corpus as the browser reads it: documents, with the citation graph's view of what they cite.
public final class Library: Sendable {
  public static let unknownProvince = CitationGraph.unknownProvince

  public let corpus: Corpus
  /// In list order: the corpus's documents, or those parsed so far while it loads.
  public let documents: [Document]
  /// True for a library grown from documents parsed while the corpus loads (`growing`): they are
  /// not linked yet, so it has no graph, no cited documents and no signals, and its `corpus` is empty.
  public let isPartial: Bool
  /// Each document's list key, kept while the library grows so that a batch merges into it.
  private let listKeys: [ListKey]
  /// Every cited document (central ones first, most cited first).
  public let cited: [CitedSummary]
  private let citedByID: [String: Int]
  /// Province, issuer, number and type of each document, folded: what the list shows besides the text.
  private let foldedMetadata: [[UInt8]]
  /// `foldedMetadata` indexed for `matching`, once `prepareMetadataIndex` has run.
  private let metadataIndex = PreparedMetadataIndex()
  private let indexByID: [String: Int]
  /// Provinces present, before and after 2025, in alphabetical (folded) order.
  public let provinces: [String]
  public let provinces2025: [String]
  /// The library's date, province, number and type columns as wide as their widest value (with
  /// its markers); `LibraryColumns` fits them to the terminal's width.
  public let columnWidths: [Int]
  /// What the province picker offers: provinces before 2025 (those of the corpus first), those
  /// since, then “Province unknown”; each with how many documents it selects.
  public var provinceOptions: [ProvinceSelection.Option] { picker.value.options }
  /// Each option's name folded as the picker compares what is typed.
  var provinceOptionKeys: [String] { picker.value.keys }
  private let picker: PickerOptions

  public init(corpus: Corpus) {
    self.corpus = corpus
    let documents = corpus.documents
    self.documents = documents
    isPartial = false
    listKeys = []
    indexByID = Library.positions(of: documents)
    foldedMetadata = documents.map(Library.foldedFields)
    columnWidths = Library.columnWidths(of: documents)
    provinces = Library.sortedNames(documents.compactMap(\.province))
    provinces2025 = Library.sortedNames(documents.compactMap(\.province2025))
    picker = PickerOptions(documents)
    _ = picker.value
    let graph = corpus.graph
    let summaries = graph.nodes.enumerated().compactMap { position, node -> (Int, CitedSummary)? in
      let citing = graph.citing(node.id)
      guard !citing.isEmpty else { return nil }
      let summary = CitedSummary(node: node, citing: citing, mentions: graph.mentions(of: node.id))
      return (position, summary)
    }
    cited = summaries.sorted { lhs, rhs in
      (lhs.1.isCentral ? 0 : 1, -lhs.1.citing.count, lhs.0) < (
        rhs.1.isCentral ? 0 : 1, -rhs.1.citing.count, rhs.0
      )
    }.map(\.1)
    var citedByID: [String: Int] = [:]
    for (position, summary) in cited.enumerated() { citedByID[summary.id] = position }
    self.citedByID = citedByID
  }

  /// A library of parsed documents while the corpus loads: `previous` (when it is partial too)
  /// with `batch` merged into its list order, each document's key computed once.
  public static func growing(_ previous: Library?, adding batch: [Document]) -> Library {
    let kept = previous?.isPartial == true ? previous : nil
    let batchKeys = batch.map(ListKey.init)
    let order = batch.indices.sorted { batchKeys[$0] < batchKeys[$1] }
    guard let kept else {
      // The first batch (a whole corpus from its snapshot, at 100,000 documents): its documents
      // are copied once, into their order, with nothing to merge.
      let documents = order.map { batch[$0] }
      return Library(
        partial: documents, listKeys: order.map { batchKeys[$0] },
        foldedMetadata: documents.map(foldedFields),
        columnWidths: columnWidths(of: documents))
    }
    let keyed = order.map {
      (key: batchKeys[$0], document: batch[$0])
    }
    let oldDocuments = kept.documents
    let oldKeys = kept.listKeys
    let oldMetadata = kept.foldedMetadata
    var documents: [Document] = []
    var keys: [ListKey] = []
    var metadata: [[UInt8]] = []
    let total = oldDocuments.count + keyed.count
    documents.reserveCapacity(total)
    keys.reserveCapacity(total)
    metadata.reserveCapacity(total)
    var old = 0
    var new = 0
    while old < oldDocuments.count || new < keyed.count {
      // Ties (the same file given twice) keep the earlier document first.
      if new == keyed.count || (old < oldDocuments.count && !(keyed[new].key < oldKeys[old])) {
        documents.append(oldDocuments[old])
        keys.append(oldKeys[old])
        metadata.append(oldMetadata[old])
        old += 1
      } else {
        documents.append(keyed[new].document)
        keys.append(keyed[new].key)
        metadata.append(foldedFields(keyed[new].document))
        new += 1
      }
    }
    let batchWidths = columnWidths(of: batch)
    return Library(
      partial: documents, listKeys: keys, foldedMetadata: metadata,
      columnWidths: zip(kept.columnWidths, batchWidths).map { max($0, $1) })
  }

  private init(
    partial documents: [Document], listKeys: [ListKey], foldedMetadata: [[UInt8]], columnWidths: [Int]
  ) {
    corpus = Library.noCorpus
    self.documents = documents
    isPartial = true
    self.listKeys = listKeys
    self.foldedMetadata = foldedMetadata
    self.columnWidths = columnWidths
    // Rebuilt at every batch, a table of ids would cost more than the few lookups it serves.
    indexByID = [:]
    provinces = Library.sortedNames(documents.compactMap(\.province))
    provinces2025 = Library.sortedNames(documents.compactMap(\.province2025))
    // Counted over every document parsed so far: only when the picker opens, not at each batch.
    picker = PickerOptions(documents)
    cited = []
    citedByID = [:]
  }

  /// What a partial library links to: nothing.
  private static let noCorpus = Corpus(documents: [])

  private static func positions(of documents: [Document]) -> [String: Int] {
    var positions: [String: Int] = [:]
    positions.reserveCapacity(documents.count)
    for (position, document) in documents.enumerated() { positions[document.id] = position }
    return positions
  }

  private static func foldedFields(_ document: Document) -> [UInt8] {
    [document.province, document.province2025, document.issuer, document.number, document.type]
      .compactMap { $0 }.joined(separator: " ").folded.utf8.map { $0 }
  }

  private static func columnWidths(of documents: [Document]) -> [Int] {
    func widest(_ value: (Document) -> String, _ bounds: ClosedRange<Int>) -> Int {
      min(
        bounds.upperBound,
        max(bounds.lowerBound, documents.map { DisplayWidth.width(of: value($0)) }.max() ?? 0))
    }
    return [
      widest(LibraryColumns.date, 10...40), widest(LibraryColumns.province, 8...80),
      widest(LibraryColumns.number, 6...80), widest(LibraryColumns.type, 4...80),
    ]
  }

  public func document(id: String) -> Document? {
    index(of: id).map { documents[$0] }
  }

  public func index(of id: String) -> Int? {
    isPartial ? documents.firstIndex { $0.id == id } : indexByID[id]
  }

  public func cited(id: String) -> CitedSummary? {
    citedByID[id].map { cited[$0] }
  }

  /// The full-text index: read from the file kept beside the corpus's snapshot when it is
  /// current, else built (seconds on a large corpus: the browser does it on another thread and
  /// sends `Event.indexReady`) and kept there for the next start; then the words of each first
  /// letter gathered, so that the first key typed in the search costs no more than the next.
  /// `warn` hears why the index could not be kept.
  public func makeSearchIndex(warn: (String) -> Void = { _ in }) -> SearchIndex {
    // A partial library (documents still streaming in) is never indexed against the snapshot.
    let unkeyed = isPartial || documents.count != corpus.documents.count
    let index = SearchIndex.stored(
      documents: documents, snapshotPath: unkeyed ? nil : corpus.snapshotPath,
      fingerprint: unkeyed ? nil : corpus.snapshotFingerprint, warn: warn)
    index.prepareShortPrefixes()
    prepareMetadataIndex()
    return index
  }

  /// Builds the index of the metadata lines that `matching` reads once it is there (on the thread
  /// that builds the search index: at 100,000 documents it takes longer than a frame).
  public func prepareMetadataIndex() {
    metadataIndex.prepare(lines: foldedMetadata)
  }

  /// Indices of the documents matching a query as it is being typed (the last word may be
  /// unfinished), diacritics optional, in list order. Without an index, only the province,
  /// issuer, number and type are searched.
  public func matching(_ query: String, index: SearchIndex?) -> [Int] {
    guard query.contains(where: { !$0.isWhitespace }) else { return Array(documents.indices) }
    let inText = index?.matchingDocuments(SearchQuery.parse(query, lastWordIsPrefix: true)) ?? []
    let words = query.folded.split(separator: " ").map { Array($0.utf8) }
    let inMetadata =
      metadataIndex.built?.documents(holdingEvery: words) ?? matchingMetadataLines(words)
    return Library.union(inText, inMetadata)
  }

  /// The documents whose metadata line holds every word, each line read.
  func matchingMetadataLines(_ words: [[UInt8]]) -> [Int] {
    foldedMetadata.indices.filter { index in
      words.allSatisfy { Library.bytes(foldedMetadata[index], contain: $0) }
    }
  }

  /// The values of two ascending lists, ascending, each once.
  static func union(_ left: [Int], _ right: [Int]) -> [Int] {
    if right.isEmpty { return left }
    if left.isEmpty { return right }
    var result: [Int] = []
    result.reserveCapacity(max(left.count, right.count))
    var leftSlot = 0
    var rightSlot = 0
    while leftSlot < left.count && rightSlot < right.count {
      let value = min(left[leftSlot], right[rightSlot])
      result.append(value)
      if left[leftSlot] == value { leftSlot += 1 }
      if right[rightSlot] == value { rightSlot += 1 }
    }
    result += left[leftSlot...]
    result += right[rightSlot...]
    return result
  }

  /// The response tree of every central cited document, most cited first, for a province
  /// filter. `AppState` keeps it until the filter changes.
  public func responses(provinces filter: [ProvinceChoice] = []) -> [CentralResponse] {
    corpus.graph.responses(provinces: oldProvinces(filter)).filter { cited(id: $0.node.id) != nil }
  }

  /// The same trees as `responses(provinces:)`, narrowed from `all` (the unfiltered trees) when
  /// they are at hand.
  public func responses(provinces filter: [ProvinceChoice], narrowing all: [CentralResponse]?)
    -> [CentralResponse]
  {
    guard let all else { return responses(provinces: filter) }
    guard let provinces = oldProvinces(filter) else { return all }
    return corpus.graph.responses(narrowing: all, to: provinces)
  }

  /// The response tree of one cited node, for a province filter.
  public func response(to node: CitedSummary, provinces filter: [ProvinceChoice] = []) -> CentralResponse? {
    corpus.graph.response(to: node.id, provinces: oldProvinces(filter))
  }

  /// The diagram of a document or cited node (nil when the graph has none), for a province filter
  /// (which narrows who stands on it, never what it stands on).
  public func related(id: String, provinces filter: [ProvinceChoice] = []) -> RelatedDocuments? {
    RelatedDocuments(id: id, corpus: corpus, provinces: oldProvinces(filter))
  }

  /// Replaced and repealed documents, and the documents resting on them after.
  public var signals: Signals { corpus.signals }

  /// The pre-2025 provinces a filter selects; nil when there is no filter.
  private func oldProvinces(_ filter: [ProvinceChoice]) -> Set<String>? {
    guard !filter.isEmpty else { return nil }
    return Set(
      documents.filter { document in filter.contains { $0.matches(document) } }.map {
        $0.province ?? CitationGraph.unknownProvince
      })
  }

  /// A plain search: metadata lines are a few dozen bytes.
  static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
      if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
    }
    return false
  }

  private static func sortedNames(_ names: [String]) -> [String] {
    Array(Set(names)).sorted { ($0.folded, $0) < ($1.folded, $1) }
  }
}
