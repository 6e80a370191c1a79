import ArgumentParser
import DirectiveKit

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph", abstract: "The citation graph: json (docs/json.md), dot (Graphviz) or tsv edges.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case json, dot, tsv }

  @OptionGroup var corpus: CorpusOptions
  @Option(help: "json, dot or tsv.") var format: Format = .json

  func run() throws {
    let loaded = try corpus.load()
    let provinces = try corpus.selectedProvinces(loaded)
    switch format {
    case .json: Output.raw(GraphExport.json(loaded, provinces: provinces).rendered(indent: 2) + "\n")
    case .dot: Output.raw(GraphExport.dot(loaded, provinces: provinces))
    case .tsv: Output.raw(GraphExport.tsv(loaded, provinces: provinces))
    }
  }
}

struct CitesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "cites", abstract: "What a document cites.")

  @Argument(help: "A document of the corpus: its id, file or number (215-CV/TU), as for `vanban show`.")
  var id: String
  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON: the document's citations (fields: docs/json.md).") var json = false

  func run() throws {
    let loaded = try corpus.load()
    let citations = try resolveDocument(
      id, in: loaded, options: corpus, what: "what it cites is unknown (`vanban cited-by` lists who cites it)"
    ).citations
    if json {
      Output.raw(JSONValue.array(citations.map(ContractJSON.citation)).rendered(indent: 2) + "\n")
      return
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
  @Flag(help: "JSON: the citing documents' ids, provinces, dates, lags and relations.") var json = false

  func run() throws {
    let loaded = try corpus.load()
    let cited = try resolveNode(id, in: loaded, options: corpus)
    let filter = try corpus.provinceFilter()
    let citing = loaded.graph.citing(cited.id).compactMap { loaded.document(id: $0) }.filter {
      filter?.matches($0) ?? true
    }
    func lag(_ document: Document) -> Int? {
      document.date.flatMap { day in cited.date.map { day.days(since: $0) } }
    }
    if json {
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
