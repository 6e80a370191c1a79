import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The graph's figures for a central document are `cited-by`'s, and what the graph adds (the
/// letters answering answers) is counted apart.
final class GraphCountsTests: XCTestCase {
  static let generated: Corpus = {
    let documents = CorpusGenerator(seed: 12).generate(count: 500)
    return Corpus.build(
      sources: documents.map { SourceFile(path: $0.truth.file, bytes: Array($0.text.utf8)) })
  }()

  func testGraphCountsEqualCitedByForEveryCentralDocumentOfAGeneratedCorpus() {
    let corpus = Self.generated
    let graph = corpus.graph
    let responses = graph.responses()
    let central = graph.nodes.filter { $0.level == .central && !graph.citing($0.id).isEmpty }
    XCTAssertGreaterThan(central.count, 10, "the generated corpus cites central documents")
    XCTAssertEqual(Set(responses.map(\.node.id)), Set(central.map(\.id)))
    var chained = 0
    var others = 0
    for response in responses {
      let id = response.node.id
      // What `vanban cited-by` prints: graph.citing(id), one line per document, with its province.
      let citedBy = graph.citing(id).compactMap { corpus.document(id: $0) }
      XCTAssertEqual(response.citingCount, citedBy.count, id)
      XCTAssertEqual(response.provinceCount, Set(citedBy.compactMap(\.province)).count, id)
      XCTAssertFalse(
        response.provinces.prefix(response.provinceCount).contains {
          $0.province == CitationGraph.unknownProvince
        },
        "(province unknown) is never counted as a province: \(id)")
      // The split adds up, and each part is what it says.
      let answering = citedBy.filter { document in
        document.province != nil
          && Relation.answering.contains(document.citations.first { $0.target == id }!.relation)
      }
      XCTAssertEqual(response.answeringCount, answering.count, id)
      XCTAssertEqual(response.answeringCount + response.otherCount, citedBy.count, id)
      // Everything shown is either a citing document or one of the chained letters counted apart.
      let shown = response.provinces.flatMap(\.entries)
      XCTAssertEqual(Set(shown.map(\.documentID)).count, shown.count, "each document shown once: \(id)")
      XCTAssertEqual(shown.count, response.citingCount + response.chainedCount, id)
      XCTAssertTrue(Set(citedBy.map(\.id)).isSubset(of: shown.map(\.documentID)), id)
      for entry in shown where entry.relation == nil {
        let document = corpus.document(id: entry.documentID)!
        XCTAssertFalse(document.citations.contains { $0.target == id }, "a chained letter does not cite it")
        let parent = try? XCTUnwrap(
          entry.answers.flatMap(corpus.document(id:)), "a chained letter answers one")
        XCTAssertEqual(parent?.province, document.province)
      }
      // The province groups hold exactly the provinces counted, plus (province unknown) at the end.
      let named = response.provinces.map(\.province).filter { $0 != CitationGraph.unknownProvince }
      XCTAssertEqual(
        Set(named),
        Set(citedBy.compactMap(\.province)).union(
          shown.compactMap { corpus.document(id: $0.documentID)?.province }),
        id)
      chained += response.chainedCount
      others += response.otherCount
    }
    XCTAssertGreaterThan(chained, 0, "the generated corpus has chains of letters answering letters")
    XCTAssertGreaterThan(others, 0, "and citations that do not answer")
  }

  func testTheSeedsSplitAnswersFromMentions() throws {
    let responses = ShippedCorpus.load().graph.responses()
    let conclusion = try XCTUnwrap(responses.first { $0.node.number == "07-KL/TW" })
    XCTAssertEqual(
      [conclusion.citingCount, conclusion.provinceCount, conclusion.answeringCount, conclusion.chainedCount],
      [3, 2, 3, 0])
    let notice = try XCTUnwrap(responses.first { $0.node.number == "253/TB-VPCP" })
    XCTAssertEqual([notice.citingCount, notice.answeringCount, notice.otherCount], [1, 0, 1])
    XCTAssertEqual(notice.provinces.first?.entries.first?.relation, .refers)
  }

  /// Letters of one province, each answering the one before: a chain as long as a corpus.
  func testALongChainIsOrderedWithoutRecursion() {
    let length = 100_000
    let day = Day(year: 2021, month: 6, day: 11)!
    let documents = (0..<length).map { index -> Document in
      var document = Document(id: "d\(index)", file: "d\(index).txt", text: "")
      document.level = .province
      document.province = "Nam Định"
      document.date = day
      var citation =
        index == 0
        ? Citation(type: "Kết luận", number: "1-KL/TW", date: day, issuer: nil, spans: [], key: "ext:kl")
        : Citation(
          type: "Công văn", number: nil, date: day, issuer: nil, spans: [], key: "k", target: "d\(index - 1)",
          inCorpus: true)
      citation.relation = .implements
      document.citations = [citation]
      return document
    }
    let response = CitationGraph(documents: documents).response(to: "ext:kl")
    XCTAssertEqual(response?.citingCount, 1)
    XCTAssertEqual(response?.chainedCount, length - 1)
    let entries = response?.provinces.first?.entries ?? []
    XCTAssertEqual(
      entries.map(\.documentID), (0..<length).map { "d\($0)" }, "each letter after the one it answers")
    XCTAssertEqual(entries.last?.answers, "d\(length - 2)")
  }

  func testChainOrderPutsAnswersUnderWhatTheyAnswerAndSurvivesCycles() {
    func entry(_ id: String, _ day: Int, answers: String?) -> ResponseEntry {
      ResponseEntry(
        documentID: id, date: Day(year: 2021, month: 1, day: day), notBefore: nil, lagDays: nil,
        answers: answers,
        relation: .implements)
    }
    let ordered = CitationGraph.chainOrder([
      entry("c", 3, answers: "a"), entry("b", 2, answers: nil), entry("a", 1, answers: nil),
      entry("d", 4, answers: "c"), entry("e", 5, answers: "a"), entry("x", 6, answers: "y"),
      entry("y", 7, answers: "x"),
    ])
    XCTAssertEqual(ordered.map(\.documentID), ["a", "c", "d", "e", "b", "x", "y"])
  }

  /// A decision replaces a conclusion; letters that still implement it, or rest on it, after the
  /// decision are flagged; those before it, and mere mentions, are not.
  func testDocumentsRestingOnAReplacedDocumentAreFlagged() throws {
    func document(_ id: String, _ iso: String?, _ relation: Relation, target: String = "ext:old") -> Document
    {
      var document = Document(id: id, file: "\(id).txt", text: "")
      document.level = .province
      document.province = "Nam Định"
      document.date = iso.flatMap(Day.init(iso:))
      var citation = Citation(
        type: "Kết luận", number: "1-KL/TW", date: Day(iso: "2020-01-01"), issuer: "Bộ Chính trị", spans: [],
        key: target)
      citation.relation = relation
      document.citations = [citation]
      return document
    }
    var replacing = document("new", "2022-01-10", .replaces)
    replacing.level = .central
    replacing.province = nil
    replacing.type = "Kết luận"
    replacing.number = "9-KL/TW"
    var undatedAfter = document("undated", nil, .implements)
    undatedAfter.notBefore = Day(iso: "2022-03-01")
    let corpus = Corpus(documents: [
      replacing, document("after", "2022-02-01", .implements), document("before", "2021-12-01", .implements),
      document("mention", "2022-02-01", .refers), document("basis", "2022-05-01", .pursuant),
      document("sameDay", "2022-01-10", .implements), undatedAfter,
    ])
    let signals = corpus.signals
    XCTAssertEqual(signals.supersessions["ext:old"]?.map(\.by), ["new"])
    XCTAssertEqual(Set(signals.stale.keys), ["after", "basis", "undated"])
    XCTAssertEqual(signals.stale["basis"]?.first?.relation, .pursuant)
    XCTAssertTrue(signals.isFlagged("ext:old"), "the replaced document is flagged too")
    XCTAssertFalse(signals.isFlagged("before"))
    let warning = try XCTUnwrap(corpus.document(id: "after")?.warnings.last)
    XCTAssertEqual(
      warning,
      DocumentWarning(
        .restsOnSuperseded, "implements Kết luận 1-KL/TW, which Kết luận 9-KL/TW (new) replaced on 10/01/2022"
      ))
    XCTAssertEqual(corpus.document(id: "before")?.warnings, [])
    XCTAssertEqual(corpus.document(id: "mention")?.warnings, [])
  }
}
