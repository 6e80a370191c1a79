import ArgumentParser
import DirectiveKit

/// The corpus a command reads: paths (files and folders) and the file pattern.
struct CorpusOptions: ParsableArguments {
  @Argument(help: "Files and folders of plain-text directives (default: the shipped corpus).")
  var paths: [String] = []

  @Option(help: "Which files to read in folders.")
  var glob: String = "*.txt"
}
