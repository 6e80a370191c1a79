/// What the search index knows of the text it indexed for a document, so that an index kept in a
/// file can tell, after the corpus changed, which documents it holds already: the text's hash and
/// length, and for a text left in its file (`SourceText`), the file's path and stamp, by which
/// the next start finds it unchanged without reading it.
struct TextIdentity: Hashable {
  var contentHash: UInt64
  var contentLength: UInt64
  /// A hash of the path and stamp of the file holding the text as it is; 0 when the text is not
  /// known to be its file's (decoded, held in the snapshot, or its file changed since).
  var stampKey: UInt64

  var content: Content { Content(hash: contentHash, length: contentLength) }

  struct Content: Hashable {
    var hash: UInt64
    var length: UInt64
  }

  init(contentHash: UInt64, contentLength: UInt64, stampKey: UInt64) {
    self.contentHash = contentHash
    self.contentLength = contentLength
    self.stampKey = stampKey
  }

  init(text: String, stampKey: UInt64) {
    var text = text
    let (hash, length) = text.withUTF8 {
      (SearchIndexFile.hash(UnsafeRawBufferPointer($0)), UInt64($0.count))
    }
    self.init(contentHash: hash, contentLength: length, stampKey: stampKey)
  }

  /// The stamp key of a document whose text stays in its file, without reading it; nil otherwise.
  static func stampKey(of document: Document) -> UInt64? {
    guard case .file(let source) = document.textStorage else { return nil }
    return stampKey(path: source.path, stamp: source.stamp)
  }

  static func stampKey(path: String, stamp: FileStamp) -> UInt64 {
    var path = path
    var key = path.withUTF8 { SearchIndexFile.hash(UnsafeRawBufferPointer($0)) }
    for word in [
      stamp.device, stamp.inode, UInt64(bitPattern: stamp.size), UInt64(bitPattern: stamp.modified),
    ] {
      key = SearchIndexFile.mix(key ^ word) &+ 0x9E37_79B9_7F4A_7C15
    }
    // Never 0, which means "no stamp".
    return SearchIndexFile.mix(key ^ UInt64(bitPattern: stamp.changed)) | 1
  }

  /// The text an index reads for `document` and its identity: a text left in its file is read
  /// once and keyed by the file's stamp only when the file still has it.
  static func read(_ document: Document) -> (String, TextIdentity) {
    if case .file(let source) = document.textStorage, let text = source.unchangedText() {
      return (text, TextIdentity(text: text, stampKey: stampKey(path: source.path, stamp: source.stamp)))
    }
    let text = document.text
    return (text, TextIdentity(text: text, stampKey: 0))
  }
}

/// The `TextIdentity` of every document of an index, as three flat arrays (as stored).
struct TextIdentities {
  var contentHashes: [UInt64]
  var contentLengths: [UInt64]
  var stampKeys: [UInt64]

  init(count: Int) {
    contentHashes = [UInt64](repeating: 0, count: count)
    contentLengths = [UInt64](repeating: 0, count: count)
    stampKeys = [UInt64](repeating: 0, count: count)
  }

  init(contentHashes: [UInt64], contentLengths: [UInt64], stampKeys: [UInt64]) {
    self.contentHashes = contentHashes
    self.contentLengths = contentLengths
    self.stampKeys = stampKeys
  }

  var count: Int { contentHashes.count }

  subscript(position: Int) -> TextIdentity {
    get {
      TextIdentity(
        contentHash: contentHashes[position], contentLength: contentLengths[position],
        stampKey: stampKeys[position])
    }
    set {
      contentHashes[position] = newValue.contentHash
      contentLengths[position] = newValue.contentLength
      stampKeys[position] = newValue.stampKey
    }
  }

  /// Slots written from several threads, each position by one.
  struct Slots: @unchecked Sendable {
    let hashes: UnsafeMutableBufferPointer<UInt64>
    let lengths: UnsafeMutableBufferPointer<UInt64>
    let stamps: UnsafeMutableBufferPointer<UInt64>

    func set(_ position: Int, _ identity: TextIdentity) {
      hashes[position] = identity.contentHash
      lengths[position] = identity.contentLength
      stamps[position] = identity.stampKey
    }
  }

  mutating func withSlots<Result>(_ body: (Slots) -> Result) -> Result {
    contentHashes.withUnsafeMutableBufferPointer { hashes in
      contentLengths.withUnsafeMutableBufferPointer { lengths in
        stampKeys.withUnsafeMutableBufferPointer { stamps in
          body(Slots(hashes: hashes, lengths: lengths, stamps: stamps))
        }
      }
    }
  }
}
