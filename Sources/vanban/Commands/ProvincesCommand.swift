import ArgumentParser
import DirectiveKit

struct ProvincesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "provinces",
    abstract: "The provinces present in the corpus with counts, before and since the 2025 merger.")

  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON.") var json = false

  func run() throws {
    let tally = ProvinceTally(documents: try corpus.selected(try corpus.load()))
    if json {
      let old = tally.provinces.map { province -> JSONValue in
        .object([
          ("name", .string(province.name)), ("code", province.code.map(JSONValue.string) ?? .null),
          ("province_2025", province.name2025.map(JSONValue.string) ?? .null),
          ("documents", .int(province.documents)),
        ])
      }
      let new = tally.provinces2025.map { province -> JSONValue in
        .object([
          ("name", .string(province.name)), ("documents", .int(province.documents)),
          ("merged", .array(province.oldProvinces.map(JSONValue.string))),
        ])
      }
      let value = JSONValue.object([
        ("provinces", .array(old)), ("provinces_2025", .array(new)),
        ("without_province", .int(tally.withoutProvince)),
      ])
      Output.raw(value.rendered(indent: 2) + "\n")
      return
    }
    Output.line("Before 1 July 2025:")
    for province in tally.provinces { Output.line("  \(province.name)  \(province.documents)") }
    Output.line("Since 1 July 2025:")
    for province in tally.provinces2025 {
      Output.line(
        "  \(province.name)  \(province.documents)  (\(province.oldProvinces.joined(separator: ", ")))")
    }
    if tally.withoutProvince > 0 { Output.line("Without a province: \(tally.withoutProvince)") }
  }
}
