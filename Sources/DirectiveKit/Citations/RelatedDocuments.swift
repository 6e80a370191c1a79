/// One document's place among the documents around it: the data of its diagram.
///
/// The document (`center`) sits in the middle. `above` is what it stands on: the documents it
/// cites, grouped by what it does with them. `below` is what stands on it: the documents of the
/// corpus that cite it, grouped by what they do with it, each followed by the documents of the
/// corpus that answer it in turn (a letter answering a letter answering a central conclusion),
/// so a chain reads top to bottom.
///
/// Groups hold their entries flat, in display order (pre-order: an entry, then the entries that
/// answer it, then its next sibling), with `depth` and `parent` giving the tree. Nothing here is
/// recursive: a chain of any length is built, stored, freed and walked without deep calls.
///
/// ```swift
/// if let related = RelatedDocuments(id: "ext:ket-luan:7-kl-tw:vn:2021", corpus: corpus) {
///   for group in related.below {
///     print(group.title)
///     for entry in group.entries { print(String(repeating: "  ", count: entry.depth + 1) + entry.label) }
///   }
/// }
/// ```
public struct RelatedDocuments: Sendable {
  /// A document in the diagram: the center, a document it cites, or a document citing it.
  public struct Entry: Sendable, Hashable {
    /// The graph node's id: a corpus document's id or an external `ext:` key.
    public var id: String
    /// `document` when the corpus holds it, else `external`.
    public var kind: NodeKind
    /// `Kết luận 07-KL/TW`, `Luật Đất đai`, `Công văn 215-CV/TU`.
    public var label: String
    public var level: Level
    public var type: String?
    public var number: String?
    public var date: Day?
    /// For an undated corpus document, the latest date it cites (it cannot be older).
    public var notBefore: Day?
    public var issuer: String?
    /// Before the 2025 merger; for an external node, the province whose number it is.
    public var province: String?
    /// Above: what the center does with this document. Below: what this document does with the
    /// document it is shown under (the center at depth 0, else its `parent`). Nil for the center.
    public var relation: Relation?
    /// Days from the earlier document to the later one: above, from this document to the
    /// center; below, from the document it is shown under to this one. Nil when a date is missing.
    public var lagDays: Int?
    /// True when `lagDays` counts from the later document's `notBefore` (its date is unknown):
    /// the real lag is at least that.
    public var lagIsLowerBound: Bool
    /// 0 for a document citing or cited by the center directly; n for the n-th letter of a chain.
    public var depth: Int
    /// Below, depth > 0: the id of the entry this one answers (shown under).
    public var parent: String?
    /// True when this document and the center are linked by a citation of their own (always
    /// above and at depth 0; below, deeper, when a chain letter also cites the center itself).
    public var direct: Bool

    public init(
      id: String, kind: NodeKind, label: String, level: Level, type: String?, number: String?, date: Day?,
      notBefore: Day?, issuer: String?, province: String?, relation: Relation?, lagDays: Int?,
      lagIsLowerBound: Bool, depth: Int, parent: String?, direct: Bool
    ) {
      self.id = id
      self.kind = kind
      self.label = label
      self.level = level
      self.type = type
      self.number = number
      self.date = date
      self.notBefore = notBefore
      self.issuer = issuer
      self.province = province
      self.relation = relation
      self.lagDays = lagDays
      self.lagIsLowerBound = lagIsLowerBound
      self.depth = depth
      self.parent = parent
      self.direct = direct
    }
  }

  /// Entries sharing a relation to the center, under a title.
  public struct Group: Sendable, Hashable {
    /// The relations of the group's depth-0 entries: one, or `guides, amends, replaces,
    /// repeals` together above, `refers, unknown` together on either side.
    public var relations: [Relation]
    /// `Implements`, `Implemented by`, … in words a person reads.
    public var title: String
    /// In display order: each depth-0 entry followed by the chain answering it (pre-order).
    public var entries: [Entry]

    public init(relations: [Relation], title: String, entries: [Entry]) {
      self.relations = relations
      self.title = title
      self.entries = entries
    }

    /// The entries shown directly under `id` (its answers), in display order.
    public func children(of id: String) -> [Entry] { entries.filter { $0.parent == id } }
  }

  /// The document in the middle (`relation` nil, depth 0).
  public var center: Entry
  /// What the center cites, in the order of `aboveOrder`; empty groups left out.
  public var above: [Group]
  /// Corpus documents citing the center and their chains, in the order of `belowOrder`;
  /// empty groups left out.
  public var below: [Group]

  /// Groups above, in order: what the center stands on first, what it merely mentions last.
  public static let aboveOrder: [(relations: [Relation], title: String)] = [
    ([.implements], "Implements"),
    ([.pursuant], "Pursuant to"),
    ([.accordingTo], "According to"),
    ([.guides, .amends, .replaces, .repeals], "Guides, amends, replaces or repeals"),
    ([.refers, .unknown], "Mentions"),
  ]

  /// Groups below, in order: who implements it first.
  public static let belowOrder: [(relations: [Relation], title: String)] = [
    ([.implements], "Implemented by"),
    ([.guides], "Guided by"),
    ([.amends], "Amended by"),
    ([.replaces], "Replaced by"),
    ([.repeals], "Repealed by"),
    ([.pursuant], "Cited as legal basis by"),
    ([.accordingTo], "Followed by"),
    ([.refers, .unknown], "Mentioned by"),
  ]

  /// The diagram of node `id` (a corpus document or an external node); nil when the graph has
  /// no such node. With `provinces`, only documents of those provinces (names as in `province`)
  /// are shown below, and chains continue through them only; above is never narrowed.
  public init?(id: String, corpus: Corpus, provinces: Set<String>? = nil) {
    guard let node = corpus.graph.node(id) else { return nil }
    let centerDocument = corpus.document(id: id)
    center = Self.entry(
      node, document: centerDocument, relation: nil, lag: nil, depth: 0, parent: nil, direct: true)
    above = Self.above(center: center, document: centerDocument, corpus: corpus)
    below = Self.below(center: center, corpus: corpus, provinces: provinces)
  }

  /// Every entry above and below, in display order.
  public var allEntries: [Entry] { (above + below).flatMap(\.entries) }

  // MARK: - Building

  static func entry(
    _ node: GraphNode, document: Document?, relation: Relation?, lag: (days: Int, lowerBound: Bool)?,
    depth: Int, parent: String?, direct: Bool
  ) -> Entry {
    Entry(
      id: node.id, kind: node.kind, label: node.label, level: node.level, type: node.type,
      number: node.number, date: node.date, notBefore: document?.date == nil ? document?.notBefore : nil,
      issuer: node.issuer, province: node.province, relation: relation, lagDays: lag?.days,
      lagIsLowerBound: lag?.lowerBound ?? false, depth: depth, parent: parent, direct: direct)
  }

  /// Days from `earlier` to `later`: by date, else from the later one's `notBefore` (a lower bound).
  static func lag(from earlier: Day?, to later: Day?, laterNotBefore: Day?) -> (days: Int, lowerBound: Bool)?
  {
    guard let earlier else { return nil }
    if let later { return (later.days(since: earlier), false) }
    if let laterNotBefore { return (laterNotBefore.days(since: earlier), true) }
    return nil
  }

  /// The relation `document` has with `target`: the strongest of its citations resolving there.
  static func relation(of document: Document, to target: String) -> Relation? {
    Relation.strongest(document.citations.filter { $0.target == target }.map(\.relation))
  }

  static func above(center: Entry, document: Document?, corpus: Corpus) -> [Group] {
    guard let document else { return [] }
    var seen = Set<String>()
    var entries: [Entry] = []
    for citation in document.citations where seen.insert(citation.target).inserted {
      guard let node = corpus.graph.node(citation.target) else { continue }
      let relation = relation(of: document, to: citation.target) ?? citation.relation
      let lag = lag(from: node.date, to: document.date, laterNotBefore: document.notBefore)
      entries.append(
        entry(
          node, document: corpus.document(id: node.id), relation: relation, lag: lag, depth: 0, parent: nil,
          direct: true))
    }
    return aboveOrder.compactMap { order in
      let members = entries.filter { order.relations.contains($0.relation ?? .refers) }
      return members.isEmpty ? nil : Group(relations: order.relations, title: order.title, entries: members)
    }
  }

  /// The corpus documents reachable from the center by following "is cited by", each placed
  /// under one document it cites: the latest earlier one of the chain, else the center. Built
  /// in passes over sorted arrays and an explicit stack, never by recursion.
  static func below(center: Entry, corpus: Corpus, provinces: Set<String>?) -> [Group] {
    let graph = corpus.graph
    func kept(_ document: Document) -> Bool {
      guard let provinces else { return true }
      return document.province.map(provinces.contains) ?? false
    }
    // Members: every corpus document citing the center, or citing a member.
    var members: [String: Document] = [:]
    var frontier = [center.id]
    while let next = frontier.popLast() {
      for citer in graph.citing(next) where citer != center.id && members[citer] == nil {
        guard let document = corpus.document(id: citer), kept(document) else { continue }
        members[citer] = document
        frontier.append(citer)
      }
    }
    guard !members.isEmpty else { return [] }
    // Order: by date (undated by notBefore, then last), then id.
    let far = Day(year: 2100, month: 12, day: 31)!
    let ordered = members.values.sorted { a, b in
      let x = a.sortDate ?? far
      let y = b.sortDate ?? far
      return x != y ? x < y : a.id < b.id
    }
    var rank: [String: Int] = [:]
    for (position, document) in ordered.enumerated() { rank[document.id] = position }
    // Parents: the latest member placed before it that it cites, else the center when it
    // cites the center; what is left is placed from the documents it cites once those are.
    var parent: [String: String] = [:]
    var deferred: [Document] = []
    for document in ordered {
      let placedCited = document.citations.compactMap { citation -> Int? in
        guard citation.inCorpus, citation.target != document.id, parent[citation.target] != nil else {
          return nil
        }
        return rank[citation.target]
      }
      if let latest = placedCited.max() {
        parent[document.id] = ordered[latest].id
      } else if document.citations.contains(where: { $0.target == center.id }) {
        parent[document.id] = center.id
      } else {
        deferred.append(document)
      }
    }
    var queue = ordered.filter { parent[$0.id] != nil }.map(\.id)
    var head = 0
    while head < queue.count, !deferred.isEmpty {
      let placed = queue[head]
      head += 1
      for citer in graph.citing(placed) where members[citer] != nil && parent[citer] == nil {
        parent[citer] = placed
        queue.append(citer)
      }
    }
    var children: [String: [String]] = [:]
    for document in ordered {
      if let above = parent[document.id] { children[above, default: []].append(document.id) }
    }
    // Entries: each root's chain in pre-order, by an explicit stack.
    var groups: [[Entry]] = Array(repeating: [], count: belowOrder.count)
    for root in children[center.id] ?? [] {
      guard let rootDocument = members[root] else { continue }
      let rootRelation = relation(of: rootDocument, to: center.id) ?? .refers
      let slot = belowOrder.firstIndex { $0.relations.contains(rootRelation) } ?? belowOrder.count - 1
      var stack: [(id: String, depth: Int)] = [(root, 0)]
      while let (id, depth) = stack.popLast() {
        guard let document = members[id], let node = graph.node(id) else { continue }
        let above = parent[id] ?? center.id
        let aboveNode = above == center.id ? nil : graph.node(above)
        let cited = aboveNode?.date ?? (above == center.id ? center.date : nil)
        let relation = relation(of: document, to: above) ?? .refers
        let direct = above == center.id || document.citations.contains { $0.target == center.id }
        groups[slot].append(
          entry(
            node, document: document, relation: relation,
            lag: lag(from: cited, to: document.date, laterNotBefore: document.notBefore), depth: depth,
            parent: depth == 0 ? nil : above, direct: direct))
        for child in (children[id] ?? []).reversed() { stack.append((child, depth + 1)) }
      }
    }
    return belowOrder.indices.compactMap { index in
      groups[index].isEmpty
        ? nil
        : Group(
          relations: belowOrder[index].relations, title: belowOrder[index].title, entries: groups[index])
    }
  }
}

extension Relation {
  /// Strongest first: what changes the cited document's force (repeals, replaces, amends),
  /// then what carries it out (guides, implements), then what rests on it (pursuant,
  /// according to), then a bare mention, then an unclear cue. When a document cites the same
  /// document more than once, the graph's edge carries the strongest of those relations.
  public static let byStrength: [Relation] = [
    .repeals, .replaces, .amends, .guides, .implements, .pursuant, .accordingTo, .refers, .unknown,
  ]

  /// The strongest of `relations` (see `byStrength`); nil when there are none.
  public static func strongest(_ relations: [Relation]) -> Relation? {
    relations.min { byStrength.firstIndex(of: $0)! < byStrength.firstIndex(of: $1)! }
  }
}
