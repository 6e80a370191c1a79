import XCTest

@testable import DirectiveKit

final class FoldingTests: XCTestCase {
  func testFoldsMarksAndDBar() {
    XCTAssertEqual("Kết luận".folded, "ket luan")
    XCTAssertEqual("ĐẢNG CỘNG SẢN VIỆT NAM".folded, "dang cong san viet nam")
    XCTAssertEqual("Hoà Bình".folded, "Hòa Bình".folded)
    XCTAssertEqual("thuỷ".folded, "thủy".folded)
  }

  func testFoldsDecomposedTextLikeComposed() {
    let nfd = "Kiên Giang".decomposedStringWithCanonicalMapping
    XCTAssertEqual(nfd.folded, "kien giang")
  }
}
