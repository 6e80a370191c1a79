import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The byte-level fast paths of the parser against the definitions they stand in for: the one
/// UTF-8 decoder against the standard library's, folding a string against folding scalar by
/// scalar, marked keys from the per-scalar table against lower-casing and decomposing the whole
/// word, and the scanner's arrays against the text they come from.
final class ByteScanningTests: XCTestCase {
  /// Letters, marks and symbols the documents hold, with a few from further afield.
  private static let alphabet: [Unicode.Scalar] =
    Array(
      "aAzZ09 .,;:-/–—“”\"'()*|\n\t\r\u{A0}\u{FEFF}đĐăâêôơưĂÂÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
        .unicodeScalars)
    + [
      "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}", "\u{0306}", "\u{0302}", "\u{031B}", "İ",
      "ß", "Ω", "ς",
      "中", "\u{2028}", "\u{1F600}", "\u{10FFFF}", "Ď", "ǅ", "\u{0085}",
    ]

  private static func randomText(_ random: inout SplitMix64, length: Int) -> String {
    var scalars = String.UnicodeScalarView()
    for _ in 0..<length { scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
    return String(scalars)
  }

  func testTheDecoderReadsEveryScalarAsTheStandardLibraryDoes() {
    var values = Array(0x80..<0xD800) + Array(0xE000..<0x1_0000)
    values += Array(stride(from: 0x1_0000, through: 0x10_FFFF, by: 97)) + [0x10_FFFF]
    for value in values {
      let scalar = Unicode.Scalar(UInt32(value))!
      let bytes = Array(String(scalar).utf8)
      let decoded = bytes.withUnsafeBufferPointer {
        UTF8Decoding.multibyteScalar(at: 0, in: $0.baseAddress!, count: $0.count)
      }
      XCTAssertEqual(decoded.value, scalar.value, "U+\(String(value, radix: 16))")
      XCTAssertEqual(decoded.length, bytes.count, "U+\(String(value, radix: 16))")
    }
  }

  func testTheDecoderReplacesACutOffSequenceAndAStrayByte() {
    for bytes: [UInt8] in [[0xE1, 0xBB], [0xF0, 0x9F, 0x98], [0xC3], [0x80, 0x41], [0xFF]] {
      let decoded = bytes.withUnsafeBufferPointer {
        UTF8Decoding.multibyteScalar(at: 0, in: $0.baseAddress!, count: $0.count)
      }
      XCTAssertEqual(decoded.value, 0xFFFD, "\(bytes)")
      XCTAssertEqual(decoded.length, 1, "\(bytes)")
    }
  }

  func testTheScannerHoldsTheTextScalarForScalar() {
    var random = SplitMix64(seed: 13)
    for _ in 0..<300 {
      let text = Self.randomText(&random, length: Int(random.next() % 200))
      let scanner = TextScanner(text)
      XCTAssertEqual(scanner.scalars, Array(text.unicodeScalars))
      XCTAssertEqual(scanner.folded.count, scanner.count)
      XCTAssertEqual(scanner.utf8Offsets.count, scanner.count + 1)
      XCTAssertEqual(scanner.string(0..<scanner.count), text)
      for (index, scalar) in scanner.scalars.enumerated() {
        let start = Int(scanner.utf8Offsets[index])
        XCTAssertEqual(
          Array(scanner.utf8[start..<Int(scanner.utf8Offsets[index + 1])]), Array(String(scalar).utf8))
        if scalar.isASCII, scalar != "\n" {
          XCTAssertEqual(scanner.folded[index], UInt8(VietnameseFolding.fold(scalar)!.value))
        }
      }
    }
  }

  func testFoldingAStringFoldsEachScalar() {
    var random = SplitMix64(seed: 11)
    for _ in 0..<500 {
      let text = Self.randomText(&random, length: Int(random.next() % 60))
      var expected = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        if let folded = VietnameseFolding.fold(scalar) { expected.append(folded) }
      }
      XCTAssertEqual(Array(text.folded.unicodeScalars), Array(expected), text.debugDescription)
    }
  }

  func testMarkedKeysFromTheTableMatchTheirDefinition() {
    var words: [String] = [
      "Thạnh", "Thanh", "uỷ", "ủy", "HOÀ", "hòa", "Đắk", "H'leo", "İstanbul", "Ďurov", "ǅemal",
    ]
    for value in Array(0..<0x370) + Array(0x1E00..<0x1F00) {
      if let scalar = Unicode.Scalar(value) { words.append(String(scalar)) }
    }
    var random = SplitMix64(seed: 7)
    for _ in 0..<500 { words.append(Self.randomText(&random, length: 1 + Int(random.next() % 8))) }
    for word in words {
      XCTAssertEqual(
        PlaceTokenizer.markedKey(ArraySlice(word.unicodeScalars)), PlaceTokenizer.definedMarkedKey(word),
        word.debugDescription)
    }
  }

  func testScalarPropertiesFromTheTableAreTheStandardLibrarys() {
    for value in Array(0..<0x3000) + [0x1_0400, 0x1_D400, 0x1_F600] {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let name = "U+\(String(value, radix: 16))"
      XCTAssertEqual(ScalarProperties.isAlphabetic(scalar), scalar.properties.isAlphabetic, name)
      XCTAssertEqual(ScalarProperties.isUppercase(scalar), scalar.properties.isUppercase, name)
      XCTAssertEqual(ScalarProperties.isLowercase(scalar), scalar.properties.isLowercase, name)
      XCTAssertEqual(ScalarProperties.isWhitespace(scalar), scalar.properties.isWhitespace, name)
    }
  }

  /// Texts of every kind the parser meets: the real development set, generated documents, and
  /// random scalars from the alphabet above (marks after spaces, carriage returns, C1 controls).
  private static func sampleTexts() throws -> [String] {
    let realdev = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/realdev")
    var texts: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: realdev.path) where name.hasSuffix(".txt")
    {
      let bytes = try [UInt8](Data(contentsOf: realdev.appendingPathComponent(name)))
      texts.append(TextDecoding.decode(bytes).text)
    }
    XCTAssertGreaterThan(texts.count, 20, "the development set is there")
    texts += CorpusGenerator(seed: 5).generate(count: 40).map(\.text)
    var random = SplitMix64(seed: 17)
    for _ in 0..<300 { texts.append(randomText(&random, length: Int(random.next() % 300))) }
    return texts
  }

  func testFlatTextIsTheTextSplitOnWhiteSpaceCharacters() throws {
    var random = SplitMix64(seed: 19)
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      for _ in 0..<40 {
        let start = Int(random.next() % UInt64(scanner.count + 1))
        let end = start + Int(random.next() % UInt64(min(400, scanner.count - start) + 1))
        let expected = scanner.string(start..<end)
          .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{A0}" })
          .joined(separator: " ")
        XCTAssertEqual(scanner.flat(start..<end), expected, scanner.string(start..<end).debugDescription)
      }
    }
  }

  func testAStringWithNewlinesAsSpacesReplacesEachLineBreak() throws {
    var random = SplitMix64(seed: 23)
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      for _ in 0..<20 {
        let start = Int(random.next() % UInt64(scanner.count + 1))
        let end = start + Int(random.next() % UInt64(min(300, scanner.count - start) + 1))
        let plain = scanner.string(start..<end)
        let expected = String(String.UnicodeScalarView(plain.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
        XCTAssertEqual(scanner.string(start..<end, newlinesAsSpaces: true), expected)
      }
    }
  }

  func testJSONStringsEscapeWhatTheScalarDefinitionEscapes() throws {
    var random = SplitMix64(seed: 29)
    var texts = try Self.sampleTexts()
    let awkward: [Unicode.Scalar] = [
      "\"", "\\", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{2027}", "\u{2028}", "\u{202E}", "\u{202F}",
      "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{0}", "\u{1B}", "\r", "é", "\u{1F600}",
    ]
    for _ in 0..<300 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int(random.next() % 40) {
        scalars.append(awkward[Int(random.next() % UInt64(awkward.count))])
      }
      texts.append(String(scalars))
    }
    for text in texts {
      var expected = "\""
      for scalar in text.unicodeScalars {
        let value = scalar.value
        switch scalar {
        case "\"": expected += "\\\""
        case "\\": expected += "\\\\"
        case "\n": expected += "\\n"
        case "\t": expected += "\\t"
        case "\r": expected += "\\r"
        default:
          if value < 0x20 || (0x7F...0x9F).contains(value) || (0x2028...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
          {
            let hex = String(value, radix: 16)
            expected += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
          } else {
            expected.unicodeScalars.append(scalar)
          }
        }
      }
      expected += "\""
      XCTAssertEqual(JSONValue.string(text).rendered(), expected)
    }
  }

  func testPlaceTokensAreFoldedScalarByScalar() throws {
    for text in try Self.sampleTexts() {
      let words = PlaceWords(TextScanner(text))
      for index in 0..<words.count {
        var expected = String.UnicodeScalarView()
        for scalar in words.scalars(index) where !PlaceTokenizer.isApostrophe(scalar) {
          if let folded = VietnameseFolding.fold(scalar) { expected.append(folded) }
        }
        XCTAssertEqual(words.key(index), String(expected))
      }
    }
  }

  func testTheVocabularyReadByScalarsIsTheVocabularyReadByCharacters() throws {
    var random = SplitMix64(seed: 31)
    var texts = try Self.sampleTexts()
    // Lines in capitals and not, sentence ends, trimmed punctuation, `Luật` before a name, and
    // letters whose case `Character` reads by mapping (`ĸ`, `ɐ`, `ª`, `ǅ`).
    let words = [
      "Luật", "Phòng,", "chống", "Đông", "Nam", "Bộ", "BỘ", "(Tỉnh", "ủy)", "“Hà", "Nội”", "ngày.", "Điều:",
      "-", "ĸa",
      "ɐb", "ªc", "ǅe", "İstanbul", "x2", "A.", "lệnh", "Pháp", "\n", "\n", "  ",
    ]
    for _ in 0..<300 {
      texts.append(
        (0..<Int(random.next() % 80)).map { _ in words[Int(random.next() % UInt64(words.count))] }
          .joined(separator: " "))
    }
    var fastPaths = 0
    for text in texts {
      if text.unicodeScalars.allSatisfy(TextScanner.standsAlone) { fastPaths += 1 }
      let cases = Vocabulary.wordCases(in: text).mapValues { [$0.capitalised, $0.lower] }
      let byCharacters = Vocabulary.wordCasesByCharacters(in: text).mapValues { [$0.capitalised, $0.lower] }
      XCTAssertEqual(cases, byCharacters, text.debugDescription)
      XCTAssertEqual(
        Vocabulary.wordCounts(in: text), Vocabulary.wordCountsByCharacters(in: text.lowercased()),
        text.debugDescription)
    }
    XCTAssertGreaterThan(fastPaths, texts.count / 3, "many texts are read by scalars")
  }

  func testTrimmingByScalarsIsTrimmingByCharacters() throws {
    var random = SplitMix64(seed: 37)
    let sets = [
      " ", " *", " ,.", " ,;.", " -*|", " \t", "(),.;:", "“”\"'(),.;:!?", "“”\"'(),;:!?-", "\u{300}", "é",
    ]
    var texts = try Self.sampleTexts().map { String($0.prefix(200)) }
    for _ in 0..<500 { texts.append(Self.randomText(&random, length: Int(random.next() % 12))) }
    for text in texts {
      for set in sets {
        XCTAssertEqual(text.trimmed(set), text.trimmedByCharacters(set), "\(text.debugDescription) \(set)")
        let slice = text.dropFirst()
        XCTAssertEqual(slice.trimmed(set), slice.trimmedByCharacters(set), "\(slice.debugDescription) \(set)")
      }
    }
  }

  func testListItemsAreCleanedByScalarsAsByCharacters() throws {
    var random = SplitMix64(seed: 41)
    var items = try Self.sampleTexts().flatMap { $0.split(separator: "\n").prefix(40).map(String.init) }
    for _ in 0..<500 { items.append(Self.randomText(&random, length: Int(random.next() % 16))) }
    items += ["- Như trên;", "– Lưu VT. |", "+ Các sở, ban, ngành: ", "•\u{300} x", "|\u{301}a|b"]
    for item in items {
      XCTAssertEqual(Line.cleanItem(item), Line.cleanItemByCharacters(item), item.debugDescription)
      let expected = item.firstIndex(of: "|").map { String(item[..<$0]) } ?? item
      XCTAssertEqual(Line.beforeBar(item), expected, item.debugDescription)
    }
  }

  /// The leftmost offset at or after `start` where `needle` lies in `haystack`, by definition.
  private static func naiveOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, start >= 0, start + needle.count <= haystack.count else { return nil }
    return (start...(haystack.count - needle.count)).first {
      haystack[$0..<$0 + needle.count].elementsEqual(needle)
    }
  }

  func testFindingInFoldedTextIsTheNaiveSearch() throws {
    var random = SplitMix64(seed: 41)
    var checked = 0
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      let folded = scanner.folded
      var needles: [[UInt8]] = [
        "ngay", "so:", "cong van nay", "tinh uy", "?", ", ngay ", "ban hanh ", "pham quang ngoc",
        "do thanh binh",
        "quyet", "x", "nnn", "ubnd",
      ].map { Array($0.utf8) }
      for _ in 0..<6 where folded.count > 2 {
        let start = Int(random.next() % UInt64(folded.count - 1))
        let length = 1 + Int(random.next() % UInt64(min(300, folded.count - start)))
        needles.append(Array(folded[start..<start + length]))
      }
      needles.append(Array(repeating: UInt8(ascii: "a"), count: 3))
      needles.append([])
      for needle in needles {
        for start in [0, 1, folded.count / 2, max(0, folded.count - needle.count), folded.count, -1] {
          XCTAssertEqual(
            scanner.find(needle, from: start), Self.naiveOffset(of: needle, in: folded, from: start),
            "\(String(decoding: needle, as: UTF8.self)) from \(start) in \(text.prefix(80).debugDescription)")
          checked += 1
        }
      }
      for line in Line.split(scanner) {
        for needle in ["ngay ", "thang", "nam", ", ngay", line.folded.suffix(3).description] {
          for start in [0, 2, line.folded.utf8.count] {
            XCTAssertEqual(
              line.foldedOffset(of: needle, from: start),
              Self.naiveOffset(of: Array(needle.utf8), in: Array(line.folded.utf8), from: start), line.folded)
          }
        }
      }
    }
    XCTAssertGreaterThan(checked, 1000)
  }

  /// Any piece of the text copied out of the scanner, between two scalar offsets, is the piece of
  /// its scalars.
  func testAPieceOfTheTextIsItsScalars() throws {
    var random = SplitMix64(seed: 43)
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      for _ in 0..<20 {
        let start = Int(random.next() % UInt64(scanner.count + 1))
        let end = start + Int(random.next() % UInt64(min(300, scanner.count - start) + 1))
        let expected = String(String.UnicodeScalarView(scanner.scalars[start..<end]))
        XCTAssertEqual(scanner.string(start..<end), expected)
        XCTAssertEqual(Array(scanner.string(start..<end).utf8), Array(expected.utf8))
      }
    }
  }

  /// The one-pass check that skips normalising says a text is NFC only when Foundation's NFC
  /// leaves it as it is, and finds every carriage return.
  func testTheNFCCheckAgreesWithFoundation() throws {
    var random = SplitMix64(seed: 47)
    var texts = try Self.sampleTexts()
    let extra: [Unicode.Scalar] = [
      "\u{1E00}", "\u{1EFF}", "\u{1DFF}", "\u{1F00}", "\u{2000}", "\u{2126}", "\u{212B}", "\u{0344}",
      "\u{0958}",
      "\u{F900}", "\u{AC00}", "\u{1100}", "\u{1161}",
    ]
    for _ in 0..<400 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int(random.next() % 40) {
        let pick = Int(random.next() % UInt64(Self.alphabet.count + extra.count))
        scalars.append(pick < Self.alphabet.count ? Self.alphabet[pick] : extra[pick - Self.alphabet.count])
      }
      texts.append(String(scalars))
    }
    var nfcSeen = 0
    for text in texts {
      let bytes = Array(text.utf8)
      let isNFC = bytes.withUnsafeBufferPointer { FastScan($0).isNFC }
      if isNFC {
        nfcSeen += 1
        XCTAssertEqual(
          Array(text.precomposedStringWithCanonicalMapping.unicodeScalars), Array(text.unicodeScalars),
          text.debugDescription)
      }
      XCTAssertEqual(bytes.withUnsafeBufferPointer { FastScan($0).hasCarriageReturn }, bytes.contains(0x0D))
    }
    XCTAssertGreaterThan(nfcSeen, 40)
  }

  /// The line-break rules read a line's folded opening byte by byte as `String.folded` reads it.
  func testAFoldedPrefixIsTheFoldedStringsPrefix() throws {
    var random = SplitMix64(seed: 53)
    let prefixes = ["dieu ", "chuong ", "muc ", "can cu ", "xet ", "theo de nghi", "kinh gui", "noi nhan"]
    var samples: [[Unicode.Scalar]] = [
      "Điều 3", "ĐIỀU 12", "Chương II", "Mục 1", "Căn cứ Luật", "Xét đề nghị", "Theo đề nghị của",
      "Kính gửi:",
      "Nơi nhận:", "Đi\u{0300}ều 3", "Điều\u{A0}3", "dieu\u{20D0} 3", "MỤC 2", "muc\r\n",
    ].map { Array($0.unicodeScalars) }
    for _ in 0..<3000 {
      let base = Array(prefixes[Int(random.next() % UInt64(prefixes.count))].unicodeScalars)
      var scalars: [Unicode.Scalar] = []
      for scalar in base {
        switch random.next() % 8 {
        case 0: scalars.append(Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))])
        case 1: scalars.append(String(scalar).uppercased().unicodeScalars.first!)
        default: scalars.append(scalar)
        }
      }
      samples.append(scalars)
    }
    var matched = 0
    for scalars in samples {
      for length in [8, 12] {
        let slice = scalars.prefix(length)
        let word = String(String.UnicodeScalarView(slice)).folded
        let expected = prefixes.contains { word.hasPrefix($0) }
        if expected { matched += 1 }
        XCTAssertEqual(
          LineBreaks.foldedPrefix(of: slice, isAnyOf: prefixes), expected,
          String(String.UnicodeScalarView(slice)).debugDescription)
      }
    }
    XCTAssertGreaterThan(matched, 500)
  }

  /// Finding a folded phrase in a folded string by bytes gives what Foundation's `range(of:)`
  /// gives, in `Character`s.
  func testFindingInAFoldedStringIsFoundationsRange() throws {
    var random = SplitMix64(seed: 59)
    var haystacks = try Self.sampleTexts().prefix(120).map { $0.prefix(400).folded }
    haystacks += [
      "cua ban thuong vu ve viec", "uy ban nhan dan tinh ha giang cong hoa xa hoi", "a\r\n ve b ve ",
    ]
    for _ in 0..<300 { haystacks.append(Self.randomText(&random, length: Int(random.next() % 60)).folded) }
    var found = 0
    for haystack in haystacks {
      for needle in [
        " cong hoa xa hoi", " dang cong san", " doc lap", " ve ", "tinh ", "thanh pho ", "a", "\n",
      ] {
        let expected = haystack.range(of: needle).map { found -> Range<Int> in
          let lower = haystack.distance(from: haystack.startIndex, to: found.lowerBound)
          let upper = haystack.distance(from: haystack.startIndex, to: found.upperBound)
          return lower..<upper
        }
        if expected != nil { found += 1 }
        XCTAssertEqual(
          DirectiveParser.characterRange(of: needle, in: haystack), expected,
          "\(needle.debugDescription) in \(haystack.debugDescription)")
      }
    }
    XCTAssertGreaterThan(found, 100)
  }

  /// Counting a line's characters up to a limit by scalars, where they stand alone, is counting
  /// its `Character`s.
  func testMoreCharactersThanALimitIsTheCharacterCount() throws {
    var random = SplitMix64(seed: 61)
    var texts = try Self.sampleTexts().flatMap { $0.split(separator: "\n").prefix(30).map(String.init) }
    for _ in 0..<500 { texts.append(Self.randomText(&random, length: Int(random.next() % 40))) }
    for text in texts {
      for limit in [0, 1, 5, 24, 59, 60, 80, 89, 100, 159, 300, 399] {
        XCTAssertEqual(Line.hasMoreCharacters(text, than: limit), text.count > limit, text.debugDescription)
      }
    }
  }

  func testAskingTheVocabularyAboutSomeWordsAnswersAsTheWholeVocabulary() throws {
    var random = SplitMix64(seed: 43)
    for text in try Self.sampleTexts() {
      let whole = Vocabulary.wordCases(in: text)
      var asked = Array(whole.keys.sorted().shuffled(using: &random).prefix(12))
      asked += ["Đông", "NAM", "bộ", "", "ủy", "Phòng", "x2", "ǅe"]
      asked.shuffle(using: &random)
      let vocabulary = Vocabulary(text)
      // Asked in two rounds, the second repeating some words of the first.
      let first = vocabulary.areProperInside(Array(asked.prefix(asked.count / 2)))
      let second = vocabulary.areProperInside(Array(asked.suffix(asked.count - asked.count / 3)))
      let expected = asked.map { word -> Bool in
        guard let seen = whole[word.lowercased()] else { return false }
        return seen.capitalised >= 2 && seen.lower == 0
      }
      XCTAssertEqual(first, Array(expected.prefix(asked.count / 2)), text.prefix(80).debugDescription)
      XCTAssertEqual(
        second, Array(expected.suffix(asked.count - asked.count / 3)), text.prefix(80).debugDescription)
    }
  }

  func testAWordSpelledAsAPlaceNameButForCaseHasItsMarkedKey() throws {
    var random = SplitMix64(seed: 47)
    var words = Places.gazetteer.provinces.flatMap { $0.name.split(separator: " ").map(String.init) }
    words += ["ủy", "uỷ", "Hoà", "hòa", "Thạnh", "thanh", "ĐẮK", "Đăk", "H'leo", "M’gar", "İ", "ǅ", "ß", "Ω"]
    for _ in 0..<2000 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<(1 + Int(random.next() % 6)) {
        scalars.append(Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))])
      }
      words.append(String(scalars))
    }
    var spelled = 0
    for word in words {
      let canonical = Array(word.precomposedStringWithCanonicalMapping.unicodeScalars)
      let lower = PlaceMatcher.lowerScalars(of: canonical[...])
      for variant in [word, word.uppercased(), word.lowercased(), word.capitalized, String(word.reversed())] {
        let scalars = Array(variant.precomposedStringWithCanonicalMapping.unicodeScalars)
        guard PlaceMatcher.spells(lower, scalars[...]) else { continue }
        spelled += 1
        XCTAssertEqual(
          PlaceTokenizer.markedKey(scalars[...]), PlaceTokenizer.markedKey(canonical[...]),
          variant.debugDescription)
      }
    }
    XCTAssertGreaterThan(spelled, 200)
  }
}
