import Foundation
import TestSupport
import VanbanGenerator
import XCTest

@testable import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

/// A load that relinks only what a change touches gives what a load of every file from scratch
/// gives, after any sequence of edits: every field of every document, and every warning.
final class RelinkingTests: XCTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var store: SnapshotStore { SnapshotStore(directory: folder.appendingPathComponent("cache").path) }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-relink-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  // MARK: - The corpus on disk

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

  /// Writes a file and sets its times a while back, as files are on a second day's start (a file
  /// modified in the last seconds is never stored).
  func put(_ name: String, _ text: String) throws {
    let path = corpus + "/" + name
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    age(name)
  }

  /// Each write gets its own modification time, as a real edit does.
  var writes = 0

  func age(_ name: String) {
    writes += 1
    XCTAssertTrue(backdate(corpus + "/" + name, nanoseconds: writes), name)
  }

  /// Generated documents (which cite one another), the seeds and the development set.
  func populate(seed: UInt64, generated: Int) throws -> [CorpusGenerator.GeneratedDocument] {
    let documents = CorpusGenerator(seed: seed).generate(count: generated * 2)
    for document in documents.prefix(generated) { try put(document.truth.file, document.text) }
    for source in [Package.seedCorpus, Package.realDevelopmentSet] {
      let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter {
        $0.hasSuffix(".txt")
      }
      for name in names.sorted() {
        try put(
          source.lastPathComponent + "/" + name,
          String(decoding: try Data(contentsOf: source.appendingPathComponent(name)), as: UTF8.self))
      }
    }
    return Array(documents.dropFirst(generated))
  }

  // MARK: - Loads

  func load(_ store: SnapshotStore?) throws -> Corpus {
    var notices: [String] = []
    let corpus = try Corpus.load(paths: [corpus], snapshot: store, notice: { notices.append($0) })
    XCTAssertEqual(notices, [])
    return corpus
  }

  /// Every field of every document and every warning, in list order.
  func fingerprint(_ corpus: Corpus) -> String {
    var text = ""
    dump(corpus.documents, to: &text)
    dump(corpus.loadWarnings, to: &text)
    return text
  }

  /// A load through the snapshot against one from scratch; returns how it went.
  @discardableResult
  func assertIncrementalEqualsFresh(_ what: String, file: StaticString = #filePath, line: UInt = #line) throws
    -> (report: Relinking.Report?, count: Int, fresh: Corpus)
  {
    Relinking.record(Relinking.Report(path: .full("not loaded")))
    let warm = try load(store)
    let report = Relinking.lastReport
    let fresh = try load(nil)
    let warmPrint = fingerprint(warm)
    let freshPrint = fingerprint(fresh)
    if warmPrint != freshPrint {
      let warmLines = warmPrint.split(separator: "\n", omittingEmptySubsequences: false)
      let freshLines = freshPrint.split(separator: "\n", omittingEmptySubsequences: false)
      let first =
        zip(warmLines, freshLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(warmLines.count, freshLines.count)
      let context = max(0, first - 30)..<min(first + 3, warmLines.count, freshLines.count)
      XCTFail(
        "after \(what): relinked and fresh differ at line \(first):\nrelinked:\n"
          + warmLines[context].joined(separator: "\n") + "\nfresh:\n"
          + freshLines[context].joined(separator: "\n"), file: file, line: line)
    }
    XCTAssertEqual(warm.graph.nodes, fresh.graph.nodes, what, file: file, line: line)
    XCTAssertEqual(warm.graph.edges, fresh.graph.edges, what, file: file, line: line)
    return (report, fresh.documents.count, fresh)
  }

  // MARK: - Edits

  /// The first line of a text that `matches`, and its position.
  func line(of text: String, where matches: (Substring) -> Bool) -> (Int, Substring)? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.firstIndex(where: matches).map { ($0, lines[$0]) }
  }

  /// `text` with its first line that `matches` replaced by `source`'s (appended when it has none).
  func transplant(_ text: String, from source: String, where matches: (Substring) -> Bool) -> String {
    guard let (_, donor) = line(of: source, where: matches) else { return text }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let position = lines.firstIndex(where: matches) {
      lines[position] = donor
    } else {
      lines.append(donor)
    }
    return lines.joined(separator: "\n")
  }

  static func isNumberLine(_ line: Substring) -> Bool { line.hasPrefix("Số ") || line.hasPrefix("Số:") }
  static func isDateLine(_ line: Substring) -> Bool {
    line.contains("ngày ") && line.contains(" tháng ") && line.contains(" năm ") && line.count < 80
  }
  static func isHeaderLine(_ line: Substring) -> Bool { !line.trimmingCharacters(in: .whitespaces).isEmpty }

  /// A paragraph of `source` that cites something (a number or a dated reference), or its longest.
  func citingParagraph(_ source: String) -> Substring {
    let lines: [Substring] = source.split(separator: "\n").filter { $0.count > 40 }
    if let citing = lines.first(where: { $0.range(of: "số ") != nil }) { return citing }
    return lines.max { $0.count < $1.count } ?? "Thực hiện chỉ đạo."
  }

  /// The same paragraph without its dates: its numbers cited without a year.
  func undated(_ paragraph: Substring) -> String {
    var text = String(paragraph)
    for pattern in [#"ngày \d{1,2}/\d{1,2}/\d{4}"#, #"ngày \d{1,2} tháng \d{1,2} năm \d{4}"#] {
      text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
    }
    return text
  }

  enum Edit: CaseIterable {
    case add, remove, number, date, issuer, cite, citeUndated, rename, clash, touch, replaceBody, several
    /// A citation of a document of the corpus by its type, number, date and issuer.
    case citeInCorpus
    /// A document that others cite changes, goes, or is renamed.
    case changeCited, removeCited, renameCited
  }

  /// The name of a document's file within the corpus folder.
  func name(of document: Document) -> String { String(document.file.dropFirst(corpus.count + 1)) }

  /// Applies one edit chosen by `random`; says what it did.
  func edit(
    _ kind: Edit, _ random: inout SplitMix64, spare: inout [CorpusGenerator.GeneratedDocument],
    current: Corpus
  ) throws -> String {
    let names = files
    var target = random.pick(names)
    var donor = random.pick(names)
    let cited = current.documents.filter { !$0.citedBy.isEmpty && $0.file.hasPrefix(corpus + "/") }
    if [.changeCited, .removeCited, .renameCited].contains(kind), !cited.isEmpty {
      target = name(of: random.pick(cited))
    }
    let numbered = current.documents.filter { $0.number != nil && $0.type != nil }
    if kind == .citeInCorpus, !numbered.isEmpty { donor = name(of: random.pick(numbered)) }
    let text = try read(target)
    let source = try read(donor)
    switch kind {
    case .add:
      if let document = spare.popLast() {
        try put(document.truth.file, document.text)
        return "add \(document.truth.file)"
      }
      try put("added/\(names.count).txt", source)
      return "add a copy of \(donor)"
    case .remove:
      try FileManager.default.removeItem(atPath: corpus + "/" + target)
      return "remove \(target)"
    case .number:
      try put(target, transplant(text, from: source, where: Self.isNumberLine))
      return "give \(target) the number of \(donor)"
    case .date:
      try put(target, transplant(text, from: source, where: Self.isDateLine))
      return "give \(target) the date of \(donor)"
    case .issuer:
      try put(target, transplant(text, from: source, where: Self.isHeaderLine))
      return "give \(target) the header of \(donor)"
    case .cite:
      try put(target, text + "\n" + citingParagraph(source) + "\n")
      return "make \(target) cite what \(donor) cites"
    case .citeUndated:
      try put(target, text + "\n" + undated(citingParagraph(source)) + "\n")
      return "make \(target) cite without dates what \(donor) cites"
    case .rename:
      let name = "renamed/" + (target as NSString).lastPathComponent
      try FileManager.default.createDirectory(
        atPath: corpus + "/renamed", withIntermediateDirectories: true)
      guard !FileManager.default.fileExists(atPath: corpus + "/" + name) else { return "no rename" }
      try FileManager.default.moveItem(atPath: corpus + "/" + target, toPath: corpus + "/" + name)
      return "rename \(target) to \(name)"
    case .clash:
      // The same stem in another folder: ids `~2` and the like, which move when one goes.
      let name = "clash\(random.below(3))/" + (target as NSString).lastPathComponent
      try put(name, source)
      return "write \(donor) as \(name)"
    case .citeInCorpus:
      guard let cited = current.documents.first(where: { name(of: $0) == donor }), let number = cited.number
      else { return "no citation" }
      let date = cited.date.map { " ngày \($0.vietnamese)" } ?? ""
      let issuer = cited.issuer.map { " của \($0)" } ?? ""
      try put(
        target,
        text + "\nThực hiện \(cited.type ?? "Công văn") số \(number)\(date)\(issuer), yêu cầu triển khai.\n")
      return "make \(target) cite \(donor)"
    case .changeCited:
      try put(target, transplant(text, from: source, where: Self.isNumberLine))
      return "give \(target), which is cited, the number of \(donor)"
    case .removeCited:
      try FileManager.default.removeItem(atPath: corpus + "/" + target)
      return "remove \(target), which is cited"
    case .renameCited:
      let name = "a-first/" + (target as NSString).lastPathComponent
      try FileManager.default.createDirectory(atPath: corpus + "/a-first", withIntermediateDirectories: true)
      guard !FileManager.default.fileExists(atPath: corpus + "/" + name) else { return "no rename" }
      try FileManager.default.moveItem(atPath: corpus + "/" + target, toPath: corpus + "/" + name)
      return "rename \(target), which is cited, to \(name)"
    case .touch:
      XCTAssertEqual(chmod(corpus + "/" + target, 0o640), 0)
      return "change the status of \(target)"
    case .replaceBody:
      try put(target, source)
      return "replace \(target) by \(donor)"
    case .several:
      var done: [String] = []
      for _ in 0..<3 {
        let other = random.pick([Edit.number, .date, .cite, .citeUndated, .clash, .remove, .citeInCorpus])
        done.append(try edit(other, &random, spare: &spare, current: current))
      }
      return done.joined(separator: "; ")
    }
  }

  // MARK: - Tests

  func testRandomEditsRelinkAsAFreshLoadLinks() throws {
    var partial = 0
    var beyondTheChanged = 0
    var steps = 0
    for seed: UInt64 in [3, 17, 2024] {
      try? FileManager.default.removeItem(at: folder)
      try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
      var spare = try populate(seed: seed, generated: 60)
      var random = SplitMix64(seed: seed &* 7919)
      var current = try assertIncrementalEqualsFresh("the first load").fresh
      for _ in 0..<16 {
        let kind = random.pick(Edit.allCases)
        let what = try edit(kind, &random, spare: &spare, current: current)
        let (report, count, fresh) = try assertIncrementalEqualsFresh("seed \(seed): \(what)")
        current = fresh
        steps += 1
        guard kind != .touch else { continue }
        XCTAssertEqual(report?.path, .incremental, "seed \(seed): \(what)")
        let relinked = report?.relinked ?? count
        if relinked < count / 2 { partial += 1 }
        if relinked > (kind == .several ? 3 : 1) { beyondTheChanged += 1 }
      }
      // Nothing changed since: the corpus as stored.
      try assertIncrementalEqualsFresh("seed \(seed): no change")
    }
    XCTAssertGreaterThan(partial, steps / 2, "most edits relink a small part of the corpus")
    XCTAssertGreaterThan(beyondTheChanged, 3, "some edits relink documents beside the changed ones")
  }

  /// Edits aimed at the links between documents: a document and those citing it by number,
  /// without a year, by its type, issuer and date, and documents resting on replaced ones.
  func testEditsOfCitedDocumentsReachTheirCitingDocuments() throws {
    let central = "BỘ CHÍNH TRỊ\nSố 9-KL/TW\nHà Nội, ngày 10 tháng 01 năm 2022\nKẾT LUẬN\n"
    try put(
      "c/new.txt", central + "Kết luận này thay thế Kết luận số 1-KL/TW ngày 01/01/2020 của Bộ Chính trị.\n")
    try put(
      "c/old.txt", "BỘ CHÍNH TRỊ\nSố 1-KL/TW\nHà Nội, ngày 01 tháng 01 năm 2020\nKẾT LUẬN\nVề công tác.\n")
    for (name, day) in [("after", "01 tháng 02"), ("later", "03 tháng 03")] {
      try put(
        "p/\(name).txt",
        "TỈNH ỦY NAM ĐỊNH\nSố 5-CV/TU\nNam Định, ngày \(day) năm 2022\nV/v thực hiện Kết luận số 1-KL/TW\n"
          + "Thực hiện Kết luận số 1-KL/TW ngày 01/01/2020 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu.\n"
          + "Căn cứ Công văn số 5-CV/TU của Ban Thường vụ Tỉnh ủy.\n")
    }
    try put(
      "p/undated.txt",
      "TỈNH ỦY\nNam Định, ngày 05 tháng 05 năm 2022\nCÔNG VĂN\nThực hiện Công văn số 5-CV/TU của Ban Thường vụ Tỉnh ủy.\n"
    )
    try assertIncrementalEqualsFresh("the first load")
    for (what, change) in [
      (
        "the replacing conclusion goes",
        { try FileManager.default.removeItem(atPath: self.corpus + "/c/new.txt") }
      ),
      (
        "it comes back",
        {
          try self.put("c/new.txt", central + "Kết luận này thay thế Kết luận số 1-KL/TW ngày 01/01/2020.\n")
        }
      ),
      ("the replaced one goes", { try FileManager.default.removeItem(atPath: self.corpus + "/c/old.txt") }),
      (
        "a letter changes its number",
        {
          try self.put(
            "p/after.txt",
            try self.read("p/after.txt").replacingOccurrences(of: "Số 5-CV/TU", with: "Số 6-CV/TU"))
        }
      ),
      ("a letter of the same name", { try self.put("q/after.txt", try self.read("p/later.txt")) }),
      (
        "the first of that name goes",
        { try FileManager.default.removeItem(atPath: self.corpus + "/p/after.txt") }
      ),
    ] as [(String, () throws -> Void)] {
      try change()
      let report = try assertIncrementalEqualsFresh(what).report
      XCTAssertEqual(report?.path, .incremental, what)
    }
  }

  /// A number cited without a year is taken as the dated one other documents cite nearest in
  /// time: a document citing it so is relinked when those change, though it cites none of them.
  func testNumbersCitedWithoutAYearFollowTheDatedOnesCitedElsewhere() throws {
    func letter(_ number: Int, _ day: String, _ body: String) -> String {
      "TỈNH ỦY NAM ĐỊNH\nSố \(number)-CV/TU\nNam Định, ngày \(day) năm 2022\nCÔNG VĂN\n\(body)\n"
    }
    try put("a/undated.txt", letter(7, "05 tháng 05", "Thực hiện Công văn số 15-CV/TW của Ban Bí thư."))
    try put(
      "b/one.txt", letter(8, "06 tháng 06", "Thực hiện Công văn số 15-CV/TW ngày 01/02/2019 của Ban Bí thư."))
    func undatedKey() throws -> [String] {
      try load(nil).documents.first { $0.file.hasSuffix("undated.txt") }!.citations.map(\.key)
    }
    try assertIncrementalEqualsFresh("the first load")
    var keys = [try undatedKey()]
    for (what, change) in [
      (
        "a nearer year cited",
        {
          try self.put(
            "b/two.txt",
            letter(9, "07 tháng 07", "Căn cứ Công văn số 15-CV/TW ngày 03/04/2022 của Ban Bí thư."))
        }
      ),
      ("the farther one goes", { try FileManager.default.removeItem(atPath: self.corpus + "/b/one.txt") }),
      (
        "the nearer one changes its year",
        {
          try self.put(
            "b/two.txt",
            letter(9, "07 tháng 07", "Căn cứ Công văn số 15-CV/TW ngày 03/04/2016 của Ban Bí thư."))
        }
      ),
      ("an unrelated letter", { try self.put("b/three.txt", letter(10, "08 tháng 08", "Về công tác.")) }),
    ] as [(String, () throws -> Void)] {
      try change()
      let report = try assertIncrementalEqualsFresh(what).report
      XCTAssertEqual(report?.path, .incremental, what)
      XCTAssertLessThan(report?.relinked ?? 0, 3, what)
      keys.append(try undatedKey())
    }
    XCTAssertGreaterThanOrEqual(Set(keys).count, 3, "the undated citation's key moves: \(keys)")
  }

  /// A snapshot without link facts (as an older vanban wrote it) is linked whole, and stores
  /// them for the next load.
  func testASnapshotWithoutLinkFactsIsLinkedWhole() throws {
    _ = try populate(seed: 5, generated: 30)
    _ = try load(store)
    let path = store.path(
      identity: SnapshotStore.identity(
        paths: [corpus], glob: "*.txt", workingDirectory: FileManager.default.currentDirectoryPath))
    guard
      case .valid(let snapshot) = store.openSnapshot(
        at: path,
        identity: SnapshotStore.identity(
          paths: [corpus], glob: "*.txt", workingDirectory: FileManager.default.currentDirectoryPath))
    else { return XCTFail("no snapshot") }
    XCTAssertNotNil(snapshot.linkFacts)
    let entries = snapshot.entries.indices.map { entry in
      (
        snapshot.entries[entry].path, snapshot.entries[entry].stamp,
        SnapshotStore.StoredDocument.encoded(snapshot, entry: entry)
      )
    }
    let linked = try snapshot.linked!.map { ($0.entry, try snapshot.linkedDocument($0)) }
    guard
      case .success = store.store(
        at: path,
        identity: SnapshotStore.identity(
          paths: [corpus], glob: "*.txt", workingDirectory: FileManager.default.currentDirectoryPath),
        entries: entries, linked: linked)
    else { return XCTFail("cannot write") }
    try put("extra/one.txt", try read(files[0]))
    let report = try assertIncrementalEqualsFresh("a file added").report
    XCTAssertEqual(report?.path, .full("the snapshot holds no link facts"))
    try put("extra/two.txt", try read(files[1]))
    XCTAssertEqual(try assertIncrementalEqualsFresh("another").report?.path, .incremental)
  }
}
