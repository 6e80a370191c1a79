import Foundation

/// The pre-Unicode encodings Vietnamese files still arrive in.
///
/// Windows-1258 is a code page: precomposed base letters plus five combining tone marks.
/// TCVN3 (the `.Vn` fonts of the ABC package) and VNI are font encodings: the bytes of
/// Windows-1252 drawn with Vietnamese glyphs. TCVN3 has one byte per lower-case letter with its
/// marks (upper-case accented letters were drawn with lower-case codes in a capitals-only font);
/// VNI writes a base letter followed by one mark byte.
enum LegacyEncoding: String, CaseIterable, Sendable {
  case windows1258 = "Windows-1258"
  case tcvn3 = "TCVN3"
  case vni = "VNI"

  /// The warning a document decoded this way carries.
  var warning: String {
    switch self {
    case .windows1258: return "not UTF-8: decoded as Windows-1258"
    case .tcvn3: return "not UTF-8: decoded as TCVN3 (ABC) font encoding"
    case .vni: return "not UTF-8: decoded as VNI font encoding"
    }
  }
}

/// A decoding of legacy bytes; `text` may hold combining marks and still needs NFC.
struct LegacyDecoding {
  var scalars: [Unicode.Scalar]
  /// Bytes that the encoding leaves undefined, shown as U+FFFD.
  var undefinedBytes: Int

  var text: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * 2)
    for scalar in scalars {
      let value = scalar.value
      if value < 0x80 {
        bytes.append(UInt8(value))
      } else if value < 0x800 {
        bytes.append(UInt8(0xC0 | value >> 6))
        bytes.append(UInt8(0x80 | value & 0x3F))
      } else if value < 0x10000 {
        bytes.append(UInt8(0xE0 | value >> 12))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
      } else {
        bytes.append(UInt8(0xF0 | value >> 18))
        bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

enum LegacyCodec {
  static let replacement: Unicode.Scalar = "\u{FFFD}"

  // MARK: Byte tables

  /// Windows-1252 for 0x80–0x9F; nil where the code page defines nothing.
  private static let windows1252Controls: [UInt8: Unicode.Scalar] = [
    0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}",
    0x86: "\u{2020}", 0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}",
    0x8B: "\u{2039}", 0x8C: "\u{0152}", 0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}",
    0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}", 0x96: "\u{2013}", 0x97: "\u{2014}",
    0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}", 0x9C: "\u{0153}",
    0x9E: "\u{017E}", 0x9F: "\u{0178}",
  ]

  /// Windows-1252: the base every table below overrides. Latin-1 from 0xA0.
  private static let windows1252: [Unicode.Scalar?] = (0..<256).map { value in
    if value < 0x80 || value >= 0xA0 { return Unicode.Scalar(UInt8(value)) }
    return windows1252Controls[UInt8(value)]
  }

  /// Windows-1258 differs from 1252 in 0x8A, 0x8E, 0x9A, 0x9E (undefined) and in the letters
  /// and combining tone marks below.
  private static let windows1258Overrides: [UInt8: Unicode.Scalar?] = [
    0x8A: nil, 0x8E: nil, 0x9A: nil, 0x9E: nil,
    0xC3: "Ă", 0xCC: "\u{0300}", 0xD0: "Đ", 0xD2: "\u{0309}", 0xD5: "Ơ", 0xDD: "Ư",
    0xDE: "\u{0303}", 0xE3: "ă", 0xEC: "\u{0301}", 0xF0: "đ", 0xF2: "\u{0323}", 0xF5: "ơ",
    0xFD: "ư", 0xFE: "₫",
  ]

  /// TCVN 5712:1993 VN3, the `.VnTime` fonts: only lower-case accented letters have codes.
  private static let tcvn3Letters: [UInt8: Unicode.Scalar] = [
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
  ]

  /// VNI letters written as one byte: `i` and `y` with marks that VNI does not split, the
  /// horned vowels (which take mark bytes after them) and `đ`.
  private static let vniLetters: [UInt8: Unicode.Scalar] = [
    0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
    0xCD: "Í", 0xCC: "Ì", 0xC6: "Ỉ", 0xD3: "Ĩ", 0xD2: "Ị", 0xCE: "Ỵ",
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xD4: "Ơ", 0xD6: "Ư", 0xD1: "Đ",
  ]

  enum Modifier: UInt8 { case none, circumflex, breve }
  enum Tone: UInt8 { case level, acute, grave, hook, tilde, dot }

  struct VNIMark: Equatable {
    var modifier: Modifier
    var tone: Tone
  }

  /// VNI mark bytes, lower-case form; the upper-case form is the byte minus 0x20.
  private static let vniMarksLower: [UInt8: VNIMark] = [
    0xF9: VNIMark(modifier: .none, tone: .acute), 0xF8: VNIMark(modifier: .none, tone: .grave),
    0xFB: VNIMark(modifier: .none, tone: .hook), 0xF5: VNIMark(modifier: .none, tone: .tilde),
    0xEF: VNIMark(modifier: .none, tone: .dot),
    0xE2: VNIMark(modifier: .circumflex, tone: .level),
    0xE1: VNIMark(modifier: .circumflex, tone: .acute),
    0xE0: VNIMark(modifier: .circumflex, tone: .grave),
    0xE5: VNIMark(modifier: .circumflex, tone: .hook),
    0xE3: VNIMark(modifier: .circumflex, tone: .tilde),
    0xE4: VNIMark(modifier: .circumflex, tone: .dot),
    0xEA: VNIMark(modifier: .breve, tone: .level), 0xE9: VNIMark(modifier: .breve, tone: .acute),
    0xE8: VNIMark(modifier: .breve, tone: .grave), 0xFA: VNIMark(modifier: .breve, tone: .hook),
    0xFC: VNIMark(modifier: .breve, tone: .tilde), 0xEB: VNIMark(modifier: .breve, tone: .dot),
  ]

  static let vniMarks: [UInt8: VNIMark] = {
    var marks = vniMarksLower
    for (byte, mark) in vniMarksLower { marks[byte - 0x20] = mark }
    return marks
  }()

  static let combiningTone: [Tone: Unicode.Scalar] = [
    .acute: "\u{0301}", .grave: "\u{0300}", .hook: "\u{0309}", .tilde: "\u{0303}",
    .dot: "\u{0323}",
  ]

  static let combiningModifier: [Modifier: Unicode.Scalar] = [
    .circumflex: "\u{0302}", .breve: "\u{0306}",
  ]

  /// Byte → scalar for the encodings that map byte by byte; nil where undefined.
  static let windows1258Table: [Unicode.Scalar?] = {
    var table = windows1252
    for (byte, scalar) in windows1258Overrides { table[Int(byte)] = scalar }
    return table
  }()

  static let tcvn3Table: [Unicode.Scalar?] = {
    var table = windows1252
    for (byte, scalar) in tcvn3Letters { table[Int(byte)] = scalar }
    return table
  }()

  static let vniTable: [Unicode.Scalar?] = {
    var table = windows1252
    for (byte, scalar) in vniLetters { table[Int(byte)] = scalar }
    return table
  }()

  /// (letter, combining mark) → the precomposed letter, for Latin letters with Vietnamese
  /// marks in either order (`ê` + dot below and `ẹ` + circumflex both give `ệ`), so decoders
  /// write NFC directly instead of leaving the work to a normaliser.
  private static let compositions: [UInt64: Unicode.Scalar] = {
    var table: [UInt64: Unicode.Scalar] = [:]
    let ranges: [ClosedRange<UInt32>] = [0xC0...0x1B0, 0x1EA0...0x1EF9]
    for value in ranges.joined() {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
      guard parts.count > 1 else { continue }
      for markIndex in 1..<parts.count {
        var rest = parts
        let mark = rest.remove(at: markIndex)
        let base = String(String.UnicodeScalarView(rest)).precomposedStringWithCanonicalMapping
        guard base.unicodeScalars.count == 1, let baseScalar = base.unicodeScalars.first else {
          continue
        }
        table[compositionKey(baseScalar, mark)] = scalar
      }
    }
    return table
  }()

  @inline(__always)
  private static func compositionKey(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> UInt64 {
    UInt64(base.value) << 32 | UInt64(mark.value)
  }

  /// Appends a combining mark, composing it with the letter before when Unicode has the pair.
  private static func append(mark: Unicode.Scalar, to scalars: inout [Unicode.Scalar]) {
    if let last = scalars.last, let composed = compositions[compositionKey(last, mark)] {
      scalars[scalars.count - 1] = composed
    } else {
      scalars.append(mark)
    }
  }

  // MARK: Decoding

  static func decode(_ bytes: ArraySlice<UInt8>, as encoding: LegacyEncoding) -> LegacyDecoding {
    switch encoding {
    case .windows1258: return decodeByTable(bytes, windows1258Table)
    case .tcvn3:
      var decoding = decodeByTable(bytes, tcvn3Table)
      restoreCapitals(&decoding.scalars)
      return decoding
    case .vni: return decodeVNI(bytes)
    }
  }

  private static func decodeByTable(_ bytes: ArraySlice<UInt8>, _ table: [Unicode.Scalar?])
    -> LegacyDecoding
  {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(bytes.count)
    var undefined = 0
    for byte in bytes {
      if let scalar = table[Int(byte)] {
        if scalar.value >= 0x300 && scalar.value <= 0x36F {
          append(mark: scalar, to: &scalars)
        } else {
          scalars.append(scalar)
        }
      } else {
        scalars.append(replacement)
        undefined += 1
      }
    }
    return LegacyDecoding(scalars: scalars, undefinedBytes: undefined)
  }

  /// Vowels a VNI mark byte may follow, with the modifiers each accepts.
  private static func vniAccepts(_ base: Unicode.Scalar, _ mark: VNIMark) -> Bool {
    switch base {
    case "a", "A": return true
    case "e", "E", "o", "O": return mark.modifier != .breve
    case "u", "U", "y", "Y", "i", "I", "ơ", "Ơ", "ư", "Ư": return mark.modifier == .none
    default: return false
    }
  }

  private static func decodeVNI(_ bytes: ArraySlice<UInt8>) -> LegacyDecoding {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(bytes.count)
    var undefined = 0
    var markableBase: Unicode.Scalar?
    for byte in bytes {
      if let base = markableBase, let mark = vniMarks[byte], vniAccepts(base, mark) {
        if let modifier = combiningModifier[mark.modifier] { append(mark: modifier, to: &scalars) }
        if let tone = combiningTone[mark.tone] { append(mark: tone, to: &scalars) }
        markableBase = nil
        continue
      }
      guard let scalar = vniTable[Int(byte)] else {
        scalars.append(replacement)
        undefined += 1
        markableBase = nil
        continue
      }
      scalars.append(scalar)
      markableBase = scalar
    }
    return LegacyDecoding(scalars: scalars, undefinedBytes: undefined)
  }

  /// Lower-case TCVN3 letters with marks that sit in an upper-case word were capitals drawn
  /// with a capitals-only font (`TØNH ñY` is `TỈNH ỦY`): upper-case them.
  ///
  /// A word is upper case when it has an upper-case ASCII letter past its first letter, or
  /// two or more ASCII letters all upper case. A word with no such evidence (`ë`, `Tõ`)
  /// follows the Vietnamese word (one with marks) before it on the line, or when there is
  /// none, the one after it; abbreviations (`CV`, `UBND`) are no evidence for their neighbours.
  static func restoreCapitals(_ scalars: inout [Unicode.Scalar]) {
    struct Word {
      var range: Range<Int>
      var line: Int
      var evidence: WordCase
      var isVietnamese: Bool
    }
    var words: [Word] = []
    var line = 0
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\n" { line += 1 }
      guard isLetter(scalars[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < scalars.count && isLetter(scalars[index]) { index += 1 }
      let word = scalars[start..<index]
      words.append(
        Word(
          range: start..<index, line: line, evidence: caseEvidence(word),
          isVietnamese: word.contains { !$0.isASCII }))
    }
    // The evidence of the next Vietnamese word with evidence on the same line, for each word.
    var following = [WordCase](repeating: .unknown, count: words.count)
    var next = WordCase.unknown
    for position in words.indices.reversed() {
      if position + 1 < words.count && words[position + 1].line != words[position].line {
        next = .unknown
      }
      following[position] = next
      let word = words[position]
      if word.isVietnamese && word.evidence != .unknown { next = word.evidence }
    }
    var previous: (line: Int, wordCase: WordCase)?
    for position in words.indices {
      let word = words[position]
      var wordCase = word.evidence
      if wordCase == .unknown {
        if let previous, previous.line == word.line {
          wordCase = previous.wordCase
        } else {
          wordCase = following[position]
        }
      }
      if word.isVietnamese { previous = (word.line, wordCase) }
      guard wordCase == .upper else { continue }
      for letter in word.range where !scalars[letter].isASCII {
        let upper = scalars[letter].properties.uppercaseMapping.unicodeScalars
        if upper.count == 1 { scalars[letter] = upper.first! }
      }
    }
  }

  private enum WordCase { case upper, lower, unknown }

  /// Letters as TCVN3 decodes them: ASCII, Latin-1 and Latin Extended, Vietnamese.
  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
    return (value >= 0xC0 && value <= 0x24F && value != 0xD7 && value != 0xF7)
      || (value >= 0x1EA0 && value <= 0x1EF9)
  }

  private static func caseEvidence(_ word: ArraySlice<Unicode.Scalar>) -> WordCase {
    var asciiLetters = 0
    var upperAfterFirst = false
    for position in word.indices where word[position].isASCII {
      let value = word[position].value
      if value >= 0x61 { return .lower }
      asciiLetters += 1
      if position > word.startIndex { upperAfterFirst = true }
    }
    if upperAfterFirst || asciiLetters >= 2 { return .upper }
    return .unknown
  }

  // MARK: Encoding (to build test fixtures and to check the tables by round trip)

  private static func inverse(_ table: [Unicode.Scalar?]) -> [Unicode.Scalar: UInt8] {
    var inverse: [Unicode.Scalar: UInt8] = [:]
    for (byte, scalar) in table.enumerated() {
      if let scalar, inverse[scalar] == nil { inverse[scalar] = UInt8(byte) }
    }
    return inverse
  }

  /// The legacy bytes of `text`; characters the encoding cannot write become `?`.
  /// Upper-case accented letters that TCVN3 has no code for are written with the lower-case code.
  static func encode(_ text: String, as encoding: LegacyEncoding) -> [UInt8] {
    switch encoding {
    case .windows1258: return encodeWindows1258(text)
    case .tcvn3: return encodeTCVN3(text)
    case .vni: return encodeVNI(text)
    }
  }

  private static let question = UInt8(ascii: "?")

  private static func encodeWindows1258(_ text: String) -> [UInt8] {
    let codes = inverse(windows1258Table)
    var bytes: [UInt8] = []
    for character in text.precomposedStringWithCanonicalMapping {
      let scalars = Array(String(character).unicodeScalars)
      if scalars.count == 1, let byte = codes[scalars[0]] {
        bytes.append(byte)
        continue
      }
      // Split the tone off: the base with its modifier is one byte, the tone another.
      let decomposed = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
      let tones = decomposed.filter { combiningTone.values.contains($0) }
      let base = String(String.UnicodeScalarView(decomposed.filter { !tones.contains($0) }))
        .precomposedStringWithCanonicalMapping.unicodeScalars
      guard base.count == 1, let baseByte = codes[base.first!] else {
        bytes.append(question)
        continue
      }
      bytes.append(baseByte)
      for tone in tones { bytes.append(codes[tone] ?? question) }
    }
    return bytes
  }

  private static func encodeTCVN3(_ text: String) -> [UInt8] {
    let codes = inverse(tcvn3Table)
    var bytes: [UInt8] = []
    for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
      if let byte = codes[scalar] {
        bytes.append(byte)
      } else if let lower = scalar.properties.lowercaseMapping.unicodeScalars.first,
        let byte = codes[lower]
      {
        bytes.append(byte)
      } else {
        bytes.append(question)
      }
    }
    return bytes
  }

  private static func encodeVNI(_ text: String) -> [UInt8] {
    let codes = inverse(vniTable)
    let marks = Dictionary(vniMarksLower.map { ($0.value, $0.key) }, uniquingKeysWith: min)
    var bytes: [UInt8] = []
    for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
      if let byte = codes[scalar], vniLetters[byte] != nil || scalar.isASCII {
        bytes.append(byte)
        continue
      }
      let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
      var modifier = Modifier.none
      var tone = Tone.level
      var horn = false
      var unknownMark = false
      for mark in parts.dropFirst() {
        if let found = combiningModifier.first(where: { $0.value == mark }) {
          modifier = found.key
        } else if let found = combiningTone.first(where: { $0.value == mark }) {
          tone = found.key
        } else if mark == "\u{031B}" {
          horn = true
        } else {
          unknownMark = true
        }
      }
      var base = parts[0]
      if horn {
        base = String(String.UnicodeScalarView([base, "\u{031B}"]))
          .precomposedStringWithCanonicalMapping.unicodeScalars.first!
      }
      let isUpper = base.properties.isUppercase
      let markByte = marks[VNIMark(modifier: modifier, tone: tone)]
      guard parts.count > 1, !unknownMark, let baseByte = codes[base],
        modifier == .none && tone == .level || markByte != nil
      else {
        bytes.append(codes[scalar] ?? question)
        continue
      }
      bytes.append(baseByte)
      if let markByte { bytes.append(isUpper ? markByte - 0x20 : markByte) }
    }
    return bytes
  }
}

extension LegacyCodec.VNIMark: Hashable {}
extension LegacyCodec.Tone: Hashable {}
