/// How the gazetteer reads the scalars of a text: which are part of a word, what separates
/// two words, and when two spellings of a word are the same.
enum PlaceTokenizer {
  private static let wordBit: UInt8 = 1
  private static let upperBit: UInt8 = 2
  private static let lowerBit: UInt8 = 4
  private static let digitBit: UInt8 = 8

  /// Character classes of the scalars below U+2100 (Latin, Vietnamese, general punctuation),
  /// looked up once instead of per scalar.
  private static let classes: [UInt8] = (0..<classedScalars).map { value in
    guard let scalar = Unicode.Scalar(value) else { return 0 }
    return classify(scalar)
  }

  private static func classify(_ scalar: Unicode.Scalar) -> UInt8 {
    let properties = scalar.properties
    var bits: UInt8 = 0
    if properties.numericType != nil { bits |= wordBit | digitBit }
    if properties.isAlphabetic || VietnameseFolding.isCombiningMark(scalar.value) { bits |= wordBit }
    if properties.isUppercase { bits |= upperBit }
    if properties.isLowercase { bits |= lowerBit }
    return bits
  }

  @inline(__always)
  private static func classOf(_ scalar: Unicode.Scalar) -> UInt8 {
    scalar.value < classedScalars ? classes[Int(scalar.value)] : classify(scalar)
  }

  private static let classedScalars: UInt32 = 0x2100

  /// The scalars of `text` in NFC; normalising only when the text holds combining marks.
  ///
  /// Foundation's normalisation slows down sharply on long strings, so it runs on pieces of about
  /// a thousand scalars cut before a space or line break, where no composition can straddle the cut.
  static func nfcScalars(of text: String) -> [Unicode.Scalar] {
    nfcScalars(of: Array(text.unicodeScalars))
  }

  /// `nfcScalars(of:)` of a text's scalars.
  static func nfcScalars(of scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard scalars.contains(where: { VietnameseFolding.isCombiningMark($0.value) }) else { return scalars }
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(scalars.count)
    var pieceStart = 0
    func flush(upTo end: Int) {
      guard pieceStart < end else { return }
      let piece = String(String.UnicodeScalarView(scalars[pieceStart..<end]))
      result.append(contentsOf: piece.precomposedStringWithCanonicalMapping.unicodeScalars)
      pieceStart = end
    }
    for index in scalars.indices where index - pieceStart >= 1024 {
      let value = scalars[index].value
      if value == 0x20 || value == 0x0A { flush(upTo: index) }
    }
    flush(upTo: scalars.count)
    return result
  }

  /// Whether a word opening with `scalar` is `.title` or `.upper` by `letterCase(of:)`.
  @inline(__always)
  static func opensCapitalised(_ scalar: Unicode.Scalar) -> Bool {
    classOf(scalar) & (upperBit | digitBit) == upperBit
  }

  /// A word's capitalisation: by its first scalar, then its counts of capitals and small letters.
  static func letterCase(of word: ArraySlice<Unicode.Scalar>) -> PlaceWords.Case {
    guard let first = word.first else { return .lower }
    let firstClass = classOf(first)
    if firstClass & digitBit != 0 { return .digit }
    if firstClass & upperBit == 0 { return .lower }
    var upperCount = 0
    var lowerCount = 0
    for scalar in word {
      let scalarClass = classOf(scalar)
      if scalarClass & upperBit != 0 {
        upperCount += 1
      } else if scalarClass & lowerBit != 0 {
        lowerCount += 1
      }
    }
    return lowerCount == 0 && upperCount > 1 ? .upper : .title
  }

  /// Letters, digits and the combining marks that may follow them in NFD text.
  @inline(__always)
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    classOf(scalar) & wordBit != 0
  }

  /// `'` inside a word is dropped, so `H'leo` and `Hleo` are one word alike: `Ea H'leo`, `Cư M'gar`.
  @inline(__always)
  static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2BC}"
  }

  static func widen(_ gap: PlaceWords.Gap, by scalar: Unicode.Scalar) -> PlaceWords.Gap {
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
    // Lower-casing and decomposing these scalars one by one gives what the whole word gives.
    guard scalars.allSatisfy({ hasTabledParts($0.value) }) else {
      return definedMarkedKey(String(String.UnicodeScalarView(scalars)))
    }
    var bases = String.UnicodeScalarView()
    var marks: [UInt32] = []
    for scalar in scalars {
      let parts = tabledParts[Int(scalar.value)]
      bases.append(contentsOf: parts.bases)
      marks.append(contentsOf: parts.marks)
    }
    return key(bases: bases, marks: marks)
  }

  /// The marked key by its definition: the word lower-cased and decomposed as a whole, its base
  /// letters, then its marks in ascending order. `markedKey` looks the same up in a table.
  static func definedMarkedKey(_ text: String) -> String {
    let parts = markedParts(of: text)
    return key(bases: String.UnicodeScalarView(parts.bases), marks: parts.marks)
  }

  private static func key(bases: String.UnicodeScalarView, marks: [UInt32]) -> String {
    var key = String(bases)
    key.unicodeScalars.append(contentsOf: marks.sorted().compactMap(Unicode.Scalar.init))
    return key
  }

  /// Latin letters with their marks (below U+0370, and U+1E00–U+1EFF), whose parts are looked up.
  @inline(__always)
  private static func hasTabledParts(_ value: UInt32) -> Bool {
    value < 0x370 || (value >= 0x1E00 && value < 0x1F00)
  }

  private static let tabledParts: [(bases: [Unicode.Scalar], marks: [UInt32])] = (0..<0x1F00).map { value in
    guard hasTabledParts(UInt32(value)), let scalar = Unicode.Scalar(value) else { return ([], []) }
    return markedParts(of: String(scalar))
  }

  /// The base letters of `text` lower-cased and decomposed, and its marks (`đ` counts as `d`
  /// with a mark); apostrophes dropped.
  private static func markedParts(of text: String) -> (bases: [Unicode.Scalar], marks: [UInt32]) {
    var bases: [Unicode.Scalar] = []
    var marks: [UInt32] = []
    for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
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
    return (bases, marks)
  }
}
