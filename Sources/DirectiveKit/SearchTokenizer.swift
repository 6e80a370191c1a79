import Foundation

/// What the search tokenizer knows about one Unicode scalar, packed in 32 bits:
/// bits 0–7 the folded ASCII byte (0 when the letter has no ASCII fold), bits 8–10 the tone
/// (0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng), bit 11 word character, bit 12 digit,
/// bit 13 combining mark, bit 14 upper case, bits 16–31 the scalar lower-cased without its tone
/// (vowel-quality marks and `đ` kept).
enum ScalarInfo {
  static let wordBit: UInt32 = 1 << 11
  static let digitBit: UInt32 = 1 << 12
  static let combiningBit: UInt32 = 1 << 13
  static let upperBit: UInt32 = 1 << 14
  static let tableSize = 0x2000

  static let table: [UInt32] = {
    var table = [UInt32](repeating: 0, count: tableSize)
    let toneOfMark: [UInt32: UInt32] = [0x300: 1, 0x301: 2, 0x309: 3, 0x303: 4, 0x323: 5]
    for value in 0..<tableSize {
      guard let scalar = Unicode.Scalar(value) else { continue }
      table[value] = describe(scalar, toneOfMark: toneOfMark)
    }
    return table
  }()

  private static func describe(_ scalar: Unicode.Scalar, toneOfMark: [UInt32: UInt32]) -> UInt32 {
    let value = scalar.value
    if VietnameseFolding.isCombiningMark(value) {
      return combiningBit | ((toneOfMark[value] ?? 0) << 8)
    }
    if value < 0x80 {
      let byte = UInt8(value)
      let isDigit = byte >= 48 && byte <= 57
      let isUpper = byte >= 65 && byte <= 90
      let isLower = byte >= 97 && byte <= 122
      guard isDigit || isUpper || isLower else { return 0 }
      let lower = UInt32(isUpper ? byte + 32 : byte)
      return lower | (lower << 16) | wordBit | (isDigit ? digitBit : 0) | (isUpper ? upperBit : 0)
    }
    let properties = scalar.properties
    guard properties.isAlphabetic || properties.numericType != nil else { return 0 }
    var info = wordBit
    if properties.isUppercase { info |= upperBit }
    if properties.numericType == .decimal { info |= digitBit }
    if let folded = VietnameseFolding.fold(scalar), folded.isASCII, folded != scalar {
      info |= folded.value
    }
    var tone: UInt32 = 0
    var kept = String.UnicodeScalarView()
    for part in String(Character(scalar)).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
      if let markTone = toneOfMark[part.value] { tone = markTone } else { kept.append(part) }
    }
    let base = String(kept).precomposedStringWithCanonicalMapping.unicodeScalars
    let baseValue =
      base.count == 1 ? base.first!.value : (properties.lowercaseMapping.unicodeScalars.first?.value ?? value)
    if baseValue <= 0xFFFF { info |= baseValue << 16 }
    return info | (tone << 8)
  }

  /// The info of a scalar beyond the table: word characters only, lower-cased, no fold.
  static func slowInfo(_ value: UInt32) -> UInt32 {
    guard let scalar = Unicode.Scalar(value) else { return 0 }
    let properties = scalar.properties
    guard properties.isAlphabetic || properties.numericType != nil else { return 0 }
    let lower = properties.lowercaseMapping.unicodeScalars.first?.value ?? value
    return wordBit | (lower <= 0xFFFF ? lower << 16 : 0) | (properties.isUppercase ? upperBit : 0)
  }
}

/// One token: a maximal run of letters and digits (combining marks included).
struct Token {
  /// Folded bytes: ASCII for Vietnamese; digits-only tokens lose their leading zeros.
  var folded: [UInt8] = []
  /// Base letters with quality marks, lower-cased, then one tone byte; empty when the token has
  /// no marks at all (then the exact form is the folded form).
  var exact: [UInt8] = []
  var hash: UInt64 = 0
  var isDigits = false
  var hasLetter = false
  var isUpper = false
  var byteStart = 0
  var byteEnd = 0
  var scalarStart = 0
  var scalarEnd = 0
  /// What stands between this token and the previous one: `Token.spaceOnly`, a single ASCII
  /// punctuation byte (surrounded by optional spaces), or `Token.otherSeparator`.
  var separator: UInt8 = 0

  static let spaceOnly: UInt8 = 0
  static let otherSeparator: UInt8 = 255

  /// Value of a digits-only token when short enough to be a day, month or year.
  var smallNumber: Int? {
    guard isDigits, folded.count <= 4 else { return nil }
    var value = 0
    for byte in folded { value = value * 10 + Int(byte - 48) }
    return value
  }
}

@inline(__always)
func fnvHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in bytes {
    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
  }
  return hash
}

func fnvHash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { fnvHash($0) } }

/// Walks UTF-8 text token by token, folding with a table; no allocation per token.
struct SearchTokenizer {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let table: UnsafeBufferPointer<UInt32>
  private var position = 0
  private var scalarPosition = 0
  var token = Token()

  init(bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt32>) {
    self.bytes = bytes
    self.table = table
    token.folded.reserveCapacity(64)
    token.exact.reserveCapacity(96)
  }

  @inline(__always)
  private func decode(at index: Int) -> (value: UInt32, length: Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    let count = bytes.count
    if lead >= 0xC2 && lead < 0xE0, index + 1 < count {
      return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
    }
    if lead >= 0xE0 && lead < 0xF0, index + 2 < count {
      let value =
        (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
        | UInt32(bytes[index + 2] & 0x3F)
      return (value, 3)
    }
    if lead >= 0xF0, index + 3 < count {
      let value =
        (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
        | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
      return (value, 4)
    }
    return (0xFFFD, 1)
  }

  @inline(__always)
  private func info(_ value: UInt32) -> UInt32 {
    value < UInt32(ScalarInfo.tableSize) ? table[Int(value)] : ScalarInfo.slowInfo(value)
  }

  /// Advances to the next token; false at the end of the text.
  mutating func next() -> Bool {
    var separator = Token.spaceOnly
    let count = bytes.count
    // Skip separators, classifying them.
    while position < count {
      let (value, length) = decode(at: position)
      let scalarInfo = info(value)
      if scalarInfo & ScalarInfo.wordBit != 0 { break }
      if scalarInfo & ScalarInfo.combiningBit == 0 {
        let isSpace = value == 32 || value == 9 || value == 10 || value == 13 || value == 0xA0
        if !isSpace {
          if separator == Token.spaceOnly, value < 0x80 {
            separator = UInt8(value)
          } else {
            separator = Token.otherSeparator
          }
        }
      }
      position += length
      scalarPosition += 1
    }
    guard position < count else { return false }
    token.folded.removeAll(keepingCapacity: true)
    token.exact.removeAll(keepingCapacity: true)
    token.separator = separator
    token.byteStart = position
    token.scalarStart = scalarPosition
    var tone: UInt32 = 0
    var hasMarks = false
    var allDigits = true
    var anyLetter = false
    var allUpper = true
    while position < count {
      let (value, length) = decode(at: position)
      let scalarInfo = info(value)
      if scalarInfo & ScalarInfo.combiningBit != 0 {
        let markTone = (scalarInfo >> 8) & 7
        if markTone != 0 { tone = markTone }
        hasMarks = true
      } else if scalarInfo & ScalarInfo.wordBit != 0 {
        let foldedByte = UInt8(truncatingIfNeeded: scalarInfo)
        let base = scalarInfo >> 16
        if scalarInfo & ScalarInfo.digitBit == 0 {
          allDigits = false
          anyLetter = true
          if scalarInfo & ScalarInfo.upperBit == 0 { allUpper = false }
        }
        if value >= 0x80 { hasMarks = true }
        let markTone = (scalarInfo >> 8) & 7
        if markTone != 0 { tone = markTone }
        if foldedByte != 0 {
          token.folded.append(foldedByte)
        } else {
          appendUTF8(base == 0 ? value : base, to: &token.folded)
        }
        appendUTF8(base == 0 ? value : base, to: &token.exact)
      } else {
        break
      }
      position += length
      scalarPosition += 1
    }
    token.byteEnd = position
    token.scalarEnd = scalarPosition
    token.isDigits = allDigits
    token.hasLetter = anyLetter
    token.isUpper = anyLetter && allUpper
    if allDigits {
      var zeros = 0
      while zeros < token.folded.count - 1 && token.folded[zeros] == 48 { zeros += 1 }
      if zeros > 0 { token.folded.removeFirst(zeros) }
    }
    if hasMarks {
      token.exact.append(UInt8(tone))
    } else {
      token.exact.removeAll(keepingCapacity: true)
    }
    token.hash = token.folded.withUnsafeBufferPointer { fnvHash($0) }
    return true
  }

  @inline(__always)
  private func appendUTF8(_ value: UInt32, to buffer: inout [UInt8]) {
    if value < 0x80 {
      buffer.append(UInt8(value))
    } else if value < 0x800 {
      buffer.append(UInt8(0xC0 | (value >> 6)))
      buffer.append(UInt8(0x80 | (value & 0x3F)))
    } else if value < 0x10000 {
      buffer.append(UInt8(0xE0 | (value >> 12)))
      buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      buffer.append(UInt8(0x80 | (value & 0x3F)))
    } else {
      buffer.append(UInt8(0xF0 | (value >> 18)))
      buffer.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      buffer.append(UInt8(0x80 | (value & 0x3F)))
    }
  }
}

/// A term derived from several tokens: a document number or a date.
struct DerivedTerm {
  /// Index of the first token it covers, counted from the start of the text.
  var firstToken: Int
  /// Index one past the last token it covers.
  var endToken: Int
  /// The term's key: `numberPrefix` or `datePrefix`, then the canonical form.
  var key: [UInt8]

  static let numberPrefix: UInt8 = 1
  static let datePrefix: UInt8 = 2
}

/// Finds document numbers (`07-KL/TW`, `2644 - CV/TU`, `30/2020/NĐ-CP`) and dates
/// (`21/7/2021`, `21-7-2021`, `21.7.2021`, `ngày 21 tháng 7 năm 2021`) in a token stream.
///
/// A number is a chain of tokens joined by `-` or `/` that starts with digits and holds a letter;
/// its key is the folded tokens joined by `.` (`7.kl.tw`). A date's key is `yyyymmdd`.
struct DerivedTermDetector {
  /// In a query, `07 KL TW` typed with spaces is a number when its codes are upper case.
  var acceptsSpacedCodes = false
  private var chain: [UInt8] = []
  private var chainStart = 0
  private var chainLength = 0
  private var chainHasLetter = false
  private var recentNumbers = [Int?](repeating: nil, count: 6)
  private var recentWords = [UInt8](repeating: 0, count: 6)
  private var recentSeparators = [UInt8](repeating: 0, count: 6)
  private var tokenIndex = 0

  private static let wordNgay: UInt8 = 1
  private static let wordThang: UInt8 = 2
  private static let wordNam: UInt8 = 3

  init(acceptsSpacedCodes: Bool = false) {
    self.acceptsSpacedCodes = acceptsSpacedCodes
    chain.reserveCapacity(48)
  }

  /// Feeds the next token; calls `emit` for each derived term that this token completes.
  mutating func feed(_ token: Token, emit: (DerivedTerm) -> Void) {
    let separator = token.separator
    let joins = separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/")
    let spacedCode =
      acceptsSpacedCodes && separator == Token.spaceOnly && token.isUpper && token.folded.count <= 6
    if chainLength > 0 && (joins || spacedCode) && chainLength < 8 {
      chain.append(UInt8(ascii: "."))
      chain.append(contentsOf: token.folded)
      chainLength += 1
      if token.hasLetter { chainHasLetter = true }
    } else {
      flush(emit: emit)
      if token.isDigits {
        chain.removeAll(keepingCapacity: true)
        chain.append(DerivedTerm.numberPrefix)
        chain.append(contentsOf: token.folded)
        chainStart = tokenIndex
        chainLength = 1
        chainHasLetter = false
      }
    }
    detectDate(token, emit: emit)
    tokenIndex += 1
  }

  /// Emits what the last tokens left pending; call at the end of the text.
  mutating func finish(emit: (DerivedTerm) -> Void) { flush(emit: emit) }

  private mutating func flush(emit: (DerivedTerm) -> Void) {
    if chainLength >= 2 && chainHasLetter {
      emit(DerivedTerm(firstToken: chainStart, endToken: chainStart + chainLength, key: chain))
    }
    chainLength = 0
  }

  private mutating func detectDate(_ token: Token, emit: (DerivedTerm) -> Void) {
    let number = token.smallNumber
    var word: UInt8 = 0
    if !token.isDigits {
      switch token.folded {
      case [110, 103, 97, 121]: word = Self.wordNgay  // ngay
      case [116, 104, 97, 110, 103]: word = Self.wordThang  // thang
      case [110, 97, 109]: word = Self.wordNam  // nam
      default: word = 0
      }
    }
    if let year = number, token.folded.count == 4, (1900...2100).contains(year) {
      // d/m/yyyy, d-m-yyyy, d.m.yyyy: one separator, the same twice.
      let separator = token.separator
      if separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: "."),
        recentSeparators[0] == separator, let month = recentNumbers[0], let day = recentNumbers[1],
        let date = Day(year: year, month: month, day: day)
      {
        emit(DerivedTerm(firstToken: tokenIndex - 2, endToken: tokenIndex + 1, key: Self.key(of: date)))
      } else if recentWords[0] == Self.wordNam, let month = recentNumbers[1],
        recentWords[2] == Self.wordThang,
        let day = recentNumbers[3], let date = Day(year: year, month: month, day: day)
      {
        let first = recentWords[4] == Self.wordNgay ? tokenIndex - 5 : tokenIndex - 4
        emit(DerivedTerm(firstToken: first, endToken: tokenIndex + 1, key: Self.key(of: date)))
      }
    }
    for slot in stride(from: recentNumbers.count - 1, to: 0, by: -1) {
      recentNumbers[slot] = recentNumbers[slot - 1]
      recentWords[slot] = recentWords[slot - 1]
      recentSeparators[slot] = recentSeparators[slot - 1]
    }
    recentNumbers[0] = number
    recentWords[0] = word
    recentSeparators[0] = token.separator
  }

  static func key(of date: Day) -> [UInt8] {
    [DerivedTerm.datePrefix] + Array(String(format: "%04d%02d%02d", date.year, date.month, date.day).utf8)
  }
}

/// Runs `body` with the tokenizer over `text`'s UTF-8 bytes.
func withSearchTokenizer<Result>(_ text: String, _ body: (inout SearchTokenizer) -> Result) -> Result {
  var text = text
  return text.withUTF8 { bytes in
    ScalarInfo.table.withUnsafeBufferPointer { table in
      var tokenizer = SearchTokenizer(bytes: bytes, table: table)
      return body(&tokenizer)
    }
  }
}

/// The canonical key of a document number, typed however: `07-KL/TW`, `07 kl tw`, `7/KL-TW`
/// all give `7.kl.tw`. Used for `cites:` and citation numbers.
public func canonicalDocumentNumber(_ text: String) -> String {
  withSearchTokenizer(text) { tokenizer in
    var parts: [String] = []
    while tokenizer.next() { parts.append(String(decoding: tokenizer.token.folded, as: UTF8.self)) }
    return parts.joined(separator: ".")
  }
}
