import ArgumentParser
import Foundation
import VanbanConfig

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Print the settings in force and where each came from.",
    discussion: """
      Give the same paths and options as to another command to see what it would use: \
      `vanban config --no-mouse ~/corpus`.
      """)

  @OptionGroup var source: SourceOptions
  @OptionGroup var display: DisplayOptions

  func run() {
    let file = Configuration.file
    let settings = Configuration.settings(
      CommandLineChoices(
        paths: source.paths, glob: source.glob, colours: display.colours, mouse: display.mouse))
    var rows: [(String, String, String)] = []
    if let path = file.path {
      let state = file.namedBy.map { "named by \($0)" } ?? ""
      rows.append(
        (
          "config file", path,
          file.found ? state : ([state, "not found"].filter { !$0.isEmpty }).joined(separator: ", ")
        ))
    } else {
      rows.append(("config file", "none", "no HOME, XDG_CONFIG_HOME or VANBAN_CONFIG"))
    }
    if settings.corpus.isEmpty {
      rows.append(("corpus", "the shipped corpus (built in)", Source.builtIn.description))
    }
    for path in settings.corpus { rows.append(("corpus", path.value, path.source.description)) }
    rows.append(("glob", settings.glob.value, settings.glob.source.description))
    rows.append(("colours", settings.colours.value ? "on" : "off", settings.colours.source.description))
    rows.append(("mouse", settings.mouse.value ? "on" : "off", settings.mouse.source.description))
    let keyWidth = rows.map(\.0.count).max() ?? 0
    let valueWidth = rows.map(\.1.count).max() ?? 0
    for (key, value, source) in rows {
      let line =
        key.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0)
        + (source.isEmpty
          ? value : value.padding(toLength: valueWidth + 2, withPad: " ", startingAt: 0) + source)
      Output.line(line)
    }
  }
}
