import XCTest

@testable import DirectiveKit

/// The loader's ways of putting results together without copying them give what the plain ways
/// give.
final class MovingAssemblyTests: XCTestCase {
  func testJoinedChunksKeepTheirOrderAndSkipMissingOnes() {
    let chunks: [[String]?] = [["a", "b"], nil, [], ["c"], nil, ["d", "e", "f"]]
    XCTAssertEqual(ParallelLoader.joined(chunks), chunks.flatMap { $0 ?? [] })
    XCTAssertEqual(ParallelLoader.joined([[Int]?]()), [])
  }

  func testTakingTheSlotsGivesEveryValueAndLeavesNone() {
    let slots = ResultSlots<[Int]>(count: 3)
    slots.set(2, [5, 6])
    slots.set(0, [1])
    let taken = slots.takeValues()
    XCTAssertEqual(taken.count, 3)
    XCTAssertEqual(ParallelLoader.joined(taken), [1, 5, 6])
    XCTAssertTrue(slots.values.isEmpty)
  }

  func testPermutingInPlaceGivesTheOrderNamed() {
    var generator = SystemRandomNumberGenerator()
    for count in [0, 1, 2, 7, 100] {
      let values = (0..<count).map { "value \($0)" }
      let order = Array(values.indices).shuffled(using: &generator)
      var permuted = values
      Corpus.permute(&permuted, into: order)
      XCTAssertEqual(permuted, order.map { values[$0] })
    }
  }

  func testLinkingMovedOutcomesKeepsDocumentsAndWarningsInPathOrder() {
    let outcomes: [LoadOutcome] = [
      .document(Document(id: "", file: "b/x.txt", text: "x", encoding: "utf-8")),
      .skipped(LoadWarning(path: "b/y.txt", reason: "unreadable")),
      .document(Document(id: "", file: "b/z.txt", text: "z", encoding: "utf-8")),
      .skipped(LoadWarning(path: "b/w.txt", reason: "gone")),
    ]
    let earlier = LoadWarning(path: "a", reason: "walked")
    // Once with the only reference handed over, once with the caller keeping its own.
    let kept = outcomes
    for linked in [
      Corpus.link(outcomes.map { $0 }, warnings: [earlier]), Corpus.link(kept, warnings: [earlier]),
    ] {
      XCTAssertEqual(Set(linked.documents.map(\.file)), ["b/x.txt", "b/z.txt"])
      XCTAssertEqual(Set(linked.documents.map(\.id)), ["x", "z"])
      XCTAssertEqual(linked.loadWarnings.map(\.path), ["a", "b/y.txt", "b/w.txt"])
    }
    XCTAssertEqual(kept.count, 4)
  }
}
