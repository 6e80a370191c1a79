import DirectiveKit

/// A document cited by the corpus, described from every citation of it (or from the document
/// itself when it is in the corpus).
public struct CitedSummary: Hashable, Sendable {
  public var id: String
  public var type: String?
  public var number: String?
  public var date: Day?
  public var issuer: String?
  public var subject: String?
  public var inCorpus: Bool
  public var isCentral: Bool
  /// Ids of corpus documents citing it, in list order.
  public var citing: [String]
  public var mentions: Int

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
  /// How deep in a chain of the same province it sits (0: answers the cited document directly).
  public var depth: Int
}

public struct ProvinceAnswers: Hashable, Sendable {
  public var province: String
  /// In chain order: each entry followed by those answering it.
  public var entries: [AnswerEntry]
}

public struct CitedAnswers: Hashable, Sendable {
  public var node: CitedSummary
  public var provinces: [ProvinceAnswers]
  public var citingCount: Int { provinces.reduce(0) { $0 + $1.entries.count } }
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

/// The corpus as the browser reads it: documents plus what is derived from their citations.
public final class Library: @unchecked Sendable {
  public static let unknownProvince = "(province unknown)"

  public let corpus: Corpus
  public var documents: [Document] { corpus.documents }
  /// Every cited document (central ones first, most cited first).
  public let cited: [CitedSummary]
  private let citedByID: [String: Int]
  private let searchText: [String]
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
    searchText = documents.map { document in
      [document.number, document.type, document.province, document.issuer, document.subject, document.text]
        .compactMap { $0 }.joined(separator: "\n").folded
    }
    provinces = Library.sortedNames(documents.compactMap(\.province))
    provinces2025 = Library.sortedNames(documents.compactMap(\.province2025))
    let summaries = Library.summaries(documents: documents, indexByID: indexByID)
    cited = summaries
    var citedByID: [String: Int] = [:]
    for (position, summary) in summaries.enumerated() { citedByID[summary.id] = position }
    self.citedByID = citedByID
  }

  public func document(id: String) -> Document? {
    indexByID[id].map { documents[$0] }
  }

  public func index(of id: String) -> Int? { indexByID[id] }

  public func cited(id: String) -> CitedSummary? {
    citedByID[id].map { cited[$0] }
  }

  /// Indices of documents whose text, number, type, province, issuer or subject contains every
  /// word of the query, diacritics optional.
  public func matching(_ query: String) -> [Int] {
    let words = query.folded.split(separator: " ").map(String.init)
    guard !words.isEmpty else { return Array(documents.indices) }
    return documents.indices.filter { index in
      words.allSatisfy { searchText[index].contains($0) }
    }
  }

  /// Every central cited document with the provinces answering it, most cited first.
  public func answers(provinces filter: [ProvinceChoice] = []) -> [CitedAnswers] {
    cited.filter(\.isCentral).compactMap { node in
      let answers = answers(to: node, provinces: filter)
      return filter.isEmpty || !answers.provinces.isEmpty ? answers : nil
    }
  }

  /// The documents citing `node`, grouped by province (earliest first), chains nested.
  public func answers(to node: CitedSummary, provinces filter: [ProvinceChoice] = []) -> CitedAnswers {
    let citing = node.citing.compactMap { document(id: $0) }
      .filter { document in filter.isEmpty || filter.contains { $0.matches(document) } }
    var groups: [String: [Document]] = [:]
    var order: [String] = []
    for document in citing {
      let province = document.province ?? Library.unknownProvince
      if groups[province] == nil { order.append(province) }
      groups[province, default: []].append(document)
    }
    let provinces = order.map { province in
      ProvinceAnswers(province: province, entries: chainOrder(groups[province]!, node: node))
    }
    return CitedAnswers(node: node, provinces: provinces)
  }

  private func chainOrder(_ documents: [Document], node: CitedSummary) -> [AnswerEntry] {
    let ids = Set(documents.map(\.id))
    func parent(of document: Document) -> String? {
      document.citations.first { $0.inCorpus && ids.contains($0.target) && $0.target != document.id }?.target
    }
    var children: [String: [Document]] = [:]
    var roots: [Document] = []
    for document in documents {
      if let parent = parent(of: document) {
        children[parent, default: []].append(document)
      } else {
        roots.append(document)
      }
    }
    var entries: [AnswerEntry] = []
    var seen: Set<String> = []
    func visit(_ document: Document, depth: Int) {
      guard seen.insert(document.id).inserted else { return }
      let lag = bothDays(document.date, node.date).map { $0.days(since: $1) }
      entries.append(
        AnswerEntry(
          documentID: document.id, date: document.date, notBefore: document.notBefore, lagDays: lag,
          depth: depth))
      for child in children[document.id] ?? [] { visit(child, depth: depth + 1) }
    }
    for root in roots { visit(root, depth: 0) }
    // A cycle leaves documents unreached from any root: list them rather than drop them.
    for document in documents where !seen.contains(document.id) { visit(document, depth: 0) }
    return entries
  }

  private static func sortedNames(_ names: [String]) -> [String] {
    Array(Set(names)).sorted { ($0.folded, $0) < ($1.folded, $1) }
  }

  private static func summaries(documents: [Document], indexByID: [String: Int]) -> [CitedSummary] {
    var byID: [String: CitedSummary] = [:]
    var order: [String] = []
    for document in documents {
      for citation in document.citations {
        var summary =
          byID[citation.target]
          ?? CitedSummary(
            id: citation.target, type: nil, number: nil, date: nil, issuer: nil, subject: nil,
            inCorpus: citation.inCorpus, isCentral: false, citing: [], mentions: 0)
        if byID[citation.target] == nil { order.append(citation.target) }
        summary.type = summary.type ?? citation.type
        summary.number = summary.number ?? citation.number
        summary.date = summary.date ?? citation.date
        if (citation.issuer?.count ?? 0) > (summary.issuer?.count ?? 0) { summary.issuer = citation.issuer }
        if (citation.subject?.count ?? 0) > (summary.subject?.count ?? 0) {
          summary.subject = citation.subject
        }
        if !summary.citing.contains(document.id) { summary.citing.append(document.id) }
        summary.mentions += citation.mentions
        byID[citation.target] = summary
      }
    }
    var result: [CitedSummary] = order.map { id in
      var summary = byID[id]!
      if summary.inCorpus, let index = indexByID[id] {
        let document = documents[index]
        summary.type = document.type ?? summary.type
        summary.number = document.number ?? summary.number
        summary.date = document.date ?? summary.date
        summary.issuer = document.issuer ?? summary.issuer
        summary.subject = document.subject ?? summary.subject
        summary.isCentral = document.level == .central
      } else {
        summary.isCentral = isCentral(issuer: summary.issuer, number: summary.number)
      }
      return summary
    }
    result = result.enumerated().sorted { lhs, rhs in
      let left = (lhs.element.isCentral ? 0 : 1, -lhs.element.citing.count, lhs.offset)
      let right = (rhs.element.isCentral ? 0 : 1, -rhs.element.citing.count, rhs.offset)
      return left < right
    }.map(\.element)
    return result
  }

  /// Whether a cited document comes from a national body, judged by its issuer or number code.
  static func isCentral(issuer: String?, number: String?) -> Bool {
    if let number {
      let code = number.uppercased()
      for suffix in ["/TW", "/VPTW", "-TTG", "-CP", "-VPCP", "/QH", "-BYT", "-BCĐQG", "/BCĐQG"]
      where code.hasSuffix(suffix) {
        return true
      }
    }
    guard let issuer = issuer?.folded else { return false }
    if issuer.contains("tinh") || issuer.contains("huyen") || issuer.contains("thanh pho") { return false }
    let national = [
      "bo chinh tri", "ban bi thu", "trung uong", "chinh phu", "thu tuong", "quoc hoi", "tong bi thu",
      "chu tich nuoc", "ban chi dao quoc gia", "bo ",
    ]
    return national.contains { issuer.hasPrefix($0) || issuer.contains($0) && $0 != "bo " }
  }
}

private func bothDays(_ first: Day?, _ second: Day?) -> (Day, Day)? {
  guard let first, let second else { return nil }
  return (first, second)
}
