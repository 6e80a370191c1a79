import Foundation

/// One program run to its end with what it cost: wall time, CPU time (all threads) and peak
/// resident memory, each of that program alone.
///
/// The bench starts itself as `vanban-bench --timed-run PROGRAM ARGUMENTS…`: that process starts
/// only PROGRAM, so the resource usage of its waited children is PROGRAM's own, on Linux and macOS
/// alike. Standard output is counted in lines and dropped; standard input is empty.
struct TimedRun: Sendable {
  var status: Int32
  var wallSeconds: Double
  var cpuSeconds: Double
  var peakResidentMegabytes: Double
  var lines: Int
  /// The first line the program wrote on standard error, if any.
  var firstError: String

  static let flag = "--timed-run"

  /// Runs `arguments` (a program and its arguments) in this process and prints the figures as
  /// one JSON line: the body of `--timed-run`.
  static func runHere(_ arguments: [String]) -> Int32 {
    guard let program = arguments.first else { return 2 }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = Array(arguments.dropFirst())
    process.standardInput = FileHandle.nullDevice
    let output = Pipe()
    let errorsPath = FileManager.default.temporaryDirectory
      .appendingPathComponent("vanban-bench-\(ProcessInfo.processInfo.processIdentifier).err").path
    guard FileManager.default.createFile(atPath: errorsPath, contents: nil),
      let errors = FileHandle(forWritingAtPath: errorsPath)
    else { return 2 }
    defer { try? FileManager.default.removeItem(atPath: errorsPath) }
    process.standardOutput = output
    process.standardError = errors
    let clock = ContinuousClock()
    let start = clock.now
    do { try process.run() } catch {
      print(#"{"status":127,"wall":0,"cpu":0,"peak":0,"lines":0,"error":"cannot start"}"#)
      return 0
    }
    var lines = 0
    while true {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
    process.waitUntilExit()
    let wall = BenchMeasurement.seconds(clock.now - start)
    let usage = ResourceUsage.ofWaitedChildren()
    let errorText = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
    let firstError = errorText.split(separator: "\n").first.map(String.init)
    let object: [String: Any] = [
      "status": process.terminationStatus, "wall": wall, "cpu": usage.cpuSeconds,
      "peak": usage.peakResidentMegabytes, "lines": lines, "error": firstError ?? "",
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
    return 0
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
      peakResidentMegabytes: number("peak"), lines: Int(number("lines")),
      firstError: object["error"] as? String ?? "")
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
