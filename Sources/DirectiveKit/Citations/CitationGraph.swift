public enum NodeKind: String, Sendable, Hashable {
  case document, external
}

/// A document of the corpus, or one it cites that the corpus does not hold.
public struct GraphNode: Sendable, Hashable {
  public var id: String
  public var kind: NodeKind
  /// `Kết luận 07-KL/TW`, `Điện 21/07/2021`.
  public var label: String
  public var level: Level
  public var province: String?
  public var type: String?
  public var number: String?
  public var date: Day?
  public var issuer: String?
  public var subject: String?
}

public struct GraphEdge: Sendable, Hashable {
  public var from: String
  public var to: String
  public var mentions: Int
  /// What `from` does with `to`: the strongest (`Relation.byStrength`) of the relations of its
  /// citations resolving to `to` (usually one).
  public var relation: Relation = .refers
}

/// One document of the response tree: a province's document citing a central one, or a letter
/// answering such a document.
public struct ResponseEntry: Sendable, Hashable {
  public var documentID: String
  public var date: Day?
  public var notBefore: Day?
  /// Days from the central document's date to this one's; nil when either is undated.
  public var lagDays: Int?
  /// Another entry of the same province that this one answers: the chain it continues.
  public var answers: String?
  /// What it does with the central document when it cites it; nil when it only answers an answer.
  public var relation: Relation?
  /// How deep in its province's chain it sits: 0 when it cites the central document directly
  /// (or answers a letter shown elsewhere), one more than the letter it answers otherwise.
  public var depth = 0
  /// Whether it answers the central document: `implements` or `according_to`, from a province.
  public var isAnswer: Bool { relation.map(Relation.answering.contains) ?? false }
}

/// One province's branch of the response tree, in chain order: each entry followed by those
/// answering it.
public struct ProvinceResponse: Sendable, Hashable {
  public var province: String
  public var entries: [ResponseEntry]
}

/// The response tree of a cited document: the documents citing it, counted as `cited-by` counts
/// them and split, grouped by province, with the chains of letters answering letters. The
/// commands and the browser read this one type.
public struct CentralResponse: Sendable, Hashable {
  public var node: GraphNode
  /// Every document shown: those citing it directly (any relation, any province) and those
  /// answering an answer, grouped by province; documents of no known province under
  /// `CitationGraph.unknownProvince`, which is never counted as a province.
  public var provinces: [ProvinceResponse]
  /// How many corpus documents cite it directly: what `cited-by` lists.
  public var citingCount: Int
  /// The known provinces of those documents: the distinct provinces `cited-by` names.
  public var provinceCount: Int
  /// Of `citingCount`, those answering it: `implements` or `according_to`, from a known province.
  public var answeringCount: Int
  /// Of `citingCount`, the rest: mentions, bases, guides, amendments, unclear relations.
  public var otherCount: Int { citingCount - answeringCount }
  /// Letters that do not cite it but answer, in the same province, a letter answering it.
  public var chainedCount: Int

  /// The tree as `CitationGraph.response(to:provinces:)` draws it for documents of `provinces`
  /// (`CitationGraph.unknownProvince` for those of none); nil when none of them cites it.
  public func narrowed(to provinces: Set<String>) -> CentralResponse? {
    let kept = self.provinces.filter { provinces.contains($0.province) }
    let entries = kept.flatMap(\.entries)
    let direct = entries.filter { $0.relation != nil }
    guard !direct.isEmpty else { return nil }
    let known = kept.filter { $0.province != CitationGraph.unknownProvince }
    return CentralResponse(
      node: node, provinces: kept, citingCount: direct.count,
      provinceCount: known.filter { $0.entries.contains { $0.relation != nil } }.count,
      answeringCount: known.flatMap(\.entries).filter(\.isAnswer).count,
      chainedCount: entries.count - direct.count)
  }
}

/// The citation graph: corpus documents and external documents, edges from citing to cited.
public final class CitationGraph: @unchecked Sendable {
  public let nodes: [GraphNode]
  public let edges: [GraphEdge]
  private let nodeIndex: [String: Int]
  private let citingIndex: [String: [String]]
  private let mentionsIndex: [String: Int]
  private let documentsByID: [String: Document]

  public init(documents: [Document]) {
    var nodes: [GraphNode] = []
    var edges: [GraphEdge] = []
    var citing: [String: [String]] = [:]
    var external: [String: [Citation]] = [:]
    var externalOrder: [String] = []
    var byID: [String: Document] = [:]
    for document in documents {
      byID[document.id] = document
      nodes.append(
        GraphNode(
          id: document.id, kind: .document,
          label: Self.label(type: document.type, number: document.number, date: document.date),
          level: document.level, province: document.province, type: document.type, number: document.number,
          date: document.date, issuer: document.issuer, subject: document.subject))
    }
    for document in documents {
      var relations: [String: [Relation]] = [:]
      for citation in document.citations { relations[citation.target, default: []].append(citation.relation) }
      for citation in document.citations {
        edges.append(
          GraphEdge(
            from: document.id, to: citation.target, mentions: citation.mentions,
            relation: Relation.strongest(relations[citation.target] ?? []) ?? citation.relation))
        if !(citing[citation.target]?.last == document.id) {
          citing[citation.target, default: []].append(document.id)
        }
        if !citation.inCorpus {
          if external[citation.target] == nil { externalOrder.append(citation.target) }
          external[citation.target, default: []].append(citation)
        }
      }
    }
    for id in externalOrder {
      nodes.append(Self.mergedNode(id: id, citations: external[id] ?? []))
    }
    var index: [String: Int] = [:]
    for (position, node) in nodes.enumerated() { index[node.id] = position }
    self.nodes = nodes
    self.edges = edges
    self.nodeIndex = index
    self.citingIndex = citing
    self.mentionsIndex = edges.reduce(into: [:]) { $0[$1.to, default: 0] += $1.mentions }
    self.documentsByID = byID
  }

  public func node(_ id: String) -> GraphNode? { nodeIndex[id].map { nodes[$0] } }

  /// Ids of corpus documents citing the node, in corpus order.
  public func citing(_ id: String) -> [String] { citingIndex[id] ?? [] }

  /// How documents of no known province are grouped.
  public static let unknownProvince = "(province unknown)"

  /// Central documents cited by the corpus, most cited first; under each, the provinces that
  /// answered with their documents, chains of letters answering letters included.
  public func responses(provinces: Set<String>? = nil) -> [CentralResponse] {
    let central = nodes.filter { $0.level == .central }.compactMap {
      response(to: $0.id, provinces: provinces)
    }
    return mostCitedFirst(central)
  }

  /// `responses(provinces:)` from the unfiltered trees (`responses()`), without walking the graph
  /// again: a province's group never holds another province's letters, so narrowing keeps the
  /// groups of `provinces` and counts again what they hold.
  public func responses(narrowing all: [CentralResponse], to provinces: Set<String>) -> [CentralResponse] {
    mostCitedFirst(all.compactMap { $0.narrowed(to: provinces) })
  }

  /// Most cited first, then the earliest; ties in the order of the graph's nodes.
  private func mostCitedFirst(_ responses: [CentralResponse]) -> [CentralResponse] {
    let undated = Day(year: 2100, month: 1, day: 1)!
    return responses.sorted { a, b in
      if a.citingCount != b.citingCount { return a.citingCount > b.citingCount }
      let (first, second) = (a.node.date ?? undated, b.node.date ?? undated)
      if first != second { return first < second }
      return (nodeIndex[a.node.id] ?? 0) < (nodeIndex[b.node.id] ?? 0)
    }
  }

  /// The corpus documents citing one node, grouped by province (earliest answer first), with the
  /// letters of the same province that answer those answers; nil when nothing (in `provinces`)
  /// cites it. Counts are of the documents in `provinces`.
  public func response(to id: String, provinces: Set<String>? = nil) -> CentralResponse? {
    guard let node = node(id) else { return nil }
    func kept(_ document: Document) -> Bool {
      guard let provinces else { return true }
      return provinces.contains(document.province ?? Self.unknownProvince)
    }
    let direct = citing(id).compactMap { documentsByID[$0] }.filter(kept)
    guard !direct.isEmpty else { return nil }
    var relationTo: [String: Relation] = [:]
    for document in direct {
      relationTo[document.id] = document.citations.first { $0.target == id }?.relation ?? .refers
    }
    func answersCentral(_ document: Document) -> Bool {
      document.province != nil && Relation.answering.contains(relationTo[document.id] ?? .refers)
    }
    /// The member of the same province that `document` answers, if any.
    func answered(by document: Document, among members: Set<String>) -> String? {
      guard let province = document.province else { return nil }
      return document.citations.first { citation in
        citation.inCorpus && citation.target != document.id && members.contains(citation.target)
          && Relation.answering.contains(citation.relation)
          && documentsByID[citation.target]?.province == province
      }?.target
    }
    // Chains grow from the answers: letters of the same province answering a member that answers.
    var members = Set(direct.map(\.id))
    var answering = Set(direct.filter(answersCentral).map(\.id))
    var frontier = Array(answering)
    while let next = frontier.popLast() {
      guard let province = documentsByID[next]?.province else { continue }
      for answerID in citing(next) where !answering.contains(answerID) {
        guard let answer = documentsByID[answerID], answer.province == province, kept(answer),
          answer.citations.contains(where: { $0.target == next && Relation.answering.contains($0.relation) })
        else { continue }
        members.insert(answerID)
        answering.insert(answerID)
        frontier.append(answerID)
      }
    }
    var groups: [String: [ResponseEntry]] = [:]
    for member in members {
      guard let document = documentsByID[member] else { continue }
      let province = document.province ?? Self.unknownProvince
      let lag = document.date.flatMap { day in node.date.map { day.days(since: $0) } }
      groups[province, default: []].append(
        ResponseEntry(
          documentID: member, date: document.date, notBefore: document.notBefore, lagDays: lag,
          answers: answered(by: document, among: answering), relation: relationTo[member]))
    }
    let ordered = groups.map {
      ProvinceResponse(province: $0.key, entries: Self.withDepths(Self.chainOrder($0.value)))
    }
    .sorted { a, b in
      if (a.province == Self.unknownProvince) != (b.province == Self.unknownProvince) {
        return b.province == Self.unknownProvince
      }
      let first = Self.earliest(a.entries)
      let second = Self.earliest(b.entries)
      if first.undated != second.undated { return !first.undated }
      if first.day != second.day { return first.day < second.day }
      return a.province.folded < b.province.folded
    }
    return CentralResponse(
      node: node, provinces: ordered, citingCount: direct.count,
      provinceCount: Set(direct.compactMap(\.province)).count,
      answeringCount: direct.filter(answersCentral).count, chainedCount: members.count - direct.count)
  }

  /// Edges into a node: how often the corpus mentions it.
  public func mentions(of id: String) -> Int { mentionsIndex[id] ?? 0 }

  /// The first dated response; a province that answered only undated comes after the dated ones.
  static func earliest(_ entries: [ResponseEntry]) -> (undated: Bool, day: Day) {
    let far = Day(year: 2100, month: 1, day: 1)!
    if let dated = entries.compactMap(\.date).min() { return (false, dated) }
    return (true, entries.compactMap(\.notBefore).min() ?? far)
  }

  /// Each entry's depth in its chain, for entries in chain order.
  static func withDepths(_ entries: [ResponseEntry]) -> [ResponseEntry] {
    var depth: [String: Int] = [:]
    return entries.map { entry in
      var entry = entry
      entry.depth = entry.answers.flatMap { depth[$0] }.map { $0 + 1 } ?? 0
      depth[entry.documentID] = entry.depth
      return entry
    }
  }

  /// Entries a chain answers come before the entries answering them; otherwise by date. Iterative:
  /// a chain may be as long as the corpus.
  static func chainOrder(_ entries: [ResponseEntry]) -> [ResponseEntry] {
    let far = Day(year: 2100, month: 1, day: 1)!
    let byDate = entries.sorted { a, b in
      let x = a.date ?? a.notBefore ?? far
      let y = b.date ?? b.notBefore ?? far
      if x != y { return x < y }
      return a.documentID < b.documentID
    }
    let ids = Set(entries.map(\.documentID))
    var children: [String: [Int]] = [:]
    for (position, entry) in byDate.enumerated() {
      if let parent = entry.answers, ids.contains(parent), parent != entry.documentID {
        children[parent, default: []].append(position)
      }
    }
    var placed: [ResponseEntry] = []
    placed.reserveCapacity(byDate.count)
    var placedIDs: Set<String> = []
    func place(from root: Int) {
      var stack = [root]
      while let position = stack.popLast() {
        let entry = byDate[position]
        guard placedIDs.insert(entry.documentID).inserted else { continue }
        placed.append(entry)
        // Pushed in reverse so the earliest child comes out first.
        for child in (children[entry.documentID] ?? []).reversed()
        where !placedIDs.contains(byDate[child].documentID) {
          stack.append(child)
        }
      }
    }
    for (position, entry) in byDate.enumerated() where entry.answers.map({ !ids.contains($0) }) ?? true {
      place(from: position)
    }
    // Entries in a cycle of answers: the earliest starts it.
    for position in byDate.indices { place(from: position) }
    return placed
  }

  static func label(type: String?, number: String?, date: Day?) -> String {
    let type = type ?? "Văn bản"
    if let number { return "\(type) \(number)" }
    if let date { return "\(type) \(date.vietnamese)" }
    return type
  }

  /// What every citing text says of an external document, merged: the most common value wins.
  static func mergedNode(id: String, citations: [Citation]) -> GraphNode {
    /// The value most citations give; on a tie the longer, then the one cited first, so that the
    /// answer never depends on the order of a dictionary (which changes from run to run).
    func mostCommon(_ values: [String]) -> String? {
      var counts: [String: (count: Int, first: Int)] = [:]
      for (position, value) in values.enumerated() {
        counts[value, default: (0, position)].count += 1
      }
      return counts.max { a, b in
        (a.value.count, a.key.count, -a.value.first) < (b.value.count, b.key.count, -b.value.first)
      }?.key
    }
    let type = mostCommon(citations.map(\.type))
    let number = mostCommon(citations.compactMap(\.number))
    let dateText = mostCommon(citations.compactMap { $0.date?.iso })
    let date = dateText.flatMap(Day.init(iso:))
    let issuer = mostCommon(citations.compactMap(\.issuer))
    let subject = citations.compactMap(\.subject).max { $0.count < $1.count }
    let title = mostCommon(citations.compactMap(\.title))
    let scope = citations.first?.scope ?? .national
    var province: String?
    if case .province(let name) = scope { province = name }
    return GraphNode(
      id: id, kind: .external, label: title ?? label(type: type, number: number, date: date),
      level: scope == .national ? .central : (province == nil ? .unknown : .province), province: province,
      type: type, number: number, date: date, issuer: issuer, subject: subject)
  }
}
