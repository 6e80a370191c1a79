import ArgumentParser
import DirectiveKit
import Foundation

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Show one document, or what is known of a document the corpus cites.")

  @Argument(
    help:
      "An id (see `vanban list`), a file, a number (07-KL/TW, \"Công văn số 215-CV/TU\") or a title (\"Luật Đất đai\")."
  )
  var id: String
  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let loaded = try corpusHoldingFile()
    let node = try resolveNode(id, in: loaded, options: corpus)
    guard let document = loaded.document(id: node.id) else {
      let citing = loaded.graph.citing(node.id).compactMap { loaded.document(id: $0) }
      switch output.chosen {
      case .json: Output.raw(ExternalCard.json(node, citing: citing).rendered(indent: 2) + "\n")
      case .csv: Output.csv(header: ExternalCard.csvHeader, rows: [ExternalCard.csvRow(node, citing: citing)])
      case .text: Output.line(ExternalCard.render(node, citing: citing))
      }
      return
    }
    let builtIn = corpus.readsBuiltInCorpus && ShippedCorpus.files.contains { $0.path == document.file }
    switch output.chosen {
    case .json:
      Output.raw(
        ContractJSON.document(document, includeText: true, builtIn: builtIn).rendered(indent: 2) + "\n")
    case .csv:
      Output.csv(
        header: ContractCSV.documentHeader + ["text"],
        rows: [ContractCSV.documentRow(document, builtIn: builtIn) + [document.text]])
    case .text:
      Output.line(DocumentCard.render(document, graph: loaded.graph, builtIn: builtIn))
    }
  }
}

extension ShowCommand {
  /// The corpus; when the argument is a file the corpus does not hold (`vanban show
  /// ~/letters/x.txt`), the corpus with that file added, so that it opens, linked to the rest.
  func corpusHoldingFile() throws -> Corpus {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: id, isDirectory: &isFolder), !isFolder.boolValue else {
      return try corpus.load()
    }
    let loaded = try corpus.load()
    let resolver = NodeResolver(corpus: loaded, workingDirectory: FileManager.default.currentDirectoryPath)
    guard case .none = resolver.resolve(id) else { return loaded }
    let settings = corpus.settings()
    if settings.corpus.isEmpty {
      guard case .success(let bytes) = Corpus.readFile(id) else { return loaded }
      return Corpus.build(sources: ShippedCorpus.sources + [SourceFile(path: id, bytes: bytes)])
    }
    do {
      return try Corpus.load(paths: settings.corpus.map(\.value) + [id], glob: settings.glob.value)
    } catch let error as CorpusError {
      throw UsageFailure(message: error.message)
    }
  }
}

/// What is known of a cited document the corpus does not hold: what the citing texts say of it,
/// and who cites it.
enum ExternalCard {
  static func render(_ node: GraphNode, citing: [Document]) -> String {
    var lines: [String] = []
    func field(_ name: String, _ value: String?) {
      if let value { lines.append(name.padding(toLength: 10, withPad: " ", startingAt: 0) + value) }
    }
    field("id", node.id)
    field("document", node.label + " — cited, not in this corpus: what its citations say of it")
    field("issuer", node.issuer)
    field("province", node.province ?? (node.level == .central ? "— (a central document)" : nil))
    field("number", node.number)
    field("type", node.type)
    field("date", node.date?.vietnamese)
    field("subject", node.subject)
    if citing.isEmpty { lines.append("cited by  no document of this corpus") }
    for document in citing {
      lines.append("cited by  " + CitingText.describe(document, citing: node))
    }
    return lines.joined(separator: "\n")
  }

  static let csvHeader = [
    "id", "kind", "label", "level", "province", "type", "number", "date", "issuer", "subject", "cited_by",
  ]

  /// `cited_by`: the ids of the citing documents joined by spaces.
  static func csvRow(_ node: GraphNode, citing: [Document]) -> [String?] {
    [
      node.id, node.kind.rawValue, node.label, node.level.rawValue, node.province, node.type, node.number,
      node.date?.iso, node.issuer, node.subject, citing.map(\.id).joined(separator: " "),
    ]
  }

  static func json(_ node: GraphNode, citing: [Document]) -> JSONValue {
    guard case .object(var pairs) = ContractJSON.node(node) else { return ContractJSON.node(node) }
    pairs.append(("cited_by", .array(citing.map { .string($0.id) })))
    return .object(pairs)
  }
}

enum CitingText {
  /// `000_c04fbf0a9182cd61 · Nam Định · 215-CV/TU · 14/06/2021 · implements · +3 days`.
  static func describe(_ document: Document, citing node: GraphNode) -> String {
    let when = document.date?.vietnamese ?? document.notBefore.map { "≥ " + $0.vietnamese } ?? "undated"
    var parts = [document.id, document.province ?? "—", document.number ?? "no number", when]
    parts.append(relation(of: document, to: node.id).phrase)
    if let from = node.date {
      if let date = document.date {
        parts.append("+\(date.days(since: from)) days")
      } else if let notBefore = document.notBefore {
        parts.append("≥ +\(notBefore.days(since: from)) days")
      }
    }
    return parts.joined(separator: " · ")
  }
}
