import ArgumentParser
import DirectiveKit
import Foundation
import VanbanGenerator

/// `make bench`: generated corpora (written once, then reused), each measured side by side with
/// ripgrep scanning the same files: `vanban list` cold and warm, `vanban list --province`, wall and
/// CPU time and peak memory of each run; then, in a child process, loading, the search index,
/// searches, the citation scores and the key latency of every screen.
@main
struct VanbanBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban-bench",
    abstract: "Measure vanban on generated corpora, side by side with ripgrep.")

  @Option(help: "Corpus sizes, comma- or space-separated (100000 is the other size of #13).")
  var sizes: String = "10000"
  @Option(help: "Where generated corpora (and the bench's own snapshot cache) are kept.")
  var corpora: String = ".build/bench-corpora"
  @Option(help: "Generator seed.") var seed: UInt64 = 2024
  @Option(help: "The vanban binary measured (default: the one beside this program).") var vanban: String?
  @Option(help: "The province of the `vanban list --province` row.") var province: String = "nam-dinh"
  @Option(help: "At most this many seconds of scripted keys per screen.") var keySeconds: Double = 20
  @Option(help: "Internal: measure one size in this process and print its figures as JSON.")
  var measure: Int?
  @Option(help: "Only time the search index over this many generated documents, kept in memory.")
  var indexOnly: Int?
  @Option(help: "Only time the scripted keys of every screen on this folder (snapshot in --corpora).")
  var keysOnly: String?
  @Option(help: "With --keys-only: only the screens whose names begin with one of these (comma-separated).")
  var keyScreens: String = ""
  @Option(help: "With --keys-only: run the scripts this many times (for a profiler); the last is shown.")
  var keyPasses: Int = 1
  @Flag(help: "With --keys-only: print the figures as JSON (what the bench's key table reads).")
  var keysJSON = false
  @Option(help: "Only time the ranked searches on this folder (snapshot in --corpora).")
  var searchOnly: String?
  @Option(help: "With --search-only: run the queries this many times (for a profiler).")
  var searchPasses: Int = 1
  @Option(help: "With --search-only: write every hit (document, score, snippet) to this file.")
  var searchDump: String?
  @Flag(
    inversion: .prefixedNo,
    help:
      "Also time rg and a cold `vanban list` from disk, each right after dropping the page cache (Linux, root)."
  )
  var fromDisk = true

  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == TimedRun.flag {
      Self.exit(withError: ExitCode(TimedRun.runHere(Array(arguments.dropFirst()))))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as BenchFailure {
      FileHandle.standardError.write(Data("vanban-bench: \(failure.message)\n".utf8))
      Self.exit(withError: ExitCode(2))
    } catch {
      Self.exit(withError: error)
    }
  }

  static func ownExecutable() throws -> URL {
    guard let url = Bundle.main.executableURL else { throw BenchFailure("cannot find its own executable") }
    return url
  }

  func run() throws {
    if let indexOnly {
      timeIndexOnly(count: indexOnly)
      return
    }
    if let keysOnly {
      try KeyLatency.timeKeysOnly(
        folder: keysOnly, snapshotDirectory: snapshotDirectory, budgetSeconds: keySeconds,
        only: keyScreens.split(separator: ",").map(String.init), passes: keyPasses, json: keysJSON)
      return
    }
    if let searchOnly {
      try SearchFigures.timeSearchOnly(
        folder: searchOnly, snapshotDirectory: snapshotDirectory, passes: searchPasses, dump: searchDump)
      return
    }
    if let measure {
      let figures = try BenchMeasurement.run(folder: folder(for: measure))
      print(figures.json)
      return
    }
    let counts = sizes.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
    guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
      throw BenchFailure("--sizes: “\(sizes)” names no size (e.g. 10000,100000)")
    }
    let binary = try vanbanBinary()
    let hasCache = try Self.hasCacheCommand(binary)
    progress(
      "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage()); "
        + "measuring \(binary) (\(hasCache ? "with" : "without") a snapshot cache)")
    var report = BenchReport(province: province, hasCache: hasCache)
    let fromDiskMissing = fromDisk ? PageCache.whyNotDroppable() : "skipped (--no-from-disk)"
    if let fromDiskMissing { progress("from disk: not measured: \(fromDiskMissing)") }
    for count in counts {
      let folder = try ensureCorpus(count: count)
      var size = try measureCommands(count: count, folder: folder, binary: binary, hasCache: hasCache)
      progress("measuring \(count) documents in a child process…")
      size.inProcess = try measureInChild(count: count)
      progress("timing the keys of every screen in a child process loading through the snapshot…")
      size.inProcess.keyLatency = try measureKeysInChild(folder: folder)
      progress("timing rg on the \(BenchQueries.literal.count) literal queries…")
      size.inProcess.ripgrepMilliseconds = RipgrepTimer.milliseconds(
        queries: BenchQueries.literal, folder: folder.path)
      // Last, so that no figure above reads the files from disk after the page cache is dropped.
      if let fromDiskMissing {
        size.fromDiskMissing = fromDiskMissing
      } else {
        try measureFromDisk(&size, folder: folder, binary: binary, hasCache: hasCache)
      }
      print(report.table(for: size) + "\n")
      fflush(stdout)
      report.sizes.append(size)
    }
    print(report.targets())
  }

  private func vanbanBinary() throws -> String {
    let path =
      try vanban ?? Self.ownExecutable().deletingLastPathComponent().appendingPathComponent("vanban").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw BenchFailure("\(path): no vanban binary there (swift build -c release, or --vanban PATH)")
    }
    return path
  }

  /// Whether `binary` has `vanban cache` (a snapshot of the parsed corpus), from its own command
  /// definitions.
  static func hasCacheCommand(_ binary: String) throws -> Bool {
    guard
      let object = try jsonObject(from: URL(fileURLWithPath: binary), ["--experimental-dump-help"]),
      let command = object["command"] as? [String: Any]
    else { throw BenchFailure("\(binary) --experimental-dump-help: not the JSON of a command") }
    let subcommands = command["subcommands"] as? [[String: Any]] ?? []
    return subcommands.contains { $0["commandName"] as? String == "cache" }
  }

  /// The environment of every measured run: no configuration file, and a snapshot cache of the
  /// bench's own (so the user's is never cleared).
  private var runEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["VANBAN_CONFIG"] = "/dev/null"
    environment["XDG_CACHE_HOME"] = URL(fileURLWithPath: corpora).appendingPathComponent("xdg-cache").path
    return environment
  }

  private func measureCommands(count: Int, folder: URL, binary: String, hasCache: Bool) throws -> SizeFigures
  {
    var size = SizeFigures(documents: count, megabytes: Self.megabytesOnDisk(folder))
    let environment = runEnvironment
    if let rg = executableOnPath("rg") {
      progress("rg scanning \(count) documents (once to fill the page cache, then measured)…")
      // Both rg and vanban's runs then read the files from the page cache: a first rg reading
      // them from disk would be judged against vanban runs reading them from memory.
      let arguments = Self.ripgrepArguments(folder)
      _ = try TimedRun.measure(rg, arguments, environment: environment)
      size.ripgrep = try TimedRun.measure(rg, arguments, environment: environment)
    } else {
      progress("rg is not installed: its rows stay empty")
    }
    let list = ["list", folder.path]
    if hasCache {
      progress("vanban cache clear, then vanban list (cold)…")
      try clearCache(binary, folder: folder)
      size.cold = try checked(TimedRun.measure(binary, list, environment: environment), "list (cold)")
      progress("vanban list (warm, \(Self.warmRuns) times)…")
      size.warm = try checked(
        TimedRun.median(of: Self.warmRuns, binary, list, environment: environment), "list (warm)")
    } else {
      progress("vanban list (no snapshot cache: one parse)…")
      size.cold = try checked(TimedRun.measure(binary, list, environment: environment), "list")
    }
    progress("vanban list --province \(province)…")
    size.province = try checked(
      TimedRun.median(
        of: hasCache ? Self.warmRuns : 1, binary, ["list", "--province", province, folder.path],
        environment: environment),
      "list --province")
    return size
  }

  static func ripgrepArguments(_ folder: URL) -> [String] {
    ["-l", "-F", "-e", "ngày", "--glob", "*.txt", folder.path]
  }

  /// rg, then a cold `vanban list` (snapshot cleared), each right after `sync` and dropping the
  /// page cache: what the first start after a reboot reads from disk.
  private func measureFromDisk(_ size: inout SizeFigures, folder: URL, binary: String, hasCache: Bool) throws
  {
    let environment = runEnvironment
    if let rg = executableOnPath("rg") {
      progress("dropping the page cache, then rg from disk…")
      try PageCache.drop()
      size.ripgrepFromDisk = try TimedRun.measure(rg, Self.ripgrepArguments(folder), environment: environment)
    }
    if hasCache { try clearCache(binary, folder: folder) }
    progress("dropping the page cache, then vanban list from disk (cold)…")
    try PageCache.drop()
    size.coldFromDisk = try checked(
      TimedRun.measure(binary, ["list", folder.path], environment: environment), "list (cold, from disk)")
  }

  /// Every snapshot of the bench's own cache folder; else, if `clear` wants them, the corpus's.
  private func clearCache(_ binary: String, folder: URL) throws {
    let environment = runEnvironment
    var cleared = try TimedRun.measure(binary, ["cache", "clear"], environment: environment)
    if cleared.status != 0 {
      cleared = try TimedRun.measure(binary, ["cache", "clear", folder.path], environment: environment)
    }
    guard cleared.status == 0 else {
      throw BenchFailure("vanban cache clear failed: \(cleared.firstError)")
    }
  }

  /// How many times each warm run is made: the median one is reported.
  static let warmRuns = 3

  private func checked(_ run: TimedRun, _ what: String) throws -> TimedRun {
    guard run.status == 0 else {
      throw BenchFailure("vanban \(what) exited \(run.status): \(run.firstError)")
    }
    return run
  }

  private func folder(for count: Int) -> URL {
    URL(fileURLWithPath: corpora).appendingPathComponent(
      "\(count)-seed\(seed)-v\(CorpusGenerator.formatVersion)")
  }

  /// The generated corpus of `count` documents, written unless a complete one is there.
  private func ensureCorpus(count: Int) throws -> URL {
    let folder = folder(for: count)
    let done = folder.appendingPathComponent(".complete")
    if FileManager.default.fileExists(atPath: done.path) {
      progress("reusing \(folder.path)")
      return folder
    }
    try? FileManager.default.removeItem(at: folder)
    progress("generating \(count) documents into \(folder.path) (once)…")
    let clock = ContinuousClock()
    let start = clock.now
    try CorpusGenerator(seed: seed).write(count: count, to: folder) { written in
      if written % 500 == 0 || written == count {
        FileHandle.standardError.write(Data("\r  \(written)/\(count)".utf8))
      }
    }
    let seconds = BenchMeasurement.seconds(clock.now - start)
    FileHandle.standardError.write(Data(String(format: "\n  generated in %.1f s\n", seconds).utf8))
    _ = FileManager.default.createFile(atPath: done.path, contents: Data(String(seconds).utf8))
    return folder
  }

  /// The size of the corpus's text files, in megabytes (truth.jsonl and the marker excluded).
  static func megabytesOnDisk(_ folder: URL) -> Double {
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
    var bytes = 0
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "txt" else { continue }
      bytes += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    }
    return Double(bytes) / 1_000_000
  }

  private func measureInChild(count: Int) throws -> BenchFigures {
    let process = Process()
    process.executableURL = try Self.ownExecutable()
    process.arguments = [
      "--measure", String(count), "--corpora", corpora, "--seed", String(seed),
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let figures = BenchFigures(json: data) else {
      throw BenchFailure("the measuring child failed for \(count) documents")
    }
    return figures
  }

  /// The bench's own snapshot folder: what `vanban` uses with `runEnvironment`.
  private var snapshotDirectory: String {
    URL(fileURLWithPath: corpora).appendingPathComponent("xdg-cache").appendingPathComponent("vanban").path
  }

  /// The key latency of every screen, timed by a child process of its own that loads the corpus
  /// as the browser does every day (through the snapshot the warm runs left) and does what the
  /// browser's threads do once loaded before the first key: not in the process of the other
  /// figures, whose parse, searches and second graph leave a heap the browser never has.
  private func measureKeysInChild(folder: URL) throws -> [ScreenLatency] {
    let process = Process()
    process.executableURL = try Self.ownExecutable()
    process.arguments = [
      "--keys-only", folder.path, "--keys-json", "--corpora", corpora, "--key-seconds", String(keySeconds),
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["VANBAN_CONFIG"] = "/dev/null"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      let objects = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else {
      throw BenchFailure("the child timing the keys failed for \(folder.path)")
    }
    return objects.compactMap(ScreenLatency.init(object:))
  }

  private func timeIndexOnly(count: Int) {
    let texts = CorpusGenerator(seed: seed).generate(count: count).map(\.text)
    let documents = texts.enumerated().map { Document(id: String($0), file: String($0), text: $1) }
    let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = BenchMeasurement.cpuSeconds()
    let index = SearchIndex(documents: documents)
    let cpu = BenchMeasurement.cpuSeconds() - cpuStart
    let elapsed = BenchMeasurement.seconds(clock.now - start)
    print(
      String(
        format:
          "%d documents, %.0f MB: index built in %.2f s (%.0f MB/s), %.2f CPU-s (%.0f MB per CPU-second),"
          + " %d terms, %.0f MB of postings + %.0f MB of positions",
        count, megabytes, elapsed, megabytes / elapsed, cpu, megabytes / cpu, index.termCount,
        Double(index.postingsSize) / 1e6, Double(index.positionsSize) / 1e6))
    if let resident = IndexFigures.residentMegabytes() {
      print(String(format: "resident with the documents and the index: %.0f MB", resident))
    }
    for line in IndexFigures.searchLines(index) { print(line) }
    for line in IndexFigures.fileLines(built: index, documents: documents) { print(line) }
  }

  private func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return "unknown" }
    return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
  }
}

/// Why the bench cannot go on: one line on stderr, exit 2.
struct BenchFailure: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

func progress(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
