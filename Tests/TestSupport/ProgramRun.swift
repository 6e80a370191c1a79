import Foundation

/// The package's root, the programs it builds and the fixtures the tests share.
public enum Package {
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// The debug `vanban` the end-to-end tests drive (`swift build` makes it).
  public static let binary = root.appendingPathComponent(".build/debug/vanban").path
  /// The five seed documents of `Data/corpus`.
  public static let seedCorpus = root.appendingPathComponent("Data/corpus")
  /// The 30 real texts with their hand labels.
  public static let realDevelopmentSet = root.appendingPathComponent(
    "Tests/DirectiveKitTests/Fixtures/realdev")
}

/// What a program printed and how it ended.
public struct ProgramResult: Sendable {
  public var status: Int32
  /// Both streams, standard output first.
  public var output: String
  /// Standard error alone.
  public var errors: String
  /// Standard output alone.
  public var standardOutput: String
  /// The streams as the program wrote them, byte for byte.
  public var standardOutputBytes: [UInt8]
  public var standardErrorBytes: [UInt8]

  public init(status: Int32, standardOutputBytes: [UInt8], standardErrorBytes: [UInt8]) {
    self.status = status
    self.standardOutputBytes = standardOutputBytes
    self.standardErrorBytes = standardErrorBytes
    standardOutput = String(decoding: standardOutputBytes, as: UTF8.self)
    errors = String(decoding: standardErrorBytes, as: UTF8.self)
    output = standardOutput + errors
  }
}

/// The environment of the programs the tests run: this process's, with `VANBAN_CONFIG` pointing at
/// an empty file so that a configuration file of the person running the tests changes nothing and
/// the snapshot cache inside this checkout's `.build`, then `changes` (nil removes a variable).
public func testEnvironment(_ changes: [String: String?] = [:]) -> [String: String] {
  var environment = ProcessInfo.processInfo.environment
  environment["VANBAN_CONFIG"] = "/dev/null"
  // The checkout's own: another checkout's tests, of another snapshot format, never share it.
  environment["XDG_CACHE_HOME"] = Package.root.appendingPathComponent(".build/test-cache").path
  for (name, value) in changes { environment[name] = value }
  return environment
}

/// Runs a program to its end, standard input from /dev/null, output collected through files.
/// Spawned directly: a tmux server started on the way keeps no descriptor we wait on.
public func runProgram(
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
    return ProgramResult(status: -1, standardOutputBytes: [], standardErrorBytes: Array("spawn failed".utf8))
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1, errno == EINTR {}
  let exited = status & 0x7f == 0
  return ProgramResult(
    status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
    standardOutputBytes: FileManager.default.contents(atPath: capture).map { [UInt8]($0) } ?? [],
    standardErrorBytes: FileManager.default.contents(atPath: errors).map { [UInt8]($0) } ?? [])
}
