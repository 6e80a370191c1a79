import XCTest

@testable import DirectiveKit

/// `list --json` written element by element, straight to standard output.
final class JSONStreamingTests: XCTestCase {
  func testStreamedArrayIsTheRenderedArray() {
    let element: (Int) -> JSONValue = { index in
      .object([
        ("id", .string("doc \(index) \"quoted\" \u{1B}[2J")),
        ("numbers", .array((0..<(index % 3)).map { .int($0) })),
        ("nested", .object(index % 2 == 0 ? [] : [("empty", .array([])), ("none", .null)])),
        ("share", .number(Double(index) / 4)),
      ])
    }
    for count in [0, 1, 2, 40] {
      let whole = JSONValue.array((0..<count).map(element))
      for indent in [nil, 2] as [Int?] {
        for pieceSize in [1, 64, 1 << 16] {
          var streamed: [UInt8] = []
          var pieces = 0
          JSONValue.writeArray(count: count, indent: indent, pieceSize: pieceSize, element: element) {
            streamed += $0
            pieces += 1
          }
          XCTAssertEqual(String(decoding: streamed, as: UTF8.self), whole.rendered(indent: indent))
          if pieceSize == 1 { XCTAssertEqual(pieces, count == 0 ? 1 : count + 1) }
        }
      }
    }
  }

  /// `list --json` writes its text straight out, without `Output.raw`'s sanitising: JSON must
  /// already leave nothing a terminal would act on.
  func testRenderedJSONIsTerminalSafeWhateverItsStrings() {
    var hostile = String.UnicodeScalarView()
    for value in Array(0x00...0x20) + Array(0x7F...0xA0) + Array(0x2028...0x202F) + Array(0x2066...0x2069) {
      hostile.append(Unicode.Scalar(UInt32(value))!)
    }
    let text = String(hostile)
    XCTAssertFalse(TerminalSafety.isSafe(text))
    let value = JSONValue.array([.object([(text, .string(text)), ("plain", .array([.string(text)]))])])
    for indent in [nil, 2] as [Int?] {
      let rendered = value.rendered(indent: indent)
      XCTAssertTrue(TerminalSafety.isSafe(rendered))
      XCTAssertEqual(TerminalSafety.sanitize(rendered, keepLayout: true), rendered)
    }
  }
}
