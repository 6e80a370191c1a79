import Foundation

/// Where a setting in force came from.
public enum Source: Hashable, Sendable, CustomStringConvertible {
  /// The program's own default.
  case builtIn
  /// A line of the configuration file.
  case file(path: String, line: Int)
  /// An environment variable (`NO_COLOR`).
  case environment(String)
  /// An argument or option on the command line.
  case commandLine(String)

  public var description: String {
    switch self {
    case .builtIn: return "default"
    case .file(_, let line): return "config file, line \(line)"
    case .environment(let name): return "environment (\(name))"
    case .commandLine(let option): return "command line (\(option))"
    }
  }
}

/// A value and where it came from.
public struct Setting<Value: Hashable & Sendable>: Hashable, Sendable {
  public var value: Value
  public var source: Source

  public init(_ value: Value, from source: Source) {
    self.value = value
    self.source = source
  }
}

/// The configuration file: `key = value` lines, `#` comments and blank lines ignored.
///
/// Keys: `corpus` (a file or folder read when no path is given; repeat the line for more;
/// `~/` is the home folder, a relative path is relative to the file's own folder), `glob` (which
/// files to read in folders), `colours` and `mouse` (`on` or `off`; also `yes`/`no`, `true`/`false`).
/// A value may be wrapped in double quotes. A later line overrides an earlier one (`corpus` lines add
/// up). A line that is not understood is one problem, `PATH:LINE: what is wrong`, and changes nothing.
public struct ConfigFile: Hashable, Sendable {
  public static let keys = ["corpus", "glob", "colours", "mouse"]

  /// The file looked for; nil without a home folder.
  public var path: String?
  /// Whether it was there.
  public var found = false
  /// The variable that named the file (`VANBAN_CONFIG`), nil for the standard place.
  public var namedBy: String?
  public var corpus: [Setting<String>] = []
  public var glob: Setting<String>?
  public var colours: Setting<Bool>?
  public var mouse: Setting<Bool>?
  /// One line each, `PATH:LINE: message` (or `PATH: message` for the whole file).
  public var problems: [String] = []

  public init(path: String? = nil, namedBy: String? = nil) {
    self.path = path
    self.namedBy = namedBy
  }

  /// Reads `text` as the file at `path`; `home` expands `~`. Never fails: what it cannot
  /// read becomes a problem and leaves the setting as it was.
  public static func parse(_ text: String, path: String, namedBy: String? = nil, home: String?) -> ConfigFile
  {
    var file = ConfigFile(path: path, namedBy: namedBy)
    file.found = true
    let directory = (path as NSString).deletingLastPathComponent
    var number = 0
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      number += 1
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      func problem(_ message: String) { file.problems.append("\(path):\(number): \(message)") }
      guard let equals = line.firstIndex(of: "=") else {
        problem("expected “key = value”, found “\(line)”; line ignored")
        continue
      }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces)
      var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      let source = Source.file(path: path, line: number)
      switch key {
      case "corpus":
        guard !value.isEmpty else {
          problem("corpus needs a file or folder; line ignored")
          continue
        }
        file.corpus.append(Setting(resolve(value, directory: directory, home: home), from: source))
      case "glob":
        guard !value.isEmpty else {
          problem("glob needs a pattern, such as *.txt; line ignored")
          continue
        }
        file.glob = Setting(value, from: source)
      case "colours", "mouse":
        guard let on = switchValue(value) else {
          problem("\(key) is on or off, not “\(value)”; line ignored")
          continue
        }
        if key == "colours" {
          file.colours = Setting(on, from: source)
        } else {
          file.mouse = Setting(on, from: source)
        }
      case "":
        problem("expected “key = value”, found “\(line)”; line ignored")
      default:
        problem("unknown key “\(key)”, line ignored (keys: \(keys.joined(separator: ", ")))")
      }
    }
    return file
  }

  static func switchValue(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "on", "yes", "true": return true
    case "off", "no", "false": return false
    default: return nil
    }
  }

  /// `~` and `~/…` from the home folder; a relative path from the config file's folder.
  static func resolve(_ path: String, directory: String, home: String?) -> String {
    if path == "~", let home { return home }
    if path.hasPrefix("~/"), let home {
      return (home as NSString).appendingPathComponent(String(path.dropFirst(2)))
    }
    if path.hasPrefix("/") || directory.isEmpty { return path }
    return (directory as NSString).appendingPathComponent(path)
  }

  /// Where the file is: `$VANBAN_CONFIG` when set and not empty, else
  /// `$XDG_CONFIG_HOME/vanban/config` (an absolute `XDG_CONFIG_HOME` only, as the XDG base
  /// directory specification says), else `$HOME/.config/vanban/config`; nil without a home.
  public static func location(environment: [String: String]) -> (path: String, namedBy: String?)? {
    if let named = environment["VANBAN_CONFIG"], !named.isEmpty { return (named, "VANBAN_CONFIG") }
    if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
      return ((base as NSString).appendingPathComponent("vanban/config"), nil)
    }
    if let home = environment["HOME"], !home.isEmpty {
      return ((home as NSString).appendingPathComponent(".config/vanban/config"), nil)
    }
    return nil
  }

  /// The file the environment points at, read. A missing file in the standard place is no
  /// problem (there is nothing to configure); one named by `VANBAN_CONFIG`, a folder, an
  /// unreadable file or one that is not UTF-8 is one problem, and the defaults hold.
  public static func load(environment: [String: String]) -> ConfigFile {
    guard let (path, namedBy) = location(environment: environment) else { return ConfigFile() }
    var isFolder: ObjCBool = false
    var file = ConfigFile(path: path, namedBy: namedBy)
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      if let namedBy {
        file.problems.append("\(path): no such file (named by \(namedBy)); using the defaults")
      }
      return file
    }
    file.found = true
    guard !isFolder.boolValue else {
      file.problems.append("\(path): is a folder, not a configuration file; using the defaults")
      return file
    }
    guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
      file.problems.append("\(path): cannot be read; using the defaults")
      return file
    }
    guard let text = String(data: data, encoding: .utf8) else {
      file.problems.append("\(path): is not UTF-8 text; using the defaults")
      return file
    }
    return parse(text, path: path, namedBy: namedBy, home: environment["HOME"])
  }
}

/// What the command line says, nil (or empty) where it says nothing.
public struct CommandLineChoices: Hashable, Sendable {
  public var paths: [String]
  public var glob: String?
  public var colours: Bool?
  public var mouse: Bool?

  public init(paths: [String] = [], glob: String? = nil, colours: Bool? = nil, mouse: Bool? = nil) {
    self.paths = paths
    self.glob = glob
    self.colours = colours
    self.mouse = mouse
  }
}

/// The settings in force: the command line over the configuration file over `NO_COLOR` over the
/// defaults (the order of no-color.org: a configuration file or an option may turn colours back on).
public struct Settings: Hashable, Sendable {
  public static let defaultGlob = "*.txt"

  /// The paths to read; empty means the corpus built into the program.
  public var corpus: [Setting<String>]
  public var glob: Setting<String>
  public var colours: Setting<Bool>
  public var mouse: Setting<Bool>

  public init(file: ConfigFile, commandLine: CommandLineChoices, environment: [String: String]) {
    corpus =
      commandLine.paths.isEmpty
      ? file.corpus : commandLine.paths.map { Setting($0, from: .commandLine("path")) }
    glob =
      commandLine.glob.map { Setting($0, from: .commandLine("--glob")) } ?? file.glob
      ?? Setting(Settings.defaultGlob, from: .builtIn)
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } == true
    colours =
      commandLine.colours.map { Setting($0, from: .commandLine($0 ? "--colours" : "--no-colours")) }
      ?? file.colours
      ?? (noColor ? Setting(false, from: .environment("NO_COLOR")) : Setting(true, from: .builtIn))
    mouse =
      commandLine.mouse.map { Setting($0, from: .commandLine($0 ? "--mouse" : "--no-mouse")) } ?? file.mouse
      ?? Setting(true, from: .builtIn)
  }
}
