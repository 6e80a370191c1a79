import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One program run to its end with what it cost: wall time, CPU time (all threads) and peak
/// resident memory, each of that program alone.
///
/// The bench starts itself as `vanban-bench --timed-run PROGRAM ARGUMENTS…`: that process starts
/// only PROGRAM, with `posix_spawn`, and reaps it with `wait4`, whose resource usage is PROGRAM's
/// own. The clock runs from the spawn to the reaping and nothing else: standard output goes to a
/// file, counted in lines once the program has ended, so the program never waits for a reader
/// to empty a pipe (on a busy machine, a reader scheduled late held a `vanban list` writing a
/// megabyte for tens of milliseconds). Standard input is empty.
struct TimedRun: Sendable {
  var status: Int32
  var wallSeconds: Double
  /// User and system time together.
  var cpuSeconds: Double
  /// The part of `cpuSeconds` spent in the kernel.
  var systemSeconds: Double
  var peakResidentMegabytes: Double
  var lines: Int
  /// The first line the program wrote on standard error, if any.
  var firstError: String

  static let flag = "--timed-run"

  /// Runs `arguments` (a program and its arguments) in this process and prints the figures as
  /// one JSON line: the body of `--timed-run`.
  static func runHere(_ arguments: [String]) -> Int32 {
    guard !arguments.isEmpty else { return 2 }
    let stem = FileManager.default.temporaryDirectory
      .appendingPathComponent("vanban-bench-\(ProcessInfo.processInfo.processIdentifier)").path
    let (outputPath, errorsPath) = (stem + ".out", stem + ".err")
    defer {
      unlink(outputPath)
      unlink(errorsPath)
    }
    let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
    let output = open(outputPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    let errors = open(errorsPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    defer { for descriptor in [input, output, errors] where descriptor >= 0 { close(descriptor) } }
    guard input >= 0, output >= 0, errors >= 0 else { return 2 }
    guard let ended = spawnAndReap(arguments, input: input, output: output, errors: errors) else {
      print(#"{"status":127,"wall":0,"cpu":0,"system":0,"peak":0,"lines":0,"error":"cannot start"}"#)
      return 0
    }
    let errorText = String(decoding: contents(of: errors), as: UTF8.self)
    let firstError = errorText.split(separator: "\n").first.map(String.init)
    let object: [String: Any] = [
      "status": ended.status, "wall": ended.wall, "cpu": ended.usage.cpuSeconds,
      "system": ended.usage.systemSeconds,
      "peak": ended.usage.peakResidentMegabytes, "lines": lineCount(of: output), "error": firstError ?? "",
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
    return 0
  }

  /// Starts the program with the three descriptors as its standard streams and waits for it:
  /// its exit status (128 + the signal when one ended it), the seconds between spawn and reaping,
  /// and what it used. Nil when it cannot be started.
  private static func spawnAndReap(_ arguments: [String], input: Int32, output: Int32, errors: Int32)
    -> (status: Int32, wall: Double, usage: ResourceUsage)?
  {
    #if os(Linux)
      var actions = posix_spawn_file_actions_t()
    #else
      var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input, 0)
    posix_spawn_file_actions_adddup2(&actions, output, 1)
    posix_spawn_file_actions_adddup2(&actions, errors, 2)
    let argv = arguments.map { strdup($0) } + [nil]
    let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + environment { free(pointer) } }
    var child: pid_t = 0
    var status: Int32 = 0
    var usage = rusage()
    let clock = ContinuousClock()
    let start = clock.now
    guard posix_spawn(&child, arguments[0], &actions, nil, argv, environment) == 0 else { return nil }
    while wait4(child, &status, 0, &usage) < 0, errno == EINTR {}
    let wall = BenchMeasurement.seconds(clock.now - start)
    // The layout of a wait status: the signal that ended the program in the low seven bits, else
    // the exit code in the next byte.
    let signal = status & 0x7F
    return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, wall, ResourceUsage(of: usage))
  }

  /// Every byte written to a descriptor opened for reading and writing.
  private static func contents(of descriptor: Int32) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var offset: off_t = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
      if count <= 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
      offset += off_t(count)
    }
    return bytes
  }

  private static func lineCount(of descriptor: Int32) -> Int {
    var lines = 0
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var offset: off_t = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
      if count <= 0 { break }
      for byte in buffer[0..<count] where byte == 0x0A { lines += 1 }
      offset += off_t(count)
    }
    return lines
  }

  /// Runs `program` with `arguments` through a fresh `vanban-bench --timed-run`.
  static func measure(
    _ program: String, _ arguments: [String], environment: [String: String]
  ) throws -> TimedRun {
    guard
      let object = try jsonObject(
        from: VanbanBench.ownExecutable(), [flag, program] + arguments, environment: environment),
      let status = object["status"] as? NSNumber
    else { throw BenchFailure("timing \(program) gave no figures") }
    let number = { (key: String) in (object[key] as? NSNumber)?.doubleValue ?? .nan }
    return TimedRun(
      status: status.int32Value, wallSeconds: number("wall"), cpuSeconds: number("cpu"),
      systemSeconds: number("system"), peakResidentMegabytes: number("peak"), lines: Int(number("lines")),
      firstError: object["error"] as? String ?? "")
  }

  /// `measure` `times` times; the run of the median wall time. A warm run repeated is what a user
  /// meets every day, and one run alone on a shared machine is as likely as not to meet a build.
  static func median(
    of times: Int, _ program: String, _ arguments: [String], environment: [String: String]
  ) throws -> TimedRun {
    var runs: [TimedRun] = []
    for _ in 0..<max(1, times) {
      let run = try measure(program, arguments, environment: environment)
      guard run.status == 0 else { return run }
      runs.append(run)
    }
    return runs.sorted { $0.wallSeconds < $1.wallSeconds }[runs.count / 2]
  }
}

/// Runs `executable` to its end and reads its standard output as one JSON object, nil when it is not.
func jsonObject(from executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws
  -> [String: Any]?
{
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let environment { process.environment = environment }
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
}
