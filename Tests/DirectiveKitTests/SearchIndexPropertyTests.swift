import Foundation
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The index against a naive reading of the same texts: folded words, in order.
final class SearchIndexPropertyTests: XCTestCase {
  static let generated = CorpusGenerator(seed: 5).generate(count: 200)
  static let documents = generated.enumerated().map { position, document in
    Document(id: String(position), file: document.truth.file, text: document.text)
  }
  static let index = SearchIndex(documents: documents, chunkCount: 7)

  /// Folded words of a text, by Foundation's folding and character classes: digits-only words
  /// without leading zeros.
  static func naiveWords(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for character in text.folded {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words.map { word in
      guard word.allSatisfy(\.isASCII), word.allSatisfy(\.isNumber) else { return word }
      let trimmed = word.drop { $0 == "0" }
      return trimmed.isEmpty ? "0" : String(trimmed)
    }
  }

  static let naive = documents.map { naiveWords($0.text) }
  /// `naive` with each word replaced by a number, for quick comparison.
  static let (naiveNumbers, numberOfWord): ([[Int]], [String: Int]) = {
    var numbers: [String: Int] = [:]
    let documents = naive.map { words in
      words.map { word in
        if let number = numbers[word] { return number }
        numbers[word] = numbers.count
        return numbers.count - 1
      }
    }
    return (documents, numbers)
  }()

  static func naiveMatches(_ phrase: [String]) -> [Int] {
    let wanted = phrase.map { numberOfWord[$0] ?? -1 }
    return naiveNumbers.indices.filter { document in
      let words = naiveNumbers[document]
      guard words.count >= wanted.count else { return false }
      var start = 0
      while start <= words.count - wanted.count {
        var offset = 0
        while offset < wanted.count && words[start + offset] == wanted[offset] { offset += 1 }
        if offset == wanted.count { return true }
        start += 1
      }
      return false
    }
  }

  func testPhrasesMatchTheNaiveReading() {
    var random = VanbanGenerator.SplitMix64(seed: 11)
    var nonTrivial = 0
    for trial in 0..<120 {
      let words = Self.naive[random.below(Self.naive.count)]
      let length = 2 + random.below(3)
      let start = random.below(words.count - length)
      var phrase = Array(words[start..<(start + length)])
      if trial % 3 == 0 { phrase.swapAt(0, length - 1) }
      let expected = Self.naiveMatches(phrase)
      if expected.count > 0 && expected.count < Self.documents.count { nonTrivial += 1 }
      let query = "\"" + phrase.joined(separator: " ") + "\""
      XCTAssertEqual(Self.index.matchingDocuments(query), expected, query)
    }
    XCTAssertGreaterThan(nonTrivial, 40)
  }

  /// Phrases of the commonest words, whose pairs the index keeps: those that stand in the
  /// texts, the same words the other way round, and words never seen together.
  func testPhrasesOfCommonWordsMatchTheNaiveReading() {
    var frequency: [String: Int] = [:]
    for words in Self.naive { for word in Set(words) { frequency[word, default: 0] += 1 } }
    let common = frequency.keys.sorted { (frequency[$0]!, $1) > (frequency[$1]!, $0) }.prefix(40)
    var random = VanbanGenerator.SplitMix64(seed: 31)
    var found = 0
    var missing = 0
    var phrases: [[String]] = []
    for _ in 0..<60 {
      let words = Self.naive[random.below(Self.naive.count)]
      let length = 2 + random.below(3)
      let start = random.below(words.count - length)
      phrases.append(Array(words[start..<(start + length)]))
    }
    for _ in 0..<60 {
      phrases.append(
        (0..<(2 + random.below(2))).map { _ in common[common.startIndex + random.below(common.count)] })
    }
    for phrase in phrases + phrases.map({ Array($0.reversed()) }) {
      let expected = Self.naiveMatches(phrase)
      if expected.isEmpty { missing += 1 } else if expected.count < Self.documents.count { found += 1 }
      let query = "\"" + phrase.joined(separator: " ") + "\""
      XCTAssertEqual(Self.index.matchingDocuments(query), expected, query)
    }
    XCTAssertGreaterThan(found, 40)
    XCTAssertGreaterThan(missing, 20)
    XCTAssertGreaterThan(Self.index.pairsSize, 0)
  }

  /// Phrases of three to five common words as they stand in the texts: where the first
  /// occurrences of their pairs follow each other the index answers from the pairs alone, elsewhere
  /// (a later pair seen first apart from the phrase) from positions; both as the naive reading.
  func testPhrasesAnsweredFromTheirPairsFirstOccurrencesMatchTheNaiveReading() {
    let pairs = Self.index.parts.pairs
    let terms = Self.index.parts.store.terms
    let common = Set(pairs.commonTerms.map { String(decoding: terms.key(Int($0)), as: UTF8.self) })
    var phrases = Set<[String]>()
    for words in Self.naive {
      var start = 0
      while start < words.count {
        var end = start
        while end < words.count, common.contains(words[end]) { end += 1 }
        for length in 3...5 where end - start >= length {
          phrases.insert(Array(words[start..<(start + length)]))
          phrases.insert(Array(words[(end - length)..<end]))
        }
        start = end + 1
      }
    }
    var aligned = 0
    var unaligned = 0
    for phrase in phrases.sorted(by: { $0.lexicographicallyPrecedes($1) }).prefix(400) {
      let expected = Self.naiveMatches(phrase)
      for document in expected {
        let words = Self.naive[document]
        let firsts = (0..<(phrase.count - 1)).map { pair in
          words.indices.dropLast().first { words[$0] == phrase[pair] && words[$0 + 1] == phrase[pair + 1] }!
        }
        if firsts.indices.allSatisfy({ firsts[$0] == firsts[0] + $0 }) {
          aligned += 1
        } else {
          unaligned += 1
        }
      }
      let query = "\"" + phrase.joined(separator: " ") + "\""
      XCTAssertEqual(Self.index.matchingDocuments(query), expected, query)
      XCTAssertEqual(
        Self.index.search(query, limit: 5), Self.index.search(query).prefix(5).map { $0 }, query)
    }
    XCTAssertGreaterThan(aligned, 100)
    XCTAssertGreaterThan(unaligned, 10)
  }

  /// The index without its pairs of common words reads every candidate's positions: the same
  /// documents, scores and snippets.
  func testPairsOfCommonWordsChangeNoAnswer() {
    var parts = Self.index.parts
    parts.pairs = PairStore()
    let withoutPairs = SearchIndex(documents: Self.documents, parts: parts)
    XCTAssertEqual(withoutPairs.pairsSize, 0)
    var random = VanbanGenerator.SplitMix64(seed: 32)
    var queries = [
      "\"ban thuong vu\"", "ban thuong vu", "\"tinh uy\"", "cua va cac", "\"cua va cac\"", "phong chong dich",
      "\"phong chong dich\" covid", "tinh uy \"ban chap hanh\"", "ban ban thuong", "\"uy ban nhan dan tinh\"",
      "\"vu ban thuong\"", "cac cac",
    ]
    while queries.count < 80 {
      let words = Self.naive[random.below(Self.naive.count)]
      let length = 2 + random.below(3)
      let start = random.below(words.count - length)
      var picked = Array(words[start..<(start + length)])
      if random.chance(0.3) { picked.swapAt(0, length - 1) }
      let text = picked.joined(separator: " ")
      queries.append(random.chance(0.5) ? "\"\(text)\"" : text)
    }
    for query in queries {
      XCTAssertEqual(Self.index.matchingDocuments(query), withoutPairs.matchingDocuments(query), query)
      for limit in [5, 50, Int.max] {
        XCTAssertEqual(
          Self.index.search(query, limit: limit), withoutPairs.search(query, limit: limit), query)
      }
    }
  }

  func testWordsMatchTheNaiveReading() {
    var random = VanbanGenerator.SplitMix64(seed: 12)
    for _ in 0..<100 {
      let words = Self.naive[random.below(Self.naive.count)]
      let word = words[random.below(words.count)]
      let expected = Self.naive.indices.filter { Self.naive[$0].contains(word) }
      XCTAssertEqual(Self.index.matchingDocuments(word), expected, word)
    }
  }

  func testChunkingDoesNotChangeResults() {
    let whole = SearchIndex(documents: Self.documents, chunkCount: 1)
    let pieces = SearchIndex(documents: Self.documents, chunkCount: 13)
    XCTAssertEqual(whole.termCount, pieces.termCount)
    XCTAssertEqual(whole.postingsSize, pieces.postingsSize)
    XCTAssertEqual(whole.positionsSize, pieces.positionsSize)
    XCTAssertEqual(whole.pairsSize, pieces.pairsSize)
    XCTAssertEqual(whole.parts.pairs.commonTerms.count, pieces.parts.pairs.commonTerms.count)
    for query in [
      "ket luan", "phòng chống dịch", "\"tổ Covid cộng đồng\"", "thuỷ", "thủy", "Tỉnh uỷ", "07-KL/TW", "2021",
      "province:nam dinh tiem", "cites:16/CT-TTg",
    ] {
      XCTAssertEqual(pieces.matchingDocuments(query), whole.matchingDocuments(query), query)
      let expected = whole.search(query, limit: 30)
      let found = pieces.search(query, limit: 30)
      XCTAssertEqual(found.map(\.document), expected.map(\.document), query)
      XCTAssertEqual(found.map(\.score), expected.map(\.score), query)
    }
  }

  func testLimitedSearchIsTheHeadOfTheFullRanking() {
    for query in ["ket luan", "phong chong dich", "tinh uy", "\"phòng, chống dịch\"", "covid 2021", "uỷ ban"]
    {
      let full = Self.index.search(query, limit: 60)
      XCTAssertEqual(full.count, 60, query)
      for limit in [1, 5, 20] {
        XCTAssertEqual(
          Self.index.search(query, limit: limit).map(\.document), Array(full.prefix(limit).map(\.document)),
          "\(query) limit \(limit)")
      }
    }
  }

  func testDecomposedTextIndexesLikeComposed() {
    let composed = "Kết luận số 07-KL/TW về phòng, chống dịch; Tỉnh ủy Hòa Bình ngày 11/6/2021"
    let documents = [
      Document(id: "nfc", file: "a", text: composed),
      Document(id: "nfd", file: "b", text: composed.decomposedStringWithCanonicalMapping),
    ]
    let index = SearchIndex(documents: documents)
    for query in [
      "kết luận", "ket luan", "\"phong chong dich\"", "hoà bình", "07-KL/TW", "11/6/2021", "tinh uy",
    ] {
      XCTAssertEqual(index.matchingDocuments(query), [0, 1], query)
    }
    let typedDecomposed = "Kết luận".decomposedStringWithCanonicalMapping
    XCTAssertEqual(index.search(typedDecomposed).map(\.score), index.search("Kết luận").map(\.score))
  }

  func testLongRunsAndOddBytesAreTokens() {
    let long = String(repeating: "a", count: 1000)
    let documents = [
      Document(id: "long", file: "a", text: "mở đầu \(long) kết thúc"),
      Document(id: "zeros", file: "b", text: "số 007 và 0 và 000"),
      Document(id: "odd", file: "c", text: "\u{FEFF}ổn\u{0}định\u{301}\u{301} 🙂 \u{10FFFF}x"),
    ]
    let index = SearchIndex(documents: documents)
    XCTAssertEqual(index.matchingDocuments(long), [0])
    XCTAssertEqual(index.matchingDocuments("\"mở đầu \(long) kết thúc\""), [0])
    XCTAssertEqual(index.matchingDocuments("7"), [1])
    XCTAssertEqual(index.matchingDocuments("000"), [1])
    XCTAssertEqual(index.matchingDocuments("\"on dinh\""), [2])
  }
}
