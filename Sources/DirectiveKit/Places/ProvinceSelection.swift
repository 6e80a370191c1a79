/// Which provinces a reader chose: the one type behind `--province`, `--province-2025`, the
/// search filter `province:` and the browser's province picker.
///
/// A name is read as `--province` reads it: loosely (`nam dinh`, `Tỉnh Nam Định`), through the
/// gazetteer's aliases (`tp hcm`, `hcm`, `sài gòn`), or as a name the corpus gives that the
/// gazetteer does not know. `unknown` chooses the documents whose province could not be read
/// (central documents excepted: they belong to no province). A misspelled name is refused with
/// the nearest name (“did you mean”).
public struct ProvinceSelection: Sendable, Hashable {
  /// One thing a reader can choose.
  public enum Choice: Sendable, Hashable {
    /// A province before 1 July 2025, by its proper name (`Nam Định`), or a name the corpus
    /// gives that the gazetteer does not know, as the corpus writes it.
    case province(String)
    /// One of the 34 provinces since 1 July 2025, by its proper name: every old province merged
    /// into it.
    case province2025(String)
    /// No province could be read, and the document is not central.
    case unknown
  }

  public enum Failure: Error, Hashable, CustomStringConvertible {
    case unknownProvince(String, suggestion: String?)
    /// The name is not one of the 34; `oldPartOf` is the 2025 province when it names an old one.
    case unknownProvince2025(String, oldPartOf: String?, suggestion: String?)

    public var description: String {
      switch self {
      case .unknownProvince(let name, let suggestion?):
        return "no province named “\(name)” before 2025; did you mean “\(suggestion)”?"
      case .unknownProvince(let name, nil):
        return "no province named “\(name)” before 2025 (--province takes one of the 63, or unknown)"
      case .unknownProvince2025(let name, let partOf?, _):
        return "“\(name)” is not a province since 2025: it is part of \(partOf); "
          + "use --province \"\(name)\" or --province-2025 \"\(partOf)\""
      case .unknownProvince2025(let name, nil, let suggestion?):
        return "no province named “\(name)” since 2025; did you mean “\(suggestion)”?"
      case .unknownProvince2025(let name, nil, nil):
        return "no province named “\(name)” since 2025 (--province-2025 takes one of the 34, or unknown)"
      }
    }
  }

  /// A line of a picker: a choice, how many documents it selects, and whether the corpus has any.
  public struct Option: Sendable, Hashable {
    public let choice: Choice
    /// What to show: `Nam Định`, `Ninh Bình` (2025), `Province unknown`.
    public let name: String
    public let documents: Int
    /// False for a valid province of which the corpus holds no document.
    public var inCorpus: Bool { documents > 0 }
  }

  /// The word that chooses `Choice.unknown`, in every place a province name is typed.
  public static let unknownWord = "unknown"

  /// Every one of them must select a document (empty: everything is selected).
  public let required: [Choice]
  private let gazetteer: Gazetteer

  public init(_ required: [Choice], gazetteer: Gazetteer = .standard) {
    self.required = required
    self.gazetteer = gazetteer
  }

  /// What `--province` and `--province-2025` select: both nil selects everything, both given
  /// what both select. `knownNames`: province names the corpus gives, accepted even when the
  /// gazetteer does not know them.
  public init(
    province: String?, province2025: String?, knownNames: [String] = [], gazetteer: Gazetteer = .standard
  ) throws {
    var required: [Choice] = []
    if let province {
      required.append(try Self.choice(province, knownNames: knownNames, gazetteer: gazetteer))
    }
    if let province2025 { required.append(try Self.choice2025(province2025, gazetteer: gazetteer)) }
    self.init(required, gazetteer: gazetteer)
  }

  /// A name as `--province` takes it.
  public static func choice(
    _ typed: String, knownNames: [String] = [], gazetteer: Gazetteer = .standard
  ) throws -> Choice {
    let key = Gazetteer.looseKey(typed)
    if key == unknownWord { return .unknown }
    if let province = gazetteer.province(named: typed) { return .province(province.name) }
    if let known = knownNames.first(where: { Gazetteer.looseKey($0) == key }) { return .province(known) }
    let candidates = gazetteer.provinces.map(\.name) + knownNames
    throw Failure.unknownProvince(typed, suggestion: nearest(typed, among: candidates))
  }

  /// A name as `--province-2025` takes it.
  public static func choice2025(_ typed: String, gazetteer: Gazetteer = .standard) throws -> Choice {
    if Gazetteer.looseKey(typed) == unknownWord { return .unknown }
    if let name = gazetteer.province2025(named: typed) { return .province2025(name) }
    let oldPartOf = gazetteer.province(named: typed)?.name2025
    throw Failure.unknownProvince2025(
      typed, oldPartOf: oldPartOf,
      suggestion: oldPartOf == nil ? nearest(typed, among: gazetteer.provinces2025) : nil)
  }

  public var selectsEverything: Bool { required.isEmpty }

  /// True when the document passes every choice.
  public func matches(_ document: Document) -> Bool {
    required.allSatisfy { matches($0, province: document.province, level: document.level) }
  }

  /// True when a document of this province (nil: none could be read) and level passes every choice.
  public func matches(province name: String?, level: Level = .unknown) -> Bool {
    required.allSatisfy { matches($0, province: name, level: level) }
  }

  /// True when a document of the province named so (before 2025) passes every choice.
  public func matches(province name: String) -> Bool { matches(province: name, level: .unknown) }

  private func matches(_ choice: Choice, province name: String?, level: Level) -> Bool {
    switch choice {
    case .unknown:
      return name == nil && level != .central
    case .province(let chosen):
      guard let name else { return false }
      if let known = gazetteer.province(named: name) { return known.name == chosen }
      return Gazetteer.looseKey(name) == Gazetteer.looseKey(chosen)
    case .province2025(let chosen):
      guard let name else { return false }
      return gazetteer.province(named: name)?.name2025 == chosen
    }
  }

  /// Everything a picker offers, in this order: every province before 2025 (in the gazetteer's
  /// order, then names only the corpus gives), every province since 2025, then `Province
  /// unknown`; each with how many of `documents` it selects, so that the provinces of which the
  /// corpus holds nothing can be shown as such.
  public static func options(for documents: [Document], gazetteer: Gazetteer = .standard) -> [Option] {
    let tally = ProvinceTally(documents: documents, gazetteer: gazetteer)
    var oldCounts: [String: Int] = [:]
    for province in tally.provinces { oldCounts[province.name] = province.documents }
    var options = gazetteer.provinces.map {
      Option(choice: .province($0.name), name: $0.name, documents: oldCounts[$0.name] ?? 0)
    }
    for province in tally.provinces where province.code == nil {
      options.append(
        Option(choice: .province(province.name), name: province.name, documents: province.documents))
    }
    var newCounts: [String: Int] = [:]
    for province in tally.provinces2025 { newCounts[province.name] = province.documents }
    options += gazetteer.provinces2025.map {
      Option(choice: .province2025($0), name: $0, documents: newCounts[$0] ?? 0)
    }
    let unknown = documents.filter { $0.province == nil && $0.level != .central }.count
    options.append(Option(choice: .unknown, name: "Province unknown", documents: unknown))
    return options
  }

  /// The name among `candidates` nearest to what was typed, when it is near enough to be a slip:
  /// compared folded, without spaces, within one edit per three letters (at most three).
  public static func nearest(_ typed: String, among candidates: [String]) -> String? {
    let key = Array(Gazetteer.looseKey(typed).filter { $0 != " " }.unicodeScalars)
    guard !key.isEmpty else { return nil }
    let allowed = min(3, max(1, key.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let other = Array(Gazetteer.looseKey(candidate).filter { $0 != " " }.unicodeScalars)
      let distance = editDistance(key, other)
      if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.name
  }

  /// Levenshtein distance: insertions, deletions and substitutions.
  static func editDistance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Int {
    guard !left.isEmpty else { return right.count }
    guard !right.isEmpty else { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for (row, leftScalar) in left.enumerated() {
      current[0] = row + 1
      for (column, rightScalar) in right.enumerated() {
        let substitution = previous[column] + (leftScalar == rightScalar ? 0 : 1)
        current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
      }
      swap(&previous, &current)
    }
    return previous[right.count]
  }

  public static func == (lhs: ProvinceSelection, rhs: ProvinceSelection) -> Bool {
    lhs.required == rhs.required
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(required) }
}

/// The former name of `ProvinceSelection`.
public typealias ProvinceFilter = ProvinceSelection
