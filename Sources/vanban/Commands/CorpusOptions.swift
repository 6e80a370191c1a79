import ArgumentParser
import DirectiveKit

/// The corpus a command reads: paths (files and folders) and the file pattern.
struct CorpusOptions: ParsableArguments {
  @Argument(help: "Files and folders of plain-text directives (default: the shipped corpus).")
  var paths: [String] = []

  @Option(help: "Which files to read in folders.")
  var glob: String = "*.txt"

  @Option(help: "Only documents of this pre-2025 province (diacritics optional).")
  var province: [String] = []

  @Option(
    name: .customLong("province-2025"),
    help: "Only documents of this post-2025 province and the old ones merged into it.")
  var province2025: [String] = []

  /// The corpus, or a one-line error (exit 2) naming the path that is not there.
  func load(progress: (@Sendable (LoadProgress) -> Void)? = nil) throws -> Corpus {
    guard !paths.isEmpty else { return ShippedCorpus.load() }
    do {
      return try Corpus.load(paths: paths, glob: glob, progress: progress)
    } catch let error as CorpusError {
      throw UsageFailure(message: error.message)
    }
  }

  /// The documents that pass the province filters, in list order.
  func selected(_ corpus: Corpus) throws -> [Document] {
    let filter = try ProvinceFilter(old: province, new: province2025)
    return corpus.documents.filter(filter.accepts)
  }
}

/// An error the user can act on: printed as one line on stderr, exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
