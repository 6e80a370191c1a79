import DirectiveKit
import Foundation

#if canImport(Glibc)
  import Glibc
  private let writeBytes = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let writeBytes = Darwin.write
#endif

/// A small seeded pseudo-random generator (SplitMix64): the same seed gives the same numbers
/// on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
  public mutating func chance(_ probability: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < probability
  }
  public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Writes corpora of realistic provincial directives with the truth about each: what it is and
/// what it cites. Deterministic: the same seed and count give the same bytes.
public struct CorpusGenerator: Sendable {
  /// A document the generator cites or writes, as a reader of the text should extract it.
  public struct TruthCitation: Sendable, Hashable {
    public var type: String
    public var number: String?
    public var date: Day?
    public var issuer: String
    public var mentions: Int
    /// How it is written: its first mention's form (`plain`, `date-first`, `issuer-first`,
    /// `spaced-number`, `unnumbered`, `conclusion-notice`), then `yearless-short` when a later
    /// short mention gives the date without its year.
    public var forms: [String] = []
    /// What the citing document does with it, as `CitationRelations` should read it: the relation
    /// of its first mention under a cue of the citing document's own, else `refers`.
    public var relation: Relation = .refers
    /// The cue written before (or after) that mention, as written: `Căn cứ`, `Triển khai thực
    /// hiện`, `hết hiệu lực`; nil for `refers`.
    public var cue: String?
  }

  public struct Truth: Sendable {
    /// Path relative to the output folder.
    public var file: String
    public var province: String
    public var issuer: String
    public var type: String
    /// Nil when the document was written without its header (the text then does not say).
    public var number: String?
    public var date: Day?
    public var hasHeader: Bool
    public var citations: [TruthCitation]
  }

  public struct GeneratedDocument: Sendable {
    public var truth: Truth
    public var text: String
  }

  public let seed: UInt64

  /// Changes whenever the same seed would write other bytes: cached corpora name it.
  public static let formatVersion = 4

  public init(seed: UInt64) { self.seed = seed }

  /// The first `count` documents, in memory.
  public func generate(count: Int) -> [GeneratedDocument] {
    let plans = plan(count: count)
    return plans.indices.map { render(plans[$0], index: $0) }
  }

  /// Writes `count` documents under `folder` (one sub-folder per province) and
  /// `folder/truth.jsonl`, one line per document in generation order.
  public func write(count: Int, to folder: URL, progress: ((Int) -> Void)? = nil) throws {
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
    for province in GeneratorProvinces.all {
      try fileManager.createDirectory(
        at: folder.appendingPathComponent(Self.slug(province.name)), withIntermediateDirectories: true)
    }
    let plans = plan(count: count)
    var truthLines = ""
    truthLines.reserveCapacity(count * 400)
    let batchSize = 2000
    var written = 0
    var failure: Error?
    while written < plans.count {
      let batch = written..<min(plans.count, written + batchSize)
      var rendered = [Truth?](repeating: nil, count: batch.count)
      let errors = ErrorBox()
      rendered.withUnsafeMutableBufferPointer { slots in
        let slots = slots
        DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
          let index = batch.lowerBound + offset
          var (bytes, truth) = renderBytes(plans[index], index: index)
          let path = folder.path + "/" + truth.file
          if plans[index].style.byteOrderMark { bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
          if !Self.writeFile(path, bytes) {
            errors.record(CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]))
          }
          slots[offset] = truth
        }
      }
      if let error = errors.first { failure = error }
      for truth in rendered { truthLines += Self.jsonLine(truth!) + "\n" }
      written = batch.upperBound
      progress?(written)
      if let failure { throw failure }
    }
    try Data(truthLines.utf8).write(to: folder.appendingPathComponent("truth.jsonl"))
  }

  /// Writes `bytes` to a new file at `path`; false when it cannot.
  private static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes {
        writeBytes(descriptor, $0.baseAddress! + written, bytes.count - written)
      }
      if result <= 0 { return false }
      written += result
    }
    return true
  }

  private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func record(_ error: Error) {
      lock.lock()
      errors.append(error)
      lock.unlock()
    }
    var first: Error? {
      lock.lock()
      defer { lock.unlock() }
      return errors.first
    }
  }

  // MARK: Planning: who writes what, when, citing what

  struct Reference: Sendable {
    var type: String
    var number: String?
    var date: Day
    var issuer: String
    /// How the first mention names the issuer (`của Ban Thường vụ Tỉnh ủy` for one's own).
    var issuerAsWritten: String
    var subject: String
    /// `Thông báo` of VPCP carrying the Prime Minister's conclusions: cited as such.
    var isConclusionNotice = false
    var shortName: String
    /// For an earlier letter of the citing document's own province: whether the Party committee
    /// wrote it (else the People's Committee). Nil for a central document.
    var ownParty: Bool? = nil
  }

  struct Style: Sendable {
    var hasHeader: Bool
    var spacedNumber: Bool
    var crlf: Bool
    var byteOrderMark: Bool
    var toneStyleOld: Bool
  }

  struct Plan: Sendable {
    var province: GeneratorProvinces.Entry
    var isParty: Bool
    var type: String
    var code: String
    var number: String
    var date: Day
    var subject: String
    var cited: [Reference]
    var style: Style
    var file: String
  }

  /// Central documents every province answers: Party conclusions, directives and resolutions,
  /// the Prime Minister's directives and cables, the Government's resolutions, notices of its
  /// Office, the Ministry of Health's letters; and unnumbered cables of the Secretariat.
  func centralPool() -> [Reference] {
    var random = SplitMix64(seed: seed ^ 0xC0FF_EE00)
    var pool: [Reference] = []
    var used = Set<String>()
    let kinds:
      [(type: String, format: (Int, Int) -> String, issuer: String, range: ClosedRange<Int>, share: Int)] = [
        ("Kết luận", { n, _ in String(format: "%02d-KL/TW", n) }, "Bộ Chính trị", 1...90, 30),
        ("Chỉ thị", { n, _ in String(format: "%02d-CT/TW", n) }, "Ban Bí thư", 1...40, 15),
        ("Nghị quyết", { n, _ in String(format: "%02d-NQ/TW", n) }, "Bộ Chính trị", 1...60, 10),
        ("Chỉ thị", { n, _ in String(format: "%02d/CT-TTg", n) }, "Thủ tướng Chính phủ", 1...40, 30),
        ("Công điện", { n, _ in "\(n)/CĐ-TTg" }, "Thủ tướng Chính phủ", 100...1300, 30),
        ("Nghị quyết", { n, _ in "\(n)/NQ-CP" }, "Chính phủ", 1...220, 25),
        ("Thông báo", { n, _ in "\(n)/TB-VPCP" }, "Văn phòng Chính phủ", 1...420, 30),
        ("Công văn", { n, _ in "\(n)/BYT-MT" }, "Bộ Y tế", 100...9900, 20),
      ]
    for kind in kinds {
      var made = 0
      while made < kind.share {
        let date = Self.randomDay(&random, from: 2019, through: 2022)
        let number = kind.format(kind.range.lowerBound + random.below(kind.range.count), date.year)
        guard used.insert(number).inserted else { continue }
        made += 1
        pool.append(
          Reference(
            type: kind.type, number: number, date: date, issuer: kind.issuer, issuerAsWritten: kind.issuer,
            subject: random.pick(Self.subjects), isConclusionNotice: kind.type == "Thông báo",
            shortName: kind.type.lowercased() + " của " + kind.issuer))
      }
    }
    for _ in 0..<30 {
      let date = Self.randomDay(&random, from: 2020, through: 2022)
      let isCable = random.chance(0.5)
      pool.append(
        Reference(
          type: isCable ? "Điện" : "Công điện", number: nil, date: date,
          issuer: "Thường trực Ban Bí thư Trung ương Đảng",
          issuerAsWritten: isCable ? "Thường trực Ban Bí thư Trung ương Đảng" : "Thường trực Ban Bí thư",
          subject: random.pick(Self.subjects),
          shortName: (isCable ? "điện" : "công điện") + " của Thường trực Ban Bí thư"))
    }
    // The Prime Minister's cables cited by date alone: `Công điện ngày … của Thủ tướng Chính phủ`.
    for _ in 0..<15 {
      pool.append(
        Reference(
          type: "Công điện", number: nil, date: Self.randomDay(&random, from: 2020, through: 2022),
          issuer: "Thủ tướng Chính phủ", issuerAsWritten: "Thủ tướng Chính phủ",
          subject: random.pick(Self.subjects), shortName: "công điện của Thủ tướng Chính phủ"))
    }
    return pool.sorted { $0.date < $1.date }
  }

  func plan(count: Int) -> [Plan] {
    var random = SplitMix64(seed: seed)
    let pool = centralPool()
    var dates = (0..<count).map { _ in Self.randomDay(&random, from: 2020, through: 2022) }
    dates.sort()
    var partyCounter: [String: Int] = [:]
    var stateCounter: [String: Int] = [:]
    var earlier: [String: [Reference]] = [:]
    let slugs = Dictionary(uniqueKeysWithValues: GeneratorProvinces.all.map { ($0.name, Self.slug($0.name)) })
    var plans: [Plan] = []
    plans.reserveCapacity(count)
    for (index, date) in dates.enumerated() {
      let province = random.pick(GeneratorProvinces.all)
      let isParty = random.chance(0.6)
      let (type, code) = isParty ? random.pick(Self.partyTypes) : random.pick(Self.stateTypes)
      let number: String
      if isParty {
        let next = (partyCounter[province.name] ?? (100 + random.below(1900))) + 1 + random.below(30)
        partyCounter[province.name] = next
        number = "\(next)-\(code)/TU"
      } else {
        let key = province.name + String(date.year)
        let next = (stateCounter[key] ?? 0) + 1 + random.below(40)
        stateCounter[key] = next
        number = code == "CV" ? "\(next)/UBND-\(random.pick(Self.departments))" : "\(next)/\(code)-UBND"
      }
      let style = Style(
        hasHeader: random.chance(0.8), spacedNumber: random.chance(0.15), crlf: random.chance(0.05),
        byteOrderMark: random.chance(0.03), toneStyleOld: random.chance(0.3))
      var cited: [Reference] = []
      let before = pool.prefix { $0.date < date }
      let recent = before.suffix(40)
      if !recent.isEmpty {
        for _ in 0..<(1 + random.below(3)) {
          let reference = random.pick(Array(recent))
          if !cited.contains(where: { $0.number == reference.number && $0.date == reference.date }) {
            cited.append(reference)
          }
        }
      }
      if let own = earlier[province.name], !own.isEmpty, random.chance(0.4) {
        var reference = own[max(0, own.count - 1 - random.below(min(own.count, 10)))]
        // Half the time one of the same committee and type, which the letter may replace or amend.
        let alike = own.suffix(10).filter { $0.ownParty == isParty && $0.type == type }
        if random.chance(0.5), !alike.isEmpty { reference = random.pick(alike) }
        if reference.date < date { cited.append(reference) }
      }
      let subject = random.pick(Self.subjects)
      let issuer = Self.issuer(province, isParty: isParty)
      let plan = Plan(
        province: province, isParty: isParty, type: type, code: code, number: number, date: date,
        subject: subject,
        cited: cited, style: style,
        file: slugs[province.name]! + "/" + Self.zeroPadded(index, width: 6) + ".txt")
      if style.hasHeader {
        earlier[province.name, default: []].append(
          Reference(
            type: type, number: number, date: date, issuer: issuer,
            issuerAsWritten: isParty
              ? "Ban Thường vụ \(province.isCity ? "Thành ủy" : "Tỉnh ủy")"
              : "UBND \(province.isCity ? "thành phố" : "tỉnh")",
            subject: subject, shortName: type.lowercased() + " của " + (isParty ? "Ban Thường vụ" : "UBND"),
            ownParty: isParty))
      }
      plans.append(plan)
    }
    return plans
  }

  static func issuer(_ province: GeneratorProvinces.Entry, isParty: Bool) -> String {
    isParty
      ? "Ban Thường vụ \(province.isCity ? "Thành ủy" : "Tỉnh ủy") \(province.name)"
      : "UBND \(province.isCity ? "thành phố" : "tỉnh") \(province.name)"
  }

  static func randomDay(_ random: inout SplitMix64, from first: Int, through last: Int) -> Day {
    let start = Day(year: first, month: 1, day: 1)!.ordinal
    let end = Day(year: last, month: 12, day: 31)!.ordinal
    return day(ordinal: start + random.below(end - start + 1))
  }

  /// The day `ordinal` days after 1970-01-01 (see `Day.ordinal`).
  static func day(ordinal: Int) -> Day {
    var year = 1970
    while Day(year: year, month: 1, day: 1)!.ordinal > ordinal { year -= 1 }
    while Day(year: year + 1, month: 1, day: 1)!.ordinal <= ordinal { year += 1 }
    var month = 1
    while month < 12 && Day(year: year, month: month + 1, day: 1)!.ordinal <= ordinal { month += 1 }
    return Day(year: year, month: month, day: ordinal - Day(year: year, month: month, day: 1)!.ordinal + 1)!
  }

  static func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  static func slug(_ name: String) -> String {
    String(name.folded.map { $0.isLetter || $0.isNumber ? $0 : "-" }).replacingOccurrences(
      of: "---", with: "-")
  }
}
