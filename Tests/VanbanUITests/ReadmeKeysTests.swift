import Foundation
import TestSupport
import XCTest

@testable import VanbanUI

/// The README's key table is generated from the key table: the block between its markers is
/// `KeyTable.markdown` to the byte (`VANBAN_RECORD=1` writes it anew after a change).
final class ReadmeKeysTests: XCTestCase {
  static let opening =
    "<!-- keys: generated from KeyTable (VANBAN_RECORD=1 swift test --filter ReadmeKeysTests) -->\n"
  static let closing = "<!-- end of the generated keys -->"

  func testTheReadmeKeyTableIsTheKeyTable() throws {
    let url = Package.root.appendingPathComponent("README.md")
    let readme = try String(contentsOf: url, encoding: .utf8)
    let start = try XCTUnwrap(readme.range(of: Self.opening), "no generated key table in the README")
    let end = try XCTUnwrap(readme.range(of: Self.closing, range: start.upperBound..<readme.endIndex))
    let block = String(readme[start.upperBound..<end.lowerBound])
    if ProcessInfo.processInfo.environment["VANBAN_RECORD"] == "1", block != KeyTable.markdown {
      let written = readme.replacingCharacters(in: start.upperBound..<end.lowerBound, with: KeyTable.markdown)
      try written.write(to: url, atomically: true, encoding: .utf8)
      return XCTFail("wrote the README's key table; review it and run again")
    }
    XCTAssertEqual(block, KeyTable.markdown, "the README's key table is not the key table's")
  }

  /// Every binding has a row, so a key added to the table shows in the README at once.
  func testTheGeneratedTableHasARowPerBinding() {
    let rows = KeyTable.markdown.split(separator: "\n").dropFirst(2)
    XCTAssertEqual(rows.count, KeyTable.bindings.count)
    for (row, binding) in zip(rows, KeyTable.bindings) {
      XCTAssertTrue(
        row.hasSuffix("| \(binding.help.replacingOccurrences(of: "|", with: "\\|")) |"), String(row))
    }
  }
}
