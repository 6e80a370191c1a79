import Foundation

@testable import DirectiveKit

// The place matcher and tokenizer as they were before words were read off the scanner's folded
// twin (main at 96f7e4a), kept unchanged but for their names: the differential tests hold the
// new matcher to every mention this one finds. What the rewrite left as it was (marked keys,
// lower-casing, apostrophes) is called in `PlaceTokenizer` and `PlaceMatcher`, not copied.

struct ReferencePlaceMatcher: Sendable {
  private struct Entry: Sendable {
    let words: [String]
    let markedWords: [String]
    let lowerWords: [[Unicode.Scalar]]
    let province: String
    let kind: String
    let isProvince: Bool
    var bareEligible: Bool
  }

  private struct KindPhrase: Sendable {
    let words: [String]
    let markedWords: [String]
    let lowerWords: [[Unicode.Scalar]]
    let kind: String
    let appliesToDistricts: Bool
    let appliesToProvinces: Bool
    let allowsDot: Bool
  }

  private let entriesByFirstWord: [String: [Entry]]
  private let kindPhrasesByFirstWord: [String: [KindPhrase]]
  /// Whether some kind phrase's first word starts with this folded byte: most words are passed
  /// over without hashing them.
  private let kindPhraseFirstBytes: [Bool]
  /// The distinct first words of the kind phrases, compared before the table is looked up.
  private let kindPhraseFirstWords: [String]
  /// Whether some name that may stand bare has a first word of this shape (`bareShape`): most
  /// capitalised words are passed over without hashing them.
  private let bareFirstWordShapes: [Bool]
  /// Words after which a bare name is a commune, street, person...: `xã`, `đường`, `ông`.
  private let bareBlockers: Set<String>

  init(
    provinces: [Gazetteer.Province], provinceAliases: [(name: String, province: Gazetteer.Province)],
    districts: [Gazetteer.District]
  ) {
    var entries: [Entry] = []
    func add(_ name: String, province: String, kind: String, isProvince: Bool) {
      let (words, marked, lower) = ReferencePlaceMatcher.words(of: name)
      guard !words.isEmpty else { return }
      entries.append(
        Entry(
          words: words, markedWords: marked, lowerWords: lower, province: province, kind: kind,
          isProvince: isProvince, bareEligible: false))
    }
    for province in provinces {
      add(province.name, province: province.name, kind: province.kind, isProvince: true)
    }
    for alias in provinceAliases {
      add(alias.name, province: alias.province.name, kind: alias.province.kind, isProvince: true)
    }
    for district in districts {
      add(district.name, province: district.province, kind: district.kind, isProvince: false)
    }

    var provincesByName: [[String]: Set<String>] = [:]
    var provinceNames = Set<[String]>()
    for entry in entries {
      if entry.isProvince {
        provinceNames.insert(entry.markedWords)
      } else {
        provincesByName[entry.markedWords, default: []].insert(entry.province)
      }
    }
    for index in entries.indices where !entries[index].isProvince {
      let entry = entries[index]
      entries[index].bareEligible =
        entry.words.count >= 2 && provincesByName[entry.markedWords]?.count == 1
        && !provinceNames.contains(entry.markedWords) && entry.words[0].first?.isLetter == true
    }
    self.entriesByFirstWord = Dictionary(grouping: entries) { $0.words[0] }
      .mapValues { $0.sorted { $0.words.count > $1.words.count } }

    let phrases: [(String, String, Bool, Bool)] = [
      ("huyện", "huyện", true, false), ("quận", "quận", true, false), ("thị xã", "thị xã", true, false),
      ("thành phố", "thành phố", true, true), ("TP", "thành phố", true, true), ("tỉnh", "tỉnh", false, true),
      ("huyện ủy", "huyện", true, false), ("quận ủy", "quận", true, false), ("thị ủy", "thị xã", true, false),
      ("thành ủy", "thành phố", true, true), ("tỉnh ủy", "tỉnh", false, true),
    ]
    let kindPhrases = phrases.map { text, kind, districts, provinces in
      let (words, marked, lower) = ReferencePlaceMatcher.words(of: text)
      return KindPhrase(
        words: words, markedWords: marked, lowerWords: lower, kind: kind, appliesToDistricts: districts,
        appliesToProvinces: provinces, allowsDot: words == ["tp"])
    }
    self.kindPhrasesByFirstWord = Dictionary(grouping: kindPhrases) { $0.words[0] }
      .mapValues { $0.sorted { $0.words.count > $1.words.count } }
    var firstBytes = [Bool](repeating: false, count: 256)
    for phrase in kindPhrases { firstBytes[Int(phrase.words[0].utf8.first ?? 0)] = true }
    self.kindPhraseFirstBytes = firstBytes
    self.kindPhraseFirstWords = Array(Set(kindPhrases.map { $0.words[0] })).sorted()
    var shapes = [Bool](repeating: false, count: ReferencePlaceMatcher.bareShapeCount)
    for entry in entries where entry.bareEligible {
      shapes[ReferencePlaceMatcher.bareShape(entry.words[0])] = true
    }
    self.bareFirstWordShapes = shapes

    let blockers =
      "xã phường trấn thôn ấp bản xóm làng khu tổ đường phố sông núi hồ cầu đảo chợ cảng bến chí ông bà anh chị cụ"
    self.bareBlockers = Set(
      blockers.split(separator: " ").map { ReferencePlaceMatcher.words(of: String($0)).1[0] })
  }

  private static let bareShapeCount = 1 << 12

  /// A folded word's first and last bytes and its length, packed into 12 bits.
  @inline(__always) private static func bareShape(_ word: String) -> Int {
    let utf8 = word.utf8
    guard let first = utf8.first, let last = utf8.last else { return 0 }
    return (Int(first & 31) << 7 | Int(last & 31) << 2 | (utf8.count & 3)) & (bareShapeCount - 1)
  }

  /// A name's words folded, their marked keys, and their scalars lower-cased one by one (empty for
  /// a word with a scalar `latinLowercase` does not map).
  private static func words(of name: String) -> ([String], [String], [[Unicode.Scalar]]) {
    let scalars = Array(name.precomposedStringWithCanonicalMapping.unicodeScalars)
    let tokens = ReferencePlaceTokenizer.tokens(of: scalars)
    let lower = tokens.map { PlaceMatcher.lowerScalars(of: scalars[$0.start..<$0.end]) }
    return (
      tokens.map(\.folded), tokens.map { PlaceTokenizer.markedKey(scalars[$0.start..<$0.end]) },
      lower
    )
  }

  func mentions(in text: String) -> [PlaceMention] {
    mentions(inScalars: Array(text.unicodeScalars))
  }

  /// `mentions(in:)` of a text's scalars.
  func mentions(inScalars textScalars: [Unicode.Scalar]) -> [PlaceMention] {
    let scalars = ReferencePlaceTokenizer.nfcScalars(of: textScalars)
    let tokens = ReferencePlaceTokenizer.tokens(of: scalars)
    var mentions: [PlaceMention] = []
    var index = 0
    while index < tokens.count {
      if let (mention, next) = qualifiedMention(at: index, tokens: tokens, scalars: scalars) {
        mentions.append(mention)
        index = next
      } else if let (mention, next) = bareMention(at: index, tokens: tokens, scalars: scalars) {
        mentions.append(mention)
        index = next
      } else {
        index += 1
      }
    }
    return mentions
  }

  private func qualifiedMention(at index: Int, tokens: [ReferencePlaceToken], scalars: [Unicode.Scalar])
    -> (PlaceMention, Int)?
  {
    let word = tokens[index].folded
    guard kindPhraseFirstBytes[Int(word.utf8.first ?? 0)], kindPhraseFirstWords.contains(word),
      let phrases = kindPhrasesByFirstWord[word]
    else { return nil }
    for phrase in phrases {
      let nameStart = index + phrase.words.count
      // The cheap conditions first; the accents of the kind words last.
      guard nameStart < tokens.count else { continue }
      let gap = tokens[nameStart].gapBefore
      guard gap == .soft || (gap == .dot && phrase.allowsDot) else { continue }
      guard tokens[nameStart].letterCase != .lower else { continue }
      let candidates = (entriesByFirstWord[tokens[nameStart].folded] ?? []).filter {
        $0.isProvince ? phrase.appliesToProvinces : phrase.appliesToDistricts
      }
      guard !candidates.isEmpty,
        let kindUnaccented = accentMatch(
          tokens[index..<nameStart], words: phrase.words, marked: phrase.markedWords,
          lower: phrase.lowerWords,
          scalars: scalars)
      else { continue }
      var best: [Entry] = []
      var bestLength = 0
      for entry in candidates where entry.words.count >= bestLength {
        let end = nameStart + entry.words.count
        guard end <= tokens.count,
          let nameUnaccented = accentMatch(
            tokens[nameStart..<end], words: entry.words, marked: entry.markedWords, lower: entry.lowerWords,
            scalars: scalars),
          !kindUnaccented || nameUnaccented
        else { continue }
        if entry.words.count > bestLength {
          best = []
          bestLength = entry.words.count
        }
        best.append(entry)
      }
      guard !best.isEmpty else { continue }
      let sameKind = best.filter { $0.kind == phrase.kind }
      let chosen = sameKind.isEmpty ? best : sameKind
      let end = nameStart + bestLength
      let mention = PlaceMention(
        provinces: ReferencePlaceMatcher.distinct(chosen.map(\.province)),
        text: String(String.UnicodeScalarView(scalars[tokens[index].start..<tokens[end - 1].end])),
        name: String(String.UnicodeScalarView(scalars[tokens[nameStart].start..<tokens[end - 1].end])),
        kind: phrase.kind, qualified: true, span: Span(tokens[index].start, tokens[end - 1].end))
      return (mention, end)
    }
    return nil
  }

  private func bareMention(at index: Int, tokens: [ReferencePlaceToken], scalars: [Unicode.Scalar])
    -> (PlaceMention, Int)?
  {
    let first = tokens[index]
    guard first.letterCase == .title || first.letterCase == .upper,
      bareFirstWordShapes[ReferencePlaceMatcher.bareShape(first.folded)],
      let candidates = entriesByFirstWord[first.folded]
    else { return nil }
    for entry in candidates where entry.bareEligible {
      let end = index + entry.words.count
      guard end <= tokens.count,
        tokens[index..<end].allSatisfy({ $0.letterCase == first.letterCase }),
        tokens[index..<end].dropFirst().allSatisfy({ !$0.lineBreakBefore }),
        accentMatch(
          tokens[index..<end], words: entry.words, marked: entry.markedWords, lower: entry.lowerWords,
          scalars: scalars)
          == false
      else { continue }
      if index > 0, joins(tokens[index]) {
        let previous = tokens[index - 1]
        if previous.letterCase == first.letterCase { return nil }
        if bareBlockers.contains(PlaceTokenizer.markedKey(scalars[previous.start..<previous.end])) {
          return nil
        }
      }
      if end < tokens.count, joins(tokens[end]), tokens[end].letterCase == first.letterCase { return nil }
      let span = Span(first.start, tokens[end - 1].end)
      let text = String(String.UnicodeScalarView(scalars[span.start..<span.end]))
      let mention = PlaceMention(
        provinces: [entry.province], text: text, name: text, kind: nil, qualified: false, span: span)
      return (mention, end)
    }
    return nil
  }

  /// True when `token` continues the phrase before it: only spaces or hyphens between, same line.
  private func joins(_ token: ReferencePlaceToken) -> Bool {
    token.gapBefore == .soft && !token.lineBreakBefore
  }

  /// Whether `tokens` spell `words`: nil when they do not; false when they match with their marks;
  /// true when the text carries no marks at all and matches only once folded.
  private func accentMatch(
    _ tokens: ArraySlice<ReferencePlaceToken>, words: [String], marked: [String], lower: [[Unicode.Scalar]],
    scalars: [Unicode.Scalar]
  ) -> Bool? {
    guard tokens.count == words.count else { return nil }
    for (offset, token) in tokens.enumerated() {
      if token.folded != words[offset] { return nil }
      if offset > 0 && token.gapBefore != .soft { return nil }
    }
    if tokens.allSatisfy({ !$0.hasMarks }) {
      return marked == words ? false : true
    }
    for (offset, token) in tokens.enumerated() {
      let word = scalars[token.start..<token.end]
      if PlaceMatcher.spells(lower[offset], word) { continue }
      if PlaceTokenizer.markedKey(word) != marked[offset] { return nil }
    }
    return false
  }

  private static func distinct(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
  }
}

/// Words of a text as the gazetteer compares them: folded for look-up, with their place in the
/// NFC text, their capitalisation and what separates each from the one before.
struct ReferencePlaceToken {
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

enum ReferencePlaceTokenizer {
  private static let wordBit: UInt8 = 1
  private static let upperBit: UInt8 = 2
  private static let lowerBit: UInt8 = 4
  private static let digitBit: UInt8 = 8

  /// Character classes of the scalars below U+2000, looked up once instead of per scalar.
  private static let classes: [UInt8] = (0..<0x2000).map { value in
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
    scalar.value < 0x2000 ? classes[Int(scalar.value)] : classify(scalar)
  }

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

  static func tokens(of scalars: [Unicode.Scalar]) -> [ReferencePlaceToken] {
    var tokens: [ReferencePlaceToken] = []
    // A Vietnamese word and the space after it take four to five scalars.
    tokens.reserveCapacity(scalars.count / 3 + 16)
    var folded: [UInt8] = []
    let foldTable = VietnameseFolding.asciiTable
    let classTable = classes
    @inline(__always) func classOf(_ scalar: Unicode.Scalar) -> UInt8 {
      scalar.value < 0x2000 ? classTable[Int(scalar.value)] : classify(scalar)
    }
    var index = 0
    var gap = ReferencePlaceToken.Gap.hard
    var lineBreak = false
    var atStart = true
    while index < scalars.count {
      let scalar = scalars[index]
      let firstClass = classOf(scalar)
      guard firstClass & wordBit != 0 else {
        if !atStart { gap = widen(gap, by: scalar) }
        if scalar == "\n" || scalar == "\r" { lineBreak = true }
        index += 1
        continue
      }
      let start = index
      folded.removeAll(keepingCapacity: true)
      var hasMarks = false
      var upperCount = 0
      var lowerCount = 0
      while index < scalars.count {
        let current = scalars[index]
        let currentClass = classOf(current)
        if currentClass & wordBit == 0 {
          if PlaceTokenizer.isApostrophe(current), index + 1 < scalars.count,
            classOf(scalars[index + 1]) & wordBit != 0
          {
            index += 1
            continue
          }
          break
        }
        if current.value < 0x80 {
          folded.append(UInt8(current.value) | (currentClass & upperBit != 0 ? 0x20 : 0))
        } else {
          hasMarks = true
          if current.value < 0x2000, case let byte = foldTable[Int(current.value)], byte != 0 {
            folded.append(byte)
          } else if let foldedScalar = VietnameseFolding.fold(current) {
            folded.append(contentsOf: String(foldedScalar).utf8)
          }
        }
        if currentClass & upperBit != 0 {
          upperCount += 1
        } else if currentClass & lowerBit != 0 {
          lowerCount += 1
        }
        index += 1
      }
      let letterCase: ReferencePlaceToken.Case
      if firstClass & digitBit != 0 {
        letterCase = .digit
      } else if firstClass & upperBit == 0 {
        letterCase = .lower
      } else {
        letterCase = lowerCount == 0 && upperCount > 1 ? .upper : .title
      }
      tokens.append(
        ReferencePlaceToken(
          folded: String(decoding: folded, as: UTF8.self), start: start, end: index, letterCase: letterCase,
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
    classOf(scalar) & wordBit != 0
  }

  private static func widen(_ gap: ReferencePlaceToken.Gap, by scalar: Unicode.Scalar)
    -> ReferencePlaceToken.Gap
  {
    switch scalar {
    case " ", "\t", "\n", "\r", "\u{A0}", "-", "\u{2013}", "\u{2014}", "*", "_", "'", "\u{2019}", "\u{2BC}":
      return gap
    case ".":
      return gap == .hard ? .hard : .dot
    default:
      return .hard
    }
  }
}

/// `KnownOfficials.mentions` as it was: each roster name looked for on its own.
enum ReferenceKnownOfficials {
  private static let phrases: [(Phrase, String)] = KnownOfficials.roster.map {
    (Phrase($0.name), $0.province)
  }

  static func mentions(in scanner: TextScanner, signer: String?) -> [(
    province: String, text: String, isSigner: Bool
  )] {
    let signerFolded = signer?.folded
    var found: [(String, String, Bool)] = []
    for (phrase, province) in phrases {
      var from = 0
      while let start = scanner.find(phrase.folded, from: from) {
        from = start + 1
        guard let end = scanner.matchWord(phrase.folded, at: start) else { continue }
        let written = scanner.string(start..<end)
        found.append((province, written, signerFolded == written.folded))
        break
      }
    }
    return found
  }
}
