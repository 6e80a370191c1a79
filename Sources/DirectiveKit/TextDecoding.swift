import Foundation

public struct DecodedText: Sendable {
  public var text: String
  public var encoding: String
  public var warnings: [String]
}

/// Bytes to NFC text with `\n` line endings. UTF-8 first; anything else is kept with
/// replacement characters and a warning.
public enum TextDecoding {
  public static func decode(_ bytes: [UInt8]) -> DecodedText {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var warnings: [String] = []
    var text = String(decoding: body, as: UTF8.self)
    if String(validating: body, as: UTF8.self) == nil {
      warnings.append("not valid UTF-8: undecodable bytes replaced")
    }
    if body.contains(0x0D) {
      text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    return DecodedText(text: normalizedLines(text), encoding: "UTF-8", warnings: warnings)
  }

  public static func looksBinary(_ bytes: [UInt8]) -> Bool {
    bytes.prefix(8192).contains(0) || bytes.starts(with: Array("%PDF-".utf8))
  }

  /// NFC, line by line: Foundation's normalisation is quadratic on long strings.
  static func normalizedLines(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value >= 0x300 && $0.value <= 0x36F }) else {
      return text
    }
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.precomposedStringWithCanonicalMapping }
      .joined(separator: "\n")
  }
}
