import Foundation
import TestSupport
import XCTest

/// The scripting face, run as a script would: exit codes, one-line errors, JSON and graph formats.
final class CommandLineTests: XCTestCase {
  func vanban(_ arguments: String...) -> ProgramResult { runProgram([Package.binary] + arguments) }

  func json(_ result: ProgramResult) throws -> Any {
    XCTAssertEqual(result.status, 0, result.errors)
    return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
  }

  override func setUpWithError() throws {
    XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Package.binary), "build first: swift build")
  }

  func testErrorsAreOneLineWithExitCodes() {
    let missing = vanban("list", "/no/such/folder")
    XCTAssertEqual(missing.status, 2)
    XCTAssertEqual(missing.errors, "vanban: /no/such/folder: no such file or directory\n")
    let option = vanban("list", "--bogus")
    XCTAssertEqual(option.status, 2)
    XCTAssertEqual(option.errors.split(separator: "\n").count, 1, option.errors)
    let unknown = vanban("show", "no-such-id")
    XCTAssertEqual(unknown.status, 1)
    XCTAssertEqual(
      unknown.errors,
      "vanban: no-such-id: no document or cited document in this corpus has this id, file, number or title\n")
    let citesUnknown = vanban("cites", "no-such-id")
    XCTAssertEqual(citesUnknown.status, 1)
    XCTAssertEqual(citesUnknown.errors, unknown.errors)
    XCTAssertEqual(vanban("cited-by", "no-such-id").status, 1)
    let merged = vanban("list", "--province-2025", "kien giang")
    XCTAssertEqual(merged.status, 2)
    XCTAssertTrue(merged.errors.contains("part of An Giang"), merged.errors)
  }

  func testListFromAnyDirectoryGivesTheShippedCorpusWithProjectRelativePaths() throws {
    let result = runProgram([Package.binary, "list", "--json"], directory: "/")
    let documents = try XCTUnwrap(try json(result) as? [[String: Any]])
    XCTAssertEqual(documents.count, 5)
    XCTAssertEqual(documents.first?["file"] as? String, "Data/corpus/003_971c03e54ee92b8c.txt")
    XCTAssertEqual(documents.map { $0["id"] as? String }.last, "004_f8f51dfb989f039e")
  }

  func testTheBrowserRefusesAMissingPathBeforeTakingTheTerminal() {
    let result = runProgram(["script", "-qec", "TERM=xterm \(Package.binary) /no/such/folder", "/dev/null"])
    XCTAssertEqual(result.status, 2, result.output)
    XCTAssertTrue(result.output.contains("vanban: /no/such/folder: no such file or directory"), result.output)
    XCTAssertFalse(result.output.contains("\u{1B}[?1049h"), "the screen was never switched to the browser's")
  }

  func testLoadingShowsProgressOnlyOnATerminal() {
    let folder = Package.root.appendingPathComponent("Data/corpus").path
    let quiet = vanban("list", folder)
    XCTAssertEqual(quiet.status, 0)
    XCTAssertEqual(quiet.errors, "", "no progress into a file or pipe")
    let shown = runProgram(["script", "-qec", "\(Package.binary) list \(folder) > /dev/null", "/dev/null"])
    XCTAssertEqual(shown.status, 0, shown.output)
    XCTAssertTrue(shown.output.contains("loading 5 of 5 files"), shown.output)
  }

  func testProvinceFiltersOldAndNew() throws {
    let merged = try XCTUnwrap(
      try json(vanban("list", "--json", "--province-2025", "ninh binh")) as? [[String: Any]])
    XCTAssertEqual(Set(merged.compactMap { $0["province"] as? String }), ["Nam Định", "Ninh Bình"])
    XCTAssertEqual(merged.count, 4)
    let old = try XCTUnwrap(
      try json(vanban("list", "--json", "--province", "KIÊN GIANG")) as? [[String: Any]])
    XCTAssertEqual(old.map { $0["id"] as? String }, ["002_b1faaebd224ec9de"])
    let tally = try XCTUnwrap(try json(vanban("provinces", "--json")) as? [String: Any])
    let new = try XCTUnwrap(tally["provinces_2025"] as? [[String: Any]])
    XCTAssertEqual(new.first { $0["name"] as? String == "Ninh Bình" }?["documents"] as? Int, 4)
  }

  func testGraphFormats() throws {
    let graph = try XCTUnwrap(try json(vanban("graph", "--format", "json")) as? [String: Any])
    let edges = try XCTUnwrap(graph["edges"] as? [[String: Any]])
    XCTAssertTrue(
      edges.contains {
        $0["from"] as? String == "004_f8f51dfb989f039e" && $0["to"] as? String == "000_c04fbf0a9182cd61"
      })
    let tsv = vanban("graph", "--format", "tsv")
    let rows = tsv.output.split(separator: "\n")
    XCTAssertEqual(rows.first?.split(separator: "\t").first, "from")
    XCTAssertEqual(rows.count, edges.count + 1)
    XCTAssertTrue(
      rows.contains {
        $0.hasPrefix("000_c04fbf0a9182cd61\tNam Định\t2021-06-14\text:ket-luan:7-kl-tw:vn:2021")
      })
    let dot = vanban("graph", "--format", "dot", "--province", "Nam Định")
    XCTAssertTrue(dot.output.hasPrefix("digraph vanban {"))
    XCTAssertFalse(dot.output.contains("003_971c03e54ee92b8c"), "the filter keeps Nam Định's documents only")
    try XCTSkipIf(runProgram(["dot", "-V"]).status != 0, "Graphviz is not installed (make test installs it)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-dot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = folder.appendingPathComponent("graph.dot")
    try Data(vanban("graph", "--format", "dot").output.utf8).write(to: source)
    let svg = runProgram(["dot", "-Tsvg", source.path])
    XCTAssertEqual(svg.status, 0, svg.errors)
    XCTAssertTrue(svg.output.contains("<svg"))
    XCTAssertTrue(svg.output.contains("cluster"), "provinces are clusters")
  }

  func testCitesAndCitedBy() throws {
    let citedBy = try XCTUnwrap(
      try json(vanban("cited-by", "ext:ket-luan:7-kl-tw:vn:2021", "--json")) as? [[String: Any]])
    XCTAssertEqual(
      Set(citedBy.compactMap { $0["id"] as? String }),
      ["000_c04fbf0a9182cd61", "002_b1faaebd224ec9de", "004_f8f51dfb989f039e"])
    XCTAssertEqual(citedBy.first { $0["id"] as? String == "000_c04fbf0a9182cd61" }?["lag_days"] as? Int, 3)
    let cites = vanban("cites", "004_f8f51dfb989f039e")
    XCTAssertEqual(cites.status, 0)
    XCTAssertTrue(
      cites.output.contains(
        "Công văn 215-CV/TU · Ban Thường vụ Tỉnh ủy Nam Định · 14/06/2021 → 000_c04fbf0a9182cd61")
        || cites.output.contains("→ 000_c04fbf0a9182cd61"), cites.output)
    let shown = try XCTUnwrap(try json(vanban("show", "000_c04fbf0a9182cd61", "--json")) as? [String: Any])
    XCTAssertEqual(shown["cited_by"] as? [String], ["004_f8f51dfb989f039e"])
    XCTAssertTrue((shown["text"] as? String)?.contains("TỈNH ỦY NAM ĐỊNH") == true)
  }

  static let cited = ["000_c04fbf0a9182cd61", "002_b1faaebd224ec9de", "004_f8f51dfb989f039e"]

  func testCitedByANumberTypedLoosely() throws {
    let byNumber = try XCTUnwrap(try json(vanban("cited-by", "07-KL/TW", "--json")) as? [[String: Any]])
    XCTAssertEqual(Set(byNumber.compactMap { $0["id"] as? String }), Set(Self.cited))
    XCTAssertEqual(
      byNumber.first { $0["id"] as? String == Self.cited[0] }?["relation"] as? String, "implements")
    XCTAssertEqual(byNumber.first { $0["id"] as? String == Self.cited[0] }?["lag_days"] as? Int, 3)
    for typed in ["07 kl tw", "7-KL/TW", "ext:ket-luan:7-kl-tw:vn:2021"] {
      XCTAssertEqual(
        vanban("cited-by", typed, "--json").output, vanban("cited-by", "07-KL/TW", "--json").output, typed)
    }
    let typed = vanban("cited-by", "Kết luận 07-KL/TW")
    XCTAssertEqual(typed.status, 0, typed.errors)
    XCTAssertTrue(
      typed.output.hasPrefix("Kết luận 07-KL/TW · Bộ Chính trị · 11/06/2021 (ext:ket-luan:7-kl-tw:vn:2021)"))
    XCTAssertTrue(
      typed.output.contains(
        "  000_c04fbf0a9182cd61 · Nam Định · 215-CV/TU · 14/06/2021 · implements · +3 days"),
      typed.output)
    let narrowed = try XCTUnwrap(
      try json(vanban("cited-by", "07-KL/TW", "--province", "Kiên Giang", "--json")) as? [[String: Any]])
    XCTAssertEqual(narrowed.compactMap { $0["id"] as? String }, ["002_b1faaebd224ec9de"])
  }

  func testShowByNumberFileAndCitedDocument() throws {
    let letter = try XCTUnwrap(try json(vanban("show", "215-CV/TU", "--json")) as? [String: Any])
    XCTAssertEqual(letter["id"] as? String, "000_c04fbf0a9182cd61")
    let byFile = vanban("show", "Data/corpus/000_c04fbf0a9182cd61.txt")
    XCTAssertEqual(byFile.status, 0, byFile.errors)
    XCTAssertTrue(byFile.output.hasPrefix("id        000_c04fbf0a9182cd61\n"), byFile.output)
    let typed = try XCTUnwrap(try json(vanban("show", "Công văn số 215 - CV/TU", "--json")) as? [String: Any])
    XCTAssertEqual(typed["id"] as? String, "000_c04fbf0a9182cd61")
    let external = vanban("show", "07-KL/TW")
    XCTAssertEqual(external.status, 0, external.errors)
    XCTAssertTrue(external.output.contains("Kết luận 07-KL/TW — cited, not in this corpus"), external.output)
    XCTAssertTrue(external.output.contains("cited by  000_c04fbf0a9182cd61 · Nam Định"), external.output)
    let node = try XCTUnwrap(try json(vanban("show", "07-KL/TW", "--json")) as? [String: Any])
    XCTAssertEqual(node["kind"] as? String, "external")
    XCTAssertEqual(Set(node["cited_by"] as? [String] ?? []), Set(Self.cited))
    let cites = vanban("cites", "07-KL/TW")
    XCTAssertEqual(cites.status, 1)
    XCTAssertEqual(cites.errors.split(separator: "\n").count, 1, cites.errors)
    XCTAssertTrue(cites.errors.contains("is not in this corpus"), cites.errors)
  }

  func testRelatedShowsAboveBelowAndChains() throws {
    let related = try XCTUnwrap(try json(vanban("related", "07-KL/TW", "--json")) as? [String: Any])
    XCTAssertEqual((related["center"] as? [String: Any])?["id"] as? String, "ext:ket-luan:7-kl-tw:vn:2021")
    XCTAssertEqual(
      (related["above"] as? [Any])?.count, 0, "what a document outside the corpus cites is unknown")
    let below = try XCTUnwrap(related["below"] as? [[String: Any]])
    XCTAssertEqual(below.map { $0["title"] as? String }, ["Implemented by"])
    let entries = try XCTUnwrap(below.first?["entries"] as? [[String: Any]])
    XCTAssertEqual(
      entries.map { $0["id"] as? String },
      ["002_b1faaebd224ec9de", "000_c04fbf0a9182cd61", "004_f8f51dfb989f039e"])
    XCTAssertEqual(entries.map { $0["depth"] as? Int }, [0, 0, 1], "004 answers 215-CV/TU: a chain")
    XCTAssertEqual(entries[2]["parent"] as? String, "000_c04fbf0a9182cd61")
    XCTAssertEqual(entries[1]["lag_days"] as? Int, 3)
    XCTAssertEqual(entries[2]["lag_days"] as? Int, 37)
    XCTAssertEqual(entries[2]["lag_at_least"] as? Bool, true)
    let letter = try XCTUnwrap(try json(vanban("related", "215-CV/TU", "--format", "json")) as? [String: Any])
    let above = try XCTUnwrap(letter["above"] as? [[String: Any]])
    XCTAssertEqual(above.map { $0["title"] as? String }, ["Implements"])
    let text = vanban("related", "004_f8f51dfb989f039e")
    XCTAssertEqual(text.status, 0, text.errors)
    XCTAssertTrue(text.output.contains("▲ Implements\n"), text.output)
    XCTAssertTrue(text.output.contains("Công văn 215-CV/TU · 000_c04fbf0a9182cd61"), text.output)
    let dot = vanban("related", "07-KL/TW", "--format", "dot")
    XCTAssertTrue(dot.output.hasPrefix("digraph related {"), dot.output)
    XCTAssertTrue(
      dot.output.contains("\"004_f8f51dfb989f039e\" -> \"000_c04fbf0a9182cd61\" [style=bold"), dot.output)
  }

  func testGraphAndSearchCarryRelations() throws {
    let graph = try XCTUnwrap(try json(vanban("graph", "--format", "json")) as? [String: Any])
    let edges = try XCTUnwrap(graph["edges"] as? [[String: Any]])
    XCTAssertTrue(edges.allSatisfy { $0["relation"] is String })
    XCTAssertEqual(
      vanban("graph", "--format", "tsv").output.split(separator: "\n").first?.split(separator: "\t").last,
      "relation")
    XCTAssertTrue(vanban("graph", "--format", "dot").output.contains("subgraph cluster_legend"))
    let hits = try XCTUnwrap(
      try json(vanban("search", "cites:07-KL/TW rel:implements", "--json")) as? [[String: Any]])
    XCTAssertEqual(Set(hits.compactMap { $0["id"] as? String }), Set(Self.cited))
    XCTAssertEqual(vanban("search", "cites:07-KL/TW rel:repeals").status, 1)
  }

  /// Two provinces' letters numbered 215-CV/TU, in a folder of their own.
  func twoProvinces() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-215-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let seed = try String(
      contentsOf: Package.root.appendingPathComponent("Data/corpus/000_c04fbf0a9182cd61.txt"), encoding: .utf8
    )
    try seed.write(to: folder.appendingPathComponent("nd.txt"), atomically: true, encoding: .utf8)
    try seed.replacingOccurrences(of: "NAM ĐỊNH", with: "NINH BÌNH").replacingOccurrences(
      of: "Nam Định", with: "Ninh Bình"
    )
    .write(to: folder.appendingPathComponent("nb.txt"), atomically: true, encoding: .utf8)
    return folder
  }

  func testANumberOfTwoProvincesListsThemAndExits1() throws {
    let folder = try twoProvinces()
    defer { try? FileManager.default.removeItem(at: folder) }
    for command in ["show", "cited-by", "related", "cites"] {
      let result = vanban(command, "215-CV/TU", folder.path)
      XCTAssertEqual(result.status, 1, command)
      XCTAssertEqual(result.standardOutput, "", command)
      let lines = result.errors.split(separator: "\n")
      XCTAssertEqual(lines.count, 3, result.errors)
      XCTAssertTrue(
        lines.first?.hasPrefix("vanban: 215-CV/TU names 2 documents; choose one by giving its id") == true,
        result.errors)
      XCTAssertTrue(lines.first?.contains("--province") == true)
      XCTAssertTrue(
        lines.contains("  nd  Công văn 215-CV/TU  Nam Định  14/06/2021  in the corpus"), result.errors)
      XCTAssertTrue(
        lines.contains("  nb  Công văn 215-CV/TU  Ninh Bình  14/06/2021  in the corpus"), result.errors)
    }
    let chosen = try XCTUnwrap(
      try json(vanban("show", "215-CV/TU", folder.path, "--province", "ninh-binh", "--json"))
        as? [String: Any])
    XCTAssertEqual(chosen["id"] as? String, "nb")
    XCTAssertEqual(vanban("show", "nb", folder.path).status, 0, "or by id")
    let byPath = vanban("show", folder.appendingPathComponent("nd.txt").path, folder.path)
    XCTAssertTrue(byPath.output.hasPrefix("id        nd\n"), byPath.output)
  }

  func testNothingMatchingIsOneLineAndExit1() {
    for command in ["show", "cites", "cited-by", "related"] {
      let result = vanban(command, "999-CV/TU")
      XCTAssertEqual(result.status, 1, command)
      XCTAssertEqual(
        result.errors,
        "vanban: 999-CV/TU: no document or cited document in this corpus has this id, file, number or title\n"
      )
    }
    let narrowed = vanban("show", "215-CV/TU", "--province", "Kiên Giang")
    XCTAssertEqual(narrowed.status, 1)
    XCTAssertEqual(
      narrowed.errors,
      "vanban: 215-CV/TU: no document or cited document of province Kiên Giang in this corpus has this id, file, number or title\n"
    )
    let hostile = vanban("show", "\u{1B}]0;owned\u{07}")
    XCTAssertEqual(hostile.status, 1)
    XCTAssertFalse(hostile.errors.contains("\u{1B}"), "the typed text is shown, not obeyed")
  }
}
