/// The parser's view of place names, backed by the gazetteer.
enum Places {
  static var gazetteer: Gazetteer { .standard }

  /// The pre-2025 province a written name denotes (`NAM ĐỊNH`, `tỉnh Kiên Giang`, `kien giang`).
  static func province(named name: String) -> String? { gazetteer.province(named: name)?.name }

  /// The province of the place a place–date line names: a province (`Nam Định`), or the city or
  /// town where its offices sit (`Vinh`, `Buôn Ma Thuột`, `Phan Rang-Tháp Chàm`) when only one
  /// province has a city or town of that name.
  static func province(ofSeat place: String) -> String? {
    if let province = province(named: place) { return province }
    let trimmed = place.split(separator: " ").drop {
      ["tp.", "tp", "thành", "phố", "thị", "xã"].contains($0.lowercased())
    }
    let towns = gazetteer.districts(named: trimmed.joined(separator: " ")).filter {
      $0.kind == "thành phố" || $0.kind == "thị xã"
    }
    let provinces = Set(towns.map(\.province))
    return provinces.count == 1 ? provinces.first : nil
  }

  static func province2025(of province: String) -> String? { gazetteer.province(named: province)?.name2025 }

  static func oldProvinces(mergedInto name: String) -> [String] {
    gazetteer.oldProvinces(mergedInto: name).map(\.name)
  }

  /// Province names as word lists, for restoring capitals.
  static let provinceNameWords: [[String]] = gazetteer.provinces.map {
    $0.name.split(separator: " ").map(String.init)
  }
}
