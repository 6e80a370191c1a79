import Foundation
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// Random bytes, truncations, splices and mutations of the seeds never crash the loader,
/// parser or citation extractor, and always give one document per input file.
final class RobustnessPropertyTests: XCTestCase {
  func testMangledInputsNeverCrashAndAlwaysGiveOneDocumentEach() {
    let seeds = ShippedCorpus.sources.map(\.bytes)
    var random = SplitMix64(seed: 20_210_611)
    var sources: [SourceFile] = []
    for index in 0..<400 {
      let seed = seeds[random.below(seeds.count)]
      var bytes: [UInt8]
      switch index % 4 {
      case 0: bytes = (0..<random.below(3000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      case 1: bytes = Array(seed.prefix(random.below(seed.count + 1)))
      case 2:
        let other = seeds[random.below(seeds.count)]
        bytes = Array(seed.prefix(random.below(seed.count))) + Array(other.suffix(random.below(other.count)))
      default:
        bytes = seed
        for _ in 0..<random.below(40) where !bytes.isEmpty {
          bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
        }
      }
      sources.append(SourceFile(path: "case\(index).txt", bytes: bytes))
    }
    let corpus = Corpus.build(sources: sources)
    XCTAssertEqual(corpus.documents.count, sources.count)
    XCTAssertEqual(Set(corpus.documents.map(\.file)).count, sources.count)
    for document in corpus.documents {
      let length = document.text.unicodeScalars.count
      XCTAssertEqual(document.text, document.text.precomposedStringWithCanonicalMapping, document.file)
      for span in document.citations.flatMap(\.spans) + document.points.map(\.span) {
        XCTAssertTrue(
          0 <= span.start && span.start <= span.end && span.end <= length, "\(document.file): \(span)")
      }
      XCTAssertFalse(ContractJSON.document(document).rendered().isEmpty)
    }
  }
}
