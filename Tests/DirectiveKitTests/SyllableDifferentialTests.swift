import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// `VietnameseSyllables.isSyllable`, which packs a word's letters into one number as it reads
/// them, against the reading it replaced (the letters and their cases gathered into arrays, the
/// parts packed from slices), on every word of the development set, the seeds and a generated
/// corpus, in NFC and NFD, and on random runs of letters, marks and capitals.
final class SyllableDifferentialTests: XCTestCase {
  func testThePackedReadingIsTheArrayReadingOnEveryWord() throws {
    var texts: [String] = []
    for folder in [Package.realDevelopmentSet, Package.seedCorpus] {
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      where name.hasSuffix(".txt") {
        texts.append(
          TextDecoding.decode(try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))).text)
      }
    }
    XCTAssertGreaterThan(texts.count, 30, "the development set and the seeds are there")
    texts += CorpusGenerator(seed: 17).generate(count: 40).map(\.text)
    var words = 0
    var syllables = 0
    for text in texts {
      for form in [text, text.decomposedStringWithCanonicalMapping] {
        for token in form.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
          let scalars = Array(token.unicodeScalars)
          let letters = scalars.filter { $0.properties.isAlphabetic || (0x300...0x36F).contains($0.value) }
          for word in [scalars, letters] {
            let expected = ReferenceSyllables.isSyllable(word)
            XCTAssertEqual(
              VietnameseSyllables.isSyllable(word), expected, String(String.UnicodeScalarView(word)))
            words += 1
            if expected { syllables += 1 }
          }
        }
      }
    }
    XCTAssertGreaterThan(words, 10000)
    XCTAssertGreaterThan(syllables, 5000, "the words compared include syllables")
  }

  func testThePackedReadingIsTheArrayReadingOnRandomLetters() {
    let pieces: [Unicode.Scalar] =
      Array(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩị"
          .unicodeScalars)
      + [
        "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}", "f", "w", "z",
        "1",
      ]
    var random = SplitMix64(seed: 41)
    var syllables = 0
    for _ in 0..<200_000 {
      let length = Int(random.next() % 10)
      let word = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
      let expected = ReferenceSyllables.isSyllable(word)
      XCTAssertEqual(VietnameseSyllables.isSyllable(word), expected, String(String.UnicodeScalarView(word)))
      if expected { syllables += 1 }
    }
    XCTAssertGreaterThan(syllables, 1000, "the random words include syllables")
  }
}

/// `VietnameseSyllables.isSyllable` as it was: the skeleton and the cases in arrays, each part
/// packed from a slice of the skeleton.
private enum ReferenceSyllables {
  static func isSyllable(_ word: some Sequence<Unicode.Scalar>) -> Bool {
    var skeleton: [UInt8] = []
    var tone: UInt8 = 0
    var cases: [Bool] = []
    for scalar in word {
      let value = scalar.value
      if let mark = VietnameseSyllables.toneMarks[value] {
        guard !skeleton.isEmpty, tone == 0 else { return false }
        tone = mark
        continue
      }
      if value == 0x302 || value == 0x306 || value == 0x31B {
        guard let last = skeleton.last, let vowel = VietnameseSyllables.modified(last, by: value) else {
          return false
        }
        skeleton[skeleton.count - 1] = vowel
        continue
      }
      guard value < 0x2000, let letter = VietnameseSyllables.letters[Int(value)] else { return false }
      if letter.tone != 0 {
        guard tone == 0 else { return false }
        tone = letter.tone
      }
      skeleton.append(letter.skeleton)
      cases.append(letter.upper)
    }
    guard !skeleton.isEmpty, skeleton.count <= 7 else { return false }
    let uppers = cases.filter { $0 }.count
    let caseIsRegular = uppers == 0 || uppers == cases.count || (uppers == 1 && cases[0])
    return caseIsRegular && isSyllable(skeleton, tone: tone)
  }

  private static func isSyllable(_ skeleton: [UInt8], tone: UInt8) -> Bool {
    let count = skeleton.count
    for initialLength in 0...min(3, count - 1) {
      guard initialLength == 0 || VietnameseSyllables.initials.contains(pack(skeleton[..<initialLength]))
      else {
        continue
      }
      for finalLength in 0...min(2, count - initialLength - 1) {
        let final = pack(skeleton[(count - finalLength)...])
        guard finalLength == 0 || VietnameseSyllables.finals.contains(final) else { continue }
        guard VietnameseSyllables.nuclei.contains(pack(skeleton[initialLength..<(count - finalLength)]))
        else {
          continue
        }
        if VietnameseSyllables.stopFinals.contains(final) && tone != 0 && tone != 2 && tone != 5 { continue }
        return true
      }
    }
    return false
  }

  private static func pack(_ letters: ArraySlice<UInt8>) -> UInt64 {
    letters.reduce(0) { $0 << 8 | UInt64($1) }
  }
}
