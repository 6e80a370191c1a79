import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The header's fast paths against the definitions they stand in for, on the real development
/// set, the seeds, a generated corpus, random text and odd inputs: a check that passes a line
/// over may only do so when the definition would have left it as it was.
final class HeaderFastPathTests: XCTestCase {
  /// Letters, marks and symbols of the documents, with `?` for lost marks, `|` of tables and
  /// scalars that do not stand alone (combining marks, a carriage return, a joiner, emoji).
  private static let alphabet: [Unicode.Scalar] =
    Array(
      "aAbBcChHnNtTuUgGiIyY09  .,;:-/–“”\"'()*|?\t\u{A0}đĐăâêôơưĂÂÊÔƠƯàáảãạằắầấèéềếìíòóồốờớùúừứỳýẠẶẬỆỊỌỘỢỤỰỴ"
        .unicodeScalars)
    + [
      "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}", "\u{0302}", "\u{031B}", "\r", "\u{200D}",
      "İ", "ß", "中", "\u{1F600}",
    ]

  private static func randomText(_ random: inout SplitMix64, length: Int) -> String {
    var scalars = String.UnicodeScalarView()
    for _ in 0..<length { scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
    return String(scalars)
  }

  /// Glued, capitalised, decomposed and damaged forms of header and subject lines.
  private static let oddLines: [String] = [
    "Banhành kế hoạch", "Phêduyệt đề án", "Hội đồngnhân dân tỉnh", "V/v Banhành Quy chế", "BANHÀNH KẾ HOẠCH",
    "KẾ HOẠCH", "K ÉT LUẬN", "Tổng Bí thưNguyễn Phú Trọng", "của Ban Thường vụ Tỉnh ủy về tăng cường",
    "CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ CÔNG TÁC", "Ngh? quy?t s? 12-NQ/TU v? vi?c", "ỦY BAN NHÂN DÂN | CỘNG HÒA |",
    "| Số: 12/UBND-VP | Hà Nội, ngày 1 tháng 2 năm 2021 |",
    "Ba\u{300}n ha\u{300}nh kê\u{302}\u{301} hoa\u{323}ch",
    "“Phêduyệt”, (Banhành).", "  Banhành\t\tkế  hoạch  ", "\tĐể\u{A0}triển khai", "", " ", "-",
    "Ban\u{200D}hành",
    "TỈNH ỦY AN GIANG", "UBND TỈNH HÀ GIANG", "HỘI ĐỒNG NHÂN DÂN", "BỘ Y TẾ", "cua ban ve viec", "Của Ban về",
    "Cu\u{301}a Ban ve\u{300} viê\u{323}c", "\u{301}của ban về", "- Như trên;", "– Lưu VT. |", "•\u{300} x",
  ]

  private static func sampleTexts() throws -> [String] {
    var texts: [String] = []
    for folder in [Package.realDevelopmentSet, Package.seedCorpus] {
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
      where name.hasSuffix(".txt") {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        texts.append(TextDecoding.decode(bytes).text)
      }
    }
    XCTAssertGreaterThan(texts.count, 30, "the development set and the seeds are there")
    texts += CorpusGenerator(seed: 13).generate(count: 60).map(\.text)
    texts += texts.prefix(20).map { $0.uppercased() }
    texts += texts.prefix(20).map { $0.decomposedStringWithCanonicalMapping }
    var random = SplitMix64(seed: 29)
    for _ in 0..<300 { texts.append(randomText(&random, length: Int(random.next() % 200))) }
    return texts
  }

  /// Each text's lines, and a few runs of consecutive lines joined, as subjects are.
  private static func sampleLines() throws -> [String] {
    var lines: [String] = oddLines
    for text in try sampleTexts() {
      let split = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      lines += split.prefix(60)
      for start in stride(from: 0, to: min(split.count, 40), by: 7) {
        lines.append(split[start..<min(split.count, start + 3)].joined(separator: " "))
      }
    }
    return lines
  }

  func testDegluingPassesOverOnlyTextsItWouldLeaveAlone() throws {
    var passedOver = 0
    var parted = 0
    for text in try Self.sampleLines() {
      let vocabulary = Vocabulary(text)
      let expected = Casing.degluedWordByWord(text, vocabulary: vocabulary)
      XCTAssertEqual(Casing.deglued(text, vocabulary: vocabulary), expected, text.debugDescription)
      if !Casing.mayHaveGluedWord(text) {
        XCTAssertEqual(
          expected, text, "a text passed over is one the definition keeps: \(text.debugDescription)")
        passedOver += 1
      }
      if expected != text { parted += 1 }
    }
    XCTAssertGreaterThan(passedOver, 1000, "most lines are passed over")
    XCTAssertGreaterThan(parted, 5, "some lines are parted")
    XCTAssertEqual(
      Casing.deglued("Banhành kế hoạch", vocabulary: Vocabulary("ban hành, ban hành, ban hành")),
      "Ban hành kế hoạch")
  }

  func testJoiningOnBytesIsJoiningByCharacters() throws {
    var random = SplitMix64(seed: 31)
    let lines = try Self.sampleLines()
    var groups: [[String]] = lines.map { [$0] }
    for _ in 0..<3000 {
      let count = Int(random.next() % 4)
      groups.append(
        (0..<count).map { _ in
          random.next() % 3 == 0
            ? Self.randomText(&random, length: Int(random.next() % 12))
            : lines[Int(random.next() % UInt64(lines.count))]
        })
    }
    groups += [[], [""], [" ", "\t"], ["a\t", " b "], ["\t\ta  b\t"], ["x \u{301}", "y"], ["\r", "\n"]]
    for parts in groups {
      XCTAssertEqual(Line.joined(parts), Line.joinedByCharacters(parts), parts.debugDescription)
    }
  }

  func testAFoldedPrefixOnBytesIsTheFoldedStringsPrefix() throws {
    var checked = 0
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      for line in Line.split(scanner) {
        XCTAssertEqual(
          line.foldedHasPrefix("noi nhan"), line.folded.hasPrefix("noi nhan"), line.text.debugDescription)
        XCTAssertEqual(
          line.foldedHasPrefix("kinh gui", afterDropping: "- "),
          line.foldedStart(dropping: "- ").hasPrefix("kinh gui"), line.text.debugDescription)
        XCTAssertEqual(line.foldedHasPrefix(""), true)
        checked += 1
      }
    }
    for text in ["Nơi nhận:", "- - Kính gửi: Sở", "--Kính gửi", "Kính", "NƠI NHẬN", "noi nha", " - kinh gui"]
    {
      let line = Line.split(TextScanner(text))[0]
      XCTAssertEqual(line.foldedHasPrefix("noi nhan"), line.folded.hasPrefix("noi nhan"), text)
      XCTAssertEqual(
        line.foldedHasPrefix("kinh gui", afterDropping: "- "),
        line.foldedStart(dropping: "- ").hasPrefix("kinh gui"),
        text)
    }
    XCTAssertTrue(
      Line.split(TextScanner("- Kính gửi: Sở Y tế"))[0].foldedHasPrefix("kinh gui", afterDropping: "- "))
    XCTAssertGreaterThan(checked, 3000)
  }

  func testASlashInANumberIsFoundationsContains() throws {
    var numbers = [
      "215-CV/TU", "30/2020/NĐ-CP", "1999-KL/TU", "12", "", "/", "a/\u{301}b", "12\u{301}/", "1/\u{200D}2",
      "中/",
    ]
    var random = SplitMix64(seed: 37)
    for _ in 0..<2000 { numbers.append(Self.randomText(&random, length: Int(random.next() % 10))) }
    for number in numbers {
      XCTAssertEqual(DocumentTypes.containsSlash(number), number.contains("/"), number.debugDescription)
    }
  }

  func testTheHeaderBodyNamesTheProvinceItsNameIs() throws {
    var named = 0
    for line in try Self.sampleLines() {
      guard let body = DirectiveParser.headerBody(line, next: nil) else { continue }
      XCTAssertEqual(body.province, body.provinceName.flatMap { Places.province(named: $0) }, line)
      if body.province != nil { named += 1 }
    }
    XCTAssertGreaterThan(named, 20, "headers naming a province are read")
  }

  /// `trimmedSubject` as it was, folding every subject to look for `của … về`.
  private static func trimmedSubjectByDefinition(_ text: String) -> String {
    var subject = Casing.deglued(text).trimmed(" |-*")
    let folded = subject.folded
    if folded.hasPrefix("cua "), let about = DirectiveParser.characterRange(of: " ve ", in: folded) {
      subject = String(subject.unicodeScalars.dropFirst(about.lowerBound + 1))
    }
    return subject
  }

  func testASubjectNotStartingWithCuaIsKeptAsTheDefinitionKeepsIt() throws {
    var cut = 0
    for line in try Self.sampleLines() {
      let expected = Self.trimmedSubjectByDefinition(line)
      XCTAssertEqual(DirectiveParser.trimmedSubject(line), expected, line.debugDescription)
      if expected != Casing.deglued(line).trimmed(" |-*") { cut += 1 }
    }
    XCTAssertGreaterThan(cut, 2, "subjects naming their issuer are cut at `về`")
  }

  func testALineReadAsNoBodyByItsPrefixIsNoBody() throws {
    var bodies = 0
    for line in try Self.sampleLines() {
      let body = DirectiveParser.headerBody(line, next: nil)
      XCTAssertEqual(DirectiveParser.isHeaderBody(line), body != nil, line.debugDescription)
      if body != nil { bodies += 1 }
    }
    XCTAssertGreaterThan(bodies, 20)
  }

  func testALinePassedOverAsNoTitleIsNoTitle() throws {
    var titles = 0
    var passedOver = 0
    for text in try Self.sampleTexts() + Self.oddLines {
      let scanner = TextScanner(text)
      let lines = Line.split(scanner)
      for index in lines.indices.prefix(40) {
        let title = DirectiveParser.titleAndSubject(lines, at: index, scanner, filtered: false)
        if !DirectiveParser.mayStartTitle(lines[index].text) {
          XCTAssertNil(title, lines[index].text.debugDescription)
          passedOver += 1
        }
        if title != nil { titles += 1 }
      }
    }
    XCTAssertGreaterThan(titles, 20, "titles are read")
    XCTAssertGreaterThan(passedOver, 1000, "most lines are passed over")
    for title in ["KẾT LUẬN", "K ÉT LUẬN", "**KẾ HOẠCH** Về việc", "Q\u{301}UYẾT ĐỊNH", " \u{301}KẾT LUẬN"] {
      XCTAssertTrue(DirectiveParser.mayStartTitle(title), title)
    }
    XCTAssertFalse(DirectiveParser.mayStartTitle("kết luận"))
    XCTAssertFalse(DirectiveParser.mayStartTitle("Ủy ban nhân dân"))
  }

  func testTheMottoAndWordCountsOnBytesAreTheirDefinitions() throws {
    var mottos = 0
    for text in try Self.sampleTexts() {
      for line in Line.split(TextScanner(text)) {
        XCTAssertEqual(line.isMotto, Line.isMotto(line.folded), line.text.debugDescription)
        if line.isMotto { mottos += 1 }
        for limit in [0, 1, 6] {
          XCTAssertEqual(
            Line.hasAtMostWords(line.text, limit), line.text.split(separator: " ").count <= limit,
            line.text.debugDescription)
        }
      }
    }
    for text in Self.oddLines + ["a \u{301}b c", "  ", "a  b   c d e f g", "a b c d e f"] {
      XCTAssertEqual(
        Line.hasAtMostWords(text, 6), text.split(separator: " ").count <= 6, text.debugDescription)
    }
    XCTAssertGreaterThan(mottos, 30)
  }

  func testASubjectOfLinesWithoutCapitalsOrGluedWordsIsTheCasedSubject() throws {
    var random = SplitMix64(seed: 43)
    let lines = try Self.sampleLines()
    var groups: [[String]] = lines.map { [$0] }
    for _ in 0..<3000 {
      let count = 1 + Int(random.next() % 3)
      groups.append(
        (0..<count).map { _ in
          random.next() % 4 == 0
            ? Self.randomText(&random, length: Int(random.next() % 12))
            : lines[Int(random.next() % UInt64(lines.count))]
        })
    }
    groups += [
      ["của Ban Thường vụ", "Tỉnh ủy về việc"], ["x\tBanhành", "kế hoạch"], ["Phêduyệt", "đề án"],
      ["a", "\tb"],
    ]
    for parts in groups {
      let vocabulary = Vocabulary(parts.joined(separator: "\n"))
      XCTAssertEqual(
        DirectiveParser.subject(ofLines: parts, vocabulary),
        DirectiveParser.trimmedSubject(DirectiveParser.casedSubject(parts, vocabulary), vocabulary),
        parts.debugDescription)
    }
  }

  func testStandingAloneOnBytesIsStandingAloneScalarByScalar() throws {
    for value in UInt32(0)...0x10_FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = String(scalar)
      if Line.allStandAlone(text) != TextScanner.standsAlone(scalar) {
        XCTFail("U+\(String(value, radix: 16))")
      }
    }
    var random = SplitMix64(seed: 47)
    var texts = try Self.sampleLines()
    for _ in 0..<2000 { texts.append(Self.randomText(&random, length: Int(random.next() % 20))) }
    for text in texts {
      XCTAssertEqual(Line.allStandAlone(text), text.unicodeScalars.allSatisfy(TextScanner.standsAlone))
      let slice = text.dropFirst()
      XCTAssertEqual(Line.allStandAlone(slice), slice.unicodeScalars.allSatisfy(TextScanner.standsAlone))
    }
  }

  func testACapacityReadOnBytesIsACapacityByCharacters() throws {
    var random = SplitMix64(seed: 53)
    var texts = try Self.sampleLines()
    texts += [
      "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "TM.\u{301} ỦY BAN", "TM.\u{301}", "\u{212A}T. CHỦ TỊCH",
      "K\u{212A}",
      "KT. CHỦ TỊCH", "KT.CHỦ TỊCH", "Q. GIÁM ĐỐC", "Q.", "TL", "T/M\r\nBAN", "TL. Chánh văn phòng",
      "TM.\u{200D}X",
    ]
    for _ in 0..<3000 {
      let marker = Line.capacityMarkers[Int(random.next() % UInt64(Line.capacityMarkers.count))]
      texts.append(
        String(marker.prefix(Int(random.next() % 5)))
          + Self.randomText(&random, length: Int(random.next() % 6)))
    }
    var capacities = 0
    for text in texts {
      XCTAssertEqual(Line.isCapacity(text), Line.isCapacityByCharacters(text), text.debugDescription)
      for marker in Line.capacityMarkers {
        XCTAssertEqual(
          Line.hasASCIIPrefix(text, marker), text.hasPrefix(marker), "\(text.debugDescription) \(marker)")
      }
      if Line.isCapacity(text) { capacities += 1 }
    }
    XCTAssertGreaterThan(capacities, 30)
  }

  /// Names as headers, place–date lines and signatures write them: every province, alias and
  /// district of the gazetteer with and without a prefix, in capitals, decomposed, unmarked.
  private static func placeNames() -> [String] {
    let gazetteer = Gazetteer.standard
    var names =
      gazetteer.provinces.map(\.name) + gazetteer.provinceAliases.map(\.name) + gazetteer.provinces2025
      + (gazetteer.districts + gazetteer.retiredDistrictNames).map(\.name)
    for name in names.prefix(200) {
      names += [
        "Tỉnh " + name, "TỈNH " + name.uppercased(), "thành phố " + name, "TP. " + name, "TP.\(name)",
        "Tp " + name, "tp. hcm", name.folded, name.decomposedStringWithCanonicalMapping,
        "  " + name + " ,", name + " CỘNG HÒA XÃ HỘI", "“" + name + "”", name + "\u{A0}– " + name,
      ]
    }
    return names + [
      "", " ", "tinh", "Tỉnh", "thành phố", "Thành phố Hồ", "tp", "TP.", "thanh pho ho chi minh",
      "Thừa Thiên - Huế", "Hoà Bình", "H'leo", "Cư M’gar", "Bà Rịa–Vũng Tàu", "İstanbul", "Straße",
      "Ω 12", "a\u{200D}b", "x\u{1F600}y", "12 3", "Hà\tNội", "Hà\r\nNội", "\u{301}Hà Nội",
    ]
  }

  func testALooseKeyOnFoldedBytesIsTheLooseKeyByCharacters() throws {
    var random = SplitMix64(seed: 59)
    var names = Self.placeNames() + (try Self.sampleLines())
    for _ in 0..<3000 { names.append(Self.randomText(&random, length: Int(random.next() % 16))) }
    var byBytes = 0
    for name in names {
      let expected = Gazetteer.looseKeyByCharacters(name)
      XCTAssertEqual(Gazetteer.looseKey(name), expected, name.debugDescription)
      if name.unicodeScalars.allSatisfy({ $0.value < 0x2000 }) { byBytes += 1 }
    }
    XCTAssertGreaterThan(byBytes, 5000, "most names are read on their bytes")
    XCTAssertEqual(Gazetteer.looseKey("TP. Hồ Chí Minh"), "ho chi minh")
    XCTAssertEqual(Gazetteer.looseKey("Thành phố"), "thanh pho")
  }

  func testALinesTextFoldedIsItsTextFoldedAgain() throws {
    var reused = 0
    var texts = try Self.sampleTexts() + Self.oddLines
    texts += [
      "Hà\u{A0}Nội, ngày 1", "UBND\u{2003}TỈNH X", "a\u{3000}b", "x~y", "Tỉnh ủy\u{301} Nam Định", "ǅ İ ß Ω",
      "A\r\nB", "| Sơn\nLa, ngày 11 tháng 3 | x |\nnăm 2020 |", "-----", "– — –", "***", "x\n=== ...\n~ _ *",
      "— x", "-\u{301}--",
    ]
    for text in texts {
      for line in Line.split(TextScanner(text)) {
        XCTAssertEqual(line.textFolded, line.text.folded, line.text.debugDescription)
        XCTAssertEqual(
          line.isRule, !line.text.isEmpty && LineBreaks.isRule(ArraySlice(line.text.unicodeScalars)),
          line.text.debugDescription)
        if line.textFolded == line.folded { reused += 1 }
        let next = Line.split(TextScanner("NAM ĐỊNH")).first
        let body = DirectiveParser.headerBody(line.text, next: next, folded: line.textFolded)
        let expected = DirectiveParser.headerBody(line.text, next: next)
        XCTAssertEqual(body.map { "\($0)" }, expected.map { "\($0)" }, line.text.debugDescription)
        XCTAssertEqual(
          DirectiveParser.isHeaderBody(line.text, folded: line.textFolded),
          DirectiveParser.isHeaderBody(line.text))
      }
    }
    XCTAssertGreaterThan(reused, 3000, "most lines reuse their folded bytes")
  }

  func testAPlaceDateReadScalarByScalarIsThePlaceDateByCharacters() throws {
    var dated = 0
    var texts = try Self.sampleTexts() + Self.oddLines
    texts += [
      "Hà Nội, ngày 14 tháng 6 năm 2021", "Nam Đi\u{323}nh, ngày 14 tháng 6 năm 2021",
      "Số 12 Nam Định, ngày 1 tháng 2 năm 2020", "của Ban, ngày 1 tháng 2 năm 2020",
      "ngày 3 tháng 4 năm 2021",
      "Thành phố Hồ Chí Minh, ngày 30 tháng 4 năm 2021", "Ⅻ Hà Nội, ngày 1 tháng 2 năm 2020",
      "hà nội, ngày 1 tháng 2 năm 2020", "Hà Nội ngày\n15 tháng 3 năm 2021",
      "٣ Hà Nội, ngày 1 tháng 2 năm 2020",
    ]
    for text in texts {
      let scanner = TextScanner(text)
      for line in Line.split(scanner) {
        let expected = DirectiveParser.placeDateByCharacters(line, scanner)
        let found = DirectiveParser.placeDate(line, scanner)
        XCTAssertEqual(found?.0, expected?.0, line.text.debugDescription)
        XCTAssertEqual(found?.1, expected?.1, line.text.debugDescription)
        if expected != nil { dated += 1 }
      }
    }
    XCTAssertGreaterThan(dated, 50)
  }

  func testTheLettersAndDigitsCountedEightBytesAtATimeAreThoseCountedOneByOne() {
    var random = SplitMix64(seed: 67)
    let bytes: [UInt8] = Array(0...255)
    let likely: [UInt8] = Array("az09AZ`{/:@[ ~\u{7F}".utf8) + [0, 0x80, 0xE0, 0xFF, 0x60, 0x7B, 0x2F, 0x3A]
    for _ in 0..<20000 {
      let word = (0..<8).map { _ in
        random.next() % 2 == 0
          ? bytes[Int(random.next() % 256)] : likely[Int(random.next() % UInt64(likely.count))]
      }
      let expected = word.prefix { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }.count
      let packed = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      XCTAssertEqual(PlaceWords.leadingWordBytes(packed), expected, word.description)
    }
    XCTAssertEqual(PlaceWords.leadingWordBytes(UInt64(0x3930_7A61_7A61_7A61)), 8)
  }

  func testTheLatinClassesLookedUpAreTheCharactersOwn() {
    var checked = 0
    for value in UInt32(0)..<0x2100 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      XCTAssertEqual(
        DirectiveParser.isNumber(scalar), Character(scalar).isNumber, "U+\(String(value, radix: 16))")
      XCTAssertEqual(
        DirectiveParser.isUppercase(scalar), Character(scalar).isUppercase, "U+\(String(value, radix: 16))")
      if DirectiveParser.latinClasses(scalar) != nil { checked += 1 }
    }
    XCTAssertEqual(checked, 0x250 + 0x100)
  }
}

extension DirectiveParser {
  /// `placeDate` by `Character`s, as it was first written.
  static func placeDateByCharacters(_ line: Line, _ scanner: TextScanner) -> (String?, Day)? {
    guard let (offset, day) = dateOfPlaceDateLine(line, scanner) else { return nil }
    let before = line.text.prefix(offset).trimmed(" ,\t")
    let isPlace =
      before.count <= 40 && !before.contains(where: \.isNumber) && Line.hasAtMostWords(before, 6)
      && before.first?.isUppercase != false && characterRange(of: "cua ", in: before.folded) == nil
    guard before.isEmpty || isPlace else { return nil }
    return (before.isEmpty ? nil : before, day)
  }
}
