import Foundation

/// How much a text reads as Vietnamese: the share of its accented words that are well-formed
/// Vietnamese syllables (initial consonant, vowel nucleus, final, at most one tone, one case
/// pattern). A text decoded in the wrong encoding scores near zero, the right one near one.
enum VietnameseSyllables {
  /// A letter reduced to what spelling rules see: its base (vowels keep their modifier:
  /// `â` is `A`, `ă` `W`, `ê` `E`, `ô` `O`, `ơ` `P`, `ư` `U`, `đ` `D`), its tone and case.
  struct Letter {
    var skeleton: UInt8
    var tone: UInt8
    var upper: Bool
  }

  static let toneMarks: [UInt32: UInt8] = [
    0x300: 1, 0x301: 2, 0x303: 3, 0x309: 4, 0x323: 5,
  ]
  private static let acuteTone: UInt8 = 2
  private static let dotTone: UInt8 = 5

  /// The vowel a modifier mark (circumflex, breve, horn) makes of a base letter.
  static func modified(_ skeleton: UInt8, by mark: UInt32) -> UInt8? {
    switch (skeleton, mark) {
    case (UInt8(ascii: "a"), 0x302): return UInt8(ascii: "A")
    case (UInt8(ascii: "a"), 0x306): return UInt8(ascii: "W")
    case (UInt8(ascii: "e"), 0x302): return UInt8(ascii: "E")
    case (UInt8(ascii: "o"), 0x302): return UInt8(ascii: "O")
    case (UInt8(ascii: "o"), 0x31B): return UInt8(ascii: "P")
    case (UInt8(ascii: "u"), 0x31B): return UInt8(ascii: "U")
    default: return nil
    }
  }

  private static let nativeLetters = Set("abcdeghiklmnopqrstuvxy".utf8)

  /// Scalar value → letter, for every Latin letter Vietnamese spelling uses; nil otherwise.
  static let letters: [Letter?] = {
    var table = [Letter?](repeating: nil, count: 0x2000)
    for value in 0..<0x2000 {
      guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
      let upper = scalar.properties.isUppercase
      if value == 0x110 || value == 0x111 {
        table[value] = Letter(skeleton: UInt8(ascii: "D"), tone: 0, upper: upper)
        continue
      }
      let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
      guard let base = parts.first, base.isASCII else { continue }
      var letter = Letter(
        skeleton: UInt8(base.value) | 0x20, tone: 0, upper: base.properties.isUppercase)
      guard nativeLetters.contains(letter.skeleton) else { continue }
      var valid = true
      for mark in parts.dropFirst() {
        if let tone = toneMarks[mark.value], letter.tone == 0 {
          letter.tone = tone
        } else if let vowel = modified(letter.skeleton, by: mark.value) {
          letter.skeleton = vowel
        } else {
          valid = false
        }
      }
      if valid { table[value] = letter }
    }
    return table
  }()

  /// Letters packed into one number, first letter highest: the key of the sets below.
  static func pack(_ letters: some Collection<UInt8>) -> UInt64 {
    letters.reduce(0) { $0 << 8 | UInt64($1) }
  }

  static let initials: Set<UInt64> = Set(
    [
      "b", "c", "ch", "d", "D", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
      "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ].map { pack($0.utf8) })

  static let finals: Set<UInt64> = Set(
    ["c", "ch", "m", "n", "ng", "nh", "p", "t"].map { pack($0.utf8) })

  static let stopFinals: Set<UInt64> = Set(["c", "ch", "p", "t"].map { pack($0.utf8) })

  /// Vowel nuclei with their glides, in skeleton letters.
  static let nuclei: Set<UInt64> = Set(
    [
      "a", "W", "A", "e", "E", "i", "o", "O", "P", "u", "U", "y",
      "ai", "ao", "au", "ay", "Au", "Ay", "eo", "Eu", "ia", "iu", "iE", "oa", "oW", "oe", "oi",
      "Oi", "Pi", "oo", "ua", "uA", "uE", "ui", "uO", "uP", "uy", "Ua", "Ui", "Uu", "UP", "yE",
      "iEu", "yEu", "oai", "oay", "oeo", "uAy", "uOi", "UPi", "UPu", "uya", "uyE", "uyu",
    ].map { pack($0.utf8) })

  /// Whether `count` skeleton letters packed in `skeleton` (first letter highest) spell a syllable
  /// with `tone`: an initial, a nucleus and a final of the sets above, a stop final only under no
  /// tone, the acute or the dot.
  private static func isSyllable(packed skeleton: UInt64, count: Int, tone: UInt8) -> Bool {
    for initialLength in 0...min(3, count - 1) {
      guard initialLength == 0 || initials.contains(skeleton >> (8 * UInt64(count - initialLength))) else {
        continue
      }
      for finalLength in 0...min(2, count - initialLength - 1) {
        let final = skeleton & lowBytes(finalLength)
        guard finalLength == 0 || finals.contains(final) else { continue }
        let nucleus = (skeleton >> (8 * UInt64(finalLength))) & lowBytes(count - initialLength - finalLength)
        guard nuclei.contains(nucleus) else { continue }
        if stopFinals.contains(final) && tone != 0 && tone != acuteTone && tone != dotTone {
          continue
        }
        return true
      }
    }
    return false
  }

  /// A mask of the `count` lowest bytes (at most seven).
  @inline(__always) private static func lowBytes(_ count: Int) -> UInt64 {
    (1 << (8 * UInt64(count))) &- 1
  }

  /// The tone a combining mark gives, as `toneMarks` holds it.
  @inline(__always) private static func toneMark(_ value: UInt32) -> UInt8? {
    switch value {
    case 0x300: return 1
    case 0x301: return 2
    case 0x303: return 3
    case 0x309: return 4
    case 0x323: return 5
    default: return nil
    }
  }

  /// True when `word` (letters only, NFC or with combining marks) is one Vietnamese syllable. The
  /// letters are packed into one number as they are read: nothing is allocated.
  static func isSyllable(_ word: some Sequence<Unicode.Scalar>) -> Bool {
    var skeleton: UInt64 = 0
    var count = 0
    var tone: UInt8 = 0
    var uppers = 0
    var firstIsUpper = false
    for scalar in word {
      let value = scalar.value
      if let mark = toneMark(value) {
        guard count > 0, tone == 0 else { return false }
        tone = mark
        continue
      }
      if value == 0x302 || value == 0x306 || value == 0x31B {
        guard count > 0, let vowel = modified(UInt8(truncatingIfNeeded: skeleton), by: value) else {
          return false
        }
        skeleton = skeleton & ~0xFF | UInt64(vowel)
        continue
      }
      guard value < 0x2000, let letter = letters[Int(value)] else { return false }
      if letter.tone != 0 {
        guard tone == 0 else { return false }
        tone = letter.tone
      }
      // No syllable has more than seven letters.
      guard count < 7 else { return false }
      skeleton = skeleton << 8 | UInt64(letter.skeleton)
      if letter.upper {
        uppers += 1
        if count == 0 { firstIsUpper = true }
      }
      count += 1
    }
    guard count > 0 else { return false }
    let caseIsRegular = uppers == 0 || uppers == count || (uppers == 1 && firstIsUpper)
    return caseIsRegular && isSyllable(packed: skeleton, count: count, tone: tone)
  }

  private static func isWordEdge(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return !scalar.properties.isAlphabetic }
    switch scalar {
    case "“", "”", "‘", "’", "…", "–", "—", "«", "»": return true
    default: return false
    }
  }

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0xA0, 0x2000...0x200B, 0x3000: return true
    default: return false
    }
  }

  /// Words of `scalars` that hold a non-ASCII scalar, and how many of them are syllables.
  static func score(_ scalars: [Unicode.Scalar]) -> (syllables: Int, words: Int) {
    var syllables = 0
    var words = 0
    var index = 0
    while index < scalars.count {
      guard !isSpace(scalars[index]) else {
        index += 1
        continue
      }
      var start = index
      while index < scalars.count && !isSpace(scalars[index]) { index += 1 }
      var end = index
      while start < end && isWordEdge(scalars[start]) { start += 1 }
      while end > start && isWordEdge(scalars[end - 1]) { end -= 1 }
      guard scalars[start..<end].contains(where: { !$0.isASCII }) else { continue }
      words += 1
      if isSyllable(scalars[start..<end]) { syllables += 1 }
    }
    return (syllables, words)
  }

  static func score(_ text: String) -> (syllables: Int, words: Int) {
    score(Array(text.unicodeScalars))
  }
}
