import Foundation
import TestSupport
import XCTest

/// The README is read in a fresh clone: every file it links to or names in `docs/` is there, and
/// nothing points outside the repository.
final class ReadmeTests: XCTestCase {
  func testTheReadmeLinksOnlyToFilesOfTheRepository() throws {
    let readme = try String(contentsOf: Package.root.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertFalse(readme.contains("../"), "the README points outside the repository")
    let links = try NSRegularExpression(pattern: #"\]\(([^)#]+)(#[^)]*)?\)"#)
    let targets = links.matches(in: readme, range: NSRange(readme.startIndex..., in: readme))
      .compactMap { Range($0.range(at: 1), in: readme).map { String(readme[$0]) } }
      .filter { !$0.contains("://") }
    XCTAssertTrue(targets.contains("docs/json.md") && targets.contains("docs/documents.md"), "\(targets)")
    for target in targets {
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: Package.root.appendingPathComponent(target).path), target)
    }
    let docs = try String(
      contentsOf: Package.root.appendingPathComponent("docs/documents.md"), encoding: .utf8)
    XCTAssertFalse(docs.contains("../"), "docs/documents.md points outside the repository")
    XCTAssertTrue(docs.contains("[json.md](json.md)"))
  }
}
