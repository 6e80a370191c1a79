import ArgumentParser
import DirectiveKit

struct ProvincesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "provinces",
    abstract: "The provinces present in the corpus with counts, before and since the 2025 merger.")

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let tally = ProvinceTally(documents: try corpus.selected(try corpus.load()))
    switch output.chosen {
    case .json: Output.raw(Self.json(tally).rendered(indent: 2) + "\n")
    case .csv: Output.csv(header: Self.csvHeader, rows: Self.csvRows(tally))
    case .text: Output.raw(Self.text(tally))
    }
  }

  static func json(_ tally: ProvinceTally) -> JSONValue {
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
    return .object([
      ("provinces", .array(old)), ("provinces_2025", .array(new)),
      ("without_province", .int(tally.withoutProvince)),
    ])
  }

  static let csvHeader = ["period", "name", "code", "province_2025", "documents", "merged"]

  /// `before_2025` rows, then `since_2025` rows (`merged`: the old provinces joined by `; `), then
  /// one `without_province` row: the documents of no province.
  static func csvRows(_ tally: ProvinceTally) -> [[String?]] {
    tally.provinces.map { ["before_2025", $0.name, $0.code, $0.name2025, String($0.documents), nil] }
      + tally.provinces2025.map {
        ["since_2025", $0.name, nil, nil, String($0.documents), $0.oldProvinces.joined(separator: "; ")]
      } + [["without_province", nil, nil, nil, String(tally.withoutProvince), nil]]
  }

  /// Two aligned tables, each sorted by name (diacritics aside), then the documents of no province.
  static func text(_ tally: ProvinceTally) -> String {
    func byName<T>(_ items: [T], _ name: (T) -> String) -> [T] {
      items.sorted {
        name($0).folded != name($1).folded ? name($0).folded < name($1).folded : name($0) < name($1)
      }
    }
    func table(_ rows: [(name: String, count: Int, note: String)]) -> [String] {
      let nameWidth = rows.map(\.name.count).max() ?? 0
      let countWidth = rows.map { String($0.count).count }.max() ?? 0
      return rows.map { row in
        let count = String(row.count)
        let line =
          "  " + row.name + String(repeating: " ", count: nameWidth - row.name.count + 2)
          + String(repeating: " ", count: countWidth - count.count) + count
        return row.note.isEmpty ? line : line + "  " + row.note
      }
    }
    var lines = ["Before 1 July 2025:"]
    lines += table(byName(tally.provinces, \.name).map { ($0.name, $0.documents, "") })
    lines.append("Since 1 July 2025:")
    lines += table(
      byName(tally.provinces2025, \.name).map {
        ($0.name, $0.documents, "(" + $0.oldProvinces.joined(separator: ", ") + ")")
      })
    if tally.withoutProvince > 0 { lines.append("Without a province: \(tally.withoutProvince)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
