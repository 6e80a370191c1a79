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

/// One province's document answering a central one.
public struct ResponseEntry: Sendable {
  public var documentID: String
  public var date: Day?
  public var notBefore: Day?
  /// Days from the central document's date to this one's; nil when either is undated.
  public var lagDays: Int?
  /// Another entry of the same province that this one cites: the chain it continues.
  public var answers: String?
}

public struct ProvinceResponse: Sendable {
  public var province: String
  public var entries: [ResponseEntry]
}

public struct CentralResponse: Sendable {
  public var node: GraphNode
  public var provinces: [ProvinceResponse]
  /// How many corpus documents cite it directly.
  public var citingCount: Int
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
    return central.sorted { a, b in
      if a.citingCount != b.citingCount { return a.citingCount > b.citingCount }
      return (a.node.date ?? Day(year: 2100, month: 1, day: 1)!)
        < (b.node.date ?? Day(year: 2100, month: 1, day: 1)!)
    }
  }

  /// The corpus documents answering one node, grouped by province (earliest answer first), with
  /// the letters of the same province that answer those; nil when nothing (in `provinces`) cites it.
  public func response(to id: String, provinces: Set<String>? = nil) -> CentralResponse? {
    guard let node = node(id) else { return nil }
    let direct = citing(id)
    guard !direct.isEmpty else { return nil }
    var members = Set(direct)
    var frontier = direct
    while let next = frontier.popLast() {
      guard let province = documentsByID[next]?.province else { continue }
      for answer in citing(next)
      where !members.contains(answer) && documentsByID[answer]?.province == province {
        members.insert(answer)
        frontier.append(answer)
      }
    }
    var groups: [String: [ResponseEntry]] = [:]
    for member in members {
      guard let document = documentsByID[member] else { continue }
      let province = document.province ?? Self.unknownProvince
      if let provinces, !provinces.contains(province) { continue }
      let answers = document.citations.first {
        $0.inCorpus && members.contains($0.target) && $0.target != member
      }?.target
      let lag = document.date.flatMap { day in node.date.map { day.days(since: $0) } }
      groups[province, default: []].append(
        ResponseEntry(
          documentID: member, date: document.date, notBefore: document.notBefore, lagDays: lag,
          answers: answers))
    }
    guard !groups.isEmpty else { return nil }
    let ordered = groups.map { ProvinceResponse(province: $0.key, entries: Self.chainOrder($0.value)) }
      .sorted { a, b in
        let first = Self.earliest(a.entries)
        let second = Self.earliest(b.entries)
        if first.undated != second.undated { return !first.undated }
        if first.day != second.day { return first.day < second.day }
        return a.province.folded < b.province.folded
      }
    return CentralResponse(node: node, provinces: ordered, citingCount: direct.count)
  }

  /// Edges into a node: how often the corpus mentions it.
  public func mentions(of id: String) -> Int { mentionsIndex[id] ?? 0 }

  /// The first dated response; a province that answered only undated comes after the dated ones.
  static func earliest(_ entries: [ResponseEntry]) -> (undated: Bool, day: Day) {
    let far = Day(year: 2100, month: 1, day: 1)!
    if let dated = entries.compactMap(\.date).min() { return (false, dated) }
    return (true, entries.compactMap(\.notBefore).min() ?? far)
  }

  /// Entries a chain answers come before the entries answering them; otherwise by date.
  static func chainOrder(_ entries: [ResponseEntry]) -> [ResponseEntry] {
    let byDate = entries.sorted { a, b in
      let x = a.date ?? a.notBefore
      let y = b.date ?? b.notBefore
      if x != y {
        return (x ?? Day(year: 2100, month: 1, day: 1)!) < (y ?? Day(year: 2100, month: 1, day: 1)!)
      }
      return a.documentID < b.documentID
    }
    var placed: [ResponseEntry] = []
    var placedIDs: Set<String> = []
    func place(_ entry: ResponseEntry) {
      guard !placedIDs.contains(entry.documentID) else { return }
      placedIDs.insert(entry.documentID)
      placed.append(entry)
      for child in byDate where child.answers == entry.documentID { place(child) }
    }
    let ids = Set(entries.map(\.documentID))
    for entry in byDate where entry.answers == nil || !ids.contains(entry.answers!) { place(entry) }
    for entry in byDate { place(entry) }
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
    func mostCommon(_ values: [String]) -> String? {
      var counts: [String: Int] = [:]
      for value in values { counts[value, default: 0] += 1 }
      return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key.count < $1.key.count) }?.key
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
