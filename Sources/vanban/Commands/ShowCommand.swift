import ArgumentParser
import DirectiveKit

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one document.")

  @Argument(help: "The document's id (see `vanban list`).") var id: String
  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON, as the contract specifies, with the whole text.") var json = false

  func run() throws {
    let loaded = try corpus.load()
    guard let document = loaded.document(id: id) else {
      Output.error("no document with id \(id) in this corpus")
      throw ExitCode(1)
    }
    if json {
      Output.raw(ContractJSON.document(document, includeText: true).rendered(indent: 2) + "\n")
      return
    }
    Output.line(DocumentCard.render(document, graph: loaded.graph))
  }
}
