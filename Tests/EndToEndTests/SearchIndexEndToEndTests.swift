import Foundation
import TestSupport
import XCTest

/// `vanban search` through the stored index, brought up to date after each edit between runs,
/// prints what `vanban search --no-cache` prints.
final class SearchIndexEndToEndTests: XCTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var cacheHome: String { folder.appendingPathComponent("cache").path }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-e2e-index-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func vanban(_ arguments: [String]) -> ProgramResult {
    runProgram([Package.binary] + arguments, environment: ["XDG_CACHE_HOME": cacheHome])
  }

  func age(_ path: String) {
    XCTAssertTrue(backdate(path, secondsAgo: 600), path)
  }

  static let queries = [
    "phong chong dich", "\"ban thường vụ\"", "kết luận", "dauvetab", "\"dauvetab thêm\"", "của",
    "province:nam dinh 2021",
  ]

  func assertSameAsNoCache(_ step: String, file: StaticString = #filePath, line: UInt = #line) {
    for query in Self.queries {
      for format in query == "của" ? [["--limit", "30"], ["--json"]] : [["--limit", "30"]] {
        let cached = vanban(["search", query, corpus] + format)
        let fresh = vanban(["search", query, corpus, "--no-cache"] + format)
        XCTAssertEqual(cached.status, fresh.status, "\(step): \(query)", file: file, line: line)
        XCTAssertEqual(cached.errors, fresh.errors, "\(step): \(query)", file: file, line: line)
        XCTAssertEqual(
          cached.standardOutput, fresh.standardOutput, "\(step): \(query)", file: file, line: line)
      }
    }
  }

  func indexFile() -> String {
    let path = vanban(["cache", "path", corpus])
    XCTAssertEqual(path.status, 0, path.errors)
    return path.standardOutput.trimmingCharacters(in: .newlines) + ".index"
  }

  func inode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? Int
  }

  func testSearchAfterEditsBetweenRunsMatchesNoCache() throws {
    let generated = vanban(["generate", "--docs", "40", "--seed", "7", corpus + "/generated"])
    XCTAssertEqual(generated.status, 0, generated.errors)
    let seeds = Package.root.appendingPathComponent("Data/corpus").path
    for name in try FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".txt") {
      try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: corpus + "/" + name)
    }
    let enumerator = FileManager.default.enumerator(atPath: corpus)
    var names: [String] = []
    while let name = enumerator?.nextObject() as? String {
      age(corpus + "/" + name)
      if name.hasSuffix(".txt") { names.append(name) }
    }
    names.sort()
    XCTAssertGreaterThan(names.count, 30)
    assertSameAsNoCache("cold")
    let index = indexFile()
    XCTAssertNotNil(inode(index), "the index is kept")

    let edited = corpus + "/" + names[3]
    try (try String(contentsOfFile: edited, encoding: .utf8) + "\nVăn bản dauvetab thêm một đoạn.\n").write(
      toFile: edited, atomically: false, encoding: .utf8)
    age(edited)
    var previous = inode(index)
    assertSameAsNoCache("edited")
    XCTAssertNotEqual(inode(index), previous, "the index is written again")
    XCTAssertTrue(
      vanban(["search", "dauvetab", corpus]).standardOutput.contains("dauvetab"), "the edit is found")

    try FileManager.default.removeItem(atPath: corpus + "/" + names[5])
    try FileManager.default.moveItem(atPath: corpus + "/" + names[8], toPath: corpus + "/moved.txt")
    try FileManager.default.copyItem(atPath: edited, toPath: corpus + "/copy.txt")
    age(corpus + "/copy.txt")
    previous = inode(index)
    assertSameAsNoCache("removed, renamed, copied")
    XCTAssertNotEqual(inode(index), previous, "the index is written again")

    previous = inode(index)
    assertSameAsNoCache("unchanged")
    XCTAssertEqual(inode(index), previous, "a current index is read, not written")
  }
}
