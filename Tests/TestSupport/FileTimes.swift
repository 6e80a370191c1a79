import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Sets a file's access and modification times `secondsAgo` back (plus `nanoseconds`), as files
/// are on a later day's start: a file modified in the last seconds is never kept in a snapshot.
/// Returns whether the times were set.
@discardableResult
public func backdate(_ path: String, secondsAgo: Int = 600, nanoseconds: Int = 0) -> Bool {
  let when = timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: nanoseconds)
  return utimensat(AT_FDCWD, path, [when, when], 0) == 0
}
