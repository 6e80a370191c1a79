import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The citation reader's byte paths against the string definitions they replace: the table of
/// type phrases against `matchPhrase` over every phrase, and short folded words read on the
/// scanner's bytes against folding the word's string, on odd text (NFD marks, `đ` for `d`,
/// glued words, OCR slips, control characters, table residue, letters that fold outside ASCII).
final class CitationBytesTests: XCTestCase {
  private static let pieces: [String] =
    DocumentTypes.names.map(\.name) + DocumentTypes.names.map { $0.name.uppercased() }
    + DocumentTypes.names.map { $0.name.decomposedStringWithCanonicalMapping }
    + [
      "Nghi quyet", "Quyet đinh", "Dieu le", "Ðiều lệ", "Ꮭuật", "Luậtsư", "Công vănsố", "Chỉthị",
      "Bộ Chính trị", "UBND tỉnh", "Ủy ban nhân dân tỉnh", "Ban Thường vụ Tỉnh ủy", "Thủ tướng Chính phủ",
      "Thủ tướng", "Sở Y tế", "Bo Y te", "ngày", "về", "VỀ", "ve\u{0345}", "\u{212A}y", "ngay", "tai", "tại",
      "của", "do", "ban", "Ban",
      "năm", "nam", "theo", "đe", "de", "nhiệm", "chương", "trước", "sư", "gia",
      " ", "  ", ",", ";", ".", ":", "|", "\n", "\t", "\r\n", "\u{A0}", "\u{0}", "\u{7}", "\u{1B}", "-", "–",
      "?",
      "1", "07", "/", "KL/TW", "x", "a", "Á", "\u{0301}", "\u{0323}", "中", "\u{FEFF}",
    ]

  private static func randomText(_ random: inout SplitMix64, pieces count: Int) -> String {
    var text = ""
    for _ in 0..<count { text += pieces[Int(random.next() % UInt64(pieces.count))] }
    return text
  }

  func testTheTypeTableMatchesWhatMatchPhraseMatches() {
    var random = SplitMix64(seed: 13)
    let table = PhraseTable.documentTypes
    var matches = 0
    for _ in 0..<200 {
      let scanner = TextScanner(Self.randomText(&random, pieces: 40))
      scanner.folded.withUnsafeBufferPointer { folded in
        for index in 0..<scanner.count {
          let expected = DocumentTypes.phrases.indices.first { phrase in
            scanner.matchPhrase(DocumentTypes.phrases[phrase].phrase, at: index) != nil
          }
          let expectedEnd = expected.flatMap {
            scanner.matchPhrase(DocumentTypes.phrases[$0].phrase, at: index)
          }
          XCTAssertEqual(
            table.startsPhrase(at: index, in: scanner), expected != nil, "\(scanner.scalars) at \(index)")
          guard index + 1 < scanner.count else { continue }
          let found = table.match(at: index, folded: folded, scanner: scanner)
          XCTAssertEqual(found?.phrase, expected, "\(scanner.scalars) at \(index)")
          XCTAssertEqual(found?.end, expectedEnd, "\(scanner.scalars) at \(index)")
          if let found { XCTAssertEqual(table.names[found.phrase], DocumentTypes.phrases[found.phrase].name) }
          if expected != nil { matches += 1 }
        }
      }
      XCTAssertFalse(table.startsPhrase(at: -1, in: scanner))
      XCTAssertFalse(table.startsPhrase(at: scanner.count, in: scanner))
    }
    XCTAssertGreaterThan(matches, 100, "the texts hold type phrases")
  }

  /// Candidates are word starts sharing two bytes with a phrase, and among them at least every
  /// one sharing four (the hashed filter lets a few others through, never drops one).
  func testCandidatesAreTheWordStartsThatMayBeginAPhrase() {
    var random = SplitMix64(seed: 17)
    let table = PhraseTable.documentTypes
    let pairs = Set(DocumentTypes.phrases.map { Array($0.phrase.folded.prefix(2)) })
    let prefixes = Set(DocumentTypes.phrases.map { Array($0.phrase.folded.prefix(4)) })
    let alphabet = Array("chnqgtuoielak 09-.\n".utf8) + [0, 9, 65, 90, 96, 123, 127, 128, 200, 255]
    var (possible, kept, certain) = (0, 0, 0)
    for round in 0..<600 {
      let bytes: [UInt8] =
        round % 2 == 0
        ? TextScanner(Self.randomText(&random, pieces: 30)).folded
        : (0..<Int(random.next() % 70)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      let wordStarts = bytes.indices.filter { index in
        guard index + 1 < bytes.count, pairs.contains(Array(bytes[index...index + 1])) else { return false }
        guard index > 0 else { return true }
        let before = bytes[index - 1]
        return !((before >= 97 && before <= 122) || (before >= 48 && before <= 57))
      }
      let mustKeep = wordStarts.filter {
        $0 + 4 > bytes.count || prefixes.contains(Array(bytes[$0..<$0 + 4]))
      }
      var candidates: [Int] = []
      bytes.withUnsafeBufferPointer { buffer in
        var from = 0
        while let next = table.nextCandidate(from: from, folded: buffer) {
          XCTAssertGreaterThanOrEqual(next, from)
          candidates.append(next)
          from = next + 1
        }
        for from in 0...bytes.count {
          let next = table.nextCandidate(from: from, folded: buffer)
          XCTAssertEqual(next, candidates.first { $0 >= from }, "\(bytes) from \(from)")
        }
      }
      XCTAssertTrue(Set(candidates).isSubset(of: wordStarts), "\(bytes)")
      XCTAssertTrue(Set(mustKeep).isSubset(of: candidates), "\(bytes)")
      (possible, kept, certain) = (
        possible + wordStarts.count, kept + candidates.count, certain + mustKeep.count
      )
    }
    XCTAssertGreaterThan(certain, 300, "the texts hold phrases")
    XCTAssertLessThan(kept, possible, "the filter passes over word starts that begin no phrase")
  }

  func testTheIssuerTableMatchesTheFirstIssuerThatEndsInTime() {
    var random = SplitMix64(seed: 5)
    let issuers = CitationExtractor.knownIssuers
    let table = CitationExtractor.knownIssuerTable
    var matches = 0
    for _ in 0..<150 {
      let scanner = TextScanner(Self.randomText(&random, pieces: 30))
      for index in -1...scanner.count {
        let limit = index + Int(random.next() % 30)
        let expected = issuers.indices.lazy.compactMap { position -> (Int, Int)? in
          guard let end = scanner.matchPhrase(issuers[position].phrase, at: index), end <= limit else {
            return nil
          }
          return (position, end)
        }.first
        let found = table.firstMatch(at: index, in: scanner, accepting: { $1 <= limit })
        XCTAssertEqual(found?.phrase, expected?.0, "\(scanner.scalars) at \(index)")
        XCTAssertEqual(found?.end, expected?.1, "\(scanner.scalars) at \(index)")
        if expected != nil { matches += 1 }
      }
    }
    XCTAssertGreaterThan(matches, 5, "the texts hold issuers")
  }

  func testFlatTextIsTheFlatStringAndItsTrimmedForm() {
    var random = SplitMix64(seed: 3)
    for _ in 0..<300 {
      let scanner = TextScanner(Self.randomText(&random, pieces: 12))
      for start in 0...scanner.count {
        for end in start...min(scanner.count, start + 24) where (end - start) % 3 == 0 || end == scanner.count
        {
          XCTAssertEqual(scanner.flatText(start..<end), scanner.flat(start..<end))
          XCTAssertEqual(
            scanner.flatText(start..<end, trimmingPunctuation: true),
            scanner.flat(start..<end).trimmed(" ,;."))
        }
      }
    }
  }

  func testAShortFoldedWordIsReadAsItsFoldedString() {
    var random = SplitMix64(seed: 7)
    let words = ["ve", "ngay", "tai", "va", "nam", "theo", "de", "ban", "ky", "chuong", "nhiem", "-", "1"]
    let set = ShortWordSet(words)
    var hits = 0
    for _ in 0..<300 {
      let scanner = TextScanner(Self.randomText(&random, pieces: 12))
      for start in 0...scanner.count {
        for end in start...min(scanner.count, start + 10) {
          let expected = words.contains(scanner.string(start..<end).folded)
          XCTAssertEqual(
            scanner.foldedWord(start..<end, isIn: set), expected, "\(Array(scanner.scalars[start..<end]))")
          if expected { hits += 1 }
        }
      }
    }
    XCTAssertGreaterThan(hits, 100, "the texts hold the words")
    XCTAssertTrue(set.contains("nhiem"))
    XCTAssertFalse(set.contains("nhiệm"))
    XCTAssertFalse(set.contains(""))
  }
}
