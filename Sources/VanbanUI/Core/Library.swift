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

/// A value computed the first time it is read, once, on the thread that reads it first. A library
/// shared with another thread has its values computed before it is shared, so that the main
/// thread never waits here for work done elsewhere.
final class ComputedOnce<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var computed: Value?
  private let compute: @Sendable () -> Value

  init(_ compute: @escaping @Sendable () -> Value) { self.compute = compute }

  var value: Value {
    lock.withLock {
      if let computed { return computed }
      let value = compute()
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
///
/// A whole corpus reaches the browser in three steps, each a library of its own (`listing`,
/// `listed`, `init(corpus:)`), so that the first frame never waits for what only later screens
/// read: the listing has the documents in list order, the warning count and column widths measured
/// on a sample; the listed library adds the tables of every document (ids, widths, the folded
/// fields the search reads, months, sort orders, provinces, signals); the linked one adds the
/// citation graph.
public final class Library: Sendable {
  public static let unknownProvince = CitationGraph.unknownProvince

  public let corpus: Corpus
  /// In list order: the corpus's documents, or those parsed so far while it loads.
  public let documents: [Document]
  /// True for a library grown from documents parsed while the corpus loads (`growing`): they are
  /// not linked yet, so it has no graph, no cited documents and no signals, and its `corpus` is empty.
  public let isPartial: Bool
  /// True for a whole, linked corpus whose citation graph is still being built on another thread
  /// (`listing`, `listed`): its ids are final, but it has no cited documents yet, and screens
  /// that read the graph wait for the library that has it.
  public let awaitsGraph: Bool
  /// True for a listing of the corpus its snapshot last stored, shown before the files are checked
  /// against it and its checksum verified (`ProvisionalCorpus`): the library that follows
  /// replaces it, with what changed, or an empty one if the snapshot turns out corrupt.
  public let isProvisional: Bool
  /// Each document's list key, kept while the library grows so that a batch merges into it.
  private let listKeys: [ListKey]
  /// Every cited document (central ones first, most cited first).
  public let cited: [CitedSummary]
  private let citedByID: [String: Int]
  /// `responses()`, when the library was linked with them (`init(linking:withResponses:)`).
  public let unfilteredResponses: [CentralResponse]?
  /// Province, issuer, number and type of each document, folded: what the list shows besides the
  /// text (none in a listing: its search reads the text index only).
  private let foldedMetadata: [[UInt8]]
  /// `foldedMetadata` indexed for `matching`, once `prepareMetadataIndex` has run; shared by the
  /// listed library and the linked one made from it, which have the same documents.
  private let metadataIndex: PreparedMetadataIndex
  /// Empty in a listing and while the library grows: `index(of:)` then looks through the documents.
  private let indexByID: [String: Int]
  /// Provinces present, before and after 2025, in alphabetical (folded) order.
  public var provinces: [String] { names.value.before2025 }
  public var provinces2025: [String] { names.value.since2025 }
  private let names: ComputedOnce<(before2025: [String], since2025: [String])>
  /// The library's date, province, number and type columns as wide as their widest value (with
  /// its markers); `LibraryColumns` fits them to the terminal's width. A listing measures a
  /// sample (`widthSample`), the libraries after it every document.
  public let columnWidths: [Int]
  /// Warnings of documents plus those of files that became none (`Corpus.warningCount`).
  public let warningCount: Int
  /// Each document's month as the sparkline counts it (`Sparkline.monthNumber`), nil for none;
  /// nil in a listing, which draws no sparkline, and while the library grows.
  let monthNumbers: [Int32?]?
  /// Replaced and repealed documents, and the documents resting on them after (none in a
  /// listing, nor while the library grows).
  public let signals: Signals
  /// Every document in each order but the date's (the list's own), ties in list order; none in a
  /// listing, nor while the library grows.
  let orders: [SortOrder: [Int]]
  /// What the province picker offers: provinces before 2025 (those of the corpus first), those
  /// since, then “Province unknown”; each with how many documents it selects.
  public var provinceOptions: [ProvinceSelection.Option] { picker.value.options }
  /// Each option's name folded as the picker compares what is typed.
  var provinceOptionKeys: [String] { picker.value.keys }
  private let picker: ComputedOnce<(options: [ProvinceSelection.Option], keys: [String])>

  private init(
    corpus: Corpus, documents: [Document], isPartial: Bool, awaitsGraph: Bool, isProvisional: Bool = false,
    listKeys: [ListKey] = [],
    foldedMetadata: [[UInt8]], indexByID: [String: Int], columnWidths: [Int], warningCount: Int,
    monthNumbers: [Int32?]?, signals: Signals, orders: [SortOrder: [Int]] = [:], cited: [CitedSummary] = [],
    citedByID: [String: Int] = [:], unfilteredResponses: [CentralResponse]? = nil,
    names: ComputedOnce<(before2025: [String], since2025: [String])>? = nil,
    picker: ComputedOnce<(options: [ProvinceSelection.Option], keys: [String])>? = nil,
    metadataIndex: PreparedMetadataIndex = PreparedMetadataIndex()
  ) {
    self.corpus = corpus
    self.metadataIndex = metadataIndex
    self.documents = documents
    self.isPartial = isPartial
    self.awaitsGraph = awaitsGraph
    self.isProvisional = isProvisional
    self.listKeys = listKeys
    self.foldedMetadata = foldedMetadata
    self.indexByID = indexByID
    self.columnWidths = columnWidths
    self.warningCount = warningCount
    self.monthNumbers = monthNumbers
    self.signals = signals
    self.orders = orders
    self.cited = cited
    self.citedByID = citedByID
    self.unfilteredResponses = unfilteredResponses
    self.names = names ?? Library.provinceNames(documents)
    self.picker = picker ?? Library.pickerOptions(documents)
  }

  /// The linked corpus whole: every table and the cited documents of its graph (seconds at
  /// 100,000 documents: the browser builds it on another thread, after `listing` and `listed`).
  public convenience init(corpus: Corpus) {
    self.init(linking: Library.listed(corpus))
  }

  /// `listed` with the citation graph's cited documents, and with the response trees of every
  /// central one when `withResponses` (`responses()`, which the browser's graph screens start
  /// from: built here, on the loading thread, rather than by the first screen that reads them).
  public convenience init(linking listed: Library, withResponses: Bool = false) {
    let corpus = listed.corpus
    let graph = corpus.graph
    let summaries = graph.nodes.enumerated().compactMap { position, node -> (Int, CitedSummary)? in
      let citing = graph.citing(node.id)
      guard !citing.isEmpty else { return nil }
      let summary = CitedSummary(node: node, citing: citing, mentions: graph.mentions(of: node.id))
      return (position, summary)
    }
    let cited = summaries.sorted { lhs, rhs in
      (lhs.1.isCentral ? 0 : 1, -lhs.1.citing.count, lhs.0) < (
        rhs.1.isCentral ? 0 : 1, -rhs.1.citing.count, rhs.0
      )
    }.map(\.1)
    var citedByID: [String: Int] = [:]
    for (position, summary) in cited.enumerated() { citedByID[summary.id] = position }
    let responses =
      withResponses ? graph.responses(provinces: nil).filter { citedByID[$0.node.id] != nil } : nil
    self.init(
      corpus: corpus, documents: listed.documents, isPartial: false, awaitsGraph: false,
      foldedMetadata: listed.foldedMetadata, indexByID: listed.indexByID, columnWidths: listed.columnWidths,
      warningCount: listed.warningCount, monthNumbers: listed.monthNumbers, signals: listed.signals,
      orders: listed.orders, cited: cited, citedByID: citedByID, unfilteredResponses: responses,
      names: listed.names, picker: listed.picker, metadataIndex: listed.metadataIndex)
  }

  /// A whole corpus as its first frame needs it, in a few milliseconds at 100,000 documents: its
  /// documents in list order, the warning count, column widths measured on `widthSample`. It
  /// awaits the tables of `listed` (until then a search reads the text index only and
  /// `index(of:)` looks through the documents) and the graph.
  /// `provisional`: the corpus is a `ProvisionalCorpus`'s, not yet confirmed.
  public static func listing(_ corpus: Corpus, provisional: Bool = false) -> Library {
    let documents = corpus.documents
    return Library(
      corpus: corpus, documents: documents, isPartial: false, awaitsGraph: true, isProvisional: provisional,
      foldedMetadata: [],
      indexByID: [:], columnWidths: columnWidths(of: documents, at: widthSample(documents.count)),
      warningCount: warningCount(of: corpus), monthNumbers: nil, signals: .none)
  }

  /// A whole corpus with the tables of every document but the graph's: ids, widths, the folded
  /// fields a search reads, months, the sort orders, provinces and the picker's options, signals
  /// (counted here rather than by the corpus, whose lock its graph's building holds).
  public static func listed(_ corpus: Corpus) -> Library {
    let documents = corpus.documents
    let library = Library(
      corpus: corpus, documents: documents, isPartial: false, awaitsGraph: true,
      foldedMetadata: documents.map(foldedFields), indexByID: corpus.positionsByID,
      columnWidths: columnWidths(of: documents, at: documents.indices),
      warningCount: warningCount(of: corpus), monthNumbers: monthNumbers(of: documents),
      signals: Signals(documents: documents), orders: sortOrders(of: documents))
    // Counted here, on the thread that builds the library, rather than when the picker opens.
    _ = library.picker.value
    _ = library.names.value
    return library
  }

  /// Every document in the order of each sort but the date's, ties in list order.
  static func sortOrders(of documents: [Document]) -> [SortOrder: [Int]] {
    let all = Array(documents.indices)
    return [
      .province: AppState.sorted(all, of: documents, by: AppState.provinceSortKey),
      .number: AppState.sorted(all, of: documents, by: AppState.numberSortKey),
      .type: AppState.sorted(all, of: documents, by: AppState.typeSortKey),
    ]
  }

  /// `indices` (in list order) in the order `sort`, taken from `order`, that of every document.
  static func ordered(_ indices: [Int], as order: [Int]) -> [Int] {
    if indices.count == order.count { return order }
    var kept = [Bool](repeating: false, count: order.count)
    for index in indices { kept[index] = true }
    return order.filter { kept[$0] }
  }

  /// `indices` in the order `sort`; nil when the library has no table of it (the date's, which
  /// is the list's own; a listing's and a growing library's).
  func ordered(_ indices: [Int], by sort: SortOrder) -> [Int]? {
    orders[sort].map { Library.ordered(indices, as: $0) }
  }

  /// Positions of the documents whose widths a listing measures: the first screenfuls of the list
  /// (what its first frame shows), then documents spread evenly over the rest.
  static func widthSample(_ count: Int) -> [Int] {
    let head = min(count, 512)
    let spread = 2048
    guard count > head + spread else { return Array(0..<count) }
    let step = (count - head) / spread
    return Array(0..<head) + (0..<spread).map { head + $0 * step }
  }

  /// A library of parsed documents while the corpus loads: `previous` (when it is partial too)
  /// with `batch` merged into its list order, each document's key computed once.
  public static func growing(_ previous: Library?, adding batch: [Document]) -> Library {
    let kept = previous?.isPartial == true ? previous : nil
    let batchKeys = batch.map(ListKey.init)
    let order = batch.indices.sorted { batchKeys[$0] < batchKeys[$1] }
    guard let kept else {
      // The first batch: its documents are copied once, into their order, with nothing to merge.
      let documents = order.map { batch[$0] }
      return Library(
        partial: documents, listKeys: order.map { batchKeys[$0] },
        foldedMetadata: documents.map(foldedFields),
        columnWidths: columnWidths(of: documents, at: documents.indices))
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
    let batchWidths = columnWidths(of: batch, at: batch.indices)
    return Library(
      partial: documents, listKeys: keys, foldedMetadata: metadata,
      columnWidths: zip(kept.columnWidths, batchWidths).map { max($0, $1) })
  }

  private convenience init(
    partial documents: [Document], listKeys: [ListKey], foldedMetadata: [[UInt8]], columnWidths: [Int]
  ) {
    // Rebuilt at every batch, a table of ids would cost more than the few lookups it serves; the
    // provinces and the picker's options are counted when something reads them.
    self.init(
      corpus: Library.noCorpus, documents: documents, isPartial: true, awaitsGraph: false, listKeys: listKeys,
      foldedMetadata: foldedMetadata, indexByID: [:], columnWidths: columnWidths, warningCount: 0,
      monthNumbers: nil, signals: .none)
  }

  /// Whether two libraries list the very same documents (one array, shared): a provisional
  /// listing and the confirmed corpus of a snapshot that nothing changed.
  static func sameDocuments(_ left: Library, _ right: Library) -> Bool {
    left.documents.count == right.documents.count
      && left.documents.withUnsafeBufferPointer { leftBuffer in
        right.documents.withUnsafeBufferPointer { $0.baseAddress == leftBuffer.baseAddress }
      }
  }

  /// What a partial library links to: nothing.
  private static let noCorpus = Corpus(documents: [])

  private static func foldedFields(_ document: Document) -> [UInt8] {
    [document.province, document.province2025, document.issuer, document.number, document.type]
      .compactMap { $0 }.joined(separator: " ").folded.utf8.map { $0 }
  }

  /// The widest value of each column over the documents at `positions`.
  private static func columnWidths(of documents: [Document], at positions: some Sequence<Int>) -> [Int] {
    var widest = [0, 0, 0, 0]
    documents.withUnsafeBufferPointer { documents in
      for position in positions {
        widest[0] = max(widest[0], DisplayWidth.width(of: LibraryColumns.date(documents[position])))
        widest[1] = max(widest[1], DisplayWidth.width(of: LibraryColumns.province(documents[position])))
        widest[2] = max(widest[2], DisplayWidth.width(of: LibraryColumns.number(documents[position])))
        widest[3] = max(widest[3], DisplayWidth.width(of: LibraryColumns.type(documents[position])))
      }
    }
    let bounds = [10...40, 8...80, 6...80, 4...80]
    return zip(widest, bounds).map { min($1.upperBound, max($1.lowerBound, $0)) }
  }

  /// `Corpus.warningCount`, reading each document's count where it lies: a document of a
  /// snapshot knows it without decoding its warnings.
  private static func warningCount(of corpus: Corpus) -> Int {
    corpus.documents.withUnsafeBufferPointer { documents in
      documents.indices.reduce(corpus.loadWarnings.count) { $0 + documents[$1].warningCount }
    }
  }

  private static func monthNumbers(of documents: [Document]) -> [Int32?] {
    documents.withUnsafeBufferPointer { documents in
      documents.indices.map { Sparkline.month(of: documents[$0]).map(Sparkline.monthNumber) }
    }
  }

  private static func provinceNames(
    _ documents: [Document]
  ) -> ComputedOnce<(before2025: [String], since2025: [String])> {
    ComputedOnce {
      (
        sortedNames(documents.compactMap(\.province)), sortedNames(documents.compactMap(\.province2025))
      )
    }
  }

  private static func pickerOptions(
    _ documents: [Document]
  ) -> ComputedOnce<(options: [ProvinceSelection.Option], keys: [String])> {
    ComputedOnce {
      let options = Library.pickerOrder(ProvinceSelection.options(for: documents))
      return (options, options.map { looseName($0.name) })
    }
  }

  public func document(id: String) -> Document? {
    index(of: id).map { documents[$0] }
  }

  public func index(of id: String) -> Int? {
    indexByID.isEmpty ? documents.firstIndex { $0.id == id } : indexByID[id]
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
    // Never read while another thread builds the graph: the main thread would wait for it.
    guard !awaitsGraph else { return [] }
    return corpus.graph.responses(provinces: oldProvinces(filter)).filter { cited(id: $0.node.id) != nil }
  }

  /// The same trees as `responses(provinces:)`, narrowed from `all` (the unfiltered trees) when
  /// they are at hand.
  public func responses(provinces filter: [ProvinceChoice], narrowing all: [CentralResponse]?)
    -> [CentralResponse]
  {
    guard let all, !awaitsGraph else { return responses(provinces: filter) }
    guard let provinces = oldProvinces(filter) else { return all }
    return corpus.graph.responses(narrowing: all, to: provinces)
  }

  /// The response tree of one cited node, for a province filter.
  public func response(to node: CitedSummary, provinces filter: [ProvinceChoice] = []) -> CentralResponse? {
    guard !awaitsGraph else { return nil }
    return corpus.graph.response(to: node.id, provinces: oldProvinces(filter))
  }

  /// The diagram of a document or cited node (nil when the graph has none), for a province filter
  /// (which narrows who stands on it, never what it stands on).
  public func related(id: String, provinces filter: [ProvinceChoice] = []) -> RelatedDocuments? {
    guard !awaitsGraph else { return nil }
    return RelatedDocuments(id: id, corpus: corpus, provinces: oldProvinces(filter))
  }

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
