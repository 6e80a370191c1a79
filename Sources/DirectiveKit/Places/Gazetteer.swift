import Foundation

/// Vietnam's 63 provinces and 705 districts of 2020–2025, the 34 provinces since 1 July 2025, and
/// which new province each old one went into; parsed once from the embedded `Data/gazetteer.tsv`.
public struct Gazetteer: Sendable {
  public static let standard = Gazetteer(tsv: GazetteerData.tsv)

  /// A province of 2020–2025.
  public struct Province: Hashable, Sendable {
    /// The statistics office's code: `36`.
    public let code: String
    /// `Nam Định`, without `Tỉnh` / `Thành phố`.
    public let name: String
    /// `tỉnh` or `thành phố`.
    public let kind: String
    /// The province it belongs to since 1 July 2025: `Ninh Bình`.
    public let name2025: String
  }

  /// A district (huyện, quận, thị xã, thành phố) of 2020–2025, or a name retired around 2020.
  public struct District: Hashable, Sendable {
    /// The statistics office's code; for a retired name, the code of the district that took it over.
    public let code: String
    /// `Trực Ninh`, without its kind.
    public let name: String
    /// `huyện`, `quận`, `thị xã` or `thành phố`.
    public let kind: String
    /// The old province's name: `Nam Định`.
    public let province: String
    public let provinceCode: String
    /// `Ninh Bình`.
    public let province2025: String
    /// What became of a retired name (`merged into thành phố Thủ Đức, 2021-01-01`); nil for current ones.
    public let retired: String?
  }

  /// The 63 provinces of 2020–2025, by code.
  public let provinces: [Province]
  /// The 34 provinces since 1 July 2025, by code.
  public let provinces2025: [String]
  /// The districts of 2020–2025, by code.
  public let districts: [District]
  /// Names retired shortly before or during 2020–2022 (`Quận 2`, `Tĩnh Gia`), pointing at their successor.
  public let retiredDistrictNames: [District]

  private let provinceByCode: [String: Int]
  private let provinceByKey: [String: Int]
  private let province2025ByKey: [String: String]
  private let matcher: PlaceMatcher
  /// Other names of provinces (`TP. HCM`, `Huế`), which the matcher knows too.
  let provinceAliases: [(name: String, province: Province)]

  /// Parses the gazetteer's TSV; lines that do not fit the format are skipped.
  public init(tsv: String) {
    var provinces: [Province] = []
    var provinces2025: [String] = []
    var districtRows: [[String]] = []
    var aliasRows: [[String]] = []
    var provinceAliasRows: [[String]] = []
    for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 6, !fields[1].isEmpty, !fields[2].isEmpty else { continue }
      switch fields[0] {
      case "province2025": provinces2025.append(fields[2])
      case "province":
        provinces.append(Province(code: fields[1], name: fields[2], kind: fields[3], name2025: fields[5]))
      case "district": districtRows.append(fields)
      case "alias": aliasRows.append(fields)
      case "province_alias": provinceAliasRows.append(fields)
      default: continue
      }
    }
    var provinceByCode: [String: Int] = [:]
    var provinceByKey: [String: Int] = [:]
    for (index, province) in provinces.enumerated() {
      provinceByCode[province.code] = index
      provinceByKey[Gazetteer.looseKey(province.name)] = index
    }
    for fields in provinceAliasRows {
      guard let index = provinceByCode[fields[1]] else { continue }
      let key = Gazetteer.looseKey(fields[2])
      if provinceByKey[key] == nil { provinceByKey[key] = index }
    }
    func district(_ fields: [String], retired: Bool) -> District? {
      guard let province = provinceByCode[fields[4]].map({ provinces[$0] }) else { return nil }
      let note = fields.count > 6 ? fields[6] : ""
      return District(
        code: fields[1], name: fields[2], kind: fields[3], province: province.name,
        provinceCode: province.code, province2025: fields[5],
        retired: retired ? (note.isEmpty ? "retired" : note) : nil)
    }
    var province2025ByKey: [String: String] = [:]
    for name in provinces2025 { province2025ByKey[Gazetteer.looseKey(name)] = name }
    for fields in provinceAliasRows where province2025ByKey[Gazetteer.looseKey(fields[2])] == nil {
      if provinces2025.contains(fields[5]) { province2025ByKey[Gazetteer.looseKey(fields[2])] = fields[5] }
    }

    self.provinces = provinces
    self.provinces2025 = provinces2025
    self.districts = districtRows.compactMap { district($0, retired: false) }
    self.retiredDistrictNames = aliasRows.compactMap { district($0, retired: true) }
    self.provinceByCode = provinceByCode
    self.provinceByKey = provinceByKey
    self.province2025ByKey = province2025ByKey
    let provinceAliases = provinceAliasRows.compactMap { fields in
      provinceByCode[fields[1]].map { (name: fields[2], province: provinces[$0]) }
    }
    self.provinceAliases = provinceAliases
    self.matcher = PlaceMatcher(
      provinces: provinces, provinceAliases: provinceAliases,
      districts: districts + retiredDistrictNames)
  }

  public func province(code: String) -> Province? {
    provinceByCode[code].map { provinces[$0] }
  }

  /// A province of 2020–2025 by name, loosely: `Kiên Giang`, `kien giang`, `Tỉnh Kiên Giang`,
  /// `TP. Hồ Chí Minh`, `Hoà Bình` = `Hòa Bình`, `Thừa Thiên - Huế`.
  public func province(named name: String) -> Province? {
    provinceByKey[Gazetteer.looseKey(name)].map { provinces[$0] }
  }

  /// One of the 34 provinces since 1 July 2025 by name, loosely; returns its proper name.
  public func province2025(named name: String) -> String? {
    province2025ByKey[Gazetteer.looseKey(name)]
  }

  /// The provinces of 2020–2025 that were merged into a province of 2025, by code:
  /// `Ninh Bình` gives Hà Nam, Nam Định and Ninh Bình.
  public func oldProvinces(mergedInto name2025: String) -> [Province] {
    guard let name = province2025(named: name2025) else { return [] }
    return provinces.filter { $0.name2025 == name }
  }

  /// The province a province of 2020–2025 belongs to since 1 July 2025.
  public func province2025(ofOldProvince name: String) -> String? {
    province(named: name)?.name2025
  }

  /// Current districts and retired names whose name is `name` (loosely, without the kind word).
  public func districts(named name: String) -> [District] {
    let key = Gazetteer.looseKey(name)
    return (districts + retiredDistrictNames).filter { Gazetteer.looseKey($0.name) == key }
  }

  /// Every place name of the gazetteer in `text`, in order: district names after a kind word
  /// (`huyện Trực Ninh`, `Thành phố Phú Quốc`, `TP. Thủ Đức`, `Huyện ủy Trực Ninh`), province names
  /// after a prefix (`tỉnh Ninh Bình`, `Tỉnh ủy Nam Định`), and bare district names that are unique
  /// in the country and not a province's name.
  public func placeMentions(in text: String) -> [PlaceMention] {
    matcher.mentions(in: text)
  }

  /// The old province that the place names of `text` point to: qualified names weigh more than
  /// bare ones, and several mentions more than one. Nil when the text names no place at all.
  /// When the names point to several provinces, `conflicts` says so; `province` is nil on a tie.
  public func inferProvince(from text: String) -> PlaceInference? {
    inferProvince(from: placeMentions(in: text))
  }

  /// `inferProvince(from:)` of the text a scanner reads.
  func inferProvince(in scanner: TextScanner) -> PlaceInference? {
    inferProvince(from: matcher.mentions(in: scanner))
  }

  public func inferProvince(from mentions: [PlaceMention]) -> PlaceInference? {
    guard !mentions.isEmpty else { return nil }
    var score: [String: Int] = [:]
    var firstSeen: [String: Int] = [:]
    var names: [String: [String]] = [:]
    var evidence: [String: [Evidence]] = [:]
    for (position, mention) in mentions.enumerated() {
      guard let province = mention.province else { continue }
      score[province, default: 0] += mention.qualified ? 3 : 1
      if firstSeen[province] == nil { firstSeen[province] = position }
      if !(names[province] ?? []).contains(mention.text) { names[province, default: []].append(mention.text) }
      if !(evidence[province] ?? []).contains(where: { $0.text == mention.name }) {
        evidence[province, default: []].append(Evidence(kind: .placeName, text: mention.name))
      }
    }
    let ranked = score.keys.sorted {
      score[$0]! != score[$1]! ? score[$0]! > score[$1]! : firstSeen[$0]! < firstSeen[$1]!
    }
    guard let best = ranked.first else {
      let ambiguous = mentions.map { "\($0.text) (\($0.provinces.joined(separator: ", ")))" }
      return PlaceInference(
        province: nil, evidence: [],
        conflicts: [
          "place names fit several provinces: " + Gazetteer.uniqued(ambiguous).joined(separator: "; ")
        ])
    }
    var conflicts: [String] = []
    if ranked.count > 1 {
      let tie = score[ranked[1]] == score[best]
      let listed = ranked.map { "\($0) (\(names[$0]!.joined(separator: ", ")))" }
      conflicts.append(
        "place names point to several provinces: " + listed.joined(separator: "; ")
          + (tie ? "; could not choose" : "; chose \(best)"))
      if tie { return PlaceInference(province: nil, evidence: [], conflicts: conflicts) }
    }
    return PlaceInference(province: best, evidence: evidence[best] ?? [], conflicts: conflicts)
  }

  /// Folded, punctuation dropped, prefixes `tỉnh`, `thành phố`, `TP.` removed: `tp. ho chi minh` → `ho chi minh`.
  /// Read on the scalars' folded bytes when each folds to ASCII or is a mark or a known
  /// separator; `looseKeyByCharacters` decides for any other.
  static func looseKey(_ name: String) -> String {
    var key: [UInt8] = []
    key.reserveCapacity(name.utf8.count)
    // Where the first two words end in `key` (each followed by one space).
    var wordEnds = (0, 0)
    var words = 0
    var inWord = false
    let table = VietnameseFolding.asciiTable
    for scalar in name.unicodeScalars {
      let value = scalar.value
      var byte: UInt8
      if value < 0x80 {
        byte = UInt8(value)
        if byte >= 65 && byte <= 90 { byte += 32 }
      } else if VietnameseFolding.isCombiningMark(value) {
        continue
      } else if value < 0x2000, table[Int(value)] != 0 {
        byte = table[Int(value)]
      } else if looseKeySeparators.contains(value) {
        byte = 32
      } else {
        return looseKeyByCharacters(name)
      }
      let isWordByte = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
      if isWordByte {
        if !inWord {
          if words > 0 { key.append(32) }
          words += 1
          inWord = true
        }
        key.append(byte)
      } else if inWord {
        inWord = false
        if words == 1 { wordEnds.0 = key.count } else if words == 2 { wordEnds.1 = key.count }
      }
    }
    if inWord, words == 1 { wordEnds.0 = key.count } else if inWord, words == 2 { wordEnds.1 = key.count }
    func firstWords(_ count: Int, are prefix: StaticString) -> Bool {
      let end = count == 1 ? wordEnds.0 : wordEnds.1
      guard words > count, end == prefix.utf8CodeUnitCount else { return false }
      return key.withUnsafeBufferPointer { bytes in
        UnsafeBufferPointer(start: prefix.utf8Start, count: end).elementsEqual(bytes[0..<end])
      }
    }
    var dropped = 0
    if firstWords(1, are: "tinh") {
      dropped = wordEnds.0 + 1
    } else if firstWords(2, are: "thanh pho") {
      dropped = wordEnds.1 + 1
    } else if firstWords(1, are: "tp") {
      dropped = wordEnds.0 + 1
    }
    return key.withUnsafeBufferPointer { String(decoding: $0[dropped...], as: UTF8.self) }
  }

  /// Scalars without an ASCII fold that `looseKeyByCharacters` reads as no part of a word:
  /// a no-break space, dashes, quotation marks.
  private static let looseKeySeparators: Set<UInt32> = [
    0xA0, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026,
  ]

  /// `looseKey` by its definition: the folded name split into words, a prefix dropped.
  static func looseKeyByCharacters(_ name: String) -> String {
    var words = name.folded.unicodeScalars.split { !PlaceTokenizer.isWordScalar($0) }.map { String($0) }
    for prefix in [["tinh"], ["thanh", "pho"], ["tp"]] where words.count > prefix.count {
      if Array(words.prefix(prefix.count)) == prefix {
        words.removeFirst(prefix.count)
        break
      }
    }
    return words.joined(separator: " ")
  }

  private static func uniqued(_ strings: [String]) -> [String] {
    var seen = Set<String>()
    return strings.filter { seen.insert($0).inserted }
  }
}

/// A place name found in a text.
public struct PlaceMention: Hashable, Sendable {
  /// The old provinces the name can belong to (`Nam Định`); one for an unambiguous mention.
  public let provinces: [String]
  /// The exact words: `huyện Trực Ninh`, `Phú Quốc`.
  public let text: String
  /// The name alone, as written: `Trực Ninh`.
  public let name: String
  /// The kind its prefix states (`huyện`, `quận`, `thị xã`, `thành phố`, `tỉnh`); nil for a bare name.
  public let kind: String?
  /// True when a kind word or prefix stands before the name.
  public let qualified: Bool
  /// Scalar offsets of `text` in the NFC text.
  public let span: Span

  /// The old province, when the name belongs to only one.
  public var province: String? { provinces.count == 1 ? provinces[0] : nil }
}

/// What the place names of a text say about its province.
public struct PlaceInference: Hashable, Sendable {
  /// The old province; nil when the names point equally to several.
  public let province: String?
  /// The names that point to it, kind `place_name`, each once, as written.
  public let evidence: [Evidence]
  /// Human-readable warnings when the names point to more than one province.
  public let conflicts: [String]
}
