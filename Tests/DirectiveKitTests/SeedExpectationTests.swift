import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

/// `vanban list --json` on the shipped corpus against `shared/spec/seeds.expected.json`, field
/// for field. The spec is read from `../shared` when it is beside the checkout, else from the
/// copy in Fixtures.
final class SeedExpectationTests: XCTestCase {
  static let packageRoot = Package.root

  static func expectations() throws -> [String: Any] {
    let shared = packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/spec/seeds.expected.json")
    let fixture = packageRoot.appendingPathComponent("Tests/DirectiveKitTests/Fixtures/seeds.expected.json")
    let url = FileManager.default.fileExists(atPath: shared.path) ? shared : fixture
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  /// The contract JSON of the shipped corpus, parsed back as plain values.
  static func listed() throws -> [[String: Any]] {
    let corpus = ShippedCorpus.load()
    let text = JSONValue.array(corpus.documents.map { ContractJSON.document($0) }).rendered()
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }

  func testEveryExpectedFieldOfEverySeed() throws {
    let expected = try XCTUnwrap(Self.expectations()["documents"] as? [[String: Any]])
    let listed = try Self.listed()
    XCTAssertEqual(listed.count, expected.count)
    let byFile = Dictionary(
      uniqueKeysWithValues: listed.map {
        (($0["file"] as! String).split(separator: "/").last!.description, $0)
      })
    let skipped: Set<String> = [
      "file", "accept", "evidence_any", "not_citations", "noise", "optional_citations", "citations",
    ]
    for seed in expected {
      let file = try XCTUnwrap(seed["file"] as? String)
      let document = try XCTUnwrap(byFile[file], "no document for \(file)")
      XCTAssertEqual(document["file"] as? String, "Data/corpus/\(file)")
      for (key, want) in seed where !skipped.contains(key) && !key.hasSuffix("_note") {
        let got = document[key] ?? NSNull()
        if key == "date", want is NSNull, let gotDate = got as? String {
          let accepted = (seed["accept"] as? [String: Any])?["date"] as? [String] ?? []
          XCTAssertTrue(accepted.contains { $0.hasPrefix(gotDate) }, "\(file): date \(gotDate) not accepted")
          XCTAssertEqual(
            document["date_inferred"] as? Bool, true, "\(file): an accepted date must be marked inferred")
          continue
        }
        if key == "type", want is NSNull, let gotType = got as? String {
          let accepted = (seed["accept"] as? [String: Any])?["type"] as? [String] ?? []
          XCTAssertTrue(accepted.contains { $0.hasPrefix(gotType) }, "\(file): type \(gotType) not accepted")
          XCTAssertEqual(document["type_inferred"] as? Bool, true)
          continue
        }
        XCTAssertTrue(Self.equal(got, want), "\(file): \(key) is \(got), expected \(want)")
      }
      let evidence = (document["province_evidence"] as? [[String: Any]] ?? []).compactMap {
        $0["text"] as? String
      }
      let wanted = seed["evidence_any"] as? [String] ?? []
      XCTAssertTrue(
        wanted.contains { want in evidence.contains { $0 == want || $0.contains(want) } },
        "\(file): evidence \(evidence) has none of \(wanted)")
      try checkCitations(document, seed, byFile: byFile)
    }
  }

  func checkCitations(_ document: [String: Any], _ seed: [String: Any], byFile: [String: [String: Any]])
    throws
  {
    let file = seed["file"] as! String
    let got = document["citations"] as? [[String: Any]] ?? []
    let want = seed["citations"] as? [[String: Any]] ?? []
    let optional = seed["optional_citations"] as? [[String: Any]] ?? []
    var position = 0
    for citation in got {
      if position < want.count, Self.sameCitation(citation, want[position]) {
        let expected = want[position]
        for key in ["type", "number", "date", "issuer", "in_corpus", "mentions"] {
          XCTAssertTrue(
            Self.equal(citation[key] ?? NSNull(), expected[key] ?? NSNull()),
            "\(file): citation \(expected["number"] ?? expected["type"]!) \(key) is \(citation[key] ?? "nil")"
          )
        }
        if let relation = expected["relation"] as? String {
          let accepted = expected["relation_ok"] as? [String] ?? [relation]
          let got = citation["relation"] as? String ?? "nil"
          XCTAssertTrue(
            accepted.contains(got),
            "\(file): citation \(expected["number"] ?? expected["type"]!) relation is \(got)")
          if got != "refers" && got != "unknown" {
            let evidence = citation["relation_evidence"] as? [String: Any]
            XCTAssertNotNil(evidence?["cue"] as? String, "\(file): a relation shows its cue")
          }
        }
        if let target = expected["resolves_to"] as? String {
          XCTAssertEqual(citation["target"] as? String, byFile[target]?["id"] as? String)
        }
        let spans = citation["spans"] as? [[Int]] ?? []
        XCTAssertEqual(spans.count, citation["mentions"] as? Int)
        position += 1
      } else {
        XCTAssertTrue(
          optional.contains { ($0["type"] as? String) == (citation["type"] as? String) },
          "\(file): unexpected citation \(citation["type"] ?? "") \(citation["number"] ?? "")")
      }
    }
    XCTAssertEqual(
      position, want.count, "\(file): found \(position) of the \(want.count) expected citations in order")
  }

  static func sameCitation(_ got: [String: Any], _ want: [String: Any]) -> Bool {
    equal(got["type"] ?? NSNull(), want["type"] ?? NSNull())
      && equal(got["number"] ?? NSNull(), want["number"] ?? NSNull())
  }

  static func equal(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case (is NSNull, is NSNull): return true
    case (let x as String, let y as String): return x == y
    case (let x as Bool, let y as Bool): return x == y
    case (let x as NSNumber, let y as NSNumber): return x == y
    case (let x as [Any], let y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (let x as [String: Any], let y as [String: Any]):
      return y.allSatisfy { key, value in equal(x[key] ?? NSNull(), value) }
    default: return false
    }
  }

  func testGraphOfTheSeeds() throws {
    let corpus = ShippedCorpus.load()
    let responses = corpus.graph.responses()
    let conclusion = try XCTUnwrap(responses.first { $0.node.number == "07-KL/TW" })
    XCTAssertEqual(responses.first?.node.number, "07-KL/TW", "the most cited central document comes first")
    XCTAssertEqual(conclusion.citingCount, 3)
    XCTAssertEqual(conclusion.node.kind, .external)
    XCTAssertEqual(conclusion.node.issuer, "Bộ Chính trị")
    XCTAssertEqual(conclusion.provinces.map(\.province), ["Nam Định", "Kiên Giang"])
    let namDinh = conclusion.provinces[0].entries
    XCTAssertEqual(namDinh.map(\.documentID), ["000_c04fbf0a9182cd61", "004_f8f51dfb989f039e"])
    XCTAssertEqual(namDinh[0].lagDays, 3)
    XCTAssertNil(namDinh[1].lagDays)
    XCTAssertEqual(namDinh[1].notBefore?.iso, "2021-07-21")
    XCTAssertEqual(
      namDinh[1].answers, "000_c04fbf0a9182cd61", "the July letter continues the chain of 215-CV/TU")

    let cable = try XCTUnwrap(responses.first { $0.node.type == "Điện" })
    XCTAssertEqual(cable.node.date?.iso, "2021-07-21")
    XCTAssertEqual(cable.provinces.map(\.province), ["Nam Định"])
    let notice = try XCTUnwrap(responses.first { $0.node.number == "253/TB-VPCP" })
    XCTAssertEqual(notice.provinces.first?.entries.first?.lagDays, 2)
    XCTAssertEqual(notice.provinces.first?.province, "Ninh Bình")

    let inside = corpus.graph.edges.filter { corpus.document(id: $0.to) != nil }
    XCTAssertEqual(inside.map { "\($0.from)->\($0.to)" }, ["004_f8f51dfb989f039e->000_c04fbf0a9182cd61"])
    XCTAssertEqual(corpus.document(id: "000_c04fbf0a9182cd61")?.citedBy, ["004_f8f51dfb989f039e"])
    let provincial = try XCTUnwrap(
      corpus.graph.node(corpus.graph.edges.first { $0.to.contains("472") }?.to ?? ""))
    XCTAssertEqual(provincial.issuer, "UBND tỉnh Ninh Bình")
    XCTAssertEqual(provincial.level, .province)
    XCTAssertFalse(
      responses.contains { $0.node.id == provincial.id }, "a provincial letter is not a central document")
  }
}
