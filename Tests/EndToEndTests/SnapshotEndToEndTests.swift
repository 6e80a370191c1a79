import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The snapshot as a user meets it: the real binary, run after run, against `--no-cache`.
final class SnapshotEndToEndTests: XCTestCase {
  var folder: URL!
  var corpus: String { folder.appendingPathComponent("corpus").path }
  var cacheHome: String { folder.appendingPathComponent("cache").path }

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-e2e-snapshot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    let seeds = Package.root.appendingPathComponent("Data/corpus").path
    for name in try FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".txt") {
      try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: corpus + "/" + name)
      age(name)
    }
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func age(_ name: String, secondsAgo: Int = 600) {
    XCTAssertTrue(backdate(corpus + "/" + name, secondsAgo: secondsAgo), name)
  }

  func vanban(_ arguments: [String], cacheHome: String? = nil) -> ProgramResult {
    runProgram([Package.binary] + arguments, environment: ["XDG_CACHE_HOME": cacheHome ?? self.cacheHome])
  }

  /// `list --json` and `show` of every document, cached and not, must agree, with nothing on stderr.
  func assertSameAsNoCache(_ step: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let cached = vanban(["list", "--json", corpus])
    let fresh = vanban(["list", "--json", "--no-cache", corpus])
    XCTAssertEqual(cached.status, 0, cached.errors, file: file, line: line)
    XCTAssertEqual(cached.errors, "", step, file: file, line: line)
    XCTAssertEqual(cached.standardOutput, fresh.standardOutput, step, file: file, line: line)
    let ids = try
      (JSONSerialization.jsonObject(with: Data(cached.standardOutput.utf8)) as? [[String: Any]] ?? [])
      .compactMap { $0["id"] as? String }
    XCTAssertFalse(ids.isEmpty, step, file: file, line: line)
    for id in ids {
      for format in [["--json"], []] {
        let shown = vanban(["show", id, corpus] + format)
        XCTAssertEqual(shown.status, 0, shown.errors, file: file, line: line)
        XCTAssertEqual(
          shown.standardOutput, vanban(["show", id, corpus, "--no-cache"] + format).standardOutput,
          "\(step): \(id)",
          file: file, line: line)
      }
    }
  }

  func snapshotPath() -> String {
    let path = vanban(["cache", "path", corpus])
    XCTAssertEqual(path.status, 0, path.errors)
    return path.standardOutput.trimmingCharacters(in: .newlines)
  }

  func testEditsBetweenRunsShowAtOnceAndMatchNoCache() throws {
    try assertSameAsNoCache("cold")
    let snapshot = snapshotPath()
    XCTAssertTrue(snapshot.hasPrefix(cacheHome + "/vanban/"), snapshot)
    XCTAssertTrue(FileManager.default.fileExists(atPath: snapshot))
    try assertSameAsNoCache("warm")

    let seed = corpus + "/000_c04fbf0a9182cd61.txt"
    let text = try String(contentsOfFile: seed, encoding: .utf8)
    try text.replacingOccurrences(of: "215-CV/TU", with: "216-CV/TU").write(
      toFile: seed, atomically: false, encoding: .utf8)
    age("000_c04fbf0a9182cd61.txt", secondsAgo: 300)
    try assertSameAsNoCache("edited")
    XCTAssertTrue(vanban(["list", corpus]).standardOutput.contains("216-CV/TU"), "the edit shows at once")

    try text.write(toFile: corpus + "/added.txt", atomically: false, encoding: .utf8)
    age("added.txt", secondsAgo: 300)
    try assertSameAsNoCache("added")
    try FileManager.default.removeItem(atPath: corpus + "/001_093e01689cb64f89.txt")
    try assertSameAsNoCache("removed")
    XCTAssertFalse(vanban(["list", "--json", corpus]).standardOutput.contains("001_093e01689cb64f89"))
    try FileManager.default.moveItem(
      atPath: corpus + "/002_b1faaebd224ec9de.txt", toPath: corpus + "/renamed.txt")
    try assertSameAsNoCache("renamed")
    XCTAssertTrue(vanban(["list", "--json", corpus]).standardOutput.contains("\"renamed\""))
    age("003_971c03e54ee92b8c.txt", secondsAgo: 100)
    try assertSameAsNoCache("touched")

    let cleared = vanban(["cache", "clear", corpus])
    XCTAssertEqual(cleared.status, 0, cleared.errors)
    XCTAssertFalse(FileManager.default.fileExists(atPath: snapshot))
    XCTAssertEqual(vanban(["list", "--no-cache", corpus]).status, 0)
    XCTAssertFalse(FileManager.default.fileExists(atPath: snapshot), "--no-cache writes nothing")
    XCTAssertEqual(vanban(["list", corpus]).status, 0)
    XCTAssertTrue(FileManager.default.fileExists(atPath: snapshot))
    XCTAssertEqual(vanban(["cache", "clear"]).standardOutput, "removed 1 file from \(cacheHome)/vanban\n")
  }

  func testACorruptSnapshotIsOneWarningThenRebuilt() throws {
    let expected = vanban(["list", "--json", "--no-cache", corpus]).standardOutput
    XCTAssertEqual(vanban(["list", "--json", corpus]).status, 0)
    let snapshot = snapshotPath()
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
    bytes[bytes.count / 2] ^= 0x04
    try Data(bytes).write(to: URL(fileURLWithPath: snapshot))
    let damaged = vanban(["list", "--json", corpus])
    XCTAssertEqual(damaged.status, 0)
    XCTAssertEqual(damaged.standardOutput, expected)
    XCTAssertEqual(
      damaged.errors,
      "vanban: warning: the snapshot \(snapshot) is corrupt (checksum mismatch): it is rebuilt\n")
    let rebuilt = vanban(["list", "--json", corpus])
    XCTAssertEqual(rebuilt.errors, "")
    XCTAssertEqual(rebuilt.standardOutput, expected)
  }

  func testTwoProcessesAtOnceBothWork() throws {
    let expected = vanban(["list", "--json", "--no-cache", corpus]).standardOutput
    for _ in 0..<3 {
      _ = vanban(["cache", "clear"])
      let results = ResultBox()
      DispatchQueue.concurrentPerform(iterations: 2) { slot in
        results.set(slot, vanban(["list", "--json", corpus]))
      }
      for result in results.all {
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.errors, "")
        XCTAssertEqual(result.standardOutput, expected)
      }
      let after = vanban(["list", "--json", corpus])
      XCTAssertEqual(after.errors, "", "the snapshot left is whole")
      XCTAssertEqual(after.standardOutput, expected)
    }
  }

  func testAnUnwritableCacheDegradesToNoCacheWithAWarning() throws {
    let expected = vanban(["list", "--json", "--no-cache", corpus]).standardOutput
    let blocker = folder.appendingPathComponent("a-file").path
    try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
    // A path under a file, and a file system nobody may write, root included.
    for home in [blocker, "/proc/self"] {
      let result = vanban(["list", "--json", corpus], cacheHome: home)
      XCTAssertEqual(result.status, 0, result.errors)
      XCTAssertEqual(result.standardOutput, expected)
      XCTAssertTrue(result.errors.hasPrefix("vanban: warning: no snapshot: cannot create"), result.errors)
      XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, result.errors)
    }
  }

  func testAFullDiskDegradesToNoCacheWithAWarning() throws {
    let expected = vanban(["list", "--json", "--no-cache", corpus]).standardOutput
    // A file size limit of one block makes the snapshot's write fail as a full disk does.
    let result = runProgram(
      [
        "sh", "-c", "trap '' XFSZ; (ulimit -f 1; exec \"$0\" \"$@\") | cat", Package.binary, "list", "--json",
        corpus,
      ],
      environment: ["XDG_CACHE_HOME": cacheHome])
    XCTAssertEqual(result.standardOutput, expected, "standard output goes through a pipe, free of the limit")
    XCTAssertTrue(result.errors.hasPrefix("vanban: warning: no snapshot: cannot write"), result.errors)
    XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, result.errors)
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: cacheHome + "/vanban")) ?? []
    XCTAssertEqual(leftovers.filter { $0.hasSuffix(".tmp") }, [], "the partial file is removed")
  }

  func testTheShippedCorpusNeedsNoCache() {
    XCTAssertEqual(vanban(["list"]).status, 0)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: cacheHome), "nothing is written for the built-in corpus")
    let path = vanban(["cache", "path"])
    XCTAssertEqual(path.status, 2)
    XCTAssertEqual(path.errors.filter { $0 == "\n" }.count, 1, path.errors)
  }
}

private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Int: ProgramResult] = [:]
  func set(_ slot: Int, _ result: ProgramResult) { lock.withLock { results[slot] = result } }
  var all: [ProgramResult] { lock.withLock { results.keys.sorted().map { results[$0]! } } }
}
