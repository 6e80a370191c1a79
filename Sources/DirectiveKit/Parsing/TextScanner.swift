/// A document's NFC text as scalars with a folded twin of the same length, for scanning by
/// offset: `folded[i]` is the ASCII fold of `scalars[i]` (marks removed, `đ`→`d`, lower case),
/// or 0 for a scalar outside ASCII letters, digits and punctuation. A line break that only wraps
/// a sentence (web portals break lines inside numbers, dates and names) folds to a space; a line
/// break that ends a paragraph, a heading or a list item stays `\n`.
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct TextScanner {
  let scalars: [Unicode.Scalar]
  let folded: [UInt8]

  /// The text's UTF-8 bytes, and where each scalar starts in them (one more at the end).
  let utf8: [UInt8]
  let utf8Offsets: [Int32]
  /// The text itself: pieces of it are copied out of it without validating their bytes again.
  let text: String
  /// The offset of every line feed, soft or hard, in order.
  let lineFeeds: [Int32]
  /// Whether every scalar is one NFC leaves alone and none is a carriage return: true when the
  /// text is what `TextDecoding` makes of its own bytes.
  let isDecodedForm: Bool

  init(_ text: String) {
    self.init(text: text, utf8: Array(text.utf8))
  }

  /// `bytes` must be the text's own UTF-8, as a file's bytes are once they validated as the text:
  /// they are scanned as they are, not copied.
  init(text: String, utf8 bytes: [UInt8]) {
    self.init(text: text, utf8: bytes, pass: ScannerPass(bytes))
  }

  /// `pass` must be `ScannerPass(bytes)`, and the bytes well-formed and the text's own.
  init(text: String, utf8 bytes: [UInt8], pass: consuming ScannerPass) {
    LineBreaks.markSoft(scalars: pass.scalars, lineFeeds: pass.lineFeeds, folded: &pass.folded)
    self.scalars = pass.scalars
    self.folded = pass.folded
    self.utf8 = bytes
    self.utf8Offsets = pass.offsets
    self.text = text
    self.lineFeeds = pass.lineFeeds
    self.isDecodedForm = pass.isDecodedForm
  }

  var count: Int { scalars.count }

  /// The first offset at or after `start` where the folded text holds `needle` (folded ASCII).
  func find(_ needle: [UInt8], from start: Int = 0) -> Int? {
    guard !needle.isEmpty, start >= 0, start + needle.count <= folded.count else { return nil }
    return folded.withUnsafeBufferPointer { haystack -> Int? in
      guard let base = haystack.baseAddress else { return nil }
      return needle.withUnsafeBufferPointer { pattern in
        ByteSearch.firstOffset(
          of: pattern, in: UnsafeBufferPointer(start: base, count: haystack.count), from: start)
      }
    }
  }

  func contains(_ needle: String) -> Bool { find(Array(needle.utf8)) != nil }

  /// The text of `range`; with `newlinesAsSpaces`, each line break a space.
  func string(_ range: Range<Int>, newlinesAsSpaces: Bool = false) -> String {
    let clamped = range.clamped(to: 0..<scalars.count)
    return TextScanner.string(
      utf8: utf8, from: Int(utf8Offsets[clamped.lowerBound]), to: Int(utf8Offsets[clamped.upperBound]),
      newlinesAsSpaces: newlinesAsSpaces)
  }

  /// The text of `utf8[start..<end]`, bytes of a well-formed text cut at scalar boundaries; with
  /// `newlinesAsSpaces`, each line break a space.
  static func string(utf8: [UInt8], from start: Int, to end: Int, newlinesAsSpaces: Bool) -> String {
    utf8.withUnsafeBufferPointer { buffer in
      // Offsets fall on scalar boundaries: a slice of the text's bytes is well-formed, and stays
      // so with its line feeds made spaces.
      let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
      guard newlinesAsSpaces, let base = slice.baseAddress, memchr(base, 10, slice.count) != nil else {
        return String(wellFormedUTF8: slice)
      }
      let spaced = slice.map { $0 == 10 ? 32 : $0 }
      return spaced.withUnsafeBufferPointer { String(wellFormedUTF8: $0) }
    }
  }

  /// The text of `range` on one line: line breaks and runs of white space (space, tab, no-break
  /// space) as single spaces, none at either end. A white-space scalar that a mark or a joiner
  /// after it binds to the next letter is not white space here, as for `Character`s.
  func flat(_ range: Range<Int>) -> String {
    let clamped = range.clamped(to: 0..<scalars.count)
    guard clamped.allSatisfy({ TextScanner.standsAlone(scalars[$0]) }) else {
      return string(clamped).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{A0}" }
      )
      .joined(separator: " ")
    }
    var output: [UInt8] = []
    output.reserveCapacity(Int(utf8Offsets[clamped.upperBound] - utf8Offsets[clamped.lowerBound]))
    var pendingSpace = false
    for index in clamped {
      let value = scalars[index].value
      if value == 0x20 || value == 0x0A || value == 0x09 || value == 0xA0 {
        pendingSpace = !output.isEmpty
        continue
      }
      if pendingSpace {
        output.append(32)
        pendingSpace = false
      }
      output.append(contentsOf: utf8[Int(utf8Offsets[index])..<Int(utf8Offsets[index + 1])])
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Scalars that form a `Character` of their own or join one only with scalars of this kind:
  /// below U+0300 (no mark, joiner or prefix; no carriage return, which joins a line feed), Latin
  /// letters with marks (U+1E00–U+1EFF) and general punctuation without its joiners and controls.
  @inline(__always) static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (value < 0x300 && value != 0x0D) || (value >= 0x1E00 && value <= 0x1EFF)
      || (value >= 0x2010 && value <= 0x2027) || (value >= 0x2030 && value <= 0x205E)
  }

  /// Whether the line break at `index` ends a line of text (a soft break folds to a space).
  @inline(__always) func isHardBreak(_ index: Int) -> Bool {
    index >= 0 && index < count && folded[index] == 10
  }

  @inline(__always) func isLetter(_ index: Int) -> Bool {
    guard index >= 0, index < count else { return false }
    let byte = folded[index]
    return (byte >= 97 && byte <= 122) || (byte == 0 && ScalarProperties.isAlphabetic(scalars[index]))
  }

  @inline(__always) func isDigit(_ index: Int) -> Bool {
    guard index >= 0, index < count else { return false }
    return folded[index] >= 48 && folded[index] <= 57
  }

  @inline(__always) func isSpace(_ index: Int) -> Bool {
    guard index >= 0, index < count else { return false }
    return folded[index] == 32 || folded[index] == 9
  }

  @inline(__always) func byte(_ index: Int) -> UInt8 {
    index >= 0 && index < count ? folded[index] : 0
  }

  func isUppercase(_ index: Int) -> Bool {
    guard index >= 0, index < count else { return false }
    return ScalarProperties.isUppercase(scalars[index])
  }

  /// Skips spaces and tabs (not newlines).
  func skipSpaces(_ index: Int) -> Int {
    var i = index
    while i < count, isSpace(i) { i += 1 }
    return i
  }

  /// Whether the folded text at `index` spells `word` (folded ASCII) and ends there at a word
  /// boundary. Returns the end offset.
  func matchWord(_ word: [UInt8], at index: Int) -> Int? {
    guard index >= 0, index + word.count <= count else { return nil }
    for (offset, byte) in word.enumerated() where folded[index + offset] != byte { return nil }
    let end = index + word.count
    if isLetter(end) || isDigit(end) { return nil }
    if isLetter(index - 1) || isDigit(index - 1) { return nil }
    return end
  }

  /// Like `matchWord`, and where `canonical` has `đ` the text must have `đ` too (and `d` for `d`),
  /// so that `điện` is not `diện`.
  func matchPhrase(_ phrase: Phrase, at index: Int) -> Int? {
    guard let end = matchWord(phrase.folded, at: index) else { return nil }
    for offset in phrase.dBarOffsets {
      let value = scalars[index + offset].value
      if value != 0x111 && value != 0x110 { return nil }
    }
    for offset in phrase.plainDOffsets {
      let value = scalars[index + offset].value
      if value == 0x111 || value == 0x110 { return nil }
    }
    return end
  }

  /// `ngày` at `index`, also glued to the number after it (`ngày22`) and, with `glued`, to the
  /// word before it (`Chính phủngày 25 …`).
  func matchDateWord(at index: Int, glued: Bool = false) -> Int? {
    let word: [UInt8] = Array("ngay".utf8)
    guard index >= 0, index + word.count <= count else { return nil }
    for (offset, byte) in word.enumerated() where folded[index + offset] != byte { return nil }
    let end = index + word.count
    if isLetter(end) { return nil }
    if !glued, isLetter(index - 1) || isDigit(index - 1) { return nil }
    return end
  }

  /// Reads `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy` or `[ngày] d tháng m năm yyyy` at `index`; a year
  /// split by a stray space (`16/7/20 21`) is read whole, and spaces around a slash or a dash
  /// (`14 - 6 - 2021`) are read before a year of four digits.
  func date(at index: Int, glued: Bool = false) -> (day: Day, end: Int)? {
    var i = index
    if let end = matchDateWord(at: i, glued: glued) { i = skipSpaces(end) }
    guard let (first, afterFirst) = integer(at: i, maxDigits: 2) else { return nil }
    let firstSeparator = skipSpaces(afterFirst)
    let separator = byte(firstSeparator)
    if separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") {
      let monthStart = skipSpaces(firstSeparator + 1)
      guard let (month, afterMonth) = integer(at: monthStart, maxDigits: 2) else { return nil }
      let secondSeparator = skipSpaces(afterMonth)
      let yearStart = skipSpaces(secondSeparator + 1)
      guard byte(secondSeparator) == separator, var (year, afterYear) = integer(at: yearStart, maxDigits: 4)
      else { return nil }
      // Spaces around a slash or a dash (`14 - 6 - 2021`, `5/ 8/2021`) only before a whole year.
      if yearStart - afterFirst > afterMonth - monthStart + 2 {
        guard separator != UInt8(ascii: "."), afterYear - yearStart == 4, !isDigit(i - 1) else { return nil }
      } else if afterYear - afterMonth == 3, byte(afterYear) == 32,
        let (tail, afterTail) = integer(at: afterYear + 1, maxDigits: 2),
        afterTail - afterYear == 3
      {
        year = year * 100 + tail
        afterYear = afterTail
      } else if afterYear - afterMonth != 5 {
        return nil
      }
      guard !isDigit(afterYear), let day = Day(year: year, month: month, day: first) else { return nil }
      if separator == UInt8(ascii: "."), isDigit(afterYear + 1) { return nil }
      return (day, afterYear)
    }
    var j = skipSpaces(afterFirst)
    guard let afterMonthWord = matchWord(Array("thang".utf8), at: j) else { return nil }
    j = skipSpaces(afterMonthWord)
    guard let (month, afterMonth) = integer(at: j, maxDigits: 2) else { return nil }
    j = skipSpaces(afterMonth)
    guard let afterYearWord = matchWord(Array("nam".utf8), at: j) else { return nil }
    j = skipSpaces(afterYearWord)
    guard let (year, afterYear) = integer(at: j, maxDigits: 4), afterYear - j == 4,
      let day = Day(year: year, month: month, day: first)
    else { return nil }
    return (day, afterYear)
  }

  func integer(at index: Int, maxDigits: Int) -> (Int, Int)? {
    var i = index
    var value = 0
    while i < count, isDigit(i), i - index < maxDigits {
      value = value * 10 + Int(folded[i] - 48)
      i += 1
    }
    guard i > index, !isDigit(i) else { return nil }
    return (value, i)
  }

  /// Reads a document number at `index` (`215-CV/TU`, `2644 - CV/TU`, `30/2020/NĐ-CP`,
  /// `19/CT – TTg`, `247 /STC-QLNS&TCDN`): digits, then segments joined by `-`, `–` or `/` with
  /// stray spaces around them, en-dashes read as `-`. `84 QĐ/TWĐTN` (a type code after a space)
  /// reads as `84-QĐ/TWĐTN`. A segment ends where a word glued to it begins: a lower-case word
  /// (`70-TB/TWngày`) or a toned vowel, which no code has (`VPĐOÀN` → `VP`).
  func documentNumber(at index: Int, gluedToWord: Bool = false) -> (number: String, end: Int)? {
    guard isDigit(index), !isDigit(index - 1), gluedToWord || !isLetter(index - 1) else { return nil }
    var i = index
    var pieces: [String] = []
    var segmentStart = i
    while i < count, isDigit(i) { i += 1 }
    pieces.append(string(segmentStart..<i))
    var separators = 0
    var sawLetter = false
    while true {
      var j = skipSpaces(i)
      var separator = byte(j)
      if j < count, scalars[j] == "–" || scalars[j] == "—" { separator = UInt8(ascii: "-") }
      if separators == 0, j > i, separator != UInt8(ascii: "-"), separator != UInt8(ascii: "/"),
        let codeEnd = typeCodeBeforeSlash(at: j)
      {
        pieces.append("-")
        pieces.append(string(j..<codeEnd))
        separators += 1
        sawLetter = true
        i = codeEnd
        continue
      }
      guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { break }
      j = skipSpaces(j + 1)
      segmentStart = j
      if isLetter(j) && !isUppercase(j) { break }
      j = segmentEnd(from: j)
      guard j > segmentStart else { break }
      if (segmentStart..<j).contains(where: isLetter) { sawLetter = true }
      pieces.append(separator == UInt8(ascii: "-") ? "-" : "/")
      pieces.append(string(segmentStart..<j))
      separators += 1
      i = j
    }
    guard separators >= 1, sawLetter else { return nil }
    return (pieces.joined(), i)
  }

  /// Where a number's segment of letters, digits, `&` and dots between capitals ends.
  func segmentEnd(from start: Int) -> Int {
    var j = start
    var lastDBar: Int?
    while j < count {
      if isDigit(j) || (scalars[j] == "&" && isLetter(j + 1) && j > start) {
        j += 1
        continue
      }
      // `TT.HĐND` in `06/QC-TT.HĐND-UBND`: a dot between codes in capitals (not `UBND.Căn cứ`).
      if scalars[j] == ".", j > start, isUppercase(j - 1), isUppercase(j + 1) {
        let codeEnd = segmentEnd(from: j + 1)
        if codeEnd - j > 2, !isLetter(codeEnd) {
          j = codeEnd
          continue
        }
      }
      guard isLetter(j) else { break }
      let value = scalars[j].value
      if value == 0x110 || value == 0x111 { lastDBar = j }
      if !isUppercase(j), j > start, isUppercase(j - 1), isLetter(j + 1), !isUppercase(j + 1) {
        return j
      }
      if value >= 0x80, value != 0x110, value != 0x111, hasTone(scalars[j]) {
        return lastDBar.map { $0 > start ? $0 : j } ?? j
      }
      j += 1
    }
    return j
  }

  private func hasTone(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x2000
      ? TextScanner.tonedBelow2000[Int(scalar.value)] : TextScanner.decomposesWithTone(scalar)
  }

  private static let tonedBelow2000: [Bool] = (0..<0x2000).map { value in
    Unicode.Scalar(value).map(decomposesWithTone) ?? false
  }

  private static func decomposesWithTone(_ scalar: Unicode.Scalar) -> Bool {
    String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.contains { mark in
      [0x300, 0x301, 0x303, 0x309, 0x323].contains(mark.value)
    }
  }

  /// `QĐ/` in `84 QĐ/TWĐTN`: a known type code right before a slash; returns where the code ends.
  private func typeCodeBeforeSlash(at index: Int) -> Int? {
    guard isUppercase(index) else { return nil }
    var j = index
    while j < count, isLetter(j) { j += 1 }
    guard j - index <= 4, byte(j) == UInt8(ascii: "/"),
      DocumentTypes.name(forCode: string(index..<j)) != nil
    else { return nil }
    return j
  }
}

/// A word or phrase to find in folded text, remembering where its canonical form has `đ`.
struct Phrase: Sendable {
  let canonical: String
  let folded: [UInt8]
  let dBarOffsets: [Int]
  let plainDOffsets: [Int]

  init(_ canonical: String) {
    self.canonical = canonical
    var folded: [UInt8] = []
    var dBar: [Int] = []
    var plainD: [Int] = []
    for scalar in canonical.unicodeScalars {
      guard let fold = VietnameseFolding.fold(scalar) else { continue }
      if scalar.value == 0x111 || scalar.value == 0x110 { dBar.append(folded.count) }
      if scalar == "d" || scalar == "D" { plainD.append(folded.count) }
      folded.append(UInt8(truncatingIfNeeded: fold.value))
    }
    self.folded = folded
    self.dBarOffsets = dBar
    self.plainDOffsets = plainD
  }
}

/// Finding a short byte string in a longer one, leftmost first: `memchr` to each place the first
/// byte occurs, then `memcmp` for the rest. (Horspool was tried: on folded Vietnamese, a small
/// alphabet, its shifts are short and it lost to `memchr`.)
enum ByteSearch {
  static func firstOffset(
    of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Int? {
    let length = pattern.count
    guard length > 0, start >= 0, start + length <= haystack.count, let text = haystack.baseAddress,
      let needle = pattern.baseAddress
    else { return nil }
    // `memchr` goes to each place the pattern's rarest byte occurs: in folded Vietnamese, `t`,
    // `h` and `n` open most words, and a name's `q` or `k` occurs a few times a page.
    var anchor = 0
    for offset in 1..<length where commonness[Int(needle[offset])] < commonness[Int(needle[anchor])] {
      anchor = offset
    }
    let anchorByte = Int32(needle[anchor])
    let lastStart = haystack.count - length
    var position = start
    while position <= lastStart {
      guard let hit = memchr(text + position + anchor, anchorByte, lastStart - position + 1) else {
        return nil
      }
      let offset = text.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
      if memcmp(text + offset, needle, length) == 0 { return offset }
      position = offset + 1
    }
    return nil
  }

  /// How common each byte is in folded Vietnamese, most common highest (a rough count of the
  /// development set): bytes not listed are rare.
  private static let commonness: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 256)
    let byFrequency = Array(" nhaoctiuged,pvbymr\nk.slq-x21/04".utf8)
    for (rank, byte) in byFrequency.enumerated() { table[Int(byte)] = UInt8(byFrequency.count - rank) }
    return table
  }()
}
