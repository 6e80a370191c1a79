/// The letter properties the parser asks of every scalar, from a table below U+2000 (where
/// Vietnamese text lives) instead of the standard library's property look-up; the same answers.
enum ScalarProperties {
  private static let alphabeticBit: UInt8 = 1
  private static let uppercaseBit: UInt8 = 2
  private static let lowercaseBit: UInt8 = 4
  private static let whitespaceBit: UInt8 = 8
  private static let tableSize = 0x2000

  private static let table: [UInt8] = (0..<tableSize).map { value in
    guard let scalar = Unicode.Scalar(value) else { return 0 }
    let properties = scalar.properties
    return (properties.isAlphabetic ? alphabeticBit : 0) | (properties.isUppercase ? uppercaseBit : 0)
      | (properties.isLowercase ? lowercaseBit : 0) | (properties.isWhitespace ? whitespaceBit : 0)
  }

  @inline(__always)
  static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < tableSize ? table[Int(scalar.value)] & alphabeticBit != 0 : scalar.properties.isAlphabetic
  }

  @inline(__always)
  static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < tableSize ? table[Int(scalar.value)] & uppercaseBit != 0 : scalar.properties.isUppercase
  }

  @inline(__always)
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < tableSize ? table[Int(scalar.value)] & whitespaceBit != 0 : scalar.properties.isWhitespace
  }

  @inline(__always)
  static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < tableSize ? table[Int(scalar.value)] & lowercaseBit != 0 : scalar.properties.isLowercase
  }
}
