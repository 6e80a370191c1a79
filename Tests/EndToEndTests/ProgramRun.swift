import Foundation

/// The package's root and the debug binary the end-to-end tests drive.
enum Package {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let binary = root.appendingPathComponent(".build/debug/vanban").path
}

/// What a program printed and how it ended.
struct ProgramResult {
  var status: Int32
  /// Both streams, as they came.
  var output: String
  /// Standard error alone.
  var errors: String
  /// Standard output alone.
  var standardOutput = ""
}

/// The environment of the programs the tests run: this process's, with `VANBAN_CONFIG` pointing at
/// an empty file so that a configuration file of the person running the tests changes nothing,
/// then `changes` (nil removes a variable).
func testEnvironment(_ changes: [String: String?] = [:]) -> [String: String] {
  var environment = ProcessInfo.processInfo.environment
  environment["VANBAN_CONFIG"] = "/dev/null"
  environment["XDG_CACHE_HOME"] =
    FileManager.default.temporaryDirectory.appendingPathComponent("vanban-test-cache").path
  for (name, value) in changes { environment[name] = value }
  return environment
}

/// Runs a program to its end, standard input from /dev/null, output collected through files.
/// Spawned directly: a tmux server started on the way keeps no descriptor we wait on.
func runProgram(
  _ arguments: [String], directory: String = Package.root.path, environment: [String: String?] = [:]
) -> ProgramResult {
  let stamp = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
  let capture = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-\(stamp).out").path
  let errors = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-\(stamp).err").path
  defer {
    try? FileManager.default.removeItem(atPath: capture)
    try? FileManager.default.removeItem(atPath: errors)
  }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  let argv = (["/usr/bin/env", "-C", directory] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  let envp = testEnvironment(environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer { for pointer in envp { free(pointer) } }
  var pid: pid_t = 0
  guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp) == 0 else {
    return ProgramResult(status: -1, output: "spawn failed", errors: "spawn failed")
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1, errno == EINTR {}
  let standardOutput = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
  let standardError = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
  let exited = status & 0x7f == 0
  return ProgramResult(
    status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: standardOutput + standardError,
    errors: standardError, standardOutput: standardOutput)
}
