import Foundation

/// Finds the gazetteer's names in a text in one pass over its words.
struct PlaceMatcher: Sendable {
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
      let (words, marked, lower) = PlaceMatcher.words(of: name)
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
      let (words, marked, lower) = PlaceMatcher.words(of: text)
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
    var shapes = [Bool](repeating: false, count: PlaceMatcher.bareShapeCount)
    for entry in entries where entry.bareEligible { shapes[PlaceMatcher.bareShape(entry.words[0])] = true }
    self.bareFirstWordShapes = shapes

    let blockers =
      "xã phường trấn thôn ấp bản xóm làng khu tổ đường phố sông núi hồ cầu đảo chợ cảng bến chí ông bà anh chị cụ"
    self.bareBlockers = Set(blockers.split(separator: " ").map { PlaceMatcher.words(of: String($0)).1[0] })
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
    let tokens = PlaceTokenizer.tokens(of: scalars)
    let lower = tokens.map { lowerScalars(of: scalars[$0.start..<$0.end]) }
    return (tokens.map(\.folded), tokens.map { PlaceTokenizer.markedKey(scalars[$0.start..<$0.end]) }, lower)
  }

  /// A word's scalars lower-cased one by one by `latinLowercase`; empty when one has no such case.
  static func lowerScalars(of word: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
    let mapped = word.map(latinLowercase)
    return mapped.contains(nil) ? [] : mapped.compactMap { $0 }
  }

  /// The lower case of a Latin scalar (below U+0250, or U+1E00–U+1EFF) that lower-cases to one
  /// scalar; nil for any other.
  @inline(__always)
  private static func latinLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    let value = scalar.value
    if value < 0x250 { return latinLowercaseTable[Int(value)] }
    if value >= 0x1E00 && value <= 0x1EFF { return latinLowercaseTable[Int(value - 0x1E00) + 0x250] }
    return nil
  }

  private static let latinLowercaseTable: [Unicode.Scalar?] = (Array(0..<0x250) + Array(0x1E00...0x1EFF)).map
  {
    value in
    guard let scalar = Unicode.Scalar(value) else { return nil }
    let lower = String(scalar).lowercased().unicodeScalars
    return lower.count == 1 ? lower.first : nil
  }

  /// Whether a word of the text is written as `lower` but for case, scalar for scalar: then its
  /// marked key is the one `lower` has, without building it.
  @inline(__always)
  static func spells(_ lower: [Unicode.Scalar], _ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
    guard !lower.isEmpty, lower.count == scalars.count else { return false }
    for (expected, scalar) in zip(lower, scalars) where latinLowercase(scalar) != expected { return false }
    return true
  }

  func mentions(in text: String) -> [PlaceMention] {
    mentions(inScalars: Array(text.unicodeScalars))
  }

  /// `mentions(in:)` of a text's scalars.
  func mentions(inScalars textScalars: [Unicode.Scalar]) -> [PlaceMention] {
    let scalars = PlaceTokenizer.nfcScalars(of: textScalars)
    let tokens = PlaceTokenizer.tokens(of: scalars)
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

  private func qualifiedMention(at index: Int, tokens: [PlaceToken], scalars: [Unicode.Scalar])
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
        provinces: PlaceMatcher.distinct(chosen.map(\.province)),
        text: String(String.UnicodeScalarView(scalars[tokens[index].start..<tokens[end - 1].end])),
        name: String(String.UnicodeScalarView(scalars[tokens[nameStart].start..<tokens[end - 1].end])),
        kind: phrase.kind, qualified: true, span: Span(tokens[index].start, tokens[end - 1].end))
      return (mention, end)
    }
    return nil
  }

  private func bareMention(at index: Int, tokens: [PlaceToken], scalars: [Unicode.Scalar])
    -> (PlaceMention, Int)?
  {
    let first = tokens[index]
    guard first.letterCase == .title || first.letterCase == .upper,
      bareFirstWordShapes[PlaceMatcher.bareShape(first.folded)],
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
  private func joins(_ token: PlaceToken) -> Bool {
    token.gapBefore == .soft && !token.lineBreakBefore
  }

  /// Whether `tokens` spell `words`: nil when they do not; false when they match with their marks;
  /// true when the text carries no marks at all and matches only once folded.
  private func accentMatch(
    _ tokens: ArraySlice<PlaceToken>, words: [String], marked: [String], lower: [[Unicode.Scalar]],
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
