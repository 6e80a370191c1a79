import Foundation
import TestSupport
import XCTest

/// The command line of issue 14: provinces typed as `--province` takes them, did-you-mean, `lag`,
/// the wording fixes, `show` of a file by its path, and the DOT layout the README describes.
final class WorkbenchCommandLineTests: XCTestCase {
  func vanban(
    _ arguments: [String], directory: String = Package.root.path, environment: [String: String?] = [:]
  )
    -> ProgramResult
  {
    runProgram([Package.binary] + arguments, directory: directory, environment: environment)
  }

  /// A fresh folder holding `files` (name: text).
  func folder(_ files: [String: String]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-cli-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  static let letter = """
    UBND TỈNH NAM ĐỊNH
    Số: 1/KH-UBND
    Nam Định, ngày 1 tháng 2 năm 2021

    KẾ HOẠCH
    Phòng chống thiên tai năm 2021

    Công tác phòng chống thiên tai là quan trọng.

    """

  func testMisspelledProvincesGetDidYouMeanAndExitTwo() {
    let option = vanban(["list", "--province", "Nam Dinhh"])
    XCTAssertEqual(option.status, 2)
    XCTAssertEqual(
      option.errors, "vanban: no province named “Nam Dinhh” before 2025; did you mean “Nam Định”?\n")
    let since2025 = vanban(["list", "--province-2025", "ninh binhh"])
    XCTAssertEqual(since2025.status, 2)
    XCTAssertTrue(since2025.errors.contains("did you mean “Ninh Bình”?"), since2025.errors)
    let search = vanban(["search", "province:hanoii covid"])
    XCTAssertEqual(search.status, 2)
    XCTAssertEqual(
      search.errors,
      "vanban: province:hanoii: no province named “hanoii” before 2025; did you mean “Hà Nội”?\n")
  }

  func testProvinceUnknownAndAliasesOnTheCommandLine() throws {
    let path = try folder([
      "known.txt": Self.letter, "lost.txt": "Một văn bản không rõ nơi ban hành về thiên tai.\n",
    ])
    let unknown = vanban(["list", "--province", "unknown", "--format", "csv", path])
    XCTAssertEqual(unknown.status, 0, unknown.errors)
    let rows = unknown.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    XCTAssertEqual(rows.count, 2, unknown.standardOutput)
    XCTAssertTrue(rows[1].hasPrefix("lost,"), rows[1])
    let search = vanban(["search", "province:unknown thien tai", path])
    XCTAssertEqual(search.status, 0, search.errors)
    XCTAssertTrue(search.standardOutput.hasPrefix("lost "), search.standardOutput)
    XCTAssertTrue(search.standardOutput.hasSuffix("1 document matches; all shown\n"), search.standardOutput)
    let alias = vanban(["list", "--province", "tp hcm"])
    XCTAssertEqual(alias.status, 0)
    XCTAssertTrue(alias.standardOutput.contains("0 of 5 documents"), alias.standardOutput)
  }

  func testLagAsTextCSVAndJSON() throws {
    let text = vanban(["lag", "07-KL/TW"], environment: ["LANG": "C.UTF-8", "LC_ALL": nil, "LC_CTYPE": nil])
    XCTAssertEqual(text.status, 0, text.errors)
    XCTAssertEqual(
      text.standardOutput,
      """
      Kết luận 07-KL/TW · Bộ Chính trị · 11/06/2021: days to each province's first answer
      Kiên Giang  ≥ 0 d                                         │
      Nam Định      3 d  ████████████████████████████████████████
      │ median 3 days, of 1 dated answer; ≥: undated, counted to the latest date it cites
      never answered (1): Ninh Bình

      """)
    let ascii = vanban(["lag", "07-KL/TW"], environment: ["LANG": "C", "LC_ALL": nil, "LC_CTYPE": nil])
    XCTAssertTrue(
      ascii.standardOutput.contains("Nam Định      3 d  " + String(repeating: "#", count: 40) + "\n"))
    XCTAssertFalse(ascii.standardOutput.contains("█"))
    let csv = vanban(["lag", "07-KL/TW", "--format", "csv"])
    XCTAssertEqual(
      csv.standardOutput,
      "province,document,days,lower_bound,answered\r\nKiên Giang,002_b1faaebd224ec9de,0,true,true\r\n"
        + "Nam Định,000_c04fbf0a9182cd61,3,false,true\r\nNinh Bình,,,,false\r\n")
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(vanban(["lag", "07-KL/TW", "--json"]).standardOutput.utf8))
        as? [String: Any])
    XCTAssertEqual(json["median_days"] as? Int, 3)
    XCTAssertEqual(json["unanswered"] as? [String], ["Ninh Bình"])
    let provinces = try XCTUnwrap(json["provinces"] as? [[String: Any]])
    XCTAssertEqual(provinces.map { $0["province"] as? String }, ["Kiên Giang", "Nam Định"])
    XCTAssertEqual(provinces.map { $0["days"] as? Int }, [0, 3])
    XCTAssertEqual(provinces.map { $0["lower_bound"] as? Bool }, [true, false])
  }

  func testShowSaysNotBeforeWithASpaceAndWhy() {
    let shown = vanban(["show", "002_b1faaebd224ec9de"])
    XCTAssertTrue(
      shown.standardOutput.contains(
        "\nnot before 11/06/2021 — the document bears no date; the latest date it cites: Kết luận 07-KL/TW ngày 11/06/2021\n"
      ),
      shown.standardOutput)
    XCTAssertTrue(
      shown.standardOutput.contains(
        "\nfile      Data/corpus/002_b1faaebd224ec9de.txt (built into the program)\n"))
  }

  func testProvincesAlignedAndSortedByName() {
    XCTAssertEqual(
      vanban(["provinces"]).standardOutput,
      """
      Before 1 July 2025:
        Kiên Giang  1
        Nam Định    3
        Ninh Bình   1
      Since 1 July 2025:
        An Giang   1  (Kiên Giang)
        Ninh Bình  4  (Nam Định, Ninh Bình)

      """)
  }

  func testAnEmptyFolderSaysWhatItLookedFor() throws {
    let path = try folder(["notes.md": "# notes\n"])
    let empty = vanban(["list", path])
    XCTAssertEqual(empty.status, 0, "an empty list is still a list")
    XCTAssertEqual(empty.errors, "vanban: warning: no .txt files in \(path) (use --glob)\n")
    XCTAssertEqual(
      empty.standardOutput, "DATE  PROVINCE  NUMBER  TYPE  SUBJECT\n0 of 0 documents · 0 warnings\n")
    XCTAssertEqual(vanban(["list", "--json", path]).standardOutput, "[]\n")
    XCTAssertEqual(
      vanban(["list", "--glob", "*.doc", path]).errors,
      "vanban: warning: no files matching *.doc in \(path) (use --glob)\n")
    XCTAssertEqual(vanban(["list", "--glob", "*.md", path]).status, 0)
  }

  func testOneWarningIsSingular() throws {
    let path = try folder(["empty.txt": ""])
    let listed = vanban(["list", path])
    XCTAssertTrue(listed.standardOutput.contains("\n1 of 1 document · 1 warning\n"), listed.standardOutput)
  }

  func testShowOpensAFileByItsPathOutsideTheCorpus() throws {
    let path = try folder(["plan.txt": Self.letter])
    let shown = vanban(["show", path + "/plan.txt"])
    XCTAssertEqual(shown.status, 0, shown.errors)
    XCTAssertTrue(
      shown.standardOutput.hasPrefix("id        plan\nfile      \(path)/plan.txt\n"), shown.standardOutput)
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(vanban(["show", path + "/plan.txt", "--json"]).standardOutput.utf8))
        as? [String: Any])
    XCTAssertEqual(json["built_in"] as? Bool, false)
    XCTAssertEqual(json["file"] as? String, path + "/plan.txt")
    let shipped = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(vanban(["list", "--json"], directory: "/").standardOutput.utf8))
        as? [[String: Any]])
    XCTAssertTrue(shipped.allSatisfy { $0["built_in"] as? Bool == true })
  }

  func testSearchCountSaysWhatItCounts() {
    let limited = vanban(["search", "covid", "--limit", "2"])
    XCTAssertTrue(
      limited.standardOutput.hasSuffix("5 documents match; the best 2 shown (--limit 2)\n"), limited.output)
    let none = vanban(["search", "khongcotu"])
    XCTAssertEqual(none.status, 1)
    XCTAssertEqual(none.standardOutput, "no document matches\n")
  }

  /// Laid out by Graphviz (`dot -Tplain`, y grows upwards): the central documents are above every
  /// document of the corpus, as the README says.
  func testDotDrawsCentralDocumentsOnTop() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { throw XCTSkip("no Graphviz") }
    let graph = vanban(["graph", "--format", "dot"])
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-\(UUID().uuidString).dot"
    ).path
    try graph.standardOutput.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let plain = runProgram(["/usr/bin/dot", "-Tplain", path])
    var heights: [String: Double] = [:]
    for line in plain.standardOutput.split(separator: "\n") where line.hasPrefix("node ") {
      let fields = line.split(separator: " ")
      heights[String(fields[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))] = Double(fields[3])
    }
    let central = ["ext:ket-luan:7-kl-tw:vn:2021", "ext:thong-bao:253-tb-vpcp:vn:2020"].compactMap {
      heights[$0]
    }
    let documents = heights.filter { $0.key.hasPrefix("00") }.map(\.value)
    XCTAssertEqual(central.count, 2, plain.output)
    XCTAssertEqual(documents.count, 5, plain.output)
    XCTAssertGreaterThan(central.min()!, documents.max()!)
  }
}
