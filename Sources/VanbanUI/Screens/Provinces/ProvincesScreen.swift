import DirectiveKit

/// One province's figures on the provinces screen.
public struct ProvinceStats: Hashable, Sendable {
  public var name: String
  public var documents: Int
  public var earliest: String
  public var medianLag: Int?
}

/// The provinces present: documents, earliest answer, median lag; grouped under the 2025
/// provinces with `t`. Enter filters the library.
struct ProvincesScreen: ScreenView {
  var title: String { "Provinces" }
  var scope: KeyScope? { .provinces }
  var followsFilters: Bool { true }
  var hints: [Hint] {
    [
      Hint(.open, "filter the library"), Hint(.toggleGrouping, "group by 2025"),
      Hint(.showLibrary, "library"),
      Hint(.showGraph, "graph"), Hint(.help, "help"), Hint(.close, "close"),
    ]
  }

  func content(in state: AppState) -> ScreenContent {
    ScreenContent(
      rows: Self.provinces(state),
      status: "\(state.library.provinces.count) provinces"
        + (state.groupBy2025 ? " · grouped by 2025 province" : ""))
  }

  func perform(_ action: Action, on state: inout AppState) -> Bool {
    guard action == .toggleGrouping else { return false }
    state.groupBy2025.toggle()
    state.resetListPosition()
    return true
  }

  static func provinceStats(_ library: Library, responses: [CentralResponse]? = nil) -> [ProvinceStats] {
    var lags: [String: [Int]] = [:]
    var earliest: [String: (Day, Bool)] = [:]
    for central in responses ?? library.responses() {
      for province in central.provinces {
        for entry in province.entries where entry.isAnswer || entry.relation == nil {
          if let lag = entry.lagDays { lags[province.province, default: []].append(lag) }
          if let day = entry.date ?? entry.notBefore {
            let dated = entry.date != nil
            if let known = earliest[province.province], known.0 <= day { continue }
            earliest[province.province] = (day, dated)
          }
        }
      }
    }
    var counts: [String: Int] = [:]
    // Unknown as `Province unknown` selects it: central documents belong to no province.
    for document in library.documents where document.province != nil || document.level != .central {
      counts[document.province ?? Library.unknownProvince, default: 0] += 1
    }
    let names = library.provinces + (counts[Library.unknownProvince] != nil ? [Library.unknownProvince] : [])
    return names.map { name in
      let first = earliest[name].map { $0.1 ? $0.0.iso : "≥ \($0.0.iso)" } ?? "—"
      return ProvinceStats(
        name: name, documents: counts[name] ?? 0, earliest: first, medianLag: median(lags[name] ?? []))
    }
  }

  static func median(_ values: [Int]) -> Int? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func provinces(_ state: AppState) -> [ListRow] {
    let table = state.provincesTable
    let stats = table.stats
    func row(_ stat: ProvinceStats, indent: String) -> ListRow {
      let unknown = stat.name == Library.unknownProvince
      let target: RowTarget = .province(unknown ? .unknown : .province(stat.name))
      return ListRow(
        [
          Segment(DisplayWidth.fit(indent + (unknown ? ProvinceChoice.unknownLabel : stat.name), to: 24)),
          Segment(DisplayWidth.fit(String(stat.documents), to: 7)),
          Segment(DisplayWidth.fit(stat.earliest, to: 16)),
          Segment(stat.medianLag.map { "\($0) d" } ?? "—"),
        ], target: target)
    }
    var rows = [
      ListRow(
        DisplayWidth.fit("Province", to: 24) + DisplayWidth.fit("Docs", to: 7)
          + DisplayWidth.fit("Earliest answer", to: 16) + "Median lag", .accent)
    ]
    guard state.groupBy2025 else { return rows + stats.map { row($0, indent: "") } }
    for group in table.groups {
      rows.append(
        ListRow(
          [
            Segment(DisplayWidth.fit(group.name + " (2025)", to: 24), .accent),
            Segment(String(group.documents)),
          ],
          target: .province(.province2025(group.name))))
      rows += group.members.map { row(stats[$0], indent: "  ") }
    }
    if !table.ungrouped.isEmpty {
      rows.append(ListRow("No 2025 province known", .accent))
      rows += table.ungrouped.map { row(stats[$0], indent: "  ") }
    }
    return rows
  }
}

/// The provinces screen's figures, which depend on the corpus alone: computed once, not per key.
public struct ProvincesTable: Sendable {
  struct Group: Sendable, Equatable {
    var name: String
    var documents: Int
    /// Positions in `stats` of the provinces of its documents.
    var members: [Int]
  }

  let stats: [ProvinceStats]
  /// Each 2025 province of the corpus, in order.
  let groups: [Group]
  /// Positions in `stats` of the provinces no document names a 2025 province for.
  let ungrouped: [Int]

  init(library: Library, responses: [CentralResponse]?) {
    stats = ProvincesScreen.provinceStats(library, responses: responses)
    var members: [String: Set<String>] = [:]
    var counts: [String: Int] = [:]
    var grouped = Set<String>()
    for document in library.documents {
      guard let merged = document.province2025 else { continue }
      counts[merged, default: 0] += 1
      if let province = document.province {
        members[merged, default: []].insert(province)
        grouped.insert(province)
      }
    }
    let stats = stats
    groups = library.provinces2025.map { merged in
      let names = members[merged] ?? []
      return Group(
        name: merged, documents: counts[merged] ?? 0,
        members: stats.indices.filter { names.contains(stats[$0].name) })
    }
    ungrouped = stats.indices.filter { !grouped.contains(stats[$0].name) }
  }
}
