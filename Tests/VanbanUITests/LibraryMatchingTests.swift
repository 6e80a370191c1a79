import DirectiveKit
import VanbanGenerator
import XCTest

@testable import VanbanUI

/// The keystroke filter through the metadata index (built off the main thread once the search
/// index is) against the same filter reading every metadata line.
final class LibraryMatchingTests: XCTestCase {
  static let corpus: Corpus = {
    let texts = CorpusGenerator(seed: 17).generate(count: 500).map(\.text)
    let files = texts.indices.map { "generated/\($0).txt" }
    let byFile = Dictionary(uniqueKeysWithValues: zip(files, texts))
    return Corpus.build(files: files, reader: { file in .success(Array((byFile[file] ?? "").utf8)) })
  }()
  /// Two libraries of the same corpus: one reads every line, the other its prepared index.
  static let scanning = Library(corpus: corpus)
  static let indexed: Library = {
    let library = Library(corpus: corpus)
    library.prepareMetadataIndex()
    return library
  }()
  static let searchIndex = SearchIndex(documents: scanning.documents)

  /// Every prefix of queries aimed at the metadata (province, issuer, number, type) and at the
  /// text, with and without marks, and a few odd ones.
  static func typedQueries() -> [String] {
    let sample = scanning.documents.prefix(40)
    var whole = [
      "nam dinh", "Tỉnh ủy Nam Định", "cv/tu", "ubnd", "ban thuong vu tinh uy", "công văn", "ket luan 07",
      "phong chong dich", "tp hcm", "đ", "x y z", "-", "/", "  nam   dinh ", "thành phố hồ chí minh",
    ]
    whole += sample.compactMap(\.number).prefix(10)
    whole += sample.compactMap(\.issuer).prefix(5)
    var typed: [String] = []
    for query in whole {
      var prefix = ""
      for character in query {
        prefix.append(character)
        typed.append(prefix)
      }
    }
    typed.append(Array(repeating: "a", count: 70).joined(separator: " "))
    return typed
  }

  func testTheIndexMatchesAsReadingEveryLine() {
    var narrowing = 0
    for query in Self.typedQueries() {
      let expected = Self.scanning.matching(query, index: nil)
      XCTAssertEqual(Self.indexed.matching(query, index: nil), expected, query)
      XCTAssertEqual(
        Self.indexed.matching(query, index: Self.searchIndex),
        Self.scanning.matching(query, index: Self.searchIndex), query)
      if !expected.isEmpty && expected.count < Self.scanning.documents.count { narrowing += 1 }
    }
    XCTAssertGreaterThan(narrowing, 100)
  }

  func testTheIndexAnswersWordsAsTheLines() throws {
    let index = MetadataIndex(lines: Self.scanning.documents.indices.map { _ in [] })
    XCTAssertEqual(index.documents(holdingEvery: [Array("a".utf8)]), [])
    let lines = ["nam dinh 215-cv/tu cong van", "ha noi cong dien", "nam dinh", "", "a  b"].map {
      Array($0.utf8)
    }
    let small = MetadataIndex(lines: lines)
    for words in [
      ["nam"], ["dinh", "cv"], ["cong"], ["a", "b"], ["ong", "am"], ["cong", "dien"], ["van", "ha"],
    ] {
      let bytes = words.map { Array($0.utf8) }
      let expected = lines.indices.filter { line in
        bytes.allSatisfy { Library.bytes(lines[line], contain: $0) }
      }
      XCTAssertEqual(small.documents(holdingEvery: bytes), expected, "\(words)")
    }
    XCTAssertNil(
      small.documents(holdingEvery: [Array("a b".utf8)]), "a word holding a space is not for the index")
  }

  func testUnionOfAscendingListsIsTheSortedSetUnion() {
    var random = SplitMix64(seed: 3)
    for _ in 0..<200 {
      let left = Array(Set((0..<random.below(40)).map { _ in random.below(60) })).sorted()
      let right = Array(Set((0..<random.below(40)).map { _ in random.below(60) })).sorted()
      XCTAssertEqual(Library.union(left, right), Array(Set(left).union(right)).sorted(), "\(left) \(right)")
    }
  }
}
