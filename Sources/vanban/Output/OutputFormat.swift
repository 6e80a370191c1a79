import ArgumentParser
import DirectiveKit
import Foundation

/// How a command prints: readable text, CSV (RFC 4180, a header row) or JSON.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, csv, json
}

/// `--format text|csv|json`, and `--json` as its short form.
struct FormatOptions: ParsableArguments {
  @Option(help: "text, csv or json (fields and columns: docs/json.md).") var format: OutputFormat = .text
  @Flag(help: "The same as --format json.") var json = false

  var chosen: OutputFormat { json ? .json : format }
}

extension Output {
  /// Each field made visible as every output is (no control sequence; a line break inside a
  /// field stays, quoted), the CRLF line ends of RFC 4180 written as they are.
  static func csv(header: [String], rows: [[String?]]) {
    let visibleRows = rows.map { row in row.map { $0.map(visible) } }
    write(CSV.render(header: header.map(visible), rows: visibleRows), to: stdout)
  }
}
