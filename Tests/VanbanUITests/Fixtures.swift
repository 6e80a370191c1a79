import DirectiveKit
import Foundation
import TestSupport
import XCTest

@testable import VanbanUI

/// The shipped corpus with its metadata written by hand, as `seeds.expected.json` gives it, so the
/// screens can be tested without the parser.
enum Fixtures {
  static let packageRoot = Package.root

  static func text(_ file: String) -> String {
    let url = packageRoot.appendingPathComponent("Data/corpus/\(file)")
    let raw = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return raw.replacingOccurrences(of: "\r\n", with: "\n").precomposedStringWithCanonicalMapping
  }

  /// Every span of `phrase` in `text`, in Unicode scalars.
  static func spans(of phrase: String, in text: String, limit: Int = .max) -> [Span] {
    let scalars = Array(text.unicodeScalars)
    let needle = Array(phrase.unicodeScalars)
    var result: [Span] = []
    var index = 0
    while index + needle.count <= scalars.count, result.count < limit {
      if Array(scalars[index..<(index + needle.count)]) == needle {
        result.append(Span(index, index + needle.count))
        index += needle.count
      } else {
        index += 1
      }
    }
    return result
  }

  static let conclusion07 = "Kết luận|07-KL/TW|2021"
  static let cable = "Điện|Thường trực Ban Bí thư|2021-07-21"

  static func library() -> Library { Library(corpus: corpus()) }

  /// The shipped corpus as the real loader and parser read it.
  static let shipped = Library(corpus: ShippedCorpus.load())
  static let shippedIndex = shipped.makeSearchIndex()

  static func corpus() -> Corpus {
    func day(_ iso: String) -> Day { Day(iso: iso)! }
    var d000 = Document(
      id: "000_c04fbf0a9182cd61", file: "Data/corpus/000_c04fbf0a9182cd61.txt",
      text: text("000_c04fbf0a9182cd61.txt"))
    d000.level = .province
    d000.issuer = "Ban Thường vụ Tỉnh ủy Nam Định"
    d000.province = "Nam Định"
    d000.province2025 = "Ninh Bình"
    d000.provinceEvidence = [Evidence(kind: .header, text: "TỈNH ỦY NAM ĐỊNH")]
    d000.type = "Công văn"
    d000.number = "215-CV/TU"
    d000.date = day("2021-06-14")
    d000.subject =
      "Về một số nhiệm vụ trọng tâm tăng cường công tác phòng, chống dịch Covid-19 và phát triển kinh tế - xã hội trên địa bàn tỉnh"
    d000.signer = Signer(
      name: "Lê Quốc Chính", capacity: "T/M BAN THƯỜNG VỤ", title: "PHÓ BÍ THƯ THƯỜNG TRỰC")
    d000.citations = [
      Citation(
        type: "Kết luận", number: "07-KL/TW", date: day("2021-06-11"), issuer: "Bộ Chính trị",
        spans: spans(of: "Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị", in: d000.text),
        key: conclusion07)
    ]
    d000.citedBy = ["004_f8f51dfb989f039e"]

    var d001 = Document(
      id: "001_093e01689cb64f89", file: "Data/corpus/001_093e01689cb64f89.txt",
      text: text("001_093e01689cb64f89.txt"))
    d001.level = .province
    d001.issuer = "Ban Thường vụ Tỉnh ủy Nam Định"
    d001.province = "Nam Định"
    d001.province2025 = "Ninh Bình"
    d001.provinceInferred = true
    d001.provinceEvidence = [Evidence(kind: .placeName, text: "Trực Ninh")]
    d001.type = "Thông báo"
    d001.subject =
      "Ý kiến chỉ đạo của đồng chí Bí thư Tỉnh ủy tại Hội nghị về công tác phòng, chống dịch Covid-19 trên địa bàn huyện Trực Ninh"
    d001.signer = Signer(name: "Lê Văn Thế", capacity: "T/L BAN THƯỜNG VỤ", title: "CHÁNH VĂN PHÒNG")

    var d002 = Document(
      id: "002_b1faaebd224ec9de", file: "Data/corpus/002_b1faaebd224ec9de.txt",
      text: text("002_b1faaebd224ec9de.txt"))
    d002.level = .province
    d002.issuer = "Ban Thường vụ Tỉnh ủy Kiên Giang"
    d002.province = "Kiên Giang"
    d002.province2025 = "An Giang"
    d002.provinceInferred = true
    d002.provinceEvidence = [Evidence(kind: .placeName, text: "Phú Quốc")]
    d002.type = "Công văn"
    d002.typeInferred = true
    d002.notBefore = day("2021-06-11")
    d002.signer = Signer(name: "Đô Thanh Bình", capacity: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ")
    d002.citations = [
      Citation(
        type: "Kết luận", number: "07-KL/TW", date: day("2021-06-11"), issuer: "Bộ Chính trị",
        spans: spans(of: "Kết luận số 07-KL/TW", in: d002.text), key: conclusion07)
    ]

    var d003 = Document(
      id: "003_971c03e54ee92b8c", file: "Data/corpus/003_971c03e54ee92b8c.txt",
      text: text("003_971c03e54ee92b8c.txt"))
    d003.level = .province
    d003.issuer = "Ban Thường vụ Tỉnh ủy Ninh Bình"
    d003.province = "Ninh Bình"
    d003.province2025 = "Ninh Bình"
    d003.provinceEvidence = [Evidence(kind: .header, text: "TỈNH ỦY NINH BÌNH")]
    d003.type = "Công văn"
    d003.number = "2644-CV/TU"
    d003.date = day("2020-07-29")
    d003.subject = "V/v tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới"
    d003.signer = Signer(name: "Trần Hồng Quảng", capacity: "T/M BAN THƯỜNG VỤ", title: "PHÓ BÍ THƯ")
    d003.citations = [
      Citation(
        type: "Công văn", number: "472/UBND-VP6", date: day("2020-07-28"), issuer: "UBND tỉnh Ninh Bình",
        spans: spans(of: "Công văn số 472/UBND-VP6", in: d003.text),
        key: "Công văn|472/UBND-VP6|Ninh Bình|2020"),
      Citation(
        type: "Thông báo", number: "253/TB-VPCP", date: day("2020-07-27"), issuer: "Văn phòng Chính phủ",
        spans: spans(of: "Thông báo số 253/TB-VPCP", in: d003.text), key: "Thông báo|253/TB-VPCP|2020"),
    ]

    var d004 = Document(
      id: "004_f8f51dfb989f039e", file: "Data/corpus/004_f8f51dfb989f039e.txt",
      text: text("004_f8f51dfb989f039e.txt"))
    d004.level = .province
    d004.issuer = "Ban Thường vụ Tỉnh ủy Nam Định"
    d004.province = "Nam Định"
    d004.province2025 = "Ninh Bình"
    d004.provinceInferred = true
    d004.provinceEvidence = [Evidence(kind: .citation, text: "215-CV/TU")]
    d004.notBefore = day("2021-07-21")
    d004.warnings = [DocumentWarning(.signerNameMissing, "signer name missing after “T/M BAN THƯỜNG VỤ”")]
    d004.citations = [
      Citation(
        type: "Điện", number: nil, date: day("2021-07-21"), issuer: "Thường trực Ban Bí thư Trung ương Đảng",
        spans: spans(of: "Điện của Thường trực Ban Bí thư Trung ương Đảng ngày 21/7/2021", in: d004.text),
        key: cable),
      Citation(
        type: "Kết luận", number: "07-KL/TW", date: day("2021-06-11"), issuer: "Bộ Chính trị",
        spans: spans(of: "Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị", in: d004.text),
        key: conclusion07),
      Citation(
        type: "Công văn", number: "215-CV/TU", date: day("2021-06-14"),
        issuer: "Ban Thường vụ Tỉnh ủy Nam Định",
        spans: spans(of: "Công văn số 215-CV/TU", in: d004.text), key: "Công văn|215-CV/TU|Nam Định|2021",
        target: "000_c04fbf0a9182cd61", inCorpus: true),
    ]
    // The relations the parser reads in the seeds: every citation implements, but the notice
    // 253/TB-VPCP, which Ninh Bình's letter only mentions.
    for index in d000.citations.indices { d000.citations[index].relation = .implements }
    for index in d002.citations.indices { d002.citations[index].relation = .implements }
    d003.citations[0].relation = .implements
    for index in d004.citations.indices { d004.citations[index].relation = .implements }
    return Corpus(
      documents: [d003, d000, d002, d004, d001],
      loadWarnings: [LoadWarning(path: "Data/README", reason: "not a .txt file")])
  }
}

/// Compares a grid's text with `Snapshots/NAME.txt`; `VANBAN_RECORD=1 swift test` rewrites them.
func assertSnapshot(_ grid: Grid, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
  let url = Fixtures.packageRoot.appendingPathComponent("Tests/VanbanUITests/Snapshots/\(name).txt")
  let actual = grid.text + "\n"
  let record = ProcessInfo.processInfo.environment["VANBAN_RECORD"] == "1"
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    XCTFail("recorded \(name).txt; review it and run again", file: file, line: line)
    return
  }
  if expected != actual {
    XCTFail("\(name) differs from its snapshot:\n\(actual)", file: file, line: line)
  }
}

/// What the update tests share: the seed library, a state opened on it with its index built, and
/// keys pressed one after another.
class StateTestCase: XCTestCase {
  let library = Fixtures.library()

  func start(width: Int = 100, height: Int = 30) -> AppState {
    AppState(library: library, width: width, height: height, searchIndex: library.makeSearchIndex())
  }

  func press(_ keys: [Key], on state: AppState? = nil) -> AppState {
    keys.reduce(state ?? start()) { update($0, $1) }
  }

  func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }
}
