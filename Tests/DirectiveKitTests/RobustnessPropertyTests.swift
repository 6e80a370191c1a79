import Foundation
import XCTest

@testable import DirectiveKit

/// Random bytes, truncations, splices and mutations of the seeds never crash the loader,
/// parser or citation extractor, and always give one document per input file.
final class RobustnessPropertyTests: XCTestCase {
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
  }

  func testMangledInputsNeverCrashAndAlwaysGiveOneDocumentEach() {
    let seeds = ShippedCorpus.sources.map(\.bytes)
    var random = SplitMix(state: 20_210_611)
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
