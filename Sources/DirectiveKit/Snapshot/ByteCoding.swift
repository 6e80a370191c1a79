import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
    return Self.string(base, position..<position + length)
  }

  /// Typed bytes take the standard library's fast path, raw ones a copy.
  static func string(_ base: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
    guard let start = base.baseAddress, !range.isEmpty else { return "" }
    return String(
      decoding: UnsafeBufferPointer(
        start: (start + range.lowerBound).assumingMemoryBound(to: UInt8.self), count: range.count),
      as: UTF8.self)
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

/// A 64-bit digest of the payload, by chunks of a mebibyte digested apart (on all cores, and from
/// the file without mapping it) and then together. Within a chunk four lanes take every fourth
/// 8-byte word; every step is one-to-one in the state and in the word, so a change confined to one
/// word (any single flipped bit) always changes the chunk's digest, and a changed chunk the whole.
enum SnapshotChecksum {
  static let chunkSize = 1 << 20

  static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let chunks = chunkCount(bytes.count)
    let digests = ResultSlots<UInt64>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * chunkSize
      digests.set(
        chunk,
        chunkDigest(
          UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + chunkSize)]), index: chunk))
    }
    return combine(digests.values.map { $0 ?? 0 }, length: bytes.count)
  }

  /// The digest of `length` bytes of a mapped file from `offset`, on all cores, each chunk's
  /// pages dropped from memory once digested, so that none of it stays resident. Reading the
  /// mapping costs a fault per few pages; reading the file into a buffer cost a copy of every byte.
  static func digest(_ file: MappedFile, offset: Int, length: Int) -> UInt64 {
    let chunks = chunkCount(length)
    let digests = ResultSlots<UInt64>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = offset + chunk * chunkSize
      let range = start..<min(offset + length, start + chunkSize)
      digests.set(chunk, chunkDigest(UnsafeRawBufferPointer(rebasing: file.bytes[range]), index: chunk))
      // A fault maps the pages around the one asked for too: those of the chunks on either side,
      // which may be done already, go as well.
      file.release(
        max(offset, range.lowerBound - faultAround)..<min(offset + length, range.upperBound + faultAround))
    }
    return combine(digests.values.map { $0 ?? 0 }, length: length)
  }

  /// More than the kernel maps around a page fault (64 KiB by default).
  private static let faultAround = 1 << 18

  private static func chunkCount(_ length: Int) -> Int { max(1, (length + chunkSize - 1) / chunkSize) }

  static func combine(_ digests: [UInt64], length: Int) -> UInt64 {
    var state: UInt64 = 0x6A09_E667_F3BC_C908 ^ UInt64(length)
    for digest in digests { state = mix(state, digest) }
    return mix(state, UInt64(length))
  }

  static func chunkDigest(_ bytes: UnsafeRawBufferPointer, index: Int) -> UInt64 {
    let seed = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var lanes = (
      seed ^ 0xBB67_AE85_84CA_A73B, seed ^ 0x3C6E_F372_FE94_F82B, seed ^ 0xA54F_F53A_5F1D_36F1,
      seed ^ 0x510E_527F_ADE6_82D1
    )
    func word(_ offset: Int) -> UInt64 {
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    let blocks = bytes.count / 32
    for block in 0..<blocks {
      let base = block * 32
      lanes.0 = mix(lanes.0, word(base))
      lanes.1 = mix(lanes.1, word(base + 8))
      lanes.2 = mix(lanes.2, word(base + 16))
      lanes.3 = mix(lanes.3, word(base + 24))
    }
    var state = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
    var offset = blocks * 32
    while offset + 8 <= bytes.count {
      state = mix(state, word(offset))
      offset += 8
    }
    var tail: UInt64 = 0
    for position in offset..<bytes.count {
      tail |= UInt64(bytes[position]) << (UInt64(position - offset) * 8)
    }
    return mix(mix(state, tail), UInt64(bytes.count))
  }

  @inline(__always) private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
    var next = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
    next ^= next >> 29
    return next
  }
}
