import Foundation
import TestSupport
import XCTest

/// The configuration file as the program uses it: where it is found, what it changes for every
/// command, how the command line overrides it, and that each mistake in it is one line on
/// standard error while the program goes on with the defaults.
final class ConfigTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Package.binary), "build first: swift build")
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // Two seeds as Markdown files in a corpus folder of their own.
    let corpus = folder.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    for seed in ["000_c04fbf0a9182cd61", "004_f8f51dfb989f039e"] {
      try FileManager.default.copyItem(
        at: Package.root.appendingPathComponent("Data/corpus/\(seed).txt"),
        to: corpus.appendingPathComponent("\(seed).md"))
    }
  }

  override func tearDown() {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Writes `text` as a config file and returns its path.
  func config(_ text: String, at relative: String = "config") throws -> String {
    let file = folder.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  func vanban(_ arguments: [String], config path: String) -> ProgramResult {
    runProgram([Package.binary] + arguments, environment: ["VANBAN_CONFIG": path, "NO_COLOR": nil])
  }

  func ids(_ result: ProgramResult) throws -> [String] {
    XCTAssertEqual(result.status, 0, result.errors)
    let documents = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]],
      result.output)
    return documents.compactMap { $0["id"] as? String }
  }

  func testTheFilesCorpusAndGlobServeEveryCommandAndTheCommandLineOverridesThem() throws {
    // A relative corpus path is read from the config file's folder, whatever the working directory.
    let path = try config("# my own corpus\ncorpus = corpus\nglob = *.md\n")
    let listed = try ids(vanban(["list", "--json"], config: path))
    XCTAssertEqual(listed.count, 2, "the two .md files of the config's corpus")
    XCTAssertEqual(try ids(vanban(["search", "ket luan 07", "--json"], config: path)).count, 2)
    let graph = vanban(["graph", "--format", "tsv"], config: path)
    XCTAssertEqual(graph.status, 0, graph.errors)
    XCTAssertTrue(graph.output.contains("\t000_"), "the citation between the two: \(graph.output)")
    XCTAssertEqual(vanban(["list"], config: path).errors, "", "a good config file says nothing")

    let given = try ids(vanban(["list", "--json", "Data/corpus", "--glob", "*.txt"], config: path))
    XCTAssertEqual(given.count, 5, "paths and --glob on the command line win")
    let globOnly = vanban(["list", "--json", "--glob", "*.txt"], config: path)
    XCTAssertEqual(try ids(globOnly), [], "the config's corpus read with the command line's glob")

    let shown = vanban(["config"], config: path)
    XCTAssertEqual(shown.status, 0, shown.errors)
    let rows = shown.standardOutput.split(separator: "\n").map {
      $0.split(separator: " ").joined(separator: " ")
    }
    XCTAssertEqual(
      rows,
      [
        "config file \(path) named by VANBAN_CONFIG",
        "corpus \(folder.path)/corpus config file, line 2",
        "glob *.md config file, line 3",
        "colours on default",
        "mouse on default",
      ])
    let overridden = vanban(["config", "--glob", "*.txt", "--no-mouse", "--no-colours"], config: path)
    XCTAssertTrue(overridden.output.contains("command line (--glob)"), overridden.output)
    XCTAssertTrue(overridden.output.contains("command line (--no-mouse)"), overridden.output)
    XCTAssertTrue(overridden.output.contains("command line (--no-colours)"), overridden.output)
  }

  func testTheFileIsFoundInXDGConfigHomeThenInHome() throws {
    let text = "corpus = \(folder.path)/corpus\nglob = *.md\n"
    let xdg = try config(text, at: "xdg/vanban/config")
    let fromXDG = runProgram(
      [Package.binary, "list", "--json"],
      environment: ["VANBAN_CONFIG": nil, "XDG_CONFIG_HOME": folder.appendingPathComponent("xdg").path])
    XCTAssertEqual(try ids(fromXDG).count, 2)
    let shown = runProgram(
      [Package.binary, "config"],
      environment: ["VANBAN_CONFIG": nil, "XDG_CONFIG_HOME": folder.appendingPathComponent("xdg").path])
    XCTAssertTrue(shown.output.hasPrefix("config file  \(xdg)\n"), shown.output)

    _ = try config(text, at: "home/.config/vanban/config")
    let fromHome = runProgram(
      [Package.binary, "list", "--json"],
      environment: [
        "VANBAN_CONFIG": nil, "XDG_CONFIG_HOME": nil, "HOME": folder.appendingPathComponent("home").path,
      ])
    XCTAssertEqual(try ids(fromHome).count, 2)
    let none = runProgram(
      [Package.binary, "list", "--json"],
      environment: ["VANBAN_CONFIG": nil, "XDG_CONFIG_HOME": nil, "HOME": folder.path])
    XCTAssertEqual(try ids(none).count, 5, "no config file: the shipped corpus")
    XCTAssertEqual(none.errors, "", "and nothing to say")
  }

  func testEachMistakeIsOneLineNamingFileAndLineAndTheDefaultsHold() throws {
    let path = try config("colour = off\nglob = *.md\ncorpus\nmouse = sometimes\n")
    let result = vanban(["list", "--json"], config: path)
    XCTAssertEqual(
      result.errors,
      """
      vanban: \(path):1: unknown key “colour”, line ignored (keys: corpus, glob, colours, mouse)
      vanban: \(path):3: expected “key = value”, found “corpus”; line ignored
      vanban: \(path):4: mouse is on or off, not “sometimes”; line ignored

      """)
    XCTAssertEqual(try ids(result).count, 5, "the program goes on, on the shipped corpus")
    let shown = vanban(["config"], config: path)
    XCTAssertTrue(shown.output.contains("mouse        on"), shown.output)
    XCTAssertTrue(shown.output.contains("config file, line 2"), "the good line still counts: \(shown.output)")

    let missing = folder.appendingPathComponent("nowhere").path
    let named = vanban(["list", "--json"], config: missing)
    XCTAssertEqual(
      named.errors, "vanban: \(missing): no such file (named by VANBAN_CONFIG); using the defaults\n")
    XCTAssertEqual(try ids(named).count, 5)
  }

  func testAConfiguredCorpusThatIsNotThereIsOneLineAndExitTwo() throws {
    let path = try config("\ncorpus = /no/such/corpus\n")
    let result = vanban(["list"], config: path)
    XCTAssertEqual(result.status, 2)
    XCTAssertEqual(
      result.errors, "vanban: /no/such/corpus: no such file or directory (corpus of \(path):2)\n")
  }

  func testHelpAndVersionNeverReadTheFile() throws {
    let path = try config("nonsense\n")
    XCTAssertEqual(vanban(["--version"], config: path).errors, "")
    XCTAssertEqual(vanban(["list", "--help"], config: path).errors, "")
  }
}
