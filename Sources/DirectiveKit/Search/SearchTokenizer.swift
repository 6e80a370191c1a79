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

  /// The table in memory that is never freed nor written after it is built, for the hot loop.
  static let storage: UnsafePointer<UInt32> = {
    let storage = UnsafeMutablePointer<UInt32>.allocate(capacity: tableSize)
    storage.initialize(from: table, count: tableSize)
    return UnsafePointer(storage)
  }()

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
  /// Longest folded form kept; the rest of a longer run still belongs to the token.
  static let maximumLength = 128

  /// Folded bytes: ASCII for Vietnamese; digits-only tokens lose their leading zeros. Valid
  /// until the tokenizer moves on.
  var folded = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// Hash of the base letters with their quality marks, lower-cased, and the tone; 0 when the
  /// token has no marks at all (then the exact form is the folded form).
  var exactHash: UInt64 = 0
  /// `fnvHash` of `folded`.
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

  var foldedBytes: [UInt8] { Array(folded) }

  /// Value of a digits-only token when short enough to be a day, month or year.
  var smallNumber: Int? {
    guard isDigits, folded.count <= 4 else { return nil }
    var value = 0
    for byte in folded { value = value * 10 + Int(byte &- 48) }
    return value
  }

  @inline(__always)
  func foldedEquals(_ bytes: StaticString) -> Bool {
    guard folded.count == bytes.utf8CodeUnitCount else { return false }
    let other = bytes.utf8Start
    for offset in 0..<folded.count where folded[offset] != other[offset] { return false }
    return true
  }
}

let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
let fnvPrime: UInt64 = 0x100_0000_01b3

@inline(__always)
func fnvHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
  var hash = fnvOffset
  for byte in bytes {
    hash = (hash ^ UInt64(byte)) &* fnvPrime
  }
  return hash
}

func fnvHash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { fnvHash($0) } }

/// Walks UTF-8 text token by token, folding with a table into a fixed buffer: no allocation.
struct SearchTokenizer {
  private let bytes: UnsafePointer<UInt8>
  private let count: Int
  private let table: UnsafePointer<UInt32>
  private let scratch: UnsafeMutablePointer<UInt8>
  private var position = 0
  private var scalarPosition = 0
  var token = Token()

  /// `scratch` must hold `Token.maximumLength` bytes and outlive the tokenizer.
  init(bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) {
    self.bytes = bytes.baseAddress ?? UnsafePointer(scratch)
    self.count = bytes.baseAddress == nil ? 0 : bytes.count
    self.table = ScalarInfo.storage
    self.scratch = scratch
  }

  /// The scalar at `index`, which is not ASCII, and its length in bytes.
  @inline(__always)
  private func decodeMultibyte(at index: Int) -> (value: UInt32, length: Int) {
    UTF8Decoding.multibyteScalar(at: index, in: bytes, count: count)
  }

  @inline(__always)
  private func info(_ value: UInt32) -> UInt32 {
    value < UInt32(ScalarInfo.tableSize) ? table[Int(value)] : ScalarInfo.slowInfo(value)
  }

  /// Advances to the next token; false at the end of the text.
  mutating func next() -> Bool {
    var separator = Token.spaceOnly
    var position = self.position
    var scalars = scalarPosition
    defer {
      self.position = position
      scalarPosition = scalars
    }
    // Skip separators, classifying them.
    while position < count {
      let lead = bytes[position]
      if lead < 0x80 {
        if table[Int(lead)] & ScalarInfo.wordBit != 0 { break }
        if lead != 32 && lead != 10 && lead != 13 && lead != 9 {
          separator = separator == Token.spaceOnly ? lead : Token.otherSeparator
        }
        position += 1
      } else {
        let (value, length) = decodeMultibyte(at: position)
        let scalarInfo = info(value)
        if scalarInfo & ScalarInfo.wordBit != 0 { break }
        if scalarInfo & ScalarInfo.combiningBit == 0 && value != 0xA0 { separator = Token.otherSeparator }
        position += length
      }
      scalars += 1
    }
    guard position < count else { return false }
    token.separator = separator
    token.byteStart = position
    token.scalarStart = scalars
    var length = 0
    var hash = fnvOffset
    var exactHash = fnvOffset
    var tone: UInt32 = 0
    var hasMarks = false
    var allDigits = true
    var anyLetter = false
    var allUpper = true
    while position < count {
      let lead = bytes[position]
      if lead < 0x80 {
        let scalarInfo = table[Int(lead)]
        if scalarInfo & ScalarInfo.wordBit == 0 { break }
        if scalarInfo & ScalarInfo.digitBit == 0 {
          allDigits = false
          anyLetter = true
          if scalarInfo & ScalarInfo.upperBit == 0 { allUpper = false }
        }
        let folded = UInt8(truncatingIfNeeded: scalarInfo)
        if length < Token.maximumLength {
          scratch[length] = folded
          length += 1
          hash = (hash ^ UInt64(folded)) &* fnvPrime
        }
        exactHash = (exactHash ^ UInt64(folded)) &* fnvPrime
        position += 1
        scalars += 1
        continue
      }
      let (value, byteLength) = decodeMultibyte(at: position)
      let scalarInfo = info(value)
      let markTone = (scalarInfo >> 8) & 7
      if scalarInfo & ScalarInfo.combiningBit != 0 {
        if markTone != 0 { tone = markTone }
        if Self.isQualityMark(value) { exactHash = (exactHash ^ UInt64(value)) &* fnvPrime }
        hasMarks = true
      } else if scalarInfo & ScalarInfo.wordBit != 0 {
        hasMarks = true
        allDigits = false
        if scalarInfo & ScalarInfo.digitBit == 0 {
          anyLetter = true
          if scalarInfo & ScalarInfo.upperBit == 0 { allUpper = false }
        }
        if markTone != 0 { tone = markTone }
        let base = scalarInfo >> 16 == 0 ? value : scalarInfo >> 16
        let folded = UInt8(truncatingIfNeeded: scalarInfo)
        if folded != 0 {
          if length < Token.maximumLength {
            scratch[length] = folded
            length += 1
            hash = (hash ^ UInt64(folded)) &* fnvPrime
          }
        } else {
          appendUTF8(base, length: &length, hash: &hash)
        }
        // A letter with a quality mark hashes as its plain letter and the combining mark, so that
        // decomposed text (`e` U+0302) spells the same word as composed (`ê`).
        if let quality = Self.qualityMark(of: base), folded != 0 {
          exactHash = (exactHash ^ UInt64(folded)) &* fnvPrime
          exactHash = (exactHash ^ UInt64(quality)) &* fnvPrime
        } else {
          exactHash = (exactHash ^ UInt64(base)) &* fnvPrime
        }
      } else {
        break
      }
      position += byteLength
      scalars += 1
    }
    token.byteEnd = position
    token.scalarEnd = scalars
    token.isDigits = allDigits
    token.hasLetter = anyLetter
    token.isUpper = anyLetter && allUpper
    var start = 0
    if allDigits && length > 1 && scratch[0] == 48 {
      while start < length - 1 && scratch[start] == 48 { start += 1 }
      hash = fnvHash(UnsafeBufferPointer(start: scratch + start, count: length - start))
    }
    token.folded = UnsafeBufferPointer(start: scratch + start, count: length - start)
    token.hash = hash
    if hasMarks {
      let exact = (exactHash ^ UInt64(tone | 0x100)) &* fnvPrime
      token.exactHash = exact == 0 ? 1 : exact
    } else {
      token.exactHash = 0
    }
    return true
  }

  /// The combining quality mark of a Vietnamese letter without tone: circumflex, breve or horn.
  @inline(__always)
  static func qualityMark(of base: UInt32) -> UInt32? {
    switch base {
    case 0xE2, 0xEA, 0xF4, 0xC2, 0xCA, 0xD4: return 0x302
    case 0x103, 0x102: return 0x306
    case 0x1A1, 0x1B0, 0x1A0, 0x1AF: return 0x31B
    default: return nil
    }
  }

  @inline(__always)
  static func isQualityMark(_ value: UInt32) -> Bool { value == 0x302 || value == 0x306 || value == 0x31B }

  @inline(__always)
  private func appendUTF8(_ value: UInt32, length: inout Int, hash: inout UInt64) {
    var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    let size: Int
    if value < 0x80 {
      encoded.0 = UInt8(value)
      size = 1
    } else if value < 0x800 {
      encoded = (UInt8(0xC0 | (value >> 6)), UInt8(0x80 | (value & 0x3F)), 0, 0)
      size = 2
    } else if value < 0x10000 {
      encoded = (
        UInt8(0xE0 | (value >> 12)), UInt8(0x80 | ((value >> 6) & 0x3F)), UInt8(0x80 | (value & 0x3F)), 0
      )
      size = 3
    } else {
      encoded = (
        UInt8(0xF0 | (value >> 18)), UInt8(0x80 | ((value >> 12) & 0x3F)),
        UInt8(0x80 | ((value >> 6) & 0x3F)), UInt8(0x80 | (value & 0x3F))
      )
      size = 4
    }
    guard length + size <= Token.maximumLength else { return }
    withUnsafeBytes(of: encoded) { raw in
      for offset in 0..<size {
        scratch[length] = raw[offset]
        length += 1
        hash = (hash ^ UInt64(raw[offset])) &* fnvPrime
      }
    }
  }
}

/// A term derived from several tokens: a document number or a date.
struct DerivedTerm {
  /// Index of the first token it covers, counted from the start of the text.
  var firstToken: Int
  /// Index one past the last token it covers.
  var endToken: Int
  /// The term's key: `numberPrefix` or `datePrefix`, then the canonical form. Valid only
  /// during the call that reports it.
  var key: UnsafeBufferPointer<UInt8>

  var keyBytes: [UInt8] { Array(key) }

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
  private var dateKey = [UInt8](repeating: 0, count: 9)
  /// The small numbers of the last four tokens, 16 bits each, the newest lowest; `noNumber`
  /// when a token is none.
  private var recentNumbers: UInt64 = ~0
  /// The date words of the last eight tokens, 4 bits each, the newest lowest.
  private var recentWords: UInt32 = 0
  private var lastSeparator: UInt8 = 0
  private var tokenIndex = 0

  private static let noNumber: UInt64 = 0xFFFF
  private static let wordNgay: UInt32 = 1
  private static let wordThang: UInt32 = 2
  private static let wordNam: UInt32 = 3

  init(acceptsSpacedCodes: Bool = false) {
    self.acceptsSpacedCodes = acceptsSpacedCodes
    chain.reserveCapacity(64)
  }

  /// True while a number may go on; when false, a token without digits can go to `skip`.
  var isPending: Bool { chainLength > 0 }

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

  /// Feeds a token without digits while no number is pending: it can only be a date word.
  @inline(__always)
  mutating func skip(_ token: Token) {
    remember(number: Self.noNumber, word: Self.dateWord(token), separator: token.separator)
    tokenIndex += 1
  }

  /// Emits what the last tokens left pending; call at the end of the text.
  mutating func finish(emit: (DerivedTerm) -> Void) { flush(emit: emit) }

  private mutating func flush(emit: (DerivedTerm) -> Void) {
    if chainLength >= 2 && chainHasLetter {
      let start = chainStart
      let end = chainStart + chainLength
      chain.withUnsafeBufferPointer { emit(DerivedTerm(firstToken: start, endToken: end, key: $0)) }
    }
    chainLength = 0
  }

  @inline(__always)
  private static func dateWord(_ token: Token) -> UInt32 {
    let folded = token.folded
    guard folded.count >= 3 && folded.count <= 5 && !token.isDigits else { return 0 }
    switch folded[0] {
    case UInt8(ascii: "n"):
      if token.foldedEquals("ngay") { return wordNgay }
      if token.foldedEquals("nam") { return wordNam }
    case UInt8(ascii: "t"):
      if token.foldedEquals("thang") { return wordThang }
    default: break
    }
    return 0
  }

  @inline(__always)
  private mutating func remember(number: UInt64, word: UInt32, separator: UInt8) {
    recentNumbers = recentNumbers << 16 | number
    recentWords = recentWords << 4 | word
    lastSeparator = separator
  }

  /// The small number of the token `back` places before the current one; nil when none.
  @inline(__always)
  private func number(_ back: Int) -> Int? {
    let value = (recentNumbers >> UInt64(16 * back)) & Self.noNumber
    return value == Self.noNumber ? nil : Int(value)
  }

  @inline(__always)
  private func word(_ back: Int) -> UInt32 { (recentWords >> UInt32(4 * back)) & 0xF }

  private mutating func detectDate(_ token: Token, emit: (DerivedTerm) -> Void) {
    let number = token.smallNumber
    if let year = number, token.folded.count == 4, (1900...2100).contains(year) {
      // d/m/yyyy, d-m-yyyy, d.m.yyyy: one separator, the same twice.
      let separator = token.separator
      if separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: "."),
        lastSeparator == separator, let month = self.number(0), let day = self.number(1),
        let date = Day(year: year, month: month, day: day)
      {
        emitDate(date, first: tokenIndex - 2, emit: emit)
      } else if word(0) == Self.wordNam, let month = self.number(1), word(2) == Self.wordThang,
        let day = self.number(3), let date = Day(year: year, month: month, day: day)
      {
        let first = word(4) == Self.wordNgay ? tokenIndex - 5 : tokenIndex - 4
        emitDate(date, first: first, emit: emit)
      }
    }
    remember(
      number: number.map { UInt64($0) } ?? Self.noNumber, word: Self.dateWord(token),
      separator: token.separator)
  }

  private mutating func emitDate(_ date: Day, first: Int, emit: (DerivedTerm) -> Void) {
    Self.writeKey(of: date, into: &dateKey)
    let end = tokenIndex + 1
    dateKey.withUnsafeBufferPointer { emit(DerivedTerm(firstToken: max(0, first), endToken: end, key: $0)) }
  }

  private static func writeKey(of date: Day, into key: inout [UInt8]) {
    key[0] = DerivedTerm.datePrefix
    var digits = date.year * 10000 + date.month * 100 + date.day
    for position in stride(from: 8, through: 1, by: -1) {
      key[position] = UInt8(48 + digits % 10)
      digits /= 10
    }
  }

  static func key(of date: Day) -> [UInt8] {
    var key = [UInt8](repeating: 0, count: 9)
    writeKey(of: date, into: &key)
    return key
  }
}

/// Runs `body` with the tokenizer over UTF-8 bytes.
func withSearchTokenizer<Result>(
  bytes: UnsafeBufferPointer<UInt8>, _ body: (inout SearchTokenizer) -> Result
) -> Result {
  withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Token.maximumLength) { scratch in
    var tokenizer = SearchTokenizer(bytes: bytes, scratch: scratch.baseAddress!)
    return body(&tokenizer)
  }
}

/// Runs `body` with the tokenizer over `text`'s UTF-8 bytes.
func withSearchTokenizer<Result>(_ text: String, _ body: (inout SearchTokenizer) -> Result) -> Result {
  var text = text
  return text.withUTF8 { bytes in withSearchTokenizer(bytes: bytes, body) }
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
