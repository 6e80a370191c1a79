import ArgumentParser
import DirectiveKit

@main
struct Vanban: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban",
    abstract: "A terminal browser for corpora of Vietnamese directives.",
    subcommands: [
      Browse.self, ListCommand.self, ShowCommand.self, Generate.self,
    ],
    defaultSubcommand: Browse.self
  )
}
