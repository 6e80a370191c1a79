import VanbanGenerator
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

  /// The fold written into one buffer is the fold appended scalar by scalar to an array and
  /// decoded, on texts of every kind of scalar: those whose lower case is longer in UTF-8 (`Ⱥ`,
  /// two bytes, lowers to `ⱥ`, three), marks alone, no-break spaces, scalars beyond the BMP.
  func testTheBufferedFoldIsTheFoldByArray() {
    func reference(_ text: String) -> String {
      var bytes: [UInt8] = []
      for scalar in text.unicodeScalars {
        guard let folded = VietnameseFolding.fold(scalar) else { continue }
        bytes.append(contentsOf: folded.utf8)
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    let pieces = [
      "Kết luận", "ĐẢNG", "\u{23A}\u{23A}\u{23E}", "\u{212A}", "\u{301}", "e\u{302}\u{301}", "\u{A0}", "𐐀𐐁",
      "ǅ", "İ", "ẞ", "Ω", "Ꞵ", "ǈ", " ", "-", "1", "\u{0}", "\u{1E9E}", "Σ",
    ]
    var random = SplitMix64(seed: 5)
    for _ in 0..<5000 {
      let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
        .joined()
      XCTAssertEqual(text.folded, reference(text), text.debugDescription)
      XCTAssertEqual(Substring(text).folded, reference(text), text.debugDescription)
    }
    XCTAssertEqual("\u{23A}".folded, "\u{2C65}")
  }
}
