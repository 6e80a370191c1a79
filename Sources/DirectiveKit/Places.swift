/// The parser's view of place names, backed by the gazetteer.
enum Places {
  static var gazetteer: Gazetteer { .standard }

  /// The pre-2025 province a written name denotes (`NAM ĐỊNH`, `tỉnh Kiên Giang`, `kien giang`).
  static func province(named name: String) -> String? { gazetteer.province(named: name)?.name }

  static func province2025(of province: String) -> String? { gazetteer.province(named: province)?.name2025 }

  static func oldProvinces(mergedInto name: String) -> [String] {
    gazetteer.oldProvinces(mergedInto: name).map(\.name)
  }

  /// Province names as word lists, for restoring capitals.
  static let provinceNameWords: [[String]] = gazetteer.provinces.map {
    $0.name.split(separator: " ").map(String.init)
  }
}
