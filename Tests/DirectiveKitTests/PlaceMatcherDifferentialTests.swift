import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The matcher reading words off the scanner's folded twin finds, word for word and mention for
/// mention, what the matcher tokenising scalars found (`ReferencePlaceMatcher`), on the real
/// development set, the seeds, a generated corpus, odd texts and mangled copies of all of them.
final class PlaceMatcherDifferentialTests: XCTestCase {
  private static let gazetteer = Gazetteer.standard
  private static let reference = ReferencePlaceMatcher(
    provinces: gazetteer.provinces, provinceAliases: gazetteer.provinceAliases,
    districts: gazetteer.districts + gazetteer.retiredDistrictNames)

  private static func realTexts() throws -> [String] {
    let folder = Package.realDevelopmentSet
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".txt")
    }
    return try names.sorted().map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
  }

  private static func seedTexts() -> [String] {
    ShippedCorpus.sources.map { TextDecoding.decode($0.bytes).text }
  }

  /// Texts that stress the edges: capitals, marks, glued and broken names, names that begin other
  /// names, districts named like provinces, residue of tables.
  static let oddTexts: [String] = [
    "HUYỆN ỦY TRỰC NINH", "tại huyen Truc Ninh", "tại TP. Hồ Chí Minh", "tại TP.HCM", "Tp. Thủ Đức",
    "tỉnh Hà Nam, tỉnh Hà Nội, tỉnh Hà Tĩnh, Hà Nam Ninh, tỉnh Hà", "TỈNH HÀ NAM\nTỈNH HÀ TĨNH",
    "huyện Quảng Ninh, tỉnh Quảng Ninh, thành phố Thanh Hóa, huyện Thạnh Hóa, huyện Hoà Bình",
    "thành phố Hòa Bình; thị xã Hoà Bình; Thành ủy Hòa Bình", "Huyện ủy Yên Bình, huyện Yên Bái",
    "tỉnh Đắk Lắk, tinh Dak Lak, tỉnh Ðắk Lắk, TỈNH ÐẮK NÔNG, huyện Cư M'gar, huyện Ea H’leo, huyện Ea Hʼleo",
    "| tỉnh | Nam Định | huyện | Trực Ninh |\n|---|---|\n| Giao Thủy | Hải Hậu |",
    "huyện Trực\nNinh, tỉnh Nam\nĐịnh, huyện\nGiao Thủy, Giao\nThủy", "tỉnhNam Định, huyệnTrựcNinh, Nam Định",
    "xã Giao Thủy, đường Phú Quốc, ông Phú Quốc, Giao Thủy-Hải Hậu, GIAO THỦY, Giao thủy, GiaoThủy",
    "thành phố Buôn Ma Thuột; TP Buôn Ma Thuột; thị xã Buôn Hồ; Thị xã Buôn Hồ",
    "TP..Vinh TP . Vinh TP.-Vinh",
    "Quận 1, Quận 2, quận 12, Quận Bình Thạnh, quận Tân Bình", "thị ủy Sơn Tây, thị xã Sơn Tây",
    "tỉnh Thừa Thiên - Huế, tỉnh Thừa Thiên Huế, Thành phố Huế, Bà Rịa - Vũng Tàu, tỉnh Bà Rịa–Vũng Tàu",
    "\u{FEFF}Tỉnh ủy Kiên Giang\r\nHuyện ủy Phú Quốc\r\n", "*tỉnh* **Nam Định** _huyện_ Nam Trực",
    "tỉnh Nam Định\u{2003}huyện\u{00A0}Trực Ninh\u{3000}Hải Hậu", "“huyện Hải Hậu” – Hải Hậu — Xuân Trường…",
    "Ủy ban nhân dân TỈNH NINH BÌNH\nHUYỆN ỦY KIM SƠN", "tỉnh Ninh Bình² huyện Kim Sơn½ Kim Sơn³",
    "Thanh Hóa, THANH HÓA, Thanh Hoá, Thanh hóa, thanh hóa, ThanhHóa", "tỉnh ΑΒΓ Nam Định, huyện Σ Giao Thủy",
    "tỉnh", "huyện ", " TP", "", "\n\n\n", "Ð Đ đ ð", "tỉnh Ðiện Biên, huyện Ðiện Biên Đông",
  ]

  /// Copies of a text made harder: capitals, no marks, decomposed marks, glued words, line breaks
  /// inside names, table residue, look-alike letters, apostrophes and stray marks.
  private static func variants(of text: String, random: inout SplitMix64) -> [String] {
    var result = [
      text.uppercased(), text.lowercased(), text.folded, text.decomposedStringWithCanonicalMapping,
      text.replacingOccurrences(of: "Đ", with: "Ð").replacingOccurrences(of: "đ", with: "ð"),
    ]
    let scalars = Array(text.unicodeScalars)
    guard !scalars.isEmpty else { return result }
    let inserts: [String] = [
      "|", " | ", "\n", "\r\n", "'", "\u{2019}", "\u{301}", "-", ".", ". ", "*", "\u{A0}", "–", ",", "",
    ]
    for _ in 0..<6 {
      var mangled = String.UnicodeScalarView()
      for scalar in scalars {
        if scalar == " " && random.chance(0.05) {
          mangled.append(contentsOf: random.pick(inserts).unicodeScalars)
          continue
        }
        mangled.append(scalar)
        if random.chance(0.01) { mangled.append(contentsOf: random.pick(inserts).unicodeScalars) }
      }
      result.append(String(mangled))
    }
    return result
  }

  private func assertSameWords(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    let scalars = ReferencePlaceTokenizer.nfcScalars(of: text)
    let expected = ReferencePlaceTokenizer.tokens(of: scalars).map {
      "\($0.folded) \($0.start)-\($0.end) \($0.letterCase) \($0.gapBefore) \($0.lineBreakBefore) \($0.hasMarks)"
    }
    let words = PlaceWords(TextScanner(text))
    let actual = (0..<words.count).map { index in
      let word = words.words[index]
      return
        "\(words.key(index)) \(word.start)-\(word.end) \(words.letterCase(index)) \(word.gapBefore) \(word.lineBreakBefore) \(words.hasMarks(index))"
    }
    XCTAssertEqual(Array(words.scanner.scalars), scalars, file: file, line: line)
    XCTAssertEqual(actual, expected, "words of \(text.prefix(80).debugDescription)", file: file, line: line)
  }

  private func assertSameMentions(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    let expected = Self.reference.mentions(in: text)
    XCTAssertEqual(
      Self.gazetteer.placeMentions(in: text), expected, "mentions in \(text.prefix(80).debugDescription)",
      file: file, line: line)
  }

  func testTheWordsAreTheReferenceTokenizersOnOddTexts() {
    for text in Self.oddTexts { assertSameWords(text) }
    // Every scalar the class table knows, between letters and spaces, capitalised or not.
    let every = (0x20..<0x2100).compactMap(Unicode.Scalar.init).map { "a\($0)b \($0)Nam \($0) " }.joined()
    assertSameWords(every)
    assertSameWords(every.uppercased())
  }

  func testTheMentionsAreTheReferenceMatchersOnOddTexts() {
    var random = SplitMix64(seed: 13)
    for text in Self.oddTexts {
      assertSameMentions(text)
      for variant in Self.variants(of: text, random: &random) {
        assertSameMentions(variant)
        assertSameWords(variant)
      }
    }
  }

  func testTheMentionsAreTheReferenceMatchersOnEveryPlaceName() {
    var text = ""
    for province in Self.gazetteer.provinces {
      text +=
        "Tỉnh ủy \(province.name), tỉnh \(province.name.uppercased()); \(province.name) và \(province.name.folded).\n"
    }
    for district in Self.gazetteer.districts + Self.gazetteer.retiredDistrictNames {
      text += "\(district.kind) \(district.name), \(district.name) - \(district.name.uppercased()); "
      text += "TP. \(district.name.folded), Huyện ủy \(district.name) xã \(district.name)\n"
    }
    assertSameMentions(text)
    assertSameWords(text)
    var random = SplitMix64(seed: 29)
    for variant in Self.variants(of: text, random: &random) { assertSameMentions(variant) }
  }

  func testTheMentionsAreTheReferenceMatchersOnTheRealSetAndTheSeeds() throws {
    var random = SplitMix64(seed: 2021)
    let texts = try Self.realTexts() + Self.seedTexts()
    XCTAssertGreaterThan(texts.count, 30)
    for text in texts {
      assertSameWords(text)
      assertSameMentions(text)
      for variant in Self.variants(of: text, random: &random) { assertSameMentions(variant) }
    }
  }

  func testTheMentionsAreTheReferenceMatchersOnAGeneratedCorpus() {
    var random = SplitMix64(seed: 2024)
    let texts = CorpusGenerator(seed: 2024).generate(count: 300).map(\.text)
    var found = 0
    for (index, text) in texts.enumerated() {
      assertSameMentions(text)
      found += Self.reference.mentions(in: text).count
      guard index % 10 == 0 else { continue }
      assertSameWords(text)
      for variant in Self.variants(of: text, random: &random) { assertSameMentions(variant) }
    }
    XCTAssertGreaterThan(found, 150)
  }
}
