import Foundation
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The shortcuts of the search (the best hits found without checking every document's phrases,
/// the unions of short prefixes kept, positions skipped eight bytes at a time) against the
/// exhaustive answers.
final class SearchRankingShortcutTests: XCTestCase {
  static let documents: [Document] = {
    let sources = CorpusGenerator(seed: 43).generate(count: 300).map { generated in
      SourceFile(path: generated.truth.file, bytes: Array(generated.text.utf8))
    }
    return Corpus.build(sources: sources).documents
  }()
  static let index = SearchIndex(documents: documents)

  /// Runs of common words (each adds a bonus where it stands as a phrase), quoted phrases, and
  /// the two with filters; then word pairs and triples drawn from the documents.
  static func queries() -> [String] {
    var queries = [
      "phong chong dich", "ban thuong vu", "tinh uy", "uy ban nhan dan", "cua va cac", "\"ban thường vụ\"",
      "\"tỉnh ủy\"", "\"của\"", "\"ủy ban nhân dân\" tinh", "ban thuong vu \"tinh uy\"",
      "phòng chống dịch covid",
      "province:nam dinh ban thuong vu", "type:cong van uy ban nhan dan", "year:2021 \"phòng, chống dịch\"",
      "thuc hien ket luan", "ket luan 07 ban bi thu", "co quan don vi",
    ]
    var random = VanbanGenerator.SplitMix64(seed: 23)
    while queries.count < 50 {
      let words = documents[random.below(documents.count)].text.split(whereSeparator: { $0.isWhitespace })
      guard words.count > 4 else { continue }
      let start = random.below(words.count - 3)
      let picked = words[start..<(start + 2 + random.below(2))].joined(separator: " ")
      queries.append(random.chance(0.25) ? "\"\(picked)\"" : picked)
    }
    return queries
  }

  func testBestHitsAreTheHeadOfTheExhaustiveRanking() {
    var cut = 0
    for query in Self.queries() {
      let all = Self.index.search(query)
      for limit in [1, 3, 10, 20, 50] {
        let head = Self.index.search(query, limit: limit)
        XCTAssertEqual(head, Array(all.prefix(limit)), "\(query) limit \(limit)")
        if all.count > limit * 4 { cut += 1 }
      }
    }
    // The shortcut is taken when the hits far outnumber the limit: make sure it was, often.
    XCTAssertGreaterThan(cut, 60)
  }

  func testSnippetsFromTheLeadingTokensAreThoseFromEveryToken() {
    var compared = 0
    var random = VanbanGenerator.SplitMix64(seed: 8)
    for query in Self.queries() + [
      "type:cong van year:2021", "province:nam dinh", "ban ban thuong", "thường vụ",
    ] {
      for typed in [query, query + " t", query + " ng"] {
        let parsed = SearchQuery.parse(typed, lastWordIsPrefix: typed != query)
        let hits = Self.index.matchingDocuments(parsed)
        for _ in 0..<min(4, hits.count) {
          let document = hits[random.below(hits.count)]
          XCTAssertEqual(
            Self.index.snippet(parsed, document: document),
            Self.index.snippet(parsed, document: document, readingEveryToken: true), "\(typed) in \(document)"
          )
          compared += 1
        }
      }
    }
    XCTAssertGreaterThan(compared, 300)
  }

  func testShortPrefixesMatchAsEveryWordWithThatStart() {
    let words = Self.documents.map { document in
      Set(SearchIndexPropertyTests.naiveWords(document.text))
    }
    for prefix in ["t", "c", "đ", "d", "k", "th", "ng", "ph", "tr", "qu", "x", "7", "20"] {
      let folded = prefix.folded
      let expected = words.indices.filter { words[$0].contains { $0.hasPrefix(folded) } }
      let query = SearchQuery.parse(prefix, lastWordIsPrefix: true)
      XCTAssertEqual(Self.index.matchingDocuments(query), expected, prefix)
      XCTAssertEqual(Self.index.matchingDocuments(query), expected, "\(prefix), kept from the first time")
      let withWord = SearchQuery.parse("ban " + prefix, lastWordIsPrefix: true)
      XCTAssertEqual(
        Self.index.matchingDocuments(withWord),
        expected.filter { words[$0].contains("ban") }, "ban \(prefix)")
    }
  }

  func testSkippingValuesLandsWhereReadingThemDoes() {
    var random = VanbanGenerator.SplitMix64(seed: 5)
    for _ in 0..<200 {
      var bytes: [UInt8] = []
      var values: [Int] = []
      for _ in 0..<random.below(80) {
        let value = random.chance(0.7) ? random.below(128) : random.below(1 << (7 * (1 + random.below(4))))
        values.append(value)
        VarInt.append(value, to: &bytes)
      }
      bytes += [0x85, 0x01, 0x02]
      let count = random.below(values.count + 1)
      bytes.withUnsafeBufferPointer { buffer in
        var read = 0
        for _ in 0..<count { _ = VarInt.read(buffer, at: &read) }
        var skipped = 0
        VarInt.skip(count, in: buffer, at: &skipped)
        XCTAssertEqual(skipped, read, "\(count) of \(values)")
      }
    }
  }
}
