/// The citation graph as JSON (the contract), Graphviz dot, or tab-separated edges.
public enum GraphExport {
  /// The documents of `provinces` (all when nil) and every node they cite.
  public static func subgraph(_ corpus: Corpus, provinces: Set<String>?) -> (
    nodes: [GraphNode], edges: [GraphEdge]
  ) {
    guard let provinces else { return (corpus.graph.nodes, corpus.graph.edges) }
    let kept = Set(
      corpus.documents.filter { provinces.contains($0.province ?? CitationGraph.unknownProvince) }.map(\.id))
    let edges = corpus.graph.edges.filter { kept.contains($0.from) }
    let ids = kept.union(edges.map(\.to))
    return (corpus.graph.nodes.filter { ids.contains($0.id) }, edges)
  }

  public static func json(_ corpus: Corpus, provinces: Set<String>? = nil) -> JSONValue {
    let (nodes, edges) = subgraph(corpus, provinces: provinces)
    return .object([
      ("nodes", .array(nodes.map(ContractJSON.node))), ("edges", .array(edges.map(ContractJSON.edge))),
    ])
  }

  /// Provinces as clusters, central documents on the top rank.
  public static func dot(_ corpus: Corpus, provinces: Set<String>? = nil) -> String {
    let (nodes, edges) = subgraph(corpus, provinces: provinces)
    var lines = [
      "digraph vanban {", "  rankdir=BT;", "  node [shape=box, fontname=\"DejaVu Sans\", fontsize=10];",
    ]
    let central = nodes.filter { $0.level == .central }
    lines.append("  subgraph central { rank=max;")
    for node in central { lines.append("    \(quoted(node.id)) [label=\(quoted(label(node))), style=bold];") }
    lines.append("  }")
    var byProvince: [String: [GraphNode]] = [:]
    var loose: [GraphNode] = []
    for node in nodes where node.level != .central {
      if let province = node.province {
        byProvince[province, default: []].append(node)
      } else {
        loose.append(node)
      }
    }
    for (position, province) in byProvince.keys.sorted(by: { $0.folded < $1.folded }).enumerated() {
      lines.append("  subgraph cluster_\(position) { label=\(quoted(province));")
      for node in byProvince[province] ?? [] {
        let style = node.kind == .external ? ", style=dashed" : ""
        lines.append("    \(quoted(node.id)) [label=\(quoted(label(node)))\(style)];")
      }
      lines.append("  }")
    }
    for node in loose { lines.append("  \(quoted(node.id)) [label=\(quoted(label(node))), style=dashed];") }
    for edge in edges {
      let weight = edge.mentions > 1 ? ", label=\"\(edge.mentions)\"" : ""
      lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to)) [\(edgeStyle(edge.relation))\(weight)];")
    }
    lines += legend(Set(edges.map(\.relation)))
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// How an edge of each relation is drawn: carrying out bold, resting on solid or dashed,
  /// guiding and amending dotted in colour, replacing and repealing red, a bare mention thin gray.
  public static func edgeStyle(_ relation: Relation) -> String {
    switch relation {
    case .implements: return "style=bold, penwidth=2, color=\"black\""
    case .pursuant: return "style=solid, color=\"black\""
    case .accordingTo: return "style=dashed, color=\"black\""
    case .guides: return "style=dotted, penwidth=1.5, color=\"blue\""
    case .amends: return "style=dotted, penwidth=1.5, color=\"darkorange\""
    case .replaces: return "style=solid, penwidth=1.5, color=\"red\""
    case .repeals: return "style=dashed, penwidth=1.5, color=\"red\""
    case .refers: return "style=solid, penwidth=0.5, color=\"gray50\""
    case .unknown: return "style=dotted, penwidth=0.5, color=\"gray50\""
    }
  }

  /// A cluster showing one sample edge per relation present, named in words.
  static func legend(_ present: Set<Relation>) -> [String] {
    let shown = Relation.allCases.filter(present.contains)
    guard !shown.isEmpty else { return [] }
    var lines = [
      "  subgraph cluster_legend { label=\"relations\"; fontsize=9; style=dashed;",
      "    node [shape=plaintext, fontsize=9];",
    ]
    for relation in shown {
      let name = "legend_" + relation.rawValue
      lines.append(
        "    \(quoted(name + "_from")) [label=\"\"]; \(quoted(name + "_to")) [label=\(quoted(relation.phrase))];"
      )
      lines.append("    \(quoted(name + "_from")) -> \(quoted(name + "_to")) [\(edgeStyle(relation))];")
    }
    lines.append("  }")
    return lines
  }

  /// One edge a row, with what a spreadsheet needs beside it: dates, provinces and the lag.
  public static func tsv(_ corpus: Corpus, provinces: Set<String>? = nil) -> String {
    let rows = [edgeHeader] + edgeRows(corpus, provinces: provinces)
    return rows.map { $0.map(cell).joined(separator: "\t") }.joined(separator: "\n") + "\n"
  }

  /// The columns of `tsv` and of `graph --format csv`.
  public static let edgeHeader = [
    "from", "from_province", "from_date", "to", "to_label", "to_issuer", "to_date", "in_corpus",
    "mentions", "lag_days", "relation",
  ]

  public static func edgeRows(_ corpus: Corpus, provinces: Set<String>? = nil) -> [[String]] {
    let (_, edges) = subgraph(corpus, provinces: provinces)
    var rows: [[String]] = []
    for edge in edges {
      let citing = corpus.document(id: edge.from)
      let cited = corpus.graph.node(edge.to)
      let lag = citing?.date.flatMap { day in cited?.date.map { String(day.days(since: $0)) } }
      rows.append([
        edge.from, citing?.province ?? "", citing?.date?.iso ?? "", edge.to, cited?.label ?? "",
        cited?.issuer ?? "",
        cited?.date?.iso ?? "", cited?.kind == .document ? "true" : "false", String(edge.mentions), lag ?? "",
        edge.relation.rawValue,
      ])
    }
    return rows
  }

  static func label(_ node: GraphNode) -> String {
    var parts = [node.label]
    if let issuer = node.issuer { parts.append(issuer) }
    if let date = node.date { parts.append(date.vietnamese) }
    return parts.joined(separator: "\n")
  }

  /// A dot string: quotes and backslashes escaped, line breaks as `\n`, controls dropped.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      default:
        if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  static func cell(_ text: String) -> String {
    String(
      String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
  }

  // MARK: - One document's diagram

  /// `vanban related --format json`: the center, then the groups above and below, each entry
  /// flat with its depth and parent (docs/json.md).
  public static func json(_ related: RelatedDocuments) -> JSONValue {
    func entry(_ entry: RelatedDocuments.Entry) -> JSONValue {
      .object([
        ("id", .string(entry.id)), ("kind", .string(entry.kind.rawValue)), ("label", .string(entry.label)),
        ("level", .string(entry.level.rawValue)), ("type", .optional(entry.type)),
        ("number", .optional(entry.number)), ("date", .optional(entry.date?.iso)),
        ("not_before", .optional(entry.notBefore?.iso)), ("issuer", .optional(entry.issuer)),
        ("province", .optional(entry.province)), ("relation", .optional(entry.relation?.rawValue)),
        ("lag_days", entry.lagDays.map(JSONValue.int) ?? .null),
        ("lag_at_least", .bool(entry.lagIsLowerBound)),
        ("depth", .int(entry.depth)), ("parent", .optional(entry.parent)), ("direct", .bool(entry.direct)),
      ])
    }
    func group(_ group: RelatedDocuments.Group) -> JSONValue {
      .object([
        ("relations", .array(group.relations.map { .string($0.rawValue) })), ("title", .string(group.title)),
        ("entries", .array(group.entries.map(entry))),
      ])
    }
    return .object([
      ("center", entry(related.center)), ("above", .array(related.above.map(group))),
      ("below", .array(related.below.map(group))),
    ])
  }

  /// `vanban related --format dot`: the center in the middle, what it cites above, who cites it
  /// below, edges from citing to cited styled per relation, with the legend.
  public static func dot(_ related: RelatedDocuments) -> String {
    var lines = [
      "digraph related {", "  rankdir=BT;", "  node [shape=box, fontname=\"DejaVu Sans\", fontsize=10];",
    ]
    func nodeLabel(_ entry: RelatedDocuments.Entry) -> String {
      var parts = [entry.label]
      if let issuer = entry.issuer { parts.append(issuer) }
      if let province = entry.province { parts.append(province) }
      if let date = entry.date {
        parts.append(date.vietnamese)
      } else if let day = entry.notBefore {
        parts.append("≥ " + day.vietnamese)
      }
      if let lag = entry.lagDays { parts.append((entry.lagIsLowerBound ? "≥ " : "") + "+\(lag) d") }
      return parts.joined(separator: "\n")
    }
    func declare(_ entry: RelatedDocuments.Entry, extra: String) -> String {
      "\(quoted(entry.id)) [label=\(quoted(nodeLabel(entry)))\(extra)\(entry.kind == .external ? ", style=dashed" : "")];"
    }
    lines.append("  \(declare(related.center, extra: ", penwidth=2.5"))")
    var declared: Set<String> = [related.center.id]
    var relations = Set<Relation>()
    let aboveEntries = related.above.flatMap(\.entries)
    if !aboveEntries.isEmpty {
      lines.append("  subgraph above { rank=same;")
      for entry in aboveEntries where declared.insert(entry.id).inserted {
        lines.append("    " + declare(entry, extra: ""))
      }
      lines.append("  }")
    }
    for entry in related.below.flatMap(\.entries) where declared.insert(entry.id).inserted {
      lines.append("  " + declare(entry, extra: ""))
    }
    for entry in aboveEntries {
      let relation = entry.relation ?? .refers
      relations.insert(relation)
      lines.append("  \(quoted(related.center.id)) -> \(quoted(entry.id)) [\(edgeStyle(relation))];")
    }
    for entry in related.below.flatMap(\.entries) {
      let relation = entry.relation ?? .refers
      relations.insert(relation)
      lines.append(
        "  \(quoted(entry.id)) -> \(quoted(entry.parent ?? related.center.id)) [\(edgeStyle(relation))];")
    }
    lines += legend(relations)
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}
