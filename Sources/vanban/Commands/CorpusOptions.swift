import ArgumentParser
import DirectiveKit
import Foundation

/// The corpus a command reads: paths (files and folders) and the file pattern.
struct CorpusOptions: ParsableArguments {
  @Argument(help: "Files and folders of plain-text directives (default: the shipped corpus).")
  var paths: [String] = []

  @Option(help: "Which files to read in folders.")
  var glob: String = "*.txt"

  @Option(help: "Only documents of this province as it was before 1 July 2025 (diacritics optional).")
  var province: String?

  @Option(
    name: .customLong("province-2025"),
    help: "Only documents of this province since 1 July 2025, and of the old ones merged into it.")
  var province2025: String?

  /// The corpus, or a one-line error (exit 2) naming the path that is not there.
  /// Without a `progress` of its own, a command shows loading on standard error when that is a terminal.
  func load(progress: (@Sendable (LoadProgress) -> Void)? = nil) throws -> Corpus {
    guard !paths.isEmpty else { return ShippedCorpus.load() }
    let meter = progress == nil && isatty(STDERR_FILENO) == 1 ? ProgressMeter() : nil
    defer { meter?.finish() }
    do {
      return try Corpus.load(
        paths: paths, glob: glob,
        progress: progress ?? meter.map { meter in { @Sendable update in meter.show(update) } })
    } catch let error as CorpusError {
      throw UsageFailure(message: error.message)
    }
  }

  /// The documents that pass the province filters, in list order.
  func selected(_ corpus: Corpus) throws -> [Document] {
    guard let filter = try provinceFilter() else { return corpus.documents }
    return corpus.documents.filter(filter.matches)
  }

  /// Nil when no province option is given; a one-line error for a name that is no province.
  func provinceFilter() throws -> ProvinceFilter? {
    guard province != nil || province2025 != nil else { return nil }
    do {
      return try ProvinceFilter(province: province, province2025: province2025)
    } catch let failure as ProvinceFilter.Failure {
      throw UsageFailure(message: failure.description)
    }
  }
}

/// An error the user can act on: printed as one line on stderr, exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
