import ArgumentParser
import DirectiveKit
import Foundation
import VanbanConfig

/// The snapshots of parsed corpora: where one is, and removing them.
struct CacheCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cache",
    abstract: "Where the snapshot of a corpus is kept, and removing snapshots.",
    discussion: """
      Each corpus read from disk is kept parsed in a snapshot under $XDG_CACHE_HOME/vanban \
      (~/.cache/vanban when that is not set), one per set of paths and glob, so the next start reads \
      only the files added or changed since. --no-cache on any command goes without it.
      """,
    subcommands: [CachePath.self, CacheClear.self])
}

struct CachePath: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path", abstract: "Print the snapshot file of the corpus these paths and glob name.")

  @OptionGroup var source: SourceOptions

  func run() throws {
    let store = try CacheCommand.store()
    guard let identity = try CacheCommand.identity(source) else {
      throw UsageFailure(message: "the built-in corpus is not cached: name a corpus path")
    }
    Output.line(store.path(identity: identity))
  }
}

struct CacheClear: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear",
    abstract: "Remove every snapshot, or with paths only the snapshot of that corpus.")

  @OptionGroup var source: SourceOptions

  func run() throws {
    let store = try CacheCommand.store()
    let only: [String]?
    if source.paths.isEmpty {
      only = nil
    } else {
      only = try CacheCommand.identity(source).map { [store.path(identity: $0)] }
    }
    do {
      let removed = try store.clear(only: only)
      Output.line("removed \(removed) file\(removed == 1 ? "" : "s") from \(store.directory)")
    } catch let error as CorpusError {
      throw UsageFailure(message: error.message)
    }
  }
}

extension CacheCommand {
  static func store() throws -> SnapshotStore {
    guard let store = SnapshotStore.standard() else {
      throw UsageFailure(message: "no cache folder: neither XDG_CACHE_HOME nor HOME is set")
    }
    return store
  }

  /// The corpus these options name, as a load would; nil for the built-in one.
  static func identity(_ source: SourceOptions) throws -> String? {
    let settings = Configuration.settings(CommandLineChoices(paths: source.paths, glob: source.glob))
    guard !settings.corpus.isEmpty else { return nil }
    return SnapshotStore.identity(
      paths: settings.corpus.map(\.value), glob: settings.glob.value,
      workingDirectory: FileManager.default.currentDirectoryPath)
  }
}
