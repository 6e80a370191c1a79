import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of a document whose file holds it byte for byte (valid NFC UTF-8 without byte order
/// mark or carriage return: the common case), which a snapshot does not store again: it is read
/// from the file each time it is asked for, once the file is found with the stamp the snapshot
/// knew. A file changed since is read as a fresh parse reads it (the next load parses it again).
final class SourceText: Sendable {
  let path: String
  let stamp: FileStamp

  init(path: String, stamp: FileStamp) {
    self.path = path
    self.stamp = stamp
  }

  /// The text's length in UTF-8 bytes: the file's size.
  var length: Int { Int(stamp.size) }

  var text: String {
    unchangedText() ?? Self.freshText(path: path)
  }

  /// The file's bytes as a string, when it still has its stamp and they are all read.
  func unchangedText() -> String? {
    whileUnchanged { descriptor in
      let size = length
      guard size > 0 else { return "" }
      var complete = false
      let text = String(unsafeUninitializedCapacity: size) { buffer in
        let filled = Self.readAll(descriptor, into: buffer.baseAddress!, count: size)
        complete = filled == size
        return filled
      }
      return complete ? text : nil
    }
  }

  /// `body` with the open file, when the file still has its stamp.
  func whileUnchanged<Result>(_ body: (Int32) -> Result?) -> Result? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, FileStamp(info) == stamp else { return nil }
    return body(descriptor)
  }

  /// Reads up to `size` bytes of the open file into `buffer`, however many reads it takes; how
  /// many it read.
  static func readAll(_ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count size: Int) -> Int {
    var filled = 0
    while filled < size {
      let count = read(descriptor, buffer + filled, size - filled)
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    return filled
  }

  /// What a load would now make of the file: its text as decoded for parsing, or none.
  private static func freshText(path: String) -> String {
    guard case .success(let bytes) = Corpus.readFile(path),
      case .document(let document) = ParallelLoader.parseFile(path: path, bytes: bytes)
    else { return "" }
    return document.text
  }
}
