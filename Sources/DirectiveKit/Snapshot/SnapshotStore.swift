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
  static let formatVersion: UInt32 = 1
  static let magic = Array("VANBANSN".utf8)
  static let headerSize = 32
  static let fileExtension = ".snapshot"

  /// What makes two loads the same corpus: the paths as given (documents keep them), the folder
  /// relative paths start from, and the glob.
  public static func identity(paths: [String], glob: String, workingDirectory: String) -> String {
    let relative = paths.contains { !$0.hasPrefix("/") }
    return (["glob " + glob, "from " + (relative ? workingDirectory : "/")] + paths.map { "path " + $0 })
      .joined(separator: "\n")
  }

  public func path(identity: String) -> String {
    let digest = Array(identity.utf8).withUnsafeBytes { SnapshotChecksum.digest($0) }
    let hex = String(digest, radix: 16)
    return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + Self.fileExtension
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

  /// Removes every snapshot of the store (and temporary files left by an interrupted write), or
  /// those named. Returns how many files went.
  public func clear(only paths: [String]? = nil) throws -> Int {
    var removed = 0
    let names: [String]
    if let paths {
      names = paths.map { ($0 as NSString).lastPathComponent }
    } else {
      guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
      names = entries.filter { $0.hasSuffix(Self.fileExtension) || $0.hasSuffix(".tmp") }
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

  enum Opened {
    case missing
    case valid(Snapshot)
    case untrusted(String)
  }

  func openSnapshot(at path: String, identity: String) -> Opened {
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
      let payload = UnsafeRawBufferPointer(rebasing: bytes[Self.headerSize...])
      guard SnapshotChecksum.digest(payload) == checksum else {
        return .untrusted("is corrupt (checksum mismatch)")
      }
      var reader = ByteReader(bytes, from: Self.headerSize)
      guard try reader.string() == identity else { return .untrusted("belongs to another corpus") }
      // Another build of vanban may read documents differently: its snapshot is replaced, as an
      // expected consequence of an upgrade rather than a fault worth a warning.
      guard try reader.string() == Self.currentProducer else { return .missing }
      let count = try reader.count()
      var entries: [Snapshot.Entry] = []
      entries.reserveCapacity(count)
      for _ in 0..<count {
        let path = try reader.string()
        let stamp = FileStamp(
          device: try reader.fixed64(), inode: try reader.fixed64(),
          size: Int64(bitPattern: try reader.fixed64()),
          modified: Int64(bitPattern: try reader.fixed64()), changed: Int64(bitPattern: try reader.fixed64()))
        let length = try reader.count()
        entries.append(
          Snapshot.Entry(path: path, stamp: stamp, document: reader.position..<reader.position + length))
        reader.position += length
      }
      let linked = try reader.optional { reader in
        try reader.array { reader in
          let entry = try reader.integer()
          guard (0..<entries.count).contains(entry) else {
            throw SnapshotDamage(reason: "a linked document names no file")
          }
          let length = try reader.count()
          defer { reader.position += length }
          return Snapshot.Linked(entry: entry, document: reader.position..<reader.position + length)
        }
      }
      guard reader.isAtEnd else { return .untrusted("has bytes after its last document") }
      return .valid(Snapshot(mapping: mapping, entries: entries, linked: linked))
    } catch let damage as SnapshotDamage {
      return .untrusted("is malformed: \(damage.reason)")
    } catch {
      return .untrusted("is malformed")
    }
  }

  // MARK: - Writing

  /// One file's document as it will be stored: the bytes of an earlier snapshot when unchanged.
  enum StoredDocument {
    case encoded(Snapshot, Range<Int>)
    case parsed(Document)
  }

  /// Writes a temporary file beside the snapshot and renames it over, so a reader (another
  /// vanban at the same moment) sees the old snapshot or the new one, never half of one.
  /// `linked` are the corpus's documents once linked, in list order, each with the entry of its
  /// file. Returns the reason when it cannot.
  func store(
    at path: String, identity: String, entries: [(path: String, stamp: FileStamp, document: StoredDocument)],
    linked: [(entry: Int, document: Document)]?
  ) -> String? {
    var writer = ByteWriter()
    writer.string(identity)
    writer.string(Self.currentProducer)
    writer.integer(entries.count)
    var scratch = ByteWriter()
    for entry in entries {
      writer.string(entry.path)
      for word in [
        entry.stamp.device, entry.stamp.inode, UInt64(bitPattern: entry.stamp.size),
        UInt64(bitPattern: entry.stamp.modified), UInt64(bitPattern: entry.stamp.changed),
      ] {
        writer.fixed64(word)
      }
      switch entry.document {
      case .encoded(let snapshot, let range):
        writer.integer(range.count)
        writer.bytes.append(contentsOf: snapshot.mapping.bytes[range])
      case .parsed(let document):
        scratch.bytes.removeAll(keepingCapacity: true)
        DocumentCoding.write(document, to: &scratch)
        writer.integer(scratch.bytes.count)
        writer.bytes.append(contentsOf: scratch.bytes)
      }
    }
    writer.optional(linked) { writer, linked in
      writer.array(linked) { writer, item in
        writer.integer(item.entry)
        scratch.bytes.removeAll(keepingCapacity: true)
        DocumentCoding.write(item.document, to: &scratch, withText: false)
        writer.integer(scratch.bytes.count)
        writer.bytes.append(contentsOf: scratch.bytes)
      }
    }
    var header = ByteWriter()
    header.bytes.append(contentsOf: Self.magic)
    header.fixed64(UInt64(Self.formatVersion))
    header.fixed64(UInt64(writer.bytes.count))
    header.fixed64(writer.bytes.withUnsafeBytes { SnapshotChecksum.digest($0) })

    if let problem = makeDirectory() { return problem }
    let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return "cannot write in \(directory): \(String(cString: strerror(errno)))" }
    let written = writeAll(descriptor, header.bytes) && writeAll(descriptor, writer.bytes)
    let failure = String(cString: strerror(errno))
    let closed = close(descriptor) == 0
    guard written, closed, rename(temporary, path) == 0 else {
      let reason = written && closed ? String(cString: strerror(errno)) : failure
      unlink(temporary)
      return "cannot write \(path): \(reason)"
    }
    return nil
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

  private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
      let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
      if count < 0 {
        if errno == EINTR { continue }
        return false
      }
      done += count
    }
    return true
  }
}

/// A snapshot read from disk: the mapped file and, per stored file, its stamp and where its
/// document's bytes lie. Documents are decoded only when used.
final class Snapshot: @unchecked Sendable {
  struct Entry {
    var path: String
    var stamp: FileStamp
    var document: Range<Int>
  }

  /// A document of the linked corpus: its file's entry, and where its fields lie (its text is
  /// the entry's).
  struct Linked {
    var entry: Int
    var document: Range<Int>
  }

  let mapping: MappedFile
  let entries: [Entry]
  /// The corpus as last linked, in list order; nil when it was not stored.
  let linked: [Linked]?

  init(mapping: MappedFile, entries: [Entry], linked: [Linked]?) {
    self.mapping = mapping
    self.entries = entries
    self.linked = linked
  }

  func linkedDocument(_ linked: Linked) throws -> Document {
    var reader = ByteReader(mapping.bytes, from: linked.document.lowerBound, to: linked.document.upperBound)
    var document = try DocumentCoding.read(from: &reader)
    guard reader.isAtEnd else { throw SnapshotDamage(reason: "a document is longer than stored") }
    let entry = entries[linked.entry].document
    var textReader = ByteReader(mapping.bytes, from: entry.lowerBound, to: entry.upperBound)
    document.text = try DocumentCoding.readText(from: &textReader)
    return document
  }

  func document(_ entry: Entry) throws -> Document {
    var reader = ByteReader(mapping.bytes, from: entry.document.lowerBound, to: entry.document.upperBound)
    let document = try DocumentCoding.read(from: &reader)
    guard reader.isAtEnd else { throw SnapshotDamage(reason: "a document is longer than stored") }
    return document
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

  deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}
