import Foundation
import TestSupport
import XCTest

/// docs/json.md's CSV headers and the program's agree, and the program's CSV is RFC 4180: each
/// `<!-- csv: NAME -->` is followed by a line holding the header row in backticks, which must be
/// the first line of that command's `--format csv` on the shipped corpus.
final class CSVDocsTests: XCTestCase {
  static func documentedHeaders() throws -> [String: String] {
    let text = try String(contentsOf: Package.root.appendingPathComponent("docs/json.md"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var headers: [String: String] = [:]
    for (index, line) in lines.enumerated() where line.hasPrefix("<!-- csv: ") && line.hasSuffix(" -->") {
      let name = String(line.dropFirst("<!-- csv: ".count).dropLast(" -->".count))
      let next = index + 1 < lines.count ? lines[index + 1] : ""
      if next.hasPrefix("`"), next.hasSuffix("`") { headers[name] = String(next.dropFirst().dropLast()) }
    }
    return headers
  }

  func csv(_ arguments: [String]) -> String {
    let result = runProgram([Package.binary] + arguments)
    XCTAssertEqual(result.status, 0, "\(arguments): \(result.errors)")
    return result.standardOutput
  }

  func testEveryCommandsHeaderIsTheDocumentedOne() throws {
    let documented = try Self.documentedHeaders()
    let commands: [String: [String]] = [
      "list": ["list"], "show": ["show", "215-CV/TU"], "external": ["show", "07-KL/TW"],
      "cites": ["cites", "215-CV/TU"], "cited-by": ["cited-by", "07-KL/TW"],
      "related": ["related", "07-KL/TW"],
      "graph": ["graph"], "provinces": ["provinces"], "search": ["search", "covid"],
      "lag": ["lag", "07-KL/TW"],
    ]
    XCTAssertEqual(Set(documented.keys), Set(commands.keys))
    for (name, arguments) in commands {
      let output = csv(arguments + ["--format", "csv"])
      let header = output.components(separatedBy: "\r\n").first ?? ""
      XCTAssertEqual(header, documented[name], name)
      XCTAssertTrue(output.hasSuffix("\r\n"), "\(name): every line ends with CRLF")
      XCTAssertGreaterThan(output.components(separatedBy: "\r\n").count, 2, "\(name): a row under the header")
    }
  }

  /// Reads RFC 4180 back: quoted fields may hold commas, quotes (doubled) and line breaks.
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let scalar = characters.popFirst() {
      if quoted {
        if scalar == "\"" {
          if characters.first == "\"" {
            field.unicodeScalars.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
      } else if scalar == "\"" {
        quoted = true
      } else if scalar == "," {
        row.append(field)
        field = ""
      } else if scalar == "\r", characters.first == "\n" {
        characters.removeFirst()
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.unicodeScalars.append(scalar)
      }
    }
    return rows
  }

  func testListCSVReadsBackToTheJSONValues() throws {
    let rows = Self.parse(csv(["list", "--format", "csv"]))
    let list = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(csv(["list", "--json"]).utf8)) as? [[String: Any]])
    XCTAssertEqual(rows.count, list.count + 1)
    let header = rows[0]
    for (row, object) in zip(rows.dropFirst(), list) {
      XCTAssertEqual(row.count, header.count)
      for column in ["id", "file", "province", "number", "subject", "date", "not_before"] {
        let position = try XCTUnwrap(header.firstIndex(of: column))
        XCTAssertEqual(row[position], object[column] as? String ?? "", column)
      }
    }
    // The shipped subjects hold commas: they come back whole, so they were quoted.
    XCTAssertTrue(rows.dropFirst().contains { $0[header.firstIndex(of: "subject")!].contains(",") })
  }

  func testShowCSVKeepsTheWholeTextInOneQuotedField() throws {
    let rows = Self.parse(csv(["show", "215-CV/TU", "--format", "csv"]))
    XCTAssertEqual(rows.count, 2)
    let text = try XCTUnwrap(rows[1].last)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(csv(["show", "215-CV/TU", "--json"]).utf8)) as? [String: Any])
    XCTAssertEqual(text, json["text"] as? String)
    XCTAssertTrue(text.contains("\n"))
  }
}
