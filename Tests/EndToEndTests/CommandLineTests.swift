import Foundation
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
    XCTAssertEqual(unknown.errors, "vanban: no document with id no-such-id in this corpus\n")
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
}
