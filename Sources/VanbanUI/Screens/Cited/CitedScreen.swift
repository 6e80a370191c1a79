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
    ScreenContent(
      rows: Self.cited(id, state: state), status: "a document outside the corpus, and who cites it")
  }

  func perform(_ action: Action, on state: inout AppState) -> Bool {
    guard action == .showDiagram else { return false }
    state.navigate(to: .diagram(id))
    return true
  }

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
    let answers = library.response(to: node)
    rows.append(ListRow("Cited by \(answers?.headline ?? "no document")", .header))
    if let split = answers?.split, !split.isEmpty { rows.append(ListRow(split, .dim)) }
    let entries = (answers?.provinces ?? []).flatMap { group in group.entries.map { (group.province, $0) } }
    let lagWidth = Format.lagWidth(entries.map { Format.lag($0.1, from: node.date) })
    func row(_ province: String, _ entry: ResponseEntry) -> ListRow? {
      guard let document = library.document(id: entry.documentID) else { return nil }
      var segments = [
        Segment("  " + DisplayWidth.fit(Format.date(entry.date, notBefore: entry.notBefore), to: 13)),
        Segment(DisplayWidth.fit(Format.lag(entry, from: node.date), to: lagWidth), .accent),
        Segment(DisplayWidth.fit(province, to: 16)),
      ]
      if library.signals.isFlagged(document.id) { segments.append(Segment("⚠ ", .warning)) }
      segments.append(Segment(Format.label(of: document)))
      if entry.relation == nil, let parent = entry.answers.flatMap(library.document(id:)) {
        segments.append(Segment("  answers " + Format.label(of: parent), .dim))
      } else {
        segments.append(Segment("  " + (document.subject ?? document.id), .dim))
      }
      return ListRow(segments, target: .document(document.id))
    }
    let far = Day(year: 2100, month: 1, day: 1)!
    func byDate(_ a: (String, ResponseEntry), _ b: (String, ResponseEntry)) -> Bool {
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
    rows += LagChartRows.rows(for: node, state: state)
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
}
