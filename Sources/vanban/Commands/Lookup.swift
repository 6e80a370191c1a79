import ArgumentParser
import DirectiveKit

/// A corpus document by id, or one line on stderr and exit 1.
func document(_ id: String, in corpus: Corpus) throws -> Document {
  guard let document = corpus.document(id: id) else {
    Output.error("no document with id \(id) in this corpus")
    throw ExitCode(1)
  }
  return document
}

/// A document or an external node by id, or exit 1.
func node(_ id: String, in corpus: Corpus) throws -> GraphNode {
  guard let node = corpus.graph.node(id) else {
    Output.error("no document or cited document with id \(id) in this corpus")
    throw ExitCode(1)
  }
  return node
}
