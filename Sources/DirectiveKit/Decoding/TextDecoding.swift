import Foundation

/// A file's bytes made text: NFC, `\n` line endings, and what had to be guessed or replaced.
public struct DecodedText: Sendable, Equatable {
  public var text: String
  /// `UTF-8`, `Windows-1258`, `TCVN3`, `VNI`; `UTF-16LE` or `UTF-16BE` after a byte order mark.
  public var encoding: String
  /// One short English sentence each; empty when the bytes were clean UTF-8.
  public var warnings: [DocumentWarning]

  public init(text: String, encoding: String, warnings: [DocumentWarning] = []) {
    self.text = text
    self.encoding = encoding
    self.warnings = warnings
  }
}

public enum TextDecoding {
  /// UTF-8 (BOM stripped), else the legacy encoding that yields the most plausible Vietnamese
  /// (Windows-1258, TCVN3/ABC, VNI), else UTF-8 with replacement characters and a warning.
  /// Line endings become "\n"; the result is NFC. Never crashes, never returns nil.
  /// A file that opens with a UTF-16 byte order mark (Notepad's "Unicode") is read as UTF-16.
  public static func decode(_ bytes: [UInt8]) -> DecodedText {
    if let utf16 = decodeUTF16(bytes) { return utf16 }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let text = validUTF8(body) {
      let scan = body.withUnsafeBufferPointer { FastScan($0) }
      if !scan.hasCarriageReturn {
        return DecodedText(text: scan.isNFC ? text : NFC.normalize(text), encoding: "UTF-8")
      }
      return DecodedText(
        text: NFC.normalize(String(decoding: unixLineEndings(body), as: UTF8.self)),
        encoding: "UTF-8")
    }
    let unixBody = unixLineEndings(body)
    let survey = unixBody.withUnsafeBufferPointer { UTF8Survey($0) }
    if survey.truncatedAtEnd && survey.errors == 1 {
      return lossyUTF8(
        unixBody,
        warning: DocumentWarning(
          .truncatedCharacter,
          "file ends inside a multi-byte character: last "
            + "\(survey.invalidBytes) byte\(survey.invalidBytes == 1 ? "" : "s") replaced"))
    }
    let lossyWarning = DocumentWarning(
      .undecodableBytes, "undecodable bytes replaced (\(survey.invalidBytes) of \(bytes.count))")
    if survey.validMultibyte >= 4 * survey.errors {
      return lossyUTF8(unixBody, warning: lossyWarning)
    }
    if let legacy = bestLegacyEncoding(unixBody) {
      let decoding = LegacyCodec.decode(unixBody[...], as: legacy)
      var warnings = [DocumentWarning(.legacyEncoding, legacy.warning)]
      if decoding.undefinedBytes > 0 {
        warnings.append(
          DocumentWarning(
            .undecodableBytes, "undecodable bytes replaced (\(decoding.undefinedBytes) of \(bytes.count))"))
      }
      return DecodedText(
        text: NFC.normalize(decoding.text), encoding: legacy.rawValue, warnings: warnings)
    }
    return lossyUTF8(unixBody, warning: lossyWarning)
  }

  /// `decode(bytes)`, with the scanner of its text when the bytes are UTF-8 that needs nothing
  /// but its byte order mark dropped and its line endings made LF (no scalar NFC would change):
  /// then the bytes are read once, by the scanner's pass, which also validates them, and the
  /// text is copied from them without a second validation; the scanner keeps them. Otherwise no
  /// scanner, and the text is `decode`'s.
  static func decodeForScanning(_ bytes: [UInt8]) -> (decoded: DecodedText, scanner: TextScanner?) {
    if !hasUTF16ByteOrderMark(bytes) {
      let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
      var body = hasByteOrderMark ? Array(bytes.dropFirst(3)) : bytes
      let hasCarriageReturn = body.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false
      }
      // CR and CRLF become one LF: an ASCII byte stays where one was, so the bytes are valid
      // UTF-8 exactly when they were before.
      if hasCarriageReturn { body = unixLineEndings(body[...]) }
      let pass = ScannerPass(body)
      if pass.isWellFormed, pass.isDecodedForm {
        let text = body.withUnsafeBufferPointer { String(wellFormedUTF8: $0) }
        let scanner = TextScanner(text: text, utf8: body, pass: pass)
        return (DecodedText(text: text, encoding: "UTF-8"), scanner)
      }
    }
    return (decode(bytes), nil)
  }

  /// True when the bytes look binary (NUL bytes, a PDF header, a high share of control bytes).
  ///
  /// Escape characters do not count: a text that carries escape sequences is still text, and
  /// is shown with visible placeholders (see `TerminalSafety`). Text in UTF-16 with a byte
  /// order mark is not binary, though full of NUL bytes.
  public static func looksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: Array("%PDF-".utf8)) { return true }
    if hasUTF16ByteOrderMark(bytes), let utf16 = decodeUTF16(Array(bytes.prefix(64 * 1024))) {
      return looksBinary(Array(utf16.text.utf8))
    }
    let sampleCount = min(bytes.count, 64 * 1024)
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      var controls = 0
      var index = 0
      while index < sampleCount {
        // Eight bytes at a time while none is below a space (the lowest flagged byte is a true one).
        if index + 8 <= sampleCount {
          let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
          let below20 = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
          if below20 == 0 {
            index += 8
            continue
          }
          index += below20.trailingZeroBitCount >> 3
        }
        let byte = base[index]
        index += 1
        guard byte < 0x20 else { continue }
        if byte == 0 { return true }
        if !isLayoutByte(byte) { controls += 1 }
      }
      return controls * 4 > sampleCount
    }
  }

  private static func hasUTF16ByteOrderMark(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
  }

  /// Tab, line feed, form feed, carriage return and escape.
  @inline(__always) private static func isLayoutByte(_ byte: UInt8) -> Bool {
    byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x1B
  }

  /// UTF-16 text after its byte order mark (`FF FE` little-endian, `FE FF` big-endian); nil
  /// without one. An odd last byte or unpaired surrogates become U+FFFD with a warning.
  static func decodeUTF16(_ bytes: [UInt8]) -> DecodedText? {
    let littleEndian: Bool
    if bytes.starts(with: [0xFF, 0xFE]) {
      littleEndian = true
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      littleEndian = false
    } else {
      return nil
    }
    let body = bytes.dropFirst(2)
    var units: [UInt16] = []
    units.reserveCapacity(body.count / 2)
    var index = body.startIndex
    while index + 1 < body.endIndex {
      let first = UInt16(body[index])
      let second = UInt16(body[index + 1])
      units.append(littleEndian ? first | second << 8 : first << 8 | second)
      index += 2
    }
    var scalars = String.UnicodeScalarView()
    var replaced = 0
    var decoder = UTF16()
    var iterator = units.makeIterator()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): scalars.append(scalar)
      case .emptyInput: break decoding
      case .error:
        scalars.append("\u{FFFD}")
        replaced += 1
      }
    }
    if body.count % 2 == 1 {
      scalars.append("\u{FFFD}")
      replaced += 1
    }
    let text = String(scalars).replacingOccurrences(of: "\r\n", with: "\n")
      .replacingOccurrences(of: "\r", with: "\n")
    let encoding = littleEndian ? "UTF-16LE" : "UTF-16BE"
    return DecodedText(
      text: NFC.normalize(text), encoding: encoding,
      warnings: replaced == 0
        ? []
        : [DocumentWarning(.undecodableBytes, "undecodable bytes replaced (\(replaced) of \(bytes.count))")])
  }

  /// The bytes as a string when they are well-formed UTF-8; the standard library's validation
  /// is the fastest there is, where it is available.
  private static func validUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
    if #available(macOS 15, *) {
      return String(validating: bytes, as: UTF8.self)
    }
    let isValid = bytes.withUnsafeBufferPointer { UTF8Survey($0).errors == 0 }
    return isValid ? String(decoding: bytes, as: UTF8.self) : nil
  }

  private static func lossyUTF8(_ bytes: [UInt8], warning: DocumentWarning) -> DecodedText {
    let text = String(decoding: bytes, as: UTF8.self)
    return DecodedText(text: NFC.normalize(text), encoding: "UTF-8", warnings: [warning])
  }

  /// CRLF and lone CR become LF.
  static func unixLineEndings(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var output = [UInt8]()
    output.reserveCapacity(bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var start = 0
      while start < buffer.count {
        guard let found = memchr(base + start, 0x0D, buffer.count - start) else {
          output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
          return
        }
        let carriageReturn = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<carriageReturn]))
        output.append(0x0A)
        start = carriageReturn + 1
        if start < buffer.count && buffer[start] == 0x0A { start += 1 }
      }
    }
    return output
  }

  /// Up to this many bytes, cut at a line or word end, decide the encoding.
  private static let sampleSize = 16 * 1024
  /// The share of accented words that must be Vietnamese syllables for a decoding to count.
  private static let plausibleShare = 0.5

  /// The legacy encoding whose decoding reads best as Vietnamese, if any reads plausibly
  /// and better than UTF-8 with replacements.
  static func bestLegacyEncoding(_ bytes: [UInt8]) -> LegacyEncoding? {
    var sample = bytes[...]
    if bytes.count > sampleSize {
      let cut = bytes[..<sampleSize].lastIndex(where: { $0 == 0x0A || $0 == 0x20 }) ?? sampleSize
      sample = bytes[..<cut]
    }
    func share(_ score: (syllables: Int, words: Int)) -> Double {
      score.words == 0 ? 0 : Double(score.syllables) / Double(score.words)
    }
    let utf8Share = share(VietnameseSyllables.score(String(decoding: sample, as: UTF8.self)))
    var best: (encoding: LegacyEncoding, share: Double)?
    var cleanWindows1258 = false
    for encoding in LegacyEncoding.allCases {
      let decoding = LegacyCodec.decode(sample, as: encoding)
      let score = VietnameseSyllables.score(decoding.scalars)
      if encoding == .windows1258 {
        cleanWindows1258 =
          score.words == 0 && decoding.undefinedBytes == 0
          && !sample.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0C }
      }
      if score.syllables > 0, share(score) > (best?.share ?? 0) {
        best = (encoding, share(score))
      }
    }
    if let best, best.share >= plausibleShare, best.share > utf8Share { return best.encoding }
    // No accented words at all (only stray punctuation bytes): Windows-1258 is the reading
    // that invents nothing, when it leaves nothing undefined.
    if cleanWindows1258 { return .windows1258 }
    return nil
  }
}

/// One pass over well-formed UTF-8: is there a carriage return, and is every scalar one that
/// NFC leaves alone? Only lead bytes from 0xCC on (U+0300 and up) need decoding.
struct FastScan {
  var hasCarriageReturn = false
  var isNFC = true

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    var hasCarriageReturn = false
    var isNFC = true
    var index = 0
    while index < count {
      // Eight bytes at a time while none is a CR or a lead byte from 0xCC on.
      if index + 8 <= count {
        let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
        let high = word & 0x8080_8080_8080_8080
        // Bit 7 set in each byte whose low seven bits are 0x4C or more.
        let atLeast4C = ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & high
        let crBytes = word ^ 0x0D0D_0D0D_0D0D_0D0D
        let hasCR = (crBytes &- 0x0101_0101_0101_0101) & ~crBytes & 0x8080_8080_8080_8080
        let flagged = atLeast4C | hasCR
        if flagged == 0 {
          index += 8
          continue
        }
        // The lowest flagged byte is a CR or a lead byte from 0xCC on (a false CR flag only ever
        // sits above a true one); the bytes before it need nothing.
        index += flagged.littleEndian.trailingZeroBitCount / 8
      }
      let byte = bytes[index]
      index += 1
      if byte < 0xCC {
        if byte == 0x0D { hasCarriageReturn = true }
        continue
      }
      guard isNFC else { continue }
      // U+1E00–U+1EFF, the precomposed Vietnamese letters, which NFC leaves alone.
      if byte == 0xE1, index + 1 < count, bytes[index] >= 0xB8, bytes[index] <= 0xBB {
        index += 2
        continue
      }
      if byte < 0xE0 {
        isNFC = false  // U+0300–U+07FF: combining marks, Greek, Cyrillic, Hebrew, Arabic
      } else if byte < 0xF0 {
        let (scalar, length) = UTF8Decoding.multibyteScalar(
          at: index - 1, in: bytes.baseAddress!, count: count)
        if !NFC.isInert(scalar) { isNFC = false }
        index += length - 1
      } else {
        isNFC = false
      }
    }
    self.hasCarriageReturn = hasCarriageReturn
    self.isNFC = isNFC
  }
}

/// One pass over bytes as UTF-8: errors (maximal invalid subparts, as U+FFFD replaces them)
/// and valid multi-byte sequences.
struct UTF8Survey {
  var errors = 0
  var invalidBytes = 0
  var validMultibyte = 0
  /// The last error is an incomplete sequence cut off by the end of the bytes.
  var truncatedAtEnd = false

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    var index = 0
    while index < count {
      // Skip ASCII eight bytes at a time.
      if index + 8 <= count {
        let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          index += 8
          continue
        }
      }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let (length, secondLow, secondHigh) = UTF8Survey.shape(of: lead)
      var consumed = 1
      var complete = length > 1
      while complete && consumed < length {
        guard index + consumed < count else {
          complete = false
          break
        }
        let byte = bytes[index + consumed]
        let low: UInt8 = consumed == 1 ? secondLow : 0x80
        let high: UInt8 = consumed == 1 ? secondHigh : 0xBF
        guard byte >= low && byte <= high else {
          complete = false
          break
        }
        consumed += 1
      }
      if complete {
        validMultibyte += 1
      } else {
        errors += 1
        invalidBytes += consumed
        truncatedAtEnd = length > 1 && index + consumed == count
      }
      index += consumed
    }
  }

  /// Sequence length and the range of the second byte for a lead byte (Unicode Table 3-7);
  /// length 0 for bytes that cannot lead.
  @inline(__always)
  static func shape(of lead: UInt8) -> (Int, UInt8, UInt8) {
    switch lead {
    case 0xC2...0xDF: return (2, 0x80, 0xBF)
    case 0xE0: return (3, 0xA0, 0xBF)
    case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80, 0xBF)
    case 0xED: return (3, 0x80, 0x9F)
    case 0xF0: return (4, 0x90, 0xBF)
    case 0xF1...0xF3: return (4, 0x80, 0xBF)
    case 0xF4: return (4, 0x80, 0x8F)
    default: return (0, 0, 0)
    }
  }
}

/// NFC normalisation that stays linear: Foundation's is quadratic on long strings on Linux, so
/// only lines that may change are normalised, in chunks cut where no composition can cross.
enum NFC {
  /// Scalars that NFC never changes and that never compose with what precedes them: Latin up
  /// to U+02FF, precomposed Vietnamese (U+1E00–U+1EFF), punctuation and currency, U+FFFD.
  @inline(__always)
  static func isInert(_ value: UInt32) -> Bool {
    value < 0x300 || (value >= 0x1E00 && value <= 0x1EFF) || (value >= 0x2002 && value <= 0x206F)
      || (value >= 0x20A0 && value <= 0x20CF) || value == 0xFFFD
  }

  /// Lines longer than this many bytes are normalised in chunks.
  static let chunkSize = 16 * 1024

  static func normalize(_ text: String) -> String {
    let bytes = Array(text.utf8)
    let isNFC = bytes.withUnsafeBufferPointer { FastScan($0).isNFC }
    if isNFC { return text }
    var output = [UInt8]()
    output.reserveCapacity(bytes.count + bytes.count / 8)
    bytes.withUnsafeBufferPointer { buffer in
      var lineStart = 0
      while lineStart < buffer.count {
        let lineEnd = buffer[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? buffer.count
        let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
        if FastScan(line).isNFC {
          output.append(contentsOf: line)
        } else {
          normalizeLine(line, into: &output)
        }
        lineStart = lineEnd
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// `Thư̛ờng`: a PDF's font slip puts a second horn (U+031B) on a letter that has one (`ư`, `ơ`),
  /// which no Vietnamese word holds and which splits the word in two; it is dropped.
  static func withoutSecondHorns(_ text: String) -> String {
    guard text.unicodeScalars.contains("\u{31B}") else { return text }
    var scalars = String.UnicodeScalarView()
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
      if scalar == "\u{31B}", "ưƯơƠ".unicodeScalars.contains(previous) { continue }
      scalars.append(scalar)
      previous = scalar
    }
    return String(scalars)
  }

  private static func normalizeLine(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    var start = 0
    while start < line.count {
      var end = min(start + chunkSize, line.count)
      // Cut before an ASCII or Latin (U+0080–U+02FF) scalar: none composes with what precedes.
      while end < line.count && !(line[end] < 0x80 || (line[end] >= 0xC2 && line[end] <= 0xCB)) {
        end += 1
      }
      let chunk = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
      let composed = chunk.precomposedStringWithCanonicalMapping
      output.append(contentsOf: withoutSecondHorns(composed).utf8)
      start = end
    }
  }
}
