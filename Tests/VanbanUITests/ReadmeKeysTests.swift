import Foundation
import TestSupport
import XCTest

@testable import VanbanUI

/// The README's `## Keys` section names every key of the key table, each in backquotes.
final class ReadmeKeysTests: XCTestCase {
  func testTheReadmeNamesEveryKeyOfTheTable() throws {
    let readme = try String(contentsOf: Package.root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try XCTUnwrap(readme.range(of: "\n## Keys\n"))
    let section = readme[start.upperBound...]
    let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
    let quoted = section[..<end].split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map(\.element)
    let named = Set(quoted.map(String.init)).union(
      quoted.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init) })
    for binding in KeyTable.bindings {
      for key in binding.keys {
        XCTAssertTrue(
          named.contains(key.label), "the README's keys do not name “\(key.label)” (\(binding.help))")
      }
    }
  }
}
