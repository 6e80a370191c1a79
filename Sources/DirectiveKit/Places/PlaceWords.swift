/// The words of a text as the gazetteer compares them, read off a `TextScanner` in one pass over
/// its folded twin: a word's folded form is the run of its folded bytes, so no string is made
/// per word. Where each word starts and ends (scalar offsets into the NFC text), what separates
/// it from the one before; its capitalisation and marks are read from its scalars when asked.
struct PlaceWords {
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

  /// Twelve bytes a word: a document has a word for every five or six scalars.
  struct Word {
    /// Half-open range of scalar offsets into the NFC text.
    let start: Int32
    let end: Int32
    let gapBefore: PlaceWords.Gap
    /// True when the gap before this word holds a line break.
    let lineBreakBefore: Bool
    /// Whether the folded form is spelled out in `spelledKeys` (at `spelledRanges[index]`) rather
    /// than the scanner's folded bytes `start..<end`, as it is for every word without an
    /// apostrophe or a scalar that folds to no ASCII byte.
    let isSpelled: Bool
  }

  let scanner: TextScanner
  let words: [Word]
  /// The folded forms of the words that are not a run of the scanner's folded bytes.
  private let spelledKeys: [UInt8]
  /// Where each such word's folded form lies in `spelledKeys`, by the word's index.
  private let spelledRanges: [Int32: Range<Int32>]

  /// The words of `scanner`'s text once in NFC: a text holding combining marks is normalised
  /// (as `PlaceTokenizer.nfcScalars` does) and scanned again.
  init(_ scanner: TextScanner) {
    let (words, keys, ranges, sawMark) = PlaceWords.read(scanner)
    if sawMark {
      let normalised = PlaceTokenizer.nfcScalars(of: scanner.scalars)
      if normalised != scanner.scalars {
        let nfc = TextScanner(String(String.UnicodeScalarView(normalised)))
        let (nfcWords, nfcKeys, nfcRanges, _) = PlaceWords.read(nfc)
        self.scanner = nfc
        self.words = nfcWords
        self.spelledKeys = nfcKeys
        self.spelledRanges = nfcRanges
        return
      }
    }
    self.scanner = scanner
    self.words = words
    self.spelledKeys = keys
    self.spelledRanges = ranges
  }

  var count: Int { words.count }

  /// What a folded byte says of its scalar: part of a word (a letter or digit, marked or not),
  /// not part of one, or unknown (0: a scalar with no ASCII fold, whose class is looked up).
  private static let wordByte: UInt8 = 1
  private static let unknownByte: UInt8 = 2
  private static let byteKinds: [UInt8] = (0..<256).map { byte in
    if byte == 0 { return unknownByte }
    let isAlphanumeric = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
    return isAlphanumeric ? wordByte : 0
  }

  /// The words of the text and the folded forms spelled out for those that need it; whether
  /// the text holds a combining mark.
  private static func read(_ scanner: TextScanner) -> (
    words: [Word], keys: [UInt8], ranges: [Int32: Range<Int32>], sawMark: Bool
  ) {
    var words: [Word] = []
    var keys: [UInt8] = []
    var ranges: [Int32: Range<Int32>] = [:]
    var sawMark = false
    let count = scanner.count
    // A Vietnamese word and the space after it take four to five scalars.
    words.reserveCapacity(count / 4 + 16)
    scanner.scalars.withUnsafeBufferPointer { scalars in
      scanner.folded.withUnsafeBufferPointer { folded in
        byteKinds.withUnsafeBufferPointer { kinds in
          var index = 0
          var gap = PlaceWords.Gap.hard
          var lineBreak = false
          var atStart = true
          @inline(__always) func isWord(_ position: Int) -> Bool {
            let kind = kinds[Int(folded[position])]
            if kind == wordByte { return true }
            return kind == unknownByte && PlaceTokenizer.isWordScalar(scalars[position])
          }
          while index < count {
            guard isWord(index) else {
              let scalar = scalars[index]
              if !atStart { gap = PlaceTokenizer.widen(gap, by: scalar) }
              if scalar == "\n" || scalar == "\r" { lineBreak = true }
              index += 1
              continue
            }
            let start = index
            // Whether the word so far is the run of folded bytes from `start`.
            var isRun = true
            while index < count {
              // Eight bytes at a time while they are letters or digits.
              if index &+ 8 <= count, let base = folded.baseAddress {
                let run = PlaceWords.leadingWordBytes(
                  UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                index &+= run
                if run == 8 { continue }
              }
              let kind = kinds[Int(folded[index])]
              if kind == wordByte {
                index += 1
                continue
              }
              let scalar = scalars[index]
              if kind == unknownByte && PlaceTokenizer.isWordScalar(scalar) {
                if VietnameseFolding.isCombiningMark(scalar.value) { sawMark = true }
                isRun = false
                index += 1
                continue
              }
              if PlaceTokenizer.isApostrophe(scalar), index + 1 < count, isWord(index + 1) {
                isRun = false
                index += 1
                continue
              }
              break
            }
            if !isRun {
              let keyStart = Int32(keys.count)
              spell(scalars: scalars, folded: folded, start..<index, into: &keys)
              ranges[Int32(words.count)] = keyStart..<Int32(keys.count)
            }
            words.append(
              Word(
                start: Int32(start), end: Int32(index), gapBefore: gap, lineBreakBefore: lineBreak,
                isSpelled: !isRun))
            gap = .soft
            lineBreak = false
            atStart = false
          }
        }
      }
    }
    return (words, keys, ranges, sawMark)
  }

  /// How many of the eight folded bytes in `word` (little-endian), from the first, are `a`–`z`
  /// or `0`–`9`, as `byteKinds` marks them `wordByte`.
  @inline(__always) static func leadingWordBytes(_ word: UInt64) -> Int {
    let high: UInt64 = 0x8080_8080_8080_8080
    // Each byte without its top bit: adding up to 0x50 to it carries into no other byte.
    let low = UInt64(littleEndian: word) & 0x7F7F_7F7F_7F7F_7F7F
    let ascii = ~UInt64(littleEndian: word) & high
    let letters = (low &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(low &+ 0x0505_0505_0505_0505)
    let digits = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646)
    let wordBytes = (letters | digits) & ascii
    return (~wordBytes & high).trailingZeroBitCount >> 3
  }

  /// The folded form of a word that is not a run of folded bytes: apostrophes between its
  /// letters dropped, combining marks dropped, a scalar without an ASCII fold lower-cased.
  private static func spell(
    scalars: UnsafeBufferPointer<Unicode.Scalar>, folded: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
    into keys: inout [UInt8]
  ) {
    for position in range {
      let byte = folded[position]
      if byteKinds[Int(byte)] == wordByte {
        keys.append(byte)
        continue
      }
      let scalar = scalars[position]
      guard PlaceTokenizer.isWordScalar(scalar), let foldedScalar = VietnameseFolding.fold(scalar) else {
        continue
      }
      keys.append(contentsOf: String(foldedScalar).utf8)
    }
  }

  // MARK: - A word's folded form

  /// `body` on the folded bytes of word `index`.
  @inline(__always)
  func withKey<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    let word = words[index]
    if !word.isSpelled {
      return scanner.folded.withUnsafeBufferPointer {
        body(UnsafeBufferPointer(rebasing: $0[Int(word.start)..<Int(word.end)]))
      }
    }
    let range = spelledRanges[Int32(index)] ?? 0..<0
    return spelledKeys.withUnsafeBufferPointer {
      body(UnsafeBufferPointer(rebasing: $0[Int(range.lowerBound)..<Int(range.upperBound)]))
    }
  }

  /// `body` with every word's folded form and first scalar at hand, for a pass over all words.
  func withReader<Result>(_ body: (Reader) -> Result) -> Result {
    words.withUnsafeBufferPointer { words in
      scanner.folded.withUnsafeBufferPointer { folded in
        spelledKeys.withUnsafeBufferPointer { spelled in
          scanner.scalars.withUnsafeBufferPointer { scalars in
            body(
              Reader(
                words: words, folded: folded, spelled: spelled, spelledRanges: spelledRanges, scalars: scalars
              ))
          }
        }
      }
    }
  }

  struct Reader {
    let words: UnsafeBufferPointer<Word>
    let folded: UnsafeBufferPointer<UInt8>
    let spelled: UnsafeBufferPointer<UInt8>
    let spelledRanges: [Int32: Range<Int32>]
    let scalars: UnsafeBufferPointer<Unicode.Scalar>

    var count: Int { words.count }

    /// The folded form of word `index`.
    @inline(__always) func key(_ index: Int) -> UnsafeBufferPointer<UInt8> {
      let word = words[index]
      if !word.isSpelled { return UnsafeBufferPointer(rebasing: folded[Int(word.start)..<Int(word.end)]) }
      let range = spelledRanges[Int32(index)] ?? 0..<0
      return UnsafeBufferPointer(rebasing: spelled[Int(range.lowerBound)..<Int(range.upperBound)])
    }

    /// Whether word `index` opens with a capital letter, as `.title` and `.upper` words do.
    @inline(__always) func opensCapitalised(_ index: Int) -> Bool {
      PlaceTokenizer.opensCapitalised(scalars[Int(words[index].start)])
    }
  }

  func key(_ index: Int) -> String { withKey(index) { String(decoding: $0, as: UTF8.self) } }

  func keyEquals(_ index: Int, _ bytes: [UInt8]) -> Bool {
    withKey(index) { key in
      key.count == bytes.count && bytes.withUnsafeBufferPointer { key.elementsEqual($0) }
    }
  }

  // MARK: - A word's scalars

  func scalars(_ index: Int) -> ArraySlice<Unicode.Scalar> {
    scanner.scalars[Int(words[index].start)..<Int(words[index].end)]
  }

  /// Capitalisation by the word's first scalar and its counts of capitals and small letters.
  func letterCase(_ index: Int) -> PlaceWords.Case {
    PlaceTokenizer.letterCase(of: scalars(index))
  }

  /// True when some letter of the word carries a mark (or is `đ`): a scalar beyond ASCII, other
  /// than an apostrophe dropped between its letters.
  func hasMarks(_ index: Int) -> Bool {
    scalars(index).contains { $0.value >= 0x80 && PlaceTokenizer.isWordScalar($0) }
  }
}
