import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A corpus loaded through its snapshot. When no file changed, the linked documents are taken
/// as stored: linking is the dearest step of a warm start. Otherwise added and changed files are
/// parsed, only the documents the change touches are linked again (`Relinking`; the whole set
/// when the snapshot lacks what that needs) and the snapshot is rewritten.
enum SnapshotLoading {
  /// A file modified this close to the snapshot's writing is not stored: a second write within the
  /// same clock tick would keep its stamp.
  static let settlingNanoseconds: Int64 = 2_000_000_000

  static func load(
    files: [String], stamps: [FileStamp], warnings: [LoadWarning], store: SnapshotStore, identity: String,
    opened: SnapshotStore.Opened? = nil, opening: SnapshotOpening? = nil,
    progress: (@Sendable (LoadProgress) -> Void)?,
    notice: (String) -> Void, reader: @Sendable (String) -> Result<[UInt8], CorpusError>
  ) -> Corpus {
    let path = store.path(identity: identity)
    var previous: Snapshot?
    switch opened ?? opening?.snapshot() ?? store.openSnapshot(at: path, identity: identity) {
    case .missing: break
    case .valid(let snapshot): previous = snapshot
    case .untrusted(let reason): notice("the snapshot \(path) \(reason): it is rebuilt")
    }

    // Which stored entry, if any, holds each file: same path and stamp, or the same content under
    // another name (a rename).
    var reused: [Int?] = Array(repeating: nil, count: files.count)
    var toParse: [Int] = []
    var renamed = false
    if let previous, previous.entries.count == files.count,
      zip(previous.entries, zip(files, stamps)).allSatisfy({ $0.path == $1.0 && $0.stamp == $1.1 })
    {
      // Every file where it was, unchanged: no table of paths and contents is needed.
      reused = Array(previous.entries.indices)
    } else if let previous {
      var byPath: [String: Int] = [:]
      var byContent: [ContentIdentity: Int] = [:]
      for (position, entry) in previous.entries.enumerated() {
        byPath[entry.path] = position
        byContent[entry.stamp.content] = position
      }
      for index in files.indices {
        if let position = byPath[files[index]], previous.entries[position].stamp == stamps[index] {
          reused[index] = position
        } else if let position = byContent[stamps[index].content], access(files[index], R_OK) == 0 {
          reused[index] = position
          renamed = true
        } else {
          toParse.append(index)
        }
      }
    } else {
      toParse = Array(files.indices)
    }

    // Taken here, so that a load that parses does not hold them.
    let listed = opening?.takeListed()
    if let previous, let linked = previous.linked, toParse.isEmpty, !renamed,
      files.count == previous.entries.count,
      linked.count == files.count
    {
      if let documents = listed ?? decodeLinked(linked, from: previous) {
        // The table of files before them is read too.
        previous.release(0..<previous.fields(of: linked[...]).upperBound)
        let bytes = stamps.reduce(0) { $0 + Int($1.size) }
        progress?(LoadProgress(filesDone: files.count, filesTotal: files.count, bytesDone: bytes))
        return Corpus(
          flagged: documents, loadWarnings: warnings, snapshotPath: path,
          snapshotFingerprint: previous.checksum)
      }
      return rebuild(
        path, files: files, stamps: stamps, warnings: warnings, store: store, identity: identity,
        progress: progress, notice: notice, reader: reader)
    }

    let parsed = ParallelLoader.parseAll(
      files: toParse.map { files[$0] }, reader: reader, progress: progress, markingVerbatimTexts: true)
    guard let previous else {
      // Every file parsed, in order: nothing of a snapshot to merge them with.
      return linkAndWrite(
        parsed, path: path, identity: identity, store: store, files: files, stamps: stamps,
        reused: reused, previous: nil, warnings: warnings, declined: "no snapshot", notice: notice)
    }
    var parsedOfFile: [Int: LoadOutcome] = [:]
    for (index, outcome) in zip(toParse, parsed) { parsedOfFile[index] = outcome }
    let declined: String
    switch Relinking.relink(
      previous: previous, files: files, stamps: stamps, reused: reused, parsed: parsedOfFile,
      warnings: warnings)
    {
    case .declined(let reason): declined = reason
    case .relinked(let relinked):
      Relinking.record(Relinking.Report(path: .incremental, relinked: relinked.relinked))
      return write(
        path, identity: identity, store: store, files: files, stamps: stamps, reused: reused,
        previous: previous,
        linked: (relinked.documents, relinked.loadWarnings, relinked.facts), signals: relinked.signals,
        graph: nil,
        notice: notice
      ) { relinked.parsed[$0] }
    }

    var outcomes: [LoadOutcome?] = Array(repeating: nil, count: files.count)
    guard let decoded = decode(reused, from: previous, files: files, stamps: stamps) else {
      return rebuild(
        path, files: files, stamps: stamps, warnings: warnings, store: store, identity: identity,
        progress: progress, notice: notice, reader: reader)
    }
    for index in files.indices {
      guard var document = decoded[index] else { continue }
      document.file = files[index]
      outcomes[index] = .document(document)
    }
    for (index, outcome) in parsedOfFile { outcomes[index] = outcome }
    return linkAndWrite(
      outcomes.map { $0! }, path: path, identity: identity, store: store, files: files, stamps: stamps,
      reused: reused, previous: previous, warnings: warnings, declined: declined, notice: notice)
  }

  /// Links every file's outcome (in path order), flags the corpus and writes its snapshot.
  private static func linkAndWrite(
    _ outcomesInOrder: [LoadOutcome], path: String, identity: String, store: SnapshotStore, files: [String],
    stamps: [FileStamp], reused: [Int?], previous: Snapshot?, warnings: [LoadWarning], declined: String,
    notice: (String) -> Void
  ) -> Corpus {
    var linked = Corpus.link(outcomesInOrder, warnings: warnings)
    let signals = Corpus.flag(&linked.documents)
    Relinking.record(
      Relinking.Report(
        path: .full(declined),
        relinked: linked.documents.count))
    return write(
      path, identity: identity, store: store, files: files, stamps: stamps, reused: reused,
      previous: previous,
      linked: (linked.documents, linked.loadWarnings, linked.facts), signals: signals,
      graph: nil, notice: notice
    ) { index in
      guard case .document(let document) = outcomesInOrder[index] else { return nil }
      return document
    }
  }

  /// Writes the snapshot of a linked and flagged corpus and returns the corpus. `parsedDocument`
  /// gives the parsed document of a file that is not stored as it was (nil: none, or the stored
  /// one at the same path).
  private static func write(
    _ path: String, identity: String, store: SnapshotStore, files: [String], stamps: [FileStamp],
    reused: [Int?], previous: Snapshot?,
    linked: (documents: [Document], loadWarnings: [LoadWarning], facts: [LinkFacts]), signals: Signals,
    graph: CitationGraph?, notice: (String) -> Void, parsedDocument: (Int) -> Document?
  ) -> Corpus {
    var entries: [(path: String, stamp: FileStamp, document: SnapshotStore.StoredDocument)] = []
    entries.reserveCapacity(files.count)
    var entryOfPath: [String: Int] = [:]
    let settled = now() - settlingNanoseconds
    for index in files.indices where stamps[index].modified < settled {
      if let position = reused[index], let previous, previous.entries[position].path == files[index] {
        entryOfPath[files[index]] = entries.count
        entries.append((files[index], stamps[index], .encoded(previous, entry: position)))
      } else if let document = parsedDocument(index) {
        entryOfPath[files[index]] = entries.count
        entries.append((files[index], stamps[index], .parsed(document)))
      }
    }
    // The entry of each linked document's file, by position (a document taken by value is a copy).
    var linkedEntries: [Int] = []
    linkedEntries.reserveCapacity(linked.documents.count)
    let storesEveryDocument = linked.documents.withUnsafeBufferPointer { documents in
      documents.indices.allSatisfy { position in
        guard let entry = entryOfPath[documents[position].file] else { return false }
        linkedEntries.append(entry)
        return true
      }
    }
    let storedLinked: (documents: [Document], entries: [Int])? =
      storesEveryDocument ? (linked.documents, linkedEntries) : nil
    var checksum: UInt64?
    switch store.store(
      at: path, identity: identity, entries: entries, linked: storedLinked,
      linkFacts: storedLinked == nil ? nil : linked.facts)
    {
    case .success(let written): checksum = written
    case .failure(let failure): notice("no snapshot: \(failure.reason)")
    }
    // A corpus with a document the snapshot does not hold (a file changed too lately to store) has
    // no fingerprint: what is kept beside the snapshot could not tell that document's content.
    let fingerprint = storedLinked == nil ? nil : checksum
    return Corpus(
      flagged: linked.documents, loadWarnings: linked.loadWarnings, graph: graph, signals: signals,
      snapshotPath: fingerprint == nil ? nil : path, snapshotFingerprint: fingerprint)
  }

  /// After a snapshot whose checksum held but whose documents do not decode: a load without it.
  private static func rebuild(
    _ path: String, files: [String], stamps: [FileStamp], warnings: [LoadWarning], store: SnapshotStore,
    identity: String, progress: (@Sendable (LoadProgress) -> Void)?, notice: (String) -> Void,
    reader: @Sendable (String) -> Result<[UInt8], CorpusError>
  ) -> Corpus {
    notice("the snapshot \(path) is malformed: a document cannot be read: it is rebuilt")
    unlink(path)
    return load(
      files: files, stamps: stamps, warnings: warnings, store: store, identity: identity, progress: progress,
      notice: notice, reader: reader)
  }

  /// The stored documents of the files that reuse one, decoded on all cores, each as its file
  /// (a renamed one's text is read under its new name); nil when any fails.
  private static func decode(_ reused: [Int?], from snapshot: Snapshot, files: [String], stamps: [FileStamp])
    -> [Document?]?
  {
    decodeInParallel(count: reused.count) { index in
      guard let position = reused[index] else { return .some(nil) }
      return (try? snapshot.document(entry: position, asFile: files[index], stamp: stamps[index]))
        .map { .some($0) }
    }
  }

  static func decodeLinked(_ linked: [Snapshot.Linked], from snapshot: Snapshot) -> [Document]? {
    decodeInParallel(count: linked.count) {
      try? snapshot.linkedDocument(linked[$0])
    } decoded: { range in
      snapshot.release(snapshot.fields(of: linked[range]))
    }
  }

  /// `decode(index)` for every index, in chunks on all cores, each value built in its place; nil
  /// when any gives nil.
  private static func decodeInParallel<Value>(
    count: Int, _ decode: (Int) -> Value?, decoded chunkDone: (Range<Int>) -> Void = { _ in }
  ) -> [Value]? {
    let chunkSize = 256
    let chunkCount = (count + chunkSize - 1) / chunkSize
    let decoded = ResultSlots<Bool>(count: chunkCount)
    var failed = false
    let values = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
      let slots = UncheckedSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
        for index in range {
          guard let value = decode(index) else {
            slots.value[range.lowerBound..<index].deinitialize()
            return
          }
          (slots.value.baseAddress! + index).initialize(to: consume value)
        }
        decoded.set(chunk, true)
        chunkDone(range)
      }
      let complete = decoded.values.map { $0 == true }
      if complete.allSatisfy({ $0 }) {
        initialized = count
        return
      }
      for (chunk, done) in complete.enumerated() where done {
        buffer[(chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)].deinitialize()
      }
      failed = true
      initialized = 0
    }
    return failed ? nil : values
  }

  private struct UncheckedSendable<Wrapped>: @unchecked Sendable {
    let value: Wrapped
    init(_ value: Wrapped) { self.value = value }
  }

  private static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}

/// A snapshot opened (its checksum verified) on a thread of its own, and, when it holds its linked
/// corpus whole, that corpus's documents decoded as a list shows them: what a load needs of it
/// when no file changed, made while the caller walks the folders.
final class SnapshotOpening: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var opened: SnapshotStore.Opened = .missing
  private var listed: [Document]?

  init(store: SnapshotStore, identity: String) {
    let thread = Thread { [self] in
      opened = store.openSnapshot(at: store.path(identity: identity), identity: identity)
      if case .valid(let snapshot) = opened, let linked = snapshot.linked,
        linked.count == snapshot.entries.count
      {
        listed = SnapshotLoading.decodeLinked(linked, from: snapshot)
      }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The snapshot as opened, once the thread is done.
  func snapshot() -> SnapshotStore.Opened {
    finished()
    return opened
  }

  /// Its listed documents, once: nil when it has no linked corpus whole, or one of them does not
  /// decode.
  func takeListed() -> [Document]? {
    finished()
    defer { listed = nil }
    return listed
  }

  private func finished() {
    done.wait()
    done.signal()
  }
}

/// A corpus read from its snapshot before its files are checked against it and before the
/// snapshot's checksum is verified: what the browser's first frame shows, at 100,000 documents
/// without the 100,000 `stat` calls and the reading of every byte of the snapshot that
/// `Corpus.load` does first. `confirmed` does them after and gives the corpus `Corpus.load` gives.
public final class ProvisionalCorpus: @unchecked Sendable {
  /// The documents as the snapshot last stored them; no warning of the walk through the folders.
  public let corpus: Corpus
  private let snapshot: Snapshot
  private let paths: [String]
  private let glob: String
  private let store: SnapshotStore
  private let identity: String

  /// Nil unless the snapshot of these paths holds its linked corpus whole, every file a document,
  /// in a layout this build reads: a load that would parse or link anything is no provisional one.
  public init?(paths: [String], glob: String, store: SnapshotStore) {
    guard !paths.isEmpty else { return nil }
    let identity = SnapshotStore.identity(
      paths: paths, glob: glob, workingDirectory: FileManager.default.currentDirectoryPath)
    let path = store.path(identity: identity)
    guard
      case .valid(let snapshot) = store.openSnapshot(at: path, identity: identity, verifyingChecksum: false),
      let linked = snapshot.linked, !linked.isEmpty, linked.count == snapshot.entries.count,
      let documents = SnapshotLoading.decodeLinked(linked, from: snapshot)
    else { return nil }
    snapshot.release(0..<snapshot.fields(of: linked[...]).upperBound)
    self.corpus = Corpus(
      flagged: documents, loadWarnings: [], snapshotPath: path, snapshotFingerprint: snapshot.checksum)
    self.snapshot = snapshot
    self.paths = paths
    self.glob = glob
    self.store = store
    self.identity = identity
  }

  /// The corpus `Corpus.load` gives for the same paths: `corpus` itself when the checksum holds,
  /// every file is where it was with the same stamp and the walk met no warning; the same
  /// documents with the walk's warnings when only those differ; else the corpus loaded again
  /// (changed files parsed and relinked). `distrusted` hears at once, before that load, that the
  /// checksum failed (the documents of `corpus` are then not to be shown any longer), in one
  /// short line; `notice` hears it too, with the snapshot's path, as from `Corpus.load`.
  public func confirmed(
    progress: (@Sendable (LoadProgress) -> Void)?, notice: (String) -> Void, distrusted: (String) -> Void,
    reader: @Sendable (String) -> Result<[UInt8], CorpusError> = Corpus.readFile
  ) throws -> Corpus {
    // The checksum on another thread while this one walks the folders: the two are most of
    // the check, and neither needs the other.
    let verifying = ChecksumVerification(snapshot)
    let walker: FileWalker
    do {
      walker = try FileWalker.walking(paths, glob: glob)
    } catch {
      _ = verifying.holds()
      throw error
    }
    let holds = verifying.holds()
    if !holds { distrusted("the snapshot \(SnapshotStore.checksumMismatch): it is rebuilt from the files") }
    let entries = snapshot.entries
    let unchanged =
      holds && entries.count == walker.files.count
      && zip(entries, zip(walker.files, walker.stamps)).allSatisfy { $0.path == $1.0 && $0.stamp == $1.1 }
    guard unchanged else {
      return SnapshotLoading.load(
        files: walker.files, stamps: walker.stamps, warnings: walker.warnings, store: store,
        identity: identity,
        opened: holds ? .valid(snapshot) : .untrusted(SnapshotStore.checksumMismatch), progress: progress,
        notice: notice, reader: reader)
    }
    guard !walker.warnings.isEmpty else { return corpus }
    return Corpus(
      flagged: corpus.documents, loadWarnings: walker.warnings, snapshotPath: corpus.snapshotPath,
      snapshotFingerprint: corpus.snapshotFingerprint)
  }
}

/// Whether a snapshot's payload matches the checksum of its header, found on a thread of its own.
private final class ChecksumVerification: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var matches = false

  init(_ snapshot: Snapshot) {
    let thread = Thread { [self] in
      let length = snapshot.mapping.bytes.count - SnapshotStore.headerSize
      matches =
        SnapshotChecksum.digest(snapshot.mapping, offset: SnapshotStore.headerSize, length: length)
        == snapshot.checksum
      done.signal()
    }
    thread.start()
  }

  func holds() -> Bool {
    done.wait()
    done.signal()
    return matches
  }
}
