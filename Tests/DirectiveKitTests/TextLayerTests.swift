import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The text layer's fast paths against the definitions they stand in for: the scanner built from
/// the file's bytes in one pass against the scanner built from the text scalar by scalar, soft
/// breaks marked from the line feeds against the break-by-break definition, lines whose folded
/// text is a slice of the document's against lines folded one by one, decoding with its scanner
/// against decoding alone, and the byte-at-a-time checks against their word-at-a-time versions.
final class TextLayerTests: XCTestCase {
  /// Scalars the files hold, and the odd ones: marks after spaces, carriage returns, controls,
  /// the Kelvin sign, `Ð`, a byte order mark inside, scalars of four bytes, runs of ASCII.
  private static let alphabet: [String] =
    "aAzZ09 .,;:-/–—“”\"'()*|\n\n\t\r\u{A0}\u{FEFF}đĐăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    .unicodeScalars.map { String($0) }
    + [
      "\u{0300}", "\u{0301}", "\u{0323}", "\u{212A}", "Ð", "\u{2003}", "\u{3000}", "\u{0000}", "\u{1B}",
      "\u{0C}", "\u{2028}", "\u{1F600}", "中", "Ω", "\r\n", "Số 215-CV/TU ngày 14/6/2021", "NGHỊ QUYẾT\n",
      "1. ", "a) ", "Điều 3", "Căn cứ ", "-----\n", "KÍNH GỬI:", "abcdefghijklmnopqrstuvwxyz0123456789",
      " | ", "**", "?",
    ]

  private static func randomText(_ random: inout SplitMix64, pieces: Int) -> String {
    var text = ""
    for _ in 0..<pieces { text += alphabet[Int(random.next() % UInt64(alphabet.count))] }
    return text
  }

  /// The real development set, the seeds, generated documents, odd files and random texts.
  private static func sampleFiles() throws -> [[UInt8]] {
    try sampleFilesAndRealCount().files
  }

  /// The sample files, the real ones (the development set and the seeds) first.
  private static func sampleFilesAndRealCount() throws -> (files: [[UInt8]], realCount: Int) {
    var files: [[UInt8]] = []
    for folder in [Package.realDevelopmentSet, Package.seedCorpus] {
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      where name.hasSuffix(".txt") {
        files.append([UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
      }
    }
    XCTAssertGreaterThan(files.count, 25, "the development set and the seeds are there")
    let realCount = files.count
    files += CorpusGenerator(seed: 13).generate(count: 30).map { Array($0.text.utf8) }
    let seed = files.last ?? []
    let seedText = String(decoding: seed, as: UTF8.self)
    files.append([0xEF, 0xBB, 0xBF] + seed)
    files.append(Array(seedText.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    files.append(Array(seedText.replacingOccurrences(of: "\n", with: "\r").utf8))
    files.append(Array(seedText.decomposedStringWithCanonicalMapping.utf8))
    files.append([0xEF, 0xBB, 0xBF] + Array(seedText.decomposedStringWithCanonicalMapping.utf8))
    files.append(Array(seedText.replacingOccurrences(of: "K", with: "\u{212A}").utf8))
    files.append(Array(seedText.replacingOccurrences(of: "Đ", with: "Ð").utf8))
    files.append(Array(seed.prefix(301)) + [0xC3] + Array(seed.dropFirst(301)))
    files.append(Array(seed.dropLast(1)) + [0xE1, 0xBB])
    files += LegacyEncoding.allCases.map { LegacyCodec.encode(seedText, as: $0) }
    files.append([0xFF, 0xFE] + Array(seedText.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    files.append(
      Array(seedText.replacingOccurrences(of: "ệ", with: "?").replacingOccurrences(of: "ị", with: "?").utf8))
    files += [[], [0xEF, 0xBB, 0xBF], Array(" \r\n\t\n".utf8), Array("\u{A0}\u{0301}x".utf8)]
    var random = SplitMix64(seed: 29)
    for _ in 0..<300 { files.append(Array(randomText(&random, pieces: Int(random.next() % 120)).utf8)) }
    for _ in 0..<100 {
      files.append((0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }
    return (files, realCount)
  }

  private static func sampleTexts() throws -> [String] {
    try sampleFiles().map { TextDecoding.decode($0).text }
  }

  // MARK: The scanner

  func testTheScannerFromBytesHoldsWhatTheTextScalarByScalarHolds() throws {
    for text in try Self.sampleTexts() {
      let bytes = Array(text.utf8)
      let pass = ScannerPass(bytes)
      let reference = ReferenceScanner(text)
      XCTAssertEqual(pass.scalars, reference.scalars, text.debugDescription)
      XCTAssertEqual(pass.folded, reference.folded, text.debugDescription)
      XCTAssertEqual(pass.offsets, reference.offsets, text.debugDescription)
      XCTAssertEqual(
        pass.lineFeeds.map(Int.init), reference.scalars.indices.filter { reference.scalars[$0] == "\n" })
      let fastScan = bytes.withUnsafeBufferPointer { FastScan($0) }
      XCTAssertEqual(pass.isDecodedForm, fastScan.isNFC && !fastScan.hasCarriageReturn, text.debugDescription)
      let scanner = TextScanner(text)
      XCTAssertEqual(scanner.scalars, pass.scalars)
      XCTAssertEqual(scanner.utf8, bytes)
      XCTAssertEqual(scanner.utf8Offsets, pass.offsets)
      XCTAssertEqual(scanner.lineFeeds, pass.lineFeeds)
    }
  }

  func testSoftBreaksFromTheLineFeedsAreTheBreakByBreakDefinition() throws {
    var soft = 0
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      var expected = ReferenceScanner(text).folded
      var previousStart = 0
      for index in scanner.scalars.indices where scanner.scalars[index] == "\n" {
        var nextEnd = index + 1
        while nextEnd < scanner.count, scanner.scalars[nextEnd] != "\n" { nextEnd += 1 }
        if LineBreaks.isSoft(scanner.scalars, previous: previousStart..<index, next: (index + 1)..<nextEnd) {
          expected[index] = 32
          soft += 1
        }
        previousStart = index + 1
      }
      XCTAssertEqual(scanner.folded, expected, text.debugDescription)
    }
    XCTAssertGreaterThan(soft, 100, "soft breaks were met")
  }

  /// `string(range)` as it was: the text's scalars sliced by the byte offsets and made a string
  /// through the standard library's checks, line feeds replaced byte by byte.
  private static func referenceString(_ scanner: TextScanner, _ range: Range<Int>, newlinesAsSpaces: Bool)
    -> String
  {
    let clamped = range.clamped(to: 0..<scanner.count)
    let start = Int(scanner.utf8Offsets[clamped.lowerBound])
    let end = Int(scanner.utf8Offsets[clamped.upperBound])
    let bytes = scanner.utf8[start..<end]
    if newlinesAsSpaces, bytes.contains(10) {
      return String(decoding: bytes.map { $0 == 10 ? 32 : $0 }, as: UTF8.self)
    }
    let lower = scanner.text.utf8.index(scanner.text.utf8.startIndex, offsetBy: start)
    let upper = scanner.text.utf8.index(lower, offsetBy: end - start)
    return String(scanner.text.unicodeScalars[lower..<upper])
  }

  func testPiecesOfTheTextAreTheTextsScalarsSliced() throws {
    var random = SplitMix64(seed: 43)
    var compared = 0
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      var ranges = [0..<scanner.count, 0..<0, scanner.count..<scanner.count + 3]
      for _ in 0..<20 where scanner.count > 0 {
        let lower = Int(random.next() % UInt64(scanner.count + 1))
        let upper = lower + Int(random.next() % UInt64(min(200, scanner.count - lower) + 1))
        ranges.append(lower..<upper)
      }
      for range in ranges {
        for newlinesAsSpaces in [false, true] {
          let piece = scanner.string(range, newlinesAsSpaces: newlinesAsSpaces)
          let expected = Self.referenceString(scanner, range, newlinesAsSpaces: newlinesAsSpaces)
          XCTAssertEqual(piece, expected, text.debugDescription)
          XCTAssertEqual(Array(piece.utf8), Array(expected.utf8))
          XCTAssertEqual(piece.count, expected.count)
          XCTAssertEqual(piece.hashValue, expected.hashValue)
          compared += 1
        }
      }
    }
    XCTAssertGreaterThan(compared, 10_000)
  }

  // MARK: Well-formed UTF-8

  /// Bytes around each edge of UTF-8's rules (Unicode's Table 3-7), each sequence put at every
  /// place of an eight-byte word and cut off by the end, checked against `String(validating:)`.
  private static func isWellFormedUTF8(_ bytes: [UInt8]) -> Bool {
    if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) != nil }
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  func testThePassFindsMalformedUTF8WhereTheStandardLibraryDoes() {
    let leads: [UInt8] = [
      0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
      0xF3, 0xF4, 0xF5, 0xF8, 0xFF,
    ]
    let trails: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xB8, 0xBB, 0xBC, 0xBF, 0xC0, 0xE1, 0xFF,
    ]
    var sequences: [[UInt8]] = []
    for lead in leads {
      for second in trails {
        sequences.append([lead, second])
        for third in trails {
          sequences.append([lead, second, third])
          for fourth in [0x41, 0x80, 0xBF, 0xC0] as [UInt8] {
            sequences.append([lead, second, third, fourth])
          }
        }
      }
    }
    var malformed = 0
    var wellFormed = 0
    for (number, sequence) in sequences.enumerated() {
      let padding = [UInt8](repeating: 0x61, count: number % 9)
      for bytes in [
        padding + sequence + Array("ạnh ".utf8), padding + sequence, sequence + padding + sequence,
      ] {
        let expected = Self.isWellFormedUTF8(bytes)
        XCTAssertEqual(ScannerPass(bytes).isWellFormed, expected, "\(bytes)")
        if expected { wellFormed += 1 } else { malformed += 1 }
      }
    }
    XCTAssertGreaterThan(wellFormed, 1000)
    XCTAssertGreaterThan(malformed, 10_000)
  }

  func testThePassFindsMalformedUTF8InRandomBytesAndTheSamples() throws {
    var random = SplitMix64(seed: 47)
    var files = try Self.sampleFiles()
    let seed = files[0]
    for _ in 0..<2000 {
      // A real text with a few of its bytes changed at random.
      var bytes = Array(seed.prefix(Int(random.next() % 300)))
      for _ in 0..<Int(random.next() % 3) where !bytes.isEmpty {
        bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
      }
      files.append(bytes)
    }
    for bytes in files {
      XCTAssertEqual(ScannerPass(bytes).isWellFormed, Self.isWellFormedUTF8(bytes), "\(bytes)")
    }
  }

  /// Strings made of well-formed bytes without a second check are the strings the standard
  /// library makes with it: the same bytes, characters, hash and comparisons.
  func testStringsOfWellFormedBytesAreTheValidatedStrings() throws {
    var texts = try Self.sampleTexts()
    texts += [
      "", "a", "ascii only, longer than fifteen bytes", "Việt", "Tỉnh ủy Nam Định và Hà Nội", "e\u{301}",
    ]
    for text in texts {
      let bytes = Array(text.utf8)
      let made = bytes.withUnsafeBufferPointer { String(wellFormedUTF8: $0) }
      let expected = String(decoding: bytes, as: UTF8.self)
      XCTAssertEqual(made, expected)
      XCTAssertEqual(Array(made.utf8), bytes)
      XCTAssertEqual(made.count, expected.count)
      XCTAssertEqual(made.hashValue, expected.hashValue)
      XCTAssertEqual(made < "m", expected < "m")
      XCTAssertEqual(made.lowercased(), expected.lowercased())
      XCTAssertEqual(made + "ệ", expected + "ệ")
    }
  }

  // MARK: Lines

  func testLinesSlicedFromTheDocumentAreTheLinesMadeOneByOne() throws {
    var lineCount = 0
    var deferredCount = 0
    for text in try Self.sampleTexts() {
      let scanner = TextScanner(text)
      let lines = Line.split(scanner)
      let expected = ReferenceLines.split(scanner)
      XCTAssertEqual(lines.count, expected.count, text.debugDescription)
      for (line, reference) in zip(lines, expected) {
        XCTAssertEqual(line.range, reference.range, text.debugDescription)
        XCTAssertEqual(line.textStart, reference.textStart, text.debugDescription)
        XCTAssertEqual(line.text, reference.text, text.debugDescription)
        XCTAssertEqual(line.folded, reference.folded, text.debugDescription)
        XCTAssertEqual(Array(line.folded.utf8).count, line.text.unicodeScalars.count)
      }
      lineCount += lines.count
      deferredCount += max(0, lines.count - Line.linesMadeWhole)
    }
    XCTAssertGreaterThan(lineCount, 2000)
    XCTAssertGreaterThan(deferredCount, 500, "lines whose strings are made when asked for are compared too")
  }

  /// The checks a line answers from its bytes, its strings unmade, agree with their definitions on
  /// its text, for lines made whole and lines made when asked for alike.
  func testALineAnswersFromItsBytesWhatItsTextAnswers() throws {
    var checked = 0
    for text in try Self.sampleTexts() {
      let lines = Line.split(TextScanner(text))
      for line in lines {
        let text = line.text
        XCTAssertEqual(line.hasText, !text.isEmpty, text.debugDescription)
        XCTAssertEqual(line.textEnd - line.textStart, text.unicodeScalars.count, text.debugDescription)
        XCTAssertEqual(line.firstTextByte, text.utf8.first, text.debugDescription)
        XCTAssertEqual(line.textByteCount, text.utf8.count, text.debugDescription)
        XCTAssertEqual(line.pointNumberOfText, Line.pointNumber(text), text.debugDescription)
        XCTAssertEqual(line.isCapacityLine, Line.isCapacity(text), text.debugDescription)
        XCTAssertEqual(
          line.isRule, !text.isEmpty && LineBreaks.isRule(ArraySlice(text.unicodeScalars)),
          text.debugDescription)
        for limit in [0, 24, 60, 100, 300] {
          XCTAssertEqual(
            line.hasMoreCharacters(than: limit), Line.hasMoreCharacters(text, than: limit),
            text.debugDescription)
        }
        for (prefix, dropped) in [("noi nhan", ""), ("kinh gui", "- "), ("so", ""), ("", "")]
          as [(StaticString, StaticString)]
        {
          let folded = Substring(line.folded).drop { "\(dropped)".utf8.contains($0.asciiValue ?? 0) }
          XCTAssertEqual(
            line.foldedHasPrefix(prefix, afterDropping: dropped), folded.hasPrefix("\(prefix)"),
            text.debugDescription)
        }
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 2000)
  }

  // MARK: Decoding

  func testDecodingWithItsScannerIsDecodingThenScanning() throws {
    let (files, realCount) = try Self.sampleFilesAndRealCount()
    var scanned = 0
    for (number, bytes) in files.enumerated() {
      let (decoded, scanner) = TextDecoding.decodeForScanning(bytes)
      XCTAssertEqual(decoded, TextDecoding.decode(bytes), "\(bytes.prefix(40))")
      if number < realCount {
        XCTAssertNotNil(scanner, "a real file is read through the scanner of its bytes")
      }
      guard let scanner else { continue }
      scanned += 1
      let reference = TextScanner(decoded.text)
      XCTAssertEqual(scanner.text, decoded.text)
      XCTAssertEqual(scanner.scalars, reference.scalars)
      XCTAssertEqual(scanner.folded, reference.folded)
      XCTAssertEqual(scanner.utf8, reference.utf8)
      XCTAssertEqual(scanner.utf8Offsets, reference.utf8Offsets)
      XCTAssertEqual(scanner.lineFeeds, reference.lineFeeds)
      XCTAssertTrue(scanner.isDecodedForm)
    }
    XCTAssertGreaterThan(scanned, realCount + 40, "generated, byte-order-marked and CRLF files too")
  }

  /// A file parsed through the scanner of its bytes is the file parsed from its decoded text.
  func testAFileParsedFromItsBytesIsTheFileParsedFromItsText() throws {
    var compared = 0
    for (number, bytes) in try Self.sampleFiles().enumerated() {
      guard case .document(let document) = ParallelLoader.parseFile(path: "f\(number).txt", bytes: bytes)
      else {
        XCTFail("no document")
        continue
      }
      // Binary and blank files are not parsed (see the binary and blank tests).
      let decoded = TextDecoding.decode(bytes)
      guard !TextDecoding.looksBinary(bytes), !decoded.text.allSatisfy(\.isWhitespace) else { continue }
      var expected = Document(id: "", file: "f\(number).txt", text: decoded.text, encoding: decoded.encoding)
      expected.warnings = decoded.warnings
      DirectiveParser.parse(&expected)
      compared += 1
      XCTAssertEqual(
        ContractJSON.document(document, includeText: true).rendered(),
        ContractJSON.document(expected, includeText: true).rendered())
      XCTAssertEqual(document.warnings, expected.warnings)
    }
    XCTAssertGreaterThan(compared, 300)
  }

  func testUnixLineEndingsAreTheByteByByteDefinition() {
    var random = SplitMix64(seed: 31)
    let pieces: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], [0x41], [0xE1, 0xBB, 0x87], [0x0D, 0x0D]]
    for _ in 0..<500 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(random.next() % 30) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
      var expected: [UInt8] = []
      var index = 0
      while index < bytes.count {
        if bytes[index] == 0x0D {
          expected.append(0x0A)
          if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        } else {
          expected.append(bytes[index])
        }
        index += 1
      }
      XCTAssertEqual(TextDecoding.unixLineEndings(bytes[...]), expected, "\(bytes)")
    }
  }

  func testBinaryDetectionIsTheByteByByteDefinition() {
    var random = SplitMix64(seed: 37)
    let pieces: [[UInt8]] = [
      [0x00], [0x01], [0x1B], [0x0A], [0x0D], [0x09], [0x0C], [0x1F], [0x20], Array("Tỉnh ủy Nam Định ".utf8),
      [0x7F], [0xFF],
    ]
    var binary = 0
    for round in 0..<600 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(random.next() % 40) {
        let pick = Int(random.next() % UInt64(pieces.count))
        // Mostly text, so that the share of control bytes falls on both sides of a quarter.
        bytes += round % 3 == 0 || pick >= 8 ? pieces[pick] : pieces[9]
      }
      let sample = bytes.prefix(64 * 1024)
      let hasNUL = sample.contains(0)
      let controls = sample.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains($0) }.count
      let expected = hasNUL || controls * 4 > sample.count
      if expected { binary += 1 }
      XCTAssertEqual(TextDecoding.looksBinary(bytes), expected, "\(bytes)")
    }
    XCTAssertGreaterThan(binary, 50)
    XCTAssertLessThan(binary, 550)
  }

  func testABlankTextIsOneWhoseCharactersAreAllWhiteSpace() {
    var random = SplitMix64(seed: 41)
    let pieces = [
      " ", "\n", "\t", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{0301}", "\u{200D}", "a", "Đ", "\u{1B}",
    ]
    var blank = 0
    for _ in 0..<2000 {
      var text = ""
      for _ in 0..<Int(random.next() % 6) {
        let pick = Int(random.next() % UInt64(pieces.count))
        text += pieces[random.next() % 4 == 0 ? pick : pick % 7]
      }
      let expected = text.allSatisfy(\.isWhitespace)
      if expected { blank += 1 }
      XCTAssertEqual(ParallelLoader.isBlank(text), expected, text.debugDescription)
    }
    XCTAssertGreaterThan(blank, 200)
  }
}

/// The scanner's arrays as they were built before they were built from bytes: scalar by scalar
/// over the text, before soft breaks are marked.
private struct ReferenceScanner {
  var scalars: [Unicode.Scalar] = []
  var folded: [UInt8] = []
  var offsets: [Int32] = []

  init(_ text: String) {
    var offset = 0
    for scalar in text.unicodeScalars {
      scalars.append(scalar)
      offsets.append(Int32(offset))
      offset += String(scalar).utf8.count
      let value = scalar.value
      if value < 0x80 {
        let byte = UInt8(value)
        folded.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
      } else if value < 0x2000 {
        folded.append(VietnameseFolding.asciiTable[Int(value)])
      } else {
        folded.append((value >= 0x2000 && value <= 0x200A) || value == 0x3000 ? 32 : 0)
      }
    }
    offsets.append(Int32(offset))
  }
}

/// `Line.split` as it was: physical lines found scalar by scalar, every line made on its own.
private enum ReferenceLines {
  static func split(_ scanner: TextScanner) -> [Line] {
    var physical: [Range<Int>] = []
    var start = 0
    for index in 0...scanner.count where index == scanner.count || scanner.scalars[index] == "\n" {
      physical.append(start..<index)
      start = index + 1
    }
    let (segments, headerSegments) = Line.tableCells(of: physical, scanner)
    var lines: [Line] = []
    var merged: Range<Int>?
    for (position, segment) in segments.enumerated() {
      let inTable = position < headerSegments
      let line = Line(range: segment.range, scanner: scanner)
      if inTable, !segment.afterPipe, let current = merged, !line.text.isEmpty, !line.isRule {
        merged = current.lowerBound..<segment.range.upperBound
        continue
      }
      if let current = merged { lines.append(Line(range: current, scanner: scanner)) }
      merged = inTable && !line.text.isEmpty && !line.isRule ? segment.range : nil
      if merged == nil { lines.append(line) }
    }
    if let current = merged { lines.append(Line(range: current, scanner: scanner)) }
    return lines
  }
}
