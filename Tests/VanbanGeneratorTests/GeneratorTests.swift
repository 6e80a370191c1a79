import Foundation
import XCTest

@testable import DirectiveKit
@testable import VanbanGenerator

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
          let written = citation.forms.contains("spaced-number") ? text.filter { $0 != " " } : text
          XCTAssertTrue(written.contains(number), "\(truth.file) lacks \(number)")
          XCTAssertTrue(index.matchingDocuments(number).contains(position))
        } else {
          unnumbered += 1
          XCTAssertEqual(citation.forms.first, "unnumbered")
          if citation.issuer == "Thủ tướng Chính phủ" {
            XCTAssertTrue(text.contains("Công điện ngày"), truth.file)
            XCTAssertTrue(text.contains("của Thủ tướng Chính phủ"), truth.file)
          } else {
            XCTAssertEqual(citation.issuer, "Thường trực Ban Bí thư Trung ương Đảng")
            XCTAssertTrue(text.contains("của Thường trực Ban Bí thư"), truth.file)
          }
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

  /// Each hard phrasing is written a few times in a thousand documents, and reads as the
  /// truth says.
  func testHardPhrasingsAreRareAndFaithful() {
    var counts: [String: Int] = [:]
    var total = 0
    for document in Self.documents {
      let text = document.text.replacingOccurrences(of: "\r\n", with: "\n")
      for citation in document.truth.citations {
        total += 1
        for form in citation.forms { counts[form, default: 0] += 1 }
        guard let number = citation.number else { continue }
        let type = citation.type
        let lines = text.split(separator: "\n")
        if citation.forms.contains("date-first") {
          let date = citation.date!
          let line = lines.first { $0.contains(" ban hành \(type) số \(number) về ") }
          XCTAssertNotNil(line, document.truth.file)
          XCTAssertTrue(
            line?.hasPrefix("Ngày \(date.day)") == true || line?.hasPrefix("Ngày 0\(date.day)") == true,
            document.truth.file)
        }
        if citation.forms.contains("issuer-first") {
          XCTAssertTrue(
            lines.contains { $0.contains("\(type) số \(number) do ") && $0.contains(" ban hành ngày ") },
            document.truth.file)
        }
        if citation.forms.contains("spaced-number") {
          let compact = number.filter { $0 != " " }
          let spaced = lines.flatMap { $0.components(separatedBy: "\(type) số ").dropFirst() }.contains {
            rest in
            let head = rest.prefix(compact.count + 2)
            return head.contains(" ") && head.filter { $0 != " " }.hasPrefix(compact)
          }
          XCTAssertTrue(spaced, "\(document.truth.file): \(number) not spaced")
        }
        if citation.forms.contains("yearless-short") {
          let date = citation.date!
          XCTAssertTrue(
            text.contains("\(type) số \(number) ngày \(date.day)/\(date.month). "), document.truth.file)
        }
      }
    }
    XCTAssertGreaterThan(counts["unnumbered"] ?? 0, 10)
    for form in ["date-first", "issuer-first", "spaced-number", "yearless-short"] {
      let count = counts[form] ?? 0
      XCTAssertGreaterThan(count, 10, form)
      XCTAssertLessThan(Double(count), Double(total) * 0.15, form)
    }
    XCTAssertGreaterThan(counts["plain"] ?? 0, total / 2)
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
    // (A department's proposal, `Tờ trình`, is its province's too, but not a letter of the corpus.)
    func isOwnLetter(_ citation: CorpusGenerator.TruthCitation, _ truth: CorpusGenerator.Truth) -> Bool {
      citation.issuer.hasSuffix(truth.province) && citation.type != "Tờ trình"
    }
    let ownCitations = truths.filter { truth in truth.citations.contains { isOwnLetter($0, truth) } }
    XCTAssertGreaterThan(ownCitations.count, 100)
    for truth in ownCitations {
      for citation in truth.citations where isOwnLetter(citation, truth) {
        XCTAssertTrue(
          truths.contains { $0.number == citation.number && $0.province == truth.province }, truth.file)
      }
    }
  }

  /// The `province:` filter reads unquoted names from the gazetteer: it knows every province the
  /// generator writes, by its name before and after the 2025 merger, and no other.
  func testSearchKnowsEveryGeneratedProvinceByBothNames() {
    let written = Set(GeneratorProvinces.all.flatMap { [$0.name, $0.after2025] }.map(SearchQuery.fieldKey))
    XCTAssertEqual(Set(SearchQuery.provinceKeys), written)
    // An unquoted name of several words is read as far as it names a province.
    let query = SearchQuery.parse("province:thua thien hue tet")
    XCTAssertEqual(query.province.map(SearchQuery.fieldKey), "thuathienhue")
    XCTAssertEqual(
      SearchQuery.parse("province:ba ria vung tau").province.map(SearchQuery.fieldKey), "bariavungtau")
  }

  /// Every relation is written, each cue a few percent of citations at least, and the cue the
  /// truth names stands in the text before (or, `hết hiệu lực`, after) the number.
  func testEveryRelationIsWrittenWithItsCue() {
    var counts: [Relation: Int] = [:]
    var cues: Set<String> = []
    var total = 0
    for document in Self.documents {
      let text = document.text.replacingOccurrences(of: "\r\n", with: "\n").folded
      for citation in document.truth.citations {
        total += 1
        counts[citation.relation, default: 0] += 1
        XCTAssertEqual(citation.cue == nil, citation.relation == .refers, document.truth.file)
        guard let cue = citation.cue, let number = citation.number, !citation.forms.contains("spaced-number")
        else { continue }
        cues.insert(cue)
        let numberAt = text.range(of: number.folded)
        let cueAt = text.range(of: cue.folded)
        XCTAssertNotNil(numberAt, "\(document.truth.file) \(number)")
        XCTAssertNotNil(cueAt, "\(document.truth.file) \(cue)")
        // Only a first mention carries the rarer cues; `Thực hiện` may come from a later short one.
        if let numberAt, cue != "hết hiệu lực", citation.relation != .implements {
          XCTAssertNotNil(
            text[..<numberAt.lowerBound].range(of: cue.folded), "\(document.truth.file) \(cue) \(number)")
        }
      }
    }
    for relation in Relation.allCases where relation != .unknown {
      let count = counts[relation] ?? 0
      XCTAssertGreaterThan(count, 10, relation.rawValue)
      XCTAssertGreaterThan(Double(count), Double(total) * 0.005, relation.rawValue)
    }
    XCTAssertNil(counts[.unknown])
    XCTAssertLessThan(Double(counts[.implements] ?? 0), Double(total) * 0.7)
    for cue in [
      "Căn cứ", "Thực hiện", "Triển khai thực hiện", "Quán triệt và thực hiện", "Tiếp tục thực hiện",
      "theo quy định tại",
      "Theo đề nghị của Sở Y tế tại", "hướng dẫn thi hành", "thay thế", "Bãi bỏ", "hết hiệu lực",
      "Sửa đổi, bổ sung",
    ] {
      XCTAssertTrue(cues.contains(cue), cue)
    }
    // `Căn cứ A; B; C` in one paragraph, and an earlier letter named with what it implements.
    XCTAssertTrue(Self.documents.contains { $0.text.contains(";\n\nCăn cứ ") })
    XCTAssertTrue(
      Self.documents.contains { document in
        document.text.split(separator: "\n").contains {
          $0.hasPrefix("Căn cứ ") && $0.filter { $0 == ";" }.count > 1
        }
      })
    XCTAssertTrue(
      Self.documents.contains {
        $0.text.contains("của UBND tỉnh về thực hiện ") || $0.text.contains("Tỉnh ủy về thực hiện ")
      })
  }
}
