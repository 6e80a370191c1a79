import XCTest

@testable import DirectiveKit

/// `vanban lag`'s figures and its three faces: chart (Unicode and ASCII), CSV and the CSV writer.
final class AnswerLagTests: XCTestCase {
  static func day(_ iso: String) -> Day { Day(iso: iso)! }

  /// A central conclusion of 1 March 2021 and the provinces' letters about it.
  static let documents: [Document] = {
    var central = Document(id: "central", file: "central.txt", text: "")
    central.level = .central
    central.type = "Kết luận"
    central.number = "09-KL/TW"
    central.issuer = "Bộ Chính trị"
    central.date = day("2021-03-01")
    func letter(
      _ id: String, _ province: String, date: String?, notBefore: String? = nil,
      relation: Relation = .implements
    ) -> Document {
      var document = Document(id: id, file: id + ".txt", text: "")
      document.level = .province
      document.province = province
      document.date = date.map(day)
      document.notBefore = notBefore.map(day)
      var citation = Citation(
        type: "Kết luận", number: "09-KL/TW", date: day("2021-03-01"), issuer: "Bộ Chính trị",
        spans: [Span(0, 1)],
        key: "central", target: "central", inCorpus: true)
      citation.relation = relation
      document.citations = [citation]
      return document
    }
    return [
      central,
      letter("nd-late", "Nam Định", date: "2021-03-31"),
      letter("nd-first", "Nam Định", date: "2021-03-11"),
      letter("hn", "Hà Nam", date: "2021-03-05", relation: .accordingTo),
      letter("kg", "Kiên Giang", date: nil, notBefore: "2021-03-21"),
      letter("nb", "Ninh Bình", date: "2021-03-02", relation: .refers),
      letter("tb", "Thái Bình", date: "2021-04-10"),
    ]
  }()

  static let lag = AnswerLag(
    central: "central", documents: documents, graph: CitationGraph(documents: documents))!

  func testFirstAnswerPerProvinceSortedWithTheMedianOfDatedAnswers() {
    let lag = Self.lag
    XCTAssertEqual(lag.rows.map(\.province), ["Hà Nam", "Nam Định", "Kiên Giang", "Thái Bình"])
    XCTAssertEqual(lag.rows.map(\.days), [4, 10, 20, 40])
    XCTAssertEqual(lag.rows.map(\.documentID), ["hn", "nd-first", "kg", "tb"])
    XCTAssertEqual(lag.rows.map(\.isLowerBound), [false, false, true, false])
    XCTAssertEqual(lag.medianDays, 10, "median of 4, 10 and 40; the lower bound left out")
    XCTAssertEqual(lag.unanswered, ["Ninh Bình"], "a mention is no answer")
  }

  func testMedian() {
    XCTAssertNil(AnswerLag.median([]))
    XCTAssertEqual(AnswerLag.median([7]), 7)
    XCTAssertEqual(AnswerLag.median([10, 1, 4, 3]), 3.5)
  }

  func testNoLagWithoutADate() {
    var undated = Self.documents
    undated[0].date = nil
    XCTAssertNil(AnswerLag(central: "central", documents: undated, graph: CitationGraph(documents: undated)))
  }

  func testChartInBlocks() {
    XCTAssertEqual(
      LagChart.render(Self.lag, unicode: true),
      """
      Kết luận 09-KL/TW · Bộ Chính trị · 01/03/2021: days to each province's first answer
      Hà Nam         4 d  ████      │
      Nam Định      10 d  ██████████│
      Kiên Giang  ≥ 20 d  ████████████████████
      Thái Bình     40 d  ████████████████████████████████████████
      │ median 10 days, of 3 dated answers; ≥: undated, counted to the latest date it cites
      never answered (1): Ninh Bình

      """)
  }

  func testChartInASCIIWhenTheLocaleIsNotUTF8() {
    let chart = LagChart.render(Self.lag, unicode: false)
    XCTAssertTrue(chart.contains("Hà Nam         4 d  ####      |\n"), chart)
    XCTAssertFalse(chart.unicodeScalars.contains { ("\u{2580}"..."\u{259F}").contains($0) || $0 == "│" })
  }

  func testBarsInEighths() {
    XCTAssertEqual(LagChart.bar(cells: 0, unicode: true), "")
    XCTAssertEqual(LagChart.bar(cells: 2.5, unicode: true), "██▌")
    XCTAssertEqual(LagChart.bar(cells: 0.125, unicode: true), "▏")
    XCTAssertEqual(LagChart.bar(cells: 1.875, unicode: true), "█▉")
    XCTAssertEqual(LagChart.bar(cells: 2.5, unicode: false), "###")
  }

  func testCSV() {
    XCTAssertEqual(
      CSV.render(header: ContractCSV.lagHeader, rows: ContractCSV.lagRows(Self.lag)),
      "province,document,days,lower_bound,answered\r\n" + "Hà Nam,hn,4,false,true\r\n"
        + "Nam Định,nd-first,10,false,true\r\n" + "Kiên Giang,kg,20,true,true\r\n"
        + "Thái Bình,tb,40,false,true\r\n" + "Ninh Bình,,,,false\r\n")
  }

  func testCSVQuotesAsRFC4180() {
    XCTAssertEqual(CSV.field("plain"), "plain")
    XCTAssertEqual(CSV.field("a, b"), "\"a, b\"")
    XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
    XCTAssertEqual(CSV.field("two\nlines"), "\"two\nlines\"")
    XCTAssertEqual(CSV.field("cr\r"), "\"cr\r\"")
    XCTAssertEqual(CSV.render(header: ["a", "b"], rows: [[nil, "x"]]), "a,b\r\n,x\r\n")
  }

  func testJSONNumbers() {
    XCTAssertEqual(JSONValue.number(10).rendered(), "10")
    XCTAssertEqual(JSONValue.number(3.5).rendered(), "3.5")
    XCTAssertEqual(JSONValue.number(.nan).rendered(), "null")
  }
}
