import ArgumentParser
import DirectiveKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the documents (date, province, number, type, subject).")

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let loaded = try corpus.load(warningsOnStandardError: output.chosen != .text)
    let documents = try corpus.selected(loaded)
    let builtIn = corpus.readsBuiltInCorpus
    if output.chosen != .text { loaded.decodeDetails() }
    switch output.chosen {
    case .json:
      // Written as it is made: JSON escapes every scalar `Output.raw` would make visible.
      JSONValue.writeArray(
        count: documents.count, indent: 2,
        element: { ContractJSON.document(documents[$0], builtIn: builtIn) },
        to: { Output.write(bytes: $0, to: stdout) })
      Output.write(bytes: [UInt8(ascii: "\n")], to: stdout)
      return
    case .csv:
      Output.csv(
        header: ContractCSV.documentHeader,
        rows: documents.map { ContractCSV.documentRow($0, builtIn: builtIn) })
      return
    case .text: break
    }
    var table = LibraryTable.bytes(documents)
    table.append(UInt8(ascii: "\n"))
    Output.write(bytes: table, to: stdout)
    Output.line(LibraryTable.summary(loaded, shown: documents.count))
    for warning in loaded.loadWarnings { Output.line("warning: \(warning)") }
  }
}
