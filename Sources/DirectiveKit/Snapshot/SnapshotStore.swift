import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the file system says of a file's content: where it lives, its size and when it last
/// changed. A file whose stamp is unchanged is not read again.
public struct FileStamp: Hashable, Sendable {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int64
  /// Modification time, nanoseconds since 1970.
  public var modified: Int64
  /// Status-change time, nanoseconds since 1970: moves on a rewrite that restores the mtime.
  public var changed: Int64

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    #if canImport(Darwin)
      modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
      changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
    #else
      modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    #endif
  }

  init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
    self.device = device
    self.inode = inode
    self.size = size
    self.modified = modified
    self.changed = changed
  }

  /// The same bytes under another name: a rename keeps all of these (and moves `changed`).
  var content: ContentIdentity {
    ContentIdentity(device: device, inode: inode, size: size, modified: modified)
  }
}

struct ContentIdentity: Hashable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modified: Int64
}

/// Where snapshots of parsed corpora are kept (`$XDG_CACHE_HOME/vanban`, else `~/.cache/vanban`),
/// one file per corpus: the same paths, as given, from the same folder, with the same glob.
public struct SnapshotStore: Sendable {
  public let directory: String

  public init(directory: String) { self.directory = directory }

  /// The store of this user, or nil when neither `XDG_CACHE_HOME` (absolute) nor `HOME` is set.
  public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> SnapshotStore?
  {
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      return SnapshotStore(directory: cache + "/vanban")
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return SnapshotStore(directory: home + "/.cache/vanban")
  }

  /// The change of the layout below that makes every older snapshot foreign.
  static let formatVersion: UInt32 = 7
  static let magic = Array("VANBANSN".utf8)
  static let headerSize = 32
  static let fileExtension = ".snapshot"
  static let checksumMismatch = "is corrupt (checksum mismatch)"

  /// What makes two loads the same corpus: the paths as given (documents keep them), the folder
  /// relative paths start from, and the glob.
  public static func identity(paths: [String], glob: String, workingDirectory: String) -> String {
    let relative = paths.contains { !$0.hasPrefix("/") }
    return (["glob " + glob, "from " + (relative ? workingDirectory : "/")] + paths.map { "path " + $0 })
      .joined(separator: "\n")
  }

  public func path(identity: String) -> String {
    let digest = Self.nameDigest(identity)
    let hex = String(digest, radix: 16)
    return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + Self.fileExtension
  }

  /// A corpus's file name keeps the digest of format 1, so an upgrade overwrites its snapshot.
  private static func nameDigest(_ identity: String) -> UInt64 {
    let bytes = Array(identity.utf8)
    func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
      var next = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
      next ^= next >> 29
      return next
    }
    var state: UInt64 = 0x6A09_E667_F3BC_C908 ^ UInt64(bytes.count)
    let words = bytes.count / 8
    for index in 0..<words {
      var word: UInt64 = 0
      for offset in 0..<8 { word |= UInt64(bytes[index * 8 + offset]) << (UInt64(offset) * 8) }
      state = mix(state, word)
    }
    var tail: UInt64 = 0
    for offset in (words * 8)..<bytes.count {
      tail |= UInt64(bytes[offset]) << (UInt64(offset - words * 8) * 8)
    }
    return mix(mix(state, tail), UInt64(bytes.count))
  }

  /// The build of vanban that writes: a snapshot of another build is not trusted, since its
  /// parser may read documents differently.
  public static let currentProducer: String = {
    var info = stat()
    guard let executable = Bundle.main.executablePath, stat(executable, &info) == 0 else {
      return "format \(formatVersion)"
    }
    let stamp = FileStamp(info)
    return "format \(formatVersion), build \(stamp.size) bytes \(stamp.modified) ns"
  }()

  /// Removes every snapshot of the store with the search index kept beside it (and temporary
  /// files left by an interrupted write), or those named. Returns how many files went.
  public func clear(only paths: [String]? = nil) throws -> Int {
    var removed = 0
    let names: [String]
    if let paths {
      names = paths.map { ($0 as NSString).lastPathComponent }.flatMap { [$0, $0 + ".index"] }
    } else {
      guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
      names = entries.filter { $0.contains(Self.fileExtension) || $0.hasSuffix(".tmp") }
    }
    for name in names {
      if unlink(directory + "/" + name) == 0 {
        removed += 1
      } else if errno != ENOENT {
        throw CorpusError(
          message: "\(directory)/\(name): cannot be removed: \(String(cString: strerror(errno)))")
      }
    }
    return removed
  }

  // MARK: - Reading

  // The layout: the header (`magic`, the format version, the payload's length and its checksum),
  // then the payload: the corpus's identity, the producer, the lengths of the files' documents
  // and of the texts, each file (path, stamp, where its parsed document's fields lie among the
  // files' documents, whether its text is the file's own bytes and, when it is not, where it lies
  // among the texts), optionally the linked corpus (each
  // document's file and its fields), optionally its link facts (`LinkFacts`, for a load that relinks
  // only what a change touches), then the files' documents and last the texts. A warm start reads
  // the table of files and the linked corpus, and touches neither of the last two.

  enum Opened {
    case missing
    case valid(Snapshot)
    case untrusted(String)
  }

  /// Without `verifyingChecksum` the payload is taken as it is (for a first frame, which
  /// `ProvisionalCorpus.confirmed` verifies after): its structure is checked all the same.
  func openSnapshot(at path: String, identity: String, verifyingChecksum: Bool = true) -> Opened {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    // None there, or none that can be opened: a folder that cannot be read is reported when the
    // new snapshot cannot be written either.
    guard descriptor >= 0 else { return .missing }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .untrusted("cannot be read") }
    let size = Int(info.st_size)
    guard size >= Self.headerSize else { return .untrusted("is truncated (\(size) bytes)") }
    guard let mapping = MappedFile(descriptor: descriptor, size: size) else {
      return .untrusted("cannot be mapped (\(String(cString: strerror(errno))))")
    }
    let bytes = mapping.bytes
    guard Array(bytes[0..<8]) == Self.magic else { return .untrusted("is not a vanban snapshot") }
    var header = ByteReader(bytes, from: 8, to: Self.headerSize)
    do {
      let version = try header.fixed64()
      guard UInt32(truncatingIfNeeded: version) == Self.formatVersion, version >> 32 == 0 else {
        return .untrusted("has format version \(version), this vanban reads version \(Self.formatVersion)")
      }
      let length = try header.fixed64()
      let checksum = try header.fixed64()
      guard length == UInt64(size - Self.headerSize) else {
        return .untrusted(
          length > UInt64(size - Self.headerSize)
            ? "is truncated (\(size) of \(length &+ UInt64(Self.headerSize)) bytes)"
            : "has \(UInt64(size - Self.headerSize) - length) bytes more than its header says")
      }
      if verifyingChecksum {
        let digest = SnapshotChecksum.digest(mapping, offset: Self.headerSize, length: size - Self.headerSize)
        guard digest == checksum else { return .untrusted(Self.checksumMismatch) }
      }
      var reader = ByteReader(bytes, from: Self.headerSize)
      guard try reader.string() == identity else { return .untrusted("belongs to another corpus") }
      // Another build of vanban may read documents differently: its snapshot is replaced, as an
      // expected consequence of an upgrade rather than a fault worth a warning.
      guard try reader.string() == Self.currentProducer else { return .missing }
      let recordLength = try reader.count()
      let textLength = try reader.count()
      guard recordLength <= size - textLength else {
        throw SnapshotDamage(reason: "a length is out of range")
      }
      let textStart = size - textLength
      let recordStart = textStart - recordLength
      let count = try reader.count()
      var entries: [Snapshot.Entry] = []
      entries.reserveCapacity(count)
      for _ in 0..<count {
        let path = try reader.string()
        let stamp = FileStamp(
          device: try reader.fixed64(), inode: try reader.fixed64(),
          size: Int64(bitPattern: try reader.fixed64()),
          modified: Int64(bitPattern: try reader.fixed64()), changed: Int64(bitPattern: try reader.fixed64()))
        let document = try Self.range(&reader, within: recordLength, "a document")
        let text = try reader.bool() ? nil : try Self.range(&reader, within: textLength, "a text")
        guard text != nil || stamp.size >= 0 else {
          throw SnapshotDamage(reason: "a file's size is negative")
        }
        entries.append(
          Snapshot.Entry(
            path: path, stamp: stamp, document: document.offset(by: recordStart),
            text: text?.offset(by: textStart)))
      }
      var linkedCount = 0
      let linked = try reader.optional { reader in
        try reader.array { reader in
          let entry = try reader.integer()
          guard (0..<entries.count).contains(entry), entries[entry].linkedPosition == nil else {
            throw SnapshotDamage(reason: "a linked document names no file, or the file of another")
          }
          entries[entry].linkedPosition = linkedCount
          linkedCount += 1
          let length = try reader.count()
          defer { reader.position += length }
          return Snapshot.Linked(entry: entry, document: reader.position..<reader.position + length)
        }
      }
      let linkFacts = try reader.optional { reader in
        let length = try reader.count()
        defer { reader.position += length }
        return reader.position..<reader.position + length
      }
      guard reader.position == recordStart else { return .untrusted("has bytes after its last document") }
      return .valid(
        Snapshot(mapping: mapping, entries: entries, linked: linked, checksum: checksum, linkFacts: linkFacts)
      )
    } catch let damage as SnapshotDamage {
      return .untrusted("is malformed: \(damage.reason)")
    } catch {
      return .untrusted("is malformed")
    }
  }

  /// An offset and a length, of a range that must lie within `length` bytes.
  private static func range(_ reader: inout ByteReader, within length: Int, _ what: String) throws -> Range<
    Int
  > {
    let offset = try reader.integer()
    let count = try reader.integer()
    guard offset >= 0, count >= 0, offset <= length, count <= length - offset else {
      throw SnapshotDamage(reason: "\(what) lies outside its section")
    }
    return offset..<offset + count
  }

  // MARK: - Writing

  /// One file's document as it will be stored: an entry of an earlier snapshot, its bytes copied,
  /// when unchanged.
  enum StoredDocument {
    case encoded(Snapshot, entry: Int)
    /// Boxed: taking a document out of an enum copies it, some twenty references retained, and
    /// the write reads each one several times.
    case fresh(ParsedDocument)

    static func parsed(_ document: Document) -> StoredDocument { .fresh(ParsedDocument(document)) }
  }

  final class ParsedDocument {
    let document: Document
    init(_ document: Document) { self.document = document }
  }

  struct WriteFailure: Error {
    var reason: String
  }

  /// Writes a temporary file beside the snapshot and renames it over, so a reader (another
  /// vanban at the same moment) sees the old snapshot or the new one, never half of one.
  /// `linked` are the corpus's documents once linked and flagged, in list order, each with the
  /// entry of its file. Returns the snapshot's checksum, or why it cannot be written.
  ///
  /// The payload streams to the file as it is made, its checksum taken on the way: only the files'
  /// documents are held whole (the table of files before them needs their lengths); the linked
  /// documents are encoded a batch at a time, and the texts go from each document to the file.
  func store(
    at path: String, identity: String, entries: [(path: String, stamp: FileStamp, document: StoredDocument)],
    linked: [(entry: Int, document: Document)]?, linkFacts: [LinkFacts]? = nil
  ) -> Result<UInt64, WriteFailure> {
    store(
      at: path, identity: identity, entries: entries,
      linked: linked.map { (documents: $0.map(\.document), entries: $0.map(\.entry)) }, linkFacts: linkFacts)
  }

  /// `linked`: the documents, and the entry of each one's file. Every loop goes by position: a
  /// document taken out of its array by value is a copy, some twenty references retained.
  func store(
    at path: String, identity: String, entries: [(path: String, stamp: FileStamp, document: StoredDocument)],
    linked: (documents: [Document], entries: [Int])?, linkFacts: [LinkFacts]? = nil
  ) -> Result<UInt64, WriteFailure> {
    guard let records = Self.encodeRecords(entries: entries, linked: linked) else {
      return .failure(WriteFailure(reason: "cannot write \(path): a stored document cannot be read"))
    }
    // A text its file holds byte for byte is not stored (nil here): it is read from the file.
    var textCounts: [Int?] = []
    textCounts.reserveCapacity(entries.count)
    for index in entries.indices {
      textCounts.append(entries[index].document.storedTextCount(stamp: entries[index].stamp))
    }
    let textLength = textCounts.reduce(0) { $0 + ($1 ?? 0) }

    var head = ByteWriter()
    head.string(identity)
    head.string(Self.currentProducer)
    head.integer(records.parsed.length)
    head.integer(textLength)
    head.integer(entries.count)
    var textOffset = 0
    for index in entries.indices {
      head.string(entries[index].path)
      let stamp = entries[index].stamp
      for word in [
        stamp.device, stamp.inode, UInt64(bitPattern: stamp.size), UInt64(bitPattern: stamp.modified),
        UInt64(bitPattern: stamp.changed),
      ] {
        head.fixed64(word)
      }
      head.integer(records.parsedOfEntry[index].lowerBound)
      head.integer(records.parsedOfEntry[index].count)
      head.bool(textCounts[index] == nil)
      if let textCount = textCounts[index] {
        head.integer(textOffset)
        head.integer(textCount)
        textOffset += textCount
      }
    }
    head.bool(linked != nil)
    if let linked { head.integer(linked.documents.count) }

    if let problem = makeDirectory() { return .failure(WriteFailure(reason: problem)) }
    let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      return .failure(
        WriteFailure(reason: "cannot write in \(directory): \(String(cString: strerror(errno)))"))
    }
    var file = ChecksummedFile(descriptor: descriptor, skipping: Self.headerSize)
    file.append(head.bytes)
    head = ByteWriter()
    if let linkedRecords = records.linked {
      for chunk in linkedRecords.chunks { file.append(chunk) }
    }
    var tail = ByteWriter()
    tail.optional(linkFacts) { writer, facts in
      var encoded = ByteWriter()
      LinkFacts.write(facts, to: &encoded)
      writer.integer(encoded.bytes.count)
      writer.bytes.append(contentsOf: encoded.bytes)
    }
    file.append(tail.bytes)
    tail = ByteWriter()
    for chunk in records.parsed.chunks { file.append(chunk) }
    var textsMatch = true
    // Texts copied from an earlier snapshot leave its pages resident: dropped every few mebibytes
    // of consecutive texts, they stay in the page cache without counting against this process.
    var copied: (snapshot: Snapshot, range: Range<Int>)?
    func releaseCopied() {
      if let copied { copied.snapshot.release(copied.range) }
      copied = nil
    }
    for index in entries.indices {
      guard let textCount = textCounts[index] else { continue }
      let before = file.length
      switch entries[index].document {
      case .encoded(let snapshot, let position):
        guard let text = snapshot.entries[position].text else { continue }
        file.append(UnsafeRawBufferPointer(rebasing: snapshot.mapping.bytes[text]))
        if let run = copied, run.snapshot === snapshot, run.range.upperBound == text.lowerBound {
          copied = (snapshot, run.range.lowerBound..<text.upperBound)
        } else {
          releaseCopied()
          copied = (snapshot, text)
        }
        if let run = copied, run.range.count >= 8 << 20 { releaseCopied() }
      case .fresh(let parsed):
        parsed.document.textStorage.withUTF8 { file.append($0) }
      }
      if file.length - before != textCount { textsMatch = false }
    }
    releaseCopied()
    let finished = file.finish()
    var header = ByteWriter()
    header.bytes.append(contentsOf: Self.magic)
    header.fixed64(UInt64(Self.formatVersion))
    header.fixed64(UInt64(file.length))
    header.fixed64(finished.checksum)
    let written =
      finished.written
      && header.bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, $0.count, 0) }
        == header.bytes.count
    let failure = file.failure ?? String(cString: strerror(errno))
    let closed = close(descriptor) == 0
    guard textsMatch else {
      unlink(temporary)
      return .failure(WriteFailure(reason: "cannot write \(path): a text changed while it was written"))
    }
    guard written, closed, rename(temporary, path) == 0 else {
      let reason = written && closed ? String(cString: strerror(errno)) : failure
      unlink(temporary)
      return .failure(WriteFailure(reason: "cannot write \(path): \(reason)"))
    }
    return .success(finished.checksum)
  }

  private func makeDirectory() -> String? {
    var prefix = ""
    for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + component
      if mkdir(prefix, 0o700) != 0, errno != EEXIST {
        return "cannot create \(prefix): \(String(cString: strerror(errno)))"
      }
    }
    var info = stat()
    guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      return "cannot create \(directory): not a folder"
    }
    return nil
  }
}

extension SnapshotStore {
  /// The records of a snapshot: the linked documents (each with its file's entry and length), and
  /// the files' parsed documents with where each entry's lies among them.
  struct EncodedRecords {
    var linked: EncodedBatch?
    var parsed: EncodedBatch
    var parsedOfEntry: [Range<Int>]
  }

  /// Each linked document is encoded once, with its file's parsed document beside it as what
  /// linking changed in it (`ParsedDelta`), on all cores; a file with no linked document (none
  /// stored) has its parsed document whole. Nil when a parsed document of the earlier snapshot
  /// that must be encoded again cannot be read.
  static func encodeRecords(
    entries: [(path: String, stamp: FileStamp, document: StoredDocument)],
    linked: (documents: [Document], entries: [Int])?
  ) -> EncodedRecords? {
    let unreadable = FailureFlag()
    var parsedOfEntry = [Range<Int>?](repeating: nil, count: entries.count)
    var linkedRecords: EncodedBatch?
    var parsed = EncodedBatch(chunks: [], lengths: [], length: 0)
    if let linked {
      let pair = entries.withUnsafeBufferPointer { entries in
        linked.documents.withUnsafeBufferPointer { documents in
          EncodedBatch.encodePairs(count: documents.count) { position, linkedWriter, parsedWriter, scratch in
            scratch.bytes.removeAll(keepingCapacity: true)
            DocumentCoding.write(documents[position], to: &scratch)
            let entry = linked.entries[position]
            linkedWriter.integer(entry)
            linkedWriter.integer(scratch.bytes.count)
            linkedWriter.bytes.append(contentsOf: scratch.bytes)
            let encoded = entries[entry].document.encodeParsed(
              linked: documents[position], linkedRecord: scratch.bytes, to: &parsedWriter)
            if !encoded { unreadable.set() }
          }
        }
      }
      linkedRecords = pair.first
      parsed = pair.second
      var offset = 0
      for (position, length) in parsed.lengths.enumerated() {
        parsedOfEntry[linked.entries[position]] = offset..<offset + length
        offset += length
      }
    }
    // Files without a linked document: all of them when none is stored, else none as a rule.
    var whole = ByteWriter()
    for index in entries.indices where parsedOfEntry[index] == nil {
      let start = whole.bytes.count
      if !entries[index].document.encodeParsed(linked: nil, linkedRecord: [], to: &whole) { unreadable.set() }
      parsedOfEntry[index] = parsed.length + start..<parsed.length + whole.bytes.count
    }
    if !whole.bytes.isEmpty {
      parsed.chunks.append(whole.bytes)
      parsed.length += whole.bytes.count
    }
    guard !unreadable.isSet else { return nil }
    return EncodedRecords(linked: linkedRecords, parsed: parsed, parsedOfEntry: parsedOfEntry.map { $0! })
  }

  /// Set from any thread, once something failed.
  final class FailureFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var failed = false
    func set() { lock.withLock { failed = true } }
    var isSet: Bool { lock.withLock { failed } }
  }
}

/// The first byte of a file's parsed document in the snapshot: how it is stored.
enum ParsedRecord {
  /// Every field, as `DocumentCoding` writes a document.
  static let whole: UInt8 = 0
  /// What linking changed in the linked document of the same file (`ParsedDelta`).
  static let changes: UInt8 = 1
}

extension SnapshotStore.StoredDocument {
  /// Its parsed document's record: against `linked`, the linked document of the same file whose
  /// record is `linkedRecord`, as the changes linking made (whole without one). An earlier
  /// snapshot's record is copied as bytes when it is whole, or when it holds changes against a
  /// linked record of the same bytes; else it is read and encoded again. False when it cannot be
  /// read.
  func encodeParsed(linked: Document?, linkedRecord: [UInt8], to writer: inout ByteWriter) -> Bool {
    switch self {
    case .encoded(let snapshot, let position):
      let record = snapshot.entries[position].document
      let bytes = snapshot.mapping.bytes
      let isWhole = !record.isEmpty && bytes[record.lowerBound] == ParsedRecord.whole
      if isWhole
        || (linked != nil
          && snapshot.linkedRecord(ofEntry: position).map { old in
            old.count == linkedRecord.count
              && linkedRecord.withUnsafeBytes {
                memcmp($0.baseAddress!, bytes.baseAddress! + old.lowerBound, old.count) == 0
              }
          } == true)
      {
        writer.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[record]))
        return true
      }
      guard let document = try? snapshot.document(entry: position) else { return false }
      Self.encode(parsed: document, linked: linked, to: &writer)
    case .fresh(let parsed):
      Self.encode(parsed: parsed.document, linked: linked, to: &writer)
    }
    return true
  }

  private static func encode(parsed: Document, linked: Document?, to writer: inout ByteWriter) {
    if let linked {
      writer.bytes.append(ParsedRecord.changes)
      ParsedDelta.write(parsed: parsed, linked: linked, to: &writer)
    } else {
      writer.bytes.append(ParsedRecord.whole)
      DocumentCoding.write(parsed, to: &writer)
    }
  }

  /// How many bytes its text takes in the snapshot; nil when the file of `stamp` holds it byte for
  /// byte, and it is not stored.
  func storedTextCount(stamp: FileStamp) -> Int? {
    switch self {
    case .encoded(let snapshot, let position): return snapshot.entries[position].text?.count
    case .fresh(let parsed):
      return parsed.document.textStorage.isVerbatim(of: stamp) ? nil : parsed.document.textStorage.utf8Count
    }
  }
}

/// A snapshot read from disk: the mapped file and, per stored file, its stamp and where its
/// document's fields and text lie. Documents are decoded only when used, texts only when read.
final class Snapshot: @unchecked Sendable {
  struct Entry {
    var path: String
    var stamp: FileStamp
    var document: Range<Int>
    /// Nil when the text is the file's own bytes (`SourceText`).
    var text: Range<Int>?
    /// Where the linked document of this file lies in `linked`, when stored.
    var linkedPosition: Int? = nil
  }

  /// A document of the linked corpus: its file's entry (which holds its text), and where its
  /// fields lie.
  struct Linked {
    var entry: Int
    var document: Range<Int>
  }

  let mapping: MappedFile
  let entries: [Entry]
  /// The corpus as last linked, in list order; nil when it was not stored.
  let linked: [Linked]?
  /// The checksum of the payload, which the header holds and the bytes matched.
  let checksum: UInt64
  /// Where the link facts of the linked corpus lie (`LinkFacts`, in list order); nil when not stored.
  let linkFacts: Range<Int>?

  init(
    mapping: MappedFile, entries: [Entry], linked: [Linked]?, checksum: UInt64, linkFacts: Range<Int>? = nil
  ) {
    self.mapping = mapping
    self.entries = entries
    self.linked = linked
    self.checksum = checksum
    self.linkFacts = linkFacts
  }

  /// A document of the linked corpus with its details left in the mapping until read.
  func linkedDocument(_ linked: Linked) throws -> Document {
    var reader = ByteReader(mapping.bytes, from: linked.document.lowerBound, to: linked.document.upperBound)
    var document = try DocumentCoding.readListed(from: &reader, mapping: mapping)
    guard reader.isAtEnd else { throw SnapshotDamage(reason: "a document is longer than stored") }
    document.textStorage = text(of: entries[linked.entry])
    return document
  }

  /// The parsed document of a stored file, as the file at `path` with `stamp` (the entry's own,
  /// or those of the same content under another name).
  func document(entry index: Int, asFile path: String? = nil, stamp: FileStamp? = nil) throws -> Document {
    let entry = entries[index]
    var reader = ByteReader(mapping.bytes, from: entry.document.lowerBound, to: entry.document.upperBound)
    var document: Document
    switch try reader.byte() {
    case ParsedRecord.whole:
      document = try DocumentCoding.read(from: &reader)
    case ParsedRecord.changes:
      guard let record = linkedRecord(ofEntry: index) else {
        throw SnapshotDamage(reason: "a parsed document's linked document is missing")
      }
      var linkedReader = ByteReader(mapping.bytes, from: record.lowerBound, to: record.upperBound)
      let linkedDocument = try DocumentCoding.read(from: &linkedReader)
      guard linkedReader.isAtEnd else { throw SnapshotDamage(reason: "a document is longer than stored") }
      document = try ParsedDelta.apply(from: &reader, to: linkedDocument)
    default:
      throw SnapshotDamage(reason: "a parsed document is of an unknown kind")
    }
    guard reader.isAtEnd else { throw SnapshotDamage(reason: "a document is longer than stored") }
    var located = entry
    if let path { located.path = path }
    if let stamp { located.stamp = stamp }
    document.textStorage = text(of: located)
    return document
  }

  /// Where the record of the linked document of entry `index` lies, when stored.
  func linkedRecord(ofEntry index: Int) -> Range<Int>? {
    guard let position = entries[index].linkedPosition, let linked else { return nil }
    return linked[position].document
  }

  /// A stored file's text: in the mapping, or the file's own bytes.
  private func text(of entry: Entry) -> DocumentText {
    guard let text = entry.text else { return .file(SourceText(path: entry.path, stamp: entry.stamp)) }
    return .mapped(mapping, offset: text.lowerBound, length: text.count)
  }

  /// Once decoded, fields need not stay resident: their pages are the file's, read again from it
  /// if ever touched.
  func release(_ range: Range<Int>) {
    mapping.release(range)
  }

  /// Where the fields of some linked documents lie, from the first one's to the last one's.
  func fields(of linked: ArraySlice<Linked>) -> Range<Int> {
    guard let first = linked.first, let last = linked.last else { return 0..<0 }
    return first.document.lowerBound..<last.document.upperBound
  }
}

/// A file mapped read-only into memory, unmapped when released.
final class MappedFile: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer

  init?(descriptor: Int32, size: Int) {
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
      return nil
    }
    bytes = UnsafeRawBufferPointer(start: address, count: size)
  }

  /// Drops the pages of `range` from this process's memory; they stay in the page cache.
  func release(_ range: Range<Int>) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (range.lowerBound + page - 1) / page * page
    let end = range.upperBound / page * page
    guard end > start, let base = bytes.baseAddress else { return }
    madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, Int32(MADV_DONTNEED))
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}

extension Range where Bound == Int {
  fileprivate func offset(by distance: Int) -> Range<Int> { lowerBound + distance..<upperBound + distance }
}

/// Documents encoded on all cores, a chunk of them per buffer, the buffers kept in order and
/// never joined: a corpus's encodings are not copied into one more buffer.
struct EncodedBatch {
  var chunks: [[UInt8]]
  /// Each document's encoded length, in order.
  var lengths: [Int]
  var length: Int

  static func encode(count: Int, _ encode: (Int, inout ByteWriter) -> Void) -> EncodedBatch {
    let chunkSize = 256
    let chunkCount = (count + chunkSize - 1) / chunkSize
    let results = ResultSlots<(bytes: [UInt8], lengths: [Int])>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      var writer = ByteWriter()
      var lengths: [Int] = []
      lengths.reserveCapacity(chunkSize)
      for index in (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize) {
        let before = writer.bytes.count
        encode(index, &writer)
        lengths.append(writer.bytes.count - before)
      }
      results.set(chunk, (writer.bytes, lengths))
    }
    var batch = EncodedBatch(chunks: [], lengths: [], length: 0)
    batch.chunks.reserveCapacity(chunkCount)
    batch.lengths.reserveCapacity(count)
    for result in results.values {
      guard let result else { continue }
      batch.chunks.append(result.bytes)
      batch.lengths.append(contentsOf: result.lengths)
      batch.length += result.bytes.count
    }
    return batch
  }
}

extension EncodedBatch {
  /// Two encodings of each index at once, on all cores, each in its own batch; `encode` also gets
  /// a scratch writer of its chunk's, emptied by nobody but itself.
  static func encodePairs(
    count: Int, _ encode: (Int, inout ByteWriter, inout ByteWriter, inout ByteWriter) -> Void
  ) -> (first: EncodedBatch, second: EncodedBatch) {
    let chunkSize = 256
    let chunkCount = (count + chunkSize - 1) / chunkSize
    typealias Chunk = (first: [UInt8], firstLengths: [Int], second: [UInt8], secondLengths: [Int])
    let results = ResultSlots<Chunk>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      var first = ByteWriter()
      var second = ByteWriter()
      var scratch = ByteWriter()
      var firstLengths: [Int] = []
      var secondLengths: [Int] = []
      firstLengths.reserveCapacity(chunkSize)
      secondLengths.reserveCapacity(chunkSize)
      for index in (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize) {
        let (firstBefore, secondBefore) = (first.bytes.count, second.bytes.count)
        encode(index, &first, &second, &scratch)
        firstLengths.append(first.bytes.count - firstBefore)
        secondLengths.append(second.bytes.count - secondBefore)
      }
      results.set(chunk, (first.bytes, firstLengths, second.bytes, secondLengths))
    }
    var first = EncodedBatch(chunks: [], lengths: [], length: 0)
    var second = EncodedBatch(chunks: [], lengths: [], length: 0)
    first.chunks.reserveCapacity(chunkCount)
    second.chunks.reserveCapacity(chunkCount)
    first.lengths.reserveCapacity(count)
    second.lengths.reserveCapacity(count)
    for result in results.values {
      guard let result else { continue }
      first.chunks.append(result.first)
      first.lengths.append(contentsOf: result.firstLengths)
      first.length += result.first.count
      second.chunks.append(result.second)
      second.lengths.append(contentsOf: result.secondLengths)
      second.length += result.second.count
    }
    return (first, second)
  }
}

/// A file written front to back through buffers, with the checksum of what it is given (the
/// snapshot's payload, `SnapshotChecksum`) taken on the way: each full buffer's chunks are
/// digested on all cores, then written by a thread of its own while the next buffer fills.
struct ChecksummedFile {
  private let descriptor: Int32
  private var pending: [UInt8] = []
  private var digests: [UInt64] = []
  /// How many bytes it was given.
  private(set) var length = 0
  private let writes = DispatchQueue(label: "vanban.snapshot.write")
  /// Buffers handed to the writing thread and not yet written: a few, so memory stays bounded.
  private let inFlight = DispatchSemaphore(value: 3)
  private let outcome = WriteOutcome()
  private static let batchSize = SnapshotChecksum.chunkSize * 8

  /// Starts writing at `offset`, the bytes before it left for a header written last.
  init(descriptor: Int32, skipping offset: Int) {
    self.descriptor = descriptor
    pending.reserveCapacity(Self.batchSize)
    if lseek(descriptor, off_t(offset), SEEK_SET) != off_t(offset) { outcome.fail() }
  }

  /// Why a write failed, in the system's words.
  var failure: String? { outcome.failure }

  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    var rest = bytes
    length += bytes.count
    while !rest.isEmpty {
      let taken = min(rest.count, Self.batchSize - pending.count)
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<taken]))
      rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
      if pending.count == Self.batchSize { flush() }
    }
  }

  /// The payload's checksum, and whether every byte reached the file, once all are written.
  mutating func finish() -> (checksum: UInt64, written: Bool) {
    if !pending.isEmpty || digests.isEmpty { flush() }
    writes.sync {}
    return (SnapshotChecksum.combine(digests, length: length), outcome.failure == nil)
  }

  private mutating func flush() {
    let chunkSize = SnapshotChecksum.chunkSize
    let chunkCount = max(1, (pending.count + chunkSize - 1) / chunkSize)
    let first = digests.count
    let batch = ResultSlots<UInt64>(count: chunkCount)
    pending.withUnsafeBytes { bytes in
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let range = (chunk * chunkSize)..<min(bytes.count, (chunk + 1) * chunkSize)
        batch.set(
          chunk,
          SnapshotChecksum.chunkDigest(UnsafeRawBufferPointer(rebasing: bytes[range]), index: first + chunk))
      }
    }
    digests.append(contentsOf: batch.values.map { $0 ?? 0 })
    let full = pending
    pending = []
    pending.reserveCapacity(Self.batchSize)
    inFlight.wait()
    let (descriptor, outcome, inFlight) = (self.descriptor, self.outcome, self.inFlight)
    writes.async {
      if outcome.failure == nil, !full.withUnsafeBytes({ Self.writeAll(descriptor, $0) }) { outcome.fail() }
      inFlight.signal()
    }
  }

  private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var done = 0
    while done < bytes.count {
      let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if count < 0 {
        if errno == EINTR { continue }
        return false
      }
      done += count
    }
    return true
  }

  /// The first failure of a write, as the thread that met it saw `errno`.
  private final class WriteOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    var failure: String? { lock.withLock { reason } }

    func fail() {
      let reason = String(cString: strerror(errno))
      lock.withLock { if self.reason == nil { self.reason = reason } }
    }
  }
}

extension DocumentText {
  /// The text's length in UTF-8 bytes, without making a string of a mapped one.
  var utf8Count: Int {
    switch self {
    case .owned(let text), .verbatim(let text): return text.utf8.count
    case .mapped(_, _, let length): return length
    case .file(let source): return source.length
    }
  }

  /// Whether the file with `stamp` holds this text byte for byte: it was read from it, or it is
  /// read from the same content (the same file, or the same file renamed).
  func isVerbatim(of stamp: FileStamp) -> Bool {
    switch self {
    case .verbatim: return true
    case .file(let source): return source.stamp.content == stamp.content
    case .owned, .mapped: return false
    }
  }

  /// The text's UTF-8 bytes, in place.
  func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    switch self {
    case .owned(let text), .verbatim(let text):
      var text = text
      return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    case .mapped(let file, let offset, let length):
      return body(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<offset + length]))
    case .file(let source):
      var text = source.text
      return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
  }
}
