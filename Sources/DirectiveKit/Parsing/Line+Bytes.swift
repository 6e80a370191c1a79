import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks on a line's folded bytes and a text's UTF-8 bytes, without building strings: `folded` is
/// ASCII, one byte a scalar, so comparing its bytes is comparing its `Character`s.
extension Line {
  /// Whether `folded`, past any leading bytes of `dropped`, starts with `prefix` (ASCII).
  func foldedHasPrefix(_ prefix: StaticString, afterDropping dropped: StaticString = "") -> Bool {
    let length = prefix.utf8CodeUnitCount
    return withFoldedBytes { bytes in
      // Most lines differ from the prefix at their first byte.
      if dropped.utf8CodeUnitCount == 0, length > 0, bytes.first != prefix.utf8Start.pointee {
        return false
      }
      var start = 0
      if dropped.utf8CodeUnitCount > 0 {
        let droppedBytes = UnsafeBufferPointer(start: dropped.utf8Start, count: dropped.utf8CodeUnitCount)
        while start < bytes.count, droppedBytes.contains(bytes[start]) { start += 1 }
      }
      guard bytes.count - start >= length, let base = bytes.baseAddress else { return length == 0 }
      return memcmp(base + start, prefix.utf8Start, length) == 0
    }
  }

  /// `text.folded`. It is `folded` itself, scalar for scalar, unless a scalar has no ASCII fold
  /// (`~` in `folded`, dropped or kept by `VietnameseFolding.fold`) or is a space outside ASCII
  /// (a space in `folded`, itself in `text.folded`); a line with either is folded again.
  var textFolded: String {
    let foldsAlike =
      folded.utf8.withContiguousStorageIfAvailable { bytes in
        bytes.baseAddress.map { memchr($0, 0x7E, bytes.count) == nil } ?? true
      } ?? false
    guard foldsAlike, !Line.containsNonASCIISpace(text) else { return text.folded }
    return folded
  }

  /// Whether `text` holds U+00A0, U+2000–U+200A or U+3000, which the scanner folds to a space.
  static func containsNonASCIISpace(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if byte < 0xC2 {
          index += 1
          continue
        }
        if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 { return true }
        if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] <= 0x8A { return true }
        if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { return true }
        index += 1
      }
      return false
    }
  }

  /// Whether `text` holds a `|`, a table's cell border.
  static func containsBar(_ text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.baseAddress.map { memchr($0, 0x7C, bytes.count) != nil } ?? false
    } ?? text.utf8.contains(0x7C)
  }

  /// `Line.isMotto(folded)` on the folded bytes.
  var isMotto: Bool {
    foldedHasPrefix("dang cong san viet nam") || foldedHasPrefix("cong hoa xa hoi chu nghia viet nam")
      || foldedHasPrefix("doc lap - tu do - hanh phuc") || foldedHasPrefix("doc lap-tu do-hanh phuc")
  }

  /// `text.split(separator: " ").count <= limit`, counted on the UTF-8 bytes when every scalar
  /// is a `Character` of its own.
  static func hasAtMostWords(_ text: some StringProtocol, _ limit: Int) -> Bool {
    guard Line.allStandAlone(text) else {
      return text.split(separator: " ").count <= limit
    }
    var words = 0
    var inWord = false
    for byte in text.utf8 {
      if byte == 0x20 {
        inWord = false
      } else if !inWord {
        inWord = true
        words += 1
        if words > limit { return false }
      }
    }
    return true
  }

  /// `text.unicodeScalars.allSatisfy(TextScanner.standsAlone)`, read on the UTF-8 bytes: a lead
  /// byte up to 0xCB starts a scalar below U+0300, and scalars of four bytes never stand alone.
  static func allStandAlone(_ text: some StringProtocol) -> Bool {
    let byBytes = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      var index = 0
      let count = bytes.count
      while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
          guard lead != 0x0D else { return false }
          index += 1
        } else if lead < 0xE0 {
          guard lead <= 0xCB else { return false }
          index += 2
        } else if lead < 0xF0, index + 2 < count {
          let value =
            UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
          guard
            (value >= 0x1E00 && value <= 0x1EFF) || (value >= 0x2010 && value <= 0x2027)
              || (value >= 0x2030 && value <= 0x205E)
          else { return false }
          index += 3
        } else {
          return false
        }
      }
      return true
    }
    return byBytes ?? text.unicodeScalars.allSatisfy(TextScanner.standsAlone)
  }

  /// `text.hasPrefix(marker)` for an ASCII marker: its bytes, then a scalar that starts a new
  /// `Character` (one that stands alone), or the end; else `hasPrefix` itself decides.
  static func hasASCIIPrefix(_ text: String, _ marker: String) -> Bool {
    guard text.utf8.starts(with: marker.utf8) else {
      // A text whose first bytes differ from an ASCII marker may still be canonically equivalent
      // to it only through a scalar outside ASCII.
      return text.utf8.prefix(marker.utf8.count).allSatisfy({ $0 < 0x80 }) ? false : text.hasPrefix(marker)
    }
    let rest = text.utf8.index(text.utf8.startIndex, offsetBy: marker.utf8.count)
    guard rest < text.utf8.endIndex else { return true }
    let next = text.unicodeScalars[rest]
    return TextScanner.standsAlone(next) ? true : text.hasPrefix(marker)
  }
}
