import Foundation
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The search index written to a file and read back: the same answers, and every damaged or
/// stale file refused.
final class SearchIndexFileTests: XCTestCase {
  /// Generated documents parsed as the loader parses files, so that provinces, types, dates and
  /// citations (the filters' fields) are there too.
  static let documents: [Document] = {
    let sources = CorpusGenerator(seed: 31).generate(count: 120).map { generated in
      SourceFile(path: generated.truth.file, bytes: Array(generated.text.utf8))
    }
    return Corpus.build(sources: sources).documents
  }()
  static let built = SearchIndex(documents: documents, chunkCount: 5)
  static let fingerprint: UInt64 = 0x1234_5678_9ABC_DEF0

  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-index-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func writtenFile() throws -> String {
    let path = folder.appendingPathComponent("snapshot.index").path
    try Self.built.write(to: path, fingerprint: Self.fingerprint)
    return path
  }

  private func load(_ path: String, fingerprint: UInt64 = fingerprint) -> SearchIndex? {
    SearchIndex.load(from: path, fingerprint: fingerprint, documents: Self.documents)
  }

  /// Queries of every kind: words with and without marks, phrases, prefixes, numbers, dates, the
  /// filters, and words drawn from the documents.
  static func queries() -> [String] {
    let documents = documents
    var queries = [
      "ket luan", "kết luận", "phòng chống dịch", "\"phòng, chống dịch\"", "tinh uy", "Tỉnh uỷ", "thuỷ",
      "thủy",
      "07-KL/TW", "ket luan 07", "2021", "21/7/2021", "covid 2021", "\"ban thường vụ\"", "của", "và các",
      "province:nam dinh tiem", "province:unknown", "level:central", "type:cong van year:2021",
      "cites:16/CT-TTg", "rel:implements", "cites:07-KL/TW rel:implements", "year:2020 ban",
      "không có từ này",
    ]
    if let province = documents.compactMap(\.province).first {
      queries.append("province:\"\(province)\" ban")
    }
    if let number = documents.compactMap(\.number).first { queries.append(number) }
    var random = VanbanGenerator.SplitMix64(seed: 17)
    for _ in 0..<30 {
      let words = documents[random.below(documents.count)].text.split(whereSeparator: { $0.isWhitespace })
      guard words.count > 3 else { continue }
      let start = random.below(words.count - 3)
      let length = 1 + random.below(3)
      let picked = words[start..<(start + length)].joined(separator: " ")
      queries.append(random.chance(0.3) ? "\"\(picked)\"" : picked)
    }
    return queries
  }

  func testLoadedIndexAnswersEveryQueryAsTheBuiltOne() throws {
    let loaded = try XCTUnwrap(load(try writtenFile()))
    XCTAssertEqual(loaded.documentCount, Self.built.documentCount)
    XCTAssertEqual(loaded.termCount, Self.built.termCount)
    var queriesWithHits = 0
    for query in Self.queries() {
      let expected = Self.built.search(query)
      if !expected.isEmpty { queriesWithHits += 1 }
      XCTAssertEqual(loaded.search(query), expected, query)
      XCTAssertEqual(loaded.search(query, limit: 7), Self.built.search(query, limit: 7), query)
      for typed in [query, String(query.prefix(1)), String(query.prefix(2))] {
        let parsed = SearchQuery.parse(typed, lastWordIsPrefix: true)
        XCTAssertEqual(loaded.matchingDocuments(parsed), Self.built.matchingDocuments(parsed), typed)
      }
      let parsed = SearchQuery.parse(query)
      XCTAssertEqual(loaded.provinceProblem(in: parsed), Self.built.provinceProblem(in: parsed), query)
    }
    XCTAssertGreaterThan(queriesWithHits, 30)
  }

  func testMissingFileIsRefused() {
    XCTAssertNil(load(folder.appendingPathComponent("absent.index").path))
    XCTAssertNil(load(folder.path))
  }

  func testTruncatedFileIsRefused() throws {
    let path = try writtenFile()
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    for length in [0, 7, 47, 48, 56, whole.count / 2, whole.count - 8, whole.count - 1] {
      try whole.prefix(length).write(to: URL(fileURLWithPath: path))
      XCTAssertNil(load(path), "truncated to \(length) of \(whole.count) bytes")
    }
    try (whole + Data([0, 0, 0, 0, 0, 0, 0, 0])).write(to: URL(fileURLWithPath: path))
    XCTAssertNil(load(path), "8 bytes too many")
  }

  func testCorruptFileIsRefused() throws {
    let path = try writtenFile()
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    var random = VanbanGenerator.SplitMix64(seed: 3)
    var offsets = [0, 3, 40, 44, 48, 55, 60, whole.count - 1]
    for _ in 0..<24 { offsets.append(SearchIndexFile.headerSize + random.below(whole.count - 48)) }
    for offset in offsets {
      var damaged = whole
      damaged[offset] ^= 0x5A
      try damaged.write(to: URL(fileURLWithPath: path))
      XCTAssertNil(load(path), "byte \(offset) of \(whole.count)")
    }
    var header = whole
    header[0] = UInt8(ascii: "X")
    try header.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(load(path), "magic")
    var checksum = whole
    checksum[40] ^= 1
    try checksum.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(load(path), "checksum")
    var length = whole
    length.replaceSubrange(48..<56, with: [UInt8](repeating: 0xFF, count: 8))
    try length.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(load(path), "an array's length past any file")
    var payload = whole
    payload[whole.count / 2] ^= 0xFF
    try payload.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(load(path), "payload")
  }

  func testEveryFlippedByteIsRefused() throws {
    let path = try writtenFile()
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    var accepted: [Int] = []
    for offset in stride(from: 0, to: whole.count, by: max(1, whole.count / 250)) + Array(0..<64) {
      var damaged = whole
      damaged[offset] ^= 0x01
      try damaged.write(to: URL(fileURLWithPath: path))
      if load(path) != nil { accepted.append(offset) }
    }
    XCTAssertEqual(accepted, [])
  }

  func testForeignVersionIsRefused() throws {
    let path = try writtenFile()
    var whole = try Data(contentsOf: URL(fileURLWithPath: path))
    whole[8] = UInt8(truncatingIfNeeded: SearchIndexFile.version + 1)
    try whole.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(load(path))
  }

  func testStaleFileIsRefused() throws {
    let path = try writtenFile()
    XCTAssertNotNil(load(path))
    XCTAssertNil(load(path, fingerprint: Self.fingerprint + 1))
    XCTAssertNil(
      SearchIndex.load(from: path, fingerprint: Self.fingerprint, documents: Array(Self.documents.dropLast()))
    )
  }

  func testArraysThatDoNotFitTogetherAreRefused() throws {
    let path = folder.appendingPathComponent("misshapen.index").path
    // A whole file with a valid checksum whose arrays are not an index's.
    try SearchIndexFile.writeFile(
      to: path, fingerprint: Self.fingerprint, documentCount: Self.documents.count
    ) {
      writer in
      writer.append([UInt8](repeating: 7, count: 100))
      writer.append([UInt32](repeating: 1, count: 3))
    }
    XCTAssertNil(load(path))
    var parts = Self.built.parts
    parts.fields.provinceOfDocument[0] = 999
    try SearchIndexFile.writeFile(
      to: path, fingerprint: Self.fingerprint, documentCount: Self.documents.count
    ) {
      writer in
      parts.store.write(to: &writer)
      parts.fields.write(to: &writer)
    }
    XCTAssertNil(load(path), "a province id past the names")

    func written(_ pairs: PairStore) throws -> SearchIndex? {
      let parts = Self.built.parts
      let sortedTerms = Self.built.sortedTerms()
      try SearchIndexFile.writeFile(
        to: path, fingerprint: Self.fingerprint, documentCount: Self.documents.count
      ) {
        writer in
        parts.store.write(to: &writer)
        pairs.write(to: &writer)
        parts.fields.write(to: &writer)
        writer.append(sortedTerms)
        parts.identities.write(to: &writer)
      }
      return load(path)
    }
    let pairs = Self.built.parts.pairs
    XCTAssertGreaterThan(pairs.commonTerms.count, 1)
    XCTAssertNotNil(try written(pairs), "the arrays as written")
    var misshapen = pairs
    misshapen.frequencies.removeLast()
    XCTAssertNil(try written(misshapen), "a pair without its frequency")
    misshapen = pairs
    misshapen.commonTerms[1] = misshapen.commonTerms[0]
    XCTAssertNil(try written(misshapen), "a common word twice")
    misshapen = pairs
    misshapen.commonTerms[0] = Int32(Self.built.termCount)
    XCTAssertNil(try written(misshapen), "a common word past the terms")
    misshapen = pairs
    misshapen.starts[1] = misshapen.starts.last! + 1
    XCTAssertNil(try written(misshapen), "a list past the bytes")
    misshapen = pairs
    misshapen.frequencies[0] = UInt32(Self.documents.count + 1)
    XCTAssertNil(try written(misshapen), "more documents than the corpus")
  }

  func testWritingReplacesTheFileWholeAndLeavesNothingElse() throws {
    let path = try writtenFile()
    try Self.built.write(to: path, fingerprint: Self.fingerprint + 1)
    XCTAssertNil(load(path))
    XCTAssertNotNil(load(path, fingerprint: Self.fingerprint + 1))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["snapshot.index"])
    let missingFolder = folder.appendingPathComponent("no/such/folder/snapshot.index").path
    XCTAssertThrowsError(try Self.built.write(to: missingFolder, fingerprint: 1))
  }

  func testStoredIndexIsBuiltOnceThenLoaded() throws {
    let snapshot = folder.appendingPathComponent("snapshot").path
    let indexPath = SearchIndex.indexPath(snapshotPath: snapshot)
    var warnings: [String] = []
    let first = SearchIndex.stored(
      documents: Self.documents, snapshotPath: snapshot, fingerprint: 9, warn: { warnings.append($0) })
    let written = try FileManager.default.attributesOfItem(atPath: indexPath)
    let second = SearchIndex.stored(documents: Self.documents, snapshotPath: snapshot, fingerprint: 9)
    let kept = try FileManager.default.attributesOfItem(atPath: indexPath)
    XCTAssertEqual(
      kept[.systemFileNumber] as? Int, written[.systemFileNumber] as? Int, "loaded, not rewritten")
    XCTAssertEqual(second.search("ket luan"), first.search("ket luan"))
    XCTAssertEqual(first.search("ket luan"), Self.built.search("ket luan"))
    _ = SearchIndex.stored(documents: Self.documents, snapshotPath: snapshot, fingerprint: 10)
    let rewritten = try FileManager.default.attributesOfItem(atPath: indexPath)
    XCTAssertNotEqual(rewritten[.systemFileNumber] as? Int, kept[.systemFileNumber] as? Int, "stale: rebuilt")
    XCTAssertNotNil(SearchIndex.load(from: indexPath, fingerprint: 10, documents: Self.documents))
    XCTAssertEqual(warnings, [])
  }

  func testStoredIndexWithoutSnapshotOrWritableFolderIsStillBuilt() throws {
    XCTAssertEqual(
      SearchIndex.stored(documents: Self.documents, snapshotPath: nil, fingerprint: 3).search("tinh uy"),
      Self.built.search("tinh uy"))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    var warnings: [String] = []
    let index = SearchIndex.stored(
      documents: Self.documents, snapshotPath: folder.appendingPathComponent("gone/snapshot").path,
      fingerprint: 3, warn: { warnings.append($0) })
    XCTAssertEqual(index.search("tinh uy"), Self.built.search("tinh uy"))
    XCTAssertEqual(warnings.count, 1)
  }
}
