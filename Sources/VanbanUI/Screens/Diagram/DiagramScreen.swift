import DirectiveKit

/// The diagram screen (`d`): in the shape of a Lược đồ, what the document stands on above it, the
/// document in a box in the middle, and what stands on it below, each group titled, chains drawn
/// as trees. The data is `RelatedDocuments`; this only lays it out.
struct DiagramScreen: ScreenView {
  var id: String

  var title: String { "Diagram" }
  var scope: KeyScope? { .diagram }
  var subject: String? { id }
  var hints: [Hint] {
    [
      Hint(.open, "open"), Hint(.showDiagram, "its diagram"), Hint(.back, "back"),
      Hint(.provincePicker, "province"),
      Hint(.help, "help"), Hint(.close, "close"),
    ]
  }

  func content(in state: AppState) -> ScreenContent {
    guard let related = state.library.related(id: id, provinces: state.provinceFilter) else {
      return ScreenContent(
        rows: [ListRow("No document or cited document \(id) in this corpus.", .dim)], status: "")
    }
    return ScreenContent(rows: Self.rows(id, related, state: state), status: Self.status(related))
  }

  /// `d` on an entry: its own diagram.
  func perform(_ action: Action, on state: inout AppState) -> Bool {
    guard action == .showDiagram else { return false }
    let targets = state.content.targets
    guard targets.indices.contains(state.page.selection) else { return true }
    switch targets[state.page.selection] {
    case .document(let id), .cited(let id): state.navigate(to: .diagram(id))
    case .province, .page: break
    }
    return true
  }

  static func rows(_ id: String, _ related: RelatedDocuments, state: AppState) -> [ListRow] {
    let library = state.library
    var rows: [ListRow] = []
    let lagWidth = Format.lagWidth(
      related.above.flatMap { $0.entries.map { lag($0, above: true) } }
        + related.below.flatMap { $0.entries.map { lag($0, above: false) } })
    let width = max(20, state.width - 4)
    let connector = String(repeating: " ", count: min(width / 2, 30)) + "│"
    if related.above.isEmpty {
      rows.append(
        ListRow(
          library.document(id: id) == nil
            ? "Not in the corpus: what it stands on is not known." : "It cites no document.", .dim))
    } else {
      rows.append(ListRow("What it stands on", .header))
      for group in related.above {
        rows += groupRows(group, above: true, lagWidth: lagWidth, library: library)
      }
    }
    rows.append(ListRow(connector, .dim))
    rows += box(related.center, library: library, width: width)
    rows.append(ListRow(connector, .dim))
    if related.below.isEmpty {
      rows.append(
        ListRow(
          state.provinceFilter.isEmpty
            ? "No document of this corpus stands on it." : "No document of these provinces stands on it.",
          .dim))
    } else {
      rows.append(ListRow("What stands on it", .header))
      for group in related.below {
        rows += groupRows(group, above: false, lagWidth: lagWidth, library: library)
      }
    }
    return rows
  }

  /// `2 above · 3 below (1 in chains)`.
  static func status(_ related: RelatedDocuments) -> String {
    let above = related.above.reduce(0) { $0 + $1.entries.count }
    let below = related.below.flatMap(\.entries)
    let chained = below.filter { $0.depth > 0 }.count
    return "\(above) above · \(below.count) below"
      + (chained > 0 ? " (\(chained) in chains)" : "") + " · lags from the document above each one"
  }

  static func groupRows(_ group: RelatedDocuments.Group, above: Bool, lagWidth: Int, library: Library)
    -> [ListRow]
  {
    var rows = [ListRow("\(group.title) · \(group.entries.count)", .accent)]
    let prefixes = TreeLines.prefixes(group.entries.map(\.depth))
    for (entry, prefix) in zip(group.entries, prefixes) {
      rows.append(
        ListRow(
          [Segment("  " + prefix, .dim)]
            + columns(entry, in: group, above: above, lagWidth: lagWidth, library: library),
          target: .cited(entry.id)))
    }
    return rows
  }

  /// Date, lag, province, mark, the relation when the title does not say it, label, issuer.
  static func columns(
    _ entry: RelatedDocuments.Entry, in group: RelatedDocuments.Group, above: Bool, lagWidth: Int,
    library: Library
  ) -> [Segment] {
    var segments = [
      Segment(DisplayWidth.fit(Format.date(entry.date, notBefore: entry.notBefore), to: 13)),
      Segment(DisplayWidth.fit(lag(entry, above: above), to: lagWidth), .accent),
      Segment(DisplayWidth.fit(entry.province ?? "—", to: 14)),
    ]
    if library.signals.isFlagged(entry.id) { segments.append(Segment("⚠ ", .warning)) }
    // The relation when the group's title does not say it: groups of several, and chain letters
    // doing something else with the letter they are shown under.
    if let relation = entry.relation, group.relations.count > 1 || relation != group.relations.first {
      segments.append(Segment(relation.phrase + ": ", .dim))
    }
    segments.append(Segment(entry.label))
    if let issuer = entry.issuer { segments.append(Segment(" · " + issuer, .dim)) }
    return segments
  }

  /// Below: `+3 d` after the document it answers; above: `-3 d`, that many days before the
  /// document in the middle. `≥` when the later one is undated and bounded; `?` when unknown.
  static func lag(_ entry: RelatedDocuments.Entry, above: Bool) -> String {
    guard let days = entry.lagDays else { return "?" }
    let signed = above ? -days : days
    let text = signed >= 0 ? "+\(signed) d" : "\(signed) d"
    return entry.lagIsLowerBound ? "≥ " + text : text
  }

  /// The document in the middle, boxed: label, issuer and province, date, subject.
  static func box(_ center: RelatedDocuments.Entry, library: Library, width: Int) -> [ListRow] {
    let document = library.document(id: center.id)
    var lines = [center.label]
    lines.append(
      [center.issuer, center.province, Format.date(center.date, notBefore: center.notBefore)]
        .compactMap { $0 }.joined(separator: " · "))
    if let subject = document?.subject ?? library.cited(id: center.id)?.subject { lines.append(subject) }
    lines.append(document != nil ? "in corpus: \(center.id)" : "not in corpus · \(center.id)")
    var warnings: [String] = []
    for supersession in library.signals.supersessions[center.id] ?? [] {
      let by = library.document(id: supersession.by).map(Format.label(of:)) ?? supersession.by
      warnings.append(
        "⚠ \(supersession.relation == .repeals ? "repealed" : "replaced") on \(supersession.date.vietnamese) by \(by)"
      )
    }
    for stale in library.signals.stale[center.id] ?? [] {
      let cited = library.corpus.graph.node(stale.target)?.label ?? stale.target
      warnings.append("⚠ \(stale.relation.phrase) \(cited), replaced before it")
    }
    let inner = min(width - 4, max(20, (lines + warnings).map { DisplayWidth.width(of: $0) }.max() ?? 20))
    var rows = [ListRow("┌" + String(repeating: "─", count: inner + 2) + "┐", .accent)]
    for (index, line) in lines.enumerated() {
      rows.append(
        ListRow(
          [
            Segment("│ ", .accent), Segment(DisplayWidth.fit(line, to: inner), index == 0 ? .accent : .plain),
            Segment(" │", .accent),
          ], target: index == 0 ? .cited(center.id) : nil))
    }
    for warning in warnings {
      rows.append(
        ListRow([
          Segment("│ ", .accent), Segment(DisplayWidth.fit(warning, to: inner), .warning),
          Segment(" │", .accent),
        ]))
    }
    rows.append(ListRow("└" + String(repeating: "─", count: inner + 2) + "┘", .accent))
    return rows
  }
}
