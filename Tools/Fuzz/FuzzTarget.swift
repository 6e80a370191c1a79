import DirectiveKit
import Foundation

/// One fuzzing step: a file's bytes through decoding, parsing, citation linking, the graph and
/// every JSON and text export, with the properties that must hold whatever the bytes. Only the
/// library's public face is used, as the program uses it.
///
/// Shared by `vanban-fuzz` (a seeded mutation loop) and the libFuzzer harness beside it.
enum FuzzTarget {
  /// Files to stand beside every input (e.g. the seeds, so that citations in the input have
  /// something to resolve to).
  struct Companions: Sendable {
    let sources: [SourceFile]
    init(_ sources: [SourceFile]) { self.sources = sources }
  }

  /// Runs `bytes` as a file of a corpus beside `companions` and returns what went wrong; empty
  /// when all is well. A crash inside is the other possible finding.
  static func check(_ bytes: [UInt8], companions: Companions = Companions([])) -> [String] {
    let input = SourceFile(path: "fuzz-input.txt", bytes: bytes)
    let corpus = Corpus.build(sources: companions.sources + [input])
    var problems: [String] = []
    let documents = corpus.documents.filter { $0.file == input.path }
    if documents.count != 1 {
      problems.append("the input gave \(documents.count) documents instead of one")
    }
    if corpus.documents.count != companions.sources.count + 1 {
      problems.append("\(corpus.documents.count) documents from \(companions.sources.count + 1) files")
    }
    for document in documents {
      problems += documentProblems(document)
    }
    let exports = [
      JSONValue.array(documents.map { ContractJSON.document($0, includeText: true) })
        .rendered(indent: 2),
      GraphExport.json(corpus).rendered(indent: 2),
    ]
    for export in exports where !TerminalSafety.isSafe(export) {
      problems.append("a JSON export carries a raw control character")
    }
    for document in documents where !TerminalSafety.isSafe(TerminalSafety.sanitize(document.text)) {
      problems.append("sanitised text is still unsafe")
    }
    _ = GraphExport.dot(corpus)
    _ = GraphExport.tsv(corpus)
    return problems
  }

  static func documentProblems(_ document: Document) -> [String] {
    var problems: [String] = []
    let length = document.text.unicodeScalars.count
    for span in document.citations.flatMap(\.spans) + document.points.map(\.span)
    where !(0 <= span.start && span.start <= span.end && span.end <= length) {
      problems.append("span \(span.start)..<\(span.end) outside a text of \(length) scalars")
    }
    if document.text != document.text.precomposedStringWithCanonicalMapping {
      problems.append("text is not NFC")
    }
    if document.text.unicodeScalars.contains("\r") {
      problems.append("text keeps a carriage return")
    }
    return problems
  }
}
