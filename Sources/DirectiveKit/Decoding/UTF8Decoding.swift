/// The one hand-written UTF-8 decoder: the scalar starting at a non-ASCII byte, and how many
/// bytes it takes. A lead byte that cannot start a sequence, or a sequence cut off by the end of
/// the bytes, reads as U+FFFD over one byte. Continuation bytes are taken as they come: callers
/// hand it text that is already valid UTF-8 (a Swift string's bytes, or bytes checked before).
enum UTF8Decoding {
  @inline(__always)
  static func multibyteScalar(at index: Int, in bytes: UnsafePointer<UInt8>, count: Int) -> (
    value: UInt32, length: Int
  ) {
    let lead = bytes[index]
    if lead >= 0xC2 && lead < 0xE0, index + 1 < count {
      return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
    }
    if lead >= 0xE0 && lead < 0xF0, index + 2 < count {
      let value =
        (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
        | UInt32(bytes[index + 2] & 0x3F)
      return (value, 3)
    }
    if lead >= 0xF0, index + 3 < count {
      let value =
        (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
        | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
      return (value, 4)
    }
    return (0xFFFD, 1)
  }

  /// Whether a well-formed sequence of two to four bytes starts at `index` (Unicode's Table 3-7):
  /// no overlong form, no surrogate, nothing above U+10FFFF, nothing cut off by the end.
  static func isWellFormedSequence(at index: Int, in bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
    let (length, secondLow, secondHigh) = UTF8Survey.shape(of: bytes[index])
    guard length > 1, index + length <= count else { return false }
    let second = bytes[index + 1]
    guard second >= secondLow, second <= secondHigh else { return false }
    for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
    return true
  }
}

extension String {
  /// The string of bytes already known to be well-formed UTF-8 (a Swift string's own bytes, or
  /// bytes `ScannerPass` found well-formed), copied without the standard library validating
  /// them a second time. Bytes that are not well-formed UTF-8 make a broken string: never hand
  /// it any others.
  init(wellFormedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count > 0 else {
      self = ""
      return
    }
    self = String.copyingWellFormedUTF8(bytes)
  }

  /// The standard library's own constructor for bytes it has validated already,
  /// `String._uncheckedFromUTF8(_:)`: it has no public name, but is `@usableFromInline`, so part of
  /// the library's ABI. It works out itself whether the bytes are ASCII.
  @_silgen_name("$sSS18_uncheckedFromUTF8ySSSRys5UInt8VGFZ")
  private static func copyingWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String
}
