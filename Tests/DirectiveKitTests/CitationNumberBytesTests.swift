import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The number readers on bytes against the definitions they replace, which stay as the way for
/// odd input: `citedNumber` against `documentNumber` at every offset of the development set, the
/// seeds and a generated corpus, and the number's parts, type, code and merge key on bytes against
/// the same read on the number's `Character`s, for every number found and for odd numbers.
final class CitationNumberBytesTests: XCTestCase {
  private static func corpusTexts() throws -> [String] {
    var texts: [String] = []
    for folder in [Package.realDevelopmentSet, Package.seedCorpus] {
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      where name.hasSuffix(".txt") {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        texts.append(TextDecoding.decode(bytes).text)
      }
    }
    XCTAssertGreaterThan(texts.count, 30, "the development set and the seeds are there")
    texts += ShippedCorpus.sources.map { TextDecoding.decode($0.bytes).text }
    texts += CorpusGenerator(seed: 11).generate(count: 150).map(\.text)
    return texts
  }

  /// Pieces of numbers as texts write them, with spaces, dashes, marks and letters of other kinds.
  private static let numberPieces = [
    "0", "07", "215", "2021", "2100", "1944", "/", "/", "-", "-", " ", " / ", " - ", "–", "—", "\u{A0}",
    "\n", "KL", "TW", "CV", "TU", "QĐ", "Qđ", "qđ", "QD", "QĐi", "QĐI", "qyđ", "NQ", "CT", "TTg", "UBND",
    "HĐND", "QĐUBND", "KHUBND", "TB", "VPCP", "BCĐQG", "ubtwmttqvn", "UBTWMTTQVN", "TT.HĐND", "QLNS&TCDN",
    "NĐ", "Nđ", "CTr", "ttr", "BYT", "VP6", "ngày", "Ngày", "và", "của", "x", "É", "Ê", "ĐOÀN", "VPĐOÀN",
    "\u{0301}", "\u{0110}", "Ꮭ", "中", "İ", "K\u{0323}L", "ǅ", "\u{FF10}", ".", ",", ";", ":", "(", "&",
    "\u{0}", "\u{7}",
  ]

  private static let serials = ["0", "07", "215", "1", "00", "0012", "2021", "1944"]
  private static let separators = ["/", "-", "/", "-", "//", "--", " / ", " - ", "–", "—", " "]
  private static let codes = [
    "KL", "TW", "CV", "TU", "QĐ", "Qđ", "qđ", "QD", "QĐi", "QĐI", "qyđ", "NQ", "CT", "TTg", "UBND", "HĐND",
    "QĐUBND", "KHUBND", "QĐHĐND", "TB", "VPCP", "BCĐQG", "ubtwmttqvn", "TT.HĐND", "QLNS&TCDN", "NĐ", "CTr",
    "VP6", "NQLT", "BLĐTBXH", "ĐOÀN", "K\u{0323}L", "İ", "",
  ]

  /// A number as texts write it, well or badly: a serial, perhaps a year, codes, odd separators.
  private static func oddNumber(_ random: inout SplitMix64) -> String {
    var number = random.pick(serials)
    if random.chance(0.4) {
      number += random.pick(separators) + random.pick(["2020", "2100", "1945", "202", "20201"])
    }
    for _ in 0..<(1 + random.below(3)) { number += random.pick(separators) + random.pick(codes) }
    if random.chance(0.2) { number += random.pick(numberPieces) }
    return number
  }

  private static func oddNumbers() -> [String] {
    var random = SplitMix64(seed: 23)
    var numbers = ["", "/", "-", "//", "--", "07-KL/TW", "0", "00", "007", "0/", "0-", "0Đ", "0\u{0661}"]
    for _ in 0..<3000 {
      let count = 1 + random.below(7)
      numbers.append((0..<count).map { _ in random.pick(numberPieces) }.joined())
      numbers.append(oddNumber(&random))
    }
    return numbers
  }

  private func assertSameParts(_ number: String, file: StaticString = #filePath, line: UInt = #line) {
    let expected = DocumentTypes.partsByCharacters(ofNumber: number)
    XCTAssertEqual(
      DocumentTypes.parts(ofNumber: number), expected, number.debugDescription, file: file, line: line)
    let expectedType: String?
    if let code = expected.typeCode {
      expectedType = DocumentTypes.nameByFoldingCode(code)
    } else {
      expectedType = DocumentTypes.containsSlash(number) && expected.issuerCode != nil ? "Công văn" : nil
    }
    XCTAssertEqual(
      DocumentTypes.typeName(ofNumber: number), expectedType, number.debugDescription, file: file, line: line)
    XCTAssertEqual(
      DocumentTypes.foldedNumberKey(number), DocumentTypes.normalizedNumber(number).folded,
      number.debugDescription,
      file: file, line: line)
    for code in [expected.typeCode, expected.issuerCode, number] {
      assertSameCode(code, file: file, line: line)
    }
  }

  private func assertSameCode(_ code: String?, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(
      DocumentTypes.isNational(issuerCode: code),
      code.map { DocumentTypes.nationalIssuerCodes.contains($0.folded) } ?? false, code.debugDescription,
      file: file, line: line)
    guard let code else { return }
    let name = DocumentTypes.nameByFoldingCode(code)
    XCTAssertEqual(DocumentTypes.name(forCode: code), name, code.debugDescription, file: file, line: line)
    XCTAssertEqual(
      DocumentTypes.phraseIndex(forCode: code).map { DocumentTypes.phrases[$0].name }, name,
      code.debugDescription, file: file, line: line)
  }

  func testTheNumbersOfTheCorpusReadOnBytesAsOnCharacters() throws {
    var numbers = 0
    for text in try Self.corpusTexts() {
      let scanner = TextScanner(text)
      for index in 0..<scanner.count {
        for glued in [false, true] {
          let expected = scanner.documentNumber(at: index, gluedToWord: glued)
          let actual = scanner.citedNumber(at: index, gluedToWord: glued)
          XCTAssertEqual(
            actual?.number, expected?.number, "at \(index) of \(text.prefix(60).debugDescription)")
          XCTAssertEqual(actual?.end, expected?.end, "at \(index) of \(text.prefix(60).debugDescription)")
          if let number = expected?.number, !glued {
            assertSameParts(number)
            numbers += 1
          }
        }
      }
    }
    XCTAssertGreaterThan(numbers, 500, "the texts hold numbers")
  }

  /// `clauseEnd` as it read before eight bytes at a time: scalar by scalar.
  private static func clauseEndReference(_ scanner: TextScanner, from index: Int) -> Int {
    var i = index
    let limit = min(scanner.count, index + 300)
    while i < limit {
      let scalar = scanner.scalars[i]
      if scalar == ";" || scanner.isHardBreak(i) { return i }
      if scalar == ".", i + 1 >= scanner.count || scanner.isSpace(i + 1) || scanner.scalars[i + 1] == "\n" {
        return i
      }
      i += 1
    }
    return limit
  }

  func testClausesEndWhereTheyEndedScalarByScalar() throws {
    var texts = try Self.corpusTexts()
    var random = SplitMix64(seed: 37)
    for _ in 0..<300 {
      texts.append(
        (0..<random.below(80)).map { _ in random.pick(Self.numberPieces + ["; ", ". ", ".x", "\n\n"]) }
          .joined())
    }
    var ends = Set<Int>()
    for text in texts {
      let scanner = TextScanner(text)
      for index in 0...scanner.count {
        let end = CitationExtractor.clauseEnd(scanner, from: index)
        XCTAssertEqual(
          end, Self.clauseEndReference(scanner, from: index),
          "at \(index) of \(text.prefix(60).debugDescription)")
        ends.insert(end - index)
      }
    }
    XCTAssertGreaterThan(ends.count, 200, "clauses of many lengths")
  }

  func testOddNumbersReadOnBytesAsOnCharacters() {
    var withType = 0
    var withYear = 0
    for number in Self.oddNumbers() {
      assertSameParts(number)
      let parts = DocumentTypes.partsByCharacters(ofNumber: number)
      if parts.typeCode.flatMap(DocumentTypes.nameByFoldingCode) != nil { withType += 1 }
      if parts.year != nil { withYear += 1 }
    }
    XCTAssertGreaterThan(withType, 300, "odd numbers name types")
    XCTAssertGreaterThan(withYear, 50, "odd numbers carry years")
    let codes =
      Self.numberPieces + ["QĐi", "qđi", "qdi", "QĐII", "ctr", "nqlt", "NQLT1", "abcdefghi", "bldtbxh"]
    for first in codes {
      assertSameCode(first)
      for second in codes {
        XCTAssertEqual(
          DocumentTypes.sameFoldedCode(first, second), first.folded == second.folded,
          "\(first.debugDescription) \(second.debugDescription)")
      }
    }
  }

  /// Numbers written in odd ways, put into text at random: spaces and dashes of every kind around
  /// the separators, a type code after a space, glued words, marks and other scripts.
  func testOddNumbersInTextReadOnBytesAsBefore() {
    var random = SplitMix64(seed: 31)
    var found = 0
    for _ in 0..<800 {
      let text = (0..<(1 + random.below(6))).map { _ in
        random.chance(0.5) ? random.pick(Self.numberPieces) : Self.oddNumber(&random)
      }.joined(separator: random.chance(0.7) ? " " : "")
      for variant in [text, text.decomposedStringWithCanonicalMapping, "số " + text, "số" + text] {
        let scanner = TextScanner(variant)
        for index in 0..<scanner.count {
          for glued in [false, true] {
            let expected = scanner.documentNumber(at: index, gluedToWord: glued)
            let actual = scanner.citedNumber(at: index, gluedToWord: glued)
            XCTAssertEqual(actual?.number, expected?.number, "at \(index) of \(variant.debugDescription)")
            XCTAssertEqual(actual?.end, expected?.end, "at \(index) of \(variant.debugDescription)")
            if let number = expected?.number {
              assertSameParts(number)
              found += 1
            }
          }
        }
      }
    }
    XCTAssertGreaterThan(found, 500, "the texts hold numbers")
  }
}
