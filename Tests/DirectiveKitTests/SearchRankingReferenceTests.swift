import Foundation
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The ranked search (its best `limit` hits found without scoring and sorting every match)
/// against a reference kept here that reads every document's tokens, scores every match in
/// full with the same BM25 and phrase bonus, and sorts them all: over many random queries of
/// words with and without marks, common words (many ties and long lists), runs typed one after
/// the other, quoted phrases, one- and two-letter prefixes, and province filters.
final class SearchRankingReferenceTests: XCTestCase {
  static let documents = SearchRankingShortcutTests.documents
  static let index = SearchRankingShortcutTests.index

  /// Per document, its tokens (folded word's number and exact-spelling hash); each folded word
  /// read, by its number.
  static let (tokens, wordNumbers): ([[(word: Int, exactHash: UInt64)]], [[UInt8]: Int]) = {
    var numbers: [[UInt8]: Int] = [:]
    let tokens = documents.map { document in
      withSearchTokenizer(document.text) { tokenizer in
        var tokens: [(word: Int, exactHash: UInt64)] = []
        while tokenizer.next() {
          let folded = tokenizer.token.foldedBytes
          let number = numbers[folded] ?? numbers.count
          numbers[folded] = number
          tokens.append((number, tokenizer.token.exactHash))
        }
        return tokens
      }
    }
    return (tokens, numbers)
  }()
  /// Per document, how often each word stands in it, in any spelling and in each one.
  static let counts: [(folded: [Int: Int], exact: [Pair: Int])] = tokens.map { tokens in
    var folded: [Int: Int] = [:]
    var exact: [Pair: Int] = [:]
    for token in tokens {
      folded[token.word, default: 0] += 1
      exact[Pair(word: token.word, exactHash: token.exactHash), default: 0] += 1
    }
    return (folded, exact)
  }

  struct Pair: Hashable {
    var word: Int
    var exactHash: UInt64
  }

  /// How a query word is counted in a document: its folded form in any spelling, in any
  /// spelling where one spelling stands at least once, or every word it begins.
  enum Match {
    case folded([UInt8])
    case exact([UInt8], UInt64)
    /// The numbers of every word a prefix begins.
    case prefix([Int])

    func count(inDocument document: Int) -> Int {
      let counts = SearchRankingReferenceTests.counts[document]
      let numbers = SearchRankingReferenceTests.wordNumbers
      switch self {
      case .folded(let word): return numbers[word].map { counts.folded[$0] ?? 0 } ?? 0
      case .exact(let word, let hash):
        // Written in that spelling at least once, then weighed by every spelling's count.
        guard let number = numbers[word], counts.exact[Pair(word: number, exactHash: hash)] != nil else {
          return 0
        }
        return counts.folded[number] ?? 0
      case .prefix(let words): return words.reduce(0) { $0 + (counts.folded[$1] ?? 0) }
      }
    }
  }

  static func stands(_ phrase: [[UInt8]], in document: Int) -> Bool {
    let read = tokens[document]
    let wanted = phrase.map { wordNumbers[$0] ?? -1 }
    guard wanted.count <= read.count else { return false }
    return (0...(read.count - wanted.count)).contains { start in
      wanted.indices.allSatisfy { read[start + $0].word == wanted[$0] }
    }
  }

  /// Every document matching `query` with its score, best first (equal scores in document
  /// order). Queries here hold no numbers or dates.
  static func referenceRanking(_ query: SearchQuery, accepted: Set<Int>) -> [(document: Int, score: Double)] {
    var matches: [Match] = []
    for (position, word) in query.words.enumerated() {
      if query.lastWordIsPrefix && position == query.words.count - 1 {
        matches.append(.prefix(wordNumbers.filter { $0.key.starts(with: word.folded) }.map(\.value)))
      } else {
        matches.append(word.exactHash == 0 ? .folded(word.folded) : .exact(word.folded, word.exactHash))
      }
    }
    var keys: [[UInt8]] = []
    for phrase in query.phraseTokens {
      for word in phrase {
        if word.exactHash != 0 {
          matches.append(.exact(word.folded, word.exactHash))
        } else if !keys.contains(word.folded) {
          keys.append(word.folded)
        }
      }
    }
    matches += keys.map { .folded($0) }
    let counts = matches.map { match in documents.indices.map { match.count(inDocument: $0) } }
    let lengths = tokens.map(\.count)
    let total = Double(documents.count)
    let averageLength = max(1, Double(lengths.reduce(0, +)) / total)
    let inverseFrequencies = counts.map { perDocument -> Double in
      let frequency = Double(perDocument.filter { $0 > 0 }.count)
      return log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    }
    let ceiling = inverseFrequencies.reduce(0) { $0 + $1 * 2.2 }
    var ranked: [(document: Int, score: Double)] = []
    for document in documents.indices where accepted.contains(document) {
      guard counts.allSatisfy({ $0[document] > 0 }) else { continue }
      guard query.phraseTokens.allSatisfy({ stands($0.map(\.folded), in: document) }) else { continue }
      var score = 0.0
      for (match, perDocument) in counts.enumerated() {
        let count = Double(perDocument[document])
        let weight = count * 2.2 / (count + 1.2 * (0.25 + 0.75 * Double(lengths[document]) / averageLength))
        score += inverseFrequencies[match] * weight
      }
      for run in query.adjacentRuns where stands(run.map(\.folded), in: document) { score += ceiling }
      ranked.append((document, score))
    }
    return ranked.sorted { $0.score > $1.score || ($0.score == $1.score && $0.document < $1.document) }
  }

  /// Random queries drawn from the documents' own words.
  static func queries() -> [(text: String, prefix: Bool, province: String?)] {
    var random = VanbanGenerator.SplitMix64(seed: 91)
    let written = documents.map { document in
      document.text.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }
    var frequency: [String: Int] = [:]
    for words in written { for word in Set(words.map(\.folded)) { frequency[word, default: 0] += 1 } }
    let common = frequency.keys.sorted { (frequency[$0]!, $1) > (frequency[$1]!, $0) }.prefix(30).map { $0 }
    let provinces = Array(Set(documents.compactMap(\.province))).sorted()
    var queries: [(text: String, prefix: Bool, province: String?)] = []
    while queries.count < 200 {
      let words = written[random.below(written.count)]
      guard words.count > 6 else { continue }
      let length = 1 + random.below(4)
      let start = random.below(words.count - length)
      var picked = Array(words[start..<(start + length)])
      switch random.below(6) {
      case 0: picked = picked.map(\.folded)
      case 1: picked = (0..<length).map { _ in common[random.below(common.count)] }
      case 2: picked[picked.count - 1] = picked[picked.count - 1].lowercased()
      default: break
      }
      var text = picked.joined(separator: " ")
      var prefix = false
      switch random.below(7) {
      case 0 where length > 1: text = "\"\(text)\""
      case 1:
        let last = picked[picked.count - 1]
        prefix = true
        text = (picked.dropLast() + [String(last.prefix(1 + random.below(2)))]).joined(separator: " ")
      case 2:
        text = "\"\(picked.joined(separator: " "))\" " + common[random.below(common.count)]
      default: break
      }
      var province: String?
      if random.chance(0.15), !provinces.isEmpty {
        province = "province:\"\(provinces[random.below(provinces.count)])\""
        text = province! + " " + text
      }
      queries.append((text, prefix, province))
    }
    return queries
  }

  func testBestHitsAreThoseOfTheFullReferenceRanking() {
    let lengths = Self.index.parts.store.lengths
    XCTAssertEqual(Self.tokens.map(\.count), lengths.map(Int.init), "the reference reads the index's tokens")
    var shortcuts = 0
    var ties = 0
    var withHits = 0
    for (position, (text, prefix, province)) in Self.queries().enumerated() {
      let query = SearchQuery.parse(text, lastWordIsPrefix: prefix)
      let accepted = Set(province.map { Self.index.matchingDocuments($0) } ?? Array(Self.documents.indices))
      let reference = Self.referenceRanking(query, accepted: accepted)
      let referenceScore = Dictionary(uniqueKeysWithValues: reference.map { ($0.document, $0.score) })
      XCTAssertEqual(Self.index.matchingDocuments(query), reference.map(\.document).sorted(), text)
      if !reference.isEmpty { withHits += 1 }
      for limit in [10, 50] {
        let hits = Self.index.search(query, limit: limit)
        if reference.count > limit * 4 { shortcuts += 1 }
        XCTAssertEqual(hits.count, min(limit, reference.count), "\(text) limit \(limit)")
        guard let last = hits.last else { continue }
        for (rank, hit) in hits.enumerated() {
          guard let expected = referenceScore[hit.document] else {
            XCTFail("\(text): document \(hit.document) is no match")
            continue
          }
          XCTAssertEqual(hit.score, expected, accuracy: 1e-9, "\(text): score of \(hit.document)")
          if limit == 10 {
            XCTAssertEqual(
              hit.snippet, Self.index.snippet(query, document: hit.document, readingEveryToken: true), text)
          }
          if rank > 0 {
            let previous = hits[rank - 1]
            if previous.score == hit.score {
              ties += 1
              XCTAssertLessThan(previous.document, hit.document, "\(text): equal scores in document order")
            } else {
              XCTAssertGreaterThan(previous.score, hit.score, text)
            }
          }
        }
        // Every match left out scores no better than the last hit shown (within rounding).
        let shown = Set(hits.map(\.document))
        for (document, score) in reference where !shown.contains(document) {
          XCTAssertLessThanOrEqual(score, last.score + 1e-9, "\(text) limit \(limit): \(document) left out")
        }
        if position % 10 == 0 {
          XCTAssertEqual(hits, Array(Self.index.search(query).prefix(limit)), "\(text) limit \(limit)")
        }
      }
    }
    XCTAssertGreaterThan(withHits, 130)
    XCTAssertGreaterThan(shortcuts, 60)
    XCTAssertGreaterThan(ties, 20)
  }
}
