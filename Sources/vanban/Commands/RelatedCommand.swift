import ArgumentParser
import DirectiveKit

struct RelatedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "related",
    abstract: "A document in the middle: what it stands on above, what stands on it below, with chains.",
    discussion: """
      Above: what the document cites, grouped by what it does with them (implements, pursuant to, \
      according to, guides/amends/replaces/repeals, mentions). Below: the documents of the corpus citing \
      it, grouped by what they do with it (implemented by first), each followed by the letters answering \
      it in turn. Each entry has its date (or ≥ not_before), issuer, province and lag in days from the \
      earlier document. --province narrows which document is meant and who is shown below.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, dot, csv }

  @Argument(
    help:
      "A document: its id, an ext: id, a file, a number (07-KL/TW, \"Kết luận 07-KL/TW\") or a title (\"Luật Đất đai\")."
  )
  var id: String
  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "The same as --format json (fields: docs/json.md).") var json = false
  @Option(help: "text, json, csv (one row per entry) or dot (Graphviz).") var format: Format = .text

  func run() throws {
    let loaded = try corpus.load()
    let node = try resolveNode(id, in: loaded, options: corpus)
    guard
      let related = RelatedDocuments(
        id: node.id, corpus: loaded, provinces: try corpus.selectedProvinces(loaded))
    else { throw ExitCode(1) }
    switch json ? .json : format {
    case .json: Output.raw(GraphExport.json(related).rendered(indent: 2) + "\n")
    case .dot: Output.raw(GraphExport.dot(related))
    case .text: Output.raw(Self.text(related))
    case .csv: Output.csv(header: Self.csvHeader, rows: Self.csvRows(related))
    }
  }

  static let csvHeader = [
    "side", "group", "depth", "parent", "id", "kind", "label", "level", "type", "number", "issuer",
    "province",
    "date", "not_before", "relation", "lag_days", "lag_at_least",
  ]

  /// The center (side `center`), then each entry above and below with its group's title.
  static func csvRows(_ related: RelatedDocuments) -> [[String?]] {
    func row(_ side: String, _ group: String?, _ entry: RelatedDocuments.Entry) -> [String?] {
      [
        side, group, String(entry.depth), entry.parent, entry.id, entry.kind.rawValue, entry.label,
        entry.level.rawValue, entry.type, entry.number, entry.issuer, entry.province, entry.date?.iso,
        entry.notBefore?.iso, entry.relation?.rawValue, entry.lagDays.map(String.init),
        String(entry.lagIsLowerBound),
      ]
    }
    return [row("center", nil, related.center)]
      + related.above.flatMap { group in group.entries.map { row("above", group.title, $0) } }
      + related.below.flatMap { group in group.entries.map { row("below", group.title, $0) } }
  }

  /// The diagram as indented text: the center, `▲` groups above, `▼` groups below, chains by indentation.
  static func text(_ related: RelatedDocuments) -> String {
    var lines = [describe(related.center, lagWord: nil), ""]
    if related.above.isEmpty {
      lines.append(
        related.center.kind == .external
          ? "▲ not in this corpus: what it cites is unknown" : "▲ cites no document")
    }
    for group in related.above {
      lines.append("▲ \(group.title)")
      for entry in group.entries { lines.append("    " + describe(entry, lagWord: "before")) }
    }
    lines.append("")
    if related.below.isEmpty { lines.append("▼ cited by no document of this corpus") }
    for group in related.below {
      lines.append("▼ \(group.title)")
      for entry in group.entries {
        let indent = String(repeating: "   ", count: min(entry.depth, 20))
        let deeper = entry.depth > 20 ? "(\(entry.depth) deep) " : ""
        let relation = entry.depth > 0 ? (entry.relation.map { $0.phrase + " ↑ · " } ?? "") : ""
        lines.append(
          "    " + indent + (entry.depth > 0 ? "└ " : "") + deeper + relation
            + describe(entry, lagWord: "after"))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `Công văn 215-CV/TU · 000_c04fbf0a9182cd61 · Ban Thường vụ Tỉnh ủy Nam Định · Nam Định · 14/06/2021 · 3 days after`.
  static func describe(_ entry: RelatedDocuments.Entry, lagWord: String?) -> String {
    var parts = [entry.label, entry.id]
    if let issuer = entry.issuer { parts.append(issuer) }
    parts.append(entry.province ?? (entry.level == .central ? "central" : "province unknown"))
    parts.append(entry.date?.vietnamese ?? entry.notBefore.map { "≥ " + $0.vietnamese } ?? "undated")
    if let lag = entry.lagDays, let lagWord {
      parts.append((entry.lagIsLowerBound ? "≥ " : "") + "\(lag) days \(lagWord)")
    }
    if entry.kind == .external { parts.append("not in corpus") }
    return parts.joined(separator: " · ")
  }
}
