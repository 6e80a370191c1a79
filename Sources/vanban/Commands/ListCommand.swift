import ArgumentParser
import DirectiveKit

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the documents (date, province, number, type, subject).")

  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON (fields: docs/json.md).") var json = false

  func run() throws {
    let loaded = try corpus.load(warningsOnStandardError: json)
    let documents = try corpus.selected(loaded)
    if json {
      Output.raw(JSONValue.array(documents.map { ContractJSON.document($0) }).rendered(indent: 2) + "\n")
      return
    }
    Output.line(LibraryTable.render(documents))
    Output.line(LibraryTable.summary(loaded, shown: documents.count))
    for warning in loaded.loadWarnings { Output.line("warning: \(warning)") }
  }
}
