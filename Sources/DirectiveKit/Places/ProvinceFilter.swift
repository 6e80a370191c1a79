/// What `--province` (names before the 2025 merger) and `--province-2025` (names since) select.
public struct ProvinceFilter: Sendable {
  public enum Failure: Error, Hashable, CustomStringConvertible {
    case unknownProvince(String)
    /// The name is not one of the 34; `oldPartOf` is the 2025 province when it names an old one.
    case unknownProvince2025(String, oldPartOf: String?)

    public var description: String {
      switch self {
      case .unknownProvince(let name):
        return "no province named “\(name)” before 2025 (--province takes one of the 63)"
      case .unknownProvince2025(let name, let partOf?):
        return "“\(name)” is not a province since 2025: it is part of \(partOf); "
          + "use --province \"\(name)\" or --province-2025 \"\(partOf)\""
      case .unknownProvince2025(let name, nil):
        return "no province named “\(name)” since 2025 (--province-2025 takes one of the 34)"
      }
    }
  }

  /// The codes of the provinces of 2020–2025 selected.
  public let codes: Set<String>
  private let gazetteer: Gazetteer

  /// Both nil selects everything; both given selects what both select.
  public init(province: String?, province2025: String?, gazetteer: Gazetteer = .standard) throws {
    var codes = Set(gazetteer.provinces.map(\.code))
    if let province {
      guard let found = gazetteer.province(named: province) else { throw Failure.unknownProvince(province) }
      codes.formIntersection([found.code])
    }
    if let province2025 {
      guard gazetteer.province2025(named: province2025) != nil else {
        throw Failure.unknownProvince2025(
          province2025, oldPartOf: gazetteer.province(named: province2025)?.name2025)
      }
      codes.formIntersection(gazetteer.oldProvinces(mergedInto: province2025).map(\.code))
    }
    self.codes = codes
    self.gazetteer = gazetteer
  }

  /// True when a province named so (before 2025) is among those selected.
  public func matches(province name: String) -> Bool {
    guard let code = gazetteer.province(named: name)?.code else { return false }
    return codes.contains(code)
  }

  /// True when the document's province (before 2025) is among those selected.
  public func matches(_ document: Document) -> Bool {
    guard let name = document.province, let code = gazetteer.province(named: name)?.code else {
      return false
    }
    return codes.contains(code)
  }
}

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
