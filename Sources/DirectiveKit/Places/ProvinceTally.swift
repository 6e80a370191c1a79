/// How many documents each province has, old and new: what `vanban provinces` lists.
public struct ProvinceTally: Sendable, Hashable {
  public struct Old: Sendable, Hashable {
    /// `Nam Định`; for a name the gazetteer does not know, as the document gives it.
    public let name: String
    /// The statistics office's code; nil for a name the gazetteer does not know.
    public let code: String?
    public let name2025: String?
    public let documents: Int
  }

  public struct New: Sendable, Hashable {
    public let name: String
    public let documents: Int
    /// The provinces before 2025 whose documents count here, in gazetteer order.
    public let oldProvinces: [String]
  }

  /// Provinces before 2025 that have documents, in the gazetteer's order (by code), unknown names last.
  public let provinces: [Old]
  /// Provinces since 2025 that have documents, in the gazetteer's order.
  public let provinces2025: [New]
  /// Documents whose province is unknown (central documents among them).
  public let withoutProvince: Int

  public init(documents: [Document], gazetteer: Gazetteer = .standard) {
    var countByCode: [String: Int] = [:]
    var unknownNames: [String: (name2025: String?, count: Int)] = [:]
    var withoutProvince = 0
    for document in documents {
      guard let name = document.province else {
        withoutProvince += 1
        continue
      }
      if let province = gazetteer.province(named: name) {
        countByCode[province.code, default: 0] += 1
      } else {
        unknownNames[name, default: (document.province2025, 0)].count += 1
      }
    }
    var old: [Old] = []
    var newCount: [String: Int] = [:]
    var newMembers: [String: [String]] = [:]
    for province in gazetteer.provinces {
      guard let count = countByCode[province.code] else { continue }
      old.append(Old(name: province.name, code: province.code, name2025: province.name2025, documents: count))
      newCount[province.name2025, default: 0] += count
      newMembers[province.name2025, default: []].append(province.name)
    }
    for name in unknownNames.keys.sorted() {
      let entry = unknownNames[name]!
      old.append(Old(name: name, code: nil, name2025: entry.name2025, documents: entry.count))
      if let name2025 = entry.name2025.flatMap(gazetteer.province2025(named:)) {
        newCount[name2025, default: 0] += entry.count
        newMembers[name2025, default: []].append(name)
      }
    }
    self.provinces = old
    self.provinces2025 = gazetteer.provinces2025.compactMap { name in
      newCount[name].map { New(name: name, documents: $0, oldProvinces: newMembers[name] ?? []) }
    }
    self.withoutProvince = withoutProvince
  }
}
