import ArgumentParser
import DirectiveKit

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph", abstract: "The citation graph: json (docs/json.md), dot (Graphviz) or tsv edges.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case json, dot, tsv, csv }

  @OptionGroup var corpus: CorpusOptions
  @Option(help: "json, dot, tsv or csv (csv: the edges, as tsv's columns).") var format: Format = .json

  func run() throws {
    let loaded = try corpus.load()
    let provinces = try corpus.selectedProvinces(loaded)
    switch format {
    case .json: Output.raw(GraphExport.json(loaded, provinces: provinces).rendered(indent: 2) + "\n")
    case .dot: Output.raw(GraphExport.dot(loaded, provinces: provinces))
    case .tsv: Output.raw(GraphExport.tsv(loaded, provinces: provinces))
    case .csv:
      Output.csv(
        header: GraphExport.edgeHeader,
        rows: GraphExport.edgeRows(loaded, provinces: provinces).map { $0.map { Optional($0) } })
    }
  }
}

struct CitesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "cites", abstract: "What a document cites.")

  @Argument(help: "A document of the corpus: its id, file or number (215-CV/TU), as for `vanban show`.")
  var id: String
  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let loaded = try corpus.load()
    let citations = try resolveDocument(
      id, in: loaded, options: corpus, what: "what it cites is unknown (`vanban cited-by` lists who cites it)"
    ).citations
    switch output.chosen {
    case .json:
      Output.raw(JSONValue.array(citations.map(ContractJSON.citation)).rendered(indent: 2) + "\n")
      return
    case .csv:
      Output.csv(header: ContractCSV.citationHeader, rows: citations.map(ContractCSV.citationRow))
      return
    case .text: break
    }
    if citations.isEmpty { Output.line("\(id) cites no document") }
    for citation in citations { Output.line(CitationText.describe(citation)) }
  }
}

struct CitedByCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cited-by", abstract: "The corpus documents citing a document (in the corpus or not).")

  @Argument(
    help:
      "A document: its id, an ext: id, a file, a number (07-KL/TW, \"Kết luận 07-KL/TW\") or a title (\"Luật Đất đai\")."
  )
  var id: String
  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let loaded = try corpus.load()
    let cited = try resolveNode(id, in: loaded, options: corpus)
    let filter = try corpus.provinceFilter(loaded)
    let citing = loaded.graph.citing(cited.id).compactMap { loaded.document(id: $0) }.filter {
      filter?.matches($0) ?? true
    }
    func lag(_ document: Document) -> Int? {
      document.date.flatMap { day in cited.date.map { day.days(since: $0) } }
    }
    if output.chosen == .csv {
      Output.csv(
        header: ["id", "province", "date", "not_before", "lag_days", "relation"],
        rows: citing.map { document in
          [
            document.id, document.province, document.date?.iso, document.notBefore?.iso,
            lag(document).map(String.init),
            relation(of: document, to: cited.id).rawValue,
          ]
        })
      return
    }
    if output.chosen == .json {
      let rows = citing.map { document -> JSONValue in
        .object([
          ("id", .string(document.id)), ("province", document.province.map(JSONValue.string) ?? .null),
          ("date", document.date.map { .string($0.iso) } ?? .null),
          ("not_before", document.notBefore.map { .string($0.iso) } ?? .null),
          ("lag_days", lag(document).map(JSONValue.int) ?? .null),
          ("relation", .string(relation(of: document, to: cited.id).rawValue)),
        ])
      }
      Output.raw(JSONValue.array(rows).rendered(indent: 2) + "\n")
      return
    }
    Output.line(
      "\(cited.label)\(cited.issuer.map { " · " + $0 } ?? "")\(cited.date.map { " · " + $0.vietnamese } ?? "") (\(cited.id))"
    )
    if citing.isEmpty { Output.line("  cited by no document of this corpus") }
    for document in citing { Output.line("  " + CitingText.describe(document, citing: cited)) }
  }
}
