import DirectiveKit

/// The graph screen for one province filter, computed once when the filter changes: the response
/// trees, what each row of the outline shows (formatted only when the row is drawn), the width of
/// its lag column, and the matrix's provinces.
public struct GraphTable: Sendable {
  /// What a row of the outline shows, by position in `responses`.
  enum Line: Sendable {
    case heading(central: Int)
    case split(central: Int)
    case province(central: Int, province: Int)
    case entry(central: Int, province: Int, entry: Int, prefix: String)
    case blank
  }

  public let responses: [CentralResponse]
  let lines: [Line]
  let selectableRows: [Int]
  let targets: [RowTarget]
  let lagWidth: Int
  /// The matrix's rows: every province of the trees, in folded order.
  let matrixProvinces: [String]
  let matrixNameWidth: Int

  init(responses: [CentralResponse], library: Library) {
    self.responses = responses
    var lines: [Line] = []
    var selectableRows: [Int] = []
    var targets: [RowTarget] = []
    func append(_ line: Line, target: RowTarget?) {
      if let target {
        selectableRows.append(lines.count)
        targets.append(target)
      }
      lines.append(line)
    }
    var provinceNames = Set<String>()
    for (centralIndex, central) in responses.enumerated() {
      for province in central.provinces { provinceNames.insert(province.province) }
      guard let node = library.cited(id: central.node.id) else { continue }
      append(.heading(central: centralIndex), target: .cited(node.id))
      append(.split(central: centralIndex), target: nil)
      for (provinceIndex, province) in central.provinces.enumerated() {
        append(
          .province(central: centralIndex, province: provinceIndex),
          target: province.province == Library.unknownProvince
            ? nil : .province(ProvinceChoice(name: province.province, is2025: false)))
        let prefixes = TreeLines.prefixes(province.entries.map(\.depth))
        for (entryIndex, (entry, prefix)) in zip(province.entries, prefixes).enumerated() {
          guard let document = library.document(id: entry.documentID) else { continue }
          append(
            .entry(central: centralIndex, province: provinceIndex, entry: entryIndex, prefix: prefix),
            target: .document(document.id))
        }
      }
      append(.blank, target: nil)
    }
    self.lines = lines
    self.selectableRows = selectableRows
    self.targets = targets
    lagWidth = Self.lagWidth(responses)
    matrixProvinces = provinceNames.sorted { ($0.folded, $0) < ($1.folded, $1) }
    matrixNameWidth = GraphScreen.nameWidth(matrixProvinces)
  }

  /// `Format.lagWidth` of every entry's lag, formatting one entry per shape of lag: the width of
  /// `+12 d` or `≥ +-3 d` depends only on the form and on how many characters the number has.
  static func lagWidth(_ responses: [CentralResponse]) -> Int {
    var widest: [Int: String] = [:]
    for central in responses {
      for province in central.provinces {
        addLagShapes(of: province.entries, from: central.node.date, to: &widest)
      }
    }
    return Format.lagWidth(widest.values)
  }

  /// `Format.lagWidth` of the lags of `entries` from `date`, formatting one lag per shape.
  static func lagWidth(_ entries: some Sequence<ResponseEntry>, from date: Day?) -> Int {
    var widest: [Int: String] = [:]
    addLagShapes(of: entries, from: date, to: &widest)
    return Format.lagWidth(widest.values)
  }

  private static func addLagShapes(
    of entries: some Sequence<ResponseEntry>, from date: Day?, to widest: inout [Int: String]
  ) {
    for entry in entries {
      let shape: Int
      if let lag = entry.lagDays {
        shape = (lag >= 0 ? 1 : 2) << 8 | characterCount(lag)
      } else if let notBefore = entry.notBefore, let date {
        shape = 3 << 8 | characterCount(notBefore.days(since: date))
      } else {
        shape = 0
      }
      if widest[shape] == nil { widest[shape] = Format.lag(entry, from: date) }
    }
  }

  /// How many characters `String(value)` has.
  static func characterCount(_ value: Int) -> Int {
    var count = value < 0 ? 2 : 1
    var rest = value.magnitude / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    return count
  }

  /// The outline's rows, each made when drawn.
  func outline(library: Library) -> ScreenContent {
    guard !responses.isEmpty else {
      return ScreenContent(
        rows: [ListRow("No central document is cited by these documents.", .dim)],
        status: GraphScreen.outlineStatus)
    }
    let rows = ListRows(count: lines.count) { [self] position in row(position, library: library) }
    return ScreenContent(
      rows: rows, status: GraphScreen.outlineStatus, selectableRows: selectableRows, targets: targets)
  }

  func row(_ position: Int, library: Library) -> ListRow {
    switch lines[position] {
    case .heading(let centralIndex):
      let central = responses[centralIndex]
      guard let node = library.cited(id: central.node.id) else { return ListRow("") }
      var heading = [
        Segment(node.label, .accent),
        Segment(" · " + [node.issuer, node.date?.vietnamese].compactMap { $0 }.joined(separator: " · ")),
        Segment(" — " + central.headline, .dim),
      ]
      if library.signals.supersessions[node.id] != nil { heading.insert(Segment("⚠ ", .warning), at: 0) }
      return ListRow(heading, target: .cited(node.id))
    case .split(let centralIndex):
      return ListRow([Segment("   "), Segment(responses[centralIndex].split, .dim)])
    case .province(let centralIndex, let provinceIndex):
      let provinces = responses[centralIndex].provinces
      let province = provinces[provinceIndex]
      let last = provinceIndex == provinces.count - 1
      return ListRow(
        [Segment(last ? "└─ " : "├─ ", .dim), Segment(province.province, .accent)],
        target: province.province == Library.unknownProvince
          ? nil : .province(ProvinceChoice(name: province.province, is2025: false)))
    case .entry(let centralIndex, let provinceIndex, let entryIndex, let prefix):
      let central = responses[centralIndex]
      let provinces = central.provinces
      let entry = provinces[provinceIndex].entries[entryIndex]
      guard let document = library.document(id: entry.documentID) else { return ListRow("") }
      let trunk = provinceIndex == provinces.count - 1 ? "   " : "│  "
      let date = library.cited(id: central.node.id)?.date
      return ListRow(
        [Segment(trunk + prefix, .dim)]
          + GraphScreen.entryColumns(entry, document, from: date, lagWidth: lagWidth, library: library),
        target: .document(document.id))
    case .blank:
      return ListRow("")
    }
  }
}
