import ArgumentParser
import DirectiveKit
import Foundation

struct Search: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract:
      "Search the corpus: words, \"phrases\", numbers, dates, province: level: type: year: cites: rel:.",
    discussion: """
      All words must occur. A word typed without diacritics matches every spelling (`thien tai` finds \
      thiên tai and thiện tại), one typed with them only that spelling. Words typed together that a \
      document holds as a phrase rank it first. Numbers match however typed (07-kl/tw, 07 KL TW), dates \
      in any corpus format (21/7/2021 finds 21-7-2021 and ngày 21 tháng 7 năm 2021). Filters: \
      province:"Nam Định" (as --province takes it: province:hcm, province:unknown), \
      level:central|province|district|unknown, type:cong van, year:2021, cites:07-KL/TW, \
      rel:implements (a citation with that relation: implements, pursuant, according_to, guides, amends, \
      replaces, repeals, refers, unknown; with cites:, the citation of that document: \
      cites:07-KL/TW rel:implements finds the documents implementing 07-KL/TW).
      """)

  @Argument(help: "The query (quote it for the shell).") var query: String
  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: FormatOptions
  @Option(help: "At most this many hits.") var limit: Int = 20

  func validate() throws {
    guard limit > 0 else { throw ValidationError("--limit must be positive") }
  }

  func run() throws {
    let loaded = try corpus.load()
    let documents = try corpus.selected(loaded)
    let stored = Self.storedIndex(of: loaded, selected: documents)
    let index = SearchIndex.stored(
      documents: documents, snapshotPath: stored.snapshotPath, fingerprint: stored.fingerprint,
      warn: { FileHandle.standardError.write(Data("vanban: \($0)\n".utf8)) })
    let parsed = SearchQuery.parse(query)
    if let problem = index.provinceProblem(in: parsed) {
      throw UsageFailure(message: "province:\(parsed.provinceText ?? ""): " + problem.description)
    }
    let hits = index.search(parsed, limit: limit)
    let builtIn = corpus.readsBuiltInCorpus
    switch output.chosen {
    case .json:
      Output.raw(
        "["
          + hits.map { Self.json(hit: $0, document: documents[$0.document], builtIn: builtIn) }.joined(
            separator: ",\n") + "]\n")
    case .csv:
      Output.csv(
        header: Self.csvHeader,
        rows: hits.enumerated().map {
          Self.csvRow(rank: $0.offset + 1, hit: $0.element, document: documents[$0.element.document])
        })
    case .text:
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
        Self.countLine(shown: hits.count, matching: index.matchingDocuments(parsed).count, limit: limit))
    }
    if hits.isEmpty { throw ExitCode(1) }
  }

  /// The snapshot beside which the index of the whole corpus is kept, and the state of the
  /// documents it must match; nil (build the index here) for a `--province` selection, which is
  /// indexed apart since its word counts differ, or without a snapshot.
  static func storedIndex(of corpus: Corpus, selected: [Document]) -> (
    snapshotPath: String?, fingerprint: UInt64?
  ) {
    guard selected.count == corpus.documents.count else { return (nil, nil) }
    return (corpus.snapshotPath, corpus.snapshotFingerprint)
  }

  /// How many documents match and how many are shown: `2 documents match; all shown`,
  /// `35 documents match; the best 20 shown (--limit)`.
  static func countLine(shown: Int, matching: Int, limit: Int) -> String {
    guard matching > 0 else { return "no document matches" }
    let counted = matching == 1 ? "1 document matches" : "\(matching) documents match"
    return counted + (shown < matching ? "; the best \(shown) shown (--limit \(limit))" : "; all shown")
  }

  static let csvHeader = ["rank", "id", "file", "score", "province", "type", "number", "date", "snippet"]

  /// The snippet with its marks bracketed, as the text output shows it.
  static func csvRow(rank: Int, hit: SearchHit, document: Document) -> [String?] {
    [
      String(rank), document.id, document.file, String(format: "%.4f", hit.score), document.province,
      document.type, document.number, document.date?.iso, bracketed(hit.snippet),
    ]
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

  static func json(hit: SearchHit, document: Document, builtIn: Bool) -> String {
    func string(_ text: String?) -> String { (text.map { JSONValue.string($0) } ?? .null).rendered() }
    let marks = hit.snippet.marks.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
    return "{\"id\":\(string(document.id)),\"file\":\(string(document.file)),\"built_in\":\(builtIn),"
      + "\"score\":\(String(format: "%.4f", hit.score)),\"province\":\(string(document.province)),"
      + "\"type\":\(string(document.type)),\"number\":\(string(document.number)),\"date\":\(string(document.date?.iso)),"
      + "\"snippet\":\(string(hit.snippet.text)),\"marks\":[\(marks)]}"
  }
}
