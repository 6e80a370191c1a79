import DirectiveKit

/// A cited document (in the corpus or not): what the citations say of it, and the documents
/// citing it grouped by what they do with it, answers first.
struct CitedScreen: ScreenView {
  var id: String

  var title: String { "Cited document" }
  var scope: KeyScope? { .cited }
  var hints: [Hint] {
    [
      Hint(.open, "open"), Hint(.showDiagram, "diagram"), Hint(.back, "back"), Hint(.showLibrary, "library"),
      Hint(.showGraph, "graph"), Hint(.help, "help"), Hint(.close, "close"),
    ]
  }

  func content(in state: AppState) -> ScreenContent {
    let lines = Self.cited(id, state: state)
    var selectableRows: [Int] = []
    var targets: [RowTarget] = []
    for (position, line) in lines.enumerated() {
      guard let target = line.target else { continue }
      selectableRows.append(position)
      targets.append(target)
    }
    return ScreenContent(
      rows: ListRows(count: lines.count) { lines[$0].row }, status: Self.status,
      selectableRows: selectableRows,
      targets: targets)
  }

  static let status = "a document outside the corpus, and who cites it"

  /// A row of the page, or a citing document's, made when drawn: the most cited documents have
  /// thousands.
  enum Line: Sendable {
    case row(ListRow)
    case entry(EntryRow)

    var target: RowTarget? {
      switch self {
      case .row(let row): return row.target
      case .entry(let entry): return .document(entry.documentID)
      }
    }

    var row: ListRow {
      switch self {
      case .row(let row): return row
      case .entry(let entry): return entry.row
      }
    }
  }

  /// A document citing the page's, with what its row shows. It names its documents by their
  /// places in the library (copying a document costs a retain per field, and the most cited
  /// documents have thousands of entries); the row is made when drawn.
  struct EntryRow: Sendable {
    var province: String
    var entry: ResponseEntry
    var library: Library
    var document: Int
    /// The letter it answers, when it answers one rather than citing the page's document.
    var parent: Int?
    var date: Day?
    var lagWidth: Int

    var documentID: String { library.documents[document].id }

    var row: ListRow {
      let documents = library.documents
      var segments = [
        Segment("  " + DisplayWidth.fit(Format.date(entry.date, notBefore: entry.notBefore), to: 13)),
        Segment(DisplayWidth.fit(Format.lag(entry, from: date), to: lagWidth), .accent),
        Segment(DisplayWidth.fit(province, to: 16)),
      ]
      if library.signals.isFlagged(documents[document].id) { segments.append(Segment("⚠ ", .warning)) }
      segments.append(Segment(Format.label(of: documents[document])))
      if entry.relation == nil, let parent {
        segments.append(Segment("  answers " + Format.label(of: documents[parent]), .dim))
      } else {
        segments.append(Segment("  " + (documents[document].subject ?? documents[document].id), .dim))
      }
      return ListRow(segments, target: .document(documents[document].id))
    }
  }

  func perform(_ action: Action, on state: inout AppState) -> Bool {
    guard action == .showDiagram else { return false }
    state.navigate(to: .diagram(id))
    return true
  }

  static func cited(_ id: String, state: AppState) -> [Line] {
    let library = state.library
    guard let node = library.cited(id: id) else {
      return [.row(ListRow("Nothing in this corpus cites \(id).", .dim))]
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
      let by = library.document(id: supersession.by).map(Format.label(of:)) ?? supersession.by
      rows.append(
        ListRow(
          [
            Segment(
              DisplayWidth.fit(supersession.relation == .repeals ? "Repealed" : "Replaced", to: 10), .warning),
            Segment("⚠ by \(by) on \(supersession.date.vietnamese)", .warning),
          ], target: .document(supersession.by)))
    }
    rows.append(ListRow(""))
    let answers = state.tables?.response(to: node.id) ?? library.response(to: node)
    rows.append(ListRow("Cited by \(answers?.headline ?? "no document")", .header))
    if let split = answers?.split, !split.isEmpty { rows.append(ListRow(split, .dim)) }
    let groups = answers?.provinces ?? []
    let lagWidth = GraphTable.lagWidth(groups.lazy.flatMap(\.entries), from: node.date)
    var lines = rows.map(Line.row)
    lines.reserveCapacity(rows.count + (answers?.citingCount ?? 0) + (answers?.chainedCount ?? 0) + 12)
    func append(group: Int, entry position: Int) {
      let province = groups[group].province
      let entry = groups[group].entries[position]
      guard let document = library.index(of: entry.documentID) else { return }
      let parent = entry.relation == nil ? entry.answers.flatMap(library.index(of:)) : nil
      lines.append(
        .entry(
          EntryRow(
            province: province, entry: entry, library: library, document: document, parent: parent,
            date: node.date, lagWidth: lagWidth)))
    }
    // Each group's province ranked among the folded names (names folding the same share a rank),
    // folded once a province rather than once an entry.
    let foldedNames = groups.map(\.province.folded)
    let foldedOrder = Set(foldedNames).sorted()
    let foldedRanks = Dictionary(uniqueKeysWithValues: zip(foldedOrder, foldedOrder.indices))
    let provinceRanks = foldedNames.map { foldedRanks[$0] ?? 0 }
    // Grouped by what they do with it, answers first, each group by day, folded province, id;
    // then the letters answering those answers, in the tree's order. An entry is its group's
    // position and its own there.
    let far = Day(year: 2100, month: 1, day: 1)!
    var byRelation: [Relation: [(day: Day, rank: Int, group: Int, entry: Int)]] = [:]
    var chained: [(group: Int, entry: Int)] = []
    for (group, provinceGroup) in groups.enumerated() {
      for (position, entry) in provinceGroup.entries.enumerated() {
        if let relation = entry.relation {
          byRelation[relation, default: []].append(
            (entry.date ?? entry.notBefore ?? far, provinceRanks[group], group, position))
        } else {
          chained.append((group, position))
        }
      }
    }
    for relation in relationOrder {
      guard let keyed = byRelation[relation] else { continue }
      let ordered = keyed.sorted { a, b in
        if a.day != b.day { return a.day < b.day }
        if a.rank != b.rank { return a.rank < b.rank }
        return groups[a.group].entries[a.entry].documentID < groups[b.group].entries[b.entry].documentID
      }
      lines.append(.row(ListRow("\(relationHeading(relation)) · \(ordered.count)", .accent)))
      for key in ordered { append(group: key.group, entry: key.entry) }
    }
    if !chained.isEmpty {
      lines.append(.row(ListRow("Answering those answers · \(chained.count)", .accent)))
      for key in chained { append(group: key.group, entry: key.entry) }
    }
    lines += LagChartRows.rows(for: node, state: state).map(Line.row)
    return lines
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
}
