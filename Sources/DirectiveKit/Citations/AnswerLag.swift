/// How long each province took to answer a central document: per province, the days from the
/// central document's date to the first of its documents answering it (`implements` or
/// `according_to`), sorted, with the median; the provinces of the corpus that never answered it
/// apart. What `vanban lag` prints and the lag chart draws.
public struct AnswerLag: Sendable, Hashable {
  public struct Row: Sendable, Hashable {
    public let province: String
    /// The province's first answer.
    public let documentID: String
    /// Days from the central document to the answer; for an undated answer, to its `not_before`.
    public let days: Int
    /// True when the answer is undated and `days` counts to its `not_before`: it took at least that long.
    public let isLowerBound: Bool
  }

  public let central: GraphNode
  /// One per province that answered, fewest days first (exact days before lower bounds of the
  /// same count, then by province name).
  public let rows: [Row]
  /// The median of the exact days (lower bounds left out); nil when no answer is dated.
  public let medianDays: Double?
  /// Provinces with documents in the corpus that never answered it, by name.
  public let unanswered: [String]

  /// Nil when the node is not in the graph or has no date to count from.
  public init?(central id: String, documents: [Document], graph: CitationGraph) {
    self.init(
      central: id, citing: documents, provinces: Set(documents.compactMap(\.province)), graph: graph)
  }

  /// The same figures from fewer documents: `citing` holds at least those of the documents counted
  /// that cite the node (`CitationGraph.citing`), `provinces` the provinces of all of them.
  public init?(central id: String, citing: [Document], provinces: Set<String>, graph: CitationGraph) {
    guard let central = graph.node(id), let from = central.date else { return nil }
    var first: [String: Row] = [:]
    for document in citing {
      guard let province = document.province,
        let citation = document.citations.first(where: { $0.target == id }),
        Relation.answering.contains(citation.relation)
      else { continue }
      let row: Row
      if let date = document.date {
        row = Row(
          province: province, documentID: document.id, days: date.days(since: from), isLowerBound: false)
      } else if let notBefore = document.notBefore {
        row = Row(
          province: province, documentID: document.id, days: notBefore.days(since: from), isLowerBound: true)
      } else {
        continue
      }
      if let known = first[province], !Self.ranksBefore(row, known) { continue }
      first[province] = row
    }
    self.central = central
    rows = first.values.sorted(by: Self.ranksBefore)
    medianDays = Self.median(rows.filter { !$0.isLowerBound }.map(\.days))
    let answered = Set(first.keys)
    unanswered = provinces.subtracting(answered).sorted {
      $0.folded != $1.folded ? $0.folded < $1.folded : $0 < $1
    }
  }

  private static func ranksBefore(_ a: Row, _ b: Row) -> Bool {
    if a.days != b.days { return a.days < b.days }
    if a.isLowerBound != b.isLowerBound { return !a.isLowerBound }
    // The same name folds the same: only two provinces' names are folded.
    if a.province != b.province, a.province.folded != b.province.folded {
      return a.province.folded < b.province.folded
    }
    return a.documentID < b.documentID
  }

  static func median(_ values: [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
  }
}
