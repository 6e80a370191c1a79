import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// CPU time and peak resident memory, from `getrusage`: of this process, or of the children it
/// has waited for (the largest of them, for memory).
struct ResourceUsage {
  var cpuSeconds: Double
  var peakResidentMegabytes: Double

  static func ofThisProcess() -> ResourceUsage { read(who: RUSAGE_SELF) }

  static func ofWaitedChildren() -> ResourceUsage { read(who: RUSAGE_CHILDREN) }

  #if os(Linux)
    // Glibc spells the argument as its own enum type and counts ru_maxrss in kilobytes.
    private static func read(who: __rusage_who) -> ResourceUsage {
      var usage = rusage()
      getrusage(__rusage_who_t(who.rawValue), &usage)
      return ResourceUsage(usage, maximumResidentBytes: Double(usage.ru_maxrss) * 1024)
    }
  #else
    // Darwin counts ru_maxrss in bytes.
    private static func read(who: Int32) -> ResourceUsage {
      var usage = rusage()
      getrusage(who, &usage)
      return ResourceUsage(usage, maximumResidentBytes: Double(usage.ru_maxrss))
    }
  #endif

  private init(_ usage: rusage, maximumResidentBytes: Double) {
    cpuSeconds =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    peakResidentMegabytes = maximumResidentBytes / 1_000_000
  }
}

/// The first executable named `name` in the folders of `PATH`.
func executableOnPath(_ name: String) -> String? {
  let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
  return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
