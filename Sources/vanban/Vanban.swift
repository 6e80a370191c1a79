import ArgumentParser
import DirectiveKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@main
struct Vanban: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban",
    abstract: "A terminal browser for corpora of Vietnamese directives.",
    discussion: """
      With no command, vanban opens the browser on the paths given, else on the corpus of the \
      configuration file, else on the five seed documents built into the program. \
      `vanban help COMMAND` explains a command; the commands that read a corpus take the same paths, --glob, \
      --province and --province-2025.

      FILES
      ~/.config/vanban/config  The configuration file: `key = value` lines, `#` comments. Keys: `corpus` (a file or folder read when no path is given; one line each; `~/` is the home folder, a relative path starts at the file's folder), `glob` (default *.txt), `colours` and `mouse` (on or off). Options on the command line override it; a bad line is reported with its file and line number and ignored. `vanban config` prints the settings in force and where each came from.

      ENVIRONMENT
      VANBAN_CONFIG  The configuration file to read instead (/dev/null for none).
      XDG_CONFIG_HOME  When set to an absolute path, the configuration file is $XDG_CONFIG_HOME/vanban/config.
      XDG_CACHE_HOME  When set to an absolute path, snapshots of parsed corpora are kept in $XDG_CACHE_HOME/vanban (else ~/.cache/vanban); see `vanban cache`.
      NO_COLOR  When set and not empty, the browser draws without colours, unless the configuration file or --colours says otherwise.

      EXIT STATUS
      0  Success.
      1  Nothing matched: an unknown document id, a search without hits; or a number naming several documents (they are listed on standard error with how to choose).
      2  A bad option or value, a corpus path that is not there, a terminal that cannot draw; one line on standard error says which.
      """,
    version: Version.text,
    subcommands: [
      Browse.self, ListCommand.self, ShowCommand.self, GraphCommand.self, CitesCommand.self,
      CitedByCommand.self, RelatedCommand.self, LagCommand.self, ProvincesCommand.self, Search.self,
      ConfigCommand.self, CacheCommand.self, Generate.self,
    ],
    defaultSubcommand: Browse.self
  )

  /// Errors are one line on stderr with exit code 2 (1 for `show` of an unknown id); help is
  /// printed as usual.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
      // What the command built (the corpus: `CorpusOptions.load` keeps it) is left to the end of
      // the process rather than freed object by object: at 100,000 documents that took a tenth
      // of a list.
      terminate(0)
    } catch let exit as ExitCode {
      terminate(exit.rawValue)
    } catch let failure as UsageFailure {
      Output.error(failure.message)
      terminate(2)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        terminate(0)
      }
      let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
      Output.error(message)
      terminate(2)
    }
  }
}

/// The process's end with `status`, on Linux and on macOS (the package declares both).
func terminate(_ status: Int32) -> Never {
  #if canImport(Glibc)
    Glibc.exit(status)
  #elseif canImport(Darwin)
    Darwin.exit(status)
  #endif
}
