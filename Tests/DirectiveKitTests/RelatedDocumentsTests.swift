import XCTest

@testable import DirectiveKit

/// Documents built by hand, citations already linked: what the graph and the diagram see.
enum LinkedFixture {
  static func day(_ iso: String) -> Day { Day(iso: iso)! }

  static func document(
    _ id: String, province: String? = "Nam Định", number: String? = nil, type: String = "Công văn",
    date: String? = nil, notBefore: String? = nil, level: Level = .province,
    cites: [(target: String, relation: Relation)] = []
  ) -> Document {
    var document = Document(id: id, file: "corpus/\(id).txt", text: "")
    document.province = province
    document.number = number
    document.type = type
    document.level = level
    document.date = date.map(day)
    document.notBefore = notBefore.map(day)
    document.citations = cites.map { cited in
      let external = cited.target.hasPrefix("ext:")
      var citation = Citation(
        type: external ? "Kết luận" : "Công văn", number: external ? "07-KL/TW" : nil,
        date: external ? day("2021-06-11") : nil, issuer: external ? "Bộ Chính trị" : nil,
        spans: [Span(0, 1)],
        key: external ? String(cited.target.dropFirst(4)) : cited.target, target: cited.target,
        inCorpus: !external)
      citation.relation = cited.relation
      return citation
    }
    return document
  }

  static let conclusion = "ext:ket-luan:7-kl-tw:vn:2021"
}

final class RelatedDocumentsTests: XCTestCase {
  typealias F = LinkedFixture

  /// 07-KL/TW answered by a Nam Định letter (answered in turn by a district plan), a Kiên Giang
  /// letter, and a Nam Định notice that merely mentions it; the letter also cites a law.
  func corpus() -> Corpus {
    Corpus(documents: [
      F.document(
        "letter", number: "215-CV/TU", date: "2021-06-14",
        cites: [(F.conclusion, .implements), ("ext:luat:-:dat-dai:?", .pursuant)]),
      F.document("kg", province: "Kiên Giang", date: "2021-06-20", cites: [(F.conclusion, .implements)]),
      F.document(
        "plan", type: "Kế hoạch", notBefore: "2021-07-21",
        cites: [(F.conclusion, .implements), ("letter", .implements)]),
      F.document("notice", type: "Thông báo", date: "2021-08-01", cites: [(F.conclusion, .refers)]),
      F.document("amend", date: "2021-09-01", cites: [("letter", .amends)]),
    ])
  }

  func testBelowGroupsInOrderWithLagsAndChains() throws {
    let related = try XCTUnwrap(RelatedDocuments(id: F.conclusion, corpus: corpus()))
    XCTAssertEqual(related.center.label, "Kết luận 07-KL/TW")
    XCTAssertEqual(related.above.count, 0, "nothing is known of what an external document cites")
    XCTAssertEqual(related.below.map(\.title), ["Implemented by", "Mentioned by"])
    let implemented = related.below[0].entries
    XCTAssertEqual(
      implemented.map(\.id), ["letter", "plan", "amend", "kg"], "each root followed by its chain")
    XCTAssertEqual(implemented.map(\.depth), [0, 1, 1, 0])
    XCTAssertEqual(implemented.map(\.parent), [nil, "letter", "letter", nil])
    XCTAssertEqual(implemented.map(\.relation), [.implements, .implements, .amends, .implements])
    XCTAssertEqual(implemented[0].lagDays, 3)
    XCTAssertFalse(implemented[0].lagIsLowerBound)
    XCTAssertEqual(implemented[1].lagDays, 37, "from the letter it answers, by its not_before")
    XCTAssertTrue(implemented[1].lagIsLowerBound)
    XCTAssertTrue(implemented[1].direct, "the plan cites 07-KL/TW itself as well")
    XCTAssertFalse(implemented[2].direct)
    XCTAssertEqual(implemented[3].province, "Kiên Giang")
    XCTAssertEqual(implemented[3].lagDays, 9)
    XCTAssertEqual(related.below[0].children(of: "letter").map(\.id), ["plan", "amend"])
    XCTAssertEqual(related.below[1].entries.map(\.id), ["notice"])
    XCTAssertEqual(related.below[1].relations, [.refers, .unknown])
  }

  func testAboveGroupsWhatTheDocumentStandsOn() throws {
    let related = try XCTUnwrap(RelatedDocuments(id: "plan", corpus: corpus()))
    XCTAssertEqual(related.above.map(\.title), ["Implements"])
    XCTAssertEqual(related.above[0].entries.map(\.id), [F.conclusion, "letter"])
    XCTAssertEqual(related.above[0].entries.map(\.lagDays), [40, 37])
    XCTAssertEqual(related.above[0].entries.map(\.lagIsLowerBound), [true, true])
    XCTAssertEqual(related.below.count, 0)
    let letter = try XCTUnwrap(RelatedDocuments(id: "letter", corpus: corpus()))
    XCTAssertEqual(letter.above.map(\.title), ["Implements", "Pursuant to"])
    XCTAssertEqual(letter.above[1].entries.first?.kind, .external)
    XCTAssertEqual(letter.below.map(\.title), ["Implemented by", "Amended by"])
    XCTAssertNil(RelatedDocuments(id: "no-such", corpus: corpus()))
  }

  func testAboveOrderPutsWhatItDoesToThemTogether() throws {
    let corpus = Corpus(documents: [
      F.document("a", date: "2021-01-01"), F.document("b", date: "2021-01-02"),
      F.document("c", date: "2021-01-03"), F.document("d", date: "2021-01-04"),
      F.document(
        "new", date: "2021-02-01",
        cites: [
          ("a", .refers), ("b", .repeals), (F.conclusion, .accordingTo), ("c", .guides), ("d", .pursuant),
        ]),
    ])
    let related = try XCTUnwrap(RelatedDocuments(id: "new", corpus: corpus))
    XCTAssertEqual(
      related.above.map(\.title),
      ["Pursuant to", "According to", "Guides, amends, replaces or repeals", "Mentions"])
    XCTAssertEqual(related.above[2].entries.map(\.id), ["b", "c"])
    XCTAssertEqual(related.above[2].entries.map(\.relation), [.repeals, .guides])
    let repealed = try XCTUnwrap(RelatedDocuments(id: "b", corpus: corpus))
    XCTAssertEqual(repealed.below.map(\.title), ["Repealed by"])
  }

  func testProvincesNarrowBelow() throws {
    let related = try XCTUnwrap(
      RelatedDocuments(id: F.conclusion, corpus: corpus(), provinces: ["Kiên Giang"]))
    XCTAssertEqual(related.allEntries.map(\.id), ["kg"])
  }

  func testCitationCyclesStillPlaceEveryDocumentOnce() throws {
    let corpus = Corpus(documents: [
      F.document("x", cites: [(F.conclusion, .implements), ("y", .refers)]),
      F.document("y", cites: [("x", .refers)]),
      F.document("z", cites: [("y", .implements)]),
    ])
    let related = try XCTUnwrap(RelatedDocuments(id: F.conclusion, corpus: corpus))
    XCTAssertEqual(related.allEntries.map(\.id), ["x", "y", "z"])
    XCTAssertEqual(related.allEntries.map(\.depth), [0, 1, 2])
  }

  /// 10,000 letters each answering the one before: built, walked and freed without recursion.
  func testADeepChainDoesNotOverflowTheStack() throws {
    let count = 10_000
    var documents = [F.document("l0", date: "2021-06-12", cites: [(F.conclusion, .implements)])]
    var date = F.day("2021-06-12")
    for index in 1..<count {
      date = Day(year: 2021 + index / 300, month: index / 25 % 12 + 1, day: index % 25 + 1)!
      documents.append(F.document("l\(index)", date: date.iso, cites: [("l\(index - 1)", .implements)]))
    }
    let related = try XCTUnwrap(RelatedDocuments(id: F.conclusion, corpus: Corpus(documents: documents)))
    let entries = related.below[0].entries
    XCTAssertEqual(entries.count, count)
    XCTAssertEqual(entries.last?.depth, count - 1)
    XCTAssertEqual(entries.last?.parent, "l\(count - 2)")
    let top = try XCTUnwrap(RelatedDocuments(id: "l\(count - 1)", corpus: Corpus(documents: documents)))
    XCTAssertEqual(top.above.first?.entries.map(\.id), ["l\(count - 2)"])
  }

  func testStrongestRelation() {
    XCTAssertEqual(Relation.strongest([.refers, .implements, .pursuant]), .implements)
    XCTAssertEqual(Relation.strongest([.implements, .repeals]), .repeals)
    XCTAssertEqual(Relation.strongest([.unknown, .refers]), .refers)
    XCTAssertNil(Relation.strongest([]))
    XCTAssertEqual(Set(Relation.byStrength), Set(Relation.allCases))
  }
}
