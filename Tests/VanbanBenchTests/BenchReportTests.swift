import XCTest

@testable import vanban_bench

/// The bench's report: the cold goal of #13 judged from the page cache and from disk, each on its
/// own pair of runs, and the rows of a size whose runs from disk were not made.
final class BenchReportTests: XCTestCase {
  static func run(wall: Double, cpu: Double = 1, system: Double = 0.5) -> TimedRun {
    TimedRun(
      status: 0, wallSeconds: wall, cpuSeconds: cpu, systemSeconds: system, peakResidentMegabytes: 100,
      lines: 42, firstError: "")
  }

  static func hundredThousand() -> SizeFigures {
    var size = SizeFigures(documents: 100_000, megabytes: 835)
    size.ripgrep = run(wall: 0.57)
    size.cold = run(wall: 10.2, cpu: 17.5, system: 2.1)
    size.warm = run(wall: 0.52)
    size.province = run(wall: 0.46)
    size.ripgrepFromDisk = run(wall: 24.5, cpu: 9.4, system: 7.9)
    size.coldFromDisk = run(wall: 30.9, cpu: 39.7, system: 16.2)
    return size
  }

  static func row(_ goal: String, in text: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix("| \(goal)") }.map(String.init)
  }

  func testTheColdGoalIsJudgedOnEachReadingOfTheFiles() throws {
    let report = BenchReport(province: "nam-dinh", hasCache: true, sizes: [Self.hundredThousand()])
    let goals = report.targets()
    let pageCache = try XCTUnwrap(Self.row("100k cold, page cache: within 2× rg", in: goals), goals)
    XCTAssertTrue(pageCache.contains("10.20 s against 0.57 s: 17.9×"), pageCache)
    XCTAssertEqual(
      pageCache.split(separator: "|").last?.trimmingCharacters(in: .whitespaces), "no", pageCache)
    let fromDisk = try XCTUnwrap(Self.row("100k cold, from disk: within 2× rg", in: goals), goals)
    XCTAssertTrue(fromDisk.contains("30.90 s against 24.50 s: 1.3×"), fromDisk)
    XCTAssertEqual(fromDisk.split(separator: "|").last?.trimmingCharacters(in: .whitespaces), "yes", fromDisk)
  }

  func testTheGoalIsMetAtTwiceRipgrepAndNotAbove() {
    XCTAssertEqual(BenchReport.coldGoal(Self.run(wall: 2.0), against: Self.run(wall: 1.0))?.1, true)
    XCTAssertEqual(BenchReport.coldGoal(Self.run(wall: 2.1), against: Self.run(wall: 1.0))?.1, false)
    XCTAssertNil(BenchReport.coldGoal(nil, against: Self.run(wall: 1.0)))
    XCTAssertNil(BenchReport.coldGoal(Self.run(wall: 1.0), against: nil))
  }

  func testRunsFromDiskAreComparedWithRipgrepFromDisk() throws {
    let report = BenchReport(province: "nam-dinh", hasCache: true)
    let table = report.table(for: Self.hundredThousand())
    let row = try XCTUnwrap(
      Self.row("vanban list, cold from disk (page cache dropped, cache cleared)", in: table), table)
    let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    XCTAssertEqual(
      Array(cells.dropFirst()), ["30.90 s", "39.70 s", "16.20 s", "100 MB", "0.12×", "1.3×", "42"])
    let cold = try XCTUnwrap(Self.row("vanban list, cold (cache cleared)", in: table), table)
    XCTAssertEqual(
      cold.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[6], "17.9×", cold)
    XCTAssertTrue(
      table.contains("\nFrom disk: each run right after `sync` and dropping the page cache"), table)
  }

  func testASizeNotMeasuredFromDiskSaysWhyAndHasNoFigures() throws {
    var size = Self.hundredThousand()
    size.ripgrepFromDisk = nil
    size.coldFromDisk = nil
    size.fromDiskMissing = "dropping the page cache needs root"
    let report = BenchReport(province: "nam-dinh", hasCache: true, sizes: [size])
    let table = report.table(for: size)
    XCTAssertTrue(table.contains("\nFrom disk: not measured: dropping the page cache needs root.\n"), table)
    for name in ["rg -l -F ngày, from disk", "vanban list, cold from disk"] {
      let row = try XCTUnwrap(Self.row(name, in: table), table)
      let cells = row.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
      XCTAssertEqual(cells, Array(repeating: "—", count: 7), row)
    }
    let goals = report.targets()
    let fromDisk = try XCTUnwrap(Self.row("100k cold, from disk", in: goals), goals)
    XCTAssertTrue(fromDisk.contains("not measured: dropping the page cache needs root"), fromDisk)
    XCTAssertFalse(fromDisk.contains("yes"), fromDisk)
  }
}
