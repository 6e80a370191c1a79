import ArgumentParser
import DirectiveKit

struct Search: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the corpus: words, \"phrases\", numbers, dates, province: type: year: cites: rel:.",
    discussion: """
      Words match with or without diacritics (`ket luan` finds Kết luận); all must occur. Numbers match \
      however typed (07-kl/tw, 07 KL TW), dates in any corpus format (21/7/2021 finds 21-7-2021 and \
      ngày 21 tháng 7 năm 2021). Filters: province:"Nam Định", type:cong van, year:2021, cites:07-KL/TW, \
      rel:implements (a citation with that relation: implements, pursuant, according_to, guides, amends, \
      replaces, repeals, refers, unknown; with cites:, the citation of that document: \
      cites:07-KL/TW rel:implements finds the documents implementing 07-KL/TW).
      """)

  @Argument(help: "The query (quote it for the shell).") var query: String
  @OptionGroup var corpus: CorpusOptions
  @Flag(help: "JSON: an array of hits, best first.") var json = false
  @Option(help: "At most this many hits.") var limit: Int = 20

  func validate() throws {
    guard limit > 0 else { throw ValidationError("--limit must be positive") }
  }

  func run() throws {
    let loaded = try corpus.load()
    let documents = try corpus.selected(loaded)
    let index = SearchIndex(documents: documents)
    let hits = index.search(query, limit: limit)
    if json {
      Output.raw(
        "[" + hits.map { Self.json(hit: $0, document: documents[$0.document]) }.joined(separator: ",\n")
          + "]\n")
    } else {
      for hit in hits {
        let document = documents[hit.document]
        let facts = [
          document.date?.iso ?? "undated", document.province ?? "?", document.number ?? "—",
          document.type ?? "",
        ]
        Output.line(
          "\(document.id)  \(facts.joined(separator: "  "))  score \(String(format: "%.2f", hit.score))")
        Output.line("  " + Self.bracketed(hit.snippet))
      }
      Output.line(
        hits.isEmpty ? "no match" : "\(hits.count) shown of \(index.matchingDocuments(query).count) matching")
    }
    if hits.isEmpty { throw ExitCode(1) }
  }

  /// The snippet with its marks shown as `[…]`.
  static func bracketed(_ snippet: Snippet) -> String {
    let scalars = Array(snippet.text.unicodeScalars)
    var result = String.UnicodeScalarView()
    var position = 0
    for mark in snippet.marks {
      result.append(contentsOf: scalars[position..<mark.lowerBound])
      result.append("[")
      result.append(contentsOf: scalars[mark])
      result.append("]")
      position = mark.upperBound
    }
    result.append(contentsOf: scalars[position...])
    return String(result)
  }

  static func json(hit: SearchHit, document: Document) -> String {
    func string(_ text: String?) -> String { (text.map { JSONValue.string($0) } ?? .null).rendered() }
    let marks = hit.snippet.marks.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
    return "{\"id\":\(string(document.id)),\"file\":\(string(document.file)),"
      + "\"score\":\(String(format: "%.4f", hit.score)),\"province\":\(string(document.province)),"
      + "\"type\":\(string(document.type)),\"number\":\(string(document.number)),\"date\":\(string(document.date?.iso)),"
      + "\"snippet\":\(string(hit.snippet.text)),\"marks\":[\(marks)]}"
  }
}
