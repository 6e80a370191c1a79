#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension DocumentText {
  /// Runs `body` with the text's UTF-8 bytes, as `string` would hold them, without making a
  /// string of them: a snapshot's mapped text is lent as it lies, a file's text is read but not
  /// validated again (its stamp vouches that it is the valid text it was when parsed). A snippet
  /// reads a few hundred bytes of a text of thousands.
  func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    switch self {
    case .mapped(let file, let offset, let length):
      guard length > 0, let start = file.bytes.baseAddress else {
        return body(UnsafeBufferPointer(start: nil, count: 0))
      }
      return body(
        UnsafeBufferPointer(start: (start + offset).assumingMemoryBound(to: UInt8.self), count: length))
    case .file(let source):
      if let bytes = source.unchangedBytes() { return bytes.withUnsafeBufferPointer(body) }
      var text = source.text
      return text.withUTF8(body)
    case .owned(let text), .verbatim(let text):
      var text = text
      return text.withUTF8(body)
    }
  }
}

extension SourceText {
  /// The file's bytes, when it still has its stamp and they are all read: the bytes of
  /// `unchangedText()`.
  func unchangedBytes() -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, FileStamp(info) == stamp else { return nil }
    let size = length
    var complete = size == 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      var filled = 0
      while filled < size {
        let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        filled += count
      }
      complete = filled == size
      initialized = filled
    }
    return complete ? bytes : nil
  }
}
