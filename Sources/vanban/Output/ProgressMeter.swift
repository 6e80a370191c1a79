import DirectiveKit
import Foundation

/// `loading 1234 of 10000 files (52 MB)` on standard error, redrawn at most ten times a second.
final class ProgressMeter: @unchecked Sendable {
  private let lock = NSLock()
  private var lastDrawn = Date.distantPast
  private var shown = false

  func show(_ progress: LoadProgress) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDrawn) >= 0.1 || progress.filesDone == progress.filesTotal else { return }
    lastDrawn = now
    shown = true
    let megabytes = progress.bytesDone / 1_000_000
    FileHandle.standardError.write(
      Data("\rloading \(progress.filesDone) of \(progress.filesTotal) files (\(megabytes) MB)\u{1B}[K".utf8))
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
