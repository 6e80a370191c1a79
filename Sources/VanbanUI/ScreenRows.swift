import DirectiveKit

public struct Segment: Hashable, Sendable {
  public var text: String
  public var style: Style
  public init(_ text: String, _ style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// What Enter on a row opens.
public enum RowTarget: Hashable, Sendable {
  case document(String)
  case cited(String)
  case province(ProvinceChoice)
}

/// A row of a list screen (graph, provinces, cited page, links, help).
public struct ListRow: Hashable, Sendable {
  public var segments: [Segment]
  public var target: RowTarget?
  public init(_ segments: [Segment], target: RowTarget? = nil) {
    self.segments = segments
    self.target = target
  }
  public init(_ text: String, _ style: Style = .plain, target: RowTarget? = nil) {
    self.init([Segment(text, style)], target: target)
  }
  public var isSelectable: Bool { target != nil }
}

/// One province's figures on the provinces screen.
public struct ProvinceStats: Hashable, Sendable {
  public var name: String
  public var documents: Int
  public var earliest: String
  public var medianLag: Int?
}

/// The rows of the list screens, shared by their views and by `update` (selection, Enter).
public enum ScreenRows {
  public static func rows(for screen: Screen, in state: AppState) -> [ListRow] {
    switch screen {
    case .graph: return state.showMatrix ? matrix(state) : outline(state)
    case .provinces: return provinces(state)
    case .cited(let id): return cited(id, state: state)
    case .links(let id): return links(id, state: state)
    case .diagram(let id): return DiagramRows.rows(id, state: state)
    case .help: return help()
    case .library, .reader: return []
    }
  }

  // MARK: graph

  static func outline(_ state: AppState) -> [ListRow] {
    let library = state.library
    let answers = library.answers(provinces: state.provinceFilter)
    if answers.isEmpty { return [ListRow("No central document is cited by these documents.", .dim)] }
    var rows: [ListRow] = []
    for central in answers {
      let node = central.node
      var heading = [
        Segment(node.label, .accent),
        Segment(" · " + [node.issuer, node.date?.vietnamese].compactMap { $0 }.joined(separator: " · ")),
        Segment(" — " + central.headline, .dim),
      ]
      if library.signals.supersessions[node.id] != nil { heading.insert(Segment("⚠ ", .warning), at: 0) }
      rows.append(ListRow(heading, target: .cited(node.id)))
      rows.append(ListRow([Segment("   "), Segment(central.split, .dim)]))
      for (provinceIndex, province) in central.provinces.enumerated() {
        let lastProvince = provinceIndex == central.provinces.count - 1
        rows.append(
          ListRow(
            [Segment(lastProvince ? "└─ " : "├─ ", .dim), Segment(province.province, .accent)],
            target: province.province == Library.unknownProvince
              ? nil : .province(ProvinceChoice(name: province.province, is2025: false))))
        let trunk = lastProvince ? "   " : "│  "
        for (entry, prefix) in zip(province.entries, treePrefixes(province.entries.map(\.depth))) {
          guard let document = library.document(id: entry.documentID) else { continue }
          rows.append(
            ListRow(
              [Segment(trunk + prefix, .dim)]
                + entryColumns(entry, document, from: node.date, library: library),
              target: .document(document.id)))
        }
      }
      rows.append(ListRow(""))
    }
    return rows
  }

  /// Date, lag, relation when it does not answer, warning mark, type and number, subject.
  static func entryColumns(_ entry: AnswerEntry, _ document: Document, from date: Day?, library: Library)
    -> [Segment]
  {
    var segments = [
      Segment(DisplayWidth.fit(Format.date(entry.date, notBefore: entry.notBefore), to: 13)),
      Segment(DisplayWidth.fit(Format.lag(entry, from: date), to: 10), .accent),
    ]
    if let relation = entry.relation, !entry.isAnswer {
      segments.append(Segment(relation.phrase + ": ", .dim))
    }
    if library.signals.isFlagged(document.id) { segments.append(Segment("⚠ ", .warning)) }
    segments.append(Segment(documentLabel(document)))
    segments.append(Segment("  " + (document.subject ?? document.id), .dim))
    return segments
  }

  /// `Công văn 215-CV/TU`, `Document` when the type is unknown.
  static func documentLabel(_ document: Document) -> String {
    [document.type ?? "Document", document.number].compactMap { $0 }.joined(separator: " ")
  }

  /// Tree lines for entries listed depth-first: `├─ `, `│  └─ ` ...
  static func treePrefixes(_ depths: [Int]) -> [String] {
    var result: [String] = []
    for (index, depth) in depths.enumerated() {
      func isLast(at level: Int, from position: Int) -> Bool {
        for next in depths[(position + 1)...] {
          if next < level { return true }
          if next == level { return false }
        }
        return true
      }
      var prefix = ""
      // For each ancestor level, continue its line when it has later siblings.
      var ancestorPositions: [Int] = []
      var wanted = depth - 1
      var position = index - 1
      while wanted >= 0, position >= 0 {
        if depths[position] == wanted {
          ancestorPositions.insert(position, at: 0)
          wanted -= 1
        }
        position -= 1
      }
      for (level, ancestor) in ancestorPositions.enumerated() {
        prefix += isLast(at: level, from: ancestor) ? "   " : "│  "
      }
      prefix += isLast(at: depth, from: index) ? "└─ " : "├─ "
      result.append(prefix)
    }
    return result
  }

  static func matrix(_ state: AppState) -> [ListRow] {
    let answers = state.library.answers(provinces: state.provinceFilter)
    if answers.isEmpty { return [ListRow("No central document is cited by these documents.", .dim)] }
    var provinces: [String] = []
    for central in answers {
      for province in central.provinces where !provinces.contains(province.province) {
        provinces.append(province.province)
      }
    }
    provinces.sort { ($0.folded, $0) < ($1.folded, $1) }
    let nameWidth = min(18, max(10, provinces.map { DisplayWidth.width(of: $0) }.max() ?? 10)) + 2
    let columnWidth = 16
    let columns = max(1, (state.width - nameWidth) / columnWidth)
    let shown = Array(answers.prefix(columns))
    var header = DisplayWidth.fit("Province", to: nameWidth)
    for central in shown { header += DisplayWidth.fit(shortLabel(central.node), to: columnWidth) }
    var rows = [ListRow(header, .accent)]
    for province in provinces {
      var segments = [Segment(DisplayWidth.fit(province, to: nameWidth))]
      for central in shown {
        let cell: String
        if let group = central.provinces.first(where: { $0.province == province }) {
          let answers = group.entries.filter { $0.isAnswer || $0.relation == nil }
          cell = answers.isEmpty ? "cites" : earliestLag(answers, central: central.node.date)
        } else {
          cell = "·"
        }
        segments.append(
          Segment(DisplayWidth.fit(cell, to: columnWidth), cell == "·" || cell == "cites" ? .dim : .plain))
      }
      let target: RowTarget? =
        province == Library.unknownProvince ? nil : .province(ProvinceChoice(name: province, is2025: false))
      rows.append(ListRow(segments, target: target))
    }
    rows.append(ListRow(""))
    rows.append(ListRow("Cells: days from the central document to the province's first answer.", .dim))
    rows.append(
      ListRow("cites: the province cites it without answering it (no implements, no according to).", .dim))
    if answers.count > shown.count {
      rows.append(ListRow("\(answers.count - shown.count) more central documents: widen the terminal.", .dim))
    }
    return rows
  }

  /// `07-KL/TW`, or `Điện 21/07/2021` for unnumbered documents.
  static func shortLabel(_ node: CitedSummary) -> String {
    if let number = node.number { return number }
    return [node.type, node.date?.vietnamese].compactMap { $0 }.joined(separator: " ")
  }

  static func earliestLag(_ entries: [AnswerEntry], central: Day?) -> String {
    if let lag = entries.compactMap(\.lagDays).min() { return lag >= 0 ? "+\(lag)" : "\(lag)" }
    if let central, let bound = entries.compactMap(\.notBefore).min() {
      return "≥ +\(bound.days(since: central))"
    }
    return "?"
  }

  // MARK: provinces

  public static func provinceStats(_ library: Library) -> [ProvinceStats] {
    var lags: [String: [Int]] = [:]
    var earliest: [String: (Day, Bool)] = [:]
    for central in library.answers() {
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
    for document in library.documents {
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
    let stats = provinceStats(state.library)
    func row(_ stat: ProvinceStats, indent: String) -> ListRow {
      let target: RowTarget? =
        stat.name == Library.unknownProvince ? nil : .province(ProvinceChoice(name: stat.name, is2025: false))
      return ListRow(
        [
          Segment(DisplayWidth.fit(indent + stat.name, to: 24)),
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
          target: .province(ProvinceChoice(name: merged, is2025: true))))
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

  // MARK: cited page

  static func cited(_ id: String, state: AppState) -> [ListRow] {
    let library = state.library
    guard let node = library.cited(id: id) else {
      return [ListRow("Nothing in this corpus cites \(id).", .dim)]
    }
    var rows = [ListRow(node.label, .accent)]
    func field(_ name: String, _ value: String?) {
      if let value {
        rows.append(ListRow([Segment(DisplayWidth.fit(name, to: 10), .accent), Segment(value)]))
      }
    }
    field("Issuer", node.issuer)
    field("Date", node.date?.vietnamese)
    field("Subject", node.subject)
    field("Corpus", node.inCorpus ? "in corpus: \(node.id)" : "not in corpus")
    field("Mentions", "\(node.mentions)")
    field("Key", node.id)
    for supersession in library.signals.supersessions[node.id] ?? [] {
      let by = library.document(id: supersession.by).map(documentLabel) ?? supersession.by
      rows.append(
        ListRow(
          [
            Segment(
              DisplayWidth.fit(supersession.relation == .repeals ? "Repealed" : "Replaced", to: 10), .warning),
            Segment("⚠ by \(by) on \(supersession.date.vietnamese)", .warning),
          ], target: .document(supersession.by)))
    }
    rows.append(ListRow(""))
    let answers = library.answers(to: node)
    rows.append(ListRow("Cited by \(answers.headline)", .header))
    if !answers.split.isEmpty { rows.append(ListRow(answers.split, .dim)) }
    let entries = answers.provinces.flatMap { group in group.entries.map { (group.province, $0) } }
    func row(_ province: String, _ entry: AnswerEntry) -> ListRow? {
      guard let document = library.document(id: entry.documentID) else { return nil }
      var segments = [
        Segment("  " + DisplayWidth.fit(Format.date(entry.date, notBefore: entry.notBefore), to: 13)),
        Segment(DisplayWidth.fit(Format.lag(entry, from: node.date), to: 10), .accent),
        Segment(DisplayWidth.fit(province, to: 16)),
      ]
      if library.signals.isFlagged(document.id) { segments.append(Segment("⚠ ", .warning)) }
      segments.append(Segment(documentLabel(document)))
      if entry.relation == nil, let parent = entry.answers.flatMap(library.document(id:)) {
        segments.append(Segment("  answers " + documentLabel(parent), .dim))
      } else {
        segments.append(Segment("  " + (document.subject ?? document.id), .dim))
      }
      return ListRow(segments, target: .document(document.id))
    }
    let far = Day(year: 2100, month: 1, day: 1)!
    func byDate(_ a: (String, AnswerEntry), _ b: (String, AnswerEntry)) -> Bool {
      let x = a.1.date ?? a.1.notBefore ?? far
      let y = b.1.date ?? b.1.notBefore ?? far
      return (x, a.0.folded, a.1.documentID) < (y, b.0.folded, b.1.documentID)
    }
    // Grouped by what they do with it, answers first; then the letters answering those answers.
    for relation in relationOrder {
      let group = entries.filter { $0.1.relation == relation }.sorted(by: byDate)
      guard !group.isEmpty else { continue }
      rows.append(ListRow("\(relationHeading(relation)) · \(group.count)", .accent))
      rows += group.compactMap { row($0.0, $0.1) }
    }
    let chained = entries.filter { $0.1.relation == nil }
    if !chained.isEmpty {
      rows.append(ListRow("Answering those answers · \(chained.count)", .accent))
      rows += chained.compactMap { row($0.0, $0.1) }
    }
    return rows
  }

  /// The order of the relation groups: answers first, then bases, then what changes it, then mentions.
  static let relationOrder: [Relation] = [
    .implements, .accordingTo, .pursuant, .guides, .amends, .replaces, .repeals, .refers, .unknown,
  ]

  /// `Implement it`: a group of citing documents, titled by what they do with the cited one.
  static func relationHeading(_ relation: Relation) -> String {
    switch relation {
    case .implements: return "Implement it"
    case .accordingTo: return "Act according to it"
    case .pursuant: return "Rest on it (pursuant to)"
    case .guides: return "Guide it"
    case .amends: return "Amend it"
    case .replaces: return "Replace it"
    case .repeals: return "Repeal it"
    case .refers: return "Mention it"
    case .unknown: return "Cite it, relation unclear"
    }
  }

  // MARK: links, help

  static func links(_ id: String, state: AppState) -> [ListRow] {
    guard let document = state.library.document(id: id) else { return [] }
    let layout = ReaderLayout(document: document, library: state.library, width: state.width)
    if layout.links.isEmpty { return [ListRow("This document has no links.", .dim)] }
    return layout.links.map { link in
      let target: RowTarget
      switch link.target {
      case .document(let id): target = .document(id)
      case .cited(let id): target = .cited(id)
      }
      return ListRow([Segment("[\(link.number)] ", .dim), Segment(link.description, .link)], target: target)
    }
  }

  static func help() -> [ListRow] {
    var rows: [ListRow] = []
    for binding in KeyTable.bindings {
      let scope = binding.scope == .everywhere ? "" : " (\(binding.scope.rawValue))"
      rows.append(
        ListRow([Segment(DisplayWidth.fit(binding.label, to: 16), .accent), Segment(binding.help + scope)]))
    }
    rows.append(ListRow(""))
    rows.append(
      ListRow("While typing a search or a province: Enter keeps, Esc cancels, Backspace erases.", .dim))
    return rows
  }

  static func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}
