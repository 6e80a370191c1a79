import Foundation

/// How much a text reads as Vietnamese: the share of its accented words that are well-formed
/// Vietnamese syllables (initial consonant, vowel nucleus, final, at most one tone, one case
/// pattern). A text decoded in the wrong encoding scores near zero, the right one near one.
enum VietnameseSyllables {
  /// A letter reduced to what spelling rules see: its base (vowels keep their modifier:
  /// `â` is `A`, `ă` `W`, `ê` `E`, `ô` `O`, `ơ` `P`, `ư` `U`, `đ` `D`), its tone and case.
  private struct Letter {
    var skeleton: UInt8
    var tone: UInt8
    var upper: Bool
  }

  private static let toneMarks: [UInt32: UInt8] = [
    0x300: 1, 0x301: 2, 0x303: 3, 0x309: 4, 0x323: 5,
  ]
  private static let acuteTone: UInt8 = 2
  private static let dotTone: UInt8 = 5

  /// The vowel a modifier mark (circumflex, breve, horn) makes of a base letter.
  private static func modified(_ skeleton: UInt8, by mark: UInt32) -> UInt8? {
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
  private static let letters: [Letter?] = {
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
  private static func pack(_ letters: some Collection<UInt8>) -> UInt64 {
    letters.reduce(0) { $0 << 8 | UInt64($1) }
  }

  private static let initials: Set<UInt64> = Set(
    [
      "b", "c", "ch", "d", "D", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
      "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
    ].map { pack($0.utf8) })

  private static let finals: Set<UInt64> = Set(
    ["c", "ch", "m", "n", "ng", "nh", "p", "t"].map { pack($0.utf8) })

  private static let stopFinals: Set<UInt64> = Set(["c", "ch", "p", "t"].map { pack($0.utf8) })

  /// Vowel nuclei with their glides, in skeleton letters.
  private static let nuclei: Set<UInt64> = Set(
    [
      "a", "W", "A", "e", "E", "i", "o", "O", "P", "u", "U", "y",
      "ai", "ao", "au", "ay", "Au", "Ay", "eo", "Eu", "ia", "iu", "iE", "oa", "oW", "oe", "oi",
      "Oi", "Pi", "oo", "ua", "uA", "uE", "ui", "uO", "uP", "uy", "Ua", "Ui", "Uu", "UP", "yE",
      "iEu", "yEu", "oai", "oay", "oeo", "uAy", "uOi", "UPi", "UPu", "uya", "uyE", "uyu",
    ].map { pack($0.utf8) })

  private static func isSyllable(_ skeleton: [UInt8], tone: UInt8) -> Bool {
    let count = skeleton.count
    for initialLength in 0...min(3, count - 1) {
      guard initialLength == 0 || initials.contains(pack(skeleton[..<initialLength])) else {
        continue
      }
      for finalLength in 0...min(2, count - initialLength - 1) {
        let final = pack(skeleton[(count - finalLength)...])
        guard finalLength == 0 || finals.contains(final) else { continue }
        guard nuclei.contains(pack(skeleton[initialLength..<(count - finalLength)])) else {
          continue
        }
        if stopFinals.contains(final) && tone != 0 && tone != acuteTone && tone != dotTone {
          continue
        }
        return true
      }
    }
    return false
  }

  /// True when `word` (letters only, NFC or with combining marks) is one Vietnamese syllable.
  static func isSyllable(_ word: some Sequence<Unicode.Scalar>) -> Bool {
    var skeleton: [UInt8] = []
    var tone: UInt8 = 0
    var cases: [Bool] = []
    for scalar in word {
      let value = scalar.value
      if let mark = toneMarks[value] {
        guard !skeleton.isEmpty, tone == 0 else { return false }
        tone = mark
        continue
      }
      if value == 0x302 || value == 0x306 || value == 0x31B {
        guard let last = skeleton.last, let vowel = modified(last, by: value) else { return false }
        skeleton[skeleton.count - 1] = vowel
        continue
      }
      guard value < 0x2000, let letter = letters[Int(value)] else { return false }
      if letter.tone != 0 {
        guard tone == 0 else { return false }
        tone = letter.tone
      }
      skeleton.append(letter.skeleton)
      cases.append(letter.upper)
    }
    guard !skeleton.isEmpty, skeleton.count <= 7 else { return false }
    let uppers = cases.filter { $0 }.count
    let caseIsRegular = uppers == 0 || uppers == cases.count || (uppers == 1 && cases[0])
    return caseIsRegular && isSyllable(skeleton, tone: tone)
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
