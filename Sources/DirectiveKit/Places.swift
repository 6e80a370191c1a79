/// The parser's view of place names. Backed by a short table until the gazetteer lands.
enum Places {
  private static let mergers: [String: [String]] = [
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"], "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"], "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"], "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"], "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"], "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"], "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"], "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"], "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"], "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"], "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"], "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"], "Hà Nội": ["Hà Nội"], "Huế": ["Thừa Thiên Huế"],
    "Lai Châu": ["Lai Châu"], "Điện Biên": ["Điện Biên"], "Sơn La": ["Sơn La"], "Lạng Sơn": ["Lạng Sơn"],
    "Quảng Ninh": ["Quảng Ninh"], "Thanh Hóa": ["Thanh Hóa"], "Nghệ An": ["Nghệ An"],
    "Hà Tĩnh": ["Hà Tĩnh"], "Cao Bằng": ["Cao Bằng"],
  ]

  private static let newByOldFolded: [String: (String, String)] = {
    var table: [String: (String, String)] = [:]
    for (new, olds) in mergers {
      for old in olds { table[key(old)] = (old, new) }
    }
    table[key("Thừa Thiên - Huế")] = ("Thừa Thiên Huế", "Huế")
    table[key("Huế")] = ("Thừa Thiên Huế", "Huế")
    table[key("Hồ Chí Minh")] = ("Hồ Chí Minh", "Hồ Chí Minh")
    table[key("Bà Rịa Vũng Tàu")] = ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh")
    return table
  }()

  private static let districts: [(name: String, kind: String, province: String)] = [
    ("Trực Ninh", "huyện", "Nam Định"), ("Nam Định", "thành phố", "Nam Định"),
    ("Phú Quốc", "thành phố", "Kiên Giang"), ("Hoa Lư", "thành phố", "Ninh Bình"),
  ]

  /// Province names as word lists, for restoring capitals.
  static let provinceNameWords: [[String]] = Set(newByOldFolded.values.map(\.0)).sorted()
    .map { $0.split(separator: " ").map(String.init) }

  static func key(_ name: String) -> String {
    var folded = name.folded
    for prefix in ["thanh pho ", "tinh ", "tp. ", "tp "] where folded.hasPrefix(prefix) {
      folded.removeFirst(prefix.count)
    }
    return folded.filter { $0.isLetter || $0.isNumber }
  }

  /// The pre-2025 province a written name denotes (`NAM ĐỊNH`, `tỉnh Kiên Giang`, `kien giang`).
  static func province(named name: String) -> String? { newByOldFolded[key(name)]?.0 }

  static func province2025(of province: String) -> String? { newByOldFolded[key(province)]?.1 }

  static func oldProvinces(mergedInto name: String) -> [String] {
    let wanted = key(name)
    guard
      let new = mergers.keys.first(where: { key($0) == wanted })
        ?? (wanted == key("Thừa Thiên Huế") ? "Huế" : nil)
    else { return [] }
    return (mergers[new] ?? []).sorted { $0.folded < $1.folded }
  }

  /// Provinces named in running text by districts and cities with their kind word.
  static func mentions(in text: String) -> [(province: String, text: String)] {
    let folded = text.folded
    var found: [(String, String)] = []
    for district in districts {
      let phrase = "\(district.kind) \(district.name)".folded
      if folded.contains(phrase) {
        found.append((district.province, "\(district.kind) \(district.name)"))
      } else if district.kind == "huyện", folded.contains(district.name.folded) {
        found.append((district.province, district.name))
      }
    }
    return found
  }
}
