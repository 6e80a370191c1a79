import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Work whose calls mostly wait for the disk (looking at files, listing folders): more of them in
/// flight than there are cores, so that a disk read cold keeps its queue full. From the page cache
/// the calls are the same, only spread over more threads.
enum DiskWork {
  static let threads = 8

  /// Runs `body` for every index of `0..<iterations`, on up to `threads` threads, and returns once
  /// all are done.
  static func perform(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let threadCount = min(threads, iterations)
    guard threadCount > 1 else {
      for index in 0..<iterations { body(index) }
      return
    }
    let next = IndexDealer(count: iterations)
    let group = DispatchGroup()
    for _ in 0..<threadCount {
      group.enter()
      Thread.detachNewThread {
        while let index = next.take() { body(index) }
        group.leave()
      }
    }
    group.wait()
  }

  /// Hands out each index of `0..<count` once, in order, to whichever thread asks.
  private final class IndexDealer: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func take() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }
}

/// Asks the system to read files ahead of the parse, `window` files ahead of the latest one the
/// parse has begun, on a thread of its own: the parse's own reads then find most files already
/// in memory, and the disk has many reads to order and merge instead of one per parsing thread.
///
/// It starts only once reads are seen to wait (`readsWait`): from the page cache, asking would
/// only add three calls a file. Asking is a hint and nothing else (`posix_fadvise`
/// `POSIX_FADV_WILLNEED`): what is read and parsed is the same with or without it.
final class ReadAhead: @unchecked Sendable {
  /// How long a read from the page cache takes at most, well above its usual 5–10 µs; a read
  /// from this disk takes some hundreds.
  static let waitingReadNanoseconds: UInt64 = 50_000
  static let window = 2048

  private let files: [String]
  private let condition = NSCondition()
  private var position = 0
  private var running = false
  private var finished = false

  init(files: [String]) { self.files = files }

  /// The parse has begun the file at `index`.
  func reached(_ index: Int) {
    condition.lock()
    if index > position {
      position = index
      if running { condition.signal() }
    }
    condition.unlock()
  }

  /// Reads wait for the disk: the asking thread starts, from the parse's position on.
  func readsWait() {
    #if os(Linux)
      condition.lock()
      defer { condition.unlock() }
      guard !running, !finished else { return }
      running = true
      Thread.detachNewThread { self.askAhead() }
    #endif
  }

  /// The parse is over: the asking thread stops.
  func finish() {
    condition.lock()
    finished = true
    condition.signal()
    condition.unlock()
  }

  private func askAhead() {
    var next = 0
    while true {
      condition.lock()
      while !finished, next >= min(files.count, position + Self.window) { condition.wait() }
      let stop = finished
      next = max(next, position)
      let end = min(files.count, position + Self.window)
      condition.unlock()
      if stop { return }
      while next < end {
        Self.askToRead(files[next])
        next += 1
        if next % 64 == 0, isFinished { return }
      }
    }
  }

  private var isFinished: Bool {
    condition.lock()
    defer { condition.unlock() }
    return finished
  }

  private static func askToRead(_ path: String) {
    #if os(Linux)
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { return }
      _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
      close(descriptor)
    #endif
  }
}
