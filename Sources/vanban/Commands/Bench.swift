import ArgumentParser
import DirectiveKit
import Foundation

/// `make bench`: generates corpora once into `bench-cache/`, measures each size in a fresh child
/// process (so peak memory does not mix), times ripgrep on the same files, prints one table.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure load, search, filters, graph and citation accuracy on generated corpora.")

  @Option(help: "Corpus sizes, comma-separated.") var sizes: String = "10000,100000"
  @Option(help: "Where generated corpora are kept between runs.") var cache: String = "bench-cache"
  @Option(help: "Generator seed.") var seed: UInt64 = 2024
  @Option(help: "Internal: measure one size in this process and print its figures as JSON.")
  var measure: Int?
  @Option(help: "Only time the search index over this many generated documents, kept in memory.")
  var indexOnly: Int?

  func run() throws {
    if let indexOnly {
      let texts = CorpusGenerator(seed: seed).generate(count: indexOnly).map(\.text)
      let documents = texts.enumerated().map { Document(id: String($0), file: String($0), text: $1) }
      let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
      let clock = ContinuousClock()
      let start = clock.now
      let index = SearchIndex(documents: documents)
      let elapsed = BenchMeasurement.seconds(clock.now - start)
      print(
        String(
          format: "%d documents, %.0f MB: index built in %.2f s (%.0f MB/s), %d terms, %.0f MB of postings",
          indexOnly, megabytes, elapsed, megabytes / elapsed, index.termCount,
          Double(index.postingsSize) / 1e6))
      return
    }
    if let measure {
      let figures = try BenchMeasurement.run(folder: folder(for: measure))
      print(figures.json)
      return
    }
    let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !counts.isEmpty else { throw ValidationError("--sizes: no size") }
    var results: [(Int, BenchFigures)] = []
    for count in counts {
      try ensureCorpus(count: count)
      progress("measuring \(count) documents in a child process…")
      var figures = try measureInChild(count: count)
      progress("timing rg on \(count) documents…")
      figures.ripgrepMilliseconds = RipgrepTimer.medianMilliseconds(
        queries: BenchQueries.literal, folder: folder(for: count).path)
      results.append((count, figures))
    }
    print(BenchFigures.table(results))
  }

  private func folder(for count: Int) -> URL {
    URL(fileURLWithPath: cache).appendingPathComponent("\(count)-seed\(seed)")
  }

  private func ensureCorpus(count: Int) throws {
    let folder = folder(for: count)
    let done = folder.appendingPathComponent(".complete")
    if FileManager.default.fileExists(atPath: done.path) { return }
    try? FileManager.default.removeItem(at: folder)
    progress("generating \(count) documents into \(folder.path) (once)…")
    try CorpusGenerator(seed: seed).write(count: count, to: folder) { written in
      FileHandle.standardError.write(Data("\r  \(written)/\(count)".utf8))
    }
    FileHandle.standardError.write(Data("\n".utf8))
    FileManager.default.createFile(atPath: done.path, contents: Data())
  }

  private func measureInChild(count: Int) throws -> BenchFigures {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["bench", "--measure", String(count), "--cache", cache, "--seed", String(seed)]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let figures = BenchFigures(json: data) else {
      throw UsageFailure(message: "bench: the measuring child failed for \(count) documents")
    }
    return figures
  }
}

func progress(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The figures of one corpus size.
struct BenchFigures {
  var documents = 0
  var megabytes = 0.0
  var loadSeconds = 0.0
  var indexSeconds = 0.0
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
  var literalMilliseconds = 0.0
  var ripgrepMilliseconds: Double?

  private static let keys = [
    "documents", "megabytes", "loadSeconds", "indexSeconds", "firstFrameSeconds", "peakMegabytes",
    "searchP50",
    "searchP99", "keystrokeP50", "keystrokeP99", "provinceP50", "provinceP99", "graphSeconds", "precision",
    "recall",
    "literalMilliseconds",
  ]

  private var values: [Double] {
    [
      Double(documents), megabytes, loadSeconds, indexSeconds, firstFrameSeconds, peakMegabytes, searchP50,
      searchP99,
      keystrokeP50, keystrokeP99, provinceP50, provinceP99, graphSeconds, precision, recall,
      literalMilliseconds,
    ]
  }

  var json: String {
    "{" + zip(Self.keys, values).map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}"
  }

  init() {}

  init?(json data: Data) {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Double] else { return nil }
    let read = { (key: String) in object[key] ?? .nan }
    documents = Int(read("documents"))
    megabytes = read("megabytes")
    loadSeconds = read("loadSeconds")
    indexSeconds = read("indexSeconds")
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
    literalMilliseconds = read("literalMilliseconds")
  }

  static func table(_ results: [(Int, BenchFigures)]) -> String {
    let rows: [(String, (BenchFigures) -> String)] = [
      ("corpus on disk", { String(format: "%.0f MB", $0.megabytes) }),
      ("load + parse + link + graph", { String(format: "%.2f s", $0.loadSeconds) }),
      ("search index build", { String(format: "%.2f s", $0.indexSeconds) }),
      (
        "load + parse + index rate",
        { String(format: "%.0f MB/s", $0.megabytes / max(0.001, $0.loadSeconds + $0.indexSeconds)) }
      ),
      ("first frame (list rows, no UI yet)", { String(format: "%.2f s", $0.firstFrameSeconds) }),
      (
        "peak resident memory",
        {
          String(format: "%.0f MB (%.2f× corpus)", $0.peakMegabytes, $0.peakMegabytes / max(1, $0.megabytes))
        }
      ),
      (
        "search p50 / p99 (200 queries, top 50)",
        { String(format: "%.2f / %.2f ms", $0.searchP50, $0.searchP99) }
      ),
      ("keystroke filter p50 / p99", { String(format: "%.2f / %.2f ms", $0.keystrokeP50, $0.keystrokeP99) }),
      ("province filter p50 / p99", { String(format: "%.2f / %.2f ms", $0.provinceP50, $0.provinceP99) }),
      ("citation graph build", { String(format: "%.2f s", $0.graphSeconds) }),
      ("citation precision / recall", { String(format: "%.3f / %.3f", $0.precision, $0.recall) }),
      ("literal queries, all hits: vanban", { String(format: "%.2f ms median", $0.literalMilliseconds) }),
      (
        "same queries: rg -l -F",
        { $0.ripgrepMilliseconds.map { String(format: "%.1f ms median", $0) } ?? "rg not installed" }
      ),
      (
        "rg time / vanban time",
        { figures in
          figures.ripgrepMilliseconds.map {
            String(format: "%.0f×", $0 / max(0.001, figures.literalMilliseconds))
          } ?? "—"
        }
      ),
    ]
    let header = ["measure"] + results.map { "\($0.0) documents" }
    var lines = [header]
    for (name, format) in rows { lines.append([name] + results.map { format($0.1) }) }
    let widths = (0..<header.count).map { column in lines.map { $0[column].count }.max() ?? 0 }
    return lines.enumerated().map { row, cells in
      let padded = cells.enumerated().map { column, cell in
        column == 0
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }
      let line = "| " + padded.joined(separator: " | ") + " |"
      if row == 0 {
        return line + "\n|"
          + widths.enumerated().map {
            $0 == 0 ? String(repeating: "-", count: $1 + 2) : String(repeating: "-", count: $1 + 1) + ":"
          }.joined(separator: "|") + "|"
      }
      return line
    }.joined(separator: "\n")
  }
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
      case 2: queries.append(String(format: "%02d-KL/TW", 1 + random.below(90)))
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
    let corpus = try Corpus.load(paths: [folder.path])
    figures.loadSeconds = seconds(clock.now - loadStart)
    let frameStart = clock.now
    _ = LibraryTable.render(Array(corpus.documents.prefix(60)))
    figures.firstFrameSeconds = figures.loadSeconds + seconds(clock.now - frameStart)
    figures.documents = corpus.documents.count
    figures.megabytes = Double(corpus.documents.reduce(0) { $0 + $1.text.utf8.count }) / 1_000_000

    progress("  indexing…")
    let indexStart = clock.now
    let index = SearchIndex(documents: corpus.documents)
    figures.indexSeconds = seconds(clock.now - indexStart)

    progress("  graph…")
    let graphStart = clock.now
    _ = CitationGraph(documents: corpus.documents)
    figures.graphSeconds = seconds(clock.now - graphStart)

    progress("  searching…")
    var searchTimes: [Double] = []
    for query in BenchQueries.mixed() {
      let start = clock.now
      _ = index.search(query, limit: 50)
      searchTimes.append(milliseconds(clock.now - start))
    }
    (figures.searchP50, figures.searchP99) = percentiles(searchTimes)

    var keystrokeTimes: [Double] = []
    for query in [
      "ket luan 07", "phong chong dich covid", "tiêm chủng vắc-xin", "province:nam dinh tet", "bien gioi",
    ] {
      var typed = ""
      for character in query {
        typed.append(character)
        let start = clock.now
        _ = index.matchingDocuments(SearchQuery.parse(typed, lastWordIsPrefix: true))
        keystrokeTimes.append(milliseconds(clock.now - start))
      }
    }
    (figures.keystrokeP50, figures.keystrokeP99) = percentiles(keystrokeTimes)

    var provinceTimes: [Double] = []
    for province in Set(corpus.documents.compactMap(\.province)).sorted() {
      let start = clock.now
      _ = index.matchingDocuments("province:\"\(province)\"")
      provinceTimes.append(milliseconds(clock.now - start))
    }
    (figures.provinceP50, figures.provinceP99) = percentiles(provinceTimes)

    var literalTimes: [Double] = []
    for query in BenchQueries.literal {
      let start = clock.now
      _ = index.search("\"\(query)\"")
      literalTimes.append(milliseconds(clock.now - start))
    }
    figures.literalMilliseconds = percentiles(literalTimes).0

    progress("  scoring citations against truth.jsonl…")
    let truth = try CorpusGenerator.readTruth(folder.appendingPathComponent("truth.jsonl"))
    (figures.precision, figures.recall) = citationAccuracy(corpus: corpus, truth: truth, folder: folder)
    figures.peakMegabytes = peakResidentMegabytes()
    return figures
  }

  /// A citation matches when its number matches (loosely), or, unnumbered, its type and date.
  static func citationAccuracy(corpus: Corpus, truth: [CorpusGenerator.Truth], folder: URL) -> (
    Double, Double
  ) {
    func key(type: String, number: String?, date: Day?) -> String {
      if let number { return "n:" + canonicalDocumentNumber(number) }
      return "u:" + type.folded + "@" + (date?.iso ?? "?")
    }
    var expected: [String: Set<String>] = [:]
    for document in truth {
      let path = folder.appendingPathComponent(document.file).standardizedFileURL.path
      expected[path] = Set(document.citations.map { key(type: $0.type, number: $0.number, date: $0.date) })
    }
    var found = 0
    var correct = 0
    var wanted = 0
    for document in corpus.documents {
      let path = URL(fileURLWithPath: document.file).standardizedFileURL.path
      guard let truthKeys = expected[path] else { continue }
      let keys = Set(document.citations.map { key(type: $0.type, number: $0.number, date: $0.date) })
      found += keys.count
      correct += keys.intersection(truthKeys).count
      wanted += truthKeys.count
    }
    return (Double(correct) / Double(max(1, found)), Double(correct) / Double(max(1, wanted)))
  }

  static func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return .nan }
    let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
    return kilobytes / 1000
  }

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

/// Times `rg -l -F` over the same files for each literal query.
enum RipgrepTimer {
  static func medianMilliseconds(queries: [String], folder: String) -> Double? {
    let candidates = ["/usr/bin/rg", "/usr/local/bin/rg", "/bin/rg"]
    guard let rg = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      return nil
    }
    var times: [Double] = []
    let clock = ContinuousClock()
    for query in queries {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: rg)
      process.arguments = ["-l", "-F", "--glob", "*.txt", query, folder]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      let start = clock.now
      guard (try? process.run()) != nil else { return nil }
      process.waitUntilExit()
      times.append(BenchMeasurement.milliseconds(clock.now - start))
    }
    return BenchMeasurement.percentiles(times).0
  }
}
