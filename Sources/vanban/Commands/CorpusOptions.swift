import ArgumentParser
import DirectiveKit
import Foundation
import VanbanConfig

/// Where the corpus is: paths (files and folders) and the file pattern, over the config file's.
struct SourceOptions: ParsableArguments {
  @Argument(
    help:
      "Files and folders of plain-text directives (default: the config file's corpus, else the shipped one).")
  var paths: [String] = []

  @Option(help: "Which files to read in folders (default: the config file's glob, else *.txt).")
  var glob: String?

  @Flag(
    name: .customLong("no-cache"),
    help: "Parse every file, neither reading nor writing the snapshot kept in $XDG_CACHE_HOME/vanban.")
  var noCache = false
}

/// The browser's display: colours and mouse, over the config file's.
struct DisplayOptions: ParsableArguments {
  @Flag(
    name: .customLong("colours"), inversion: .prefixedNo,
    help: "Draw in colour or not (default: the config file's colours, else on unless NO_COLOR is set).")
  var colours: Bool?

  @Flag(
    inversion: .prefixedNo,
    help:
      "Take clicks and the wheel, or leave the mouse to the terminal (default: the config file's, else on).")
  var mouse: Bool?
}

/// The corpus a command reads, and which of its provinces.
struct CorpusOptions: ParsableArguments {
  @OptionGroup var source: SourceOptions

  @Option(
    help:
      "Only documents of this province as it was before 1 July 2025 (diacritics optional; unknown: no province read).",
    completion: ProvinceCompletion.before2025)
  var province: String?

  @Option(
    name: .customLong("province-2025"),
    help: "Only documents of this province since 1 July 2025, and of the old ones merged into it.",
    completion: ProvinceCompletion.since2025)
  var province2025: String?

  /// The settings in force: these options over the config file over the defaults.
  func settings(_ display: DisplayOptions? = nil) -> Settings {
    Configuration.settings(
      CommandLineChoices(
        paths: source.paths, glob: source.glob, colours: display?.colours, mouse: display?.mouse))
  }

  /// True when no path is given here or in the config file: the documents built into the program.
  var readsBuiltInCorpus: Bool { settings().corpus.isEmpty }

  /// A one-line error (exit 2) for a path that is not there, naming the config line it came from.
  func checkPaths(_ settings: Settings) throws {
    for path in settings.corpus where !FileManager.default.fileExists(atPath: path.value) {
      guard case .file(let file, let line) = path.source else {
        throw UsageFailure(message: "\(path.value): no such file or directory")
      }
      throw UsageFailure(message: "\(path.value): no such file or directory (corpus of \(file):\(line))")
    }
  }

  /// The corpus, or a one-line error (exit 2) naming the path that is not there.
  /// Without a `progress` of its own, a command shows loading on standard error when that is a terminal.
  /// Paths that did not become documents (a dangling link, a loop, an unreadable file) are
  /// reported on standard error by a command (`warningsOnStandardError`), so that no output face,
  /// JSON included, drops them; the browser shows them itself.
  func load(
    progress: (@Sendable (LoadProgress) -> Void)? = nil, warningsOnStandardError: Bool = true
  ) throws -> Corpus {
    let settings = settings()
    guard !settings.corpus.isEmpty else { return ShippedCorpus.load() }
    try checkPaths(settings)
    let meter = progress == nil && isatty(STDERR_FILENO) == 1 ? ProgressMeter() : nil
    // The browser draws while it loads: what the snapshot has to say waits for the terminal back.
    let notice: (String) -> Void =
      progress == nil ? { Output.error("warning: \($0)") } : { DeferredWarnings.add($0) }
    let corpus: Corpus
    do {
      corpus = try Corpus.load(
        paths: settings.corpus.map(\.value), glob: settings.glob.value,
        snapshot: source.noCache ? nil : SnapshotStore.standard(),
        progress: progress ?? meter.map { meter in { @Sendable update in meter.show(update) } },
        notice: notice)
    } catch let error as CorpusError {
      meter?.finish()
      throw UsageFailure(message: error.message)
    }
    meter?.finish()
    if corpus.documents.isEmpty, corpus.loadWarnings.isEmpty {
      // A command's output stays valid (an empty list); the browser has nothing to show.
      let nothing = Self.nothingToRead(settings.corpus.map(\.value), glob: settings.glob.value)
      guard progress == nil else { throw UsageFailure(message: nothing) }
      Output.error("warning: " + nothing)
    }
    if progress == nil, warningsOnStandardError {
      for warning in corpus.loadWarnings { Output.error("warning: \(warning)") }
    }
    KeptCorpus.keep(corpus)
    return corpus
  }

  /// Why a corpus came out empty: its folders hold no file the pattern takes.
  static func nothingToRead(_ paths: [String], glob: String) -> String {
    let files = glob == Settings.defaultGlob ? "no .txt files" : "no files matching \(glob)"
    return "\(files) in \(paths.joined(separator: ", ")) (use --glob)"
  }

  /// The documents that pass the province filters, in list order.
  func selected(_ corpus: Corpus) throws -> [Document] {
    guard let filter = try provinceFilter(corpus) else { return corpus.documents }
    // By position, not `filter`: a document is copied only when it is kept.
    return corpus.documents.withUnsafeBufferPointer { documents in
      documents.indices.filter {
        filter.matches(province: documents[$0].province, level: documents[$0].level)
      }
      .map { documents[$0] }
    }
  }

  /// Nil when no province option is given; a one-line error for a name that is no province
  /// (with the nearest name, when there is one). Names the corpus gives are accepted too.
  func provinceFilter(_ corpus: Corpus? = nil) throws -> ProvinceSelection? {
    guard province != nil || province2025 != nil else { return nil }
    do {
      var names = Set<String>()
      corpus?.documents.withUnsafeBufferPointer { documents in
        for position in documents.indices {
          if let name = documents[position].province { names.insert(name) }
        }
      }
      let knownNames = Array(names).sorted()
      return try ProvinceSelection(province: province, province2025: province2025, knownNames: knownNames)
    } catch let failure as ProvinceSelection.Failure {
      throw UsageFailure(message: failure.description)
    }
  }
}

/// An error the user can act on: printed as one line on stderr, exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// Warnings met while the browser owns the terminal, printed on standard error once the program
/// ends and the terminal is restored.
enum DeferredWarnings {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var pending: [String] = []

  static func add(_ warning: String) {
    lock.withLock {
      if pending.isEmpty { atexit { DeferredWarnings.flush() } }
      pending.append(warning)
    }
  }

  private static func flush() {
    for warning in lock.withLock({ pending }) { Output.error("warning: \(warning)") }
  }
}

/// The corpora a command loaded, held to the end of the process: `exit` then gives their memory
/// back at once instead of each document's strings and arrays being freed one by one.
enum KeptCorpus {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var kept: [Corpus] = []

  static func keep(_ corpus: Corpus) {
    lock.withLock { kept.append(corpus) }
  }
}
