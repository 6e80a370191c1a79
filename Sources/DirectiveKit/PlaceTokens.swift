/// Words of a text as the gazetteer compares them: folded for look-up, with their place in the
/// NFC text, their capitalisation and what separates each from the one before.
struct PlaceToken {
  enum Case {
    /// `Trực`, `Ninh`: first letter capital, the rest small.
    case title
    /// `NINH`, `TP`.
    case upper
    case lower
    /// Starts with a digit: `1`, `12`.
    case digit
  }

  enum Gap {
    /// Only spaces, hyphens, dashes or markdown stars: words of one phrase.
    case soft
    /// Spaces and at least one full stop: `TP. Hồ Chí Minh`, `TP.HCM`.
    case dot
    /// Anything else (comma, colon, bracket...), or the start of the text.
    case hard
  }

  /// Marks removed, `đ` → `d`, lower case: `truc`.
  var folded: String
  /// Half-open range of scalar offsets into the NFC text.
  var start: Int
  var end: Int
  var letterCase: Case
  var gapBefore: Gap
  /// True when the gap before this word holds a line break.
  var lineBreakBefore: Bool
  /// True when some letter of the word carries a mark (or is `đ`).
  var hasMarks: Bool
}

enum PlaceTokenizer {
  static func tokens(of scalars: [Unicode.Scalar]) -> [PlaceToken] {
    var tokens: [PlaceToken] = []
    var index = 0
    var gap = PlaceToken.Gap.hard
    var lineBreak = false
    var atStart = true
    while index < scalars.count {
      let scalar = scalars[index]
      guard isWordScalar(scalar) else {
        if !atStart { gap = widen(gap, by: scalar) }
        if scalar == "\n" || scalar == "\r" { lineBreak = true }
        index += 1
        continue
      }
      let start = index
      var folded = String.UnicodeScalarView()
      var hasMarks = false
      var upperCount = 0
      var lowerCount = 0
      let startsWithDigit = scalar.properties.numericType != nil
      while index < scalars.count {
        let current = scalars[index]
        if isApostrophe(current), index + 1 < scalars.count, isWordScalar(scalars[index + 1]) {
          index += 1
          continue
        }
        guard isWordScalar(current) else { break }
        if let foldedScalar = VietnameseFolding.fold(current) {
          folded.append(foldedScalar)
          if current.value >= 0x80 { hasMarks = true }
        } else {
          hasMarks = true
        }
        if current.properties.isUppercase {
          upperCount += 1
        } else if current.properties.isLowercase {
          lowerCount += 1
        }
        index += 1
      }
      let letterCase: PlaceToken.Case
      if startsWithDigit {
        letterCase = .digit
      } else if !scalar.properties.isUppercase {
        letterCase = .lower
      } else {
        letterCase = lowerCount == 0 && upperCount > 1 ? .upper : .title
      }
      tokens.append(
        PlaceToken(
          folded: String(folded), start: start, end: index, letterCase: letterCase,
          gapBefore: gap, lineBreakBefore: lineBreak, hasMarks: hasMarks))
      gap = .soft
      lineBreak = false
      atStart = false
    }
    return tokens
  }

  /// Letters, digits and the combining marks that may follow them in NFD text.
  @inline(__always)
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 {
      return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        || (value >= 0x61 && value <= 0x7A)
    }
    if VietnameseFolding.isCombiningMark(value) { return true }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// `'` inside a word is dropped, so `H'leo` and `Hleo` are one word alike: `Ea H'leo`, `Cư M'gar`.
  @inline(__always)
  static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2BC}"
  }

  private static func widen(_ gap: PlaceToken.Gap, by scalar: Unicode.Scalar) -> PlaceToken.Gap {
    switch scalar {
    case " ", "\t", "\n", "\r", "\u{A0}", "-", "\u{2013}", "\u{2014}", "*", "_", "'", "\u{2019}", "\u{2BC}":
      return gap
    case ".":
      return gap == .hard ? .hard : .dot
    default:
      return .hard
    }
  }

  /// The key under which two spellings count as the same word when both carry marks: base letters
  /// followed by the word's marks in a fixed order, so `uỷ` = `ủy` and `hoà` = `hòa`, but `Thạnh` ≠
  /// `Thanh`.
  static func markedKey(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var bases = String.UnicodeScalarView()
    var marks: [UInt32] = []
    for scalar in String(String.UnicodeScalarView(scalars)).lowercased()
      .decomposedStringWithCanonicalMapping.unicodeScalars
    {
      if isApostrophe(scalar) {
        continue
      } else if scalar == "đ" {
        bases.append("d")
        marks.append(0x335)
      } else if VietnameseFolding.isCombiningMark(scalar.value) {
        marks.append(scalar.value)
      } else {
        bases.append(scalar)
      }
    }
    marks.sort()
    var key = String(bases)
    key.unicodeScalars.append(contentsOf: marks.compactMap(Unicode.Scalar.init))
    return key
  }
}
