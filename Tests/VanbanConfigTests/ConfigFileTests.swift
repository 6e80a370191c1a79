import Foundation
import XCTest

@testable import VanbanConfig

/// The configuration file: its syntax, each error as one line naming file and line, where it is
/// looked for, and the order in which the command line, the file and NO_COLOR win.
final class ConfigFileTests: XCTestCase {
  let path = "/home/an/.config/vanban/config"

  func parse(_ text: String) -> ConfigFile { ConfigFile.parse(text, path: path, home: "/home/an") }

  func testEveryKeyWithCommentsBlanksQuotesAndSpaces() {
    let file = parse(
      """
      # my corpus
        corpus = ~/directives

      corpus=archive/2021
      corpus = /srv/corpus with spaces
      glob = "*.md"
      colours = OFF
      mouse=no
      """)
    XCTAssertEqual(
      file.corpus,
      [
        Setting("/home/an/directives", from: .file(path: path, line: 2)),
        Setting("/home/an/.config/vanban/archive/2021", from: .file(path: path, line: 4)),
        Setting("/srv/corpus with spaces", from: .file(path: path, line: 5)),
      ])
    XCTAssertEqual(file.glob, Setting("*.md", from: .file(path: path, line: 6)))
    XCTAssertEqual(file.colours, Setting(false, from: .file(path: path, line: 7)))
    XCTAssertEqual(file.mouse, Setting(false, from: .file(path: path, line: 8)))
    XCTAssertEqual(file.problems, [])
  }

  func testALaterLineWinsAndCRLFIsALineEnd() {
    let file = parse("mouse = off\r\nmouse = on\r\nglob = *.txt\r\nglob = *.TXT\r\n")
    XCTAssertEqual(file.mouse, Setting(true, from: .file(path: path, line: 2)))
    XCTAssertEqual(file.glob?.value, "*.TXT")
    XCTAssertEqual(file.problems, [])
  }

  func testEachBadLineIsOneProblemNamingFileAndLineAndChangesNothing() {
    let file = parse(
      """
      colour = off
      mouse = sometimes
      just words
      = on
      corpus =
      glob = ""
      colours = on
      """)
    XCTAssertEqual(
      file.problems,
      [
        "\(path):1: unknown key “colour”, line ignored (keys: corpus, glob, colours, mouse)",
        "\(path):2: mouse is on or off, not “sometimes”; line ignored",
        "\(path):3: expected “key = value”, found “just words”; line ignored",
        "\(path):4: expected “key = value”, found “= on”; line ignored",
        "\(path):5: corpus needs a file or folder; line ignored",
        "\(path):6: glob needs a pattern, such as *.txt; line ignored",
      ])
    XCTAssertTrue(file.problems.allSatisfy { !$0.contains("\n") })
    XCTAssertNil(file.mouse, "the bad value leaves the default")
    XCTAssertEqual(file.corpus, [])
    XCTAssertNil(file.glob)
    XCTAssertEqual(file.colours, Setting(true, from: .file(path: path, line: 7)), "good lines still count")
  }

  func testWhereTheFileIs() {
    XCTAssertEqual(
      ConfigFile.location(environment: ["HOME": "/home/an"])?.path, "/home/an/.config/vanban/config")
    XCTAssertEqual(
      ConfigFile.location(environment: ["HOME": "/home/an", "XDG_CONFIG_HOME": "/xdg"])?.path,
      "/xdg/vanban/config")
    XCTAssertEqual(
      ConfigFile.location(environment: ["HOME": "/home/an", "XDG_CONFIG_HOME": "relative"])?.path,
      "/home/an/.config/vanban/config", "a relative XDG_CONFIG_HOME is ignored, as the specification says")
    let named = ConfigFile.location(
      environment: ["HOME": "/home/an", "XDG_CONFIG_HOME": "/xdg", "VANBAN_CONFIG": "/etc/vanban.conf"])
    XCTAssertEqual(named?.path, "/etc/vanban.conf")
    XCTAssertEqual(named?.namedBy, "VANBAN_CONFIG")
    XCTAssertEqual(
      ConfigFile.location(environment: ["HOME": "/home/an", "VANBAN_CONFIG": ""])?.path,
      "/home/an/.config/vanban/config", "an empty VANBAN_CONFIG is unset")
    XCTAssertNil(ConfigFile.location(environment: [:]))
  }

  func testLoadingMissingUnreadableAndNonUTF8Files() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-config-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let quiet = ConfigFile.load(environment: ["HOME": folder.path])
    XCTAssertEqual(quiet.problems, [], "no file in the standard place: nothing to say")
    XCTAssertFalse(quiet.found)
    let missing = folder.appendingPathComponent("missing").path
    XCTAssertEqual(
      ConfigFile.load(environment: ["VANBAN_CONFIG": missing]).problems,
      ["\(missing): no such file (named by VANBAN_CONFIG); using the defaults"])
    XCTAssertEqual(
      ConfigFile.load(environment: ["VANBAN_CONFIG": folder.path]).problems,
      ["\(folder.path): is a folder, not a configuration file; using the defaults"])
    let latin = folder.appendingPathComponent("latin1")
    try Data([0x67, 0x6C, 0x6F, 0x62, 0x3D, 0xE9, 0xFF, 0x0A]).write(to: latin)
    XCTAssertEqual(
      ConfigFile.load(environment: ["VANBAN_CONFIG": latin.path]).problems,
      ["\(latin.path): is not UTF-8 text; using the defaults"])
    let good = folder.appendingPathComponent("good")
    try Data("glob = *.md\n".utf8).write(to: good)
    let read = ConfigFile.load(environment: ["VANBAN_CONFIG": good.path, "HOME": folder.path])
    XCTAssertTrue(read.found)
    XCTAssertEqual(read.glob, Setting("*.md", from: .file(path: good.path, line: 1)))
  }

  func testTheCommandLineWinsOverTheFileOverNoColorOverTheDefaults() {
    let none = Settings(file: ConfigFile(), commandLine: CommandLineChoices(), environment: [:])
    XCTAssertEqual(none.corpus, [], "the shipped corpus")
    XCTAssertEqual(none.glob, Setting("*.txt", from: .builtIn))
    XCTAssertEqual(none.colours, Setting(true, from: .builtIn))
    XCTAssertEqual(none.mouse, Setting(true, from: .builtIn))
    XCTAssertEqual(
      Settings(file: ConfigFile(), commandLine: CommandLineChoices(), environment: ["NO_COLOR": "1"]).colours,
      Setting(false, from: .environment("NO_COLOR")))
    XCTAssertEqual(
      Settings(file: ConfigFile(), commandLine: CommandLineChoices(), environment: ["NO_COLOR": ""]).colours,
      Setting(true, from: .builtIn), "an empty NO_COLOR is unset")

    let file = parse("corpus = /a\ncorpus = /b\nglob = *.md\ncolours = on\nmouse = off\n")
    let fromFile = Settings(file: file, commandLine: CommandLineChoices(), environment: ["NO_COLOR": "1"])
    XCTAssertEqual(fromFile.corpus.map(\.value), ["/a", "/b"])
    XCTAssertEqual(fromFile.glob.source, .file(path: path, line: 3))
    XCTAssertEqual(
      fromFile.colours, Setting(true, from: .file(path: path, line: 4)), "the file over NO_COLOR")
    XCTAssertEqual(fromFile.mouse.value, false)

    let given = Settings(
      file: file, commandLine: CommandLineChoices(paths: ["x"], glob: "*.text", colours: false, mouse: true),
      environment: [:])
    XCTAssertEqual(given.corpus, [Setting("x", from: .commandLine("path"))], "paths given replace the file's")
    XCTAssertEqual(given.glob, Setting("*.text", from: .commandLine("--glob")))
    XCTAssertEqual(given.colours, Setting(false, from: .commandLine("--no-colours")))
    XCTAssertEqual(given.mouse, Setting(true, from: .commandLine("--mouse")))
    XCTAssertEqual(given.mouse.source.description, "command line (--mouse)")
    XCTAssertEqual(fromFile.glob.source.description, "config file, line 3")
  }
}
