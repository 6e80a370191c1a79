import Foundation

/// Everything measured on one corpus size.
struct SizeFigures {
  var documents: Int
  var megabytes: Double
  var ripgrep: TimedRun?
  /// `vanban list` with the snapshot cache cleared; without a cache, the one run.
  var cold: TimedRun?
  /// `vanban list` again; nil without a snapshot cache.
  var warm: TimedRun?
  var province: TimedRun?
  /// rg, then `vanban list` with the snapshot cache cleared, each right after the page cache was
  /// dropped: both read every file from disk.
  var ripgrepFromDisk: TimedRun?
  var coldFromDisk: TimedRun?
  /// Why the runs from disk were not made, when they were not.
  var fromDiskMissing: String?
  var inProcess = BenchFigures()

  /// The run a user repeats every day: the warm one when there is a cache, else the only one.
  var everyDay: TimedRun? { warm ?? cold }
}

/// The tables `make bench` prints, and the goals of issue #13 checked against them.
struct BenchReport {
  var province: String
  var hasCache: Bool
  var sizes: [SizeFigures] = []

  /// The frame budget of a key, and the goals of #13.
  static let keyGoalMilliseconds = 16.0
  static let warmListGoal100k = 1.5
  static let warmListGoal10k = 0.2
  static let coldToRipgrepGoal = 2.0
  static let residentToCorpusGoal = 1.5

  func table(for size: SizeFigures) -> String {
    var lines = [
      String(
        format: "## %d documents, %.*f MB of text", size.documents, size.megabytes < 10 ? 1 : 0,
        size.megabytes),
      "",
    ]
    // Each run with the ripgrep run it is compared with: from the page cache, or from disk.
    var runs: [(String, TimedRun?, TimedRun?)] = [
      ("rg -l -F ngày (reads every file)", size.ripgrep, size.ripgrep)
    ]
    if hasCache {
      runs += [
        ("vanban list, cold (cache cleared)", size.cold, size.ripgrep),
        ("vanban list, warm (median of \(VanbanBench.warmRuns))", size.warm, size.ripgrep),
        (
          "vanban list --province \(province), warm (median of \(VanbanBench.warmRuns))", size.province,
          size.ripgrep
        ),
      ]
    } else {
      runs += [
        ("vanban list (no snapshot cache)", size.cold, size.ripgrep),
        ("vanban list --province \(province)", size.province, size.ripgrep),
      ]
    }
    runs += [
      ("rg -l -F ngày, from disk (page cache dropped)", size.ripgrepFromDisk, size.ripgrepFromDisk),
      (
        hasCache
          ? "vanban list, cold from disk (page cache dropped, cache cleared)"
          : "vanban list, from disk (page cache dropped)",
        size.coldFromDisk, size.ripgrepFromDisk
      ),
    ]
    var rows = [["run", "wall", "CPU", "of it sys", "peak RSS", "RSS / corpus", "× rg wall", "lines out"]]
    for (name, run, ripgrep) in runs {
      guard let run else {
        rows.append([name, "—", "—", "—", "—", "—", "—", "—"])
        continue
      }
      let ratio = ripgrep.map { String(format: "%.1f×", run.wallSeconds / max(0.000_1, $0.wallSeconds)) }
      rows.append([
        name, String(format: "%.2f s", run.wallSeconds), String(format: "%.2f s", run.cpuSeconds),
        String(format: "%.2f s", run.systemSeconds), String(format: "%.0f MB", run.peakResidentMegabytes),
        String(format: "%.2f×", run.peakResidentMegabytes / max(0.001, size.megabytes)), ratio ?? "—",
        String(run.lines),
      ])
    }
    lines.append(Self.markdown(rows, rightAligned: 1...7))
    lines.append(
      size.fromDiskMissing.map { "\nFrom disk: not measured: \($0)." }
        ?? "\nFrom disk: each run right after `sync` and dropping the page cache; × rg wall against rg from disk."
    )
    lines += [
      "", "In one process (`--measure`):", "", size.inProcess.table(), "",
      "Key latency, `update` + `render` at 140×40, timed in a child process that loads through the "
        + "snapshot and, before the first key, has what the browser's threads build once it is loaded "
        + "(search index, corpus tables). Judged on the CPU time of the thread (what a key costs on an "
        + "idle core); wall time beside it also counts other processes on a busy machine:", "",
    ]
    var keyRows = [
      ["screen", "keys", "CPU p50", "CPU p99", "wall p50", "wall p99", "slowest (CPU)", "p99 < 16 ms"]
    ]
    for screen in size.inProcess.keyLatency {
      let (p50, p99) = BenchMeasurement.percentiles(screen.milliseconds)
      let (cpuP50, cpuP99) = BenchMeasurement.percentiles(screen.cpuMilliseconds)
      let keys =
        screen.milliseconds.count == screen.scripted
        ? String(screen.scripted) : "\(screen.milliseconds.count) of \(screen.scripted) (time budget)"
      let name = screen.missed.map { "\(screen.screen) (reached \($0) instead)" } ?? screen.screen
      keyRows.append([
        name, keys, String(format: "%.2f ms", cpuP50), String(format: "%.2f ms", cpuP99),
        String(format: "%.2f ms", p50), String(format: "%.2f ms", p99), screen.slowestKey ?? "—",
        cpuP99 < Self.keyGoalMilliseconds ? "yes" : "no",
      ])
    }
    lines.append(Self.markdown(keyRows, rightAligned: 1...5))
    return lines.joined(separator: "\n")
  }

  /// The goals of #13, each with the figure it is judged on and whether it is met; a goal at a
  /// size that was not measured says so.
  func targets() -> String {
    let tenThousand = sizes.first { $0.documents == 10_000 }
    let hundredThousand = sizes.first { $0.documents == 100_000 }
    let warmWord = hasCache ? "warm" : "no cache"
    var rows = [["goal (#13)", "figure", "met"]]
    func add(_ goal: String, _ size: SizeFigures?, _ figure: (SizeFigures) -> (String, Bool)?) {
      guard let size else { return rows.append([goal, "size not measured", "—"]) }
      guard let (text, met) = figure(size) else { return rows.append([goal, "not measured", "—"]) }
      rows.append([goal, text, met ? "yes" : "no"])
    }
    add("100k \(warmWord): vanban list < 1.5 s", hundredThousand) { size in
      size.everyDay.map { (String(format: "%.2f s", $0.wallSeconds), $0.wallSeconds < Self.warmListGoal100k) }
    }
    add("100k \(warmWord): vanban list --province < 1.5 s", hundredThousand) { size in
      size.province.map { (String(format: "%.2f s", $0.wallSeconds), $0.wallSeconds < Self.warmListGoal100k) }
    }
    add("10k \(warmWord): vanban list < 0.2 s", tenThousand) { size in
      size.everyDay.map { (String(format: "%.2f s", $0.wallSeconds), $0.wallSeconds < Self.warmListGoal10k) }
    }
    add("100k cold, page cache: within 2× rg", hundredThousand) { size in
      Self.coldGoal(size.cold, against: size.ripgrep)
    }
    if let missing = hundredThousand?.fromDiskMissing {
      rows.append(["100k cold, from disk: within 2× rg", "not measured: \(missing)", "—"])
    } else {
      add("100k cold, from disk: within 2× rg", hundredThousand) { size in
        Self.coldGoal(size.coldFromDisk, against: size.ripgrepFromDisk)
      }
    }
    for size in sizes {
      let worst = size.inProcess.keyLatency.map {
        ($0.screen, BenchMeasurement.percentiles($0.cpuMilliseconds).1)
      }
      .max { $0.1 < $1.1 }
      let label = size.documents >= 1000 ? "\(size.documents / 1000)k" : "\(size.documents) documents"
      add("\(label): every screen's key p99 (CPU) < 16 ms", size) { _ in
        worst.map { (String(format: "worst %.1f ms (%@)", $0.1, $0.0), $0.1 < Self.keyGoalMilliseconds) }
      }
    }
    add("100k \(warmWord): peak RSS < 1.5× corpus", hundredThousand) { size in
      size.everyDay.map { run in
        let ratio = run.peakResidentMegabytes / max(0.001, size.megabytes)
        return (
          String(format: "%.0f MB for %.0f MB: %.2f×", run.peakResidentMegabytes, size.megabytes, ratio),
          ratio < Self.residentToCorpusGoal
        )
      }
    }
    let note =
      hasCache
      ? "" : "\n(no snapshot cache in this vanban: every run parses, so cold and warm are one figure)"
    return "## Goals of #13\n\n" + Self.markdown(rows, rightAligned: nil) + note
  }

  /// The cold goal judged on one reading of the files (both from the page cache, or both from
  /// disk): the figure and whether it is met; nil when either run is missing.
  static func coldGoal(_ cold: TimedRun?, against ripgrep: TimedRun?) -> (String, Bool)? {
    guard let cold, let ripgrep else { return nil }
    let ratio = cold.wallSeconds / max(0.000_1, ripgrep.wallSeconds)
    return (
      String(format: "%.2f s against %.2f s: %.1f×", cold.wallSeconds, ripgrep.wallSeconds, ratio),
      ratio <= coldToRipgrepGoal
    )
  }

  /// A markdown table, columns padded to their widest cell (by characters).
  static func markdown(_ rows: [[String]], rightAligned: ClosedRange<Int>?) -> String {
    guard let header = rows.first else { return "" }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    func pad(_ cell: String, _ column: Int) -> String {
      let space = String(repeating: " ", count: widths[column] - cell.count)
      return rightAligned?.contains(column) == true ? space + cell : cell + space
    }
    var lines = ["| " + header.indices.map { pad(header[$0], $0) }.joined(separator: " | ") + " |"]
    lines.append(
      "|"
        + header.indices.map { column in
          let dashes = String(repeating: "-", count: widths[column] + 1)
          return rightAligned?.contains(column) == true ? dashes + ":" : ":" + dashes
        }.joined(separator: "|") + "|")
    for row in rows.dropFirst() {
      lines.append("| " + row.indices.map { pad(row[$0], $0) }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }
}
