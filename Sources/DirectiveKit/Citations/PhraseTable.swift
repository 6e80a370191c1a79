/// Phrases laid out to be matched on a scanner's folded bytes without building or copying any
/// value: a word start whose first two bytes begin no phrase costs two table reads, and a
/// candidate is compared byte by byte in place. Matches are those of `TextScanner.matchPhrase`.
final class PhraseTable: @unchecked Sendable {
  /// The document types, in `DocumentTypes.phrases` order.
  static let documentTypes = PhraseTable(DocumentTypes.phrases.map(\.phrase))

  /// The phrases' canonical forms, in the order given.
  let names: [String]

  /// Per folded byte: `leadBit` where it is the first of some phrase, `outsideWordBit` where it is
  /// no ASCII letter or digit (a phrase may begin after it).
  private let classes: UnsafeMutablePointer<UInt8>
  private static let leadBit: UInt8 = 1
  private static let outsideWordBit: UInt8 = 2
  /// One bit per pair of first two folded bytes that begins some phrase.
  private let pairs: UnsafeMutablePointer<UInt64>
  /// A bit set for the first four folded bytes of every phrase, by a hash of them: a word start
  /// whose bit is clear begins no phrase (most word starts that share two bytes with one).
  private let prefixes: UnsafeMutablePointer<UInt64>
  /// Whether some phrase has fewer than four bytes (then `prefixes` does not apply).
  private let hasShortPhrases: Bool
  /// Phrases by their first two folded bytes: those of key `k` are `ordered[starts[k]..<starts[k + 1]]`,
  /// in `DocumentTypes.phrases` order.
  private let starts: UnsafeMutablePointer<Int32>
  private let ordered: UnsafeMutablePointer<Int32>
  /// The same ranges in a few hundred bytes rather than `starts`' 256 KB: the pairs that begin
  /// some phrase in key order, those of first byte `b` at `pairSlots[leadSlots[b]..<leadSlots[b + 1]]`,
  /// each with its second byte and its phrases, `ordered[pairRanges[slot]..<pairRanges[slot + 1]]`.
  private let leadSlots: UnsafeMutablePointer<Int32>
  private let pairSeconds: UnsafeMutablePointer<UInt8>
  private let pairRanges: UnsafeMutablePointer<Int32>
  /// Phrase `p`'s folded bytes are `bytes[phraseStarts[p]..<phraseStarts[p + 1]]`.
  private let phraseStarts: UnsafeMutablePointer<Int32>
  private let bytes: UnsafeMutablePointer<UInt8>
  /// Per byte of `bytes`: 0, or 1 where the canonical form has `đ` (the text must too), or 2 where
  /// it has a plain `d` (the text must not have `đ`).
  private let dRules: UnsafeMutablePointer<UInt8>

  init(_ phrases: [Phrase]) {
    precondition(phrases.allSatisfy { $0.folded.count >= 2 }, "a type phrase of one letter")
    var shortPhrases = false
    names = phrases.map(\.canonical)
    classes = .allocate(capacity: 256)
    for byte in 0..<256 {
      let inWord = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
      classes[byte] = inWord ? 0 : Self.outsideWordBit
    }
    pairs = .allocate(capacity: 1024)
    pairs.initialize(repeating: 0, count: 1024)
    prefixes = .allocate(capacity: 1024)
    prefixes.initialize(repeating: 0, count: 1024)
    starts = .allocate(capacity: 65537)
    starts.initialize(repeating: 0, count: 65537)
    var keyed: [(key: Int, index: Int)] = []
    for (index, phrase) in phrases.enumerated() where phrase.folded.count >= 2 {
      let key = Int(phrase.folded[0]) << 8 | Int(phrase.folded[1])
      keyed.append((key, index))
      starts[key + 1] += 1
      classes[Int(phrase.folded[0])] |= Self.leadBit
      pairs[key >> 6] |= 1 << UInt64(key & 63)
      if phrase.folded.count >= 4 {
        let bit = Self.prefixBit(
          phrase.folded.prefix(4).reversed().reduce(0) { $0 << 8 | UInt32($1) })
        prefixes[bit >> 6] |= 1 << UInt64(bit & 63)
      } else {
        shortPhrases = true
      }
    }
    for key in 0..<65536 { starts[key + 1] += starts[key] }
    let counts = starts
    let pairKeys = (0..<65536).filter { counts[$0 + 1] > counts[$0] }
    leadSlots = .allocate(capacity: 257)
    for byte in 0...256 { leadSlots[byte] = Int32(pairKeys.filter { $0 >> 8 < byte }.count) }
    pairSeconds = .allocate(capacity: max(pairKeys.count, 1))
    pairRanges = .allocate(capacity: pairKeys.count + 1)
    for (slot, key) in pairKeys.enumerated() {
      pairSeconds[slot] = UInt8(key & 0xFF)
      pairRanges[slot] = starts[key]
    }
    pairRanges[pairKeys.count] = starts[65536]
    hasShortPhrases = shortPhrases
    ordered = .allocate(capacity: max(keyed.count, 1))
    var next = [Int32](repeating: 0, count: 65536)
    for key in 0..<65536 { next[key] = starts[key] }
    for (key, index) in keyed {
      ordered[Int(next[key])] = Int32(index)
      next[key] += 1
    }
    let total = phrases.reduce(0) { $0 + $1.folded.count }
    phraseStarts = .allocate(capacity: phrases.count + 1)
    bytes = .allocate(capacity: max(total, 1))
    dRules = .allocate(capacity: max(total, 1))
    dRules.initialize(repeating: 0, count: max(total, 1))
    var offset = 0
    for (index, phrase) in phrases.enumerated() {
      phraseStarts[index] = Int32(offset)
      for (position, byte) in phrase.folded.enumerated() { bytes[offset + position] = byte }
      for position in phrase.dBarOffsets { dRules[offset + position] = 1 }
      for position in phrase.plainDOffsets { dRules[offset + position] = 2 }
      offset += phrase.folded.count
    }
    phraseStarts[phrases.count] = Int32(offset)
  }

  /// Whether some phrase begins at `index` (`TextScanner.matchPhrase` of one of them).
  func startsPhrase(at index: Int, in scanner: TextScanner) -> Bool {
    firstMatch(at: index, in: scanner) != nil
  }

  /// The first phrase, in the order given, that begins at `index` and is accepted, and where it ends.
  func firstMatch(
    at index: Int, in scanner: TextScanner,
    accepting accept: (_ phrase: Int, _ end: Int) -> Bool = { _, _ in true }
  ) -> (phrase: Int, end: Int)? {
    guard index >= 0, index + 1 < scanner.count else { return nil }
    return scanner.folded.withUnsafeBufferPointer {
      match(at: index, folded: $0, scanner: scanner, accepting: accept)
    }
  }

  /// The first offset at or after `start` where a phrase may begin: no ASCII letter or digit
  /// before it, and its first two folded bytes those of some phrase (and its first four, unless
  /// their hash shares a bit with a phrase's). Every offset where a phrase matches is one. Eight
  /// bytes at a time: the word starts among them are found with a few integer operations, and only
  /// they are looked up.
  @inline(__always)
  func nextCandidate(from start: Int, folded: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = folded.count
    guard start >= 0, start + 1 < count, let base = folded.baseAddress else { return nil }
    var index = start
    var previousInWord: UInt64 =
      index > 0 && classes[Int(base[index - 1])] & Self.outsideWordBit == 0 ? 0x80 : 0
    while index + 8 < count {
      let block = UInt64(
        littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
      let inWord = Self.asciiLettersAndDigits(block)
      var wordStarts = inWord & ~(inWord << 8 | previousInWord)
      while wordStarts != 0 {
        let position = index + wordStarts.trailingZeroBitCount >> 3
        if beginsPhrase(at: position, base: base, count: count) { return position }
        wordStarts &= wordStarts - 1
      }
      previousInWord = inWord >> 56
      index += 8
    }
    var previous = previousInWord != 0 ? 0 : Self.outsideWordBit
    while index + 1 < count {
      let current = classes[Int(base[index])]
      if current & (previous >> 1) & Self.leadBit != 0,
        beginsPhrase(at: index, base: base, count: count)
      {
        return index
      }
      previous = current
      index += 1
    }
    return nil
  }

  /// Whether the folded bytes at `index` (with one after it) may begin a phrase: their first two
  /// are a phrase's, and so are their first four as far as the hashed set can tell.
  @inline(__always)
  private func beginsPhrase(at index: Int, base: UnsafePointer<UInt8>, count: Int) -> Bool {
    // The four bytes first: they turn away far more word starts than the two do, at one branch.
    if !hasShortPhrases, index + 4 <= count {
      let bit = Self.prefixBit(
        UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)))
      guard prefixes[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return false }
    }
    let key = Int(base[index]) << 8 | Int(base[index + 1])
    return pairs[key >> 6] & (1 << UInt64(key & 63)) != 0
  }

  /// Which of the 65,536 bits of `prefixes` four bytes (the first in the lowest eight bits) set.
  @inline(__always)
  private static func prefixBit(_ bytes: UInt32) -> Int { Int((bytes &* 0x9E37_79B1) >> 16) }

  /// The high bit of each byte of `block` that is an ASCII lower-case letter or digit.
  @inline(__always)
  static func asciiLettersAndDigits(_ block: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // Seven bits per byte, so that adding to a byte never carries into the next.
    let low = block & ~highs
    let atLeastA = low &+ ones &* (0x80 - 97)
    let aboveZ = low &+ ones &* (0x7F - 122)
    let atLeastZero = low &+ ones &* (0x80 - 48)
    let aboveNine = low &+ ones &* (0x7F - 57)
    return ((atLeastA & ~aboveZ) | (atLeastZero & ~aboveNine)) & ~block & highs
  }

  /// The first phrase, in the order given, that `TextScanner.matchPhrase` matches at `index` and
  /// `accept` accepts, and where it ends; `folded` is the scanner's folded text.
  @inline(__always)
  func match(
    at index: Int, folded: UnsafeBufferPointer<UInt8>, scanner: TextScanner,
    accepting accept: (_ phrase: Int, _ end: Int) -> Bool = { _, _ in true }
  ) -> (phrase: Int, end: Int)? {
    let count = folded.count
    guard index + 1 < count else { return nil }
    let lead = Int(folded[index])
    let second = folded[index + 1]
    var slot = Int(leadSlots[lead])
    let lastSlot = Int(leadSlots[lead + 1])
    while slot < lastSlot, pairSeconds[slot] != second { slot += 1 }
    guard slot < lastSlot else { return nil }
    var position = Int(pairRanges[slot])
    let last = Int(pairRanges[slot + 1])
    guard position < last else { return nil }
    guard !scanner.isLetter(index - 1), !scanner.isDigit(index - 1) else { return nil }
    while position < last {
      defer { position += 1 }
      let phrase = Int(ordered[position])
      let from = Int(phraseStarts[phrase])
      let length = Int(phraseStarts[phrase + 1]) - from
      guard index + length <= count else { continue }
      var offset = 2
      while offset < length, folded[index + offset] == bytes[from + offset] { offset += 1 }
      // `Ban Thường  vụ Tỉnh ủy`: a run of spaces where the phrase has one (rare: read apart).
      var spaced: [Int]?
      if offset < length {
        guard bytes[from + offset - 1] == 32, folded[index + offset] == 32,
          let positions = spacedPositions(at: index, phrase: from, length: length, folded: folded)
        else { continue }
        spaced = positions
      }
      let end = spaced.map { $0[length - 1] + 1 } ?? index + length
      guard !scanner.isLetter(end), !scanner.isDigit(end) else { continue }
      var marksAgree = true
      for offset in 0..<length where dRules[from + offset] != 0 {
        let value = scanner.scalars[spaced?[offset] ?? index + offset].value
        let isDBar = value == 0x111 || value == 0x110
        if isDBar != (dRules[from + offset] == 1) {
          marksAgree = false
          break
        }
      }
      if marksAgree, accept(phrase, end) { return (phrase, end) }
    }
    return nil
  }

  /// Where each byte of the phrase at `phrase` (`length` bytes) lies in the text from `index` when
  /// the text may hold several spaces where the phrase holds one; nil when it does not match so.
  func spacedPositions(at index: Int, phrase from: Int, length: Int, folded: UnsafeBufferPointer<UInt8>)
    -> [Int]?
  {
    var positions: [Int] = []
    positions.reserveCapacity(length)
    var i = index
    for offset in 0..<length {
      guard i < folded.count, folded[i] == bytes[from + offset] else { return nil }
      positions.append(i)
      i += 1
      if bytes[from + offset] == 32 {
        while i < folded.count, folded[i] == 32 { i += 1 }
      }
    }
    return positions
  }
}
