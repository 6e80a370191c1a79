import Foundation
import XCTest

@testable import DirectiveKit

final class GeneratorTests: XCTestCase {
  static let documents = CorpusGenerator(seed: 42).generate(count: 1000)

  func testSameSeedSameBytesOtherSeedOtherBytes() {
    let again = CorpusGenerator(seed: 42).generate(count: 1000)
    XCTAssertEqual(again.map(\.text), Self.documents.map(\.text))
    XCTAssertEqual(
      again.map { CorpusGenerator.jsonLine($0.truth) },
      Self.documents.map { CorpusGenerator.jsonLine($0.truth) })
    let other = CorpusGenerator(seed: 43).generate(count: 50)
    XCTAssertNotEqual(other.map(\.text), Array(Self.documents.prefix(50).map(\.text)))
  }

  func testWrittenFilesAndTruthRoundTrip() throws {
    let fileManager = FileManager.default
    let first = fileManager.temporaryDirectory.appendingPathComponent("vanban-gen-\(UUID().uuidString)")
    let second = fileManager.temporaryDirectory.appendingPathComponent("vanban-gen-\(UUID().uuidString)")
    defer {
      try? fileManager.removeItem(at: first)
      try? fileManager.removeItem(at: second)
    }
    try CorpusGenerator(seed: 9).write(count: 300, to: first)
    try CorpusGenerator(seed: 9).write(count: 300, to: second)
    let truth = try CorpusGenerator.readTruth(first.appendingPathComponent("truth.jsonl"))
    XCTAssertEqual(truth.count, 300)
    let inMemory = CorpusGenerator(seed: 9).generate(count: 300)
    for (read, made) in zip(truth, inMemory) {
      XCTAssertEqual(CorpusGenerator.jsonLine(read), CorpusGenerator.jsonLine(made.truth))
      let bytes = try Data(contentsOf: first.appendingPathComponent(read.file))
      XCTAssertEqual(bytes, try Data(contentsOf: second.appendingPathComponent(read.file)))
      var text = String(decoding: bytes, as: UTF8.self)
      if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
      XCTAssertEqual(text, made.text)
    }
  }

  func testTruthMatchesTheText() {
    let index = SearchIndex(
      documents: Self.documents.map { Document(id: $0.truth.file, file: $0.truth.file, text: $0.text) })
    var citationCount = 0
    var unnumbered = 0
    for (position, document) in Self.documents.enumerated() {
      let truth = document.truth
      let text = document.text.replacingOccurrences(of: "\r\n", with: "\n")
      if truth.hasHeader {
        XCTAssertNotNil(truth.number)
        XCTAssertTrue(text.contains(truth.province.uppercased()), truth.file)
        XCTAssertTrue(
          index.matchingDocuments(truth.number!).contains(position), "\(truth.file) \(truth.number!)")
        XCTAssertTrue(
          text.contains("ngày \(truth.date!.day) tháng \(truth.date!.month) năm \(truth.date!.year)"))
      } else {
        XCTAssertNil(truth.number)
        XCTAssertNil(truth.date)
        XCTAssertFalse(text.contains("Số"), truth.file)
      }
      for citation in truth.citations {
        citationCount += 1
        XCTAssertGreaterThanOrEqual(citation.mentions, 1)
        if let number = citation.number {
          XCTAssertTrue(text.contains(number), "\(truth.file) lacks \(number)")
          XCTAssertTrue(index.matchingDocuments(number).contains(position))
        } else {
          unnumbered += 1
          XCTAssertEqual(citation.issuer, "Thường trực Ban Bí thư Trung ương Đảng")
          XCTAssertTrue(text.contains("của Thường trực Ban Bí thư"), truth.file)
        }
        let date = citation.date!
        XCTAssertTrue(
          index.matchingDocuments("\(date.day)/\(date.month)/\(date.year)").contains(position),
          "\(truth.file) lacks the date \(date)")
      }
      XCTAssertEqual(
        Set(truth.citations.map { "\($0.type) \($0.number ?? "") \($0.date!)" }).count, truth.citations.count)
    }
    XCTAssertGreaterThan(citationCount, Self.documents.count)
    XCTAssertGreaterThan(unnumbered, 10)
  }

  func testSpreadAcrossProvincesYearsAndForms() {
    let truths = Self.documents.map(\.truth)
    XCTAssertEqual(Set(truths.map(\.province)).count, 63)
    XCTAssertEqual(Set(truths.compactMap { $0.date?.year }), [2020, 2021, 2022])
    let headerless = truths.filter { !$0.hasHeader }.count
    XCTAssertTrue((150...450).contains(headerless), "\(headerless) without header")
    XCTAssertTrue(Self.documents.contains { $0.text.contains(" - CV/TU") }, "spaced numbers")
    XCTAssertTrue(
      Self.documents.contains { $0.text.contains("Tỉnh uỷ") }
        && Self.documents.contains { $0.text.contains("Tỉnh ủy") })
    let averageSize = Self.documents.reduce(0) { $0 + $1.text.utf8.count } / Self.documents.count
    XCTAssertTrue((5000...7500).contains(averageSize), "average \(averageSize) bytes")
    // Provincial letters answer each other: some cite an earlier letter of their own province.
    let ownCitations = truths.filter { truth in
      truth.citations.contains { $0.issuer.hasSuffix(truth.province) }
    }
    XCTAssertGreaterThan(ownCitations.count, 100)
    for truth in ownCitations {
      for citation in truth.citations where citation.issuer.hasSuffix(truth.province) {
        XCTAssertTrue(
          truths.contains { $0.number == citation.number && $0.province == truth.province }, truth.file)
      }
    }
  }
}
