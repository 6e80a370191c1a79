import ArgumentParser
import DirectiveKit

struct Browse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse", abstract: "Open the terminal browser (the default).")

  @OptionGroup var corpus: CorpusOptions

  func run() throws {
    print("browser not built yet")
  }
}
