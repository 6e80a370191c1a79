import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The roster names found in one pass per anchor letter are the names found by looking for each
/// name on its own, as before (`ReferenceKnownOfficials`): same names, same words, same signer.
final class KnownOfficialsDifferentialTests: XCTestCase {
  private static let spellings = [
    "Phạm Gia Túc", "PHẠM GIA TÚC", "Pham Gia Tuc", "pham gia tuc", "Phạm Gia\nTúc", "Phạm  Gia Túc",
    "Phạm\u{00A0}Gia Túc", "Lê Quốc Chính", "Lê Quốc Chínhx", "xLê Quốc Chính", "Lê Quốc Chính2",
    "2Lê Quốc Chính",
    "Phạm Đình Nghị", "Pham Dinh Nghi", "Đỗ Thanh Bình", "Đô Thanh Bình", "Ðỗ Thanh Bình", "Lâm Minh Thành",
    "Lâm Minh Thành,", "Trần Hồng Quảng", "Tran Hong Quang", "Đoàn Minh Huấn", "Phạm Quang Ngọc",
    "Phạm Quang Ngọc\u{301}", "Phạm Quang Ngọc²", "d'Phạm Gia Túc", "Phạm Gia Túc'", "(Phạm Gia Túc)",
    "Phạm Quang NgọcPhạm Gia Túc", "Lê Quốc", "Minh Thành", "Đồng chí Đỗ Thanh Bình, Bí thư Tỉnh ủy",
  ]

  private func assertSame(
    _ text: String, signer: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) {
    let scanner = TextScanner(text)
    let expected = ReferenceKnownOfficials.mentions(in: scanner, signer: signer).map { "\($0)" }
    let actual = KnownOfficials.mentions(in: scanner, signer: signer).map { "\($0)" }
    XCTAssertEqual(actual, expected, text.prefix(80).debugDescription, file: file, line: line)
  }

  func testTheNamesAreTheReferencesOnOddTexts() {
    var random = SplitMix64(seed: 41)
    var found = 0
    for _ in 0..<400 {
      let words = (0..<random.below(12)).map { _ in
        random.chance(0.5)
          ? random.pick(Self.spellings) : random.pick(["và", ",", "\n", " ", "ông", "|", "Túc", "Phạm"])
      }
      let text = words.joined(separator: random.chance(0.8) ? " " : "")
      assertSame(text, signer: random.chance(0.3) ? random.pick(Self.spellings) : nil)
      assertSame(text.decomposedStringWithCanonicalMapping)
      found += KnownOfficials.mentions(in: TextScanner(text), signer: nil).count
    }
    for spelling in Self.spellings {
      assertSame(spelling, signer: spelling)
      assertSame("\(spelling) \(spelling)")
    }
    XCTAssertGreaterThan(found, 400)
  }

  func testTheNamesAreTheReferencesOnTheRealSetTheSeedsAndAGeneratedCorpus() throws {
    let folder = Package.realDevelopmentSet
    var texts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".txt")
    }
    .sorted().map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    texts += ShippedCorpus.sources.map { TextDecoding.decode($0.bytes).text }
    texts += CorpusGenerator(seed: 7).generate(count: 200).map(\.text)
    var random = SplitMix64(seed: 43)
    var found = 0
    for text in texts {
      assertSame(text)
      found += KnownOfficials.mentions(in: TextScanner(text), signer: nil).count
      // The same text with roster names put in at random places.
      var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      for _ in 0..<3 where !words.isEmpty {
        words.insert(random.pick(Self.spellings), at: random.below(words.count))
      }
      assertSame(words.joined(separator: " "), signer: random.pick(Self.spellings))
    }
    XCTAssertGreaterThan(found, 3)
  }
}
