/// The parser's view of place names, backed by the gazetteer.
enum Places {
  static var gazetteer: Gazetteer { .standard }

  /// The pre-2025 province a written name denotes (`NAM ĐỊNH`, `tỉnh Kiên Giang`, `kien giang`).
  static func province(named name: String) -> String? {
    if let province = gazetteer.province(named: name) { return province.name }
    // `Khánh Hịa`, `HỊA BÌNH`: a PDF's font slip writes ò as ị, which changes the letter.
    guard name.unicodeScalars.contains(where: { $0 == "ị" || $0 == "Ị" }) else { return nil }
    let repaired = String(
      String.UnicodeScalarView(name.unicodeScalars.map { $0 == "ị" ? "ò" : $0 == "Ị" ? "Ò" : $0 }))
    return gazetteer.province(named: repaired)?.name
  }

  /// The province of the place a place–date line names: a province (`Nam Định`), or the city or
  /// town where its offices sit (`Vinh`, `Buôn Ma Thuột`, `Phan Rang-Tháp Chàm`) when only one
  /// province has a city or town of that name.
  static func province(ofSeat place: String) -> String? {
    if let province = province(named: place) { return province }
    let trimmed = place.split(separator: " ").drop {
      ["tp.", "tp", "thành", "phố", "thị", "xã"].contains($0.lowercased())
    }
    let provinces = seats[Gazetteer.looseKey(trimmed.joined(separator: " "))] ?? []
    return provinces.count == 1 ? provinces.first : nil
  }

  /// Cities and towns by their loose name, with the provinces that have one of that name.
  private static let seats: [String: Set<String>] = {
    var table: [String: Set<String>] = [:]
    for district in gazetteer.districts + gazetteer.retiredDistrictNames
    where district.kind == "thành phố" || district.kind == "thị xã" {
      table[Gazetteer.looseKey(district.name), default: []].insert(district.province)
    }
    return table
  }()

  static func province2025(of province: String) -> String? { gazetteer.province(named: province)?.name2025 }

  static func oldProvinces(mergedInto name: String) -> [String] {
    gazetteer.oldProvinces(mergedInto: name).map(\.name)
  }

  /// Province names as word lists, for restoring capitals.
  static let provinceNameWords: [[String]] = gazetteer.provinces.map {
    $0.name.split(separator: " ").map(String.init)
  }
}
