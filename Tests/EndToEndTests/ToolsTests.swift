import Foundation
import TestSupport
import XCTest

/// The product binary carries no tools, and the tools of `Tools/` run from their own binaries.
final class ToolsTests: XCTestCase {
  static let buildFolder = URL(fileURLWithPath: Package.binary).deletingLastPathComponent()

  /// Every command of `vanban` is listed in its help, and none of them is a bench or a fuzzer.
  func testTheProductBinaryHasNoHiddenCommands() throws {
    let result = runProgram([Package.binary, "--experimental-dump-help"])
    XCTAssertEqual(result.status, 0, result.errors)
    let help = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let command = try XCTUnwrap(help["command"] as? [String: Any])
    let subcommands = try XCTUnwrap(command["subcommands"] as? [[String: Any]])
    XCTAssertGreaterThan(subcommands.count, 5)
    for subcommand in subcommands {
      let name = subcommand["commandName"] as? String ?? "?"
      XCTAssertNotEqual(subcommand["shouldDisplay"] as? Bool, false, "\(name) is hidden")
      XCTAssertFalse(["bench", "fuzz"].contains(name), "\(name) is a tool inside the product")
    }
    for tool in ["bench", "fuzz"] {
      let run = runProgram([Package.binary, tool])
      XCTAssertEqual(run.status, 2, "`vanban \(tool)` reads `\(tool)` as a corpus path")
      XCTAssertEqual(run.errors, "vanban: \(tool): no such file or directory\n")
    }
  }

  /// The fuzz loop of `make test` from its own binary: the same seed replays the same input.
  func testFuzzToolRunsAndReplays() throws {
    let fuzz = Self.buildFolder.appendingPathComponent("vanban-fuzz").path
    let crashes = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-fuzz-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: crashes) }
    let run = runProgram([fuzz, "--seconds", "1", "--seed", "3", "--crashes", crashes.path])
    XCTAssertEqual(run.status, 0, run.output)
    XCTAssertTrue(run.output.contains(", 0 findings"), run.output)
    let replay = runProgram([fuzz, "--seed", "3", "--replay", "17", "--crashes", crashes.path])
    XCTAssertEqual(replay.status, 0, replay.output)
    XCTAssertTrue(replay.output.hasPrefix("fuzzing for"), replay.output)
    XCTAssertTrue(replay.output.contains("\n1 inputs ("), replay.output)
  }

  /// The bench from its own binary on a tiny generated corpus: generated once and reused, every
  /// run timed beside ripgrep (when installed), every screen's keys timed, the goals of #13 judged.
  func testBenchMeasuresATinyCorpusEndToEnd() throws {
    let bench = Self.buildFolder.appendingPathComponent("vanban-bench").path
    let corpora = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: corpora) }
    let arguments = [
      bench, "--sizes", "40", "--corpora", corpora.path, "--key-seconds", "5", "--vanban", Package.binary,
      // Dropping the page cache would slow down every other program on the machine.
      "--no-from-disk",
    ]
    let first = runProgram(arguments)
    XCTAssertEqual(first.status, 0, first.errors)
    XCTAssertTrue(first.errors.contains("generating 40 documents"), first.errors)
    let output = first.standardOutput
    XCTAssertTrue(output.contains("## 40 documents"), output)
    for row in ["vanban list", "vanban list --province nam-dinh", "citation precision / recall"] {
      XCTAssertTrue(output.contains("| \(row)"), "no row \(row) in\n\(output)")
    }
    for screen in [
      "library", "search", "reader", "graph outline", "graph matrix", "provinces", "cited page", "diagram",
    ] {
      XCTAssertTrue(output.contains("| \(screen)"), "no key latency of \(screen) in\n\(output)")
    }
    XCTAssertFalse(output.contains("reached "), "a script missed its screen:\n\(output)")
    XCTAssertTrue(output.contains("## Goals of #13"), output)
    XCTAssertTrue(output.contains("| 100k") && output.contains("size not measured"), output)
    XCTAssertTrue(output.contains("\nFrom disk: not measured: skipped (--no-from-disk).\n"), output)
    XCTAssertTrue(
      output.contains("| 100k cold, from disk: within 2× rg") && output.contains("| 100k cold, page cache"),
      output)
    for row in output.split(separator: "\n") where row.contains("from disk (page cache dropped") {
      let cells = row.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
      XCTAssertEqual(cells, Array(repeating: "—", count: 7), "a run skipped has figures: \(row)")
    }
    let listed = output.split(separator: "\n").filter {
      $0.hasPrefix("| vanban list") && !$0.contains("--province") && !$0.contains("from disk")
    }
    XCTAssertEqual(listed.count, 2, "a cold and a warm run of vanban list in\n\(output)")
    for row in listed {
      XCTAssertTrue(row.hasSuffix(" 42 |") || row.hasSuffix(" 41 |"), "list printed \(row)")
    }

    let again = runProgram(arguments)
    XCTAssertEqual(again.status, 0, again.errors)
    XCTAssertTrue(again.errors.contains("reusing"), again.errors)
    XCTAssertFalse(again.errors.contains("generating"), again.errors)
  }
}
