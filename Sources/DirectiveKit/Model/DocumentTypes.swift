/// The kinds of documents, their codes in numbers, and what a number's issuer code says.
public enum DocumentTypes {
  /// Full names with the code they carry in numbers (nil when they have none), longest first so
  /// that `Công điện` is found before `Điện`.
  static let names: [(name: String, code: String?)] = [
    ("Chương trình hành động", nil), ("Chương trình", "CTr"), ("Lời kêu gọi", nil),
    ("Nghị quyết liên tịch", "NQLT"), ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"),
    ("Nghị định", "NĐ"), ("Công điện", "CĐ"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"),
    ("Kết luận", "KL"), ("Công văn", "CV"), ("Kế hoạch", "KH"), ("Quy định", "QĐi"),
    ("Thông tư liên tịch", "TTLT"), ("Thông tư", "TT"), ("Pháp lệnh", nil), ("Tờ trình", "TTr"),
    ("Chỉ thị", "CT"), ("Báo cáo", "BC"), ("Quy chế", "QC"), ("Bộ luật", nil), ("Hiến pháp", nil),
    ("Điều lệ", nil), ("Luật", nil), ("Điện", nil),
  ]

  static let phrases: [(phrase: Phrase, name: String)] = names.map { (Phrase($0.name), $0.name) }

  private static let nameByCode: [String: String] = {
    var table: [String: String] = [:]
    for (name, code) in names {
      if let code { table[code.folded] = name }
    }
    table["qyđ".folded] = "Quy định"
    table["qd"] = "Quyết định"
    return table
  }()

  /// `KL` → `Kết luận`; case-insensitive except that `QĐi` (Quy định) differs from `QĐ`.
  public static func name(forCode code: String) -> String? {
    var code = code
    if let known = code.withUTF8({ name(forCodeBytes: $0) }) { return known }
    return nameByFoldingCode(code)
  }

  /// `name(forCode:)` by folding the code's string: the definition, and the way for codes of
  /// other letters than ASCII and `Đ`.
  static func nameByFoldingCode(_ code: String) -> String? {
    if code == "QĐi" || code == "QĐI" { return "Quy định" }
    return nameByCode[code.folded]
  }

  /// The index in `phrases` of `name(forCode: code)`.
  static func phraseIndex(forCode code: String) -> Int? {
    var code = code
    if let key = code.withUTF8(foldedCodeKey) { return phraseIndexByPackedCode[key] }
    guard let name = nameByFoldingCode(code) else { return nil }
    return phrases.firstIndex { $0.name == name }
  }

  private static let phraseIndexByPackedCode: [UInt64: Int] = nameByPackedCode.mapValues { name in
    guard let index = phrases.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("\(name) is no document type")
    }
    return index
  }

  /// Whether two codes fold alike (`QĐ` and `Qđ`, `KL` and `kl`).
  static func sameFoldedCode(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    if let x = a.withUTF8(foldedCodeKey), let y = b.withUTF8(foldedCodeKey) { return x == y }
    return a.folded == b.folded
  }

  /// The codes of `nameByCode` packed as `ShortWordSet` packs a folded word.
  private static let nameByPackedCode: [UInt64: String] = {
    var table: [UInt64: String] = [:]
    for (code, name) in nameByCode where code.utf8.count <= 8 { table[ShortWordSet.pack(code.utf8)] = name }
    return table
  }()

  /// `name(forCode:)` of a code's UTF-8 bytes, read in place when they are ASCII and `Đ`/`đ`
  /// (as nearly every code is); `.some(nil)` for no type, nil when the string must decide.
  @inline(__always)
  static func name(forCodeBytes code: UnsafeBufferPointer<UInt8>) -> String?? {
    guard let key = foldedCodeKey(code) else { return nil }
    // `QĐi`/`QĐI`, which fold as `qdi` does: Quy định either way.
    return .some(nameByPackedCode[key])
  }

  /// The folded code packed in eight bytes: ASCII lower-cased, `Đ`/`đ` as `d`; nil for another
  /// scalar, a zero byte or more than eight folded bytes.
  @inline(__always)
  static func foldedCodeKey(_ code: UnsafeBufferPointer<UInt8>) -> UInt64? {
    var key: UInt64 = 0
    var shift: UInt64 = 0
    var index = 0
    while index < code.count {
      var byte = code[index]
      if byte >= 0x80 {
        guard byte == 0xC4, index + 1 < code.count, code[index + 1] == 0x90 || code[index + 1] == 0x91
        else { return nil }
        byte = UInt8(ascii: "d")
        index += 1
      } else if byte >= 65 && byte <= 90 {
        byte += 32
      }
      // A zero byte would pack as the end of a shorter code.
      guard shift < 64, byte != 0 else { return nil }
      key |= UInt64(byte) << shift
      shift += 8
      index += 1
    }
    return key
  }

  /// Codes of national issuers: a number carrying one names a document of the whole country.
  static let nationalIssuerCodes: Set<String> = [
    "tw", "vptw", "bct", "bbt", "ttg", "cp", "vpcp", "qh", "ubtvqh", "ubtvqh14", "ubtvqh15",
    "bcdqg", "byt", "btc", "bca", "bqp", "bnv", "bgddt", "btttt", "bldtbxh", "bkhdt", "bnnptnt",
    "btp", "bxd", "bgtvt", "btnmt", "bvhttdl", "bkhcn", "bng", "nhnn", "ttcp", "ktnn",
    "btgtw", "btctw", "bdvtw", "ubkttw", "bnctw", "dukcqtw", "dukdntw", "twdtn", "vphdbcqg", "hdbcqg",
    "ubtwmttqvn", "mttw", "ttcp", "hdtdkt",
  ]

  static let issuerByCode: [String: String] = [
    "tw": "Trung ương Đảng", "vptw": "Văn phòng Trung ương Đảng", "ttg": "Thủ tướng Chính phủ",
    "cp": "Chính phủ", "vpcp": "Văn phòng Chính phủ", "byt": "Bộ Y tế", "qh": "Quốc hội",
    "bcdqg": "Ban Chỉ đạo Quốc gia", "btc": "Bộ Tài chính", "bca": "Bộ Công an",
    "bqp": "Bộ Quốc phòng", "bnv": "Bộ Nội vụ", "bgddt": "Bộ Giáo dục và Đào tạo",
    "twdtn": "Trung ương Đoàn TNCS Hồ Chí Minh", "bldtbxh": "Bộ Lao động - Thương binh và Xã hội",
  ]

  /// What a number's codes say: `215-CV/TU` → type `CV`, issuer `TU`; `16/CT-TTg` → `CT`, `TTg`;
  /// `472/UBND-VP6` → no type, issuer `UBND`; `30/2020/NĐ-CP` → `NĐ`, `CP`, year 2020.
  public struct NumberParts: Sendable, Equatable {
    public var typeCode: String?
    public var issuerCode: String?
    public var year: Int?
  }

  public static func parts(ofNumber number: String) -> NumberParts {
    var number = number
    if let parts = number.withUTF8({ parts(ofNumberBytes: $0) }) { return parts }
    return partsByCharacters(ofNumber: number)
  }

  /// `parts(ofNumber:)` on the number's UTF-8 bytes when they are ASCII and `Đ`/`đ`, where each
  /// scalar is a `Character` and the codes are looked up without folding a string; nil otherwise.
  static func parts(ofNumberBytes number: UnsafeBufferPointer<UInt8>) -> NumberParts? {
    let slash = UInt8(ascii: "/")
    let dash = UInt8(ascii: "-")
    guard isASCIIOrDBar(number) else { return nil }
    func text(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: number[range]), as: UTF8.self)
    }
    /// The first piece between `separator`s of `range` that is not empty (`split`'s first).
    func firstPiece(of range: Range<Int>, separatedBy separator: UInt8) -> Range<Int>? {
      var start = range.lowerBound
      while start < range.upperBound, number[start] == separator { start += 1 }
      guard start < range.upperBound else { return nil }
      var end = start
      while end < range.upperBound, number[end] != separator { end += 1 }
      return start..<end
    }
    var parts = NumberParts()
    guard let firstSlash = number.firstIndex(of: slash) else {
      if let firstDash = number.firstIndex(of: dash) { parts.typeCode = text(firstDash + 1..<number.count) }
      return parts
    }
    if let headDash = number[..<firstSlash].firstIndex(of: dash) {
      parts.typeCode = text(headDash + 1..<firstSlash)
      parts.issuerCode = firstPiece(of: firstSlash + 1..<number.count, separatedBy: dash).map(text)
      return parts
    }
    // The segments after the first slash, empty ones left out: the first may be a year.
    var tailStart = firstSlash + 1
    if let first = firstPiece(of: tailStart..<number.count, separatedBy: slash), first.count == 4,
      number[first].allSatisfy({ $0 >= 48 && $0 <= 57 })
    {
      let year = number[first].reduce(0) { $0 * 10 + Int($1 - 48) }
      if (1945...2100).contains(year) {
        parts.year = year
        tailStart = first.upperBound
      }
    }
    // The last segment not empty, or none.
    var lastEnd = number.count
    while lastEnd > tailStart, number[lastEnd - 1] == slash { lastEnd -= 1 }
    var lastStart = lastEnd
    while lastStart > tailStart, number[lastStart - 1] != slash { lastStart -= 1 }
    let last = lastStart..<lastEnd
    let firstOfLast = firstPiece(of: last, separatedBy: dash)
    if let firstOfLast,
      case .some(.some) = name(forCodeBytes: UnsafeBufferPointer(rebasing: number[firstOfLast]))
    {
      parts.typeCode = text(firstOfLast)
      parts.issuerCode = firstPiece(of: firstOfLast.upperBound..<last.upperBound, separatedBy: dash).map(text)
      return parts
    }
    let onePiece =
      firstOfLast.map { firstPiece(of: $0.upperBound..<last.upperBound, separatedBy: dash) == nil } ?? false
    if onePiece {
      // `05/2019/QĐUBND`: the dash between the type and the issuer was lost.
      let characters = last.count - number[last].filter { $0 == 0xC4 }.count
      for issuer in lostDashIssuers where characters > issuer.characters && last.count >= issuer.bytes.count {
        let codeEnd = last.upperBound - issuer.bytes.count
        guard number[codeEnd..<last.upperBound].elementsEqual(issuer.bytes) else { continue }
        guard
          case .some(.some) = name(
            forCodeBytes: UnsafeBufferPointer(rebasing: number[last.lowerBound..<codeEnd]))
        else { break }
        parts.typeCode = text(last.lowerBound..<codeEnd)
        parts.issuerCode = text(codeEnd..<last.upperBound)
        return parts
      }
    }
    parts.issuerCode = firstOfLast.map(text)
    return parts
  }

  /// The issuers whose dash to the type code is lost most often, in the order they are tried.
  private static let lostDashIssuers: [(bytes: [UInt8], characters: Int)] = ["UBND", "HĐND"].map {
    (Array($0.utf8), $0.count)
  }

  /// `parts(ofNumber:)` read on the number's `Character`s: the definition, and the way for numbers
  /// of other letters than ASCII and `Đ`.
  static func partsByCharacters(ofNumber number: String) -> NumberParts {
    var parts = NumberParts()
    guard let firstSlash = number.firstIndex(of: "/") else {
      if let dash = number.firstIndex(of: "-") {
        parts.typeCode = String(number[number.index(after: dash)...])
      }
      return parts
    }
    let head = number[..<firstSlash]
    let tail = number[number.index(after: firstSlash)...]
    if let dash = head.firstIndex(of: "-") {
      parts.typeCode = String(head[head.index(after: dash)...])
      parts.issuerCode = tail.split(separator: "-").first.map(String.init)
      return parts
    }
    var segments = tail.split(separator: "/").map(String.init)
    if let first = segments.first, first.count == 4, let year = Int(first), (1945...2100).contains(year) {
      parts.year = year
      segments.removeFirst()
    }
    let last = segments.last ?? ""
    let pieces = last.split(separator: "-").map(String.init)
    if let first = pieces.first, name(forCode: first) != nil {
      parts.typeCode = first
      parts.issuerCode = pieces.count > 1 ? pieces[1] : nil
    } else if pieces.count == 1,
      let issuer = ["UBND", "HĐND"].first(where: { last.count > $0.count && last.hasSuffix($0) }),
      name(forCode: String(last.dropLast(issuer.count))) != nil
    {
      // `05/2019/QĐUBND`: the dash between the type and the issuer was lost.
      parts.typeCode = String(last.dropLast(issuer.count))
      parts.issuerCode = issuer
    } else {
      parts.issuerCode = pieces.first
    }
    return parts
  }

  /// The type a number names; a State number without a type code (`472/UBND-VP6`) is a công văn.
  public static func typeName(ofNumber number: String) -> String? {
    let parts = parts(ofNumber: number)
    if let code = parts.typeCode { return name(forCode: code) }
    if containsSlash(number), parts.issuerCode != nil { return "Công văn" }
    return nil
  }

  /// Foundation's `contains("/")`; on the UTF-8 bytes when every scalar is a `Character` of its own.
  static func containsSlash(_ number: String) -> Bool {
    guard number.unicodeScalars.allSatisfy(TextScanner.standsAlone) else { return number.contains("/") }
    return number.utf8.contains(UInt8(ascii: "/"))
  }

  public static func isNational(issuerCode: String?) -> Bool {
    guard var code = issuerCode else { return false }
    if let key = code.withUTF8(foldedCodeKey) { return nationalPackedCodes.contains(key) }
    return nationalIssuerCodes.contains(code.folded)
  }

  /// The codes of `nationalIssuerCodes` of eight bytes or fewer, packed (the others are longer
  /// than any code `foldedCodeKey` packs).
  private static let nationalPackedCodes = Set(
    nationalIssuerCodes.filter { $0.utf8.count <= 8 }.map { ShortWordSet.pack($0.utf8) })

  /// `normalizedNumber(number).folded`, the key under which mentions of one number are merged:
  /// made from the bytes when they are ASCII and `Đ`/`đ`.
  static func foldedNumberKey(_ number: String) -> String {
    var number = number
    let key = number.withUTF8 { bytes -> String? in
      guard isASCIIOrDBar(bytes) else { return nil }
      var start = 0
      while start + 1 < bytes.count, bytes[start] == UInt8(ascii: "0"), bytes[start + 1] >= 48,
        bytes[start + 1] <= 57
      {
        start += 1
      }
      return String(unsafeUninitializedCapacity: bytes.count - start) { output in
        var written = 0
        var index = start
        while index < bytes.count {
          var byte = bytes[index]
          if byte == 0xC4 {
            byte = UInt8(ascii: "d")
            index += 1
          } else if byte >= 65 && byte <= 90 {
            byte += 32
          }
          output[written] = byte
          written += 1
          index += 1
        }
        return written
      }
    }
    return key ?? normalizedNumber(number).folded
  }

  /// Whether `bytes` are ASCII and `Đ`/`đ` only: then each scalar is a `Character` of its own.
  @inline(__always)
  static func isASCIIOrDBar(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte >= 0x80 {
        guard byte == 0xC4, index + 1 < bytes.count, bytes[index + 1] == 0x90 || bytes[index + 1] == 0x91
        else { return false }
        index += 1
      }
      index += 1
    }
    return true
  }

  /// `07-KL/TW` → `7-KL/TW`: leading zeros of the serial number do not make another document.
  public static func normalizedNumber(_ number: String) -> String {
    var scalars = Substring(number)
    while scalars.count > 1, scalars.first == "0", let next = scalars.dropFirst().first, next.isNumber {
      scalars = scalars.dropFirst()
    }
    return String(scalars)
  }
}
