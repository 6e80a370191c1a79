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
    let stats = provinceStats(state.library, responses: state.allResponses)
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
    let documents = state.library.documents
    for merged in state.library.provinces2025 {
      let members = Set(documents.filter { $0.province2025 == merged }.compactMap(\.province))
      let count = documents.filter { $0.province2025 == merged }.count
      rows.append(
        ListRow(
          [Segment(DisplayWidth.fit(merged + " (2025)", to: 24), .accent), Segment(String(count))],
          target: .province(.province2025(merged))))
      rows += stats.filter { members.contains($0.name) }.map { row($0, indent: "  ") }
    }
    let grouped = Set(documents.filter { $0.province2025 != nil }.compactMap(\.province))
    let rest = stats.filter { !grouped.contains($0.name) }
    if !rest.isEmpty {
      rows.append(ListRow("No 2025 province known", .accent))
      rows += rest.map { row($0, indent: "  ") }
    }
    return rows
  }
}
