/// An open-addressing hash table from byte strings to dense ids (0, 1, 2 …), the keys kept
/// back to back in one arena: no allocation per key.
struct TermTable {
  private(set) var arena: [UInt8] = []
  private(set) var starts: [UInt32] = [0]
  private(set) var hashes: [UInt64] = []
  private(set) var slots: [Int32]
  private var mask: Int

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// A table from its stored arrays; nil unless they fit together (every key within the arena,
  /// every slot empty or a key, a power of two of slots with room to spare).
  init?(arena: [UInt8], starts: [UInt32], hashes: [UInt64], slots: [Int32]) {
    guard starts.count == hashes.count + 1, starts.first == 0, Int(starts.last!) == arena.count,
      slots.count >= 16, slots.count & (slots.count - 1) == 0, hashes.count * 2 <= slots.count,
      zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
      slots.allSatisfy({ $0 >= -1 && Int($0) < hashes.count })
    else { return nil }
    self.arena = arena
    self.starts = starts
    self.hashes = hashes
    self.slots = slots
    mask = slots.count - 1
  }

  var count: Int { hashes.count }

  func key(_ id: Int) -> ArraySlice<UInt8> { arena[Int(starts[id])..<Int(starts[id + 1])] }

  /// Runs `body` with the bytes and hash of key `id`.
  func withKey<Result>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Result) -> Result {
    let start = Int(starts[id])
    let end = Int(starts[id + 1])
    return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end]), hashes[id]) }
  }

  func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = Int(slots[slot])
      if id < 0 { return nil }
      if hashes[id] == hash && equals(id, key) { return id }
      slot = (slot + 1) & mask
    }
  }

  func find(_ key: [UInt8]) -> Int? {
    key.withUnsafeBufferPointer { find($0, hash: fnvHash($0)) }
  }

  /// The id of `key`, added when new; `isNew` says which.
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int, isNew: Bool) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = Int(slots[slot])
      if id < 0 { break }
      if hashes[id] == hash && equals(id, key) { return (id, false) }
      slot = (slot + 1) & mask
    }
    let id = hashes.count
    hashes.append(hash)
    arena.append(contentsOf: key)
    starts.append(UInt32(arena.count))
    slots[slot] = Int32(id)
    if hashes.count * 2 > slots.count { grow() }
    return (id, true)
  }

  mutating func insert(_ key: [UInt8]) -> (id: Int, isNew: Bool) {
    key.withUnsafeBufferPointer { insert($0, hash: fnvHash($0)) }
  }

  private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(starts[id])
    let length = Int(starts[id + 1]) - start
    guard length == key.count else { return false }
    return arena.withUnsafeBufferPointer { stored in
      for offset in 0..<length where stored[start + offset] != key[offset] { return false }
      return true
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }
}

/// Variable-length unsigned integers, 7 bits a byte, low bits first.
enum VarInt {
  @inline(__always)
  static func append(_ value: Int, to bytes: inout [UInt8]) {
    var value = UInt(value)
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// Bytes that `append` writes for `value`.
  static func length(_ value: Int) -> Int {
    var value = UInt(value)
    var length = 1
    while value >= 0x80 {
      value >>= 7
      length += 1
    }
    return length
  }

  /// Writes `value` at `position` of a buffer that has room, moving `position` past it.
  @inline(__always)
  static func write(_ value: Int, to bytes: UnsafeMutableBufferPointer<UInt8>, at position: inout Int) {
    var value = UInt(value)
    while value >= 0x80 {
      bytes[position] = UInt8(truncatingIfNeeded: value) | 0x80
      position += 1
      value >>= 7
    }
    bytes[position] = UInt8(value)
    position += 1
  }

  /// Moves `position` past `count` values, eight bytes at a time while more than eight bytes'
  /// worth of values are left.
  static func skip(_ count: Int, in bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) {
    var left = count
    let raw = UnsafeRawBufferPointer(bytes)
    while position + 8 <= raw.count {
      let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      // A value ends at each byte without its high bit.
      let ends = (~word & 0x8080_8080_8080_8080).nonzeroBitCount
      // Stop before a word whose last ending is the last one wanted: the bytes after it belong to the next value.
      guard ends < left else { break }
      left -= ends
      position += 8
    }
    while left > 0 {
      if bytes[position] < 0x80 { left -= 1 }
      position += 1
    }
  }

  @inline(__always)
  static func read(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Int {
    var value = 0
    var shift = 0
    while true {
      let byte = bytes[position]
      position += 1
      value |= Int(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }
}
