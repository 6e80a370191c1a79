extension Relation {
  /// The relations by which a provincial document answers a central one.
  public static let answering: Set<Relation> = [.implements, .accordingTo]
  /// The relations by which a document rests on another: what a replacement or repeal undermines.
  public static let resting: Set<Relation> = [.implements, .pursuant]
  /// The relations by which a document takes another out of force.
  public static let superseding: Set<Relation> = [.replaces, .repeals]
}

/// A corpus document replacing or repealing another document (in the corpus or not).
public struct Supersession: Hashable, Sendable {
  /// The node replaced or repealed.
  public var target: String
  /// The corpus document that replaces or repeals it.
  public var by: String
  /// `.replaces` or `.repeals`.
  public var relation: Relation
  /// The date of `by`, from which the target is no longer in force.
  public var date: Day
}

/// A document that still implements, or cites as basis, a document replaced or repealed before it
/// was issued: what KeyCite and Shepard's flag as citing bad law.
public struct StaleCitation: Hashable, Sendable {
  /// The citing document.
  public var document: String
  /// The node it cites.
  public var target: String
  /// `.implements` or `.pursuant`.
  public var relation: Relation
  public var supersession: Supersession
}

/// The signals of a corpus: which documents are superseded, and which documents rest on them after.
public struct Signals: Sendable {
  /// Every supersession a dated corpus document states, by the node it supersedes (earliest first).
  public let supersessions: [String: [Supersession]]
  /// Stale citations by citing document, in citation order.
  public let stale: [String: [StaleCitation]]

  public static let none = Signals(supersessions: [:], stale: [:])

  init(supersessions: [String: [Supersession]], stale: [String: [StaleCitation]]) {
    self.supersessions = supersessions
    self.stale = stale
  }

  /// A citation is stale when a corpus document dated before the citing one (by its date, month or
  /// lower bound) replaces or repeals what it implements or cites as basis.
  public init(documents: [Document]) {
    var supersessions: [String: [Supersession]] = [:]
    // By position: `for document in documents` would copy every document.
    for position in documents.indices {
      guard let date = documents[position].date else { continue }
      let id = documents[position].id
      // By index: `for citation in` would copy every citation.
      let citations = documents[position].citations
      for index in citations.indices
      where Relation.superseding.contains(citations[index].relation) && citations[index].target != id {
        supersessions[citations[index].target, default: []].append(
          Supersession(
            target: citations[index].target, by: id, relation: citations[index].relation, date: date))
      }
    }
    for key in supersessions.keys {
      supersessions[key]?.sort { ($0.date, $0.by) < ($1.date, $1.by) }
    }
    var stale: [String: [StaleCitation]] = [:]
    if !supersessions.isEmpty {
      for position in documents.indices {
        guard let issued = documents[position].sortDate else { continue }
        let id = documents[position].id
        for citation in documents[position].citations where Relation.resting.contains(citation.relation) {
          guard
            let first = supersessions[citation.target]?.first(where: {
              $0.date < issued && $0.by != id
            })
          else { continue }
          stale[id, default: []].append(
            StaleCitation(
              document: id, target: citation.target, relation: citation.relation, supersession: first
            ))
        }
      }
    }
    self.supersessions = supersessions
    self.stale = stale
  }

  /// Whether a document is flagged: it rests on a superseded document, or it is one.
  public func isFlagged(_ id: String) -> Bool { stale[id] != nil || supersessions[id] != nil }
}

extension StaleCitation {
  /// `implements Kết luận 07-KL/TW, which Kết luận 12-KL/TW (012_…) replaced on 01/08/2021`.
  public func warning(graph: CitationGraph) -> String {
    let cited = graph.node(target)?.label ?? target
    let by = graph.node(supersession.by)?.label ?? supersession.by
    let verb = supersession.relation == .repeals ? "repealed" : "replaced"
    return
      "\(relation.phrase) \(cited), which \(by) (\(supersession.by)) \(verb) on \(supersession.date.vietnamese)"
  }
}
