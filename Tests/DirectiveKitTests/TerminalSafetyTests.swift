import VanbanGenerator
import XCTest

@testable import DirectiveKit

final class TerminalSafetyTests: XCTestCase {
  func testEscapeSequencesBecomeVisiblePlaceholders() {
    let cases: [(String, String)] = [
      ("\u{1B}]0;pwned\u{07}", "␛]0;pwned␇"),
      ("\u{1B}]52;c;cm0gLXJmIH4=\u{07}", "␛]52;c;cm0gLXJmIH4=␇"),
      ("\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\", "␛]52;c;cm0gLXJmIH4=␛\\"),
      ("\u{1B}[2J\u{1B}[H", "␛[2J␛[H"),
      ("\u{9B}31m đỏ", "\u{FFFD}31m đỏ"),
      ("\u{9D}0;title\u{9C}", "\u{FFFD}0;title\u{FFFD}"),
      ("abc\u{08}\u{08}\u{08}xyz", "abc␈␈␈xyz"),
      ("tab\tand\nline", "tab\tand\nline"),
      ("carriage\rreturn", "carriage␍return"),
      ("nul\u{0}del\u{7F}", "nul␀del␡"),
      ("\u{202E}gnp.exe", "⇄gnp.exe"),
      ("a\u{2066}b\u{2069}c", "a⇄b⇄c"),
    ]
    for (raw, shown) in cases {
      let safe = TerminalSafety.sanitize(raw)
      XCTAssertEqual(safe, shown)
      XCTAssertTrue(TerminalSafety.isSafe(safe), shown)
      XCTAssertFalse(TerminalSafety.isSafe(raw) && raw != shown, shown)
    }
  }

  func testLayoutCanBeMadeVisibleToo() {
    XCTAssertEqual(TerminalSafety.sanitize("a\tb\nc", keepLayout: false), "a␉b␊c")
    XCTAssertEqual(TerminalSafety.sanitize("a\tb\nc"), "a\tb\nc")
  }

  func testSafeTextIsReturnedUnchanged() throws {
    let seed = try TextDecodingTests.seed(TextDecodingTests.firstSeed)
    XCTAssertTrue(TerminalSafety.isSafe(seed))
    XCTAssertEqual(TerminalSafety.sanitize(seed), seed)
    // Neighbours of the dangerous ranges are left alone.
    let neighbours = "\u{A0}\u{2029}\u{202F}\u{2065}\u{206A}“Đ”…–"
    XCTAssertTrue(TerminalSafety.isSafe(neighbours))
    XCTAssertEqual(TerminalSafety.sanitize(neighbours), neighbours)
  }

  func testEveryScalarIsReplacedByExactlyOne() {
    var generator = SplitMix64(seed: 11)
    for _ in 0..<200 {
      let scalars = (0..<Int.random(in: 0..<80, using: &generator)).compactMap { _ -> Unicode.Scalar? in
        let pool: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x9F, 0x2000...0x206F, 0x1EA0...0x1EF9]
        let range = pool.randomElement(using: &generator)!
        return Unicode.Scalar(UInt32.random(in: range, using: &generator))
      }
      let text = String(String.UnicodeScalarView(scalars))
      let safe = TerminalSafety.sanitize(text)
      XCTAssertTrue(TerminalSafety.isSafe(safe))
      XCTAssertEqual(safe.unicodeScalars.count, text.unicodeScalars.count)
      for (original, shown) in zip(text.unicodeScalars, safe.unicodeScalars) {
        let value = original.value
        let dangerous =
          (value < 0x20 && original != "\n" && original != "\t") || (0x7F...0x9F).contains(value)
          || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        XCTAssertEqual(shown == original, !dangerous, "U+\(String(value, radix: 16))")
      }
      XCTAssertEqual(TerminalSafety.isSafe(text), safe == text)
    }
  }

  func testDecodedHostileFileIsSafeAfterSanitising() {
    let hostile =
      "Kính gửi:\u{1B}]0;pwned\u{07}\r\n\u{1B}]52;c;ZWNobyBoaQ==\u{07}\u{1B}[2J\u{9B}6n\u{08}\u{08}"
    let decoded = TextDecoding.decode(Array(hostile.utf8))
    XCTAssertEqual(decoded.encoding, "UTF-8")
    let shown = TerminalSafety.sanitize(decoded.text)
    XCTAssertEqual(shown, "Kính gửi:␛]0;pwned␇\n␛]52;c;ZWNobyBoaQ==␇␛[2J\u{FFFD}6n␈␈")
    XCTAssertTrue(TerminalSafety.isSafe(shown))
  }
}
