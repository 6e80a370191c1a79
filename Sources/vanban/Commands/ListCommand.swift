import ArgumentParser
import DirectiveKit

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the documents.")

  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON, as the contract specifies.") var json = false

  func run() throws {}
}
