import XCTest

final class GridPlaceholderTests: XCTestCase {
  func testNothingYet() throws { throw XCTSkip("the UI lands with the terminal browser issue") }
}
