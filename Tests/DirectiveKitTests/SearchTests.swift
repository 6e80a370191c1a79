import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

final class SearchTests: XCTestCase {
  /// The five seeds (documents 0–4, text only) followed by the documents of `extraDocuments`.
  static let corpus: [Document] = {
    let folder = Package.seedCorpus
    let files =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".txt") }
      .sorted() ?? []
    let seeds = files.map { name in
      Document(
        id: String(name.prefix(3)), file: name,
        text: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
    }
    return seeds + extraDocuments
  }()

  static let extraDocuments: [Document] = {
    func make(
      _ id: String, _ text: String, province: String? = nil, province2025: String? = nil, type: String? = nil,
      date: Day? = nil, cites: [String] = []
    ) -> Document {
      var document = Document(id: id, file: id + ".txt", text: text)
      document.province = province
      document.province2025 = province2025
      document.type = type
      document.date = date
      document.citations = cites.map { number in
        Citation(type: "Kết luận", number: number, date: nil, issuer: nil, spans: [], key: number)
      }
      return document
    }
    return [
      make(
        "d1", "Thực hiện Điện ngày 21 tháng 7 năm 2021 của Thường trực Ban Bí thư về phòng, chống dịch.",
        province: "Hà Nam", province2025: "Ninh Bình", type: "Công văn",
        date: Day(year: 2021, month: 7, day: 23),
        cites: ["07-KL/TW"]),
      make(
        "d2", "Căn cứ Công điện ngày 21-7-2021 của Thủ tướng Chính phủ; tổ chức thực hiện ngay.",
        province: "Thái Bình", province2025: "Hưng Yên", type: "Kế hoạch",
        date: Day(year: 2021, month: 8, day: 2)),
      make(
        "d3", "Theo Thông báo số 12/TB-VPCP ngày 21.07.2021, hoà bình và thuỷ lợi là trọng tâm.",
        province: "Hòa Bình", province2025: "Phú Thọ", type: "Thông báo",
        date: Day(year: 2020, month: 3, day: 1),
        cites: ["12/TB-VPCP"]),
      make(
        "d4", "Bàn giao bàn giao bàn giao hồ sơ; ban hành kế hoạch ngày 22/7/2021.",
        province: "Nam Định", province2025: "Ninh Bình", type: "Công văn",
        date: Day(year: 2022, month: 1, day: 5)),
      make(
        "d5", "Ban hành kế hoạch ban giao hồ sơ; hòa bình, thủy lợi; ngày 21/07/2020.",
        province: "Hồ Chí Minh", province2025: "Hồ Chí Minh", type: "Công văn", date: nil),
    ]
  }()

  static let index = SearchIndex(documents: corpus)

  private func ids(_ query: String) -> [String] {
    Self.index.matchingDocuments(query).map { Self.corpus[$0].id }
  }

  private func rankedIDs(_ query: String) -> [String] {
    Self.index.search(query).map { Self.corpus[$0.document].id }
  }

  func testSeedsAreRead() {
    XCTAssertEqual(Self.corpus.prefix(5).map(\.id), ["000", "001", "002", "003", "004"])
    XCTAssertTrue(Self.corpus.prefix(5).allSatisfy { $0.text.count > 3000 })
  }

  func testWordsWithoutMarksFindEverySpellingAndWithMarksTheirOwn() {
    let plain = ids("ket luan 07")
    XCTAssertEqual(Set(plain), Set(ids("Kết luận 07")))
    XCTAssertEqual(Set(rankedIDs("ket luan 07").prefix(3)), ["000", "002", "004"])
    XCTAssertEqual(ids("bon tai cho"), ["004"])
    XCTAssertEqual(ids("BỐN TẠI CHỖ"), ["004"])
    XCTAssertTrue(Set(ids("đảng")).isSubset(of: ids("dang")))
    XCTAssertFalse(ids("đảng").isEmpty)
  }

  func testEveryWordMustMatch() {
    for (first, second) in [
      ("truc", "ninh"), ("phu", "quoc"), ("bon", "truc"), ("hoa", "binh"), ("ban", "giao"),
    ] {
      let both = Set(ids(first)).intersection(ids(second))
      XCTAssertEqual(Set(ids(first + " " + second)), both, first + " " + second)
    }
    XCTAssertEqual(ids("\"truc ninh\""), ["001"])
    XCTAssertEqual(ids("\"phu quoc\""), ["002"])
    XCTAssertEqual(ids("\"phu quoc\" \"truc ninh\""), [])
    XCTAssertEqual(ids("tai cho khongcotu"), [])
  }

  func testToneMarkPlacementVariantsAreOneWord() {
    XCTAssertEqual(ids("hoà bình thuỷ lợi"), ["d3", "d5"])
    XCTAssertEqual(ids("hòa bình thủy lợi"), ["d3", "d5"])
  }

  func testPhrasesKeepWordOrder() {
    XCTAssertEqual(ids("\"bốn tại chỗ\""), ["004"])
    XCTAssertEqual(ids("\"tai cho bon\""), [])
    XCTAssertEqual(ids("tai cho bon"), ["004"])
    XCTAssertEqual(ids("\"ban giao ho so\""), ["d4", "d5"])
    XCTAssertEqual(ids("\"ho so ban giao\""), [])
  }

  func testNumbersTypedLoosely() {
    let expected = ["000", "002", "004"]
    for typed in ["07-KL/TW", "07-kl/tw", "07 KL TW", "07/KL-TW", "7-KL/TW", "\"07 - KL / TW\""] {
      XCTAssertEqual(ids(typed), expected, typed)
    }
    XCTAssertEqual(ids("215-cv/tu"), ["000", "004"])
    XCTAssertEqual(ids("2644-CV/TU"), ["003"], "written 2644 - CV/TU with spaces")
    XCTAssertEqual(ids("12-TB/VPCP"), ["d3"])
    XCTAssertEqual(ids("08-KL/TW"), [])
  }

  func testDatesInEveryFormat() {
    let july21 = ["004", "d1", "d2", "d3"]
    for typed in [
      "21/7/2021", "21-7-2021", "21.07.2021", "ngày 21 tháng 7 năm 2021", "ngay 21 thang 07 nam 2021",
    ] {
      XCTAssertEqual(ids(typed), july21, typed)
    }
    XCTAssertEqual(SearchQuery.parse("21/7/2021").dates, [Day(year: 2021, month: 7, day: 21)!])
    XCTAssertEqual(ids("11/6/2021"), ["000", "002", "004"], "002 writes 11-6-2021")
    XCTAssertEqual(ids("21/7/2020"), ["d5"])
  }

  func testFieldFilters() {
    XCTAssertEqual(ids("province:\"Nam Định\""), ["d4"])
    XCTAssertEqual(ids("province:nam dinh"), ["d4"])
    XCTAssertEqual(ids("province:ninh-binh"), ["d1", "d4"], "after the 2025 merger")
    XCTAssertEqual(ids("province:\"Thành phố Hồ Chí Minh\""), ["d5"])
    XCTAssertEqual(ids("type:cong van"), ["d1", "d4", "d5"])
    XCTAssertEqual(ids("type:\"Kế hoạch\" ban hanh"), [])
    XCTAssertEqual(ids("type:ke hoach"), ["d2"])
    XCTAssertEqual(ids("year:2021"), ["d1", "d2"])
    XCTAssertEqual(ids("year:2021 cong dien"), ["d2"])
    XCTAssertEqual(ids("cites:07-KL/TW"), ["d1"])
    XCTAssertEqual(ids("cites:07 kl tw"), ["d1"])
    XCTAssertEqual(ids("cites:12/TB-VPCP hoa binh"), ["d3"])
    XCTAssertEqual(ids("province:nam dinh year:2021"), [])
  }

  func testParsedQuery() {
    let query = SearchQuery.parse(
      "Kết luận \"phòng, chống dịch\" 07-KL/TW province:\"Nam Định\" type:cong van year:2021")
    XCTAssertEqual(query.terms, ["ket", "luan"])
    XCTAssertEqual(query.phrases, [["phong", "chong", "dich"]])
    XCTAssertEqual(query.numbers, ["7.kl.tw"])
    XCTAssertEqual(query.province, "namdinh")
    XCTAssertEqual(query.type, "congvan")
    XCTAssertEqual(query.year, 2021)
    XCTAssertNil(query.cites)
    XCTAssertTrue(SearchQuery.parse("   ").isEmpty)
  }

  func testRankingByFrequency() {
    let documents = [
      Document(
        id: "once", file: "a", text: "Ban hành kế hoạch bàn giao hồ sơ cho các sở, ban, ngành của tỉnh."),
      Document(id: "thrice", file: "b", text: "Bàn giao hồ sơ; bàn giao thiết bị; bàn giao kinh phí."),
      Document(id: "none", file: "c", text: "Tổ chức hội nghị trực tuyến."),
      Document(id: "rare", file: "d", text: "Bàn giao trụ sở. Hội nghị bàn giao."),
    ]
    let index = SearchIndex(documents: documents)
    let hits = index.search("ban giao")
    XCTAssertEqual(hits.map { documents[$0.document].id }, ["thrice", "rare", "once"])
    XCTAssertTrue(zip(hits, hits.dropFirst()).allSatisfy { $0.score > $1.score })
    // A rarer word weighs more: `hoi nghi` is in two documents, `ho so` in two, `tru so` in one.
    XCTAssertEqual(index.search("hoi nghi tru").map { documents[$0.document].id }, ["rare"])
    XCTAssertEqual(index.search("ban giao ho so", limit: 1).map { documents[$0.document].id }, ["thrice"])
  }

  func testMarksTypedFilterWhateverTheFrequency() {
    let documents = [
      Document(id: "a", file: "a", text: "ban ban ban ban ban hành"),
      Document(id: "b", file: "b", text: "bản hành chính"),
    ]
    let index = SearchIndex(documents: documents)
    XCTAssertEqual(index.search("ban").map(\.document), [0, 1])
    XCTAssertEqual(index.search("bản").map(\.document), [1])
  }

  func testSnippetsMarkTheMatches() {
    let hit = Self.index.search("bon tai cho").first!
    XCTAssertEqual(hit.document, 4)
    XCTAssertEqual(hit.snippet.markedWords.map(\.folded), ["bon tai cho"])
    XCTAssertTrue(hit.snippet.text.contains("phương châm “bốn tại chỗ”"))
    let numbered = Self.index.search("07-KL/TW").first!
    XCTAssertTrue(numbered.snippet.markedWords.contains("07-KL/TW"), "\(numbered.snippet)")
    let dated = Self.index.search("21/7/2021", limit: 10).first { Self.corpus[$0.document].id == "d2" }!
    XCTAssertEqual(dated.snippet.markedWords, ["21-7-2021"])
    XCTAssertEqual(Self.index.search("ket luan", limit: 2).count, 2)
  }

  func testPrefixOfTheLastWordWhileTyping() {
    let typing = SearchQuery.parse("bon tai ch", lastWordIsPrefix: true)
    XCTAssertEqual(Self.index.matchingDocuments(typing).map { Self.corpus[$0].id }, ["004"])
    XCTAssertEqual(Self.index.matchingDocuments(SearchQuery.parse("bon tai ch")), [])
    let typed = SearchQuery.parse("bon tai cho ", lastWordIsPrefix: true)
    XCTAssertFalse(typed.lastWordIsPrefix)
  }

  func testEmptyAndOddQueriesNeverFail() {
    XCTAssertEqual(Self.index.matchingDocuments("").count, Self.corpus.count)
    for odd in [
      "\"", "province:", "::", "year:abc", "\"\"", "-/-", "cites:", "ngày 31 tháng 2 năm 2021", "🙂",
    ] {
      _ = Self.index.search(odd)
      _ = Self.index.matchingDocuments(odd)
    }
    XCTAssertEqual(SearchIndex(documents: []).search("ket luan"), [])
  }

  func testRelationFilter() {
    func make(_ id: String, _ cites: [(number: String?, relation: Relation)]) -> Document {
      var document = Document(id: id, file: id, text: "Văn bản \(id)")
      document.citations = cites.map { cited in
        var citation = Citation(
          type: cited.number == nil ? "Luật" : "Kết luận", number: cited.number, date: nil, issuer: nil,
          spans: [],
          key: cited.number ?? "luat")
        citation.relation = cited.relation
        return citation
      }
      return document
    }
    let documents = [
      make("a", [("07-KL/TW", .implements), ("12/TB-VPCP", .refers)]),
      make("b", [("07-KL/TW", .refers), ("12/TB-VPCP", .implements)]),
      make("c", [(nil, .accordingTo)]),
      make("d", []),
    ]
    let index = SearchIndex(documents: documents)
    func ids(_ query: String) -> [String] { index.matchingDocuments(query).map { documents[$0].id } }
    XCTAssertEqual(SearchQuery.parse("rel:implements").relation, .implements)
    XCTAssertEqual(ids("rel:implements"), ["a", "b"])
    XCTAssertEqual(ids("cites:07-KL/TW rel:implements"), ["a"], "that relation to that document")
    XCTAssertEqual(ids("rel:implements cites:07 kl tw"), ["a"])
    XCTAssertEqual(ids("cites:07-KL/TW rel:refers"), ["b"])
    XCTAssertEqual(ids("cites:07-KL/TW rel:repeals"), [])
    XCTAssertEqual(ids("rel:according_to"), ["c"])
    XCTAssertEqual(ids("rel:according-to"), ["c"])
    XCTAssertEqual(ids("relation:\"according to\""), ["c"])
    XCTAssertEqual(ids("rel:pursuant"), [])
    XCTAssertNil(SearchQuery.parse("rel:bogus").relation, "no relation of that name: words, as other filters")
    XCTAssertFalse(SearchQuery.parse("rel:refers").isEmpty)
  }
}
