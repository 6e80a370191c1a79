import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system's page cache (with its cached folders and inodes), dropped so that the next run
/// reads its files from disk, as on the first start after a reboot: Linux only, and only root
/// may write the control file.
enum PageCache {
  static let control = "/proc/sys/vm/drop_caches"

  /// Nil when this process can drop the cache; else why it cannot, in a few words.
  static func whyNotDroppable() -> String? {
    #if os(Linux)
      guard geteuid() == 0 else { return "dropping the page cache needs root" }
      guard access(control, W_OK) == 0 else {
        return "\(control) is not writable (\(String(cString: strerror(errno))))"
      }
      return nil
    #else
      return "dropping the page cache is done on Linux only"
    #endif
  }

  /// Writes dirty pages out (`sync`), then drops the clean ones, folders and inodes included.
  static func drop() throws {
    sync()
    let descriptor = open(control, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw BenchFailure("\(control): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    guard write(descriptor, "3", 1) == 1 else {
      throw BenchFailure("writing \(control): \(String(cString: strerror(errno)))")
    }
  }
}
