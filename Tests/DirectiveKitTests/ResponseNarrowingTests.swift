import DirectiveKit
import VanbanGenerator
import XCTest

/// Narrowing the unfiltered response trees to some provinces gives what walking the graph for
/// those provinces gives: the same trees, counts and order.
final class ResponseNarrowingTests: XCTestCase {
  func testNarrowingEqualsComputingForEveryProvinceAndSomeSets() {
    let generated = CorpusGenerator(seed: 77).generate(count: 400)
    let corpus = Corpus.build(
      sources: generated.map { SourceFile(path: $0.truth.file, bytes: Array($0.text.utf8)) })
    let graph = corpus.graph
    let all = graph.responses()
    XCTAssertGreaterThan(all.count, 5)
    let provinces = Set(corpus.documents.map { $0.province ?? CitationGraph.unknownProvince }).sorted()
    XCTAssertGreaterThan(provinces.count, 10)
    var sets = provinces.map { Set([$0]) }
    sets.append(Set(provinces.prefix(5)))
    sets.append(Set(provinces.suffix(3) + [CitationGraph.unknownProvince]))
    sets.append(Set(provinces))
    sets.append(["a province no document has"])
    for set in sets {
      XCTAssertEqual(
        graph.responses(narrowing: all, to: set), graph.responses(provinces: set), "\(set.sorted())")
    }
  }
}
