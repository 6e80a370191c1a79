import DirectiveKit
import Foundation
import TestSupport
import XCTest

/// `make install` into a temporary DESTDIR, then what a user does next: run the installed program,
/// read its manual page, complete its commands and province names in bash; then `make uninstall`.
/// The debug binary stands in for the release one (`make install` builds that first; the files
/// installed and how are the same), so the test costs no release build.
final class InstallTests: TmuxTestCase {
  var destdir: URL!
  let prefix = "/usr/local"
  var root: URL { destdir.appendingPathComponent(String(prefix.dropFirst())) }

  override func setUpWithError() throws {
    XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Package.binary), "build first: swift build")
    destdir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-install-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: destdir, withIntermediateDirectories: true)
    let installed = make("install-files")
    XCTAssertEqual(installed.status, 0, installed.output)
  }

  override func tearDown() {
    tmux("kill-session", "-t", session)
    try? FileManager.default.removeItem(at: destdir)
  }

  func make(_ target: String) -> ProgramResult {
    runProgram([
      "make", "-s", "--no-print-directory", target, "INSTALL_BIN=\(Package.binary)",
      "DESTDIR=\(destdir.path)",
      "PREFIX=\(prefix)",
    ])
  }

  static let files = [
    "bin/vanban", "share/man/man1/vanban.1", "share/bash-completion/completions/vanban",
    "share/zsh/site-functions/_vanban", "share/fish/vendor_completions.d/vanban.fish",
    "share/doc/vanban/json.md", "share/doc/vanban/documents.md",
  ]

  func testInstallRunUninstall() throws {
    for file in Self.files {
      XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), file)
    }
    let version = runProgram([root.appendingPathComponent("bin/vanban").path, "--version"])
    XCTAssertEqual(version.status, 0)
    XCTAssertEqual(version.output, runProgram([Package.binary, "--version"]).output)
    XCTAssertTrue(version.output.hasPrefix("vanban "), version.output)
    let listed = runProgram([root.appendingPathComponent("bin/vanban").path, "list"], directory: "/")
    XCTAssertTrue(listed.output.contains("5 of 5 documents"), "the shipped corpus is inside the binary")

    let removed = make("uninstall")
    XCTAssertEqual(removed.status, 0, removed.output)
    for file in Self.files {
      XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), file)
    }
  }

  /// `man vanban` finds the page from PATH alone (man-db looks beside each bin folder), and the page
  /// formats without a warning and names every command and the configuration file.
  func testTheManualPage() throws {
    try XCTSkipIf(
      runProgram(["man", "--version"]).status != 0, "man is not installed (make test installs man-db)")
    let manual = [
      "MAN_DISABLE_SECCOMP": "1", "MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat", "MANPATH": nil,
    ]
    let page = root.appendingPathComponent("share/man/man1/vanban.1").path
    let formatted = runProgram(["man", "--warnings", "-l", page], environment: manual)
    XCTAssertEqual(formatted.status, 0, formatted.errors)
    XCTAssertEqual(formatted.errors, "", "groff warnings")
    let text = formatted.standardOutput
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "FILES", "ENVIRONMENT", "EXIT STATUS"] {
      XCTAssertTrue(text.contains("\n\(heading)\n"), "section \(heading):\n\(text)")
    }
    for command in [
      "browse", "list", "show", "graph", "cites", "cited-by", "related", "lag", "provinces", "search",
      "config",
    ] {
      XCTAssertTrue(text.contains("vanban \(command)"), "command \(command)")
    }
    for words in ["--province-2025", "~/.config/vanban/config", "VANBAN_CONFIG", "--no-mouse", "NO_COLOR"] {
      XCTAssertTrue(text.contains(words), words)
    }
    var path = testEnvironment()["PATH"] ?? "/usr/bin:/bin"
    path = root.appendingPathComponent("bin").path + ":" + path
    var byName = manual
    byName["PATH"] = path
    let found = runProgram(["man", "-w", "vanban"], environment: byName)
    XCTAssertEqual(found.standardOutput, page + "\n", found.output)
  }

  /// The bash completion script, sourced into bash and asked as bash's completion would ask it.
  func complete(_ words: [String]) throws -> [String] {
    let script = root.appendingPathComponent("share/bash-completion/completions/vanban").path
    let program = """
      source "$1"; shift
      COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
      _vanban vanban "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let result = runProgram(["bash", "-c", program, "bash", script] + words)
    XCTAssertEqual(result.status, 0, result.errors)
    return result.standardOutput.split(separator: "\n").map(String.init)
  }

  func testBashCompletesCommandsOptionsAndProvinces() throws {
    let commands = try complete(["vanban", ""])
    for command in ["browse", "list", "show", "graph", "search", "config", "provinces"] {
      XCTAssertTrue(commands.contains(command), "\(command) in \(commands)")
    }
    XCTAssertEqual(try complete(["vanban", "cit"]).sorted(), ["cited-by", "cites"])
    XCTAssertEqual(try complete(["vanban", "list", "--prov"]).sorted(), ["--province", "--province-2025"])
    XCTAssertEqual(try complete(["vanban", "list", "--province", "nam-"]), ["nam-dinh"])
    XCTAssertEqual(try complete(["vanban", "search", "--province", "ba-ria"]), ["ba-ria-vung-tau"])

    // Every name offered is a province the option accepts: the 63 before 2025 and the 34 since.
    let old = try complete(["vanban", "list", "--province", ""])
    XCTAssertEqual(old.count, 63)
    XCTAssertEqual(Set(old.compactMap { Gazetteer.standard.province(named: $0)?.code }).count, 63)
    XCTAssertTrue(old.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII && $0 != " " } }, "\(old)")
    let new = try complete(["vanban", "graph", "--province-2025", ""])
    XCTAssertEqual(new.count, 34)
    XCTAssertEqual(Set(new.compactMap { Gazetteer.standard.province2025(named: $0) }).count, 34)
    let filtered = runProgram([Package.binary, "list", "--province", "nam-dinh"])
    XCTAssertEqual(filtered.status, 0, filtered.errors)
    XCTAssertTrue(filtered.output.contains("3 of 5 documents"), filtered.output)
  }

  /// The same script in an interactive bash, keys typed in tmux: Tab completes for real.
  func testTabCompletesInAnInteractiveBash() throws {
    let script = root.appendingPathComponent("share/bash-completion/completions/vanban").path
    tmux(
      "new-session", "-d", "-s", session, "-x", "120", "-y", "20", "-e", "COMPLETION=\(script)",
      "-e", "INSTALLED=\(root.appendingPathComponent("bin").path)", "-e", "VANBAN_CONFIG=/dev/null",
      "bash", "--norc", "--noprofile")
    keys("PS1='$ '; PATH=\"$INSTALLED:$PATH\"; source \"$COMPLETION\"; clear", "Enter")
    waitForPrompt()
    type("vanban conf")  // completed to the one command it starts
    keys("Tab")
    waitFor("$ vanban config")
    keys("C-u")
    type("vanban list --province quang-n")
    keys("Tab")
    type("i")
    keys("Tab")
    waitFor("$ vanban list --province quang-ninh")
    keys("Enter")
    waitFor("of 5 documents")
    XCTAssertTrue(screen().contains("0 of 5 documents"), "no seed is from Quảng Ninh: \(screen())")
  }

  /// fish's own completion engine (`complete -C`) on the installed fish script.
  func testFishCompletesCommandsAndProvinces() throws {
    try XCTSkipIf(
      runProgram(["fish", "--version"]).status != 0, "fish is not installed (make test installs it)")
    let script = root.appendingPathComponent("share/fish/vendor_completions.d/vanban.fish").path
    func complete(_ line: String) -> [String] {
      let result = runProgram(
        ["fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script, line],
        environment: [
          "PATH": root.appendingPathComponent("bin").path + ":" + (testEnvironment()["PATH"] ?? "")
        ])
      XCTAssertEqual(result.status, 0, result.errors)
      return result.standardOutput.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }
    XCTAssertEqual(complete("vanban con"), ["config"])
    XCTAssertEqual(complete("vanban list --province nam-"), ["nam-dinh"])
    XCTAssertEqual(complete("vanban show x --province-2025 ").count, 34)
  }

  /// zsh with compinit and the installed `_vanban` on its fpath, keys typed in tmux.
  func testZshCompletesCommandsAndProvinces() throws {
    try XCTSkipIf(
      runProgram(["zsh", "--version"]).status != 0, "zsh is not installed (make test installs it)")
    tmux(
      "new-session", "-d", "-s", session, "-x", "120", "-y", "20", "-e",
      "FUNCTIONS=\(root.appendingPathComponent("share/zsh/site-functions").path)",
      "-e", "INSTALLED=\(root.appendingPathComponent("bin").path)", "-e", "VANBAN_CONFIG=/dev/null", "zsh",
      "-f")
    keys(
      "fpath=(\"$FUNCTIONS\" $fpath); autoload -U compinit; compinit -u; PATH=\"$INSTALLED:$PATH\"; PS1='$ '; clear",
      "Enter")
    waitForPrompt()
    type("vanban conf")
    keys("Tab")
    waitFor("$ vanban config")
    keys("C-u")
    type("vanban list --province-2025 ho-chi-m")
    keys("Tab")
    waitFor("$ vanban list --province-2025 ho-chi-minh")
  }
}
