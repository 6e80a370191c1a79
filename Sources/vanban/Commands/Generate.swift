import ArgumentParser
import DirectiveKit
import Foundation
import VanbanGenerator

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic corpus of provincial directives, with truth.jsonl beside it.")

  @Option(help: "How many documents.") var docs: Int = 1000
  @Option(help: "Seed of the generator: the same seed writes the same bytes.") var seed: UInt64 = 1
  @Argument(help: "Output folder (created when missing).") var output: String

  func validate() throws {
    guard docs >= 0 else { throw ValidationError("--docs must be zero or more") }
  }

  func run() throws {
    let started = Date()
    let folder = URL(fileURLWithPath: output)
    do {
      try CorpusGenerator(seed: seed).write(count: docs, to: folder) { written in
        if docs >= 5000 { FileHandle.standardError.write(Data("\rgenerated \(written)/\(docs)".utf8)) }
      }
    } catch {
      FileHandle.standardError.write(
        Data("vanban generate: cannot write \(output): \(error.localizedDescription)\n".utf8))
      throw ExitCode(2)
    }
    let seconds = Date().timeIntervalSince(started)
    FileHandle.standardError.write(
      Data(
        String(
          format: "%@wrote %d documents to %@ in %.1f s\n", docs >= 5000 ? "\n" : "", docs, output, seconds
        ).utf8))
  }
}
