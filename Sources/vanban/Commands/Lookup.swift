import ArgumentParser
import DirectiveKit
import Foundation

extension CorpusOptions {
  /// Whether a province (named as in the corpus) passes `--province` and `--province-2025`;
  /// nil when neither is given.
  func provinceMatcher(_ corpus: Corpus? = nil) throws -> ((String) -> Bool)? {
    guard let filter = try provinceFilter(corpus) else { return nil }
    return { filter.matches(province: $0) }
  }

  /// The provinces of the corpus's documents that pass the province options, with
  /// `CitationGraph.unknownProvince` when documents of no province do (`--province unknown`);
  /// nil without the options.
  func selectedProvinces(_ corpus: Corpus) throws -> Set<String>? {
    guard let filter = try provinceFilter(corpus) else { return nil }
    return Set(corpus.documents.filter(filter.matches).map { $0.province ?? CitationGraph.unknownProvince })
  }
}

/// The graph node that what the user typed names (an id, an `ext:` key, a file, a number typed
/// loosely, a type and number, a title), or exit 1: one line when nothing matches; when several
/// do, one line saying how to choose followed by the candidates, all on standard error.
func resolveNode(_ typed: String, in corpus: Corpus, options: CorpusOptions) throws -> GraphNode {
  let resolver = NodeResolver(corpus: corpus, workingDirectory: FileManager.default.currentDirectoryPath)
  switch resolver.resolve(typed, provinces: try options.provinceMatcher(corpus)) {
  case .one(let node):
    return node
  case .none:
    let narrowed = [options.province, options.province2025.map { $0 + " (since 2025)" }].compactMap { $0 }
    let province = narrowed.isEmpty ? "" : " of province " + narrowed.joined(separator: " and ")
    Output.error(
      "\(typed): no document or cited document\(province) in this corpus has this id, file, number or title")
    throw ExitCode(1)
  case .several(let nodes):
    Output.error(
      "\(typed) names \(nodes.count) documents; choose one by giving its id (first column) or with --province NAME:"
    )
    for node in nodes { Output.errorDetail(candidateLine(node, in: corpus)) }
    throw ExitCode(1)
  }
}

/// `  000_c04fbf0a9182cd61  Công văn 215-CV/TU  Nam Định  14/06/2021  in the corpus`.
func candidateLine(_ node: GraphNode, in corpus: Corpus) -> String {
  let document = corpus.document(id: node.id)
  let when =
    node.date?.vietnamese ?? document?.notBefore.map { "≥ " + $0.vietnamese } ?? "undated"
  let province = node.province ?? (node.level == .central ? "central" : "province unknown")
  let kind = node.kind == .document ? "in the corpus" : "cited, not in the corpus"
  return "  \(node.id)  \(node.label)  \(province)  \(when)  \(kind)"
}

/// The corpus document the user named, or exit 1 (also when it names a cited document the
/// corpus does not hold: `what` says what could not be done with it).
func resolveDocument(_ typed: String, in corpus: Corpus, options: CorpusOptions, what: String) throws
  -> Document
{
  let node = try resolveNode(typed, in: corpus, options: options)
  guard let document = corpus.document(id: node.id) else {
    Output.error("\(node.label) (\(node.id)) is not in this corpus: \(what)")
    throw ExitCode(1)
  }
  return document
}

/// The strongest relation of `document`'s citations of `target`.
func relation(of document: Document, to target: String) -> Relation {
  Relation.strongest(document.citations.filter { $0.target == target }.map(\.relation)) ?? .refers
}
