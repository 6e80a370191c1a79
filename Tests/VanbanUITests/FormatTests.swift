import DirectiveKit
import XCTest

@testable import VanbanUI

final class FormatTests: XCTestCase {
  func testTheProvinceColumnSaysCentralAndNeverInventsAProvince() {
    var central = Document(id: "c", file: "c.txt", text: "")
    central.level = .central
    XCTAssertEqual(Format.province(of: central), "central")
    var placed = Document(id: "p", file: "p.txt", text: "")
    placed.province = "Nam Định"
    XCTAssertEqual(Format.province(of: placed), "Nam Định")
    let unknown = Document(id: "u", file: "u.txt", text: "")
    XCTAssertEqual(Format.province(of: unknown), "?")
    XCTAssertEqual(Format.province(of: unknown, unknown: "—"), "—")
  }

  func testAMonthWithoutADayIsShownAsAMonth() {
    var document = Document(id: "m", file: "m.txt", text: "")
    document.month = Month(year: 2021, month: 2)
    XCTAssertEqual(Format.date(of: document), "2021-02")
    document.date = Day(year: 2021, month: 2, day: 5)
    XCTAssertEqual(Format.date(of: document), "2021-02-05")
  }
}
