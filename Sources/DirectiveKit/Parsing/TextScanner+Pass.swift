/// The one pass over a text's UTF-8 bytes that builds the scanner's arrays: each scalar, its
/// fold, where it starts in the bytes, where the line feeds are, and whether the text is in the
/// form decoding gives (NFC-inert scalars, no carriage return). Storage is allocated once, at
/// the most it can need (a scalar per byte), and never zeroed. Runs of printable ASCII are taken
/// eight bytes at a time. The pass also checks that the bytes are well-formed UTF-8, so that a
/// file's bytes are read once before they become a string.
struct ScannerPass {
  let scalars: [Unicode.Scalar]
  /// Soft line breaks are not marked yet: `LineBreaks.markSoft` marks them in place.
  var folded: [UInt8]
  let offsets: [Int32]
  let lineFeeds: [Int32]
  let isDecodedForm: Bool
  /// Whether the bytes are well-formed UTF-8 (Unicode's Table 3-7), as `String(validating:)` tells.
  /// When they are not, the other fields hold nothing of use (but the pass reads no byte out of
  /// bounds).
  let isWellFormed: Bool

  init(_ bytes: [UInt8]) {
    let byteCount = bytes.count
    var scalarCount = 0
    var lineFeeds: [Int32] = []
    lineFeeds.reserveCapacity(byteCount / 64 + 4)
    var allInert = true
    var sawCarriageReturn = false
    // Non-zero once a byte breaks UTF-8's rules.
    var malformed: UInt8 = 0
    var folded: [UInt8] = []
    var offsets: [Int32] = []
    let foldTable = VietnameseFolding.asciiTable
    let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: byteCount) { scalarBuffer, scalarsDone in
      folded = [UInt8](unsafeUninitializedCapacity: byteCount) { foldedBuffer, foldedDone in
        offsets = [Int32](unsafeUninitializedCapacity: byteCount + 1) { offsetBuffer, offsetsDone in
          bytes.withUnsafeBufferPointer { source in
            foldTable.withUnsafeBufferPointer { table in
              guard let base = source.baseAddress, let scalarOut = scalarBuffer.baseAddress,
                let foldedOut = foldedBuffer.baseAddress
              else { return }
              let offsetOut = offsetBuffer.baseAddress!
              let laneNumbers = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
              var index = 0
              var count = 0
              while index < byteCount {
                if index &+ 8 <= byteCount {
                  let word = UInt64(
                    littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                  // Bit 7 of each byte that is not ASCII or is below a space (a lower true flag only
                  // ever sits under a false one, so the lowest flagged byte is a true one).
                  let flagged = (word | ((word &- 0x2020_2020_2020_2020) & ~word)) & 0x8080_8080_8080_8080
                  let clean = flagged == 0 ? 8 : flagged.trailingZeroBitCount >> 3
                  // Bit 7 set for each byte from `A` to `Z`. Bytes past the clean ones are garbage,
                  // written where the scalars after them will be written again.
                  let upper =
                    ((word &+ 0x3F3F_3F3F_3F3F_3F3F) ^ (word &+ 0x2525_2525_2525_2525))
                    & 0x8080_8080_8080_8080
                  UnsafeMutableRawPointer(foldedOut + count).storeBytes(
                    of: (word | (upper >> 2)).littleEndian, as: UInt64.self)
                  let lanes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<UInt8>.self)
                  UnsafeMutableRawPointer(scalarOut + count).storeBytes(
                    of: SIMD8<UInt32>(truncatingIfNeeded: lanes), as: SIMD8<UInt32>.self)
                  UnsafeMutableRawPointer(offsetOut + count).storeBytes(
                    of: SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: index)) &+ laneNumbers,
                    as: SIMD8<Int32>.self)
                  count &+= clean
                  index &+= clean
                  if clean == 8 { continue }
                }
                let lead = base[index]
                offsetOut[count] = Int32(truncatingIfNeeded: index)
                if lead < 0x80 {
                  (scalarOut + count).initialize(to: Unicode.Scalar(lead))
                  foldedOut[count] = lead >= 65 && lead <= 90 ? lead + 32 : lead
                  if lead == 0x0A {
                    lineFeeds.append(Int32(truncatingIfNeeded: count))
                  } else if lead == 0x0D {
                    sawCarriageReturn = true
                  }
                  count &+= 1
                  index &+= 1
                  continue
                }
                // Two bytes (U+0080–U+07FF) and Vietnamese letters (U+1E00–U+1EFF) decoded here, the
                // rest by the one decoder.
                if lead >= 0xC2, lead < 0xE0, index &+ 1 < byteCount {
                  let second = base[index &+ 1]
                  malformed |= (second & 0xC0) ^ 0x80
                  let value = UInt32(lead & 0x1F) << 6 | UInt32(second & 0x3F)
                  index &+= 2
                  if lead >= 0xCC { allInert = false }
                  // U+0080–U+07FF, a scalar whatever the second byte: no check needed.
                  (scalarOut + count).initialize(to: unsafeBitCast(value, to: Unicode.Scalar.self))
                  foldedOut[count] = table[Int(value)]
                  count &+= 1
                  continue
                }
                if lead == 0xE1, index &+ 2 < byteCount, base[index &+ 1] & 0xFC == 0xB8 {
                  malformed |= (base[index &+ 2] & 0xC0) ^ 0x80
                  let value = 0x1000 | UInt32(base[index &+ 1] & 0x3F) << 6 | UInt32(base[index &+ 2] & 0x3F)
                  index &+= 3
                  // U+1E00–U+1EFF, inert under NFC.
                  (scalarOut + count).initialize(to: unsafeBitCast(value, to: Unicode.Scalar.self))
                  foldedOut[count] = table[Int(value)]
                  count &+= 1
                  continue
                }
                if !UTF8Decoding.isWellFormedSequence(at: index, in: base, count: byteCount) { malformed = 1 }
                let (value, length) = UTF8Decoding.multibyteScalar(at: index, in: base, count: byteCount)
                index &+= length
                if !NFC.isInert(value) { allInert = false }
                (scalarOut + count).initialize(to: Unicode.Scalar(value) ?? "\u{FFFD}")
                if value < 0x2000 {
                  foldedOut[count] = table[Int(value)]
                } else {
                  foldedOut[count] = value <= 0x200A || value == 0x3000 ? 32 : 0
                }
                count &+= 1
              }
              scalarCount = count
            }
          }
          offsetBuffer[scalarCount] = Int32(truncatingIfNeeded: byteCount)
          offsetsDone = scalarCount + 1
        }
        foldedDone = scalarCount
      }
      scalarsDone = scalarCount
    }
    self.scalars = scalars
    self.folded = folded
    self.offsets = offsets
    self.lineFeeds = lineFeeds
    self.isDecodedForm = allInert && !sawCarriageReturn
    self.isWellFormed = malformed == 0
  }
}
