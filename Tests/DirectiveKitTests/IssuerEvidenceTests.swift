import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// Every issuer says what it rests on: the header's issuing line, the organ under it, the line
/// by which a chair enacts, the signature, the number's code, a committee the text names, the
/// committee speaking in it, or a letter of its own committee that it cites.
final class IssuerEvidenceTests: XCTestCase {
  /// A letter with the parts given, each line left out when nil.
  private func letter(
    header: [String] = [], number: String? = nil, place: String? = "Bắc Ninh, ngày 3 tháng 4 năm 2022",
    body: String = "Đề nghị các cơ quan thực hiện nghiêm túc nội dung trên.",
    signature: [String] = ["BÍ THƯ", "", "Trần Văn Bình"]
  ) -> String {
    var lines = header
    if let number { lines.append("Số \(number)") }
    if let place { lines.append(place) }
    lines += ["", "Kính gửi: Các cơ quan, đơn vị", "", body, "", "Nơi nhận:", "- Như trên,", "- Lưu.", ""]
    return (lines + signature).joined(separator: "\n") + "\n"
  }

  private func evidence(_ document: Document) -> [String] {
    document.issuerEvidence.map { "\($0.kind.rawValue): \($0.text)" }
  }

  func testAnIssuerReadFromTheHeaderShowsTheIssuingLine() {
    let document = parseOne(letter(header: ["TỈNH ỦY BẮC NINH", "*"], number: "12-CV/TU"))
    XCTAssertEqual(document.issuer, "Tỉnh ủy Bắc Ninh")
    XCTAssertEqual(
      evidence(document), ["header: TỈNH ỦY BẮC NINH"], "the code is not needed when the header says it")
    XCTAssertFalse(document.issuerInferred)
  }

  func testAnIssuerOverTwoHeaderLinesShowsBoth() {
    let document = parseOne(letter(header: ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"], number: "30/UBND-VX"))
    XCTAssertEqual(document.issuer, "UBND tỉnh Bắc Ninh")
    XCTAssertEqual(evidence(document), ["header: ỦY BAN NHÂN DÂN TỈNH BẮC NINH"])
  }

  func testAnOrganUnderItsCommitteeIsNamedByItsOwnLine() {
    let document = parseOne(letter(header: ["TỈNH ỦY HÀ TĨNH", "BAN TUYÊN GIÁO"], number: "88-CV/BTGTU"))
    XCTAssertEqual(document.issuer, "Ban Tuyên giáo Tỉnh ủy Hà Tĩnh")
    XCTAssertEqual(evidence(document), ["header: TỈNH ỦY HÀ TĨNH", "header_organ: BAN TUYÊN GIÁO"])
    XCTAssertFalse(document.issuerInferred, "both lines are the header's")
  }

  func testTheStandingCommitteeComesFromTheSignature() {
    let document = parseOne(
      letter(
        header: ["TỈNH ỦY BẮC NINH"], number: "12-CV/TU",
        signature: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Trần Văn Bình"]))
    XCTAssertEqual(document.issuer, "Ban Thường vụ Tỉnh ủy Bắc Ninh")
    XCTAssertEqual(evidence(document), ["header: TỈNH ỦY BẮC NINH", "signature: T/M BAN THƯỜNG VỤ"])
    XCTAssertTrue(document.issuerInferred, "`Ban Thường vụ` is not in the header")
  }

  func testAChairEnactingIsShownByTheEnactingLine() {
    let text = """
      ỦY BAN NHÂN DÂN TỈNH AN GIANG
      Số: 15/QĐ-UBND
      An Giang, ngày 2 tháng 3 năm 2022

      QUYẾT ĐỊNH
      Về việc thành lập Tổ công tác

      CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG

      Căn cứ Luật Tổ chức chính quyền địa phương;

      QUYẾT ĐỊNH:
      Điều 1. Thành lập Tổ công tác.

      CHỦ TỊCH

      Lê Văn Nưng
      """
    let document = parseOne(text)
    XCTAssertEqual(document.issuer, "Chủ tịch UBND tỉnh An Giang")
    XCTAssertEqual(
      evidence(document),
      ["header: ỦY BAN NHÂN DÂN TỈNH AN GIANG", "enacting_line: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG"])
  }

  func testAnIssuerPutTogetherFromTheNumberSaysWhereEachPartComesFrom() {
    let document = parseOne(letter(number: "45-CV/TU", place: "Nam Định, ngày 7 tháng 5 năm 2021"))
    XCTAssertEqual(document.issuer, "Tỉnh ủy Nam Định")
    XCTAssertEqual(
      evidence(document), ["number_code: 45-CV/TU", "place_date: Nam Định, ngày 7 tháng 5 năm 2021"],
      "the code names the committee, the place–date line its province")
    XCTAssertTrue(document.issuerInferred)
  }

  func testANationalCodeNamesItsBody() {
    let document = parseOne(letter(number: "15/CT-TTg", place: nil))
    XCTAssertEqual(document.issuer, "Thủ tướng Chính phủ")
    XCTAssertEqual(evidence(document), ["number_code: 15/CT-TTg"])
  }

  func testASignatureNamingTheCommitteeIsTheEvidence() {
    let document = parseOne(
      letter(
        place: "Lào Cai, ngày 9 tháng 8 năm 2021",
        signature: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Hoàng Quốc Khánh"]))
    XCTAssertEqual(document.issuer, "UBND tỉnh Lào Cai")
    XCTAssertEqual(
      evidence(document), ["signature: TM. ỦY BAN NHÂN DÂN", "place_date: Lào Cai, ngày 9 tháng 8 năm 2021"])
  }

  func testACommitteeTheTextNamesGivesTheBodyTheSignatureLeavesOpen() {
    let document = parseOne(
      letter(
        place: nil, body: "Thực hiện chỉ đạo của Thành ủy, các đơn vị rà soát và báo cáo kết quả.",
        signature: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Trần Văn Bình"]))
    XCTAssertEqual(document.issuer, "Ban Thường vụ Thành ủy")
    XCTAssertEqual(evidence(document), ["mention: Thành ủy", "signature: T/M BAN THƯỜNG VỤ"])
  }

  /// `uỷ`, the older placing of the mark, is kept as written; the warning names the committee.
  func testTheCommitteeSpeakingIsQuotedAsWritten() {
    let document = parseOne(
      "Để triển khai kế hoạch của tỉnh Bắc Giang, Ban Thường vụ Tỉnh uỷ yêu cầu:\n1. Các cấp ủy thực hiện.\n"
    )
    XCTAssertEqual(document.issuer, "Ban Thường vụ Tỉnh ủy Bắc Giang")
    XCTAssertEqual(
      document.issuerEvidence.first, Evidence(kind: .bodyVoice, text: "Ban Thường vụ Tỉnh uỷ yêu cầu"))
    XCTAssertEqual(
      Array(document.issuerEvidence.dropFirst()), Array(document.provinceEvidence.prefix(1)),
      "the province in its name says where it comes from")
    XCTAssertTrue(document.warnings.contains { $0.code == .issuerFromItsVoice })
  }

  func testACitedLetterOfItsOwnCommitteeNamesTheProvince() throws {
    let corpus = parseCorpus([
      "a.txt": letter(
        header: ["TỈNH ỦY NAM ĐỊNH"], number: "215-CV/TU", place: "Nam Định, ngày 1 tháng 9 năm 2021"),
      "b.txt": letter(
        number: "40-CV/TU", place: nil,
        body:
          "Thực hiện Công văn số 215-CV/TU ngày 1/9/2021 của Ban Thường vụ Tỉnh ủy, đề nghị các cơ quan triển khai."
      ),
    ])
    let reply = try XCTUnwrap(corpus.document(id: "b"))
    XCTAssertEqual(reply.issuer, "Tỉnh ủy Nam Định")
    XCTAssertEqual(evidence(reply), ["number_code: 40-CV/TU", "citation: 215-CV/TU"])
  }

  func testNoIssuerNoEvidence() {
    let document = parseOne("Sáng 12/1, hội nghị cho ý kiến vào dự thảo kế hoạch.\n")
    XCTAssertNil(document.issuer)
    XCTAssertEqual(document.issuerEvidence, [])
  }

  /// Over the development set, the seeds and a generated corpus: every issuer has evidence, every
  /// piece of it is words of the document's text (a number as `number` writes it, without
  /// spaces), and a document without an issuer has none.
  func testEveryIssuerRestsOnWordsOfItsText() throws {
    var documents: [Document] = []
    for folder in [Package.realDevelopmentSet, Package.seedCorpus] {
      documents += try Corpus.load(paths: [folder.path], glob: "*.txt").documents
    }
    let generated = CorpusGenerator(seed: 19).generate(count: 300)
    documents +=
      Corpus.build(
        sources: generated.enumerated().map {
          SourceFile(path: "g\($0.offset).txt", bytes: Array($0.element.text.utf8))
        }
      ).documents
    var kinds: [Evidence.Kind: Int] = [:]
    for document in documents {
      guard document.issuer != nil else {
        XCTAssertEqual(document.issuerEvidence, [], document.file)
        continue
      }
      XCTAssertFalse(document.issuerEvidence.isEmpty, "\(document.file): \(document.issuer ?? "")")
      let texts = [document.text] + [DiacriticRepair.repair(document.text)].compactMap { $0 }
      let squeezed = texts.map(Self.withoutSpaces)
      for piece in document.issuerEvidence {
        kinds[piece.kind, default: 0] += 1
        XCTAssertTrue(
          squeezed.contains { $0.contains(Self.withoutSpaces(piece.text)) },
          "\(document.file): “\(piece.text)” (\(piece.kind.rawValue)) is not in its text")
      }
    }
    for kind in [Evidence.Kind.header, .numberCode, .signature] {
      XCTAssertGreaterThan(kinds[kind] ?? 0, 0, "the sets hold an issuer resting on \(kind.rawValue)")
    }
  }

  private static func withoutSpaces(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
  }
}
