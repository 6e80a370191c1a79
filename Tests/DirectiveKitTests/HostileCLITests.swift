import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

/// The built `vanban` binary run on hostile folders: exit codes, documents for every readable
/// file, and no byte of any output that a terminal would act on.
final class HostileCLITests: XCTestCase {
  static let binary = Package.binary

  struct Run {
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]
    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
  }

  struct MissingBinary: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path) is not built: run `swift build` (make test does)" }
  }

  var fixtures: HostileFixtures!

  override func setUpWithError() throws {
    guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
      throw MissingBinary(path: Self.binary)
    }
    fixtures = try HostileFixtures(label: "hostile-cli")
  }

  override func tearDown() {
    fixtures?.remove()
  }

  /// Runs the binary with `arguments`, collecting both streams in full.
  func vanban(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
    let result = runProgram([Self.binary] + arguments, environment: environment)
    return Run(status: result.status, stdout: result.standardOutputBytes, stderr: result.standardErrorBytes)
  }

  func assertVisible(_ run: Run, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
    for (stream, bytes) in [("stdout", run.stdout), ("stderr", run.stderr)] {
      XCTAssertNotNil(
        String(validating: bytes, as: UTF8.self), "\(label): \(stream) is not UTF-8", file: file, line: line)
      let forbidden = HostileFixtures.forbiddenScalars(in: String(decoding: bytes, as: UTF8.self))
      XCTAssertEqual(forbidden, [], "\(label): \(stream) carries terminal controls", file: file, line: line)
    }
  }

  // MARK: Escape sequences

  /// Every command that prints document text, on a folder holding the escape document (whose
  /// file name is an escape sequence too) and the seed it cites.
  func testNoOutputOfAnyCommandCarriesAControlSequence() throws {
    try fixtures.write(HostileFixtures.escapeFileName, Array(HostileFixtures.escapeDocument.utf8))
    try fixtures.write(HostileFixtures.firstSeedName, try HostileFixtures.seedBytes())
    let folder = fixtures.folder.path
    let escapeID = "esc\u{1B}]0;FILE-TITLE\u{07}"
    let seedID = "000_c04fbf0a9182cd61"
    let list = try vanban(["list", "--json", folder])
    XCTAssertEqual(list.status, 0, list.err)
    let ids = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(list.stdout)) as? [[String: Any]]
    ).compactMap { $0["id"] as? String }
    XCTAssertEqual(Set(ids), [escapeID, seedID], "JSON carries the id escaped, and it decodes back")
    let commands: [[String]] = [
      ["list", folder], ["list", "--json", folder],
      ["show", escapeID, folder], ["show", escapeID, "--json", folder],
      ["graph", "--format", "dot", folder], ["graph", "--format", "tsv", folder],
      ["graph", "--format", "json", folder],
      ["cites", escapeID, folder], ["cites", escapeID, "--json", folder],
      ["cited-by", seedID, folder], ["cited-by", seedID, "--json", folder],
      ["related", seedID, folder], ["related", seedID, "--format", "dot", folder],
      ["related", escapeID, "--json", folder], ["cited-by", "07-KL/TW", folder],
      ["search", "tiêu đề", folder], ["search", "tiêu đề", "--json", folder],
      ["search", "PWNED", folder], ["show", "no\u{1B}[2Jsuch", folder], ["list", folder + "/\u{1B}]0;gone"],
    ]
    for arguments in commands {
      let run = try vanban(arguments)
      let label = arguments.dropLast().joined(separator: " ")
      XCTAssertFalse(run.stdout.isEmpty && run.stderr.isEmpty, "\(label) printed nothing")
      assertVisible(run, label)
    }
    let show = try vanban(["show", escapeID, folder])
    XCTAssertEqual(show.status, 0, show.err)
    XCTAssertTrue(show.out.contains("␛]0;PWNED-TITLE␇"), show.out)
    let citedBy = try vanban(["cited-by", seedID, folder])
    XCTAssertTrue(citedBy.out.contains("esc␛]0;FILE-TITLE␇"), citedBy.out)
  }

  // MARK: Every input, end to end

  /// One folder holding every hostile file: `list --json` exits 0 with a document for each
  /// readable file and a warning line in `list` for each file that is not.
  func testEveryHostileInputTogetherListsEveryReadableFile() throws {
    let seed = try HostileFixtures.seedText()
    var readable: [String: String] = [:]
    func add(_ name: String, _ bytes: [UInt8], expecting warning: String) throws {
      readable[try fixtures.write(name, bytes)] = warning
    }
    try add("empty.txt", [], expecting: "empty file")
    try add("blank.txt", Array("  \n\t \r\n".utf8), expecting: "file holds only white space")
    try add(
      "binary.txt", [0, 1, 2, 0xFF, 0] + HostileFixtures.noiseBytes(count: 500, seed: 1),
      expecting: "binary file (NUL bytes)")
    try add("paper.txt", Array("%PDF-1.5\n%\u{E2}\u{E3}\n".utf8), expecting: "binary file (a PDF)")
    // The 10 MB line is HostileInputTests' (a debug binary reads it twice as slowly here).
    try add("long.txt", try HostileFixtures.longLine(megabytes: 2), expecting: "")
    try add("citations.txt", Array(HostileFixtures.manyCitations(5000).utf8), expecting: "")
    try add(
      "cut.txt", Array(Array(seed.utf8).prefix(4)), expecting: "file ends inside a multi-byte character")
    try add("nfd.txt", Array(seed.decomposedStringWithCanonicalMapping.utf8), expecting: "")
    try add(
      "bom.txt", [0xEF, 0xBB, 0xBF] + Array(seed.replacingOccurrences(of: "\n", with: "\r\n").utf8),
      expecting: "")
    try add("cp1258.txt", LegacyCodec.encode(seed, as: .windows1258), expecting: "decoded as Windows-1258")
    try add("tcvn3.txt", LegacyCodec.encode(seed, as: .tcvn3), expecting: "decoded as TCVN3 (ABC)")
    try add("vni.txt", LegacyCodec.encode(seed, as: .vni), expecting: "decoded as VNI")
    try add("noise.txt", HostileFixtures.noiseBytes(count: 3000, seed: 5), expecting: "")
    try add(HostileFixtures.escapeFileName, Array(HostileFixtures.escapeDocument.utf8), expecting: "")
    let manager = FileManager.default
    try manager.createSymbolicLink(atPath: fixtures.path("loop"), withDestinationPath: fixtures.folder.path)
    try manager.createSymbolicLink(
      atPath: fixtures.path("dangling.txt"), withDestinationPath: "/nonexistent/file.txt")
    try manager.createSymbolicLink(atPath: fixtures.path("memory.txt"), withDestinationPath: "/proc/self/mem")
    let unreadable = [fixtures.path("loop"), fixtures.path("dangling.txt"), fixtures.path("memory.txt")]

    let json = try vanban(["list", "--json", fixtures.folder.path])
    XCTAssertEqual(json.status, 0, json.err)
    // What did not become a document is said on standard error, one line each: JSON drops nothing.
    let reported = json.err.split(separator: "\n").map(String.init)
    for path in unreadable {
      XCTAssertTrue(reported.contains { $0.hasPrefix("vanban: warning: \(path)") }, "\(path) in \(reported)")
    }
    XCTAssertEqual(reported.count, unreadable.count, json.err)
    let documents = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [[String: Any]])
    let byFile = Dictionary(documents.map { ($0["file"] as? String ?? "", $0) }) { first, _ in first }
    XCTAssertEqual(Set(byFile.keys), Set(readable.keys))
    for (path, warning) in readable where !warning.isEmpty {
      let warnings = byFile[path]?["warnings"] as? [String] ?? []
      XCTAssertTrue(warnings.contains { $0.contains(warning) }, "\(path): \(warnings)")
    }
    let list = try vanban(["list", fixtures.folder.path])
    XCTAssertEqual(list.status, 0, list.err)
    assertVisible(list, "list")
    let warningLines = list.out.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
    for path in unreadable {
      XCTAssertEqual(warningLines.filter { $0.contains(path) }.count, 1, "\(path) in \(warningLines)")
    }
  }

  // MARK: Exit codes and pipes

  func testAPathThatDoesNotExistExitsTwoWithOneLine() throws {
    let missing = fixtures.path("no/such/folder")
    for arguments in [
      ["list", missing], ["list", "--json", missing], ["graph", missing], ["search", "x", missing],
    ] {
      let run = try vanban(arguments)
      XCTAssertEqual(run.status, 2, arguments.joined(separator: " "))
      XCTAssertEqual(run.stdout, [])
      XCTAssertEqual(run.err, "vanban: \(missing): no such file or directory\n")
    }
  }

  /// `vanban list | head -1` on a listing far larger than a pipe's buffer: vanban ends quietly
  /// when `head` has gone (status 0, or 141 for SIGPIPE) and says nothing on stderr.
  func testListIntoAPipeClosedEarlyExitsQuietly() throws {
    let folder = fixtures.folder.appendingPathComponent("many")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for index in 0..<3000 {
      let text =
        "TỈNH ỦY NAM ĐỊNH\nSố \(index + 1)-CV/TU\nNam Định, ngày 1 tháng 7 năm 2021\nV/v việc thứ \(index) "
        + String(repeating: "rất dài ", count: 10) + "\n"
      try Data(text.utf8).write(to: folder.appendingPathComponent("d\(index).txt"))
    }
    for command in ["list", "list --json", "graph --format tsv"] {
      let script = """
        "$0" \(command) "$1" 2>"$2" | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}"
        """
      let errors = fixtures.path("pipe-errors")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = ["-c", script, Self.binary, folder.path, errors]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let status = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      XCTAssertTrue(
        ["0", "141"].contains(status.trimmingCharacters(in: .whitespacesAndNewlines)), "\(command): \(status)"
      )
      XCTAssertEqual(try String(contentsOfFile: errors, encoding: .utf8), "", command)
    }
  }
}
