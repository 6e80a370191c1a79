import ArgumentParser
import DirectiveKit

struct ProvincesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "provinces",
    abstract: "The provinces present in the corpus with counts, before and after the 2025 merger.")

  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON.") var json = false

  func run() throws {
    let loaded = try corpus.load()
    var old: [String: Int] = [:]
    var new: [String: Int] = [:]
    for document in loaded.documents {
      guard let province = document.province else { continue }
      old[province, default: 0] += 1
      if let merged = document.province2025 { new[merged, default: 0] += 1 }
    }
    let oldNames = old.keys.sorted { $0.folded < $1.folded }
    let newNames = new.keys.sorted { $0.folded < $1.folded }
    let unplaced = loaded.documents.filter { $0.province == nil }.count
    if json {
      let value = JSONValue.object([
        (
          "provinces",
          .array(
            oldNames.map { name in
              .object([
                ("name", .string(name)),
                ("province_2025", ProvinceNames.province2025(of: name).map(JSONValue.string) ?? .null),
                ("documents", .int(old[name] ?? 0)),
              ])
            })
        ),
        (
          "provinces_2025",
          .array(
            newNames.map { name in
              .object([
                ("name", .string(name)), ("documents", .int(new[name] ?? 0)),
                (
                  "merged",
                  .array(oldNames.filter { ProvinceNames.province2025(of: $0) == name }.map(JSONValue.string))
                ),
              ])
            })
        ),
        ("without_province", .int(unplaced)),
      ])
      Output.raw(value.rendered(indent: 2) + "\n")
      return
    }
    Output.line("Before 1 July 2025:")
    for name in oldNames { Output.line("  \(name)  \(old[name] ?? 0)") }
    Output.line("Since 1 July 2025:")
    for name in newNames {
      let merged = oldNames.filter { ProvinceNames.province2025(of: $0) == name }.joined(separator: ", ")
      Output.line("  \(name)  \(new[name] ?? 0)  (\(merged))")
    }
    if unplaced > 0 { Output.line("Without a province: \(unplaced)") }
  }
}
