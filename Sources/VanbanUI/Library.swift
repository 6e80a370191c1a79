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

/// One document answering a cited document, with its lag.
public struct AnswerEntry: Hashable, Sendable {
  public var documentID: String
  public var date: Day?
  public var notBefore: Day?
  /// Days from the cited document's date to this one's; nil when either is undated.
  public var lagDays: Int?
  /// How deep in a chain of the same province it sits (0: cites the cited document directly).
  public var depth: Int
  /// What it does with the cited document; nil when it only answers an answer.
  public var relation: Relation?
  /// The letter of its province it answers, in a chain.
  public var answers: String?
  /// Whether it answers the cited document (`implements`, `according_to`, from a province).
  public var isAnswer: Bool { relation.map(Relation.answering.contains) ?? false }
}

public struct ProvinceAnswers: Hashable, Sendable {
  public var province: String
  /// In chain order: each entry followed by those answering it.
  public var entries: [AnswerEntry]
}

public struct CitedAnswers: Hashable, Sendable {
  public var node: CitedSummary
  public var provinces: [ProvinceAnswers]
  /// Documents citing it directly: what `vanban cited-by` lists.
  public var citingCount = 0
  /// Their known provinces; `(province unknown)` is never one.
  public var provinceCount = 0
  /// Of `citingCount`, those answering it (`implements`, `according_to`, from a province).
  public var answeringCount = 0
  /// Letters shown that do not cite it but answer an answer, in the same province.
  public var chainedCount = 0
  public var otherCount: Int { citingCount - answeringCount }

  /// `3 documents in 2 provinces`: the figures of `cited-by`.
  public var headline: String {
    "\(ScreenRows.counted(citingCount, "document")) in \(ScreenRows.counted(provinceCount, "province"))"
  }

  /// `2 answer it, 1 cites it otherwise · 1 more answers those answers`.
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

/// A diagram asked for: its document and the province filter.
private struct RelatedKey: Hashable {
  var id: String
  var filter: [ProvinceChoice]
}

/// Which province a filter names: a province as it was before the 2025 merger, or after.
public struct ProvinceChoice: Hashable, Sendable {
  public var name: String
  public var is2025: Bool
  public init(name: String, is2025: Bool) {
    self.name = name
    self.is2025 = is2025
  }
  public func matches(_ document: Document) -> Bool {
    is2025 ? document.province2025 == name : document.province == name
  }
  public var label: String { is2025 ? "\(name) (2025)" : name }
}

/// The corpus as the browser reads it: documents, with the citation graph's view of what they cite.
public final class Library: @unchecked Sendable {
  public static let unknownProvince = CitationGraph.unknownProvince

  public let corpus: Corpus
  public var documents: [Document] { corpus.documents }
  /// Every cited document (central ones first, most cited first).
  public let cited: [CitedSummary]
  private let citedByID: [String: Int]
  /// Province, issuer, number and type of each document, folded: what the list shows besides the text.
  private let foldedMetadata: [[UInt8]]
  private let indexLock = NSLock()
  private var builtIndex: SearchIndex?
  /// The last query and its matches: moving through a filtered list asks for them on every key.
  private var lastMatch: (query: String, documents: [Int])?
  /// The graph's answers for each province filter asked for.
  private var answersByFilter: [[ProvinceChoice]: [CitedAnswers]] = [:]
  private var answersComputed = 0
  private var relatedKept: [(key: RelatedKey, value: RelatedDocuments?)] = []
  private let indexByID: [String: Int]
  /// Provinces present, before and after 2025, in alphabetical (folded) order.
  public let provinces: [String]
  public let provinces2025: [String]

  public init(corpus: Corpus) {
    self.corpus = corpus
    let documents = corpus.documents
    var indexByID: [String: Int] = [:]
    for (position, document) in documents.enumerated() { indexByID[document.id] = position }
    self.indexByID = indexByID
    foldedMetadata = documents.map { document in
      [document.province, document.province2025, document.issuer, document.number, document.type]
        .compactMap { $0 }.joined(separator: " ").folded.utf8.map { $0 }
    }
    provinces = Library.sortedNames(documents.compactMap(\.province))
    provinces2025 = Library.sortedNames(documents.compactMap(\.province2025))
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

  public func document(id: String) -> Document? {
    indexByID[id].map { documents[$0] }
  }

  public func index(of id: String) -> Int? { indexByID[id] }

  public func cited(id: String) -> CitedSummary? {
    citedByID[id].map { cited[$0] }
  }

  /// The search index, built on first use (or by `prepareSearch` on another thread).
  public var searchIndex: SearchIndex {
    indexLock.lock()
    defer { indexLock.unlock() }
    if let builtIndex { return builtIndex }
    let index = SearchIndex(documents: documents)
    builtIndex = index
    return index
  }

  /// Builds the search index now, so that the first keystroke of a search does not wait for it.
  public func prepareSearch() { _ = searchIndex }

  /// Indices of the documents matching a query as it is being typed (the last word may be
  /// unfinished), diacritics optional, in list order.
  public func matching(_ query: String) -> [Int] {
    guard query.contains(where: { !$0.isWhitespace }) else { return Array(documents.indices) }
    if let cached = indexLock.withLock({ lastMatch }), cached.query == query { return cached.documents }
    let found = search(query)
    indexLock.withLock { lastMatch = (query, found) }
    return found
  }

  private func search(_ query: String) -> [Int] {
    let inText = searchIndex.matchingDocuments(SearchQuery.parse(query, lastWordIsPrefix: true))
    let words = query.folded.split(separator: " ").map { Array($0.utf8) }
    let inMetadata = foldedMetadata.indices.filter { index in
      words.allSatisfy { Library.bytes(foldedMetadata[index], contain: $0) }
    }
    guard !inMetadata.isEmpty else { return inText }
    return Array(Set(inText).union(inMetadata)).sorted()
  }

  /// Every central cited document with the provinces answering it, most cited first. Computed
  /// once for each province filter and kept: the graph screens ask for it on every key.
  public func answers(provinces filter: [ProvinceChoice] = []) -> [CitedAnswers] {
    if let kept = indexLock.withLock({ answersByFilter[filter] }) { return kept }
    let computed = corpus.graph.responses(provinces: oldProvinces(filter)).compactMap { response in
      cited(id: response.node.id).map { Library.citedAnswers($0, response) }
    }
    indexLock.withLock {
      if answersByFilter.count > 8 { answersByFilter = [:] }
      answersByFilter[filter] = computed
      answersComputed += 1
    }
    return computed
  }

  /// How many times the graph's answers were computed (for tests: never once per key).
  public var answersComputations: Int { indexLock.withLock { answersComputed } }

  /// The documents citing `node`, grouped by province (earliest first), chains nested.
  public func answers(to node: CitedSummary, provinces filter: [ProvinceChoice] = []) -> CitedAnswers {
    if let central = answers(provinces: filter).first(where: { $0.node.id == node.id }) { return central }
    let response = corpus.graph.response(to: node.id, provinces: oldProvinces(filter))
    return response.map { Library.citedAnswers(node, $0) } ?? CitedAnswers(node: node, provinces: [])
  }

  private static func citedAnswers(_ node: CitedSummary, _ response: CentralResponse) -> CitedAnswers {
    CitedAnswers(
      node: node, provinces: provinceAnswers(response), citingCount: response.citingCount,
      provinceCount: response.provinceCount, answeringCount: response.answeringCount,
      chainedCount: response.chainedCount)
  }

  /// The diagram of a document or cited node (nil when the graph has none), for a province filter
  /// (which narrows who stands on it, never what it stands on). Kept for the last few asked.
  public func related(id: String, provinces filter: [ProvinceChoice] = []) -> RelatedDocuments? {
    let key = RelatedKey(id: id, filter: filter)
    if let kept = indexLock.withLock({ relatedKept.first { $0.key == key } }) { return kept.value }
    let computed = RelatedDocuments(id: id, corpus: corpus, provinces: oldProvinces(filter))
    indexLock.withLock {
      relatedKept.insert((key, computed), at: 0)
      if relatedKept.count > 16 { relatedKept.removeLast() }
    }
    return computed
  }

  /// Replaced and repealed documents, and the documents resting on them after.
  public var signals: Signals { corpus.signals }

  /// The pre-2025 provinces a filter selects; nil when there is no filter.
  private func oldProvinces(_ filter: [ProvinceChoice]) -> Set<String>? {
    guard !filter.isEmpty else { return nil }
    return Set(
      documents.filter { document in filter.contains { $0.matches(document) } }.compactMap(\.province))
  }

  /// Entries with their depth in the chain of letters answering letters.
  private static func provinceAnswers(_ response: CentralResponse) -> [ProvinceAnswers] {
    response.provinces.map { group in
      var depth: [String: Int] = [:]
      let entries = group.entries.map { entry -> AnswerEntry in
        let level = entry.answers.flatMap { depth[$0] }.map { $0 + 1 } ?? 0
        depth[entry.documentID] = level
        return AnswerEntry(
          documentID: entry.documentID, date: entry.date, notBefore: entry.notBefore, lagDays: entry.lagDays,
          depth: level, relation: entry.relation, answers: entry.answers)
      }
      return ProvinceAnswers(province: group.province, entries: entries)
    }
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
