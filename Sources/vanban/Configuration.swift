import Foundation
import VanbanConfig

/// The configuration file, read once on first use (never for `--help` or `--version`); each of its
/// problems is one line on standard error then, and the program goes on with the defaults.
enum Configuration {
  static let file: ConfigFile = {
    let file = ConfigFile.load(environment: ProcessInfo.processInfo.environment)
    for problem in file.problems { Output.error(problem) }
    return file
  }()

  static func settings(_ choices: CommandLineChoices) -> Settings {
    Settings(file: file, commandLine: choices, environment: ProcessInfo.processInfo.environment)
  }
}
