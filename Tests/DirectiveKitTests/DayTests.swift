import XCTest

@testable import DirectiveKit

final class DayTests: XCTestCase {
  func testLagBetweenDays() throws {
    let conclusion = try XCTUnwrap(Day(year: 2021, month: 6, day: 11))
    let answer = try XCTUnwrap(Day(year: 2021, month: 6, day: 14))
    XCTAssertEqual(answer.days(since: conclusion), 3)
    XCTAssertEqual(Day(year: 2021, month: 3, day: 1)!.days(since: Day(year: 2021, month: 2, day: 28)!), 1)
    XCTAssertEqual(Day(year: 1970, month: 1, day: 1)!.ordinal, 0)
  }

  func testInvalidDaysAreRejected() {
    XCTAssertNil(Day(year: 2021, month: 2, day: 29))
    XCTAssertNil(Day(year: 2021, month: 13, day: 1))
    XCTAssertNotNil(Day(year: 2020, month: 2, day: 29))
  }

  func testFormats() {
    let day = Day(year: 2021, month: 6, day: 1)!
    XCTAssertEqual(day.iso, "2021-06-01")
    XCTAssertEqual(day.vietnamese, "01/06/2021")
  }
}
