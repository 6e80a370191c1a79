import ArgumentParser
import DirectiveKit
import Foundation

struct LagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lag",
    abstract:
      "How fast each province answered a central document: days to its first answer, with the median.",
    discussion: """
      An answer is a document of a province that implements the document or acts according to it. \
      Per province, the days from the document's date to its first answer, fewest first, drawn as bars \
      (in # when the locale is not UTF-8), the median marked; an undated answer counts to the latest \
      date it cites (≥). The provinces of the corpus that never answered are listed apart. --province \
      narrows the provinces counted.
      """)

  @Argument(help: "A document: its id, an ext: id, a number (07-KL/TW) or a title, as for `vanban cited-by`.")
  var id: String
  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let loaded = try corpus.load()
    let node = try resolveNode(id, in: loaded, options: corpus)
    let documents = try corpus.selected(loaded)
    guard let lag = AnswerLag(central: node.id, documents: documents, graph: loaded.graph) else {
      Output.error("\(node.label) (\(node.id)) bears no date: there is no lag to count")
      throw ExitCode(1)
    }
    switch output.chosen {
    case .text: Output.raw(LagChart.render(lag, unicode: Self.localeIsUTF8()))
    case .csv: Output.csv(header: ContractCSV.lagHeader, rows: ContractCSV.lagRows(lag))
    case .json: Output.raw(Self.json(lag).rendered(indent: 2) + "\n")
    }
  }

  static func json(_ lag: AnswerLag) -> JSONValue {
    .object([
      ("document", ContractJSON.node(lag.central)),
      (
        "provinces",
        .array(
          lag.rows.map { row in
            .object([
              ("province", .string(row.province)), ("document", .string(row.documentID)),
              ("days", .int(row.days)), ("lower_bound", .bool(row.isLowerBound)),
            ])
          })
      ),
      ("median_days", lag.medianDays.map { JSONValue.number($0) } ?? .null),
      ("unanswered", .array(lag.unanswered.map(JSONValue.string))),
    ])
  }

  /// Whether the locale's character set is UTF-8, as the C library reads it: the first of
  /// `LC_ALL`, `LC_CTYPE`, `LANG` that is set and not empty (none: the C locale, ASCII).
  static func localeIsUTF8(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    let lowered = name.lowercased()
    return lowered.contains("utf-8") || lowered.contains("utf8")
  }
}
