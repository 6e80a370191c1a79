import DirectiveKit
import Foundation

/// `vanban-bench --index-only N`: the search index alone over N generated documents held in
/// memory: build, the stored file (write, size, load), resident memory, and the time of each
/// query of three lists (ranked searches as `vanban search` runs them, the keys of the browser's
/// search prompt, and the common words and phrases of #13).
enum IndexFigures {
  /// Ranked queries of #13 beside the bench's 200: the commonest words and phrases.
  static let commonWords = [
    "của", "và", "các", "ban thường vụ", "tỉnh ủy", "\"ban thường vụ\"", "\"tỉnh ủy\"", "\"của\"",
    "phong chong dich", "cua va cac", "\"ủy ban nhân dân tỉnh\"",
  ]

  /// What the browser's prompt sends as a query is typed: every one-letter and common two-letter
  /// prefix, and every prefix of a few longer queries.
  static func typedQueries() -> [String] {
    var queries = "abcdeghiklmnopqrstuvxy".map { String($0) } + ["đ"]
    queries += [
      "th", "ch", "ng", "tr", "ph", "kh", "nh", "qu", "gi", "ba", "co", "ti", "ca", "đa", "đo", "va", "cu",
    ]
    for typed in [
      "ket luan 07", "phong chong dich covid", "tiêm chủng vắc-xin", "province:nam dinh tet", "bien gioi",
      "của các", "ban thường vụ tỉnh ủy", "\"ban thuong vu\"", "t v c",
    ] {
      var prefix = ""
      for character in typed {
        prefix.append(character)
        queries.append(prefix)
      }
    }
    return queries
  }

  struct Timing {
    var name: String
    var milliseconds: [Double] = []
    var queries: [String] = []

    var line: String {
      let (p50, p99) = BenchMeasurement.percentiles(milliseconds)
      let slowest = zip(queries, milliseconds).sorted { $0.1 > $1.1 }.prefix(4)
        .map { "\($0.0) " + String(format: "%.1f", $0.1) }.joined(separator: ", ")
      return String(
        format: "%@: %d queries, CPU p50 %.2f ms, p99 %.2f ms, max %.2f ms (slowest: %@)", name,
        milliseconds.count, p50, p99, milliseconds.max() ?? .nan, slowest)
    }
  }

  /// The CPU time of this thread for each query: on a machine others share, wall time says
  /// more about them than about the query.
  static func time(_ name: String, _ queries: [String], _ body: (String) -> Void) -> Timing {
    var timing = Timing(name: name)
    for query in queries {
      let start = threadCPUMilliseconds()
      body(query)
      timing.milliseconds.append(threadCPUMilliseconds() - start)
      timing.queries.append(query)
    }
    return timing
  }

  static func threadCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
  }

  /// The resident set now (not the peak), from /proc on Linux; nil elsewhere.
  static func residentMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
      let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes / 1000
  }

  /// The index written to a file and read back: time (wall and CPU), size, resident memory it
  /// adds, and whether the loaded index answers as the built one.
  static func fileLines(built: SearchIndex, documents: [Document]) -> [String] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-bench-index-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("snapshot.index").path
    let clock = ContinuousClock()
    var start = clock.now
    var cpuStart = BenchMeasurement.cpuSeconds()
    do {
      try built.write(to: path, fingerprint: 1)
    } catch {
      return ["index file not written: \(error)"]
    }
    let writeSeconds = BenchMeasurement.seconds(clock.now - start)
    let writeCPU = BenchMeasurement.cpuSeconds() - cpuStart
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let residentBefore = residentMegabytes() ?? .nan
    start = clock.now
    cpuStart = BenchMeasurement.cpuSeconds()
    guard let loaded = SearchIndex.load(from: path, fingerprint: 1, documents: documents) else {
      return ["index file written but not read back"]
    }
    let loadSeconds = BenchMeasurement.seconds(clock.now - start)
    let loadCPU = BenchMeasurement.cpuSeconds() - cpuStart
    let residentAfter = residentMegabytes() ?? .nan
    var differing: [String] = []
    for query in BenchQueries.mixed() + commonWords
    where loaded.search(query, limit: 50) != built.search(query, limit: 50) {
      differing.append(query)
    }
    for typed in typedQueries() {
      let parsed = SearchQuery.parse(typed, lastWordIsPrefix: true)
      if loaded.matchingDocuments(parsed) != built.matchingDocuments(parsed) { differing.append(typed) }
    }
    return [
      String(
        format:
          "index file: %.0f MB, written in %.2f s (%.2f CPU-s), read back in %.3f s (%.3f CPU-s), +%.0f MB resident",
        Double(size) / 1e6, writeSeconds, writeCPU, loadSeconds, loadCPU, residentAfter - residentBefore),
      differing.isEmpty
        ? "loaded index: the same hits, scores and snippets as the built one"
        : "loaded index DIFFERS from the built one on: " + differing.prefix(5).joined(separator: ", "),
    ]
  }

  static func searchLines(_ index: SearchIndex) -> [String] {
    let ranked = time("ranked, top 50 with snippets (bench's 200)", BenchQueries.mixed()) {
      _ = index.search($0, limit: 50)
    }
    let common = time("ranked, top 50 with snippets (common words and phrases)", commonWords) {
      _ = index.search($0, limit: 50)
    }
    let typed = typedQueries()
    let start = threadCPUMilliseconds()
    index.prepareShortPrefixes()
    let prepared = String(
      format:
        "one-byte prefixes worked out beforehand (as the browser does before its index is ready): %.0f CPU-ms",
      threadCPUMilliseconds() - start)
    let firstKeys = time("typed, every matching document (first time)", typed) {
      _ = index.matchingDocuments(SearchQuery.parse($0, lastWordIsPrefix: true))
    }
    let againKeys = time("typed, every matching document (again)", typed) {
      _ = index.matchingDocuments(SearchQuery.parse($0, lastWordIsPrefix: true))
    }
    var all = Timing(name: "all of the above")
    for timing in [ranked, common, firstKeys, againKeys] {
      all.milliseconds += timing.milliseconds
      all.queries += timing.queries
    }
    return [ranked, common].map(\.line) + [prepared] + [firstKeys, againKeys, all].map(\.line)
  }
}
