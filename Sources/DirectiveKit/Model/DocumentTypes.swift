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
    if code == "QĐi" || code == "QĐI" { return "Quy định" }
    return nameByCode[code.folded]
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
    guard let code = issuerCode?.folded else { return false }
    return nationalIssuerCodes.contains(code)
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
