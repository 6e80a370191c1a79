import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// CPU time and peak resident memory, from `getrusage` (this process) or `wait4` (a child).
struct ResourceUsage {
  /// User and system time together.
  var cpuSeconds: Double
  /// The part of `cpuSeconds` spent in the kernel.
  var systemSeconds: Double
  var peakResidentMegabytes: Double

  static func ofThisProcess() -> ResourceUsage {
    var usage = rusage()
    #if os(Linux)
      // Glibc spells the argument as its own enum type.
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return ResourceUsage(of: usage)
  }

  /// What `wait4` or `getrusage` gave for one process. Glibc counts ru_maxrss in kilobytes,
  /// Darwin in bytes.
  init(of usage: rusage) {
    #if os(Linux)
      self.init(usage, maximumResidentBytes: Double(usage.ru_maxrss) * 1024)
    #else
      self.init(usage, maximumResidentBytes: Double(usage.ru_maxrss))
    #endif
  }

  private init(_ usage: rusage, maximumResidentBytes: Double) {
    cpuSeconds =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    systemSeconds = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    peakResidentMegabytes = maximumResidentBytes / 1_000_000
  }
}

/// The first executable named `name` in the folders of `PATH`.
func executableOnPath(_ name: String) -> String? {
  let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
  return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
