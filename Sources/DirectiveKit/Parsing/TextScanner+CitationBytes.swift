/// A set of short folded words (eight bytes at most), looked up by a word's folded bytes in the
/// scanner without making a `String` of it.
struct ShortWordSet: Sendable {
  private let packed: Set<UInt64>

  init(_ words: [String]) {
    packed = Set(
      words.map { word in
        let bytes = Array(word.utf8)
        precondition(
          !bytes.isEmpty && bytes.count <= 8 && bytes.allSatisfy { $0 > 32 && $0 < 127 },
          "not a short folded word")
        return ShortWordSet.pack(bytes)
      })
  }

  func contains(_ word: String) -> Bool {
    let bytes = Array(word.utf8)
    guard bytes.count <= 8, bytes.allSatisfy({ $0 > 32 && $0 < 127 }) else { return false }
    return packed.contains(ShortWordSet.pack(bytes))
  }

  func contains(_ key: UInt64) -> Bool { packed.contains(key) }

  static func pack(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var key: UInt64 = 0
    var shift: UInt64 = 0
    for byte in bytes {
      key |= UInt64(byte) << shift
      shift += 8
    }
    return key
  }
}

extension TextScanner {
  /// Whether `string(range).folded` is one of `words`. Read on the folded bytes when each of them is
  /// printable ASCII other than a space (a scalar with such a fold folds alike in `String.folded`);
  /// otherwise, and only then, through the string.
  func foldedWord(_ range: Range<Int>, isIn words: ShortWordSet) -> Bool {
    guard range.lowerBound >= 0, range.upperBound <= count else {
      return words.contains(string(range).folded)
    }
    var key: UInt64 = 0
    var shift: UInt64 = 0
    for index in range {
      let byte = folded[index]
      guard byte > 32, byte < 127 else { return words.contains(string(range).folded) }
      if shift < 64 { key |= UInt64(byte) << shift }
      shift += 8
    }
    return shift <= 64 && words.contains(key)
  }
}

extension TextScanner {
  /// `flat(range)`, and with `trimmingPunctuation` `flat(range).trimmed(" ,;.")`, copied from the
  /// UTF-8 bytes in one pass when every scalar of the range stands alone.
  func flatText(_ range: Range<Int>, trimmingPunctuation: Bool = false) -> String {
    let clamped = range.clamped(to: 0..<count)
    var lower = clamped.lowerBound
    var upper = clamped.upperBound
    for index in lower..<upper where !TextScanner.standsAlone(scalars[index]) {
      return trimmingPunctuation ? flat(clamped).trimmed(" ,;.") : flat(clamped)
    }
    // Flat text has no white space at either end; trimmed, no `,` `;` `.` or space either.
    @inline(__always) func strips(_ value: UInt32) -> Bool {
      value == 0x20 || value == 0x0A || value == 0x09 || value == 0xA0
        || (trimmingPunctuation && (value == 0x2C || value == 0x3B || value == 0x2E))
    }
    while lower < upper, strips(scalars[lower].value) { lower += 1 }
    while upper > lower, strips(scalars[upper - 1].value) { upper -= 1 }
    guard lower < upper else { return "" }
    let from = Int(utf8Offsets[lower])
    let to = Int(utf8Offsets[upper])
    return utf8.withUnsafeBufferPointer { bytes in
      TextScanner.wellFormedString(capacity: to - from) { output in
        var written = 0
        var inSpace = false
        var index = from
        while index < to {
          let byte = bytes[index]
          // White space between words (space, line feed, tab, no-break space) as one space.
          let space = byte == 0x20 || byte == 0x0A || byte == 0x09
          let noBreak = byte == 0xC2 && index + 1 < to && bytes[index + 1] == 0xA0
          if space || noBreak {
            inSpace = true
            index += noBreak ? 2 : 1
            continue
          }
          if inSpace {
            output[written] = 0x20
            written += 1
            inSpace = false
          }
          output[written] = byte
          written += 1
          index += 1
        }
        return written
      }
    }
  }
}

extension TextScanner {
  /// `documentNumber(at:gluedToWord:)`, made in one copy of the number's bytes rather than of
  /// each of its pieces: the number is the text it spans without its spaces, each `–` or `—` a
  /// `-`, and a `-` put before a type code read after a space (`84 QĐ/TWĐTN` → `84-QĐ/TWĐTN`).
  func citedNumber(at index: Int, gluedToWord: Bool = false) -> (number: String, end: Int)? {
    guard isDigit(index), !isDigit(index - 1), gluedToWord || !isLetter(index - 1) else { return nil }
    var i = index
    while i < count, isDigit(i) { i += 1 }
    var separators = 0
    var sawLetter = false
    var dashBeforeCode: Int?
    while true {
      var j = skipSpaces(i)
      var separator = byte(j)
      if j < count, scalars[j] == "–" || scalars[j] == "—" { separator = UInt8(ascii: "-") }
      if separators == 0, j > i, separator != UInt8(ascii: "-"), separator != UInt8(ascii: "/"),
        let codeEnd = typeCodeEndBeforeSlash(at: j)
      {
        dashBeforeCode = j
        separators += 1
        sawLetter = true
        i = codeEnd
        continue
      }
      guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { break }
      j = skipSpaces(j + 1)
      let segmentStart = j
      if isLetter(j) && !isUppercase(j) { break }
      j = segmentEnd(from: j)
      guard j > segmentStart else { break }
      if !sawLetter, (segmentStart..<j).contains(where: isLetter) { sawLetter = true }
      separators += 1
      i = j
    }
    guard separators >= 1, sawLetter else { return nil }
    let from = Int(utf8Offsets[index])
    let to = Int(utf8Offsets[i])
    // The arrays taken out of `self`, so that the closures below do not copy the scanner.
    let (folded, scalars, utf8Offsets) = (self.folded, self.scalars, self.utf8Offsets)
    let number = utf8.withUnsafeBufferPointer { bytes in
      TextScanner.wellFormedString(capacity: to - from + 1) { output in
        var written = 0
        for position in index..<i {
          if position == dashBeforeCode {
            output[written] = UInt8(ascii: "-")
            written += 1
          }
          let fold = folded[position]
          if fold == 32 || fold == 9 { continue }
          let value = scalars[position].value
          if value == 0x2013 || value == 0x2014 {
            output[written] = UInt8(ascii: "-")
            written += 1
            continue
          }
          for byteOffset in Int(utf8Offsets[position])..<Int(utf8Offsets[position + 1]) {
            output[written] = bytes[byteOffset]
            written += 1
          }
        }
        return written
      }
    }
    return (number, i)
  }

  /// `QĐ/` in `84 QĐ/TWĐTN`: a known type code of four letters at most right before a slash;
  /// where the code ends.
  private func typeCodeEndBeforeSlash(at index: Int) -> Int? {
    guard isUppercase(index) else { return nil }
    var j = index
    while j < count, isLetter(j) { j += 1 }
    guard j - index <= 4, byte(j) == UInt8(ascii: "/") else { return nil }
    let from = Int(utf8Offsets[index])
    let to = Int(utf8Offsets[j])
    let known = utf8.withUnsafeBufferPointer { bytes in
      DocumentTypes.name(forCodeBytes: UnsafeBufferPointer(rebasing: bytes[from..<to]))
    }
    if let known { return known == nil ? nil : j }
    return DocumentTypes.name(forCode: string(index..<j)) != nil ? j : nil
  }
}

extension TextScanner {
  /// A string of the bytes `write` puts at the start of a buffer of `capacity` bytes and counts,
  /// which must be well-formed UTF-8 (whole scalars of the text, spaces, dashes): they are copied
  /// without the check `String(unsafeUninitializedCapacity:initializingUTF8With:)` makes of them.
  static func wellFormedString(
    capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int
  ) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { buffer in
      let written = write(buffer)
      return String(wellFormedUTF8: UnsafeBufferPointer(rebasing: buffer[0..<written]))
    }
  }
}
