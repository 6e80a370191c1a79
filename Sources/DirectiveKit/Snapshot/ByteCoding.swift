/// Appends values in the snapshot's layout: unsigned LEB128 integers, strings as a length and
/// their UTF-8 bytes, optionals behind a presence byte.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func integer(_ value: Int) {
    var rest = UInt64(bitPattern: Int64(value))
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  mutating func fixed64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      integer(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func optional<Value>(_ value: Value?, _ write: (inout ByteWriter, Value) -> Void) {
    guard let value else {
      bytes.append(0)
      return
    }
    bytes.append(1)
    write(&self, value)
  }

  mutating func array<Value>(_ values: [Value], _ write: (inout ByteWriter, Value) -> Void) {
    integer(values.count)
    for value in values { write(&self, value) }
  }
}

/// Why a snapshot was not trusted, in words for the one-line warning.
struct SnapshotDamage: Error {
  var reason: String
}

/// Reads what `ByteWriter` wrote, from memory it does not own (the mapped file); every read is
/// bounds-checked and a value out of range is damage, never a crash.
struct ByteReader {
  let base: UnsafeRawBufferPointer
  var position: Int
  let end: Int

  init(_ base: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
    self.base = base
    self.position = start
    self.end = end ?? base.count
  }

  var isAtEnd: Bool { position == end }

  mutating func byte() throws -> UInt8 {
    guard position < end else { throw SnapshotDamage(reason: "it ends too early") }
    defer { position += 1 }
    return base[position]
  }

  mutating func integer() throws -> Int {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let next = try byte()
      guard shift < 64 else { throw SnapshotDamage(reason: "a number is malformed") }
      value |= UInt64(next & 0x7F) << shift
      if next & 0x80 == 0 { break }
      shift += 7
    }
    return Int(Int64(bitPattern: value))
  }

  /// A count or length: never negative, never past the end.
  mutating func count() throws -> Int {
    let value = try integer()
    guard value >= 0, value <= end - position else {
      throw SnapshotDamage(reason: "a length is out of range")
    }
    return value
  }

  mutating func fixed64() throws -> UInt64 {
    guard end - position >= 8 else { throw SnapshotDamage(reason: "it ends too early") }
    defer { position += 8 }
    return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
  }

  mutating func bool() throws -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw SnapshotDamage(reason: "a flag is malformed")
    }
  }

  mutating func string() throws -> String {
    let length = try count()
    defer { position += length }
    return String(
      decoding: UnsafeRawBufferPointer(rebasing: base[position..<position + length]), as: UTF8.self)
  }

  mutating func optional<Value>(_ read: (inout ByteReader) throws -> Value) throws -> Value? {
    try bool() ? read(&self) : nil
  }

  mutating func array<Value>(_ read: (inout ByteReader) throws -> Value) throws -> [Value] {
    let count = try count()
    var values: [Value] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(try read(&self)) }
    return values
  }

  mutating func raw<Value: RawRepresentable>(_: Value.Type) throws -> Value where Value.RawValue == String {
    let text = try string()
    guard let value = Value(rawValue: text) else {
      throw SnapshotDamage(reason: "an unknown value “\(text)”")
    }
    return value
  }
}

/// A 64-bit digest of the payload: each 8-byte word goes through steps that are one-to-one, so a
/// change confined to one word (any single flipped bit) always changes the digest.
enum SnapshotChecksum {
  static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var state: UInt64 = 0x6A09_E667_F3BC_C908 ^ UInt64(bytes.count)
    let words = bytes.count / 8
    for index in 0..<words {
      state = mix(
        state, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
    }
    var tail: UInt64 = 0
    for offset in (words * 8)..<bytes.count {
      tail |= UInt64(bytes[offset]) << (UInt64(offset - words * 8) * 8)
    }
    return mix(mix(state, tail), UInt64(bytes.count))
  }

  @inline(__always) private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
    var next = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
    next ^= next >> 29
    return next
  }
}
