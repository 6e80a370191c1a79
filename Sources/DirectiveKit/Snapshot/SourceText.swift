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
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, FileStamp(info) == stamp else { return nil }
    let size = length
    guard size > 0 else { return "" }
    var complete = false
    let text = String(unsafeUninitializedCapacity: size) { buffer in
      var filled = 0
      while filled < size {
        let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return filled }
        filled += count
      }
      complete = true
      return filled
    }
    return complete ? text : nil
  }

  /// What a load would now make of the file: its text as decoded for parsing, or none.
  private static func freshText(path: String) -> String {
    guard case .success(let bytes) = Corpus.readFile(path),
      case .document(let document) = ParallelLoader.parseFile(path: path, bytes: bytes)
    else { return "" }
    return document.text
  }
}
