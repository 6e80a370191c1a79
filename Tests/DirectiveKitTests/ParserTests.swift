import XCTest

@testable import DirectiveKit

/// Parses texts as if they were files of a corpus.
func parseCorpus(_ texts: [String: String]) -> Corpus {
  Corpus.build(
    sources: texts.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, bytes: Array($0.value.utf8)) })
}

func parseOne(_ text: String) -> Document {
  parseCorpus(["doc.txt": text]).documents[0]
}

final class ParserTests: XCTestCase {
  let partyLetter = """
    TỈNH UỶ HÀ NAM
    *
    Số  17 - CV / TU
    V/v triển khai
    các biện pháp cấp bách

    ĐẢNG CỘNG SẢN VIỆT NAM
    Hà Nam, ngày 05 tháng 3 năm 2021

    Kính gửi:
    - Các huyện ủy, thành ủy;
    - Các sở, ban, ngành.

    Thực hiện các văn bản chỉ đạo của Trung ương, Ban Thường vụ Tỉnh ủy yêu cầu:

    1. Tổ chức thực hiện nghiêm.
    1.1. Rà soát lại.
    2. Báo cáo kết quả trước ngày 10/3/2021.

    Nơi nhận:
    - Như trên,
    - Lưu VPTU.

    K/T BAN THƯỜNG VỤ
    PHÓ BÍ THƯ

    Nguyễn Văn An
    """

  func testHeaderFieldsOfAPartyLetter() {
    let document = parseOne(partyLetter)
    XCTAssertEqual(document.number, "17-CV/TU", "spaces around - and / are removed")
    XCTAssertEqual(document.type, "Công văn")
    XCTAssertFalse(document.typeInferred)
    XCTAssertEqual(document.date?.iso, "2021-03-05", "leading zero in the day")
    XCTAssertEqual(document.subject, "V/v triển khai các biện pháp cấp bách")
    XCTAssertEqual(document.province, "Hà Nam")
    XCTAssertEqual(document.province2025, "Ninh Bình")
    XCTAssertFalse(document.provinceInferred)
    XCTAssertEqual(document.provinceEvidence.map(\.kind), [.header, .placeDate])
    XCTAssertEqual(document.provinceEvidence.first?.text, "TỈNH UỶ HÀ NAM")
    XCTAssertEqual(document.issuer, "Ban Thường vụ Tỉnh ủy Hà Nam", "tone-mark variants give one issuer")
    XCTAssertEqual(document.level, .province)
    XCTAssertEqual(document.recipients, ["Các huyện ủy, thành ủy", "Các sở, ban, ngành"])
    XCTAssertEqual(document.items, 2, "1.1. is not a top-level point")
    XCTAssertEqual(document.distribution, ["Như trên", "Lưu VPTU"])
    XCTAssertEqual(
      document.signer, Signer(name: "Nguyễn Văn An", capacity: "K/T BAN THƯỜNG VỤ", title: "PHÓ BÍ THƯ"))
    XCTAssertTrue(document.warnings.isEmpty, "\(document.warnings)")
  }

  func testPointSpansCoverTheirText() {
    let document = parseOne(partyLetter)
    let scalars = Array(document.text.unicodeScalars)
    let first = document.points[0].span
    let text = String(String.UnicodeScalarView(scalars[first.start..<first.end]))
    XCTAssertEqual(text, "1. Tổ chức thực hiện nghiêm.\n1.1. Rà soát lại.")
  }

  func testStateDocumentWithTwoLineIssuerAndCapacities() {
    let document = parseOne(
      """
      ỦY BAN NHÂN DÂN
      TỈNH VĨNH PHÚC
      Số: 08/CT-CTUBND
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc
      Vĩnh Phúc, ngày 1 tháng 4 năm 2020

      CHỈ THỊ
      Về việc thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19

      Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ;

      TM. ỦY BAN NHÂN DÂN
      KT. CHỦ TỊCH
      PHÓ CHỦ TỊCH

      Lê Duy Thành
      """)
    XCTAssertEqual(document.issuer, "UBND tỉnh Vĩnh Phúc")
    XCTAssertEqual(document.number, "08/CT-CTUBND")
    XCTAssertEqual(document.type, "Chỉ thị")
    XCTAssertEqual(document.subject, "Về việc thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19")
    XCTAssertEqual(document.province, "Vĩnh Phúc")
    XCTAssertEqual(document.province2025, "Phú Thọ")
    XCTAssertEqual(document.signer?.capacity, "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH")
    XCTAssertEqual(document.signer?.title, "PHÓ CHỦ TỊCH")
    XCTAssertEqual(document.signer?.name, "Lê Duy Thành")
    XCTAssertEqual(document.citations.map(\.number), ["16/CT-TTg"])
  }

  func testHeaderlessLetterInfersTypeFromItsOwnWordsAndWarnsOfMissingSigner() {
    let document = parseOne(
      """
      Kính gửi: Các huyện ủy, thành ủy

      Thực hiện Kết luận số 07-KL/TW ngày 11.6.2021 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu
      các cấp ủy tổ chức thực hiện công văn này.

      T/M BAN THƯỜNG VỤ
      """)
    XCTAssertEqual(document.recipients, ["Các huyện ủy, thành ủy"])
    XCTAssertNil(document.number)
    XCTAssertNil(document.date, "never invented")
    XCTAssertEqual(document.notBefore?.iso, "2021-06-11", "the latest date it cites")
    XCTAssertEqual(document.type, "Công văn")
    XCTAssertTrue(document.typeInferred)
    XCTAssertNil(document.signer)
    XCTAssertTrue(document.warnings.contains { $0.code == .signerNameMissing }, "\(document.warnings)")
    XCTAssertNil(document.province, "no evidence, no province")
    XCTAssertEqual(document.issuer, "Ban Thường vụ Tỉnh ủy")
  }

  func testTitleInCapitalsGivesTypeAndSentenceCasedSubject() {
    let document = parseOne(
      """
      THÔNG BÁO**KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
      về công tác phòng, chống dịch**

      Ngày 2/8/2021, Ban Thường vụ Tỉnh ủy họp và kết luận như sau:
      1. Tiếp tục thực hiện.
      """)
    XCTAssertEqual(document.type, "Thông báo")
    XCTAssertEqual(document.subject, "Kết luận của Ban Thường vụ Tỉnh ủy về công tác phòng, chống dịch")
    XCTAssertEqual(document.date?.iso, "2021-08-02")
    XCTAssertTrue(document.dateInferred, "a notice's meeting date is marked inferred")
  }

  func testPlaceNamesInferTheProvinceWithEvidence() {
    let document = parseOne(
      """
      Kính gửi: Các cơ quan

      Tình hình dịch tại huyện Trực Ninh diễn biến phức tạp.
      1. Huyện Trực Ninh khẩn trương truy vết.
      """)
    XCTAssertEqual(document.province, "Nam Định")
    XCTAssertTrue(document.provinceInferred)
    XCTAssertEqual(document.provinceEvidence.first?.kind, .placeName)
    XCTAssertEqual(document.provinceEvidence.first?.text, "Trực Ninh")
  }

  func testConflictingEvidenceIsAWarningNotACoinToss() {
    let document = parseOne(
      """
      TỈNH ỦY NINH BÌNH
      Kiên Giang, ngày 3 tháng 5 năm 2021
      """)
    XCTAssertEqual(document.province, "Ninh Bình", "the header outranks the place-date line")
    XCTAssertTrue(
      document.warnings.contains { $0.code == .headerPlaceConflict && $0.message.contains("Kiên Giang") },
      "\(document.warnings)")
  }

  func testNoiseDoesNotLeakIntoFields() throws {
    let corpus = ShippedCorpus.load()
    for document in corpus.documents {
      let fields =
        [document.subject, document.signer?.name, document.signer?.title, document.signer?.capacity]
        .compactMap { $0 } + document.recipients + document.distribution
      for field in fields {
        XCTAssertFalse(field.contains("*"), "\(document.id): \(field)")
        XCTAssertFalse(field.contains("|"), "\(document.id): \(field)")
        XCTAssertFalse(field.contains("CV/TU.TH.C"), "\(document.id): \(field)")
        XCTAssertFalse(field.hasPrefix("-"), "\(document.id): \(field)")
      }
    }
  }

  func testEveryInputFileBecomesOneDocumentEvenEmptyOnes() {
    let corpus = parseCorpus(["a.txt": "", "b.txt": "  \n\t", "c.txt": "Số 5-CV/TU"])
    XCTAssertEqual(corpus.documents.count, 3)
    XCTAssertEqual(Set(corpus.documents.map(\.id)), ["a", "b", "c"])
    XCTAssertTrue(corpus.document(id: "a")?.warnings.map(\.code) == [.emptyFile])
    XCTAssertTrue(corpus.document(id: "b")?.warnings.map(\.code) == [.onlyWhiteSpace])
  }

  func testRepeatedFileNamesGetDistinctIDs() {
    let corpus = parseCorpus(["x/doc.txt": "a", "y/doc.txt": "b"])
    XCTAssertEqual(Set(corpus.documents.map(\.id)), ["doc", "doc~2"])
  }

  func testListOrderIsDateThenProvinceThenNumberUndatedLast() {
    let corpus = parseCorpus([
      "1.txt": "TỈNH ỦY NAM ĐỊNH\nSố 9-CV/TU\nNam Định, ngày 2 tháng 1 năm 2021",
      "2.txt": "TỈNH ỦY HÀ NAM\nSố 3-CV/TU\nHà Nam, ngày 2 tháng 1 năm 2021",
      "3.txt": "TỈNH ỦY HÀ NAM\nSố 10-CV/TU\nHà Nam, ngày 1 tháng 1 năm 2021",
      "4.txt": "không có gì",
      "5.txt": "TỈNH ỦY HÀ NAM\nSố 12-CV/TU\nHà Nam, ngày 2 tháng 1 năm 2021",
    ])
    XCTAssertEqual(corpus.documents.map(\.id), ["3", "2", "5", "1", "4"])
  }

  func testACitingLineIsNoPlaceDateLineAndAHeaderlessUBNDLetterIsTheCommittees() {
    let document = parseOne(
      """
      Căn cứ Kết luận của Thủ tướng Chính phủ tại Thông báo số 136/TB-VPCP, ngày 30/4/2019;

      Theo đề nghị của Sở Y tế, UBND tỉnh yêu cầu các sở thực hiện:
      1. Thực hiện nghiêm.

      Nơi nhận:
      - Thường trực Tỉnh ủy-HĐND-UBND tỉnh,

      KT. CHỦ TỊCH
      PHÓ CHỦ TỊCH

      Phan Văn Bình
      """)
    XCTAssertNil(document.date, "the date of a cited document is not the document's own")
    XCTAssertEqual(document.notBefore?.iso, "2019-04-30")
    XCTAssertEqual(
      document.issuer, "UBND tỉnh", "signed for the chair: the People's Committee, not the Party committee")
    XCTAssertEqual(document.level, .province)
  }
}
