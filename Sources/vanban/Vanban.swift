import ArgumentParser
import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Vanban: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban",
    abstract: "A terminal browser for corpora of Vietnamese directives.",
    version: Version.text,
    subcommands: [
      Browse.self, ListCommand.self, ShowCommand.self, GraphCommand.self, CitesCommand.self,
      CitedByCommand.self, ProvincesCommand.self, Search.self, ConfigCommand.self, Generate.self, Bench.self,
      Fuzz.self,
    ],
    defaultSubcommand: Browse.self
  )

  /// Errors are one line on stderr with exit code 2 (1 for `show` of an unknown id); help is
  /// printed as usual.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let exit as ExitCode {
      Glibc.exit(exit.rawValue)
    } catch let failure as UsageFailure {
      Output.error(failure.message)
      Glibc.exit(2)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Glibc.exit(0)
      }
      let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
      Output.error(message)
      Glibc.exit(2)
    }
  }
}
