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
      String(unsafeUninitializedCapacity: to - from) { output in
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
