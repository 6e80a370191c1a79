import XCTest

@testable import DirectiveKit

final class CitationTests: XCTestCase {
  /// A Ninh Bình letter around one body sentence.
  func letter(_ body: String, province: String = "NINH BÌNH", number: String = "1-CV/TU") -> String {
    "TỈNH ỦY \(province)\nSố \(number)\n\(province.capitalized), ngày 1 tháng 9 năm 2021\n\nKính gửi: Các cơ quan\n\n\(body)\n"
  }

  func citations(_ body: String) -> [Citation] { parseOne(letter(body)).citations }

  func testTheStandardPhrasing() throws {
    let found = citations(
      "Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị về một số nhiệm vụ trọng tâm;")
    XCTAssertEqual(found.count, 1)
    let citation = try XCTUnwrap(found.first)
    XCTAssertEqual(citation.type, "Kết luận")
    XCTAssertEqual(citation.number, "07-KL/TW")
    XCTAssertEqual(citation.date?.iso, "2021-06-11")
    XCTAssertEqual(citation.issuer, "Bộ Chính trị")
    XCTAssertEqual(citation.subject, "một số nhiệm vụ trọng tâm")
    XCTAssertEqual(citation.scope, .national)
    XCTAssertEqual(citation.target, "ext:ket-luan:7-kl-tw:vn:2021")
  }

  func testEveryDateFormat() {
    let bodies = [
      "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ;",
      "Căn cứ Chỉ thị số 16/CT-TTg ngày 31-3-2020 của Thủ tướng Chính phủ;",
      "Căn cứ Chỉ thị số 16/CT-TTg ngày 31.3.2020 của Thủ tướng Chính phủ;",
      "Căn cứ Chỉ thị số 16/CT-TTg ngày 31 tháng 3 năm 2020 của Thủ tướng Chính phủ;",
      "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/03/2020 của Thủ tướng Chính phủ;",
    ]
    for body in bodies {
      let found = citations(body)
      XCTAssertEqual(found.map { $0.date?.iso }, ["2020-03-31"], body)
      XCTAssertEqual(found.map(\.issuer), ["Thủ tướng Chính phủ"], body)
    }
  }

  func testNumbersWithStraySpacesAndLeadingZeros() {
    let found = citations(
      "Thực hiện Kết luận số 07 - KL/TW ngày 11/6/2021 và Kết luận số 7-KL/TW của Bộ Chính trị.")
    XCTAssertEqual(found.count, 1, "07 and 7 are one document")
    XCTAssertEqual(found.first?.number, "07-KL/TW")
    XCTAssertEqual(found.first?.mentions, 2)
  }

  func testIssuerFromTheNumberAndOrderVariants() {
    let found = citations(
      "Kết luận của Thủ tướng Chính phủ tại Thông báo số 253/TB-VPCP, ngày 27/7/2020 về phòng, chống dịch; "
        + "Công điện ngày 28/7/2020 của Thường trực Ban Bí thư về phòng, chống dịch.")
    XCTAssertEqual(found.map(\.type), ["Thông báo", "Công điện"])
    guard found.count == 2 else { return }
    XCTAssertEqual(found[0].issuer, "Văn phòng Chính phủ")
    XCTAssertEqual(found[0].mentions, 1, "the Kết luận only points at the Thông báo")
    XCTAssertNil(found[1].number)
    XCTAssertEqual(found[1].date?.iso, "2020-07-28")
    XCTAssertEqual(found[1].issuer, "Thường trực Ban Bí thư")
  }

  func testDateAndIssuerBeforeTheType() {
    let found = citations("Ngày 11-6-2021, Bộ Chính trị ban hành Kết luận số 07-KL/TW về một số nhiệm vụ.")
    XCTAssertEqual(found.first?.date?.iso, "2021-06-11")
    XCTAssertEqual(found.first?.issuer, "Bộ Chính trị")
  }

  func testUnnumberedReferencesNeedADateOrAreACall() {
    let found = citations(
      "Thực hiện Điện của Thường trực Ban Bí thư Trung ương Đảng ngày 21/7/2021 về phòng dịch; "
        + "Kết luận của Ban Thường vụ Tỉnh ủy tại hội nghị ngày 2/8/2021; "
        + "Lời kêu gọi của Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng; "
        + "Luật Ngân sách nhà nước ngày 25/6/2015.")
    XCTAssertEqual(found.map(\.type), ["Điện", "Kết luận", "Lời kêu gọi", "Luật"])
    guard found.count == 4 else { return }
    XCTAssertEqual(found[0].issuer, "Thường trực Ban Bí thư Trung ương Đảng")
    XCTAssertEqual(found[0].date?.iso, "2021-07-21")
    XCTAssertEqual(found[1].issuer, "Ban Thường vụ Tỉnh ủy Ninh Bình", "its own province")
    XCTAssertEqual(found[2].issuer, "Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng")
    XCTAssertEqual(found[3].date?.iso, "2015-06-25")
  }

  func testGenericMentionsAreNotCitations() {
    let found = citations(
      "Quán triệt các văn bản chỉ đạo của Bộ Chính trị, các Chỉ thị của Ban Bí thư, theo khuyến cáo 5K của Bộ Y tế, "
        + "hướng dẫn của Ban Chỉ đạo Quốc gia và kế hoạch của tỉnh về tiêm chủng; điện tử, đại diện; "
        + "những Công văn của UBND tỉnh ngày 5/3/2021 và các Chỉ thị của Ban Bí thư ngày 6/3/2021.")
    XCTAssertEqual(found.map(\.type), [])
  }

  func testShortMentionsCountAsMentionsOfTheDocumentCitedInFull() {
    let found = citations(
      "Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị. Quán triệt Kết luận số 07-KL/TW. "
        + "Theo Kết luận của Bộ Chính trị, tăng cường. Để thực hiện tốt kết luận của Bộ Chính trị.")
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(
      found.first?.mentions, 3, "the capitalised short forms count; the lower-case common noun does not")
  }

  func testSpansPointAtTheMentions() throws {
    let document = parseOne(letter("Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị."))
    let span = try XCTUnwrap(document.citations.first?.spans.first)
    let scalars = Array(document.text.unicodeScalars)
    XCTAssertEqual(
      String(String.UnicodeScalarView(scalars[span.start..<span.end])),
      "Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị")
  }

  func testADocumentDoesNotCiteItself() {
    let document = parseOne(
      letter("Công văn số 1-CV/TU này yêu cầu; thực hiện Công văn số 1-CV/TU.", number: "1-CV/TU"))
    XCTAssertEqual(document.citations.count, 0)
  }

  func testProvincialNumbersAreScopedToTheirProvince() throws {
    let corpus = parseCorpus([
      "nd.txt": letter("Nội dung.", province: "NAM ĐỊNH", number: "215-CV/TU"),
      "nb.txt": letter("Nội dung.", province: "NINH BÌNH", number: "215-CV/TU"),
      "reply.txt": letter(
        "Thực hiện Công văn số 215-CV/TU ngày 1/9/2021 của Ban Thường vụ Tỉnh ủy.", province: "NAM ĐỊNH",
        number: "300-CV/TU"),
      "other.txt": letter(
        "Thực hiện Công văn số 215-CV/TU ngày 1/9/2021 của Ban Thường vụ Tỉnh ủy Ninh Bình.",
        province: "HÀ NAM",
        number: "9-CV/TU"),
    ])
    XCTAssertEqual(corpus.document(id: "reply")?.citations.first?.target, "nd")
    XCTAssertEqual(corpus.document(id: "reply")?.citations.first?.issuer, "Ban Thường vụ Tỉnh ủy Nam Định")
    XCTAssertEqual(corpus.document(id: "other")?.citations.first?.target, "nb")
    XCTAssertEqual(corpus.document(id: "nd")?.citedBy, ["reply"])
    XCTAssertEqual(corpus.document(id: "nb")?.citedBy, ["other"])
  }

  func testAnUnplacedLetterTakesTheProvinceOfItsOwnCommitteesLetter() throws {
    let corpus = parseCorpus([
      "a.txt": letter("Nội dung.", province: "NAM ĐỊNH", number: "215-CV/TU"),
      "b.txt":
        "Kính gửi: Các cơ quan\n\nThực hiện Công văn số 215-CV/TU ngày 1/9/2021 của Ban Thường vụ Tỉnh ủy.\n",
    ])
    let reply = try XCTUnwrap(corpus.document(id: "b"))
    XCTAssertEqual(reply.province, "Nam Định")
    XCTAssertTrue(reply.provinceInferred)
    XCTAssertEqual(reply.provinceEvidence, [Evidence(kind: .citation, text: "215-CV/TU")])
    XCTAssertEqual(reply.citations.first?.inCorpus, true)
  }

  func testSameExternalDocumentIsOneNodeAcrossCitingDocuments() {
    let corpus = parseCorpus([
      "a.txt": letter("Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị về phòng dịch."),
      "b.txt": letter(
        "Thực hiện Kết luận số 7-KL/TW ngày 11-6-2021.", province: "KIÊN GIANG", number: "2-CV/TU"),
      "c.txt": letter("Quán triệt Kết luận số 07-KL/TW.", province: "HÀ NAM", number: "3-CV/TU"),
    ])
    let targets = Set(corpus.documents.flatMap { $0.citations.map(\.target) })
    XCTAssertEqual(targets, ["ext:ket-luan:7-kl-tw:vn:2021"], "a yearless mention joins the dated node")
    let node = corpus.graph.node("ext:ket-luan:7-kl-tw:vn:2021")
    XCTAssertEqual(node?.issuer, "Bộ Chính trị", "the page merges what the citing texts say")
    XCTAssertEqual(node?.subject, "phòng dịch")
    XCTAssertEqual(corpus.graph.citing("ext:ket-luan:7-kl-tw:vn:2021").count, 3)
  }

  func testAmbiguousYearIsResolvedByProximityWithAWarning() {
    let corpus = parseCorpus([
      "a.txt": letter("Theo Công văn số 5-CV/TU ngày 1/2/2020 của Ban Thường vụ Tỉnh ủy Nam Định."),
      "b.txt": letter(
        "Theo Công văn số 5-CV/TU ngày 1/2/2021 của Ban Thường vụ Tỉnh ủy Nam Định.", number: "2-CV/TU"),
      "c.txt": letter("Theo Công văn số 5-CV/TU của Ban Thường vụ Tỉnh ủy Nam Định.", number: "3-CV/TU"),
    ])
    let yearless = corpus.document(id: "c")
    XCTAssertEqual(yearless?.citations.first?.target, "ext:cong-van:5-cv-tu:nam-dinh:2021")
    XCTAssertTrue(
      yearless?.warnings.contains { $0.code == .undatedNumber } == true, "\(yearless?.warnings ?? [])")
  }
}
