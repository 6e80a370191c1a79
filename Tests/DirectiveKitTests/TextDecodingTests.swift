import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

final class TextDecodingTests: XCTestCase {
  static let corpus = Package.seedCorpus

  static func seed(_ name: String) throws -> String {
    try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
  }

  static func seeds() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: corpus.path)
      .filter { $0.hasSuffix(".txt") }.sorted().map(seed)
  }

  static let firstSeed = "000_c04fbf0a9182cd61.txt"

  // MARK: UTF-8

  func testUTF8WithBOMAndCRLFBecomesPlainUnixText() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Tỉnh ủy\r\nNam Định\r\n".utf8)
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.text, "Tỉnh ủy\nNam Định\n")
    XCTAssertEqual(decoded.encoding, "UTF-8")
    XCTAssertEqual(decoded.warnings, [])
  }

  func testLoneCarriageReturnsEndLines() {
    let decoded = TextDecoding.decode(Array("Kính gửi:\r- Các sở\r\r- Các huyện".utf8))
    XCTAssertEqual(decoded.text, "Kính gửi:\n- Các sở\n\n- Các huyện")
    XCTAssertEqual(decoded.warnings, [])
  }

  func testDecomposedTextBecomesComposed() {
    let nfd = "Kiên Giang".decomposedStringWithCanonicalMapping
    XCTAssertNotEqual(Array(nfd.utf8), Array("Kiên Giang".utf8))
    let decoded = TextDecoding.decode(Array(nfd.utf8))
    XCTAssertEqual(Array(decoded.text.unicodeScalars), Array("Kiên Giang".unicodeScalars))
    XCTAssertEqual(decoded.warnings, [])
  }

  func testSeedsDecodeUnchanged() throws {
    for seed in try Self.seeds() {
      let decoded = TextDecoding.decode(Array(seed.utf8))
      XCTAssertEqual(decoded.text, seed)
      XCTAssertEqual(decoded.encoding, "UTF-8")
      XCTAssertEqual(decoded.warnings, [])
    }
  }

  func testEmptyAndWhitespaceFilesDecodeCleanly() {
    XCTAssertEqual(TextDecoding.decode([]), DecodedText(text: "", encoding: "UTF-8"))
    XCTAssertEqual(
      TextDecoding.decode(Array(" \r\n\t\n".utf8)), DecodedText(text: " \n\t\n", encoding: "UTF-8"))
    XCTAssertEqual(TextDecoding.decode([0xEF, 0xBB, 0xBF]), DecodedText(text: "", encoding: "UTF-8"))
  }

  func testFileCutInsideAMultiByteCharacterStaysUTF8WithOneReplacement() {
    let whole = Array("Thành phố Hồ Chí Minh".utf8)
    // "ố" is three bytes; cut after its first two.
    let cut = Array(whole.prefix(Array("Thành phố".utf8).count - 1))
    let decoded = TextDecoding.decode(cut)
    XCTAssertEqual(decoded.encoding, "UTF-8")
    XCTAssertEqual(decoded.text, "Thành ph\u{FFFD}")
    XCTAssertEqual(
      decoded.warnings,
      [DocumentWarning(.truncatedCharacter, "file ends inside a multi-byte character: last 2 bytes replaced")]
    )
  }

  func testMostlyValidUTF8KeepsItsTextAndCountsTheBadBytes() throws {
    var bytes = Array(try Self.seed(Self.firstSeed).utf8)
    // Before ASCII bytes, so that no character around them is broken.
    let first = bytes[100...].firstIndex { $0 < 0x80 }!
    bytes.insert(0xFF, at: first)
    let second = bytes[2000...].firstIndex { $0 < 0x80 }!
    bytes.insert(0x80, at: second)
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.encoding, "UTF-8")
    XCTAssertEqual(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count, 2)
    XCTAssertEqual(
      decoded.warnings,
      [DocumentWarning(.undecodableBytes, "undecodable bytes replaced (2 of \(bytes.count))")])
  }

  func testRandomBytesAreKeptWithReplacementsAndAWarning() {
    var generator = SplitMix64(seed: 7)
    let bytes = (0..<512).map { _ in UInt8.random(in: 0x80...0xFF, using: &generator) }
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.encoding, "UTF-8")
    XCTAssertTrue(decoded.text.unicodeScalars.contains("\u{FFFD}"))
    XCTAssertEqual(decoded.warnings.count, 1)
    XCTAssertEqual(decoded.warnings[0].code, .undecodableBytes)
    XCTAssertTrue(decoded.warnings[0].message.hasSuffix(" of 512)"), decoded.warnings[0].message)
  }

  func testUTF16WithAByteOrderMarkIsReadAsUTF16() {
    let text = "Tỉnh ủy Nam Định\r\nSố 215-CV/TU"
    let units = Array(text.utf16)
    let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let expected = "Tỉnh ủy Nam Định\nSố 215-CV/TU"
    XCTAssertEqual(TextDecoding.decode(little), DecodedText(text: expected, encoding: "UTF-16LE"))
    XCTAssertEqual(TextDecoding.decode(big), DecodedText(text: expected, encoding: "UTF-16BE"))
    XCTAssertFalse(TextDecoding.looksBinary(little))
    let cut = TextDecoding.decode(Array(little.dropLast()))
    XCTAssertEqual(cut.text, "Tỉnh ủy Nam Định\nSố 215-CV/T\u{FFFD}")
    XCTAssertEqual(
      cut.warnings,
      [DocumentWarning(.undecodableBytes, "undecodable bytes replaced (1 of \(little.count - 1))")])
  }

  // MARK: Legacy encodings

  /// Known byte sequences from the published tables, independent of our own encoders.
  func testPublishedSamplesOfEachLegacyEncoding() {
    // Windows-1258: "Việt Nam" as ê, combining dot below.
    let windows1258: [UInt8] = [0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0x4E, 0x61, 0x6D]
    XCTAssertEqual(LegacyCodec.decode(windows1258[...], as: .windows1258).text.precomposed, "Việt Nam")
    // TCVN3: "B¶o Th¾ng", "Ninh B×nh" in the Windows-1252 view of the bytes.
    XCTAssertEqual(LegacyCodec.decode(latin1("B¶o Th¾ng"), as: .tcvn3).text, "Bảo Thắng")
    XCTAssertEqual(LegacyCodec.decode(latin1("Ninh B×nh"), as: .tcvn3).text, "Ninh Bình")
    XCTAssertEqual(LegacyCodec.decode(latin1("TØnh ñy"), as: .tcvn3).text, "Tỉnh ủy")
    // VNI: "Xin chaøo caùc baïn", "Vieät Nam", "Ñaûng", "Hueá".
    XCTAssertEqual(
      LegacyCodec.decode(latin1("Xin chaøo caùc baïn"), as: .vni).text.precomposed, "Xin chào các bạn")
    XCTAssertEqual(LegacyCodec.decode(latin1("Vieät Nam"), as: .vni).text.precomposed, "Việt Nam")
    XCTAssertEqual(LegacyCodec.decode(latin1("Ñaûng"), as: .vni).text.precomposed, "Đảng")
    XCTAssertEqual(LegacyCodec.decode(latin1("thöïc hieän"), as: .vni).text.precomposed, "thực hiện")
  }

  func testTCVN3CapitalsComeBackInUpperCaseWords() {
    let heading = "TỈNH ỦY NAM ĐỊNH\nĐẢNG CỘNG SẢN VIỆT NAM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    let bytes = LegacyCodec.encode(heading, as: .tcvn3)
    XCTAssertEqual(LegacyCodec.decode(bytes[...], as: .tcvn3).text, heading)
    XCTAssertEqual(LegacyCodec.decode(latin1("Tõ ngµy"), as: .tcvn3).text, "Từ ngày")
  }

  func testSeedRoundTripsThroughWindows1258() throws {
    let seed = try Self.seed(Self.firstSeed)
    let bytes = LegacyCodec.encode(seed, as: .windows1258)
    XCTAssertFalse(bytes.contains(UInt8(ascii: "?")), "the seed is all writable in Windows-1258")
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.encoding, "Windows-1258")
    XCTAssertEqual(decoded.warnings, [DocumentWarning(.legacyEncoding, "not UTF-8: decoded as Windows-1258")])
    XCTAssertEqual(decoded.text, seed)
  }

  func testSeedRoundTripsThroughVNI() throws {
    let seed = try Self.seed(Self.firstSeed)
    let bytes = LegacyCodec.encode(seed, as: .vni)
    XCTAssertFalse(bytes.contains(UInt8(ascii: "?")), "the seed is all writable in VNI")
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.encoding, "VNI")
    XCTAssertEqual(
      decoded.warnings, [DocumentWarning(.legacyEncoding, "not UTF-8: decoded as VNI font encoding")])
    XCTAssertEqual(decoded.text, seed)
  }

  /// TCVN3 has no codes for capitals with marks other than Ă Â Ê Ô Ơ Ư Đ: an accented capital
  /// that starts a lower-case word (`Ủy ban`) comes back lower case. Nothing else changes.
  func testSeedRoundTripsThroughTCVN3ExceptLoneAccentedCapitals() throws {
    let seed = try Self.seed(Self.firstSeed)
    let bytes = LegacyCodec.encode(seed, as: .tcvn3)
    XCTAssertFalse(bytes.contains(UInt8(ascii: "?")), "the seed is all writable in TCVN3")
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.encoding, "TCVN3")
    XCTAssertEqual(
      decoded.warnings, [DocumentWarning(.legacyEncoding, "not UTF-8: decoded as TCVN3 (ABC) font encoding")])
    XCTAssertEqual(decoded.text.lowercased(), seed.lowercased())
    let originalWords = seed.split(whereSeparator: \.isWhitespace)
    let decodedWords = decoded.text.split(whereSeparator: \.isWhitespace)
    XCTAssertEqual(originalWords.count, decodedWords.count)
    for (original, word) in zip(originalWords, decodedWords) where original != word {
      // Only a capital with marks at the head of a word may have been lost.
      XCTAssertEqual(original.dropFirst(), word.dropFirst(), "\(original) → \(word)")
      XCTAssertTrue(original.first!.isUppercase && !original.first!.isASCII, "\(original) → \(word)")
    }
  }

  func testEverySeedIsRecognisedInEveryLegacyEncoding() throws {
    for seed in try Self.seeds() {
      for encoding in LegacyEncoding.allCases {
        let decoded = TextDecoding.decode(LegacyCodec.encode(seed, as: encoding))
        XCTAssertEqual(decoded.encoding, encoding.rawValue, String(seed.prefix(40)))
        XCTAssertEqual(decoded.text.lowercased(), seed.lowercased(), String(seed.prefix(40)))
      }
    }
  }

  func testLegacyDecodingOfAShortLineIsStillRecognised() {
    for encoding in LegacyEncoding.allCases {
      let line = "Thực hiện Kết luận số 07-KL/TW của Bộ Chính trị"
      let decoded = TextDecoding.decode(LegacyCodec.encode(line, as: encoding))
      XCTAssertEqual(decoded.encoding, encoding.rawValue)
      XCTAssertEqual(decoded.text, line)
    }
  }

  func testStrayWindows1252PunctuationIsReadAsWindows1258() {
    let decoded = TextDecoding.decode([0x93] + Array("Covid-19".utf8) + [0x94])
    XCTAssertEqual(decoded.encoding, "Windows-1258")
    XCTAssertEqual(decoded.text, "“Covid-19”")
  }

  // MARK: Size

  func testTenMegabyteSingleDecomposedLine() {
    let unit = "Thực hiện Kết luận của Bộ Chính trị về phòng, chống dịch Covid-19; "
    let nfdUnit = unit.decomposedStringWithCanonicalMapping
    let repeats = 10_000_000 / nfdUnit.utf8.count + 1
    let bytes = Array(String(repeating: nfdUnit, count: repeats).utf8)
    XCTAssertGreaterThan(bytes.count, 10_000_000)
    let decoded = TextDecoding.decode(bytes)
    XCTAssertEqual(decoded.encoding, "UTF-8")
    XCTAssertEqual(decoded.warnings, [])
    XCTAssertEqual(decoded.text.utf8.count, unit.utf8.count * repeats)
    XCTAssertEqual(decoded.text, String(repeating: unit, count: repeats))
  }

  func testChunkedNormalisationNeverSplitsALetterFromItsMarks() {
    // Lines of marks-only runs and letters, longer than a chunk, around every cut point.
    let letter = "e\u{0323}\u{0302}"  // ệ written in NFD
    let line = String(repeating: "x" + letter, count: NFC.chunkSize)
    let normalised = NFC.normalize(line)
    XCTAssertEqual(normalised, String(repeating: "xệ", count: NFC.chunkSize))
    let marksOnly = String(repeating: "\u{0301}", count: NFC.chunkSize * 2) + "a\u{0301}"
    XCTAssertEqual(NFC.normalize(marksOnly), marksOnly.precomposedStringWithCanonicalMapping)
  }

  // MARK: Binary

  func testBinaryDetection() {
    XCTAssertTrue(TextDecoding.looksBinary(Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)))
    XCTAssertTrue(TextDecoding.looksBinary([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
    XCTAssertTrue(TextDecoding.looksBinary([UInt8](repeating: 0x01, count: 100) + Array("abc".utf8)))
    XCTAssertFalse(TextDecoding.looksBinary([]))
    XCTAssertFalse(TextDecoding.looksBinary(Array("Tỉnh ủy\r\n\tNam Định\u{0C}".utf8)))
    XCTAssertFalse(TextDecoding.looksBinary(Array("Kính gửi \u{1B}]0;pwned\u{07}\u{1B}[2J".utf8)))
  }

  // MARK: Properties

  func testDecodeNeverFailsOnRandomBytesAndCutsOfSeeds() throws {
    let seeds = try Self.seeds().map { Array($0.utf8) }
    let legacy = seeds.flatMap { seed in
      LegacyEncoding.allCases.map { LegacyCodec.encode(String(decoding: seed, as: UTF8.self), as: $0) }
    }
    let sources = seeds + legacy
    var generator = SplitMix64(seed: 2024)
    for round in 0..<500 {
      let input: [UInt8]
      switch round % 4 {
      case 0:
        let count = Int.random(in: 0..<2000, using: &generator)
        input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      case 1:
        let source = sources.randomElement(using: &generator)!
        input = Array(source.prefix(Int.random(in: 0...source.count, using: &generator)))
      case 2:
        let first = sources.randomElement(using: &generator)!
        let second = sources.randomElement(using: &generator)!
        input =
          Array(first.prefix(Int.random(in: 0...first.count, using: &generator)))
          + Array(second.suffix(Int.random(in: 0...second.count, using: &generator)))
      default:
        var source = sources.randomElement(using: &generator)!
        for _ in 0..<Int.random(in: 1...20, using: &generator) where !source.isEmpty {
          source[Int.random(in: 0..<source.count, using: &generator)] = UInt8.random(
            in: 0...255, using: &generator)
        }
        input = source
      }
      let decoded = TextDecoding.decode(input)
      XCTAssertEqual(decoded.text, decoded.text.precomposedStringWithCanonicalMapping, "round \(round)")
      XCTAssertFalse(decoded.text.contains("\r"), "round \(round)")
      XCTAssertTrue(
        ["UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1258", "TCVN3", "VNI"].contains(decoded.encoding))
      if decoded.encoding == "UTF-8" && decoded.warnings.isEmpty {
        XCTAssertFalse(decoded.text.unicodeScalars.contains("\u{FFFD}") && !input.contains(0xEF))
      }
      let safe = TerminalSafety.sanitize(decoded.text)
      XCTAssertTrue(TerminalSafety.isSafe(safe))
      XCTAssertEqual(safe.unicodeScalars.count, decoded.text.unicodeScalars.count)
      XCTAssertFalse(
        safe.unicodeScalars.contains { scalar in
          let value = scalar.value
          return (value < 0x20 && scalar != "\n" && scalar != "\t") || (value >= 0x7F && value <= 0x9F)
        }, "round \(round)")
    }
  }

  func testSurveyCountsAgreeWithTheStandardLibrary() {
    var generator = SplitMix64(seed: 99)
    for _ in 0..<300 {
      let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      let survey = bytes.withUnsafeBufferPointer { UTF8Survey($0) }
      let replacements = String(decoding: bytes, as: UTF8.self).unicodeScalars.filter {
        $0 == "\u{FFFD}"
      }.count
      let original = bytes.withUnsafeBufferPointer { buffer in
        (0..<max(0, buffer.count - 2)).filter {
          buffer[$0] == 0xEF && buffer[$0 + 1] == 0xBF && buffer[$0 + 2] == 0xBD
        }.count
      }
      XCTAssertEqual(survey.errors, replacements - original, "\(bytes)")
    }
  }

  private func latin1(_ text: String) -> ArraySlice<UInt8> {
    text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }[...]
  }
}

extension String {
  fileprivate var precomposed: String { precomposedStringWithCanonicalMapping }
}
