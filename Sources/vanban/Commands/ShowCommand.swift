import ArgumentParser
import DirectiveKit

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one document.")

  @Argument(help: "The document's id.") var id: String
  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON, as the contract specifies.") var json = false

  func run() throws {}
}
