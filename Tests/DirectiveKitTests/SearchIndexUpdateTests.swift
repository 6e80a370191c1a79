import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

/// The stored search index brought up to date after a change (`IndexUpdate`) answers every query
/// as an index built from scratch over the same documents does, and as one over a load without
/// the snapshot: ranked hits with their scores and snippets, phrases, prefixes, numbers, filters.
final class SearchIndexUpdateTests: XCTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var store: SnapshotStore { SnapshotStore(directory: folder.appendingPathComponent("cache").path) }
  var writes = 0

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-index-update-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  // MARK: - Comparing indexes

  /// Queries of every kind, with words and phrases drawn from `texts` and the `extra` words.
  static func queries(texts: [String], extra: [String], seed: UInt64) -> [String] {
    var queries = [
      "ket luan", "kết luận", "phòng chống dịch", "\"phòng, chống dịch\"", "tinh uy", "Tỉnh uỷ", "thủy",
      "07-KL/TW", "ket luan 07", "2021", "21/7/2021", "\"ban thường vụ\"", "của", "và các", "\"của các\"",
      "province:nam dinh", "province:unknown", "level:central", "type:cong van year:2021", "cites:07-KL/TW",
      "rel:implements", "cites:07-KL/TW rel:implements", "rel:pursuant ban", "year:2020 ban", "dauvet",
      "không có từ này",
    ]
    for word in extra {
      queries += [word, "\"\(word) thêm\"", word + " của", String(word.prefix(4))]
    }
    var random = SplitMix64(seed: seed)
    for _ in 0..<16 where !texts.isEmpty {
      let words = texts[random.below(texts.count)].split(whereSeparator: { $0.isWhitespace })
      guard words.count > 4 else { continue }
      let start = random.below(words.count - 4)
      let picked = words[start..<(start + 1 + random.below(3))].joined(separator: " ")
      queries.append(random.chance(0.3) ? "\"\(picked)\"" : picked)
    }
    return queries
  }

  /// Every query answered alike by both indexes: ranked (all hits, or the best 30, and the best 7,
  /// with scores and snippets), as typed (the last word a prefix, and its first one or two letters).
  func assertSameAnswers(
    _ index: SearchIndex, _ expected: SearchIndex, queries: [String], _ what: String, everyHit: Bool = true,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(index.documentCount, expected.documentCount, what, file: file, line: line)
    XCTAssertEqual(index.postingsSize, expected.postingsSize, "\(what): postings", file: file, line: line)
    XCTAssertEqual(index.positionsSize, expected.positionsSize, "\(what): positions", file: file, line: line)
    let (fields, expectedFields) = (index.parts.fields, expected.parts.fields)
    XCTAssertEqual(fields.provinceOfDocument, expectedFields.provinceOfDocument, what, file: file, line: line)
    XCTAssertEqual(fields.typeOfDocument, expectedFields.typeOfDocument, what, file: file, line: line)
    XCTAssertEqual(fields.documentsCiting, expectedFields.documentsCiting, what, file: file, line: line)
    XCTAssertEqual(fields.relationsCiting, expectedFields.relationsCiting, what, file: file, line: line)
    XCTAssertEqual(
      fields.relationsOfDocument, expectedFields.relationsOfDocument, what, file: file, line: line)
    for query in queries {
      XCTAssertEqual(
        index.search(query, limit: everyHit ? .max : 30), expected.search(query, limit: everyHit ? .max : 30),
        "\(what): \(query)", file: file, line: line)
      XCTAssertEqual(
        index.search(query, limit: 7), expected.search(query, limit: 7), "\(what): \(query)", file: file,
        line: line)
      for typed in [query, String(query.prefix(1)), String(query.prefix(2))] {
        let parsed = SearchQuery.parse(typed, lastWordIsPrefix: true)
        XCTAssertEqual(
          index.matchingDocuments(parsed), expected.matchingDocuments(parsed), "\(what): typed \(typed)",
          file: file, line: line)
      }
    }
  }

  // MARK: - In memory

  static func parsed(_ sources: [(String, String)]) -> [Document] {
    Corpus.build(sources: sources.map { SourceFile(path: $0.0, bytes: Array($0.1.utf8)) }).documents
  }

  func testUpdatedIndexAnswersAsABuildFromScratch() throws {
    let generated = CorpusGenerator(seed: 41).generate(count: 90)
    var sources = generated.prefix(70).map { ($0.truth.file, $0.text) }
    let path = folder.appendingPathComponent("snapshot").path
    let first = Self.parsed(sources)
    let (_, built) = SearchIndex.storedWithProvenance(documents: first, snapshotPath: path, fingerprint: 1)
    XCTAssertEqual(built, .built("no index stored"))
    let removedText = sources[3].1
    // Edited, removed, added, renamed, and a copy of another's text under a new name.
    sources[5].1 += "\nVăn bản dauvetab thêm một đoạn mới về công tác phòng, chống dịch.\n"
    sources[9].1 += "\nTỉnh uỷ dauvetcd chỉ đạo.\n"
    sources.remove(at: 3)
    sources.append(contentsOf: generated.suffix(20).prefix(4).map { ($0.truth.file, $0.text) })
    sources[20].0 = "renamed/" + sources[20].0
    sources.append(("copies/copy.txt", sources[11].1))
    let second = Self.parsed(sources)
    let (updated, provenance) = SearchIndex.storedWithProvenance(
      documents: second, snapshotPath: path, fingerprint: 2)
    // In memory every text is identified by its content: the edited two and the four added are read.
    XCTAssertEqual(provenance, .updated(reindexed: 6))
    let scratch = SearchIndex(documents: second)
    let queries = Self.queries(
      texts: second.map(\.text) + [removedText], extra: ["dauvetab", "dauvetcd"], seed: 5)
    assertSameAnswers(updated, scratch, queries: queries, "updated")
    XCTAssertFalse(updated.search("dauvetab").isEmpty, "the added words are found")
    // What was written is the updated index, current for the next start.
    let (loaded, again) = SearchIndex.storedWithProvenance(
      documents: second, snapshotPath: path, fingerprint: 2)
    XCTAssertEqual(again, .loaded)
    assertSameAnswers(loaded, scratch, queries: queries, "loaded")
  }

  func testDocumentsThatMoveInTheListKeepTheirLists() throws {
    let generated = CorpusGenerator(seed: 43).generate(count: 40)
    let documents = Self.parsed(generated.map { ($0.truth.file, $0.text) })
    let path = folder.appendingPathComponent("snapshot").path
    _ = SearchIndex.storedWithProvenance(documents: documents, snapshotPath: path, fingerprint: 1)
    // The same documents in another order, one of them twice: no text is read again.
    var random = SplitMix64(seed: 9)
    var shuffled = documents
    for position in shuffled.indices.reversed() {
      shuffled.swapAt(position, random.below(position + 1))
    }
    shuffled.append(shuffled[0])
    let (updated, provenance) = SearchIndex.storedWithProvenance(
      documents: shuffled, snapshotPath: path, fingerprint: 2)
    XCTAssertEqual(provenance, .updated(reindexed: 0))
    assertSameAnswers(
      updated, SearchIndex(documents: shuffled),
      queries: Self.queries(texts: shuffled.map(\.text), extra: [], seed: 7), "shuffled")
  }

  func testLargeChangesAreBuiltFromScratch() throws {
    let generated = CorpusGenerator(seed: 47).generate(count: 60)
    let path = folder.appendingPathComponent("snapshot").path
    _ = SearchIndex.storedWithProvenance(
      documents: Self.parsed(generated.prefix(20).map { ($0.truth.file, $0.text) }), snapshotPath: path,
      fingerprint: 1)
    let grown = Self.parsed(generated.map { ($0.truth.file, $0.text) })
    let (index, provenance) = SearchIndex.storedWithProvenance(
      documents: grown, snapshotPath: path, fingerprint: 2)
    XCTAssertEqual(provenance, .built("\(IndexUpdate.Refusal.tooManyChanged(40))"))
    assertSameAnswers(
      index, SearchIndex(documents: grown), queries: Self.queries(texts: [], extra: [], seed: 1), "rebuilt")
  }

  // MARK: - On disk, through the snapshot

  func put(_ name: String, _ text: String) throws {
    try put(name, bytes: Array(text.utf8))
  }

  /// Writes a file dated a while back (a file modified in the last seconds is never stored).
  func put(_ name: String, bytes: [UInt8]) throws {
    let path = corpus + "/" + name
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    writes += 1
    XCTAssertTrue(backdate(path, nanoseconds: writes), name)
  }

  var files: [String] {
    let enumerator = FileManager.default.enumerator(atPath: corpus)
    var found: [String] = []
    while let name = enumerator?.nextObject() as? String {
      if name.hasSuffix(".txt") { found.append(name) }
    }
    return found.sorted()
  }

  func read(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + name)), as: UTF8.self)
  }

  func load(_ store: SnapshotStore?) throws -> Corpus {
    var notices: [String] = []
    let loaded = try Corpus.load(paths: [corpus], snapshot: store, notice: { notices.append($0) })
    XCTAssertEqual(notices, [])
    return loaded
  }

  enum Edit: CaseIterable {
    case add, remove, rename, append, replaceWord, replaceBody, duplicate, touch, several
  }

  /// Applies one edit; says what it did and how many documents' texts it changed or added.
  func edit(_ kind: Edit, _ random: inout SplitMix64, spare: inout [String], marker: String) throws -> (
    String, Int
  ) {
    let names = files
    let target = random.pick(names)
    let donor = random.pick(names)
    switch kind {
    case .add:
      let text = try spare.popLast() ?? (read(donor) + "\n\(marker)\n")
      try put("added/\(writes).txt", text)
      return ("add added/\(writes).txt", 1)
    case .remove:
      try FileManager.default.removeItem(atPath: corpus + "/" + target)
      return ("remove \(target)", 0)
    case .rename:
      writes += 1
      let name = "renamed\(writes)/" + (target as NSString).lastPathComponent
      try FileManager.default.createDirectory(
        atPath: (corpus + "/" + name as NSString).deletingLastPathComponent, withIntermediateDirectories: true
      )
      try FileManager.default.moveItem(atPath: corpus + "/" + target, toPath: corpus + "/" + name)
      return ("rename \(target) to \(name)", 0)
    case .append:
      try put(target, try read(target) + "\nVăn bản \(marker) thêm một đoạn về công tác phòng, chống dịch.\n")
      return ("append to \(target)", 1)
    case .replaceWord:
      let text = try read(target)
      let edited = text.replacingOccurrences(of: "các", with: "\(marker) các")
      guard edited != text else { return ("nothing to replace in \(target)", 0) }
      try put(target, edited)
      return ("replace a word of \(target)", 1)
    case .replaceBody:
      let text = try read(donor) + "\n\(marker)\n"
      try put(target, text)
      return ("replace \(target) by \(donor)", 1)
    case .duplicate:
      try put("copies/\(writes).txt", try read(donor))
      return ("copy \(donor)", 0)
    case .touch:
      XCTAssertEqual(chmod(corpus + "/" + target, 0o640), 0)
      return ("change the status of \(target)", 0)
    case .several:
      var done: [String] = []
      var changed = 0
      for _ in 0..<3 {
        let (what, count) = try edit(
          random.pick([Edit.add, .remove, .append, .rename, .replaceWord]), &random, spare: &spare,
          marker: marker)
        done.append(what)
        changed += count
      }
      return (done.joined(separator: "; "), changed)
    }
  }

  /// Generated documents, the seeds, and copies held in the snapshot rather than in their files
  /// (CRLF, a byte order mark, NFD, UTF-16).
  func populate(seed: UInt64) throws -> [String] {
    let generated = CorpusGenerator(seed: seed).generate(count: 70)
    for document in generated.prefix(50) { try put(document.truth.file, document.text) }
    let names = try FileManager.default.contentsOfDirectory(atPath: Package.seedCorpus.path).filter {
      $0.hasSuffix(".txt")
    }
    for name in names.sorted() {
      try put(
        "seeds/" + name,
        try String(contentsOf: Package.seedCorpus.appendingPathComponent(name), encoding: .utf8))
    }
    let text = generated[50].text
    try put("odd/crlf.txt", text.replacingOccurrences(of: "\n", with: "\r\n"))
    try put("odd/bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array(generated[51].text.utf8))
    try put("odd/nfd.txt", generated[52].text.decomposedStringWithCanonicalMapping)
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in generated[53].text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    try put("odd/utf16.txt", bytes: utf16)
    return generated.suffix(16).map(\.text)
  }

  func testRandomEditsUpdateTheIndexAsABuildFromScratch() throws {
    var updates = 0
    var steps = 0
    var reindexedAtMostChanged = 0
    for seed: UInt64 in [11, 29] {
      try? FileManager.default.removeItem(at: folder)
      try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
      var spare = try populate(seed: seed)
      var random = SplitMix64(seed: seed &* 104_729)
      let first = try load(store)
      let (_, built) = SearchIndex.storedWithProvenance(
        documents: first.documents, snapshotPath: first.snapshotPath, fingerprint: first.snapshotFingerprint)
      XCTAssertEqual(built, .built("no index stored"))
      var markers: [String] = []
      var gone: [String] = []
      for step in 0..<10 {
        let marker =
          "dauvet" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(step))) + "x\(seed == 11 ? "k" : "m")"
        markers.append(marker)
        let kind = random.pick(Edit.allCases)
        let before = Dictionary(uniqueKeysWithValues: try files.map { ($0, try read($0)) })
        let (what, changed) = try edit(kind, &random, spare: &spare, marker: marker)
        gone += before.filter { !FileManager.default.fileExists(atPath: corpus + "/" + $0.key) }.map(\.value)
        let warm = try load(store)
        XCTAssertNotNil(warm.snapshotFingerprint, what)
        let (index, provenance) = SearchIndex.storedWithProvenance(
          documents: warm.documents, snapshotPath: warm.snapshotPath, fingerprint: warm.snapshotFingerprint)
        steps += 1
        if case .updated(let reindexed) = provenance {
          updates += 1
          if reindexed <= changed { reindexedAtMostChanged += 1 }
        } else if provenance != .loaded {
          XCTFail("seed \(seed), \(what): \(provenance)")
        }
        let queries = Self.queries(
          texts: warm.documents.map(\.text) + gone.suffix(3), extra: markers, seed: seed + UInt64(step))
        let label = "seed \(seed), step \(step): \(what)"
        assertSameAnswers(
          index, SearchIndex(documents: warm.documents), queries: queries, label, everyHit: false)
        // As `--no-cache` would answer: a load without the snapshot, indexed from scratch.
        if step % 3 == 0 || kind == .several {
          let fresh = try load(nil)
          XCTAssertEqual(fresh.documents.map(\.id), warm.documents.map(\.id), label)
          assertSameAnswers(
            index, SearchIndex(documents: fresh.documents), queries: queries, "\(label), no cache",
            everyHit: false)
        }
      }
      // Nothing changed since: the index as written.
      let still = try load(store)
      let (_, provenance) = SearchIndex.storedWithProvenance(
        documents: still.documents, snapshotPath: still.snapshotPath, fingerprint: still.snapshotFingerprint)
      XCTAssertEqual(provenance, .loaded)
    }
    XCTAssertGreaterThan(updates, steps * 3 / 4, "most edits update the stored index")
    XCTAssertEqual(reindexedAtMostChanged, updates, "only the changed texts are read and indexed")
  }
}
