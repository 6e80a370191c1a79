import DirectiveKit

/// `--province` (pre-2025 names) and `--province-2025` (post-2025 names, selecting every old
/// province merged into one), typed with or without diacritics.
struct ProvinceFilter {
  var provinces: Set<String> = []

  init(old: [String], new: [String]) throws {
    for name in old {
      guard let province = ProvinceNames.province(named: name) else {
        throw UsageFailure(message: "--province \(name): no such province (before the 2025 merger)")
      }
      provinces.insert(province)
    }
    for name in new {
      let merged = ProvinceNames.oldProvinces(mergedInto: name)
      guard !merged.isEmpty else {
        throw UsageFailure(message: "--province-2025 \(name): no such province (since 1 July 2025)")
      }
      provinces.formUnion(merged)
    }
  }

  var isActive: Bool { !provinces.isEmpty }

  func accepts(_ document: Document) -> Bool {
    !isActive || document.province.map(provinces.contains) == true
  }
}
