import XCTest

@testable import DirectiveKit

/// An external document the corpus cites with disagreeing fields is described by what most
/// citations say and, on a tie, by the citation read first: never by the order of a dictionary,
/// which Swift seeds anew in every process.
final class ExternalNodeTests: XCTestCase {
  private func letter(_ file: String, number: Int, citing date: String) -> SourceFile {
    let text = """
      TỈNH ỦY NAM ĐỊNH
      Số \(number)-CV/TU
      Nam Định, ngày 0\(number) tháng 7 năm 2022

      CÔNG VĂN

      Thực hiện Tờ trình số 71/TTr-SGDĐT ngày \(date) của Sở Giáo dục và Đào tạo, Ban Thường vụ
      Tỉnh ủy yêu cầu các cơ quan triển khai thực hiện.

      T/M BAN THƯỜNG VỤ
      BÍ THƯ
      """
    return SourceFile(path: file, bytes: Array(text.utf8))
  }

  private func externalDate(_ sources: [SourceFile]) -> Day? {
    let graph = Corpus.build(sources: sources).graph
    let external = graph.nodes.filter { $0.kind == .external && $0.number == "71/TTr-SGDĐT" }
    XCTAssertEqual(external.count, 1, "both letters cite the same document")
    return external.first?.date
  }

  func testATieBetweenTwoDatesGoesToTheCitationReadFirst() {
    let may = letter("a.txt", number: 1, citing: "19/5/2022")
    let june = letter("b.txt", number: 2, citing: "30/6/2022")
    XCTAssertEqual(externalDate([may, june])?.iso, "2022-05-19")
    XCTAssertEqual(
      externalDate([
        letter("a.txt", number: 1, citing: "30/6/2022"), letter("b.txt", number: 2, citing: "19/5/2022"),
      ])?
      .iso, "2022-06-30")
  }

  func testTheDateMostCitationsGiveWins() {
    let sources = [
      letter("a.txt", number: 1, citing: "19/5/2022"), letter("b.txt", number: 2, citing: "30/6/2022"),
      letter("c.txt", number: 3, citing: "30/6/2022"),
    ]
    XCTAssertEqual(externalDate(sources)?.iso, "2022-06-30")
  }
}
