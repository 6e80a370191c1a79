import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The search index as a file kept beside the snapshot, read back with one copy of each array
/// instead of being rebuilt.
///
/// Layout, little-endian: a header of 48 bytes (the magic `VBSEARCH`, the format version and
/// a zero word as UInt32s, then as UInt64s the fingerprint of the documents indexed, their
/// count, the payload's length in bytes and its checksum), then the payload: the flat arrays of
/// the index one after the other, each as its length in bytes (UInt64) and its bytes, padded
/// with zeros to a multiple of 8. The checksum folds one hash per array, so it is computed as
/// the arrays are written and checked as they are read.
enum SearchIndexFile {
  static let magic = Array("VBSEARCH".utf8)
  /// 2: the pairs of common words (`PairStore`) after the posting lists.
  /// 3: beside each document of a pair, the position of the pair's first occurrence.
  /// 4: after the sorted terms, each document's `TextIdentity`, by which an index written for
  /// another state of the corpus is brought up to date (`IndexUpdate`).
  static let version: UInt32 = 4
  static let headerSize = 48

  struct Header {
    var version: UInt32
    var fingerprint: UInt64
    var documentCount: UInt64
    var payloadLength: UInt64
    var checksum: UInt64
  }

  // MARK: Checksum

  /// A 64-bit hash of bytes, eight at a time in four lanes.
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x9E37_79B1_85EB_CA87
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (
      0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
    )
    var offset = 0
    let count = bytes.count
    while offset + 32 <= count {
      lanes.0 = ((lanes.0 ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime)
      lanes.1 = ((lanes.1 ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* prime)
      lanes.2 = ((lanes.2 ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* prime)
      lanes.3 = ((lanes.3 ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* prime)
      lanes.0 = lanes.0 << 29 | lanes.0 >> 35
      lanes.1 = lanes.1 << 29 | lanes.1 >> 35
      lanes.2 = lanes.2 << 29 | lanes.2 >> 35
      lanes.3 = lanes.3 << 29 | lanes.3 >> 35
      offset += 32
    }
    var result = UInt64(count) &* prime
    for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { result = mix(result ^ lane) }
    while offset < count {
      result = mix(result ^ UInt64(bytes[offset]))
      offset += 1
    }
    return result
  }

  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var value = value
    value ^= value >> 33
    value &*= 0xFF51_AFD7_ED55_8CCD
    value ^= value >> 33
    value &*= 0xC4CE_B9FE_1A85_EC53
    value ^= value >> 33
    return value
  }

  // MARK: Writing

  /// Streams the arrays to a file descriptor, summing their hashes.
  struct Writer {
    let descriptor: Int32
    private(set) var length: UInt64 = 0
    private(set) var checksum: UInt64 = 0
    private(set) var failed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func append<Element: BitwiseCopyable>(_ array: [Element]) {
      array.withUnsafeBytes { append(bytes: $0) }
    }

    mutating func append(strings: [String]) {
      var arena: [UInt8] = []
      var ends: [UInt32] = []
      for string in strings {
        arena.append(contentsOf: string.utf8)
        ends.append(UInt32(arena.count))
      }
      append(arena)
      append(ends)
    }

    mutating func append(bytes: UnsafeRawBufferPointer) {
      var count = UInt64(bytes.count).littleEndian
      withUnsafeBytes(of: &count) { emit($0) }
      emit(bytes)
      let padding = (8 - bytes.count % 8) % 8
      if padding > 0 {
        let zeros: UInt64 = 0
        withUnsafeBytes(of: zeros) { emit(UnsafeRawBufferPointer(rebasing: $0.prefix(padding))) }
      }
      checksum = SearchIndexFile.mix(checksum ^ SearchIndexFile.hash(bytes)) &+ UInt64(bytes.count)
    }

    mutating func emit(_ bytes: UnsafeRawBufferPointer) {
      guard !failed, let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = writeBytes(descriptor, base + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
          failed = true
          return
        }
        offset += written
      }
      length += UInt64(bytes.count)
    }
  }

  static func headerBytes(_ header: Header) -> [UInt8] {
    var bytes = magic
    func put<Value: FixedWidthInteger>(_ value: Value) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    put(header.version)
    put(UInt32(0))
    put(header.fingerprint)
    put(header.documentCount)
    put(header.payloadLength)
    put(header.checksum)
    return bytes
  }

  struct WriteFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// Writes the header and the arrays `body` appends to a temporary file beside `path`, then
  /// renames it over `path`: a reader sees the old file or the new one, never a part.
  static func writeFile(
    to path: String, fingerprint: UInt64, documentCount: Int, _ body: (inout Writer) -> Void
  ) throws {
    let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw WriteFailure(description: "\(temporary): \(String(cString: strerror(errno)))")
    }
    var renamed = false
    defer {
      if !renamed { unlink(temporary) }
    }
    var writer = Writer(descriptor: descriptor)
    let placeholder = [UInt8](repeating: 0, count: headerSize)
    placeholder.withUnsafeBytes { writer.emit($0) }
    body(&writer)
    let header = headerBytes(
      Header(
        version: version, fingerprint: fingerprint, documentCount: UInt64(documentCount),
        payloadLength: writer.length - UInt64(headerSize), checksum: writer.checksum))
    let headerWritten = header.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    let closed = close(descriptor)
    guard !writer.failed, headerWritten == headerSize, closed == 0 else {
      throw WriteFailure(description: "\(temporary): \(String(cString: strerror(errno)))")
    }
    guard rename(temporary, path) == 0 else {
      throw WriteFailure(description: "\(path): \(String(cString: strerror(errno)))")
    }
    renamed = true
  }

  // MARK: Reading

  /// Reads the arrays back in the order they were written, each checked against the payload's
  /// bounds and folded into the checksum.
  struct Reader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    private(set) var checksum: UInt64 = 0
    /// Set once anything read falls outside the payload or is misshapen.
    private(set) var failed = false

    init(payload: UnsafeRawBufferPointer) {
      bytes = payload
      offset = 0
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func array<Element: BitwiseCopyable>(of type: Element.Type = Element.self) -> [Element] {
      guard let section = section(), section.count % MemoryLayout<Element>.stride == 0 else {
        failed = true
        return []
      }
      let count = section.count / MemoryLayout<Element>.stride
      return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0 {
          UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
            from: section.baseAddress!, byteCount: section.count)
        }
        initialized = count
      }
    }

    mutating func strings() -> [String] {
      let arena: [UInt8] = array()
      let ends: [UInt32] = array()
      var strings: [String] = []
      strings.reserveCapacity(ends.count)
      var start = 0
      for end in ends {
        let end = Int(end)
        guard end >= start, end <= arena.count else {
          failed = true
          return []
        }
        strings.append(String(decoding: arena[start..<end], as: UTF8.self))
        start = end
      }
      return strings
    }

    private mutating func section() -> UnsafeRawBufferPointer? {
      guard !failed, bytes.count - offset >= 8 else { return nil }
      let count = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      guard count <= UInt64(bytes.count - offset - 8) else { return nil }
      let padded = (count + 7) / 8 * 8
      guard padded <= UInt64(bytes.count - offset - 8) else { return nil }
      let start = offset + 8
      let section = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(count))])
      guard bytes[(start + Int(count))..<(start + Int(padded))].allSatisfy({ $0 == 0 }) else { return nil }
      checksum = SearchIndexFile.mix(checksum ^ SearchIndexFile.hash(section)) &+ count
      offset = start + Int(padded)
      return section
    }
  }

  /// Maps the file at `path` and hands `body` its header and payload when the header is whole,
  /// of this format and version, and the payload has the length it gives; nil otherwise.
  static func withPayload<Result>(
    at path: String, _ body: (Header, UnsafeRawBufferPointer) -> Result?
  ) -> Result? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size >= headerSize else { return nil }
    let size = Int(status.st_size)
    guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
      return nil
    }
    defer { munmap(mapping, size) }
    let file = UnsafeRawBufferPointer(start: mapping, count: size)
    guard file.prefix(8).elementsEqual(magic) else { return nil }
    func word<Value: FixedWidthInteger>(_ offset: Int, _ type: Value.Type) -> Value {
      Value(littleEndian: file.loadUnaligned(fromByteOffset: offset, as: Value.self))
    }
    let header = Header(
      version: word(8, UInt32.self), fingerprint: word(16, UInt64.self), documentCount: word(24, UInt64.self),
      payloadLength: word(32, UInt64.self), checksum: word(40, UInt64.self))
    guard header.version == version, word(12, UInt32.self) == 0,
      header.payloadLength == UInt64(size - headerSize)
    else { return nil }
    return body(header, UnsafeRawBufferPointer(rebasing: file[headerSize...]))
  }
}

private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
  #else
    Darwin.write(descriptor, bytes, count)
  #endif
}

// MARK: The index's arrays

extension SearchIndex {
  /// Writes the index to `path` through a temporary file renamed over it, stamped with
  /// `fingerprint` (which names the state of the documents it was built from).
  public func write(to path: String, fingerprint: UInt64) throws {
    let parts = self.parts
    let sortedTerms = sortedTerms()
    try SearchIndexFile.writeFile(to: path, fingerprint: fingerprint, documentCount: documentCount) {
      writer in
      parts.store.write(to: &writer)
      parts.pairs.write(to: &writer)
      parts.fields.write(to: &writer)
      writer.append(sortedTerms)
      parts.identities.write(to: &writer)
    }
  }

  /// The index stored at `path` over `documents`, or nil when the file is missing, truncated,
  /// corrupt (its checksum or the shapes of its arrays), of another format version, or stale
  /// (written for another fingerprint or another number of documents): the caller builds anew.
  public static func load(from path: String, fingerprint: UInt64, documents: [Document]) -> SearchIndex? {
    SearchIndexFile.withPayload(at: path) { header, payload in
      guard header.fingerprint == fingerprint, header.documentCount == UInt64(documents.count) else {
        return nil
      }
      return read(header, payload).map {
        SearchIndex(documents: documents, parts: $0.parts, sortedTerms: $0.sortedTerms)
      }
    }
  }

  /// The arrays stored at `path`, whatever documents they were written for; nil when the file is
  /// missing, truncated, corrupt or of another format version.
  static func loadStored(from path: String) -> IndexUpdate.Stored? {
    SearchIndexFile.withPayload(at: path) { header, payload in read(header, payload) }
  }

  private static func read(_ header: SearchIndexFile.Header, _ payload: UnsafeRawBufferPointer)
    -> IndexUpdate.Stored?
  {
    guard header.documentCount <= UInt64(Int32.max) else { return nil }
    let documentCount = Int(header.documentCount)
    var reader = SearchIndexFile.Reader(payload: payload)
    let store = PostingStore(reading: &reader, documentCount: documentCount)
    let pairs = PairStore(reading: &reader, documentCount: documentCount)
    let fields = Fields(reading: &reader, documentCount: documentCount)
    let sortedTerms: [Int32] = reader.array()
    let identities = TextIdentities(reading: &reader, documentCount: documentCount)
    guard !reader.failed, reader.isAtEnd, reader.checksum == header.checksum, let store, let pairs,
      let fields, let identities, isPermutation(sortedTerms, count: store.terms.count),
      pairs.commonTerms.allSatisfy({ Int($0) < store.terms.count })
    else { return nil }
    return IndexUpdate.Stored(
      parts: Parts(store: store, pairs: pairs, fields: fields, identities: identities),
      sortedTerms: sortedTerms)
  }

  /// How `stored` came by its index.
  enum Provenance: Equatable {
    /// Read from the file, current.
    case loaded
    /// The file's index brought up to date, this many documents read and indexed.
    case updated(reindexed: Int)
    /// Built from every text; why.
    case built(String)
  }

  /// The index of `documents` kept in a file beside the snapshot (`snapshotPath` + `.index`):
  /// loaded when it is there and current, brought up to date when it was written for another
  /// state of the corpus (`IndexUpdate`), else built; then written there for the next start.
  /// Without a snapshot (either argument nil) it is only built. A file that cannot be written
  /// leaves the index built and says why through `warn`.
  public static func stored(
    documents: [Document], snapshotPath: String?, fingerprint: UInt64?, warn: (String) -> Void = { _ in }
  ) -> SearchIndex {
    storedWithProvenance(
      documents: documents, snapshotPath: snapshotPath, fingerprint: fingerprint, warn: warn
    )
    .index
  }

  static func storedWithProvenance(
    documents: [Document], snapshotPath: String?, fingerprint: UInt64?, warn: (String) -> Void = { _ in }
  ) -> (index: SearchIndex, provenance: Provenance) {
    guard let snapshotPath, let fingerprint else {
      return (SearchIndex(documents: documents), .built("no snapshot"))
    }
    let path = indexPath(snapshotPath: snapshotPath)
    if let loaded = load(from: path, fingerprint: fingerprint, documents: documents) {
      return (loaded, .loaded)
    }
    let index: SearchIndex
    let provenance: Provenance
    if let stored = loadStored(from: path) {
      switch IndexUpdate.update(stored, documents: documents) {
      case .success(let updated):
        index = SearchIndex(documents: documents, parts: updated.parts, sortedTerms: updated.sortedTerms)
        provenance = .updated(reindexed: updated.reindexed)
      case .failure(let refusal):
        index = SearchIndex(documents: documents)
        provenance = .built("\(refusal)")
      }
    } else {
      index = SearchIndex(documents: documents)
      provenance = .built("no index stored")
    }
    do {
      try index.write(to: path, fingerprint: fingerprint)
    } catch {
      warn("search index not kept for the next start: \(error)")
    }
    return (index, provenance)
  }

  private static func isPermutation(_ ids: [Int32], count: Int) -> Bool {
    guard ids.count == count else { return false }
    var seen = [Bool](repeating: false, count: count)
    for id in ids {
      guard id >= 0, Int(id) < count, !seen[Int(id)] else { return false }
      seen[Int(id)] = true
    }
    return true
  }

  /// Where `stored` keeps the index of the snapshot at `snapshotPath`.
  public static func indexPath(snapshotPath: String) -> String { snapshotPath + ".index" }
}

extension PostingStore {
  func write(to writer: inout SearchIndexFile.Writer) {
    writer.append(terms.arena)
    writer.append(terms.starts)
    writer.append(terms.hashes)
    writer.append(terms.slots)
    writer.append(documentStarts)
    writer.append(documentBytes)
    writer.append(positionStarts)
    writer.append(positionBytes)
    writer.append(frequencies)
    writer.append(variantStarts)
    writer.append(variantHashes)
    writer.append(lengths)
  }

  /// The store as `write` wrote it; nil when its arrays do not fit together. The bytes of the
  /// lists themselves are trusted to the checksum.
  init?(reading reader: inout SearchIndexFile.Reader, documentCount: Int) {
    let arena: [UInt8] = reader.array()
    let starts: [UInt32] = reader.array()
    let hashes: [UInt64] = reader.array()
    let slots: [Int32] = reader.array()
    guard let terms = TermTable(arena: arena, starts: starts, hashes: hashes, slots: slots) else {
      return nil
    }
    let documentStarts: [Int] = reader.array()
    let documentBytes: [UInt8] = reader.array()
    let positionStarts: [Int] = reader.array()
    let positionBytes: [UInt8] = reader.array()
    let frequencies: [UInt32] = reader.array()
    let variantStarts: [UInt32] = reader.array()
    let variantHashes: [UInt64] = reader.array()
    let lengths: [UInt32] = reader.array()
    func isOffsets<Offset: BinaryInteger>(_ offsets: [Offset], into count: Int, maximumStep: Offset? = nil)
      -> Bool
    {
      guard offsets.count == terms.count + 1, offsets.first == 0, offsets.last == Offset(count) else {
        return false
      }
      return zip(offsets, offsets.dropFirst()).allSatisfy { start, end in
        start <= end && (maximumStep.map { end - start <= $0 } ?? true)
      }
    }
    guard isOffsets(documentStarts, into: documentBytes.count),
      isOffsets(positionStarts, into: positionBytes.count),
      isOffsets(variantStarts, into: variantHashes.count, maximumStep: UInt32(IndexBuilder.variantLimit)),
      frequencies.count == terms.count, lengths.count == documentCount,
      frequencies.allSatisfy({ Int($0) <= documentCount })
    else { return nil }
    self.init(
      terms: terms, documentStarts: documentStarts, documentBytes: documentBytes,
      positionStarts: positionStarts,
      positionBytes: positionBytes, frequencies: frequencies, variantStarts: variantStarts,
      variantHashes: variantHashes, lengths: lengths)
  }
}

extension PairStore {
  func write(to writer: inout SearchIndexFile.Writer) {
    writer.append(commonTerms)
    writer.append(starts)
    writer.append(bytes)
    writer.append(frequencies)
  }

  /// The pairs as `write` wrote them; nil when their arrays do not fit together (common words
  /// repeated or too many, offsets out of order or past the bytes). The term ids are checked
  /// against the terms by the caller; the bytes are trusted to the checksum.
  init?(reading reader: inout SearchIndexFile.Reader, documentCount: Int) {
    self.init()
    commonTerms = reader.array()
    starts = reader.array()
    bytes = reader.array()
    frequencies = reader.array()
    let keyCount = commonTerms.count * commonTerms.count
    guard commonTerms.count <= IndexBuilder.commonWordLimit, Set(commonTerms).count == commonTerms.count,
      commonTerms.allSatisfy({ $0 >= 0 }), starts.count == keyCount + 1, starts.first == 0,
      starts.last == bytes.count, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
      frequencies.count == keyCount, frequencies.allSatisfy({ Int($0) <= documentCount })
    else { return nil }
  }
}

extension SearchIndex.Fields {
  func write(to writer: inout SearchIndexFile.Writer) {
    writer.append(strings: provinceNames)
    writer.append(strings: provinceSpellings)
    writer.append(provinceOfDocument)
    writer.append(province2025OfDocument)
    writer.append(levelOfDocument.map { UInt8(Level.allCases.firstIndex(of: $0)!) })
    writer.append(strings: typeNames)
    writer.append(typeOfDocument)
    writer.append(yearOfDocument)
    writer.append(relationsOfDocument)
    let cited = documentsCiting.keys.sorted()
    writer.append(strings: cited)
    var ends: [UInt32] = []
    var citing: [UInt32] = []
    var relations: [UInt16] = []
    for key in cited {
      citing += documentsCiting[key] ?? []
      relations += relationsCiting[key] ?? []
      ends.append(UInt32(citing.count))
    }
    writer.append(ends)
    writer.append(citing)
    writer.append(relations)
  }

  /// The fields as `write` wrote them; nil when their arrays do not fit the documents.
  init?(reading reader: inout SearchIndexFile.Reader, documentCount: Int) {
    self.init()
    provinceNames = reader.strings()
    provinceSpellings = reader.strings()
    provinceOfDocument = reader.array()
    province2025OfDocument = reader.array()
    let levels: [UInt8] = reader.array()
    typeNames = reader.strings()
    typeOfDocument = reader.array()
    yearOfDocument = reader.array()
    relationsOfDocument = reader.array()
    let cited = reader.strings()
    let ends: [UInt32] = reader.array()
    let citing: [UInt32] = reader.array()
    let relations: [UInt16] = reader.array()
    let provinceIDs = -1..<Int32(provinceNames.count)
    let typeIDs = -1..<Int32(typeNames.count)
    guard provinceSpellings.count == provinceNames.count,
      [
        provinceOfDocument.count, province2025OfDocument.count, levels.count, typeOfDocument.count,
        yearOfDocument.count, relationsOfDocument.count,
      ].allSatisfy({ $0 == documentCount }),
      provinceOfDocument.allSatisfy(provinceIDs.contains),
      province2025OfDocument.allSatisfy(provinceIDs.contains),
      typeOfDocument.allSatisfy(typeIDs.contains), levels.allSatisfy({ Int($0) < Level.allCases.count }),
      ends.count == cited.count, relations.count == citing.count,
      ends.last.map({ Int($0) }) ?? 0 == citing.count,
      zip([0] + ends, ends).allSatisfy({ $0 <= $1 }), citing.allSatisfy({ Int($0) < documentCount })
    else { return nil }
    levelOfDocument = levels.map { Level.allCases[Int($0)] }
    var start = 0
    for (key, end) in zip(cited, ends) {
      documentsCiting[key] = Array(citing[start..<Int(end)])
      relationsCiting[key] = Array(relations[start..<Int(end)])
      start = Int(end)
    }
  }
}

extension TextIdentities {
  func write(to writer: inout SearchIndexFile.Writer) {
    writer.append(contentHashes)
    writer.append(contentLengths)
    writer.append(stampKeys)
  }

  /// The identities as `write` wrote them; nil unless there is one per document.
  init?(reading reader: inout SearchIndexFile.Reader, documentCount: Int) {
    self.init(contentHashes: reader.array(), contentLengths: reader.array(), stampKeys: reader.array())
    guard contentHashes.count == documentCount, contentLengths.count == documentCount,
      stampKeys.count == documentCount
    else { return nil }
  }
}
