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
    whileUnchanged { descriptor in
      let size = length
      var complete = size == 0
      let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        let filled = size == 0 ? 0 : Self.readAll(descriptor, into: buffer.baseAddress!, count: size)
        complete = filled == size
        initialized = filled
      }
      return complete ? bytes : nil
    }
  }
}
