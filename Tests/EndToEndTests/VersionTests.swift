import Foundation
import TestSupport
import XCTest

final class VersionTests: XCTestCase {
  /// `--version` names the release and the commit the binary was built from, as git sees it now
  /// (the test suite builds the binary it runs, so the two agree).
  func testVersionNamesTheReleaseAndTheGitRevision() throws {
    let result = runProgram([Package.binary, "--version"])
    XCTAssertEqual(result.status, 0, result.errors)
    let line = result.output.trimmingCharacters(in: .newlines)
    let pattern = try NSRegularExpression(
      pattern: #"^vanban [0-9]+\.[0-9]+\.[0-9]+ \(git ([0-9a-f]{12}(-dirty)?|unknown)\)$"#)
    XCTAssertNotNil(pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
    let head = runProgram(["git", "-c", "safe.directory=*", "rev-parse", "--short=12", "HEAD"])
    try XCTSkipIf(head.status != 0, "not a git checkout: the revision is “unknown”")
    let revision = head.output.trimmingCharacters(in: .newlines)
    XCTAssertTrue(line.contains("(git \(revision)"), "\(line) is not built from \(revision)")
  }
}
