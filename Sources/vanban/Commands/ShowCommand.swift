import ArgumentParser
import DirectiveKit

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one document.")

  @Argument(help: "The document's id (see `vanban list`).") var id: String
  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON, with the whole text (fields: docs/json.md).") var json = false

  func run() throws {
    let loaded = try corpus.load()
    let document = try document(id, in: loaded)
    if json {
      Output.raw(ContractJSON.document(document, includeText: true).rendered(indent: 2) + "\n")
      return
    }
    Output.line(DocumentCard.render(document, graph: loaded.graph))
  }
}
