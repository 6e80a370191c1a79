import Foundation
import TestSupport
import XCTest

/// docs/json.md and the program agree: every field a JSON command prints on the shipped corpus is
/// a row of the matching table, and every row is printed. A table is the one after
/// `<!-- fields: NAME -->`; its rows name fields as `a`, `a.b` (field of an object) and `a[].b`
/// (field of each object of an array), the same paths `fieldPaths` collects from the output.
final class JSONDocsTests: XCTestCase {
  /// The field names of each documented table, by the name in its marker comment.
  static func documentedTables() throws -> [String: Set<String>] {
    let text = try String(
      contentsOf: Package.root.appendingPathComponent("docs/json.md"), encoding: .utf8)
    var tables: [String: Set<String>] = [:]
    var current: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("<!-- fields: "), line.hasSuffix(" -->") {
        current = String(line.dropFirst("<!-- fields: ".count).dropLast(" -->".count))
        tables[current!] = []
      } else if let name = current, line.hasPrefix("|") {
        let cell =
          line.split(separator: "|", omittingEmptySubsequences: true).first?
          .trimmingCharacters(in: .whitespaces) ?? ""
        if cell.hasPrefix("`"), cell.hasSuffix("`"), cell.count > 2 {
          tables[name]?.insert(String(cell.dropFirst().dropLast()))
        }
      } else if !line.isEmpty || current != nil && !(tables[current!]?.isEmpty ?? true) {
        current = nil
      }
    }
    return tables
  }

  /// `a`, `a.b`, `a[].b` for every key of `value` (a JSON object or array of objects), down
  /// through objects and arrays of objects except under the keys of `stop`.
  static func fieldPaths(_ value: Any, prefix: String = "", stop: Set<String> = []) -> Set<String> {
    var paths = Set<String>()
    if let array = value as? [Any] {
      for element in array { paths.formUnion(fieldPaths(element, prefix: prefix, stop: stop)) }
    } else if let object = value as? [String: Any] {
      for (key, child) in object {
        let path = prefix + key
        paths.insert(path)
        guard !stop.contains(path) else { continue }
        if child is [String: Any] {
          paths.formUnion(fieldPaths(child, prefix: path + ".", stop: stop))
        } else if let array = child as? [Any], array.contains(where: { $0 is [String: Any] }) {
          paths.formUnion(fieldPaths(array, prefix: path + "[].", stop: stop))
        }
      }
    }
    return paths
  }

  func json(_ arguments: String...) throws -> Any {
    let result = runProgram([Package.binary] + arguments)
    XCTAssertEqual(result.status, 0, result.errors)
    return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
  }

  func assertSame(
    documented: Set<String>?, printed: Set<String>, _ what: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    guard let documented else {
      return XCTFail("docs/json.md has no table for \(what)", file: file, line: line)
    }
    XCTAssertEqual(
      printed.subtracting(documented).sorted(), [], "\(what): printed but not in docs/json.md", file: file,
      line: line)
    XCTAssertEqual(
      documented.subtracting(printed).sorted(), [], "\(what): in docs/json.md but not printed", file: file,
      line: line)
  }

  func testEveryFieldPrintedIsDocumentedAndEveryDocumentedFieldIsPrinted() throws {
    let tables = try Self.documentedTables()
    XCTAssertEqual(
      Set(tables.keys),
      [
        "document", "citation", "graph", "cited-by", "provinces", "search", "external", "related", "lag",
      ])

    let list = try json("list", "--json")
    let ids = try XCTUnwrap(list as? [[String: Any]]).compactMap { $0["id"] as? String }
    XCTAssertEqual(ids.count, 5)
    var shown = Set<String>()
    var citations = Set<String>()
    for id in ids {
      let document = try json("show", id, "--json")
      shown.formUnion(Self.fieldPaths(document, stop: ["citations"]))
      citations.formUnion(Self.fieldPaths(try json("cites", id, "--json")))
    }
    let listed = Self.fieldPaths(list, stop: ["citations"])
    assertSame(documented: tables["document"], printed: shown, "show --json")
    assertSame(documented: tables["document"]?.subtracting(["text"]), printed: listed, "list --json")
    XCTAssertFalse(citations.isEmpty, "the shipped corpus has citations")
    assertSame(documented: tables["citation"], printed: citations, "cites --json")
    let embedded = try XCTUnwrap(list as? [[String: Any]]).flatMap { $0["citations"] as? [Any] ?? [] }
    assertSame(documented: tables["citation"], printed: Self.fieldPaths(embedded), "list --json citations")

    assertSame(
      documented: tables["graph"], printed: Self.fieldPaths(try json("graph", "--format", "json")), "graph")
    assertSame(
      documented: tables["cited-by"],
      printed: Self.fieldPaths(try json("cited-by", "ext:ket-luan:7-kl-tw:vn:2021", "--json")),
      "cited-by --json")
    assertSame(
      documented: tables["external"], printed: Self.fieldPaths(try json("show", "07-KL/TW", "--json")),
      "show --json of a cited document")
    var related = Set<String>()
    for id in ["07-KL/TW", "215-CV/TU", "004_f8f51dfb989f039e"] {
      related.formUnion(Self.fieldPaths(try json("related", id, "--json")))
    }
    assertSame(documented: tables["related"], printed: related, "related --json")
    assertSame(
      documented: tables["provinces"], printed: Self.fieldPaths(try json("provinces", "--json")), "provinces")
    assertSame(
      documented: tables["search"], printed: Self.fieldPaths(try json("search", "ket luan 07", "--json")),
      "search")
    assertSame(
      documented: tables["lag"], printed: Self.fieldPaths(try json("lag", "07-KL/TW", "--json")), "lag --json"
    )
  }

  /// The checker itself: paths of nested objects and arrays, and a table read back from Markdown.
  func testFieldPathsAndTablesAreReadAsDocumented() throws {
    let value: Any = [
      ["a": 1, "b": ["c": nil as Any?], "d": [["e": 1], ["f": 2]], "g": [[1, 2]], "h": [["x": 1]]]
    ]
    XCTAssertEqual(
      Self.fieldPaths(value, stop: ["h"]), ["a", "b", "b.c", "d", "d[].e", "d[].f", "g", "h"])
    let tables = try Self.documentedTables()
    XCTAssertTrue(tables["document"]?.contains("signer.name") == true)
    XCTAssertTrue(tables["graph"]?.contains("edges[].mentions") == true)
    XCTAssertFalse(tables["document"]?.contains("field") == true, "the header row is no field")
  }
}
