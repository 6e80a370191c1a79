import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

/// What a user types on the command line, turned into graph nodes.
final class NodeResolverTests: XCTestCase {
  static let seed: String = {
    let url = Package.seedCorpus.appendingPathComponent("000_c04fbf0a9182cd61.txt")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  /// Nam Định's 215-CV/TU and a Ninh Bình letter with the same number, both citing 07-KL/TW.
  static let twoProvinces: Corpus = parseCorpus([
    "nd/215.txt": seed,
    "nb/215.txt": seed.replacingOccurrences(of: "NAM ĐỊNH", with: "NINH BÌNH").replacingOccurrences(
      of: "Nam Định", with: "Ninh Bình"),
  ])

  func ids(_ text: String, in corpus: Corpus = twoProvinces, provinces: ((String) -> Bool)? = nil) -> [String]
  {
    NodeResolver(corpus: corpus, workingDirectory: "/work").nodes(matching: text, provinces: provinces).map(
      \.id)
  }

  func testSeedIsThere() {
    XCTAssertTrue(Self.seed.contains("215-CV/TU"))
    XCTAssertEqual(Set(Self.twoProvinces.documents.compactMap(\.province)), ["Nam Định", "Ninh Bình"])
  }

  func testLooseNumbersFindTheSameNode() {
    let conclusion = "ext:ket-luan:7-kl-tw:vn:2021"
    for typed in [
      "07-KL/TW", "07-kl/tw", "07 KL TW", "7-KL/TW", " 7/kl-tw ", "Kết luận 07-KL/TW", "ket luan so 07-KL/TW",
      "Kết luận số 07 - KL/TW", "Số 07-KL/TW", conclusion,
    ] {
      XCTAssertEqual(ids(typed), [conclusion], typed)
    }
    XCTAssertEqual(ids("Chỉ thị 07-KL/TW"), [], "a type given must agree")
    XCTAssertEqual(ids("07-KL"), [], "part of a number is no number")
  }

  func testANumberTwoProvincesUseIsAmbiguousAndProvinceChooses() throws {
    let resolver = NodeResolver(corpus: Self.twoProvinces)
    guard case .several(let nodes) = resolver.resolve("215 - CV/TU") else {
      return XCTFail("two letters numbered 215-CV/TU")
    }
    XCTAssertEqual(Set(nodes.map(\.province)), ["Nam Định", "Ninh Bình"])
    XCTAssertEqual(ids("Công văn số 215-CV/TU").count, 2)
    let ninhBinh = try ProvinceFilter(province: "ninh binh", province2025: nil)
    guard case .one(let node) = resolver.resolve("215-cv/tu", provinces: ninhBinh.matches(province:)) else {
      return XCTFail("--province chooses")
    }
    XCTAssertEqual(node.province, "Ninh Bình")
    XCTAssertEqual(node.kind, .document)
    XCTAssertEqual(
      ids("07-KL/TW", provinces: ninhBinh.matches(province:)), ["ext:ket-luan:7-kl-tw:vn:2021"],
      "a central document belongs to no province: the filter keeps it")
  }

  func testNotFound() {
    let resolver = NodeResolver(corpus: Self.twoProvinces)
    XCTAssertEqual(resolver.resolve("999-CV/TU"), .none)
    XCTAssertEqual(resolver.resolve("no-such-id"), .none)
    XCTAssertEqual(resolver.resolve("   "), .none)
    XCTAssertEqual(resolver.resolve("215-CV/TU", provinces: { $0 == "Hà Nam" }), .none)
  }

  func testFilesByPathWrittenAnyWay() {
    let corpus = ShippedCorpus.load()
    let id = "000_c04fbf0a9182cd61"
    XCTAssertEqual(ids("Data/corpus/000_c04fbf0a9182cd61.txt", in: corpus), [id])
    XCTAssertEqual(ids("./Data//corpus/../corpus/000_c04fbf0a9182cd61.txt", in: corpus), [id])
    XCTAssertEqual(
      ids("/work/Data/corpus/000_c04fbf0a9182cd61.txt", in: corpus), [id], "absolute, same folder")
    XCTAssertEqual(ids("000_c04fbf0a9182cd61.txt", in: corpus), [id], "a bare file name")
    XCTAssertEqual(ids("/elsewhere/Data/corpus/000_c04fbf0a9182cd61.txt", in: corpus), [])
    XCTAssertEqual(ids("215.txt").count, 2, "two folders, one name")
  }

  func testTitlesOfUnnumberedDocuments() {
    var law = Citation(
      type: "Luật", number: nil, date: nil, issuer: "Quốc hội", subject: "Đất đai", spans: [Span(0, 1)],
      key: "luat:-:luat-dat-dai:?")
    law.title = "Luật Đất đai"
    law.target = "ext:luat:-:luat-dat-dai:?"
    var citing = Document(id: "a", file: "a.txt", text: "")
    citing.citations = [law]
    let corpus = Corpus(documents: [citing])
    XCTAssertEqual(ids("Luật Đất đai", in: corpus), ["ext:luat:-:luat-dat-dai:?"])
    XCTAssertEqual(ids("luat dat dai", in: corpus), ["ext:luat:-:luat-dat-dai:?"])
    XCTAssertEqual(ids("Luật Đất", in: corpus), [])
    XCTAssertEqual(ids("Điện 21/07/2021", in: ShippedCorpus.load()).count, 1, "a dated cable by its label")
  }

  func testTypeSplitting() {
    XCTAssertEqual(NodeResolver.splitType("Công văn số 215-CV/TU").type, "Công văn")
    XCTAssertEqual(NodeResolver.splitType("Công văn số 215-CV/TU").rest, "215-CV/TU")
    XCTAssertEqual(NodeResolver.splitType("cong dien 12/CĐ-TTg").type, "Công điện", "longest name first")
    XCTAssertNil(NodeResolver.splitType("215-CV/TU").type)
  }
}
