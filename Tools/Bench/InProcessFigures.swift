import DirectiveKit
import Foundation
import VanbanGenerator
import VanbanUI

/// The figures measured inside one child process for one corpus size: loading, the index,
/// searches, the citation scores; and, from another child, the key latency of every screen.
struct BenchFigures {
  var documents = 0
  var megabytes = 0.0
  var loadSeconds = 0.0
  var loadPeakMegabytes = 0.0
  var indexSeconds = 0.0
  var loadCPUSeconds = 0.0
  var indexCPUSeconds = 0.0
  var firstFrameSeconds = 0.0
  var peakMegabytes = 0.0
  var searchP50 = 0.0
  var searchP99 = 0.0
  var keystrokeP50 = 0.0
  var keystrokeP99 = 0.0
  var provinceP50 = 0.0
  var provinceP99 = 0.0
  var graphSeconds = 0.0
  var precision = 0.0
  var recall = 0.0
  /// The citation rows of `GeneratorScore`: precision, recall, every field, by form and relation.
  var citationRows: [(String, String)] = []
  /// Per literal query (`BenchQueries.literal`), all matching documents, no snippets: best of three.
  var literalMilliseconds: [Double] = []
  var ripgrepMilliseconds: [Double]?
  /// Per screen, the time of each scripted key (`update` then `render`), timed in a child process
  /// of its own (`VanbanBench.measureKeysInChild`).
  var keyLatency: [ScreenLatency] = []

  private var scalars: [(String, Double)] {
    [
      ("documents", Double(documents)), ("megabytes", megabytes), ("loadSeconds", loadSeconds),
      ("loadPeakMegabytes", loadPeakMegabytes), ("indexSeconds", indexSeconds),
      ("loadCPUSeconds", loadCPUSeconds), ("indexCPUSeconds", indexCPUSeconds),
      ("firstFrameSeconds", firstFrameSeconds), ("peakMegabytes", peakMegabytes), ("searchP50", searchP50),
      ("searchP99", searchP99), ("keystrokeP50", keystrokeP50), ("keystrokeP99", keystrokeP99),
      ("provinceP50", provinceP50), ("provinceP99", provinceP99), ("graphSeconds", graphSeconds),
      ("precision", precision), ("recall", recall),
    ]
  }

  var json: String {
    let numbers = scalars.map { "\"\($0)\":\($1.isFinite ? String($1) : "null")" }
    let rows = citationRows.map { [$0.0, $0.1] }
    let rowsJSON = (try? JSONSerialization.data(withJSONObject: rows)).map {
      String(decoding: $0, as: UTF8.self)
    }
    let literal = literalMilliseconds.map { String($0) }.joined(separator: ",")
    let keys = keyLatency.map(\.json).joined(separator: ",")
    return "{" + numbers.joined(separator: ",")
      + ",\"citationRows\":\(rowsJSON ?? "[]"),\"literal\":[\(literal)],\"keys\":[\(keys)]}"
  }

  init() {}

  init?(json data: Data) {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
    let read = { (key: String) in (object[key] as? NSNumber)?.doubleValue ?? .nan }
    documents = Int(read("documents"))
    megabytes = read("megabytes")
    loadSeconds = read("loadSeconds")
    loadPeakMegabytes = read("loadPeakMegabytes")
    indexSeconds = read("indexSeconds")
    loadCPUSeconds = read("loadCPUSeconds")
    indexCPUSeconds = read("indexCPUSeconds")
    firstFrameSeconds = read("firstFrameSeconds")
    peakMegabytes = read("peakMegabytes")
    searchP50 = read("searchP50")
    searchP99 = read("searchP99")
    keystrokeP50 = read("keystrokeP50")
    keystrokeP99 = read("keystrokeP99")
    provinceP50 = read("provinceP50")
    provinceP99 = read("provinceP99")
    graphSeconds = read("graphSeconds")
    precision = read("precision")
    recall = read("recall")
    citationRows =
      (object["citationRows"] as? [[String]])?.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil } ?? []
    literalMilliseconds = (object["literal"] as? [NSNumber])?.map(\.doubleValue) ?? []
    keyLatency = (object["keys"] as? [[String: Any]])?.compactMap(ScreenLatency.init(object:)) ?? []
  }

  func table() -> String {
    let median = { (values: [Double]) in BenchMeasurement.percentiles(values).0 }
    var rows: [(String, String)] = [
      ("corpus on disk", String(format: "%.0f MB, %d documents", megabytes, documents)),
      (
        "load + parse + link + graph: wall, CPU",
        String(
          format: "%.2f s, %.2f CPU-s (%.0f MB/CPU-s)", loadSeconds, loadCPUSeconds,
          megabytes / loadCPUSeconds)
      ),
      (
        "search index build: wall, CPU",
        String(
          format: "%.2f s, %.2f CPU-s (%.0f MB/CPU-s)", indexSeconds, indexCPUSeconds,
          megabytes / indexCPUSeconds)
      ),
      ("first library frame (load, then VanbanUI Library + render, 140×40)", seconds(firstFrameSeconds)),
      (
        "peak resident memory after load",
        String(format: "%.0f MB (%.2f× corpus)", loadPeakMegabytes, loadPeakMegabytes / max(1, megabytes))
      ),
      (
        "peak resident memory at the end",
        String(format: "%.0f MB (%.2f× corpus)", peakMegabytes, peakMegabytes / max(1, megabytes))
      ),
      (
        "search p50 / p99 (200 queries, top 50, snippets)",
        String(format: "%.2f / %.2f ms", searchP50, searchP99)
      ),
      ("keystroke filter p50 / p99", String(format: "%.2f / %.2f ms", keystrokeP50, keystrokeP99)),
      ("province filter p50 / p99", String(format: "%.2f / %.2f ms", provinceP50, provinceP99)),
      ("citation graph build", seconds(graphSeconds)),
    ]
    rows += citationRows
    rows.append(
      (
        "literal queries, all matching documents: vanban",
        String(format: "%.2f ms median", median(literalMilliseconds))
      ))
    if let ripgrep = ripgrepMilliseconds, ripgrep.count == literalMilliseconds.count {
      let ratios = zip(ripgrep, literalMilliseconds).map { $0 / max(0.001, $1) }
      rows.append(
        ("same queries: rg -l -F (fresh process each)", String(format: "%.1f ms median", median(ripgrep))))
      rows.append(
        (
          "rg time / vanban time: median, worst query",
          String(format: "%.0f×, %.1f×", median(ratios), ratios.min() ?? .nan)
        ))
      rows.append(
        ("queries where vanban beats rg", "\(ratios.filter { $0 > 1 }.count) of \(ratios.count)"))
    } else {
      rows.append(("same queries: rg -l -F", "rg not installed"))
    }
    let nameWidth = rows.map { $0.0.count }.max() ?? 0
    let valueWidth = max(documentsTitle.count, rows.map { $0.1.count }.max() ?? 0)
    var lines = [
      "| " + "measure".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " | "
        + String(repeating: " ", count: valueWidth - documentsTitle.count) + documentsTitle + " |",
      "|" + String(repeating: "-", count: nameWidth + 2) + "|" + String(repeating: "-", count: valueWidth + 1)
        + ":|",
    ]
    for (name, value) in rows {
      lines.append(
        "| " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " | "
          + String(repeating: " ", count: valueWidth - value.count) + value + " |")
    }
    return lines.joined(separator: "\n")
  }

  private var documentsTitle: String { "\(documents) documents" }

  private func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
}

/// The fixed query lists: 200 mixed queries, 20 literal ones that rg can run too.
enum BenchQueries {
  static let literal = [
    "07-KL/TW", "16/CT-TTg", "Kết luận số", "phòng, chống dịch", "khuyến cáo “5K” của Bộ Y tế",
    "Thường trực Ban Bí thư",
    "tiêm chủng vắc-xin", "tổ Covid cộng đồng", "Tết Nguyên đán", "biên giới", "ngày 21/7/2021", "Nam Định",
    "Quảng Ninh", "CHỦ TỊCH", "T/L BAN THƯỜNG VỤ", "giãn cách xã hội", "oxy y tế", "chuỗi cung ứng",
    "Sở Y tế",
    "thiên tai",
  ]

  static func mixed() -> [String] {
    var random = SplitMix64(seed: 7)
    let words = [
      "ket luan", "chi thi", "phong chong dich", "tiem chung", "vac xin", "bien gioi", "an sinh", "cach ly",
      "Covid cộng đồng", "tết nguyên đán", "doanh nghiep", "thien tai", "hoa binh", "thuỷ lợi",
      "Ủy ban nhân dân",
      "xet nghiem", "oxy", "truy vet", "gian cach", "ban thuong vu",
    ]
    let provinces = [
      "Nam Định", "nam dinh", "Hà Nội", "kien giang", "Quảng Ninh", "ninh binh", "Cà Mau", "lao cai",
    ]
    let types = ["cong van", "ke hoach", "chi thi", "thong bao", "cong dien"]
    var queries: [String] = literal.map { "\"\($0)\"" }
    while queries.count < 200 {
      switch random.below(8) {
      case 0: queries.append(random.pick(words))
      case 1: queries.append(random.pick(words) + " " + random.pick(words))
      case 2: queries.append((random.chance(0.5) ? "0" : "") + "\(1 + random.below(90))-KL/TW")
      case 3: queries.append("\(1 + random.below(28))/\(1 + random.below(12))/\(2020 + random.below(3))")
      case 4: queries.append("province:\(random.pick(provinces)) \(random.pick(words))")
      case 5: queries.append("type:\(random.pick(types)) year:\(2020 + random.below(3))")
      case 6: queries.append("cites:\(1 + random.below(40))/CT-TTg")
      default: queries.append("\"\(random.pick(words))\"")
      }
    }
    return queries
  }
}

enum BenchMeasurement {
  static func run(folder: URL) throws -> BenchFigures {
    var figures = BenchFigures()
    let clock = ContinuousClock()
    progress("  loading \(folder.path)…")
    let loadStart = clock.now
    var cpuStart = cpuSeconds()
    let corpus = try Corpus.load(paths: [folder.path])
    figures.loadSeconds = seconds(clock.now - loadStart)
    figures.loadCPUSeconds = cpuSeconds() - cpuStart
    figures.loadPeakMegabytes = peakResidentMegabytes()
    // What `vanban` does once loading ends: the library, its state, its first frame (140×40).
    let frameStart = clock.now
    let library = Library(corpus: corpus)
    let frame = VanbanUI.render(AppState(library: library, width: 140, height: 40))
    figures.firstFrameSeconds = figures.loadSeconds + seconds(clock.now - frameStart)
    guard frame.width == 140 else { throw BenchFailure("the first frame has the wrong size") }
    figures.documents = corpus.documents.count
    figures.megabytes = Double(corpus.documents.reduce(0) { $0 + $1.text.utf8.count }) / 1_000_000

    progress("  indexing…")
    let indexStart = clock.now
    cpuStart = cpuSeconds()
    let index = library.makeSearchIndex()
    figures.indexSeconds = seconds(clock.now - indexStart)
    figures.indexCPUSeconds = cpuSeconds() - cpuStart

    progress("  graph…")
    let graphStart = clock.now
    _ = CitationGraph(documents: corpus.documents)
    figures.graphSeconds = seconds(clock.now - graphStart)

    progress("  searching…")
    var searchTimes: [Double] = []
    let queries = BenchQueries.mixed()
    for query in queries {
      let start = clock.now
      _ = index.search(query, limit: 50)
      searchTimes.append(milliseconds(clock.now - start))
    }
    (figures.searchP50, figures.searchP99) = percentiles(searchTimes)
    reportSlowest(zip(queries, searchTimes), what: "searches")

    var keystrokeTimes: [Double] = []
    var keystrokes: [String] = []
    for query in [
      "ket luan 07", "phong chong dich covid", "tiêm chủng vắc-xin", "province:nam dinh tet", "bien gioi",
    ] {
      var typed = ""
      for character in query {
        typed.append(character)
        let start = clock.now
        _ = index.matchingDocuments(SearchQuery.parse(typed, lastWordIsPrefix: true))
        keystrokeTimes.append(milliseconds(clock.now - start))
        keystrokes.append(typed)
      }
    }
    reportSlowest(zip(keystrokes, keystrokeTimes), what: "keystrokes")
    (figures.keystrokeP50, figures.keystrokeP99) = percentiles(keystrokeTimes)

    var provinceTimes: [Double] = []
    for province in Set(corpus.documents.compactMap(\.province)).sorted() {
      let start = clock.now
      _ = index.matchingDocuments("province:\"\(province)\"")
      provinceTimes.append(milliseconds(clock.now - start))
    }
    (figures.provinceP50, figures.provinceP99) = percentiles(provinceTimes)

    // Three passes over the list rather than three runs of each query: the index keeps its last
    // answer, which a query asked twice in a row would read instead of searching.
    var bestLiteral = [Double](repeating: .infinity, count: BenchQueries.literal.count)
    for _ in 0..<3 {
      for (position, query) in BenchQueries.literal.enumerated() {
        let start = clock.now
        _ = index.matchingDocuments("\"\(query)\"")
        bestLiteral[position] = min(bestLiteral[position], milliseconds(clock.now - start))
      }
    }
    figures.literalMilliseconds = bestLiteral

    progress("  scoring citations against truth.jsonl…")
    let truth = try CorpusGenerator.readTruth(folder.appendingPathComponent("truth.jsonl"))
    let score = GeneratorScore(corpus: corpus, truth: truth, folder: folder)
    figures.precision = score.precision ?? .nan
    figures.recall = score.recall ?? .nan
    figures.citationRows = score.rows
    for miss in score.misses { progress("  " + miss.description) }

    figures.peakMegabytes = peakResidentMegabytes()
    return figures
  }

  /// Names the slowest queries on stderr, for whoever tunes them.
  static func reportSlowest(_ timed: some Sequence<(String, Double)>, what: String) {
    let slowest = timed.sorted { $0.1 > $1.1 }.prefix(4)
    progress(
      "  slowest \(what): "
        + slowest.map { "\($0.0) " + String(format: "%.1f ms", $0.1) }.joined(separator: ", ")
    )
  }

  /// User and system time of this process, all threads.
  static func cpuSeconds() -> Double { ResourceUsage.ofThisProcess().cpuSeconds }

  static func peakResidentMegabytes() -> Double { ResourceUsage.ofThisProcess().peakResidentMegabytes }

  static func percentiles(_ values: [Double]) -> (Double, Double) {
    guard !values.isEmpty else { return (.nan, .nan) }
    let sorted = values.sorted()
    let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
    return (sorted[sorted.count / 2], p99)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }
}

/// Times `rg -l -F` over the same files for each literal query: the best of three runs.
enum RipgrepTimer {
  static func milliseconds(queries: [String], folder: String) -> [Double]? {
    guard let rg = executableOnPath("rg") else { return nil }
    let clock = ContinuousClock()
    var times: [Double] = []
    for query in queries {
      var best = Double.infinity
      for _ in 0..<3 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rg)
        process.arguments = ["-l", "-F", "--glob", "*.txt", query, folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = clock.now
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        best = min(best, BenchMeasurement.milliseconds(clock.now - start))
      }
      times.append(best)
    }
    return times
  }
}
