import XCTest

@testable import DirectiveKit

/// Each layout and phrasing that real files served by web portals show, as a minimal example.
final class RealLayoutTests: XCTestCase {
  // MARK: Headers

  func testAHeaderFlattenedFromATableGivesProvinceDateAndNumberWithoutResidue() {
    let document = parseOne(
      """
      ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
      Số: 31/CT-UBND | Lào Cai, ngày 9 tháng 8 năm 2022 |
      CHỈ THỊ
      VỀ TĂNG CƯỜNG CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI |
      Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;
      """)
    XCTAssertEqual(document.province, "Lào Cai")
    XCTAssertEqual(document.date?.iso, "2022-08-09")
    XCTAssertFalse(document.dateInferred)
    XCTAssertEqual(document.number, "31/CT-UBND")
    XCTAssertEqual(document.type, "Chỉ thị")
    XCTAssertEqual(document.subject, "Về tăng cường công tác phòng, chống thiên tai")
    XCTAssertEqual(document.provinceEvidence.first?.kind, .placeDate)
    XCTAssertEqual(document.issuer, "UBND tỉnh Lào Cai")
  }

  func testFieldsBrokenOverLinesInsideTableCellsAreOneField() {
    let document = parseOne(
      """
      ỦY BAN NHÂN DÂN
      TỈNH SƠN LA
      -------
      |
      CỘNG
      HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      |
      Số: 68/KH-UBND
      |
      Sơn
      La, ngày 11 tháng 3
      năm 2020
      |
      KẾ HOẠCH
      VỀ VIỆC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW NGÀY 03/9/2019 CỦA BAN
      BÍ THƯ
      Căn cứ Chỉ thị số 37-CT/TW ngày
      03/9/2019 của Ban Bí thư.
      """)
    XCTAssertEqual(document.date?.iso, "2020-03-11")
    XCTAssertEqual(document.province, "Sơn La")
    XCTAssertEqual(document.number, "68/KH-UBND")
    XCTAssertEqual(
      document.subject, "Về việc triển khai thực hiện Chỉ thị số 37-CT/TW ngày 03/9/2019 của Ban Bí thư",
      "the subject keeps the number's capitals and never runs into the body")
    let directive = document.citations.first { $0.number == "37-CT/TW" }
    XCTAssertEqual(directive?.relation, .implements, "the title's cue governs the first mention")
    XCTAssertEqual(directive?.mentions, 2)
  }

  func testTheSignersTitleNamesTheProvinceWhenTheHeaderDoesNot() {
    let document = parseOne(
      """
      ỦY BAN NHÂN DÂN
      Số: 12/QĐ-UBND
      QUYẾT ĐỊNH
      Về việc phê duyệt kế hoạch
      Điều 1. Phê duyệt kế hoạch.
      TM. ỦY BAN NHÂN DÂN
      CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI
      Nguyễn Văn A
      """)
    XCTAssertEqual(document.province, "Lào Cai")
    XCTAssertTrue(document.provinceInferred)
    XCTAssertEqual(document.provinceEvidence.first?.kind, .signerTitle)
    XCTAssertEqual(document.provinceEvidence.first?.source, "from the signer's title")
    XCTAssertEqual(document.level, .province)
  }

  func testAMonthWithoutADayIsAMonthNotUndated() {
    let document = parseOne(
      """
      BỘ Y TẾ
      Số: 12/KH-BYT
      Hà Nội, tháng 02 năm 2021
      KẾ HOẠCH
      Về tiêm chủng
      """)
    XCTAssertNil(document.date, "no day is invented")
    XCTAssertEqual(document.month?.iso, "2021-02")
    XCTAssertEqual(document.sortDate?.iso, "2021-02-01")
  }

  func testATitleLineOfTheTypeAloneBeatsTheCodeOfTheNumber() {
    let decision = parseOne(
      "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\nSố: 55/2007/CT-UBND\nPhan Rang-Tháp Chàm, ngày 05 tháng 3 năm 2007\nQUYẾT ĐỊNH\nBANHÀNH KẾ HOẠCH HÀNH ĐỘNG\n"
    )
    XCTAssertEqual(decision.type, "Quyết định")
    XCTAssertEqual(decision.subject, "Ban hành kế hoạch hành động", "a glued word is parted")
    let rules = parseOne(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố: 97-QĐ/TW\nHà Nội, ngày 07 tháng 02 năm 2023\nQUY ĐỊNH\nCHỨC NĂNG, NHIỆM VỤ\n"
    )
    XCTAssertEqual(rules.type, "Quy định")
    XCTAssertEqual(rules.level, .central)
    XCTAssertNil(rules.province, "a central document has no province")
  }

  func testAWholeDocumentOnOneLine() {
    let document = parseOne(
      "BAN CHẤP HÀNH TRUNG ƯƠNG***Số: 367 - QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ MINH Hà Nội, ngày 29 tháng 10 năm 2013 QUYẾT ĐỊNHVề việc ban hành Quy định về ban hành văn bản của Đoàn TNCS Hồ Chí Minh--------- BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH- Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh; - Căn cứ Quy chế hoạt động ban hành kèm theo Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013 của Ban Chấp hành Trung ương Đoàn; Điều 2. Quyết định này thay thế Quyết định số 1836 QĐ/TWĐTN ngày 23/6/2006 của Ban Bí thư Trung ương Đoàn."
    )
    XCTAssertEqual(
      document.number, "367-QĐ/TWĐTN-VP", "the number stops where the next header word is glued to it")
    XCTAssertEqual(document.date?.iso, "2013-10-29")
    XCTAssertEqual(document.level, .central)
    XCTAssertEqual(
      document.subject, "Về việc ban hành Quy định về ban hành văn bản của Đoàn TNCS Hồ Chí Minh")
    let byNumber = Dictionary(
      uniqueKeysWithValues: document.citations.compactMap { c in c.number.map { ($0, c) } })
    XCTAssertEqual(
      byNumber["84-QĐ/TWĐTN"]?.relation, .refers, "the decision an attached text was issued with")
    XCTAssertEqual(byNumber["1836-QĐ/TWĐTN"]?.relation, .replaces)
    XCTAssertEqual(document.citations.first?.title, "Điều lệ Đoàn TNCS Hồ Chí Minh")
    XCTAssertEqual(document.citations.first?.relation, .pursuant)
  }

  func testHeaderlessBodiesInventNothing() {
    let document = parseOne(
      """
      Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW như sau:
      I. MỤC ĐÍCH, YÊU CẦU
      1. Nâng cao nhận thức về Chương trình hành động của Ban Thường vụ Tỉnh ủy.
      """)
    XCTAssertNil(document.province)
    XCTAssertNil(document.date, "a cited date is no date of the document")
    XCTAssertEqual(document.notBefore?.iso, "2024-12-22")
    XCTAssertNil(document.number)
    XCTAssertEqual(document.type, "Chương trình hành động")
    XCTAssertTrue(document.typeInferred)
    XCTAssertEqual(document.typeEvidence?.kind, .issuingSentence)
    XCTAssertEqual(document.citations.map(\.number), ["57-NQ/TW"], "its own programme is no citation")
  }

  func testLostDiacriticsAreWarnedAndWhatSurvivesIsRead() {
    let document = parseOne(
      "UBND T?NH NAM Đ?NH\nNam Đ?nh, ngày 5 tháng 3 năm 2021\nTh?c hi?n Ngh? quy?t s? 12/2020/NQ-CP c?a Chính ph?, các s? th?c hi?n.\n"
    )
    XCTAssertTrue(document.warnings.contains { $0.code == .diacriticsLost }, "\(document.warnings)")
    XCTAssertEqual(document.citations.first?.number, "12/2020/NQ-CP")
    XCTAssertEqual(document.citations.first?.type, "Nghị quyết")
    XCTAssertEqual(document.date?.iso, "2021-03-05")
    let clean = parseOne("Thực hiện Nghị quyết số 12/2020/NQ-CP, có đúng không? Có.\n")
    XCTAssertFalse(
      clean.warnings.contains { $0.code == .diacriticsLost }, "a question mark is no lost letter")
  }

  // MARK: Numbers

  func testNumbersWithStraySpacesDashesAndAmpersands() {
    let cases = [
      "247 /STC-QLNS&TCDN;": "247/STC-QLNS&TCDN", "19/CT – TTg ngày": "19/CT-TTg",
      "115- HD/BTGW,": "115-HD/BTGW",
      "84 QĐ/TWĐTN ngày": "84-QĐ/TWĐTN", "70-TB/TWngày 06": "70-TB/TW",
      "367 - QĐ/TWĐTN-VPĐOÀN": "367-QĐ/TWĐTN-VP",
      "13-NQ/TƯ của": "13-NQ/TƯ", "16/CT-TTg": "16/CT-TTg",
    ]
    for (text, number) in cases {
      XCTAssertEqual(TextScanner(text).documentNumber(at: 0)?.number, number, text)
    }
    XCTAssertNil(TextScanner("12 tháng 3").documentNumber(at: 0), "a day is no number")
  }

  func testAYearSplitByAStraySpace() {
    let scanner = TextScanner("ngày 16/7/20 21 của")
    XCTAssertEqual(scanner.date(at: 0)?.day.iso, "2021-07-16")
  }

  // MARK: Citations

  func testCitationsBrokenByHardLineBreaks() {
    let found = parseOne(
      """
      Căn cứ Nghị định số
      07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ quy định chuẩn nghèo;
      Căn cứ Quyết định số
      24/2021/QĐ-TTg ngày 16/7/20 21 của Thủ tướng Chính phủ;
      Căn cứ Luật Tổ chức chính quyền địa
      phương ngày 19/6/2015;
      """
    ).citations
    XCTAssertEqual(found.map(\.number), ["07/2021/NĐ-CP", "24/2021/QĐ-TTg", nil])
    XCTAssertEqual(found.map { $0.date?.iso }, ["2021-01-27", "2021-07-16", "2015-06-19"])
    XCTAssertEqual(found.map(\.issuer), ["Chính phủ", "Thủ tướng Chính phủ", "Quốc hội"])
    XCTAssertEqual(found.last?.title, "Luật Tổ chức chính quyền địa phương")
    XCTAssertEqual(Set(found.map(\.relation)), [.pursuant])
  }

  func testGluedWordsAroundNumbersAndDates() {
    let found = parseOne(
      "Thi hành Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997; căn cứ Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012 của Ban Bí thư, Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010 và Luật tổ chức Chính phủngày 25 tháng 12 năm 2001.\n"
    ).citations
    XCTAssertEqual(found.map(\.number), ["31-QĐ/TW", "70-TB/TW", "45-CT/TW", nil])
    XCTAssertEqual(found.map { $0.date?.iso }, ["1997-10-01", "2012-01-06", "2010-07-22", "2001-12-25"])
    XCTAssertEqual(found[0].issuer, "Bộ Chính trị")
    XCTAssertEqual(found[0].relation, .implements)
  }

  func testTheIssuerBetweenNumberAndDateKeepsTheDate() throws {
    let citation = try XCTUnwrap(
      parseOne("Thực hiện Chỉ thị số 27-CT/TW do Ban Bí thư ban hành ngày 4/7/2021 về công tác cán bộ.\n")
        .citations
        .first)
    XCTAssertEqual(citation.date?.iso, "2021-07-04")
    XCTAssertEqual(citation.issuer, "Ban Bí thư")
  }

  func testDocumentsCitedByTitleAndDate() {
    let found = parseOne(
      """
      Căn cứ Hiến pháp năm 2013;
      Căn cứ Luật Đất đai ngày 29/11/2013;
      Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;
      Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020;
      Căn cứ Điều lệ Đảng và Quy định số 24-QĐ/TW;
      Quán triệt, thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025;
      Theo quy định của Luật Đất đai, đất được giao đúng hạn.
      """
    ).citations
    XCTAssertEqual(
      found.map(\.title),
      [
        "Hiến pháp năm 2013", "Luật Đất đai", "Bộ luật Lao động",
        "Pháp lệnh Ưu đãi người có công với cách mạng",
        "Điều lệ Đảng", nil, "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII",
      ])
    XCTAssertEqual(found[1].mentions, 2, "two mentions of the same law are one cited document")
    XCTAssertEqual(found[1].subject, "Đất đai")
    XCTAssertEqual(found[6].issuer, "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")
    XCTAssertEqual(found[6].relation, .implements)
    XCTAssertEqual(found[7].relation, .implements, "one cue governs the list")
    XCTAssertEqual(found[0].relation, .pursuant)
    XCTAssertEqual(found[5].number, "24-QĐ/TW")
  }

  func testDocumentsNamedByTypeAndIssuerButNotGenericOnes() {
    let found = parseOne(
      "Hội nghị thảo luận Tờ trình của Ban Thường vụ Tỉnh ủy, Báo cáo\ncủa Ban cán sự đảng ƯBND tỉnh và kết luận. Thực hiện Hướng dẫn của Ban Chỉ đạo Quốc gia, Bộ Y tế và các cơ quan chức năng.\n"
    ).citations
    XCTAssertEqual(found.map(\.type), ["Tờ trình", "Báo cáo"])
    XCTAssertEqual(found.map(\.relation), [.refers, .refers])
  }

  func testTheOwnTitleIsNoCitationOfItself() {
    let document = parseOne(
      "TỈNH ỦY PHÚ YÊN\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nVỀ PHÁT TRIỂN KHOA HỌC\nKẾT LUẬN 135-KL/TW là căn cứ.\n"
    )
    XCTAssertEqual(document.type, "Nghị quyết")
    XCTAssertEqual(document.subject, "Về phát triển khoa học")
    XCTAssertFalse(document.citations.contains { $0.type == "Nghị quyết" }, "\(document.citations)")
  }

  // MARK: Relations

  func testRelationsFromTheirCues() {
    let found = parseOne(
      """
      Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định chi tiết thi hành một số điều của Luật Đất đai;
      Theo đề nghị của Sở Tài nguyên và Môi trường tại Tờ trình số 272/TTr-STNMT ngày 09/10/2024;
      Xét đề nghị của Sở Công Thương tại Tờ trình số 1050/TTr-SCT ngày 22/6/2015;
      Quyết định này thay thế Quyết định số 12/2010/QĐ-UBND ngày 1/2/2010; bãi bỏ Quyết định số 13/2011/QĐ-UBND ngày 1/2/2011.
      Thực hiện Kế hoạch số 173/KH-TU ngày 10/4/2018 của Ban Chấp hành Đảng bộ tỉnh về thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.
      """
    ).citations
    let relation = Dictionary(
      uniqueKeysWithValues: found.compactMap { c in c.number.map { ($0, c.relation) } })
    XCTAssertEqual(relation["43/2014/NĐ-CP"], .pursuant)
    XCTAssertEqual(relation["272/TTr-STNMT"], .accordingTo)
    XCTAssertEqual(relation["1050/TTr-SCT"], .refers, "a proposal weighed is no basis")
    XCTAssertEqual(relation["12/2010/QĐ-UBND"], .replaces)
    XCTAssertEqual(relation["13/2011/QĐ-UBND"], .repeals)
    XCTAssertEqual(relation["173/KH-TU"], .implements)
    XCTAssertEqual(relation["20-NQ/TW"], .refers, "the cue in another document's description is not ours")
    let law = found.first { $0.title == "Luật Đất đai" }
    XCTAssertEqual(law?.relation, .refers, "guided by the decree, not by this document")
    XCTAssertEqual(found.first?.relationEvidence?.cue, "Căn cứ")
  }
}

final class SeatCityTests: XCTestCase {
  func testAPlaceDateLineNamingTheProvincialCapitalGivesItsProvince() {
    for (place, province) in [
      ("Vinh", "Nghệ An"), ("Buôn Ma Thuột", "Đắk Lắk"), ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
      ("Huế", "Thừa Thiên Huế"),
    ] {
      let document = parseOne(
        "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\n\(place), ngày 5 tháng 3 năm 2021\nKẾ HOẠCH\nVề việc thử\n")
      XCTAssertEqual(document.province, province, place)
      XCTAssertEqual(document.provinceEvidence.first?.kind, .placeDate, place)
    }
  }
}

final class MoreRealPhrasingTests: XCTestCase {
  func testAHeaderRunningIntoTheMottoAndADateWrappedAfterNgay() {
    let document = parseOne(
      "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\nNam Định, ngày\n15 tháng 3 năm 2021\nKẾ HOẠCH\nVề việc thử\n"
    )
    XCTAssertEqual(document.issuer, "UBND tỉnh Nam Định")
    XCTAssertEqual(document.date?.iso, "2021-03-15")
  }

  func testPlenumResolutionsAreCitedByName() {
    let found = parseOne(
      "Thực hiện Nghị quyết Trung ương 4 khóa XIII và Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII về xây dựng Đảng.\n"
    ).citations
    XCTAssertEqual(
      found.map(\.title),
      [
        "Nghị quyết Trung ương 4 khóa XIII",
        "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII",
      ])
    XCTAssertEqual(found.map(\.issuer), ["Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"])
    XCTAssertEqual(found.map(\.relation), [.implements, .implements])
  }

  func testNumbersListedAfterAPluralTypeAreEachCited() {
    let document = parseOne(
      "ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN\nSố: 28/CTr-UBND\nHưng Yên, ngày 18 tháng 02 năm 2022\nThực hiện Nghị quyết số 11/NQ-CP ngày 30/01/2022 của Chính phủ; các Nghị quyết của Hội đồng nhân dân tỉnh: số 340/NQ-HĐND ngày 22/12/2020 về nhiệm vụ năm 2021; số 160/NQ-HĐND ngày 08/12/2021 về đầu tư; thu chi ngân sách; số 163/NQ-HĐND ngày 08/12/2021 về kế hoạch và Công văn số 892/BKHĐT-TH ngày 14/02/2022 của Bộ Kế hoạch và Đầu tư, Ủy ban nhân dân tỉnh ban hành Chương trình.\n"
    )
    let numbers = document.citations.compactMap(\.number)
    XCTAssertEqual(numbers, ["11/NQ-CP", "340/NQ-HĐND", "160/NQ-HĐND", "163/NQ-HĐND", "892/BKHĐT-TH"])
    let listed = document.citations.filter { $0.number?.hasSuffix("HĐND") == true }
    XCTAssertEqual(Set(listed.map(\.issuer)), ["Hội đồng nhân dân tỉnh Hưng Yên"])
    XCTAssertEqual(Set(listed.map(\.relation)), [.implements], "the list's cue governs every item")
    XCTAssertEqual(listed.first?.date?.iso, "2020-12-22")
  }
}

final class GeneratorFoundPhrasingTests: XCTestCase {
  func letter(_ body: String) -> Document {
    parseOne("ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 5/QĐ-UBND\nNam Định, ngày 1 tháng 9 năm 2021\n\(body)\n")
  }

  func testANoticeNamedThroughAConclusionTakesTheCue() throws {
    let notice = try XCTUnwrap(
      letter("Căn cứ Kết luận của Thủ tướng Chính phủ tại Thông báo số 43/TB-VPCP, ngày 3/6/2021;").citations
        .first)
    XCTAssertEqual(notice.number, "43/TB-VPCP")
    XCTAssertEqual(notice.relation, .pursuant)
    XCTAssertEqual(notice.issuer, "Văn phòng Chính phủ", "the office issues the notice of his conclusion")
  }

  func testTheProposingDepartmentIssuesItsSubmission() throws {
    let submission = try XCTUnwrap(
      letter("Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 272/TTr-SYT ngày 2/3/2021,").citations.first)
    XCTAssertEqual(submission.relation, .accordingTo)
    XCTAssertEqual(submission.issuer, "Sở Y tế Nam Định")
  }

  func testACueInsideASubjectDoesNotCutTheList() {
    let found = letter(
      "Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về thực hiện giãn cách xã hội và Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, UBND tỉnh yêu cầu:"
    ).citations
    XCTAssertEqual(found.map(\.relation), [.implements, .implements])
  }

  func testAnAmendedRuleReachesTheDecisionItWasIssuedWith() throws {
    let decision = try XCTUnwrap(
      letter(
        "Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 77/QĐ-UBND ngày 1/2/2020."
      )
      .citations.first)
    XCTAssertEqual(decision.relation, .amends)
    let attached = try XCTUnwrap(
      letter("Căn cứ Quy chế ban hành kèm theo Quyết định số 84/QĐ-UBND ngày 1/2/2020;").citations.first)
    XCTAssertEqual(attached.relation, .refers, "a basis in the attached rule is not the decision's")
  }

  func testALowerCaseLaterMentionCarriesItsCueButIsNoMention() throws {
    let conclusion = try XCTUnwrap(
      letter(
        "Ngày 13/10/2019, Bộ Chính trị ban hành Kết luận số 54-KL/TW về biên giới. Thực hiện nghiêm các nội dung của kết luận của Bộ Chính trị."
      ).citations.first)
    XCTAssertEqual(conclusion.relation, .implements)
    XCTAssertEqual(conclusion.mentions, 1)
  }

  func testADepartmentIsNamedWhole() throws {
    let letterCited = try XCTUnwrap(
      letter("Thực hiện Công văn số 100/SYT-NV ngày 2/3/2021 của Sở Y tế về phòng dịch;").citations.first)
    XCTAssertEqual(letterCited.issuer, "Sở Y tế Nam Định")
  }
}

final class BlankDateTests: XCTestCase {
  func testADateLineLeftBlankStillNamesThePlaceAndGivesNoDate() {
    let document = parseOne(
      "UBND TỈNH BẮC NINH\nSố:      /KH-UBND\nBắc Ninh, ngày     tháng     năm 2021\nKẾ HOẠCH\nVề việc thử\n")
    XCTAssertNil(document.date)
    XCTAssertNil(document.number, "a number left blank is no number")
    XCTAssertEqual(document.province, "Bắc Ninh")
    XCTAssertTrue(document.warnings.contains { $0.code == .blankDateLine })
  }
}

final class TitleMonthTests: XCTestCase {
  func testAMonthInATitleIsNoDateOfTheDocument() {
    let document = parseOne(
      "ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 7 NĂM 2020\nThực hiện Kế hoạch số 172-KH/TU, ngày 21/01/2020 của Ban Thường vụ Tỉnh ủy.\n"
    )
    XCTAssertNil(document.month)
    XCTAssertNil(document.date)
  }
}

final class HeadsOfBodiesTests: XCTestCase {
  func testTheHeadOfAKnownBodyIssuesWithItsWholeName() {
    let found = parseOne(
      "Căn cứ Quyết định số 2345/QĐ-BGDĐT ngày 7/6/2021 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Chương trình hành động;\n"
    ).citations
    XCTAssertEqual(found.first?.issuer, "Bộ trưởng Bộ Giáo dục và Đào tạo")
  }

  func testADistrictCongressIsNotCompletedWithTheProvince() {
    let document = parseOne(
      "HUYỆN ỦY PHÚ LỘC\nSố 120-KH/HU\nPhú Lộc, ngày 5 tháng 5 năm 2021\nKẾ HOẠCH\ntriển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XVI, nhiệm kỳ 2020 - 2025\n"
    )
    XCTAssertEqual(document.province, "Thừa Thiên Huế")
    XCTAssertEqual(document.citations.first?.issuer, "Đại hội đại biểu Đảng bộ huyện lần thứ XVI")
    XCTAssertEqual(document.citations.first?.relation, .implements)
  }
}

final class NotALawTests: XCTestCase {
  func testLawyersAndTheLawInGeneralAreNoLaw() {
    let found = parseOne(
      "Luật sư Nguyễn Văn An và Luật gia Trần Bình tham dự. Luật pháp nghiêm minh. Căn cứ Luật Đất đai ngày 29/11/2013;\n"
    ).citations
    XCTAssertEqual(found.map(\.title), ["Luật Đất đai"])
  }
}

final class CapitalSeatTests: XCTestCase {
  func testALetterFromHaNoiToTheProvincesIsCentralOneToItsDistrictsIsTheCitys() {
    let central = parseOne(
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nV/v chuẩn bị bầu cử\nHà Nội, ngày 24 tháng 2 năm 2021\nKính gửi:\nĐến nay, các địa phương đều đã tổ chức xong hội nghị hiệp thương.\n"
    )
    XCTAssertEqual(central.level, .central)
    XCTAssertNil(central.province)
    XCTAssertTrue(central.warnings.contains { $0.code == .placedAsCentral })
    let city = parseOne(
      "V/v chuẩn bị bầu cử\nHà Nội, ngày 24 tháng 2 năm 2021\nKính gửi: UBND các quận, huyện, thị xã\nĐề nghị các địa phương khẩn trương thực hiện.\n"
    )
    XCTAssertEqual(city.province, "Hà Nội")
  }
}

final class ReviewGapTests: XCTestCase {
  /// The words whose marks became `?` are read through restored common words; the text itself
  /// is kept as it came, so every offset stays true.
  func testACopyWithLostMarksIsReadThroughRestoredWords() {
    let text =
      "UBND T?NH NAM Đ?NH\nS?: 12/KH-UBND\nNam Đ?nh, ng?y 5 th?ng 3 n?m 2021\nTh?c hi?n Ngh? quy?t s? 30/NQ-CP ng?y 1 th?ng 2 n?m 2021 c?a Ch?nh ph?, S? Y t? t?nh th?c hi?n. Th?ng b?o k?t qu?.\n"
    let document = parseOne(text)
    XCTAssertEqual(document.text, text, "the copy is kept as it came")
    XCTAssertEqual(document.date?.iso, "2021-03-05", "ng?y … th?ng … n?m read as a date")
    XCTAssertEqual(document.number, "12/KH-UBND", "S?: read as Số:")
    XCTAssertEqual(document.province, "Nam Định")
    XCTAssertEqual(document.citations.first?.date?.iso, "2021-02-01")
    XCTAssertEqual(DiacriticRepair.repair("Th?ng b?o ng?y 5 th?ng 3"), "Thông báo ngày 5 tháng 3")
    XCTAssertEqual(
      DiacriticRepair.repair("S? Y t?, S?: 12"), "Sở Y t?, Số: 12", "neighbours decide sở and số")
    XCTAssertNil(DiacriticRepair.repair("Có đúng không?"), "a question mark after a word restores nothing")
  }

  /// A title in capitals keeps the capitals the document's own sentences give a word, and a
  /// person's name after a title.
  func testATitleInCapitalsKeepsNamesTheBodyWrites() {
    let document = parseOne(
      """
      QUYẾT ĐỊNH
      VỀ PHÁT TRIỂN VÙNG ĐÔNG NAM BỘ VÀ KỶ NIỆM NGÀY SINH CỐ TỔNG BÍ THƯ NGUYỄN VĂN CỪ
      Căn cứ kế hoạch phát triển vùng Đông Nam Bộ;
      Điều 1. Phát triển vùng Đông Nam Bộ và vùng kinh tế trọng điểm.
      """)
    XCTAssertEqual(
      document.subject, "Về phát triển vùng Đông Nam Bộ và kỷ niệm ngày sinh cố Tổng Bí thư Nguyễn Văn Cừ")
  }

  /// `ý kiến chỉ đạo của … tại Công văn số …`: the guidance given in a document is an item of
  /// the list the cue governs.
  func testGuidanceGivenInADocumentIsAnItemOfTheList() {
    let found = parseOne(
      "Thực hiện Chỉ thị số 20/CT-TTg ngày 29/7/2019 của Thủ tướng Chính phủ và ý kiến chỉ đạo của Phó Thủ tướng Chính phủ tại Công văn số 123/VPCP-KGVX ngày 1/8/2019, UBND tỉnh yêu cầu:\n"
    ).citations
    XCTAssertEqual(found.map(\.number), ["20/CT-TTg", "123/VPCP-KGVX"])
    XCTAssertEqual(found.map(\.relation), [.implements, .implements])
  }
}

/// Phrasings met on real files outside the development set, each as a minimal example.
final class UnseenRealPhrasingTests: XCTestCase {
  func decision(_ body: String) -> Document {
    parseOne("ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 9/QĐ-UBND\nBắc Giang, ngày 2 tháng 3 năm 2022\n\(body)\n")
  }

  /// `Căn cứ các Quyết định: số …; số …`: a plural type with no issuer of its own opens a list of
  /// numbers, each a document with its own date and issuer.
  func testAPluralTypeWithAColonListsItsNumbers() {
    let found = decision(
      """
      Căn cứ các Quyết định: số 12/2018/QĐ-TTg ngày 3/4/2018 của Thủ tướng Chính phủ về rừng; số 140/QĐ-TTg ngày 5/6/2019 của Thủ tướng Chính phủ về đê điều;
      Căn cứ các Thông tư: số 02/2019/TT-BNN ngày 7/1/2019 của Bộ Nông nghiệp hướng dẫn một số điều của Nghị định số 31/2018/NĐ-CP ngày 1/3/2018 của Chính phủ; số 05/2020/TT-BNN ngày 8/2/2020 của Bộ Nông nghiệp về sửa đổi, bổ sung Thông tư số 02/2019/TT-BNN;
      """
    ).citations
    XCTAssertEqual(
      found.map(\.number),
      ["12/2018/QĐ-TTg", "140/QĐ-TTg", "02/2019/TT-BNN", "31/2018/NĐ-CP", "05/2020/TT-BNN"],
      "a document named in an item's description is cited, and the list goes on after it")
    XCTAssertEqual(found.map(\.type), ["Quyết định", "Quyết định", "Thông tư", "Nghị định", "Thông tư"])
    XCTAssertEqual(
      found.map(\.date?.iso), ["2018-04-03", "2019-06-05", "2019-01-07", "2018-03-01", "2020-02-08"])
    XCTAssertEqual(found.first?.issuer, "Thủ tướng Chính phủ")
    XCTAssertEqual(
      found.map(\.relation), [.pursuant, .pursuant, .pursuant, .refers, .pursuant],
      "the basis, not the amendment another item's subject names")
    XCTAssertEqual(found[2].mentions, 2)
  }

  /// `Nghị định … quy định chi tiết và hướng dẫn thi hành … Luật A và Quyết định B`: the second
  /// cue of a pair describes the decree as much as the first, and the list goes on after it.
  func testAPairOfCuesInASubjectDescribesThatDocument() {
    let found = decision(
      "Thực hiện Nghị định số 67/2018/NĐ-CP ngày 14/5/2018 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thủy lợi và Quyết định số 88/QĐ-TTg ngày 2/2/2019 của Thủ tướng Chính phủ về đề án."
    ).citations
    XCTAssertEqual(found.map(\.relation), [.implements, .refers, .implements])
    let own = decision("Quyết định này quy định chi tiết và hướng dẫn thi hành Luật Thủy lợi ngày 19/6/2017.")
      .citations
    XCTAssertEqual(own.map(\.relation), [.guides], "the document's own pair of cues still guides")
  }

  /// `KỶ LUẬT` (discipline) and `PHÁP LUẬT` (the law in general) in a title in capitals are no law.
  func testDisciplineAndTheLawInGeneralInCapitalsAreNoLaw() {
    let found = parseOne(
      """
      QUY ĐỊNH
      VỀ XỬ LÝ KỶ LUẬT ĐẢNG VIÊN VI PHẠM PHÁP LUẬT GIAO THÔNG
      Căn cứ Luật Đất đai ngày 29/11/2013;
      """
    ).citations
    XCTAssertEqual(found.map(\.title), ["Luật Đất đai"])
  }

  /// A law's name may hold a comma, a bracket or `của` before its date: the date is still its own.
  func testALawsNameRunsOverCommasBracketsAndOfToItsDate() {
    let found = decision(
      """
      Căn cứ Luật Tổ chức HĐND và UBND (sửa đổi) ngày 21 tháng 6 năm 1994;
      Căn cứ Luật Khiếu nại, tố cáo ngày 02 tháng 12 năm 1998;
      Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021;
      Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;
      Căn cứ Luật Đất đai của Quốc hội ngày 29/11/2013;
      """
    ).citations
    XCTAssertEqual(
      found.map(\.date?.iso), ["1994-06-21", "1998-12-02", "2021-03-30", "2015-11-20", "2013-11-29"])
    XCTAssertEqual(
      found.map(\.title),
      [
        "Luật Tổ chức HĐND và UBND (sửa đổi)", "Luật Khiếu nại, tố cáo", "Luật Phòng, chống ma túy",
        "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân", "Luật Đất đai",
      ])
  }

  /// `Văn bản số 8576/BNN-TCLN`, `văn bản số 86-CV/BTGTW`: a numbered letter, cited as such; the
  /// letters of a body in general are no citation.
  func testANumberedVanBanIsALetter() {
    let found = decision(
      """
      Căn cứ Văn bản số 8576/BNN-TCLN ngày 10/10/2016 của Bộ Nông nghiệp và Phát triển nông thôn;
      Căn cứ các văn bản của Bộ Tài chính;
      Về đề nghị của Ban Tuyên giáo Trung ương tại văn bản số 86-CV/BTGTW ngày 01 tháng 3 năm 2016,
      """
    ).citations
    XCTAssertEqual(found.map(\.number), ["8576/BNN-TCLN", "86-CV/BTGTW"])
    XCTAssertEqual(found.map(\.type), ["Công văn", "Công văn"])
    XCTAssertEqual(found.first?.date?.iso, "2016-10-10")
    XCTAssertEqual(found.first?.relation, .pursuant)
    XCTAssertEqual(found.last?.issuer, "Ban Tuyên giáo Trung ương", "the body whose proposal it carries")
  }

  /// `Số:` alone on its line, the number on the next, as table cells are copied.
  func testTheNumberOnTheLineAfterSo() {
    let document = parseOne(
      """
      ỦY
      BAN NHÂN DÂN
      TỈNH QUẢNG TRỊ
      -------
      |
      CỘNG
      HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      |
      Số:
      27/2009/QĐ-UBND
      |
      Đông
      Hà, ngày 4 tháng 5 năm 2009
      |
      QUYẾT ĐỊNH
      VỀ VIỆC BAN HÀNH QUY CHẾ
      """)
    XCTAssertEqual(document.number, "27/2009/QĐ-UBND")
    XCTAssertEqual(document.date?.iso, "2009-05-04")
  }

  /// `… ngày 05/7/2021 của Ban Tổ chức. Ngày 02/11/2021, Sở … đã ban hành Kế hoạch số …`: the date
  /// before `ban hành` is read in its own sentence, not in the one before.
  func testTheDateBeforeBanHanhIsReadInItsOwnSentence() throws {
    let plan = try XCTUnwrap(
      decision(
        "Căn cứ Kế hoạch số 01/KH-BTC ngày 05/7/2021 của Ban Tổ chức; Kế hoạch số 24/KH-BTGTU ngày 13/8/2021 của Ban Tuyên giáo Tỉnh ủy. Ngày 02/11/2021, Sở Văn hóa, Thể thao và Du lịch đã ban hành Kế hoạch số 67/KH-SVHTTDL tổ chức hội thi."
      ).citations.last)
    XCTAssertEqual(plan.number, "67/KH-SVHTTDL")
    XCTAssertEqual(plan.date?.iso, "2021-11-02")
    XCTAssertEqual(plan.issuer?.hasPrefix("Sở Văn hóa, Thể thao và Du lịch"), true)
  }

  /// The bodies merged in 2025 issue under their whole new names.
  func testTheBodiesMergedIn2025AreNamedWhole() {
    let found = decision(
      "Thực hiện Hướng dẫn số 27-HD/BTGDVTW ngày 11/9/2025 của Ban Tuyên giáo và Dân vận Trung ương và Công văn số 15/SNNMT-KH ngày 2/10/2025 của Sở Nông nghiệp và Môi trường, UBND tỉnh yêu cầu:"
    ).citations
    XCTAssertEqual(found.first?.issuer, "Ban Tuyên giáo và Dân vận Trung ương")
    XCTAssertEqual(found.last?.issuer?.hasPrefix("Sở Nông nghiệp và Môi trường"), true)
  }

  /// `Kế hoạch hành động số 01-KH/TU`: a plan named at length before its number is cited.
  func testAnActionPlanIsCitedByItsNumber() {
    let found = decision(
      "Thực hiện Kế hoạch hành động số 12-KH/TU ngày 3/8/2025 của Ban Thường vụ Tỉnh ủy; Chương trình hành động số 05-CTr/TU ngày 4/4/2025 của Tỉnh ủy, UBND tỉnh ban hành Kế hoạch."
    ).citations
    XCTAssertEqual(found.map(\.number), ["12-KH/TU", "05-CTr/TU"])
    XCTAssertEqual(found.first?.date?.iso, "2025-08-03")
    XCTAssertEqual(found.map(\.relation), [.implements, .implements])
  }

  /// `Căn cứ:` on a line of its own, then a document a bullet: the cue governs every bullet.
  func testBulletsUnderACueLineTakeItsCue() {
    let found = decision(
      """
      Căn cứ:
         - Luật Viên chức ngày 15/11/2010;

         - Nghị định số 115/2020/NĐ-CP ngày 25/9/2020 của Chính phủ;
      Kính gửi:
      - Sở Nội vụ (Công văn số 12/SNV-CCVC ngày 1/3/2021).
      """
    ).citations
    XCTAssertEqual(found.map(\.relation), [.pursuant, .pursuant, .refers])
  }

  /// `Thông báo kết luận số 35-TB/TU`: a notice of conclusions, as its number's code says.
  func testANoticeOfConclusionsIsANotice() throws {
    let notice = try XCTUnwrap(
      decision("Tiếp tục quán triệt Thông báo kết luận số 35-TB/TU ngày 3/2/2021 của Thường trực Tỉnh ủy.")
        .citations.first)
    XCTAssertEqual(notice.type, "Thông báo")
    XCTAssertEqual(notice.number, "35-TB/TU")
    XCTAssertEqual(notice.relation, .implements)
  }

  /// `Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày …`, `số 71-NQ/TW và 72-NQ/TW ngày …`: numbers of one code
  /// after one type share its date and issuer, and each is cited.
  func testNumbersOfOneCodeAfterOneTypeShareItsDateAndIssuer() {
    let found = decision(
      "Thực hiện Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII; các Nghị quyết số 71-NQ/TW và 72-NQ/TW ngày 9/9/2025 của Bộ Chính trị; Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị, Tỉnh ủy ban hành Kế hoạch:"
    ).citations
    XCTAssertEqual(
      found.map(\.number), ["18-NQ/TW", "19-NQ/TW", "71-NQ/TW", "72-NQ/TW", "217-QĐ/TW", "218-QĐ/TW"])
    XCTAssertEqual(
      found.map(\.date?.iso),
      ["2017-10-25", "2017-10-25", "2025-09-09", "2025-09-09", "2013-12-12", "2013-12-12"])
    XCTAssertEqual(found[3].issuer, "Bộ Chính trị")
    XCTAssertEqual(Set(found.map(\.relation)), [.implements])
  }

  /// `Nghị quyết số 57-NQ/TW (ngày 22/12/2024) của Bộ Chính trị`: a date in brackets is the date.
  func testADateInBracketsIsTheDate() throws {
    let resolution = try XCTUnwrap(
      decision("Quán triệt Nghị quyết số 57-NQ/TW (ngày 22/12/2024) của Bộ Chính trị.").citations.first)
    XCTAssertEqual(resolution.date?.iso, "2024-12-22")
    XCTAssertEqual(resolution.issuer, "Bộ Chính trị")
  }

  /// `Kết luận của đồng chí Bí thư Tỉnh ủy tại buổi làm việc ngày …`, `của BTV Tỉnh ủy`: offices and
  /// short forms of the province's Party bodies are its issuers.
  func testTheProvincesPartyOfficesAndShortFormsIssue() {
    let found = decision(
      "Căn cứ Kết luận của đồng chí Bí thư Tỉnh ủy tại buổi làm việc ngày 12/3/2021 và ý kiến chỉ đạo của Thường trực Tỉnh ủy tại Công văn số 1545-CV/VPTU ngày 3/4/2021; Kế hoạch số 07-KH/TU ngày 2/3/2018 của BTV Tỉnh ủy."
    ).citations
    XCTAssertEqual(found.map(\.type), ["Kết luận", "Công văn", "Kế hoạch"])
    XCTAssertEqual(found.first?.date?.iso, "2021-03-12")
    XCTAssertEqual(found.first?.issuer?.hasPrefix("Bí thư Tỉnh ủy"), true)
    XCTAssertEqual(found.map(\.relation), [.pursuant, .pursuant, .pursuant])
    XCTAssertEqual(found.last?.issuer?.hasPrefix("BTV Tỉnh ủy"), true)
    XCTAssertEqual(found.last?.scope, .province("Bắc Giang"), "the own province's body")
  }

  /// `của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII`: a plenum's conclusion is its
  /// committee's.
  func testAPlenumsDocumentIsItsCommittees() throws {
    let conclusion = try XCTUnwrap(
      decision(
        "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII."
      ).citations.first)
    XCTAssertEqual(conclusion.issuer, "Ban Chấp hành Trung ương Đảng")
    XCTAssertEqual(conclusion.date?.iso, "2021-10-25")
  }

  /// `Lời kêu gọi của Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam ngày …`: the head of a
  /// known body issues with the body's whole name, and the date after it is read.
  func testTheChairOfAKnownBodyIssuesWithItsWholeName() throws {
    let call = try XCTUnwrap(
      decision(
        "Thực hiện Lời kêu gọi của Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam ngày 10/3/2024."
      ).citations.first)
    XCTAssertEqual(call.issuer, "Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")
    XCTAssertEqual(call.date?.iso, "2024-03-10")
  }

  /// `Hưởng ứng Lời kêu gọi …`: answering a call carries it out.
  func testAnsweringACallImplementsIt() {
    let found = decision(
      "Hưởng ứng Lời kêu gọi của Tổng Bí thư ngày 1/5/2021 và Kế hoạch số 5-KH/TU ngày 2/5/2021 của Ban Thường vụ Tỉnh ủy, UBND tỉnh yêu cầu:"
    ).citations
    XCTAssertEqual(found.map(\.relation), [.implements, .implements])
  }

  /// `của Bộ Nông nghiệp và PTNT`: the ministry under its usual short form.
  func testTheMinistryOfAgricultureUnderItsShortForm() throws {
    let circular = try XCTUnwrap(
      decision(
        "Căn cứ Thông tư số 05/2008/TT-BNN ngày 14/01/2008 của Bộ Nông nghiệp và PTNT hướng dẫn lập quy hoạch;"
      )
      .citations.first)
    XCTAssertEqual(circular.issuer, "Bộ Nông nghiệp và PTNT")
  }

  /// `TỈNH ỦY CAO BẰNG` / `BAN DÂN VẬN`, `BAN CHẤP HÀNH TRUNG ƯƠNG` / `ỦY BAN KIỂM TRA`: the organ on
  /// the header line under its committee's (the motto may stand between) is the issuer.
  func testAnOrganUnderItsCommitteesHeaderLineIssues() {
    let provincial = parseOne(
      """
      TỈNH ỦY CAO BẰNG
      ĐẢNG CỘNG SẢN VIỆT NAM
      BAN DÂN VẬN
      *
      Số 12-HD/BDVTU
      Cao Bằng, ngày 3 tháng 4 năm 2019
      HƯỚNG DẪN
      về công tác dân vận năm 2019
      """)
    XCTAssertEqual(provincial.issuer, "Ban Dân vận Tỉnh ủy Cao Bằng")
    XCTAssertEqual(provincial.province, "Cao Bằng")
    let central = parseOne(
      """
      BAN CHẤP HÀNH TRUNG ƯƠNG
      ỦY BAN KIỂM TRA
      -------
      ĐẢNG CỘNG SẢN VIỆT NAM
      Số: 15-TB/UBKTTW
      Hà Nội, ngày 9 tháng 9 năm 2020
      THÔNG BÁO
      kết quả kỳ họp thứ năm
      """)
    XCTAssertEqual(central.issuer, "Ủy ban Kiểm tra Trung ương")
    XCTAssertEqual(central.level, .central)
    XCTAssertNil(central.province)
  }

  /// `Xét đề nghị của Trung tâm Phát triển quỹ đất tại Tờ trình …`: a proposer's name goes on in
  /// plain words (and `&`) up to `tại`.
  func testAProposersNameRunsOnToTai() {
    let found = decision(
      """
      Xét đề nghị của Trung tâm Phát triển quỹ đất tỉnh tại Tờ trình số 45/TTr-TTPTQĐ ngày 2/2/2022;
      Theo đề nghị của Giám đốc Sở Văn hóa & Thể thao tại Tờ trình số 7/TTr-SVHTT ngày 1/3/2022,
      Theo đề nghị của Cục trưởng Cục Thống kê thành phố tại Công văn số 9/CTK-TH ngày 4/3/2022,
      """
    ).citations
    XCTAssertEqual(
      found.map(\.issuer),
      ["Trung tâm Phát triển quỹ đất", "Sở Văn hóa & Thể thao", "Cục Thống kê thành phố"])
  }

  /// `Căn cứ Quy chế làm việc của Ủy ban Kiểm tra Trung ương khóa XIII`: working rules cited by
  /// the body they bind, without number or date.
  func testWorkingRulesAreCitedByTheBodyTheyBind() throws {
    let rules = try XCTUnwrap(
      decision("Căn cứ Quy chế làm việc của Ủy ban Kiểm tra Trung ương khóa XIII;").citations.first)
    XCTAssertEqual(rules.type, "Quy chế")
    XCTAssertNil(rules.number)
    XCTAssertEqual(rules.issuer, "Ủy ban Kiểm tra Trung ương")
    XCTAssertEqual(rules.relation, .pursuant)
  }

  /// Working rules named by their body, then their number in brackets on a line of its own: the
  /// number is theirs; one in brackets past the sentence, or of another type's code, is not.
  func testWorkingRulesTakeTheirNumberInBracketsAfterTheName() throws {
    let numbered = try XCTUnwrap(
      decision("Sửa đổi Quy chế làm việc của Thành ủy khóa IX,\nnhiệm kỳ 2020-2025\n(số 05-QC/TU)\nnhư sau.")
        .citations.first)
    XCTAssertEqual(numbered.type, "Quy chế")
    XCTAssertEqual(numbered.number, "05-QC/TU")
    let otherCode = try XCTUnwrap(
      decision("Căn cứ Quy chế làm việc của Thành ủy khóa IX (kèm Kế hoạch 12-KH/TU);").citations.first {
        $0.type == "Quy chế"
      })
    XCTAssertNil(otherCode.number)
    let pastTheSentence = try XCTUnwrap(
      decision("Căn cứ Quy chế làm việc của Thành ủy khóa IX. Ban hành kèm (số 07-QC/TU) mới.").citations
        .first {
          $0.type == "Quy chế"
        })
    XCTAssertNil(pastTheSentence.number)
  }

  /// `Căn cứ Pháp lệnh về thủ tục …, ở các cấp ngày 10 tháng 5 năm 1999`: an ordinance named by
  /// its subject (`về …`), commas and all, up to its date.
  func testAnOrdinanceNamedByItsSubjectIsCited() throws {
    let ordinance = try XCTUnwrap(
      decision(
        "Căn cứ Pháp lệnh về thủ tục giải quyết các việc dân sự, kinh tế của tòa án ở các cấp ngày 10 tháng 5 năm 1999;"
      ).citations.first)
    XCTAssertEqual(ordinance.type, "Pháp lệnh")
    XCTAssertEqual(ordinance.date?.iso, "1999-05-10")
    XCTAssertEqual(ordinance.relation, .pursuant)
  }

  /// `Nghị quyết Đại hội Đảng bộ các cấp`: the congresses of every level, no one resolution; the
  /// city's own congress beside it is one.
  func testTheCongressesOfEveryLevelAreNoCitation() {
    let found = decision(
      "Phấn đấu hoàn thành Nghị quyết Đại hội Đảng bộ các cấp nhiệm kỳ 2020 - 2025 và Nghị quyết Đại hội đại biểu lần thứ XVII Đảng bộ thành phố."
    ).citations
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(found.first?.issuer?.hasPrefix("Đại hội đại biểu lần thứ XVII"), true)
  }

  /// `Kế hoạch số 08 về tổ chức đại hội`: a number without a code, followed by its subject, is one
  /// document as much as when a date or an issuer follows it.
  func testABareNumberWithItsSubjectIsCited() {
    let found = decision(
      "Ban Thường vụ Đảng ủy đã ban hành Kế hoạch số 08 về tổ chức đại hội các chi bộ trực thuộc."
    ).citations
    XCTAssertEqual(found.map(\.number), ["08"])
    XCTAssertEqual(found.map(\.type), ["Kế hoạch"])
  }

  /// `ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW`: the central bloc's committee is a central issuer, even in Hà Nội.
  func testTheCentralBlocsCommitteeIsCentral() {
    let report = parseOne(
      """
      ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW
      *
      ĐẢNG CỘNG SẢN VIỆT NAM
      Hà Nội, ngày 12 tháng 01 năm 2022
      BÁO CÁO
      tổng kết công tác kiểm tra năm 2021
      """)
    XCTAssertEqual(report.issuer, "Đảng ủy Khối các cơ quan Trung ương")
    XCTAssertEqual(report.level, .central)
    XCTAssertNil(report.province)
  }

  /// `Ngày 06/4, UBND tỉnh ban hành Công văn số …`: a sentence's opening word (a date without its
  /// year before it) is not read as the issuer.
  func testASentencesOpeningWordIsNoIssuer() {
    let found = decision("Ngày 06/4, UBND tỉnh ban hành Công văn số 391-CV/ĐU hướng dẫn tuyên truyền.")
      .citations
    XCTAssertEqual(found.map(\.number), ["391-CV/ĐU"])
    XCTAssertNotEqual(found.first?.issuer, "Ngày")
  }

  /// `Trên cơ sở Kế hoạch số …`: the plan a document is built on is its basis.
  func testOnTheBasisOfIsABasis() {
    let found = decision(
      "Trên cơ sở Kế hoạch số 55/KH-UBND ngày 3/3/2021 của UBND tỉnh, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:"
    ).citations
    XCTAssertEqual(found.map(\.relation), [.pursuant])
  }

  /// `Ban Thường vụ Quận ủy Quận 3`: a numbered district goes on with its number.
  func testANumberedDistrictKeepsItsNumber() {
    let found = decision(
      "Thực hiện Kế hoạch số 221-KH/QU ngày 12/11/2019 của Ban Thường vụ Quận ủy Quận 3 về tổ chức đại hội;"
    ).citations
    XCTAssertEqual(found.map(\.issuer), ["Ban Thường vụ Quận ủy Quận 3"])
  }

  /// `Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 …, Ban … đã ban hành Kế hoạch số 08-KH/ĐU`:
  /// the date before `ban hành` is the directive's, and the header's date line above is the
  /// document's own; the plan is left undated.
  func testADateBeforeBanHanhThatBelongsToAnotherDocumentIsNotThePlans() {
    let found = decision(
      "Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 về đại hội đảng bộ các cấp, Ban Thường vụ Đảng ủy đã ban hành Kế hoạch số 08-KH/ĐU triển khai."
    ).citations
    XCTAssertEqual(found.map(\.number), ["45-CT/TW", "08-KH/ĐU"])
    XCTAssertEqual(found.map(\.date?.iso), ["2025-04-14", nil])
  }

  /// A congress named once with its city and once without, in the same letter, is one congress.
  func testACongressNamedWithAndWithoutItsPlaceIsOneResolution() throws {
    let found = decision(
      "Đại hội đã thông qua Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bắc Giang lần thứ XIX nhiệm kỳ 2020 - 2025. Các cấp ủy xây dựng chương trình thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX sát thực tiễn."
    ).citations
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(try XCTUnwrap(found.first).mentions, 2)
    let twoCongresses = decision(
      "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bắc Giang lần thứ XIX. Kết quả Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII đã tổng kết."
    ).citations
    XCTAssertEqual(twoCongresses.count, 2, "another term is another congress")
  }

  /// `Nội dung dự thảo Quy chế làm việc của Thành ủy khóa IX so với Quy chế làm việc của Thành ủy
  /// khóa VIII (số 12-QC/TU)`: the draft is no citation, and the rules compared with it are the
  /// numbered rules.
  func testADraftIsNoCitationAndTheRulesItReplacesAreNumberedLater() throws {
    let found = decision(
      """
      BẢNG SO SÁNH
      Nội dung dự thảo Quy chế làm việc của Thành ủy khóa IX
      So với Quy chế làm việc của Thành ủy khóa VIII
      Quy chế làm việc của Thành ủy khóa VIII
      (số 12-QC/TU)
      - Căn cứ Điều lệ Đảng;
      """
    ).citations
    XCTAssertEqual(found.map(\.type), ["Quy chế", "Điều lệ"])
    XCTAssertEqual(found.first?.number, "12-QC/TU")
    XCTAssertEqual(try XCTUnwrap(found.first).mentions, 2)
    let drafted = decision("Ban Thường vụ cho ý kiến vào Dự thảo Chỉ thị của Tỉnh ủy về đại hội.").citations
    XCTAssertEqual(drafted.count, 0)
  }

  /// `Ban Tuyên giáo Tỉnh ủy Bắc Giang vừa ban hành Công văn số …` after a line that is no issuer
  /// (a headline, `Lượt xem: 123`): the body just before `vừa ban hành` issued it.
  func testTheBodyRightBeforeVuaBanHanhIssuesTheLetter() throws {
    let letter = try XCTUnwrap(
      decision(
        "Tuyên truyền kỷ niệm ngày thành lập (3/2/1930 - 3/2/2022)\nLượt xem: 123\nBan Tuyên giáo Tỉnh ủy Bắc Giang vừa ban hành Công văn số 88-CV/BTGTU về việc tuyên truyền."
      ).citations.first { $0.number == "88-CV/BTGTU" })
    XCTAssertEqual(letter.issuer, "Ban Tuyên giáo Tỉnh ủy Bắc Giang")
    let signed = try XCTUnwrap(
      decision("Ghi chú: 12\nThường trực Tỉnh ủy đã ký ban hành Kết luận số 9-KL/TU về đất đai.").citations
        .first)
    XCTAssertEqual(signed.issuer?.hasPrefix("Thường trực Tỉnh ủy"), true, signed.issuer ?? "no issuer")
  }

  /// `… duy trì các giải pháp trên địa bàn theo chỉ đạo của Thủ tướng Chính phủ tại Chỉ thị …`: the
  /// direction followed, even where `theo` opens no clause of its own.
  func testFollowingADirectionGivenInADocumentMidSentence() {
    let found = decision(
      "Các sở tiếp tục duy trì các giải pháp trên địa bàn theo chỉ đạo của Thủ tướng Chính phủ tại Chỉ thị 16/CT-TTg ngày 31/3/2020."
    ).citations
    XCTAssertEqual(found.map(\.relation), [.accordingTo])
  }

  /// A text with no header, number or signature whose opening gives directions in a committee's
  /// voice (`…, Ban Thường vụ Tỉnh ủy yêu cầu:`) is that committee's; one that only reports a
  /// committee's meeting names no issuer.
  func testTheCommitteeSpeakingInABodyOnlyTextIssuesIt() {
    let directive = parseOne(
      """
      Để triển khai Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bắc Giang lần thứ XIX, Ban Thường vụ Tỉnh ủy yêu cầu:
      1. Các cấp ủy quán triệt Nghị quyết.
      """)
    XCTAssertEqual(directive.issuer, "Ban Thường vụ Tỉnh ủy Bắc Giang")
    XCTAssertEqual(directive.level, .province)
    XCTAssertEqual(
      directive.warnings.filter { $0.code == .issuerFromItsVoice }.map(\.message),
      [
        "issuer read from the text: no header, number or signature names one, and `Ban Thường vụ Tỉnh ủy yêu cầu` near its opening speaks as that committee"
      ])
    let district = parseOne("Thường trực Huyện ủy đề nghị các chi bộ trực thuộc tổ chức học tập.\n")
    XCTAssertEqual(district.issuer, "Thường trực Huyện ủy")
    XCTAssertEqual(district.level, .district)
    XCTAssertTrue(district.warnings.contains { $0.message.contains("`Thường trực Huyện ủy đề nghị`") })
    let report = parseOne("Sáng 12/1, Ban Thường vụ Tỉnh ủy tổ chức hội nghị cho ý kiến vào dự thảo.\n")
    XCTAssertNil(report.issuer)
    XCTAssertFalse(report.warnings.contains { $0.code == .issuerFromItsVoice })
    let late = parseOne(
      String(repeating: "Các cấp ủy tổ chức học tập nghị quyết. ", count: 40)
        + "Ban Thường vụ Tỉnh ủy yêu cầu:\n")
    XCTAssertNil(
      late.issuer, "a committee speaking only past the opening's first 1,200 characters issues nothing")
  }

  /// `VĂN PHỊNG` under the committee's line: a PDF's font slip (Ò written Ị) in the office's name.
  func testTheCommitteesOfficeUnderAFontSlip() {
    let letter = parseOne(
      """
      TỈNH ỦY BẮC GIANG
      VĂN PHỊNG
      *
      ĐẢNG CỘNG SẢN VIỆT NAM
      Bắc Giang, ngày 3 tháng 12 năm 2020
      Kính gửi: Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy.
      """)
    XCTAssertEqual(letter.issuer, "Văn phòng Tỉnh ủy Bắc Giang")
  }

  /// A decision enacted by `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …` is the chair's; one enacted by the
  /// committee, or signed `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH` at its foot, is the committee's.
  func testADecisionTheChairEnactsIsTheChairs() {
    let header =
      "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 9/QĐ-UBND\nBắc Giang, ngày 2 tháng 3 năm 2022\nQUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT KẾ HOẠCH\n"
    let byTheChair = parseOne(
      header + "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\nCăn cứ Luật Đất đai ngày 29/11/2013;\n")
    XCTAssertEqual(byTheChair.issuer, "Chủ tịch UBND tỉnh Bắc Giang")
    let byTheCommittee = parseOne(
      header
        + "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\nCăn cứ Luật Đất đai ngày 29/11/2013;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
    )
    XCTAssertEqual(byTheCommittee.issuer, "UBND tỉnh Bắc Giang")
    let committeeLineAlone = parseOne(
      "ỦY BAN NHÂN DÂN |\nSố: 9/QĐ-UBND |\nBắc Giang, ngày 2 tháng 3 năm 2022 |\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Đất đai ngày 29/11/2013;\n"
    )
    XCTAssertEqual(committeeLineAlone.issuer, "Chủ tịch UBND tỉnh Bắc Giang")
  }

  /// `của Ban Thường  vụ Tỉnh ủy`, `của Bộ  Chính trị`: a known body's name with two spaces inside
  /// is still that body, written as it is known.
  func testAKnownNameWithADoubleSpaceInside() {
    let found = decision(
      "Thực hiện Kế hoạch số 12-KH/TU ngày 3/1/2022 của Ban Thường  vụ Tỉnh ủy và Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ  Chính trị."
    ).citations
    XCTAssertEqual(found.map(\.issuer), ["Ban Thường vụ Tỉnh ủy Bắc Giang", "Bộ Chính trị"])
  }

  /// `VĂN PHÒNG CHÍNH PHỦ - BỘ TÀI CHÍNH`: a joint circular is both bodies', not the first one's.
  func testAJointCentralHeaderNamesBothBodies() {
    let circular = parseOne(
      """
      VĂN PHÒNG CHÍNH PHỦ - BỘ TÀI CHÍNH
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Số: 01/2012/TTLT-VPCP-BTC
      Hà Nội, ngày 5 tháng 3 năm 2012
      THÔNG TƯ LIÊN TỊCH
      """)
    XCTAssertEqual(circular.issuer, "Văn phòng Chính phủ và Bộ Tài chính")
    XCTAssertEqual(circular.level, .central)
  }

  /// `của Ban Tuyên giáo Quận uỷ về …`, `của Đảng ủy xã Tân Lập`: the committee's lower-case `ủy`
  /// belongs to the name read from capitals; it was cut before it.
  func testACommitteesLowerCaseUyIsPartOfTheName() {
    let found = decision(
      "Thực hiện Hướng dẫn số 70-HD/BTGQU ngày 14/12/2018 của Ban Tuyên giáo Quận uỷ về tuyên truyền; Kế hoạch số 85-KH/ĐU ngày 21/8/2019 của Đảng ủy xã Tân Lập về đại hội."
    ).citations
    XCTAssertEqual(found.map(\.issuer), ["Ban Tuyên giáo Quận uỷ", "Đảng ủy xã Tân Lập"])
  }

  /// A headline naming a document by its type and body, then the sentence giving its number: one
  /// document, not an unnumbered one beside the numbered one.
  func testADocumentNamedByItsBodyThenNumberedIsOne() throws {
    let found = decision(
      "Công điện của Ban Thường vụ Tỉnh ủy về phòng, chống dịch\n\nBan Thường vụ Tỉnh ủy vừa ban hành công điện số 07-CĐ/TU về phòng, chống dịch trên địa bàn tỉnh."
    ).citations
    XCTAssertEqual(found.map(\.number), ["07-CĐ/TU"])
    XCTAssertEqual(try XCTUnwrap(found.first).mentions, 2)
  }

  /// `Thay mặt Bộ Chính trị, đồng chí …, vừa ký ban hành Kết luận số …`: on behalf of the Politburo,
  /// so the Politburo's, not a body called `Thay mặt Bộ Chính`.
  func testOnBehalfOfABodyIsThatBodys() throws {
    let conclusion = try XCTUnwrap(
      decision(
        "Thay mặt Bộ Chính trị, đồng chí Nguyễn Văn A, Thường trực Ban Bí thư, vừa ký ban hành Kết luận số 12-KL/TW ngày 3/4/2022 về công tác kiểm tra."
      ).citations.first)
    XCTAssertEqual(conclusion.issuer, "Bộ Chính trị")
  }
}

/// Numbers and dates as a second set of unseen real texts wrote them.
final class UnseenRealNumberTests: XCTestCase {
  func dateRead(_ text: String, at offset: Int = 0) -> String? {
    TextScanner(text).date(at: offset)?.day.iso
  }

  /// `ngày 14 - 6 - 2021`, `ngày 5/ 8/2021`, `14/06/ 2021`: spaces around a slash or a dash.
  func testSpacesAroundTheSlashesOrDashesOfADateBeforeAWholeYear() {
    XCTAssertEqual(dateRead("ngày 14 - 6 - 2021"), "2021-06-14")
    XCTAssertEqual(dateRead("ngày 5/ 8/2021"), "2021-08-05")
    XCTAssertEqual(dateRead("14/06/ 2021"), "2021-06-14")
    XCTAssertEqual(dateRead("16/7/20 21"), "2021-07-16", "a year split by a stray space, as before")
    XCTAssertNil(dateRead("14 - 6 - 21"), "a spaced date needs a year of four digits")
    XCTAssertNil(dateRead("ngày 14 - 6\n- 2021: tổng kết"), "a paragraph ends after the month")
  }

  func testRangesOfYearsAndBareNumbersAreNoSpacedDates() {
    XCTAssertNil(dateRead("2016 - 2020"))
    XCTAssertNil(dateRead("giai đoạn 2021 - 2025", at: 12), "the last two digits of a year open no date")
    XCTAssertNil(dateRead("giai đoạn 2021 - 2025", at: 10))
    XCTAssertNil(dateRead("số 14 - 6 ngày 2/3/2021", at: 3))
    XCTAssertNil(dateRead("từ 10 - 15/6/2021", at: 3), "a range of days, not one date")
  }

  func numberRead(_ text: String) -> String? {
    let scanner = TextScanner(text)
    guard let first = scanner.scalars.firstIndex(where: { $0.properties.numericType != nil }) else {
      return nil
    }
    return scanner.documentNumber(at: first)?.number
  }

  /// `Số: 06/QC-TT.HĐND-UBND`, a rule of two bodies: a dot between codes in capitals is inside the
  /// number; a dot that ends a sentence is not.
  func testADotBetweenCodesInCapitalsIsPartOfTheNumber() {
    XCTAssertEqual(numberRead("Số: 06/QC-TT.HĐND-UBND"), "06/QC-TT.HĐND-UBND")
    XCTAssertEqual(numberRead("theo Quyết định số 12/QĐ-UBND."), "12/QĐ-UBND")
    XCTAssertEqual(numberRead("số 12/QĐ-UBND. Điều 2"), "12/QĐ-UBND")
    XCTAssertEqual(numberRead("số 12/QĐ-UBND.\nĐiều 2"), "12/QĐ-UBND")
    XCTAssertEqual(numberRead("số 12/QĐ-UBND.Căn cứ"), "12/QĐ-UBND", "a sentence glued to the dot")
    XCTAssertEqual(numberRead("Số: 12/QĐ-UBND.QUYẾT ĐỊNH"), "12/QĐ-UBND", "a title glued to the dot")
    let rule = parseOne(
      """
      HĐND - UBND TỈNH HÒA BÌNH
      Số: 06/QC-TT.HĐND-UBND
      Hòa Bình, ngày 3 tháng 4 năm 2023
      QUY CHẾ
      PHỐI HỢP CÔNG TÁC
      """)
    XCTAssertEqual(rule.number, "06/QC-TT.HĐND-UBND")
    XCTAssertEqual(rule.type, "Quy chế")
  }

  /// A header flattened onto one line: the longest place before `, ngày` names the province, so
  /// `Trà Vinh` is not the city of `Vinh` in Nghệ An.
  func testTheLongestPlaceBeforeTheDateOfAOneLineHeaderWins() {
    let document = parseOne(
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH TRÀ VINH Độc lập - Tự do - Hạnh phúc Số: 7/2020/QĐ-UBND Trà Vinh, ngày 2 tháng 4 năm 2020 QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ\nCăn cứ Luật Đất đai ngày 29/11/2013;\n"
    )
    XCTAssertEqual(document.province, "Trà Vinh")
    XCTAssertEqual(document.date?.iso, "2020-04-02")
    let seatOnly = parseOne(
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH NGHỆ AN Độc lập - Tự do - Hạnh phúc Số: 7/2020/QĐ-UBND Vinh, ngày 2 tháng 4 năm 2020 QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ\nCăn cứ Luật Đất đai ngày 29/11/2013;\n"
    )
    XCTAssertEqual(seatOnly.province, "Nghệ An", "the seat alone still names its province")
  }

  /// `Số: 05/2019/QĐUBND`: a number whose dash was lost still names its type and its issuer.
  func testATypeCodeGluedToTheCouncilsCodeStillNamesTheType() {
    XCTAssertEqual(DocumentTypes.typeName(ofNumber: "05/2019/QĐUBND"), "Quyết định")
    XCTAssertEqual(DocumentTypes.typeName(ofNumber: "12/NQHĐND"), "Nghị quyết")
    XCTAssertEqual(DocumentTypes.typeName(ofNumber: "15/UBND"), "Công văn", "the issuer alone: a letter")
    XCTAssertEqual(DocumentTypes.typeName(ofNumber: "472/VPUBND"), "Công văn", "an office, no type")
    let document = parseOne(
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỈNH TRÀ VINH Độc lập Tự do Hạnh phúc Số: 05/2019/QĐUBND Trà Vinh, ngày 12 tháng 3 năm 2019 QUYẾT ĐỊNH BAN HÀNH QUY ĐỊNH VỀ ĐIỀU KIỆN NUÔI TÔM\nCăn cứ Luật Thủy sản ngày 21 tháng 11 năm 2017;\n"
    )
    XCTAssertEqual(document.number, "05/2019/QĐUBND", "the number as written")
    XCTAssertEqual(document.type, "Quyết định")
  }

  func testASpacedDateDatesTheDocumentAndItsCitations() {
    let document = parseOne(
      """
      ỦY BAN NHÂN DÂN
      TỈNH HÒA BÌNH
      Số: 21/KH-UBND
      Hòa Bình, ngày 14 - 6 - 2021
      KẾ HOẠCH
      Thực hiện Chỉ thị số 05-CT/TU ngày 5/ 8/2020 của Ban Thường vụ Tỉnh ủy giai đoạn 2021 - 2025;
      """)
    XCTAssertEqual(document.date?.iso, "2021-06-14")
    XCTAssertEqual(document.citations.map(\.date?.iso), ["2020-08-05"])
  }
}

/// What a fourth set of unseen real texts (round 8) read wrong: each phenomenon in words of our own.
extension UnseenRealPhrasingTests {
  /// `Báo cáo thẩm tra số … của Ban Kinh tế - Ngân sách`: the council committee's review of the
  /// draft, cited in every council resolution beside the committee's submission.
  func testACouncilCommitteesReviewReportIsCited() throws {
    let found = decision(
      "Xét Tờ trình số 21/TTr-UBND ngày 2/4/2020 của UBND tỉnh; Báo cáo thẩm tra số 88/BC-KTNS ngày 9/4/2020 của Ban Kinh tế - Ngân sách HĐND tỉnh; ý kiến của các đại biểu."
    ).citations
    XCTAssertEqual(found.map(\.number), ["21/TTr-UBND", "88/BC-KTNS"])
    let review = try XCTUnwrap(found.last)
    XCTAssertEqual(review.type, "Báo cáo")
    XCTAssertEqual(review.date?.iso, "2020-04-09")
    XCTAssertEqual(review.issuer, "Ban Kinh tế - Ngân sách HĐND tỉnh Bắc Giang")
    let unnumbered = decision(
      "Xét Tờ trình số 21/TTr-UBND ngày 2/4/2020 của UBND tỉnh; Báo cáo thẩm tra của Ban Pháp chế HĐND tỉnh và ý kiến thảo luận của đại biểu."
    ).citations
    XCTAssertEqual(
      unnumbered.map(\.type), ["Tờ trình", "Báo cáo"], "named by its body, the review is cited too")
  }
}

extension UnseenRealPhrasingTests {
  /// A Central Committee plenum's resolution named in full (`Hội nghị lần thứ 4 Ban Chấp hành Trung
  /// ương Đảng khóa XI`), then in short (`Trung ương 4 (khóa XI)`), is one document; another
  /// plenum or another term is not.
  func testAPlenumsResolutionNamedInFullAndInShortIsOne() throws {
    let found = decision(
      "Các chi bộ tiếp tục thực hiện Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XI về xây dựng Đảng; bám sát ba vấn đề nêu trong Nghị quyết Trung ương 4 (khóa XI) để kiểm điểm."
    ).citations
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(try XCTUnwrap(found.first).mentions, 2)
    let two = decision(
      "Thực hiện Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII và Nghị quyết Trung ương 6 khóa XII về tổ chức bộ máy; so với Nghị quyết Trung ương 4 khóa XI."
    ).citations
    XCTAssertEqual(two.count, 3, "the sixth plenum, and the fourth of another term, are other documents")
  }
}

extension UnseenRealPhrasingTests {
  /// A text that opens with its title (no number, no place–date line) and cites a law by name and
  /// date on a short line: the law's date is not the text's.
  func testACitedLawsDateOnAShortLineIsNotTheTexts() {
    let resolution = parseOne(
      """
      NGHỊ QUYẾT
      VỀ PHÁT TRIỂN CÂY CHÈ
      HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ THỌ
      Căn cứ Luật Đầu tư ngày 29 tháng 11 năm 2005;
      Luật Đất đai ngày 26 tháng 11 năm 2003;
      QUYẾT NGHỊ:
      Điều 1. Ban hành chính sách.
      """)
    XCTAssertNil(resolution.date)
    XCTAssertEqual(resolution.citations.map(\.date?.iso), ["2005-11-29", "2003-11-26"])
  }
}

extension UnseenRealPhrasingTests {
  /// `của Ủy ban nhân dân (UBND) tỉnh`: the short form in brackets is no end of the body's name.
  func testABodysShortFormInBracketsKeepsItsName() {
    let found = decision(
      "Năm qua, ngành đã thực hiện các giải pháp theo Chỉ thị số 14/CT-UBND ngày 22/9/2016 của Ủy ban nhân dân (UBND) tỉnh, và Nghị quyết số 5/NQ-HĐND ngày 1/8/2016 của Hội đồng nhân dân (HĐND) tỉnh Lạng Sơn."
    ).citations
    XCTAssertEqual(found.map(\.issuer), ["UBND tỉnh Bắc Giang", "HĐND tỉnh Lạng Sơn"])
  }
}

extension UnseenRealPhrasingTests {
  /// `THƯỜNG TRỰC HĐND - UBND TỈNH …` (its first words alone on a line, or not), `ĐẢNG ĐOÀN HĐND -
  /// BAN CÁN SỰ ĐẢNG UBND TỈNH …`: the two provincial bodies that issue the text together.
  func testAJointProvincialHeaderNamesBothBodies() {
    let rules = parseOne(
      "THƯỜNG TRỰC\nHĐND - UBND TỈNH HÒA BÌNH\n-------\nSố: 06/QC-TT.HĐND-UBND\nHòa Bình, ngày 20 tháng 3 năm 2019\nQUY CHẾ\nPhối hợp công tác\n"
    )
    XCTAssertEqual(rules.issuer, "Thường trực HĐND và UBND tỉnh Hòa Bình")
    XCTAssertEqual(rules.level, .province)
    let party = parseOne(
      "ĐẢNG ĐOÀN HĐND - BAN CÁN SỰ ĐẢNG UBND TỈNH QUẢNG NGÃI\n*\nSố 05-QC/ĐĐ-BCS\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Ngãi, ngày 2 tháng 6 năm 2021\nQUY CHẾ PHỐI HỢP\n"
    )
    XCTAssertEqual(party.issuer, "Đảng đoàn HĐND và Ban cán sự đảng UBND tỉnh Quảng Ngãi")
    XCTAssertEqual(party.level, .province)
    XCTAssertEqual(party.province, "Quảng Ngãi")
  }
}

extension UnseenRealPhrasingTests {
  /// A PDF's font slips in a header: `Ò` written `Ị` in the place's name, and a second horn on `Ư`
  /// (`THƯ̛ỜNG`), which splits the word.
  func testFontSlipsInHeaderWords() throws {
    let slipped = parseOne(
      "TỈNH ỦY KHÁNH HỊA\n*\nSố 12-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nKhánh Hịa, ngày 4 tháng 5 năm 2019\nCHỈ THỊ\ncủa Ban Thư\u{31B}ờng vụ Tỉnh ủy về công tác dân vận\nThực hiện Chỉ thị số 5-CT/TW ngày 1/2/2019 của Ban Thư\u{31B}ờng vụ Tỉnh ủy.\n"
    )
    XCTAssertEqual(slipped.province, "Khánh Hòa")
    XCTAssertEqual(slipped.issuer, "Tỉnh ủy Khánh Hòa")
    XCTAssertEqual(slipped.subject, "Về công tác dân vận")
    XCTAssertEqual(try XCTUnwrap(slipped.citations.first).issuer, "Ban Thường vụ Tỉnh ủy Khánh Hòa")
  }
}

extension UnseenRealPhrasingTests {
  /// A person named beside the office that acts is not the issuer: `của đồng chí Nguyễn Văn A, Bí
  /// thư Tỉnh ủy` is the secretary's, and a plan a vice-chair signs is the committee's.
  func testAPersonsNameBesideTheOfficeIsNoIssuer() {
    let letter = decision(
      "Theo Công văn số 12-CV/TU của đồng chí Trần Văn Hai, Bí thư Tỉnh ủy, các cấp ủy khẩn trương triển khai."
    ).citations
    XCTAssertEqual(letter.map(\.issuer), ["Bí thư Tỉnh ủy Bắc Giang"])
    let plan = decision(
      "Phó Chủ tịch UBND tỉnh Lê Văn Ba ký ban hành Kế hoạch số 88/KH-UBND ngày 2/4/2024 về chuyển đổi số."
    ).citations
    XCTAssertEqual(plan.map(\.issuer), ["UBND tỉnh Bắc Giang"])
  }
}

extension UnseenRealPhrasingTests {
  /// A news copy whose only issuer is its headline: `Tỉnh ủy … ban hành Chỉ thị về …`, `Chỉ thị của
  /// Chủ tịch UBND tỉnh về …`.
  func testTheHeadlineOfANewsCopyNamesItsIssuer() {
    let party = parseOne(
      "Tỉnh ủy Bình Định ban hành Chỉ thị về phòng cháy, chữa cháy\n\nNgày 12/4/2023, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 25-CT/TU về tăng cường sự lãnh đạo của Đảng đối với công tác phòng cháy.\n"
    )
    XCTAssertEqual(party.issuer, "Tỉnh ủy Bình Định")
    XCTAssertEqual(party.level, .province)
    XCTAssertEqual(party.type, "Chỉ thị")
    XCTAssertEqual(party.issuerEvidence.first?.kind, .headline)
    XCTAssertEqual(party.issuerEvidence.first?.text, "Tỉnh ủy Bình Định ban hành Chỉ thị")
    XCTAssertTrue(party.warnings.contains { $0.code == .issuerFromHeadline })
    XCTAssertFalse(party.warnings.contains { $0.code == .issuerFromItsVoice })
    let chair = parseOne(
      "Chỉ thị của Chủ tịch UBND tỉnh về việc đôn đốc nhiệm vụ sau Tết\n\nChủ tịch UBND tỉnh vừa ban hành Chỉ thị 02/CT-UBND. Nội dung như sau:\n"
    )
    XCTAssertEqual(chair.issuer, "Chủ tịch UBND tỉnh")
    XCTAssertEqual(chair.type, "Chỉ thị")
    XCTAssertEqual(chair.issuerEvidence.map(\.kind), [.headline])
    let report = parseOne(
      "Kết quả thực hiện chương trình nông thôn mới năm 2016\nTỉnh ủy ban hành Đề án xây dựng nông thôn mới.\n"
    )
    XCTAssertNil(report.issuer, "a headline that names no issuing body names none")
  }
}

extension UnseenRealPhrasingTests {
  /// `Điều lệ Hội Nông dân Việt Nam`: a charter's name goes on over a lower-case word inside it.
  func testACharterNamedByABodyWithALowerCaseWord() {
    let found = decision(
      "Đại hội bảo đảm đúng quy định của Điều lệ Đảng và Điều lệ Hội Nông dân Việt Nam."
    ).citations
    XCTAssertEqual(found.map(\.title), ["Điều lệ Đảng", "Điều lệ Hội Nông dân Việt Nam"])
  }
}
