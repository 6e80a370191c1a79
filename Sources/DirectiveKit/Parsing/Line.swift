import Foundation

/// One line of a document: where it sits, and its text with markdown residue (`**`, `*`)
/// and surrounding white space removed.
struct Line {
  let range: Range<Int>
  /// Offset of the first scalar of `text` in the document.
  let textStart: Int
  /// Offset just past the last scalar of `text` in the document.
  let textEnd: Int
  /// The line's text and fold when made with it, else empty.
  private let madeText: String
  private let madeFolded: String
  /// Where `text` and `folded` are made from when asked for: nil for a line made whole. Most lines
  /// past the header are only looked at by their first bytes, and never need either.
  private let source: LineSource?
  private let newlinesAsSpaces: Bool

  var text: String {
    guard let source else { return madeText }
    return source.text(textStart..<textEnd, newlinesAsSpaces: newlinesAsSpaces)
  }

  /// `text` folded scalar for scalar (same length), for offset arithmetic.
  var folded: String {
    guard let source else { return madeFolded }
    return source.folded(textStart..<textEnd)
  }

  /// How many lines of a document `split` makes whole, their strings made at once: the header and
  /// its helpers read the first lines' text and fold over and over.
  static let linesMadeWhole = 32

  /// The document's lines. Cells of a header flattened from a table (`ỦY BAN NHÂN DÂN | CỘNG HÒA … |`)
  /// are lines of their own, and inside such a header a field broken over several lines
  /// (`Sơn\nLa, ngày 11 tháng 3\nnăm 2020`) is one line.
  static func split(_ scanner: TextScanner) -> [Line] {
    var physical: [Range<Int>] = []
    physical.reserveCapacity(scanner.lineFeeds.count + 1)
    var start = 0
    for feed in scanner.lineFeeds {
      physical.append(start..<Int(feed))
      start = Int(feed) + 1
    }
    physical.append(start..<scanner.count)
    let (segments, headerSegments) = tableCells(of: physical, scanner)
    let lineFolded = lineFoldedText(scanner)
    var source: LineSource?
    var lines: [Line] = []
    lines.reserveCapacity(segments.count)
    var merged: Range<Int>?
    for (position, segment) in segments.enumerated() {
      let inTable = position < headerSegments
      let line: Line
      if lines.count < linesMadeWhole {
        line = Line(range: segment.range, scanner: scanner, lineFolded: lineFolded, withinOneLine: true)
      } else {
        let shared = source ?? LineSource(scanner, lineFolded: lineFolded)
        source = shared
        line = Line(range: segment.range, scanner: scanner, deferringTo: shared, withinOneLine: true)
      }
      if inTable, !segment.afterPipe, let current = merged, line.hasText, !line.isRule {
        merged = current.lowerBound..<segment.range.upperBound
        continue
      }
      if let current = merged { lines.append(Line(range: current, scanner: scanner, lineFolded: lineFolded)) }
      merged = inTable && line.hasText && !line.isRule ? segment.range : nil
      if merged == nil { lines.append(line) }
    }
    if let current = merged { lines.append(Line(range: current, scanner: scanner, lineFolded: lineFolded)) }
    return lines
  }

  /// The physical lines cut at the `|` of a header flattened from a table, each cell marked if a `|`
  /// comes before it, and how many of them belong to that header.
  static func tableCells(of physical: [Range<Int>], _ scanner: TextScanner) -> (
    segments: [(range: Range<Int>, afterPipe: Bool)], headerSegments: Int
  ) {
    // A line that begins or ends with `|` is a row of a flattened table; the header is a table up
    // to the last such row among the first lines.
    func isTableRow(_ range: Range<Int>) -> Bool {
      var lower = range.lowerBound
      var upper = range.upperBound
      while lower < upper, scanner.isSpace(lower) { lower += 1 }
      while upper > lower, scanner.isSpace(upper - 1) || scanner.scalars[upper - 1] == "\r" { upper -= 1 }
      return lower < upper && (scanner.scalars[lower] == "|" || scanner.scalars[upper - 1] == "|")
    }
    var tableEnd = 0
    var textLines = 0
    for (number, line) in physical.prefix(40).enumerated() {
      if isTableRow(line) {
        let nearTop = tableEnd == 0 ? textLines <= 12 : number - tableEnd <= 8
        guard nearTop else { break }
        tableEnd = number + 1
      }
      if line.contains(where: { !scanner.isSpace($0) }) { textLines += 1 }
    }
    var segments: [(range: Range<Int>, afterPipe: Bool)] = []
    segments.reserveCapacity(physical.count)
    for (number, line) in physical.enumerated() {
      guard number < tableEnd, isTableRow(line) || line.contains(where: { scanner.scalars[$0] == "|" }) else {
        segments.append((line, false))
        continue
      }
      var cellStart = line.lowerBound
      var afterPipe = false
      for index in line where scanner.scalars[index] == "|" {
        segments.append((cellStart..<index, afterPipe))
        afterPipe = true
        cellStart = index + 1
      }
      segments.append((cellStart..<line.upperBound, afterPipe))
    }
    return (segments, tableEnd == 0 ? 0 : segments.lastIndex(where: \.afterPipe) ?? 0)
  }

  /// The scanner's folded text as lines fold it, one ASCII byte a scalar: a scalar without a
  /// fold is `~`, a line break a space. Each line's `folded` is a copy of a slice of it.
  static func lineFoldedText(_ scanner: TextScanner) -> [UInt8] {
    let count = scanner.count
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      scanner.folded.withUnsafeBufferPointer { source in
        guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
        for offset in 0..<count { to[offset] = lineFold(from[offset]) }
      }
      initialized = count
    }
  }

  /// `-------`, `***`: the rule under a header field.
  var isRule: Bool {
    // A rule's scalars are ASCII but for `–` and `—`, whose first byte is 0xE2: a line whose
    // first byte is none of theirs is passed over without copying its scalars.
    guard let first = firstTextByte else { return false }
    switch first {
    case 0x2D, 0x2A, 0x5F, 0x3D, 0x2E, 0x7E, 0x20, 0xE2: break
    default: return false
    }
    return LineBreaks.isRule(ArraySlice(text.unicodeScalars))
  }

  init(range: Range<Int>, scanner: borrowing TextScanner) {
    self.init(range: range, scanner: scanner, lineFolded: nil)
  }

  /// `lineFolded`, when given, is `lineFoldedText(scanner)`: the line's `folded` is copied out of it.
  /// `withinOneLine` says that no line break falls inside the range.
  init(range: Range<Int>, scanner: borrowing TextScanner, lineFolded: [UInt8]?, withinOneLine: Bool = false) {
    self.range = range
    let text = Line.trimmedText(range, scanner)
    textStart = text.lowerBound
    textEnd = text.upperBound
    let string = scanner.string(text, newlinesAsSpaces: !withinOneLine)
    if let lineFolded {
      // ASCII, one byte a scalar: any slice is well-formed.
      madeFolded = lineFolded.withUnsafeBufferPointer {
        String(wellFormedUTF8: UnsafeBufferPointer(rebasing: $0[text]))
      }
      madeText = string
      source = nil
      newlinesAsSpaces = !withinOneLine
      return
    }
    madeFolded = String(unsafeUninitializedCapacity: text.count) { buffer in
      scanner.folded.withUnsafeBufferPointer { source in
        guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
        for offset in 0..<text.count { to[offset] = Line.lineFold(from[text.lowerBound + offset]) }
      }
      return text.count
    }
    madeText = string
    source = nil
    newlinesAsSpaces = !withinOneLine
  }

  /// A line whose `text` and `folded` are made from `source` (of this scanner) when asked for.
  init(
    range: Range<Int>, scanner: borrowing TextScanner, deferringTo source: LineSource,
    withinOneLine: Bool = false
  ) {
    self.range = range
    let text = Line.trimmedText(range, scanner)
    textStart = text.lowerBound
    textEnd = text.upperBound
    madeText = ""
    madeFolded = ""
    self.source = source
    newlinesAsSpaces = !withinOneLine
  }

  /// `range` without the white space, `*` and byte order marks at either end.
  private static func trimmedText(_ range: Range<Int>, _ scanner: borrowing TextScanner) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
      let value = scalar.value
      if value < 0x80 { return value == 0x2A || value == 0x20 || (value >= 0x09 && value <= 0x0D) }
      return ScalarProperties.isWhitespace(scalar) || value == 0xFEFF
    }
    while lower < upper, isTrimmable(scanner.scalars[lower]) { lower += 1 }
    while upper > lower, isTrimmable(scanner.scalars[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  /// `!text.isEmpty`, without making the text.
  var hasText: Bool { textEnd > textStart }

  /// The first UTF-8 byte of `text`, without making the text.
  var firstTextByte: UInt8? {
    guard textEnd > textStart else { return nil }
    guard let source else { return madeText.utf8.first }
    return source.utf8[Int(source.utf8Offsets[textStart])]
  }

  /// `text.utf8.count`, without making the text (a line break made a space keeps its one byte).
  var textByteCount: Int {
    guard let source else { return madeText.utf8.count }
    return Int(source.utf8Offsets[textEnd] - source.utf8Offsets[textStart])
  }

  /// `Line.pointNumber(text)`: a line whose first byte is no digit is no point, and its text is not made.
  var pointNumberOfText: Int? {
    guard let first = firstTextByte, first >= 0x30, first <= 0x39 else { return nil }
    return Line.pointNumber(text)
  }

  /// `Line.isCapacity(text)`: only a line opening with `T`, `K` or `Q` has its text made.
  var isCapacityLine: Bool {
    guard let first = firstTextByte,
      first == UInt8(ascii: "T") || first == UInt8(ascii: "K") || first == UInt8(ascii: "Q")
    else { return false }
    return Line.isCapacity(text)
  }

  /// `Line.hasMoreCharacters(text, than: limit)`: a line of no more bytes than that has its text
  /// not made.
  func hasMoreCharacters(than limit: Int) -> Bool {
    textByteCount > limit && Line.hasMoreCharacters(text, than: limit)
  }

  /// The line's folded bytes, as `folded` holds them, without making the string.
  func withFoldedBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    guard let source else {
      var folded = madeFolded
      return folded.withUTF8(body)
    }
    return source.lineFolded.withUnsafeBufferPointer {
      body(UnsafeBufferPointer(rebasing: $0[textStart..<textEnd]))
    }
  }

  /// A folded byte as a line's `folded` holds it: no fold is `~`, a line break a space.
  @inline(__always) static func lineFold(_ byte: UInt8) -> UInt8 {
    byte == 0 ? UInt8(ascii: "~") : byte == 10 ? 32 : byte
  }

  /// Whether `text` holds a `*`.
  static func containsStar(_ text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.baseAddress.map { memchr($0, 0x2A, bytes.count) != nil } ?? false
    } ?? text.utf8.contains(0x2A)
  }

  /// `text.count > limit`, counting no further than the limit.
  static func hasMoreCharacters(_ text: String, than limit: Int) -> Bool {
    guard text.utf8.count > limit else { return false }
    // While each scalar stands alone, it is a `Character`: they are counted without breaking
    // the text into `Character`s.
    var scalars = 0
    for scalar in text.unicodeScalars {
      guard TextScanner.standsAlone(scalar) else { return hasMoreCharactersCounted(text, than: limit) }
      scalars += 1
      if scalars > limit { return true }
    }
    return false
  }

  /// `hasMoreCharacters` by `Character`s, for a text of any scalars.
  static func hasMoreCharactersCounted(_ text: String, than limit: Int) -> Bool {
    guard text.utf8.count > limit else { return false }
    guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex) else {
      return false
    }
    return end < text.endIndex
  }

  /// Where `needle` first occurs in `folded` from `start` on, as an offset: `folded` is ASCII, one
  /// byte a scalar, so byte offsets are scalar offsets.
  func foldedOffset(of needle: String, from start: Int = 0) -> Int? {
    var folded = folded
    var needle = needle
    return folded.withUTF8 { haystack -> Int? in
      needle.withUTF8 { pattern -> Int? in
        ByteSearch.firstOffset(of: pattern, in: haystack, from: start)
      }
    }
  }

  /// Where `needle` last occurs in `folded`, as an offset.
  func lastFoldedOffset(of needle: String) -> Int? {
    let haystack = Array(folded.utf8)
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, haystack.count >= pattern.count else { return nil }
    for offset in stride(from: haystack.count - pattern.count, through: 0, by: -1)
    where haystack[offset..<offset + pattern.count].elementsEqual(pattern) {
      return offset
    }
    return nil
  }

  func foldedStart(dropping prefix: String) -> String {
    var value = Substring(folded)
    while let first = value.first, prefix.contains(first) { value = value.dropFirst() }
    return String(value)
  }

  static func isMotto(_ folded: String) -> Bool {
    folded.hasPrefix("dang cong san viet nam") || folded.hasPrefix("cong hoa xa hoi chu nghia viet nam")
      || folded.hasPrefix("doc lap - tu do - hanh phuc") || folded.hasPrefix("doc lap-tu do-hanh phuc")
  }

  /// Letters present and none of them lower case.
  static func isUppercase(_ text: some StringProtocol) -> Bool {
    var sawLetter = false
    for scalar in text.unicodeScalars where ScalarProperties.isAlphabetic(scalar) {
      if ScalarProperties.isLowercase(scalar) { return false }
      sawLetter = true
    }
    return sawLetter
  }

  /// `T/M BAN THƯỜNG VỤ`, `T/L ...`, `K/T ...`, `TM. ...`, `KT. ...`, `TL. ...`.
  static func isCapacity(_ text: String) -> Bool {
    // Every marker starts with `T`, `K` or `Q`: other lines are passed over without comparing.
    guard let first = text.utf8.first,
      first == UInt8(ascii: "T") || first == UInt8(ascii: "K") || first == UInt8(ascii: "Q")
    else { return false }
    for marker in capacityMarkers where hasASCIIPrefix(text, marker) {
      return isUppercase(text)
    }
    return false
  }

  static let capacityMarkers = ["T/M ", "T/L ", "K/T ", "TM. ", "TL. ", "KT. ", "Q. ", "TM.", "KT.", "TL."]

  /// `isCapacity` by `String.hasPrefix`, its definition.
  static func isCapacityByCharacters(_ text: String) -> Bool {
    guard let first = text.utf8.first,
      first == UInt8(ascii: "T") || first == UInt8(ascii: "K") || first == UInt8(ascii: "Q")
    else { return false }
    for marker in capacityMarkers where text.hasPrefix(marker) {
      return isUppercase(text)
    }
    return false
  }

  /// `3. Tăng cường ...` → 3; `1.1.` and dates are not points.
  static func pointNumber(_ text: String) -> Int? {
    var digits = 0
    var value = 0
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      // Of the ASCII scalars, the digits alone have a numeric type.
      if scalar.value >= 0x30 && scalar.value <= 0x39 {
        digits += 1
        value = value * 10 + Int(scalar.value - 0x30)
        guard digits <= 2 else { return nil }
        continue
      }
      guard digits > 0, scalar == "." || scalar == ")" else { return nil }
      guard let next = iterator.next(), next == " " || next == "\t" || next == "\u{A0}" else { return nil }
      return value
    }
    return nil
  }

  /// `- Các sở, ban, ngành;` → `Các sở, ban, ngành`.
  static func cleanItem(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard Line.allStandAlone(text) else { return cleanItemByCharacters(text) }
    // Each scalar is a `Character` of its own: the ends are cleaned scalar by scalar.
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, isItemLead(scalars[start]) { start = scalars.index(after: start) }
    while start < end, isItemEnd(scalars[scalars.index(before: end)]) {
      end = scalars.index(before: end)
    }
    return start == scalars.startIndex && end == scalars.endIndex ? text : String(scalars[start..<end])
  }

  /// `- – + • * space tab :`, cleaned off an item's start.
  @inline(__always) private static func isItemLead(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2D, 0x2013, 0x2B, 0x2022, 0x2A, 0x20, 0x09, 0x3A: return true
    default: return false
    }
  }

  /// `; , . : * space tab`, cleaned off an item's end.
  @inline(__always) private static func isItemEnd(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3B, 0x2C, 0x2E, 0x3A, 0x2A, 0x20, 0x09: return true
    default: return false
    }
  }

  /// `cleanItem` by `Character`s, for a text of any scalars.
  static func cleanItemByCharacters(_ text: String) -> String {
    var scalars = Substring(text)
    while let first = scalars.first, "-–+•* \t:".contains(first) { scalars = scalars.dropFirst() }
    while let last = scalars.last, ";,.:* \t".contains(last) { scalars = scalars.dropLast() }
    return String(scalars)
  }

  /// The text before its first `|` (a table's cell border), or all of it.
  static func beforeBar(_ text: String) -> String {
    guard Line.containsBar(text) else { return text }
    let scalars = text.unicodeScalars
    guard scalars.allSatisfy(TextScanner.standsAlone) else {
      guard let bar = text.firstIndex(of: "|") else { return text }
      return String(text[..<bar])
    }
    guard let bar = scalars.firstIndex(of: "|") else { return text }
    return String(scalars[..<bar])
  }

  /// Lines of one field joined by single spaces. When every scalar is a `Character` of its own
  /// (`TextScanner.standsAlone`), runs of spaces and tabs are collapsed on the UTF-8 bytes.
  static func joined(_ parts: [String]) -> String {
    let whole = parts.joined(separator: " ")
    guard Line.allStandAlone(whole) else { return joinedByCharacters(parts) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(whole.utf8.count)
    var pendingSpace = false
    var changed = false
    for byte in whole.utf8 {
      if byte == 0x20 || byte == 0x09 {
        if byte == 0x09 || pendingSpace || bytes.isEmpty { changed = true }
        pendingSpace = !bytes.isEmpty
        continue
      }
      if pendingSpace {
        bytes.append(0x20)
        pendingSpace = false
      }
      bytes.append(byte)
    }
    return changed || pendingSpace ? String(decoding: bytes, as: UTF8.self) : whole
  }

  /// `joined` by `Character`s, for parts of any scalars.
  static func joinedByCharacters(_ parts: [String]) -> String {
    parts.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// `NAM ĐỊNH` → `Nam Định`; `BỘ Y TẾ` → `Bộ Y tế` with `keepFirstWordsCapitalised: 2`.
  static func titleCased(_ text: String, keepFirstWordsCapitalised: Int = .max) -> String {
    text.split(separator: " ").enumerated().map { position, word in
      let lower = word.lowercased()
      guard position < keepFirstWordsCapitalised, let first = lower.first else { return lower }
      return first.uppercased() + lower.dropFirst()
    }.joined(separator: " ")
  }
}

/// Restores the case of text written in capitals, for subjects taken from title lines.
enum Casing {
  /// Words and phrases that keep their capitals inside a sentence.
  static let properPhrases: [[String]] = [
    "Bí thư", "Phó Bí thư", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Huyện uỷ",
    "Ban Thường vụ", "Ban Chấp hành", "Trung ương", "Bộ Chính trị", "Ban Bí thư", "Đảng", "Chính phủ",
    "Thủ tướng", "Quốc hội", "Nhà nước", "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc",
    "Việt Nam", "Covid-19", "Ban Chỉ đạo", "Quốc gia", "Bộ Y tế", "Chủ tịch", "Tổng Bí thư",
    "Ủy ban Mặt trận Tổ quốc", "Mặt trận", "Hồ Chí Minh", "Thủ tướng Chính phủ", "Ban Tuyên giáo",
  ].map { $0.split(separator: " ").map(String.init) }

  /// The proper phrases and the provinces' names, each with its words folded, under its first
  /// folded word: a subject's word is looked up once instead of compared with every phrase.
  static let properPhrasesByFirstWord: [String: [(phrase: [String], folded: [String])]] =
    Dictionary(
      grouping: (properPhrases + Places.provinceNameWords).map { ($0, $0.map(\.folded)) }.filter {
        !$0.1.isEmpty
      },
      by: { $0.1[0] })

  /// Each document type with the folded words of its name, under its first folded word.
  static let typeWordsByFirstWord: [String: [(entry: (name: String, code: String?), words: [String])]] =
    Dictionary(
      grouping: DocumentTypes.names.map { ($0, $0.name.folded.split(separator: " ").map(String.init)) }.filter
      {
        !$0.1.isEmpty
      },
      by: { $0.1[0] })

  static func sentenceCase(_ upper: String, vocabulary: Vocabulary? = nil) -> String {
    let original = upper.split(separator: " ").map(String.init)
    var words = original.map { $0.lowercased() }
    let foldedWords = words.map { $0.folded.trimmed("“”\"'(),.;:!?") }
    // Capitalising is idempotent, so the phrases may be matched in any order.
    for start in foldedWords.indices {
      for (phrase, foldedPhrase) in properPhrasesByFirstWord[foldedWords[start]] ?? []
      where start + foldedPhrase.count <= words.count
        && foldedWords[start..<start + foldedPhrase.count].elementsEqual(foldedPhrase)
      {
        for (offset, canonical) in phrase.enumerated() where canonical.first?.isUppercase == true {
          words[start + offset] = capitalizingFirst(words[start + offset])
        }
      }
    }
    for index in words.indices {
      // Numbers (`37-CT/TW`), Roman numerals (`XIII`) and abbreviations (`UBND`, `TNCS`: no
      // syllable) keep their capitals.
      let letters = original[index].trimmed("“”\"'(),.;:!?")
      if original[index].contains(where: \.isNumber) || isRomanNumeral(original[index])
        || (!letters.isEmpty && letters.allSatisfy(\.isLetter)
          && !VietnameseSyllables.isSyllable(letters.unicodeScalars))
      {
        words[index] = original[index]
      }
    }
    // `VÙNG ĐÔNG NAM BỘ`: a word the document's own text writes only with a capital inside its
    // sentences keeps it (`vùng Đông Nam Bộ`).
    if let vocabulary, words.count > 1 {
      let proper = vocabulary.areProperInside(words.dropFirst().map { $0.trimmed("“”\"'(),.;:!?") })
      for (index, isProper) in zip(words.indices.dropFirst(), proper) where isProper {
        words[index] = capitalizingFirst(words[index])
      }
    }
    // `Tổng Bí thư Nguyễn Văn Cừ`: a person's name after a title keeps its capitals.
    for index in words.indices where index >= 2 {
      let title = foldedWords[index - 2] + " " + foldedWords[index - 1]
      guard
        ["bi thu", "chu tich", "dong chi", "tuong chinh", "giam doc"].contains(title)
          || foldedWords[index - 1] == "bac"
      else { continue }
      guard surnames.contains(foldedWords[index]) else { continue }
      var position = index
      while position < words.count, position < index + 4, words[position].allSatisfy(\.isLetter) {
        words[position] = capitalizingFirst(words[position])
        position += 1
      }
    }
    // `Chỉ thị số 37-CT/TW`, `Luật Đất đai`: a document named in a title keeps its capitals.
    for start in foldedWords.indices {
      for (entry, typeWords) in typeWordsByFirstWord[foldedWords[start]] ?? []
      where start + typeWords.count < words.count
        && foldedWords[start..<start + typeWords.count].elementsEqual(typeWords)
      {
        let next = start + typeWords.count
        let named = foldedWords[next] == "so" || original[next].contains(where: \.isNumber)
        let law = entry.code == nil && ["luat", "bo luat", "phap lenh"].contains(entry.name.folded)
        guard named || law else { continue }
        words[start] = capitalizingFirst(words[start])
        if law, !["sua", "so", "nay", "va", "cac"].contains(foldedWords[next]) {
          words[next] = capitalizingFirst(words[next])
        }
      }
    }
    return words.joined(separator: " ")
  }

  /// How many letters the initial consonant of a folded syllable has (`ngh` 3, `nh` 2, `h` 1, none 0).
  static func initialLength(_ folded: String) -> Int {
    for cluster in ["ngh", "ng", "nh", "ch", "th", "tr", "kh", "ph", "gh", "gi", "qu"]
    where folded.hasPrefix(cluster) {
      return cluster.count
    }
    guard let first = folded.first else { return 0 }
    return "aeiouy".contains(first) ? 0 : 1
  }

  static let surnames: Set<String> = [
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
    "duong", "ly", "dinh", "truong", "mai", "luong", "ha", "ton", "chu", "trinh", "lam", "cao",
  ]

  static func isRomanNumeral(_ word: String) -> Bool {
    let letters = word.trimmed("(),.;:")
    return !letters.isEmpty && letters.count <= 6 && letters.allSatisfy { "IVXLC".contains($0) }
  }

  /// `Banhành kế hoạch`, `Phêduyệt`, `Hội đồngnhân dân`: two syllables glued by a lost space are
  /// parted where both halves are Vietnamese syllables (the longest first half wins). Words without
  /// a Vietnamese letter, abbreviations and real syllables are left alone.
  static func deglued(_ text: String, vocabulary: Vocabulary? = nil) -> String {
    guard text.utf8.contains(where: { $0 >= 0x80 }), mayHaveGluedWord(text) else { return text }
    return degluedWordByWord(text, vocabulary: vocabulary)
  }

  /// Whether some word of `text` could be parted by `deglued`: a word of four letters or more,
  /// all letters, one of them outside ASCII, with two vowels (each syllable's nucleus holds one),
  /// that is not a syllable. False only when none can; a text with a scalar that does not stand
  /// alone is left to `degluedWordByWord`.
  static func mayHaveGluedWord(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard scalars.allSatisfy(TextScanner.standsAlone) else { return true }
    var tokenStart = 0
    while tokenStart < scalars.count {
      var tokenEnd = tokenStart
      while tokenEnd < scalars.count, scalars[tokenEnd] != " " { tokenEnd += 1 }
      var coreStart = tokenStart
      var coreEnd = tokenEnd
      while coreStart < coreEnd, isTrimmedOffWord(scalars[coreStart]) { coreStart += 1 }
      while coreStart < coreEnd, isTrimmedOffWord(scalars[coreEnd - 1]) { coreEnd -= 1 }
      let core = scalars[coreStart..<coreEnd]
      if core.count >= 4, core.contains(where: { !$0.isASCII }),
        core.allSatisfy(ScalarProperties.isAlphabetic), hasTwoVowels(core),
        !VietnameseSyllables.isSyllable(core)
      {
        return true
      }
      tokenStart = tokenEnd + 1
    }
    return false
  }

  /// Whether two of the letters fold to a vowel (`a e i o u y`): the spelling of a syllable's
  /// nucleus is all vowels, so a word made of two syllables has two at least.
  static func hasTwoVowels(_ letters: ArraySlice<Unicode.Scalar>) -> Bool {
    var vowels = 0
    for scalar in letters {
      switch VietnameseFolding.fold(scalar) {
      case "a", "e", "i", "o", "u", "y":
        vowels += 1
        if vowels == 2 { return true }
      default: continue
      }
    }
    return false
  }

  /// `“ ” " ' ( ) , . ; : ! ?`, trimmed off a word before it is parted.
  @inline(__always) private static func isTrimmedOffWord(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x201C, 0x201D, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F: return true
    default: return false
    }
  }

  /// `deglued` by definition: each word split off at spaces, parted or kept.
  static func degluedWordByWord(_ text: String, vocabulary: Vocabulary? = nil) -> String {
    guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
    return text.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
      let word = String(token)
      // Only a word with a Vietnamese letter, and four letters at least, is parted.
      guard word.utf8.count >= 4, word.unicodeScalars.count >= 4, word.utf8.contains(where: { $0 >= 0x80 })
      else { return word }
      let core = word.trimmed("“”\"'(),.;:!?")
      let scalars = Array(core.unicodeScalars)
      guard scalars.count >= 4, scalars.contains(where: { !$0.isASCII }),
        scalars.allSatisfy({ ScalarProperties.isAlphabetic($0) }), !VietnameseSyllables.isSyllable(scalars)
      else { return word }
      // Of the ways to part it, the one whose second syllable has the longest initial consonant
      // wins (`Ban|hành` over `Banh|ành`, `thư|nguyễn` over `thưn|guyễn`), then the longest first.
      // The document's own words decide first: `ban` and `hành` are common in it, `nhành` is not.
      var best: (split: Int, score: (Int, Int))?
      for split in stride(from: scalars.count - 1, through: 1, by: -1) {
        let head = scalars[..<split]
        let tail = scalars[split...]
        guard VietnameseSyllables.isSyllable(head), VietnameseSyllables.isSyllable(tail),
          head.first.map(ScalarProperties.isUppercase) == true
            || tail.first.map(ScalarProperties.isLowercase) == true
        else { continue }
        let headText = String(String.UnicodeScalarView(head))
        let tailText = String(String.UnicodeScalarView(tail))
        let seen = min(vocabulary?.count(headText) ?? 0, vocabulary?.count(tailText) ?? 0)
        let score = (min(seen, 3), initialLength(tailText.folded))
        if best == nil || score > best!.score { best = (split, score) }
      }
      if let best {
        let parted =
          String(String.UnicodeScalarView(scalars[..<best.split])) + " "
          + String(String.UnicodeScalarView(scalars[best.split...]))
        return word.replacingOccurrences(of: core, with: parted)
      }
      return word
    }.joined(separator: " ")
  }

  static func capitalizingFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }
}

/// What the lines of one document make their strings from when first asked for: the scanner's
/// UTF-8 bytes, where each scalar starts in them, and its text folded as lines fold it
/// (`Line.lineFoldedText`).
final class LineSource: Sendable {
  let utf8: [UInt8]
  let utf8Offsets: [Int32]
  let lineFolded: [UInt8]

  init(_ scanner: borrowing TextScanner, lineFolded: [UInt8]) {
    utf8 = scanner.utf8
    utf8Offsets = scanner.utf8Offsets
    self.lineFolded = lineFolded
  }

  /// `TextScanner.string(range, newlinesAsSpaces:)` of the scanner.
  func text(_ range: Range<Int>, newlinesAsSpaces: Bool) -> String {
    TextScanner.string(
      utf8: utf8, from: Int(utf8Offsets[range.lowerBound]), to: Int(utf8Offsets[range.upperBound]),
      newlinesAsSpaces: newlinesAsSpaces)
  }

  func folded(_ range: Range<Int>) -> String {
    // ASCII, one byte a scalar: any slice is well-formed.
    lineFolded.withUnsafeBufferPointer { String(wellFormedUTF8: UnsafeBufferPointer(rebasing: $0[range])) }
  }
}

extension StringProtocol {
  /// The text without leading and trailing characters from `set`.
  func trimmed(_ set: String) -> String {
    let scalars = Substring(self).unicodeScalars
    guard Line.allStandAlone(self), Line.allStandAlone(set)
    else { return trimmedByCharacters(set) }
    // Each scalar is a `Character` of its own: the ends are trimmed scalar by scalar.
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, set.unicodeScalars.contains(scalars[start]) { start = scalars.index(after: start) }
    while start < end, set.unicodeScalars.contains(scalars[scalars.index(before: end)]) {
      end = scalars.index(before: end)
    }
    return String(scalars[start..<end])
  }

  /// `trimmed` by `Character`s, for a text of any scalars.
  func trimmedByCharacters(_ set: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}

/// How often each word occurs in one document, and how it is written inside sentences, counted
/// on first use.
final class Vocabulary {
  typealias Cases = [String: (capitalised: Int, lower: Int)]
  /// `Cases` keyed by the lower-cased word's UTF-8 bytes.
  typealias CasesByBytes = [[UInt8]: (capitalised: Int, lower: Int)]
  private let text: String
  private lazy var counts: [String: Int] = Vocabulary.wordCounts(in: text)
  /// Per lower-case word asked about: how often it is capitalised, and how often not, past a
  /// sentence's first word in lines not written in capitals.
  private var cases: CasesByBytes = [:]
  private var askedAbout: Set<[UInt8]> = []

  init(_ text: String) { self.text = text }

  func count(_ word: String) -> Int { counts[word.lowercased()] ?? 0 }

  /// For each word, whether it is written with a capital inside the document's sentences, and
  /// never without. The words not asked about before are counted in one pass over the text.
  func areProperInside(_ words: [String]) -> [Bool] {
    let keys = words.map { Array($0.lowercased().utf8) }
    let missing = Set(keys).subtracting(askedAbout)
    if !missing.isEmpty {
      for (key, seen) in Vocabulary.wordCasesByBytes(in: text, only: missing) { cases[key] = seen }
      askedAbout.formUnion(missing)
    }
    return keys.map { key in cases[key].map { $0.capitalised >= 2 && $0.lower == 0 } ?? false }
  }

  /// The lower-cased text's runs of letters, counted. When every scalar is a `Character` of its
  /// own (`TextScanner.standsAlone`), as in Vietnamese text, the scalars are read directly.
  static func wordCounts(in text: String) -> [String: Int] {
    let lower = text.lowercased()
    guard lower.unicodeScalars.allSatisfy(TextScanner.standsAlone) else {
      return wordCountsByCharacters(in: lower)
    }
    var counts: [String: Int] = [:]
    var word: [UInt8] = []
    for scalar in lower.unicodeScalars {
      if isLetter(scalar) {
        word.append(contentsOf: scalar.utf8)
        continue
      }
      guard !word.isEmpty else { continue }
      counts[String(decoding: word, as: UTF8.self), default: 0] += 1
      word.removeAll(keepingCapacity: true)
    }
    if !word.isEmpty { counts[String(decoding: word, as: UTF8.self), default: 0] += 1 }
    return counts
  }

  /// `wordCounts` by `Character`s, for a lower-cased text of any scalars.
  static func wordCountsByCharacters(in lower: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    for word in lower.split(whereSeparator: { !$0.isLetter }) {
      counts[String(word), default: 0] += 1
    }
    return counts
  }

  /// `“ ” " ' ( ) , ; : ! ? -`, trimmed off a word's ends before its case is read.
  @inline(__always) private static func isTrimmedOffWord(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x201C, 0x201D, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x2D: return true
    default: return false
    }
  }

  /// How each word is written past a sentence's first word, in lines not in capitals: lines at
  /// `\n`, words at spaces, their ends trimmed. When every scalar is a `Character` of its own
  /// (`TextScanner.standsAlone`), as in Vietnamese text, the scalars are read directly.
  static func wordCases(in text: String) -> Cases {
    var cases: Cases = [:]
    for (key, seen) in wordCasesByBytes(in: text) { cases[String(decoding: key, as: UTF8.self)] = seen }
    return cases
  }

  /// `wordCases` keyed by bytes; with `only`, of those words alone.
  static func wordCasesByBytes(in text: String, only wanted: Set<[UInt8]>? = nil) -> CasesByBytes {
    let scalars = Array(text.unicodeScalars)
    guard scalars.allSatisfy(TextScanner.standsAlone) else {
      var cases: CasesByBytes = [:]
      for (key, seen) in wordCasesByCharacters(in: text) where wanted?.contains(Array(key.utf8)) ?? true {
        cases[Array(key.utf8)] = seen
      }
      return cases
    }
    // A word whose filter bit no wanted word sets is passed over without hashing it.
    var wantedBits: (UInt64, UInt64, UInt64, UInt64) = wanted == nil ? (~0, ~0, ~0, ~0) : (0, 0, 0, 0)
    for key in wanted ?? [] {
      let bit = filterBit(key)
      switch bit >> 6 {
      case 0: wantedBits.0 |= 1 << UInt64(bit & 63)
      case 1: wantedBits.1 |= 1 << UInt64(bit & 63)
      case 2: wantedBits.2 |= 1 << UInt64(bit & 63)
      default: wantedBits.3 |= 1 << UInt64(bit & 63)
      }
    }
    var cases: CasesByBytes = [:]
    var key: [UInt8] = []
    var lineStart = 0
    while lineStart < scalars.count {
      var lineEnd = lineStart
      while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
      let line = scalars[lineStart..<lineEnd]
      lineStart = lineEnd + 1
      var sawLetter = false
      var sawLowercase = false
      for scalar in line where ScalarProperties.isAlphabetic(scalar) {
        sawLetter = true
        if ScalarProperties.isLowercase(scalar) {
          sawLowercase = true
          break
        }
      }
      guard sawLowercase || !sawLetter else { continue }
      var sentenceStart = true
      var previousIsLawWord = false
      var tokenStart = line.startIndex
      while tokenStart < line.endIndex {
        guard line[tokenStart] != " " else {
          tokenStart += 1
          continue
        }
        var tokenEnd = tokenStart
        while tokenEnd < line.endIndex, line[tokenEnd] != " " { tokenEnd += 1 }
        let token = line[tokenStart..<tokenEnd]
        tokenStart = tokenEnd
        var wordStart = token.startIndex
        var wordEnd = token.endIndex
        while wordStart < wordEnd, isTrimmedOffWord(token[wordStart]) { wordStart += 1 }
        while wordEnd > wordStart, isTrimmedOffWord(token[wordEnd - 1]) { wordEnd -= 1 }
        let word = token[wordStart..<wordEnd]
        let afterSentenceStart = sentenceStart
        let afterLawWord = previousIsLawWord
        sentenceStart = token.last == "." || token.last == ":"
        // `Luật Phòng, chống thiên tai`: a name's first word is capitalised for the name's sake.
        previousIsLawWord = isLawWord(word)
        guard let first = word.first, word.allSatisfy(isLetter), !afterSentenceStart, !afterLawWord
        else { continue }
        key.removeAll(keepingCapacity: true)
        for scalar in word { appendLowercased(scalar, to: &key) }
        let bit = filterBit(key)
        let filterWord =
          bit >> 6 == 0
          ? wantedBits.0 : bit >> 6 == 1 ? wantedBits.1 : bit >> 6 == 2 ? wantedBits.2 : wantedBits.3
        guard filterWord & (1 << UInt64(bit & 63)) != 0, wanted?.contains(key) ?? true else { continue }
        if isUppercase(first), word.dropFirst().allSatisfy(isLowercase) {
          cases[key, default: (0, 0)].capitalised += 1
        } else if isLowercase(first) {
          cases[key, default: (0, 0)].lower += 1
        }
      }
    }
    return cases
  }

  /// `luật`, `lệnh`, `pháp` in any case and with any marks: their fold.
  private static func isLawWord(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
    guard word.count == 4 else { return false }
    var folded: UInt32 = 0
    for scalar in word {
      guard let fold = VietnameseFolding.fold(scalar), fold.value < 0x80 else { return false }
      folded = folded << 8 | fold.value
    }
    return lawWords.contains(folded)
  }

  /// `luat`, `lenh`, `phap`: four ASCII bytes each, packed into one number.
  private static let lawWords: [UInt32] = ["luat", "lenh", "phap"].map { word in
    word.utf8.reduce(0) { $0 << 8 | UInt32($1) }
  }

  /// Where a word's key falls in a 256-bit filter: from its length and its first and last bytes.
  @inline(__always) private static func filterBit(_ key: [UInt8]) -> Int {
    guard let first = key.first, let last = key.last else { return 0 }
    return (Int(first) &* 31 &+ Int(last) &* 7 &+ key.count) & 255
  }

  /// The UTF-8 bytes of a scalar's lower-case mapping, as `String.lowercased()` writes them.
  private static func appendLowercased(_ scalar: Unicode.Scalar, to key: inout [UInt8]) {
    let value = scalar.value
    if value < 0x80 {
      let byte = UInt8(value)
      key.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
    } else {
      key.append(contentsOf: lowercaseMappings[Int(value)])
    }
  }

  /// Each scalar that stands alone, lower-cased by `String.lowercased()`, in UTF-8.
  private static let lowercaseMappings: [[UInt8]] = (0..<0x2060).map { value in
    guard let scalar = Unicode.Scalar(value), TextScanner.standsAlone(scalar) else { return [] }
    return Array(String(scalar).lowercased().utf8)
  }

  /// `Character`'s `isLetter`, `isUppercase` and `isLowercase` of each scalar that stands alone
  /// (bits 1, 2, 4), looked up once: `Character` reads case by mapping, so `ĸ` and `ɐ`, which no
  /// mapping changes, are upper case as well as lower case.
  private static let characterClasses: [UInt8] = (0..<0x2060).map { value in
    guard let scalar = Unicode.Scalar(value), TextScanner.standsAlone(scalar) else { return 0 }
    let character = Character(scalar)
    return (character.isLetter ? 1 : 0) | (character.isUppercase ? 2 : 0) | (character.isLowercase ? 4 : 0)
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    characterClasses[Int(scalar.value)] & 1 != 0
  }
  private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    characterClasses[Int(scalar.value)] & 2 != 0
  }
  private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
    characterClasses[Int(scalar.value)] & 4 != 0
  }

  /// `wordCases` by `Character`s, for a text of any scalars.
  static func wordCasesByCharacters(in text: String) -> Cases {
    var cases: Cases = [:]
    for line in text.split(separator: "\n") where !Line.isUppercase(line) {
      var sentenceStart = true
      var previous = ""
      for token in line.split(separator: " ") {
        let word = token.trimmed("“”\"'(),;:!?-")
        defer {
          sentenceStart = token.hasSuffix(".") || token.hasSuffix(":")
          previous = word.folded
        }
        // `Luật Phòng, chống thiên tai`: a name's first word is capitalised for the name's sake.
        guard let first = word.first, first.isLetter, word.allSatisfy(\.isLetter), !sentenceStart,
          !["luat", "lenh", "phap"].contains(previous)
        else { continue }
        let key = word.lowercased()
        if first.isUppercase, word.dropFirst().allSatisfy(\.isLowercase) {
          cases[key, default: (0, 0)].capitalised += 1
        } else if first.isLowercase {
          cases[key, default: (0, 0)].lower += 1
        }
      }
    }
    return cases
  }
}
