import Foundation

/// Folds Vietnamese text for comparison: marks removed, `đ`/`Đ` → `d`, lower case.
///
/// `Hoà Bình`, `Hòa Bình` and `hoa binh` fold alike. The table is built once from
/// Foundation's decompositions; folding itself is a table look-up per scalar.
public enum VietnameseFolding {
  /// Scalar value → folded ASCII byte, for every Latin letter with marks; 0 when not a letter.
  private static let table: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 0x2000)
    for value in 0..<0x2000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if value < 0x80 {
        let byte = UInt8(value)
        table[value] = (byte >= 65 && byte <= 90) ? byte + 32 : byte
        continue
      }
      if value == 0x0110 || value == 0x0111 {
        table[value] = UInt8(ascii: "d")
        continue
      }
      let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
      if let base = decomposed.first, base.isASCII, base.properties.isAlphabetic {
        let byte = UInt8(base.value)
        table[value] = (byte >= 65 && byte <= 90) ? byte + 32 : byte
      }
    }
    return table
  }()

  /// For scalars below U+2000: the folded ASCII byte, 32 for a no-break space, else 0.
  static let asciiTable: [UInt8] = {
    var result = table
    result[0xA0] = 32
    return result
  }()

  /// True for combining marks (U+0300–U+036F), which folding drops.
  @inline(__always)
  public static func isCombiningMark(_ value: UInt32) -> Bool { value >= 0x300 && value <= 0x36F }

  /// The folded form of one scalar: an ASCII scalar, nil when it is dropped (a combining mark),
  /// or the scalar lower-cased when it has no fold.
  @inline(__always)
  public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    let value = scalar.value
    if isCombiningMark(value) { return nil }
    if value < 0x2000 {
      let byte = table[Int(value)]
      if byte != 0 { return Unicode.Scalar(byte) }
    }
    return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
  }

  /// The folded form of a string.
  public static func fold(_ text: some StringProtocol) -> String {
    // Each scalar, of one byte at least, folds to one scalar of four bytes at most.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(4 * text.utf8.count, 1)) { bytes in
      var written = 0
      for scalar in text.unicodeScalars {
        let value = scalar.value
        if value < 0x80 {
          let byte = UInt8(value)
          bytes[written] = byte >= 65 && byte <= 90 ? byte + 32 : byte
          written += 1
          continue
        }
        if value < 0x2000, !isCombiningMark(value), table[Int(value)] != 0 {
          bytes[written] = table[Int(value)]
          written += 1
          continue
        }
        guard let folded = fold(scalar) else { continue }
        for byte in folded.utf8 {
          bytes[written] = byte
          written += 1
        }
      }
      // ASCII bytes and whole scalars: well-formed.
      return String(wellFormedUTF8: UnsafeBufferPointer(rebasing: bytes[0..<written]))
    }
  }
}

extension StringProtocol {
  /// `Kết luận` → `ket luan`; see `VietnameseFolding`.
  public var folded: String { VietnameseFolding.fold(self) }
}
