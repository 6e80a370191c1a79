/// The citation graph as JSON (the contract), Graphviz dot, or tab-separated edges.
public enum GraphExport {
  /// The documents of `provinces` (all when nil) and every node they cite.
  public static func subgraph(_ corpus: Corpus, provinces: Set<String>?) -> (
    nodes: [GraphNode], edges: [GraphEdge]
  ) {
    guard let provinces else { return (corpus.graph.nodes, corpus.graph.edges) }
    let kept = Set(corpus.documents.filter { $0.province.map(provinces.contains) == true }.map(\.id))
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
    lines.append("  subgraph central { rank=min;")
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
      let weight = edge.mentions > 1 ? " [label=\"\(edge.mentions)\"]" : ""
      lines.append("  \(quoted(edge.from)) -> \(quoted(edge.to))\(weight);")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// One edge a row, with what a spreadsheet needs beside it: dates, provinces and the lag.
  public static func tsv(_ corpus: Corpus, provinces: Set<String>? = nil) -> String {
    let (_, edges) = subgraph(corpus, provinces: provinces)
    var rows = [
      [
        "from", "from_province", "from_date", "to", "to_label", "to_issuer", "to_date", "in_corpus",
        "mentions", "lag_days",
      ]
    ]
    for edge in edges {
      let citing = corpus.document(id: edge.from)
      let cited = corpus.graph.node(edge.to)
      let lag = citing?.date.flatMap { day in cited?.date.map { String(day.days(since: $0)) } }
      rows.append([
        edge.from, citing?.province ?? "", citing?.date?.iso ?? "", edge.to, cited?.label ?? "",
        cited?.issuer ?? "",
        cited?.date?.iso ?? "", cited?.kind == .document ? "true" : "false", String(edge.mentions), lag ?? "",
      ])
    }
    return rows.map { $0.map(cell).joined(separator: "\t") }.joined(separator: "\n") + "\n"
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
}
