import Foundation

/// Finds the gazetteer's names in a text in one pass over its words.
struct PlaceMatcher: Sendable {
  private struct Entry: Sendable {
    let words: [String]
    let wordBytes: [[UInt8]]
    let markedWords: [String]
    /// Whether the name carries no marks: its marked words are its folded ones.
    let isUnmarked: Bool
    let lowerWords: [[Unicode.Scalar]]
    let province: String
    let kind: String
    let isProvince: Bool
    var bareEligible: Bool
  }

  /// A class, so that going over the phrases retains one reference each, not their arrays.
  private final class KindPhrase: Sendable {
    let words: [String]
    let wordBytes: [[UInt8]]
    let markedWords: [String]
    let isUnmarked: Bool
    let lowerWords: [[Unicode.Scalar]]
    let kind: String
    let appliesToDistricts: Bool
    let appliesToProvinces: Bool
    let allowsDot: Bool

    init(
      words: [String], wordBytes: [[UInt8]], markedWords: [String], lowerWords: [[Unicode.Scalar]],
      kind: String, appliesToDistricts: Bool, appliesToProvinces: Bool, allowsDot: Bool
    ) {
      self.words = words
      self.wordBytes = wordBytes
      self.markedWords = markedWords
      self.isUnmarked = markedWords == words
      self.lowerWords = lowerWords
      self.kind = kind
      self.appliesToDistricts = appliesToDistricts
      self.appliesToProvinces = appliesToProvinces
      self.allowsDot = allowsDot
    }
  }

  private let entriesByFirstWord: [String: [Entry]]
  /// The names that may stand bare (`bareEligible`) by their first word, longest first.
  private let bareEntriesByFirstWord: [String: [Entry]]
  /// The kind phrases by their first word (`kindPhraseFirstWords`), longest first.
  private let kindPhrasesByFirstWord: [[KindPhrase]]
  /// Whether some kind phrase's first word starts with this folded byte: most words are passed
  /// over without comparing them.
  private let kindPhraseFirstBytes: [Bool]
  /// The distinct first words of the kind phrases, each packed into a number (`packed`).
  private let kindPhraseFirstWords: [UInt64]
  /// Whether some name that may stand bare has a first word of this shape (`bareShape`): most
  /// capitalised words are passed over without hashing them.
  private let bareFirstWordShapes: [Bool]
  /// Whether some name that may stand bare has a first word of this hash (`bareHash`): the
  /// capitalised words of a shape that passes are hashed on their bytes, most of them to no name.
  private let bareFirstWordHashes: [Bool]
  /// The same for the first two words (every such name has two or more): `Thành ủy` and `Tân
  /// Bình` open with the words of names, `Thành ủy` with no name's first two.
  private let bareFirstPairHashes: [Bool]
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
          words: words, wordBytes: words.map { Array($0.utf8) }, markedWords: marked,
          isUnmarked: marked == words,
          lowerWords: lower, province: province, kind: kind,
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
    self.bareEntriesByFirstWord = entriesByFirstWord.compactMapValues { entries in
      let bare = entries.filter(\.bareEligible)
      return bare.isEmpty ? nil : bare
    }

    let phrases: [(String, String, Bool, Bool)] = [
      ("huyện", "huyện", true, false), ("quận", "quận", true, false), ("thị xã", "thị xã", true, false),
      ("thành phố", "thành phố", true, true), ("TP", "thành phố", true, true), ("tỉnh", "tỉnh", false, true),
      ("huyện ủy", "huyện", true, false), ("quận ủy", "quận", true, false), ("thị ủy", "thị xã", true, false),
      ("thành ủy", "thành phố", true, true), ("tỉnh ủy", "tỉnh", false, true),
    ]
    let kindPhrases = phrases.map { text, kind, districts, provinces in
      let (words, marked, lower) = PlaceMatcher.words(of: text)
      return KindPhrase(
        words: words, wordBytes: words.map { Array($0.utf8) }, markedWords: marked, lowerWords: lower,
        kind: kind, appliesToDistricts: districts,
        appliesToProvinces: provinces, allowsDot: words == ["tp"])
    }
    let firstWords = Array(Set(kindPhrases.map { $0.words[0] })).sorted()
    let phrasesByFirstWord = Dictionary(grouping: kindPhrases) { $0.words[0] }
    self.kindPhrasesByFirstWord = firstWords.map { word in
      (phrasesByFirstWord[word] ?? []).sorted { $0.words.count > $1.words.count }
    }
    var firstBytes = [Bool](repeating: false, count: 256)
    for phrase in kindPhrases { firstBytes[Int(phrase.words[0].utf8.first ?? 0)] = true }
    self.kindPhraseFirstBytes = firstBytes
    self.kindPhraseFirstWords = firstWords.map { word in
      Array(word.utf8).withUnsafeBufferPointer { PlaceMatcher.packed($0) ?? 0 }
    }
    var shapes = [Bool](repeating: false, count: PlaceMatcher.bareShapeCount)
    for entry in entries where entry.bareEligible { shapes[PlaceMatcher.bareShape(entry.words[0])] = true }
    self.bareFirstWordShapes = shapes
    var hashes = [Bool](repeating: false, count: PlaceMatcher.bareHashCount)
    for entry in entries where entry.bareEligible {
      hashes[entry.wordBytes[0].withUnsafeBufferPointer(PlaceMatcher.bareHash)] = true
    }
    self.bareFirstWordHashes = hashes
    var pairHashes = [Bool](repeating: false, count: PlaceMatcher.bareHashCount)
    for entry in entries where entry.bareEligible {
      let first = entry.wordBytes[0]
      let second = entry.wordBytes[1]
      pairHashes[
        first.withUnsafeBufferPointer { first in
          second.withUnsafeBufferPointer { PlaceMatcher.bareHash(first, $0) }
        }] = true
    }
    self.bareFirstPairHashes = pairHashes

    let blockers =
      "xã phường trấn thôn ấp bản xóm làng khu tổ đường phố sông núi hồ cầu đảo chợ cảng bến chí ông bà anh chị cụ"
    self.bareBlockers = Set(blockers.split(separator: " ").map { PlaceMatcher.words(of: String($0)).1[0] })
  }

  private static let bareShapeCount = 1 << 12

  /// A folded word's first and last bytes and its length, packed into 12 bits.
  private static func bareShape(_ word: String) -> Int {
    Array(word.utf8).withUnsafeBufferPointer(bareShape)
  }

  private static let bareHashCount = 1 << 16

  /// A folded word's FNV-1a hash, cut to 16 bits.
  @inline(__always) private static func bareHash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in word { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash >> 16)
  }

  /// `bareHash` of two folded words with a space between.
  @inline(__always)
  private static func bareHash(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    var hash: UInt32 = 2_166_136_261
    for byte in first { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    hash = (hash ^ 32) &* 16_777_619
    for byte in second { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash >> 16)
  }

  @inline(__always) private static func bareShape(_ word: UnsafeBufferPointer<UInt8>) -> Int {
    guard let first = word.first, let last = word.last else { return 0 }
    return (Int(first & 31) << 7 | Int(last & 31) << 2 | (word.count & 3)) & (bareShapeCount - 1)
  }

  /// A name's words folded, their marked keys, and their scalars lower-cased one by one (empty for
  /// a word with a scalar `latinLowercase` does not map).
  private static func words(of name: String) -> ([String], [String], [[Unicode.Scalar]]) {
    let words = PlaceWords(TextScanner(name.precomposedStringWithCanonicalMapping))
    let indices = 0..<words.count
    return (
      indices.map(words.key), indices.map { PlaceTokenizer.markedKey(words.scalars($0)) },
      indices.map { lowerScalars(of: words.scalars($0)) }
    )
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
    mentions(in: TextScanner(text))
  }

  /// `mentions(in:)` of the text a scanner reads.
  func mentions(in scanner: TextScanner) -> [PlaceMention] {
    let words = PlaceWords(scanner)
    var mentions: [PlaceMention] = []
    words.withReader { reader in
      var index = 0
      while index < reader.count {
        // Most words open no name: their first byte, shape and first letter say so.
        let key = reader.key(index)
        if kindPhraseFirstBytes[Int(key.first ?? 0)], let firstWord = kindPhraseFirstWord(key),
          let (mention, next) = qualifiedMention(at: index, firstWord: firstWord, words)
        {
          mentions.append(mention)
          index = next
        } else if bareFirstWordShapes[PlaceMatcher.bareShape(key)], reader.opensCapitalised(index),
          bareFirstWordHashes[PlaceMatcher.bareHash(key)], index + 1 < reader.count,
          bareFirstPairHashes[PlaceMatcher.bareHash(key, reader.key(index + 1))],
          let (mention, next) = bareMention(at: index, words)
        {
          mentions.append(mention)
          index = next
        } else {
          index += 1
        }
      }
    }
    return mentions
  }

  /// The index of `word` among the kind phrases' first words.
  @inline(__always)
  private func kindPhraseFirstWord(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let value = PlaceMatcher.packed(word) else { return nil }
    return kindPhraseFirstWords.firstIndex(of: value)
  }

  /// A folded word of one to eight bytes as one number, its bytes big-end first; nil for any
  /// other. Folded bytes are never zero, so words of different lengths differ.
  @inline(__always)
  private static func packed(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
    guard !word.isEmpty, word.count <= 8 else { return nil }
    var value: UInt64 = 0
    for byte in word { value = value << 8 | UInt64(byte) }
    return value
  }

  private func qualifiedMention(at index: Int, firstWord: Int, _ words: PlaceWords) -> (PlaceMention, Int)? {
    for phrase in kindPhrasesByFirstWord[firstWord] {
      let nameStart = index + phrase.words.count
      // The cheap conditions first; the accents of the kind words last.
      guard nameStart < words.count else { continue }
      let gap = words.words[nameStart].gapBefore
      guard gap == .soft || (gap == .dot && phrase.allowsDot) else { continue }
      guard words.letterCase(nameStart) != .lower else { continue }
      let candidates = (entriesByFirstWord[words.key(nameStart)] ?? []).filter {
        $0.isProvince ? phrase.appliesToProvinces : phrase.appliesToDistricts
      }
      guard !candidates.isEmpty,
        let kindUnaccented = accentMatch(
          words, index..<nameStart, words: phrase.wordBytes, marked: phrase.markedWords,
          isUnmarked: phrase.isUnmarked,
          lower: phrase.lowerWords)
      else { continue }
      var best: [Entry] = []
      var bestLength = 0
      for entry in candidates where entry.words.count >= bestLength {
        let end = nameStart + entry.words.count
        guard end <= words.count,
          let nameUnaccented = accentMatch(
            words, nameStart..<end, words: entry.wordBytes, marked: entry.markedWords,
            isUnmarked: entry.isUnmarked,
            lower: entry.lowerWords),
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
      let textStart = Int(words.words[index].start)
      let nameFrom = Int(words.words[nameStart].start)
      let textEnd = Int(words.words[end - 1].end)
      let mention = PlaceMention(
        provinces: PlaceMatcher.distinct(chosen.map(\.province)),
        text: words.scanner.string(textStart..<textEnd), name: words.scanner.string(nameFrom..<textEnd),
        kind: phrase.kind, qualified: true, span: Span(textStart, textEnd))
      return (mention, end)
    }
    return nil
  }

  private func bareMention(at index: Int, _ words: PlaceWords) -> (PlaceMention, Int)? {
    guard let candidates = bareEntriesByFirstWord[words.key(index)] else { return nil }
    let firstCase = words.letterCase(index)
    guard firstCase == .title || firstCase == .upper else { return nil }
    for entry in candidates {
      let end = index + entry.words.count
      // The words first, their case and line breaks after.
      guard end <= words.count,
        accentMatch(
          words, index..<end, words: entry.wordBytes, marked: entry.markedWords, isUnmarked: entry.isUnmarked,
          lower: entry.lowerWords) == false,
        (index + 1..<end).allSatisfy({ words.letterCase($0) == firstCase }),
        (index + 1..<end).allSatisfy({ !words.words[$0].lineBreakBefore })
      else { continue }
      if index > 0, joins(words.words[index]) {
        if words.letterCase(index - 1) == firstCase { return nil }
        if bareBlockers.contains(PlaceTokenizer.markedKey(words.scalars(index - 1))) { return nil }
      }
      if end < words.count, joins(words.words[end]), words.letterCase(end) == firstCase { return nil }
      let span = Span(Int(words.words[index].start), Int(words.words[end - 1].end))
      let text = words.scanner.string(span.start..<span.end)
      let mention = PlaceMention(
        provinces: [entry.province], text: text, name: text, kind: nil, qualified: false, span: span)
      return (mention, end)
    }
    return nil
  }

  /// True when `word` continues the phrase before it: only spaces or hyphens between, same line.
  private func joins(_ word: PlaceWords.Word) -> Bool {
    word.gapBefore == .soft && !word.lineBreakBefore
  }

  /// Whether the words `range` spell `words`: nil when they do not; false when they match with
  /// their marks; true when the text carries no marks at all and matches only once folded.
  private func accentMatch(
    _ text: PlaceWords, _ range: Range<Int>, words: [[UInt8]], marked: [String], isUnmarked: Bool,
    lower: [[Unicode.Scalar]]
  ) -> Bool? {
    guard range.count == words.count else { return nil }
    for (offset, index) in range.enumerated() {
      if !text.keyEquals(index, words[offset]) { return nil }
      if offset > 0 && text.words[index].gapBefore != .soft { return nil }
    }
    if range.allSatisfy({ !text.hasMarks($0) }) {
      return !isUnmarked
    }
    for (offset, index) in range.enumerated() {
      let word = text.scalars(index)
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
