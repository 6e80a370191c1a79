import DirectiveKit
import Foundation
import VanbanUI

/// The time of each key of a scripted session per screen: VanbanUI's `update` and then `render`
/// (what the terminal loop does for a key), in this process, on a 140×40 state.
struct ScreenLatency {
  var screen: String
  /// Milliseconds, one per key, in script order.
  var milliseconds: [Double]
  /// The CPU time of the same keys on this thread: what a busy machine's other processes do not add.
  var cpuMilliseconds: [Double] = []
  /// How many keys the script has; fewer were timed when the time budget ran out.
  var scripted: Int
  /// Nil when every key's screen was the expected one; else what was reached instead.
  var missed: String?
  /// Each key timed and the search in force after it (for naming the slowest keys).
  var labels: [String] = []

  var json: String {
    let object: [String: Any] = [
      "screen": screen, "ms": milliseconds, "cpu_ms": cpuMilliseconds, "scripted": scripted,
      "missed": missed ?? "", "labels": labels,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  init(screen: String, milliseconds: [Double], scripted: Int, missed: String?) {
    self.screen = screen
    self.milliseconds = milliseconds
    self.scripted = scripted
    self.missed = missed
  }

  init?(object: [String: Any]) {
    guard let screen = object["screen"] as? String, let times = object["ms"] as? [NSNumber] else {
      return nil
    }
    self.screen = screen
    milliseconds = times.map(\.doubleValue)
    cpuMilliseconds = (object["cpu_ms"] as? [NSNumber])?.map(\.doubleValue) ?? []
    scripted = (object["scripted"] as? NSNumber)?.intValue ?? times.count
    let missed = object["missed"] as? String ?? ""
    self.missed = missed.isEmpty ? nil : missed
    labels = object["labels"] as? [String] ?? []
  }

  /// The key of most CPU time, with the search in force after it.
  var slowestKey: String? {
    guard let slowest = cpuMilliseconds.indices.max(by: { cpuMilliseconds[$0] < cpuMilliseconds[$1] }),
      slowest < labels.count
    else { return nil }
    return "#\(slowest + 1) \(labels[slowest])"
  }
}

enum KeyLatency {
  /// One screen's session: keys from the library (every one timed), the screen they should reach
  /// after `entry` keys, then the keys used on it.
  struct Script {
    var name: String
    var entry: [Key]
    var reaches: String
    var keys: [Key]
    /// Whether the session starts on the document citing most (for the reader and the diagram).
    var startOnBusiestDocument = false
  }

  static func typing(_ text: String) -> [Key] { text.map { .character($0) } }

  static func repeated(_ key: Key, _ count: Int) -> [Key] { Array(repeating: key, count: count) }

  static let scripts: [Script] = [
    Script(
      name: "library: move, page, sort, province picker", entry: [], reaches: "Library",
      keys: repeated(.down, 40) + repeated(.pageDown, 10) + [.end, .home] + repeated(.up, 10)
        + typing("sss") + typing("p") + typing("nam") + [.enter] + repeated(.down, 10) + typing("c")),
    Script(
      name: "search: words, one-letter prefixes, common phrases", entry: typing("/"), reaches: "Library",
      keys: typing("ket luan 07") + [.enter] + typing("c/") + typing("p") + [.backspace] + typing("t")
        + [.backspace] + typing("phong chong dich covid") + [.escape] + typing("/")
        + typing("\"ban thuong vu\"") + [.enter] + repeated(.down, 10) + typing("c/") + typing("ng")
        + [.escape]),
    Script(
      name: "reader: scroll, links, find", entry: [.enter], reaches: "Reader",
      keys: repeated(.down, 30) + repeated(.character(" "), 10) + repeated(.tab, 10) + [.end, .home]
        + typing("/ngày") + [.enter] + typing("nnnnn"),
      startOnBusiestDocument: true),
    Script(
      name: "graph outline", entry: typing("2"), reaches: "Graph",
      keys: repeated(.down, 30) + repeated(.pageDown, 5) + [.end, .home] + repeated(.up, 5)),
    Script(
      name: "graph matrix", entry: typing("2m"), reaches: "Graph",
      keys: repeated(.down, 30) + repeated(.pageDown, 5) + [.end, .home]),
    Script(
      name: "provinces", entry: typing("3"), reaches: "Provinces",
      keys: repeated(.down, 30) + typing("t") + repeated(.down, 10) + typing("t")),
    Script(
      name: "cited page", entry: typing("2") + [.enter], reaches: "Cited document",
      keys: repeated(.down, 30) + repeated(.pageDown, 5) + [.end, .home]),
    Script(
      name: "diagram", entry: [.enter] + typing("d"), reaches: "Diagram",
      keys: repeated(.down, 20) + typing("d") + repeated(.down, 5) + [.backspace],
      startOnBusiestDocument: true),
  ]

  /// Times every script on `library` (or those whose names begin with one of `only`), `passes`
  /// times over (the last pass is kept: more than one is for a profiler); a script stops once it
  /// has spent `budgetSeconds`.
  static func measure(
    library: Library, budgetSeconds: Double, only: [String] = [], passes: Int = 1
  ) -> [ScreenLatency] {
    let clock = ContinuousClock()
    let busiest = library.documents.indices.max {
      library.documents[$0].citations.count < library.documents[$1].citations.count
    }
    // What the browser builds on other threads once the corpus is loaded, before these keys.
    let searchIndex = library.makeSearchIndex()
    let responses = library.responses()
    let tablesStart = clock.now
    let tablesCPUStart = threadCPUMilliseconds()
    let tables = CorpusTables(library: library, responses: responses)
    progress(
      String(
        format: "    corpus tables (Event.tablesReady) built in %.0f ms, %.0f ms of CPU",
        BenchMeasurement.milliseconds(clock.now - tablesStart), threadCPUMilliseconds() - tablesCPUStart))
    let chosen = scripts.filter { script in only.isEmpty || only.contains { script.name.hasPrefix($0) } }
    var latencies: [ScreenLatency] = []
    for _ in 0..<max(1, passes) {
      latencies = chosen.map {
        time(
          $0, library: library, index: searchIndex, responses: responses, tables: tables,
          busiest: busiest, budgetSeconds: budgetSeconds)
      }
    }
    return latencies
  }

  /// One script's keys, from a fresh state holding what the browser has once loading is over.
  private static func time(
    _ script: Script, library: Library, index searchIndex: SearchIndex, responses: [CentralResponse],
    tables: CorpusTables, busiest: Int?, budgetSeconds: Double
  ) -> ScreenLatency {
    let clock = ContinuousClock()
    var state = AppState(
      library: library, width: 140, height: 40, searchIndex: searchIndex, allResponses: responses)
    state = update(state, .tablesReady(tables))
    if script.startOnBusiestDocument, let busiest, let row = state.visibleDocuments.firstIndex(of: busiest) {
      state.page.selection = row
    }
    var times: [Double] = []
    var cpuTimes: [Double] = []
    var labels: [String] = []
    var missed: String?
    let keys = script.entry + script.keys
    let budget = Duration.milliseconds(Int(budgetSeconds * 1000))
    let started = clock.now
    for (position, key) in keys.enumerated() {
      if clock.now - started > budget { break }
      let start = clock.now
      let cpuStart = threadCPUMilliseconds()
      state = update(state, key)
      withExtendedLifetime(render(state)) {}
      times.append(BenchMeasurement.milliseconds(clock.now - start))
      cpuTimes.append(threadCPUMilliseconds() - cpuStart)
      labels.append("\(key)" + (state.activeQuery.isEmpty ? "" : " → “\(state.activeQuery)”"))
      if position == script.entry.count - 1 || (script.entry.isEmpty && position == 0),
        state.page.screen.title != script.reaches
      {
        missed = state.page.screen.title
      }
    }
    progress(
      "    \(script.name): \(times.count) keys, p99 "
        + String(format: "%.1f ms", BenchMeasurement.percentiles(times).1))
    var latency = ScreenLatency(
      screen: script.name, milliseconds: times, scripted: keys.count, missed: missed)
    latency.cpuMilliseconds = cpuTimes
    latency.labels = labels
    return latency
  }

  /// The CPU time this thread has used.
  static func threadCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
  }
}

extension KeyLatency {
  /// `vanban-bench --keys-only FOLDER`: loads the folder through a snapshot, as the browser does
  /// every day (a second run starts at once), does what the browser's threads do once it is loaded
  /// (the search index, its short prefixes and metadata index, the corpus tables), then prints
  /// each screen's p50, p99 and slowest keys, or with `json` their figures for the bench's table.
  static func timeKeysOnly(
    folder: String, snapshotDirectory: String, budgetSeconds: Double, only: [String] = [], passes: Int = 1,
    json: Bool = false
  ) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let corpus = try Corpus.load(paths: [folder], snapshot: SnapshotStore(directory: snapshotDirectory))
    let library = Library(corpus: corpus)
    progress(
      "\(corpus.documents.count) documents loaded in "
        + String(format: "%.1f s", BenchMeasurement.seconds(clock.now - start)))
    let latencies = measure(library: library, budgetSeconds: budgetSeconds, only: only, passes: passes)
    if json {
      print("[" + latencies.map(\.json).joined(separator: ",") + "]")
      return
    }
    for latency in latencies {
      let (p50, p99) = BenchMeasurement.percentiles(latency.milliseconds)
      let (cpuP50, cpuP99) = BenchMeasurement.percentiles(latency.cpuMilliseconds)
      let cpu = latency.cpuMilliseconds
      let slowest = cpu.indices.max { cpu[$0] < cpu[$1] }
      print(
        String(
          format: "%-50@ CPU p50 %6.2f p99 %7.2f ms · wall p50 %6.2f p99 %7.2f ms, slowest key %d of %d%@",
          latency.screen as NSString, cpuP50, cpuP99, p50, p99, (slowest ?? -1) + 1, latency.scripted,
          (latency.missed.map { " MISSED: \($0)" } ?? "") as NSString))
      let slowestKeys = cpu.indices.sorted { cpu[$0] > cpu[$1] }.prefix(4).map { position in
        String(format: "#%d %@ %.1f ms", position + 1, latency.labels[position] as NSString, cpu[position])
      }
      print("    slowest by CPU: " + slowestKeys.joined(separator: ", "))
    }
  }
}
