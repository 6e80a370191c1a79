/// The 63 provinces and centrally-run cities before the 1 July 2025 merger, with the province
/// each belongs to after it. Used by the corpus generator and by the `province:` filter's
/// reading of unquoted names; the gazetteer is the reference for everything else.
enum GeneratorProvinces {
  struct Entry: Sendable {
    var name: String
    var isCity: Bool
    var after2025: String
  }

  static let all: [Entry] = [
    Entry(name: "An Giang", isCity: false, after2025: "An Giang"),
    Entry(name: "Bà Rịa - Vũng Tàu", isCity: false, after2025: "Hồ Chí Minh"),
    Entry(name: "Bạc Liêu", isCity: false, after2025: "Cà Mau"),
    Entry(name: "Bắc Giang", isCity: false, after2025: "Bắc Ninh"),
    Entry(name: "Bắc Kạn", isCity: false, after2025: "Thái Nguyên"),
    Entry(name: "Bắc Ninh", isCity: false, after2025: "Bắc Ninh"),
    Entry(name: "Bến Tre", isCity: false, after2025: "Vĩnh Long"),
    Entry(name: "Bình Dương", isCity: false, after2025: "Hồ Chí Minh"),
    Entry(name: "Bình Định", isCity: false, after2025: "Gia Lai"),
    Entry(name: "Bình Phước", isCity: false, after2025: "Đồng Nai"),
    Entry(name: "Bình Thuận", isCity: false, after2025: "Lâm Đồng"),
    Entry(name: "Cà Mau", isCity: false, after2025: "Cà Mau"),
    Entry(name: "Cao Bằng", isCity: false, after2025: "Cao Bằng"),
    Entry(name: "Cần Thơ", isCity: true, after2025: "Cần Thơ"),
    Entry(name: "Đà Nẵng", isCity: true, after2025: "Đà Nẵng"),
    Entry(name: "Đắk Lắk", isCity: false, after2025: "Đắk Lắk"),
    Entry(name: "Đắk Nông", isCity: false, after2025: "Lâm Đồng"),
    Entry(name: "Điện Biên", isCity: false, after2025: "Điện Biên"),
    Entry(name: "Đồng Nai", isCity: false, after2025: "Đồng Nai"),
    Entry(name: "Đồng Tháp", isCity: false, after2025: "Đồng Tháp"),
    Entry(name: "Gia Lai", isCity: false, after2025: "Gia Lai"),
    Entry(name: "Hà Giang", isCity: false, after2025: "Tuyên Quang"),
    Entry(name: "Hà Nam", isCity: false, after2025: "Ninh Bình"),
    Entry(name: "Hà Nội", isCity: true, after2025: "Hà Nội"),
    Entry(name: "Hà Tĩnh", isCity: false, after2025: "Hà Tĩnh"),
    Entry(name: "Hải Dương", isCity: false, after2025: "Hải Phòng"),
    Entry(name: "Hải Phòng", isCity: true, after2025: "Hải Phòng"),
    Entry(name: "Hậu Giang", isCity: false, after2025: "Cần Thơ"),
    Entry(name: "Hòa Bình", isCity: false, after2025: "Phú Thọ"),
    Entry(name: "Hưng Yên", isCity: false, after2025: "Hưng Yên"),
    Entry(name: "Khánh Hòa", isCity: false, after2025: "Khánh Hòa"),
    Entry(name: "Kiên Giang", isCity: false, after2025: "An Giang"),
    Entry(name: "Kon Tum", isCity: false, after2025: "Quảng Ngãi"),
    Entry(name: "Lai Châu", isCity: false, after2025: "Lai Châu"),
    Entry(name: "Lạng Sơn", isCity: false, after2025: "Lạng Sơn"),
    Entry(name: "Lào Cai", isCity: false, after2025: "Lào Cai"),
    Entry(name: "Lâm Đồng", isCity: false, after2025: "Lâm Đồng"),
    Entry(name: "Long An", isCity: false, after2025: "Tây Ninh"),
    Entry(name: "Nam Định", isCity: false, after2025: "Ninh Bình"),
    Entry(name: "Nghệ An", isCity: false, after2025: "Nghệ An"),
    Entry(name: "Ninh Bình", isCity: false, after2025: "Ninh Bình"),
    Entry(name: "Ninh Thuận", isCity: false, after2025: "Khánh Hòa"),
    Entry(name: "Phú Thọ", isCity: false, after2025: "Phú Thọ"),
    Entry(name: "Phú Yên", isCity: false, after2025: "Đắk Lắk"),
    Entry(name: "Quảng Bình", isCity: false, after2025: "Quảng Trị"),
    Entry(name: "Quảng Nam", isCity: false, after2025: "Đà Nẵng"),
    Entry(name: "Quảng Ngãi", isCity: false, after2025: "Quảng Ngãi"),
    Entry(name: "Quảng Ninh", isCity: false, after2025: "Quảng Ninh"),
    Entry(name: "Quảng Trị", isCity: false, after2025: "Quảng Trị"),
    Entry(name: "Sóc Trăng", isCity: false, after2025: "Cần Thơ"),
    Entry(name: "Sơn La", isCity: false, after2025: "Sơn La"),
    Entry(name: "Tây Ninh", isCity: false, after2025: "Tây Ninh"),
    Entry(name: "Thái Bình", isCity: false, after2025: "Hưng Yên"),
    Entry(name: "Thái Nguyên", isCity: false, after2025: "Thái Nguyên"),
    Entry(name: "Thanh Hóa", isCity: false, after2025: "Thanh Hóa"),
    Entry(name: "Thừa Thiên Huế", isCity: false, after2025: "Huế"),
    Entry(name: "Tiền Giang", isCity: false, after2025: "Đồng Tháp"),
    Entry(name: "Hồ Chí Minh", isCity: true, after2025: "Hồ Chí Minh"),
    Entry(name: "Trà Vinh", isCity: false, after2025: "Vĩnh Long"),
    Entry(name: "Tuyên Quang", isCity: false, after2025: "Tuyên Quang"),
    Entry(name: "Vĩnh Long", isCity: false, after2025: "Vĩnh Long"),
    Entry(name: "Vĩnh Phúc", isCity: false, after2025: "Phú Thọ"),
    Entry(name: "Yên Bái", isCity: false, after2025: "Lào Cai"),
  ]

  /// Field keys (see `SearchQuery.fieldKey`) of every name before and after the merger.
  static let keys: [String] = Array(
    Set(all.flatMap { [$0.name, $0.after2025] }.map { SearchQuery.fieldKey($0) }))
}
