import XCTest

@testable import DirectiveKit

/// Search respects what was typed: marks filter when typed, only the word being typed is a
/// prefix, words typed together rank as a phrase, and the level and unknown-province filters.
final class SearchSmartCaseTests: XCTestCase {
  static let documents: [Document] = {
    func make(_ id: String, _ text: String, province: String? = nil, level: Level = .province) -> Document {
      var document = Document(id: id, file: id + ".txt", text: text)
      document.province = province
      document.province2025 = province.flatMap { Gazetteer.standard.province(named: $0)?.name2025 }
      document.level = level
      return document
    }
    return [
      make("disaster", "Công tác phòng chống thiên tai năm nay.", province: "Nam Định"),
      make("present", "Thiện chí hiện tại của các đơn vị.", province: "Hồ Chí Minh"),
      make(
        "scattered", "Thiên nhiên tươi đẹp; tai nạn giao thông, tai nạn lao động, tai nạn.", level: .central),
      make("together", "Thiên tai.", province: nil, level: .unknown),
      make("conclusion", "Kết luận của hội nghị.", province: "Nam Định"),
    ]
  }()

  static let index = SearchIndex(documents: documents)

  private func ids(_ query: String, typing: Bool = false) -> [String] {
    Self.index.matchingDocuments(SearchQuery.parse(query, lastWordIsPrefix: typing)).map {
      Self.documents[$0].id
    }
  }

  private func ranked(_ query: String) -> [String] {
    Self.index.search(query).map { Self.documents[$0.document].id }
  }

  func testAWordTypedWithMarksMatchesThoseMarksOnly() {
    XCTAssertEqual(ids("thiên tai"), ["disaster", "scattered", "together"])
    XCTAssertEqual(ids("thiện tại"), ["present"])
    XCTAssertEqual(ids("thien tai"), ["disaster", "present", "scattered", "together"])
    XCTAssertEqual(ids("THIÊN TAI"), ids("thiên tai"), "capitals do not matter, marks do")
    XCTAssertEqual(ids("\"hiện tại\""), ["present"], "in a quoted phrase as well")
    XCTAssertEqual(ids("\"hiên tại\""), [])
  }

  func testMarksAreToldApartPastTheSeventhSpellingOfAWord() {
    // `ta` written nine ways: the spellings past the seventh share one bit of the index, and
    // the documents holding one of them are read again to tell them apart.
    let spellings = ["ta", "tà", "tá", "tả", "tã", "tạ", "tâ", "tấ", "tầ"]
    let documents = spellings.map { Document(id: $0, file: $0, text: "chữ \($0) đây") }
    let index = SearchIndex(documents: documents)
    for (position, spelling) in spellings.enumerated() where position > 0 {
      XCTAssertEqual(index.matchingDocuments(spelling), [position], spelling)
    }
    XCTAssertEqual(index.matchingDocuments("ta"), Array(spellings.indices))
  }

  func testOnlyTheWordBeingTypedIsAPrefix() {
    XCTAssertEqual(ids("ket lu", typing: true), ["conclusion"])
    XCTAssertEqual(ids("ke luan", typing: true), [], "a word followed by another is whole")
    XCTAssertEqual(ids("ket lu"), [], "a search that is not being typed has no prefix")
    XCTAssertTrue(SearchQuery.parse("ket lu", lastWordIsPrefix: true).lastWordIsPrefix)
  }

  func testWordsTypedTogetherRankAsAPhraseAboveScatteredWords() {
    // `scattered` says `tai` three times, which BM25 alone would rank first; `present` has
    // both words apart (`Thiện chí hiện tại`).
    let hits = Self.index.search("thien tai")
    XCTAssertEqual(hits.count, 4)
    XCTAssertEqual(Set(hits.prefix(2).map { Self.documents[$0.document].id }), ["disaster", "together"])
    XCTAssertTrue(
      hits.prefix(2).allSatisfy { phrase in hits.dropFirst(2).allSatisfy { $0.score < phrase.score } })
    XCTAssertEqual(Set(ranked("\"thien tai\"")), ["disaster", "together"])
    XCTAssertEqual(SearchQuery.parse("phong chong 07-KL/TW dich benh").adjacentRuns.map { $0.count }, [2, 2])
  }

  func testSnippetsMarkOnlyTheSpellingTyped() throws {
    let hit = try XCTUnwrap(Self.index.search("tại").first)
    XCTAssertEqual(Self.documents[hit.document].id, "present")
    XCTAssertEqual(hit.snippet.markedWords, ["tại"])
  }

  func testLevelAndUnknownProvinceFilters() {
    XCTAssertEqual(ids("level:central"), ["scattered"])
    XCTAssertEqual(ids("level:province"), ["disaster", "present", "conclusion"])
    XCTAssertEqual(ids("level:unknown"), ["together"])
    XCTAssertEqual(ids("province:unknown"), ["together"], "central documents have no province to know")
    XCTAssertEqual(ids("province:unknown thien"), ["together"])
  }

  func testProvinceFilterTakesWhatProvinceTakes() {
    for typed in ["province:hcm", "province:\"tp hcm\"", "province:sai gon", "province:tphcm"] {
      XCTAssertEqual(ids(typed), ["present"], typed)
    }
    XCTAssertNil(Self.index.provinceProblem(in: SearchQuery.parse("province:nam")), "typing in progress")
    XCTAssertNil(Self.index.provinceProblem(in: SearchQuery.parse("province:unknown")))
    XCTAssertEqual(
      Self.index.provinceProblem(in: SearchQuery.parse("province:hanoii")),
      .unknownProvince("hanoii", suggestion: "Hà Nội"))
  }
}
