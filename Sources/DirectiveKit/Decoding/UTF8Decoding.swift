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
}
