import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How far loading has come, for a progress line, with what was parsed since the last report.
public struct LoadProgress: Sendable {
  public var filesDone: Int
  public var filesTotal: Int
  public var bytesDone: Int
  /// The documents parsed since the last report, in no order, not linked (no `citedBy`, no
  /// targets in the corpus, no list order). Their ids are those `Corpus.assignIDs` gives when
  /// every file being parsed becomes a document, as it almost always does: a reader of the final
  /// corpus finds them again by `file`.
  public var parsed: [Document] = []

  public init(filesDone: Int, filesTotal: Int, bytesDone: Int, parsed: [Document] = []) {
    self.filesDone = filesDone
    self.filesTotal = filesTotal
    self.bytesDone = bytesDone
    self.parsed = parsed
  }
}

/// An error the user can act on: one line, what and where.
public struct CorpusError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var description: String { message }
}

/// The bytes of one file, named as the user will see it.
public struct SourceFile: Sendable {
  public var path: String
  public var bytes: [UInt8]
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

extension Corpus {
  /// Reads files and folders (recursively, `glob` within folders), parses every text file and
  /// links citations. A path that does not exist is an error; every other problem is a warning.
  /// With a `snapshot` store, files unchanged since the last load are not read again: their parsed
  /// documents come from the snapshot, and `notice` hears, in one line, why a snapshot was not
  /// trusted or could not be written.
  public static func load(
    paths: [String], glob: String = "*.txt", snapshot: SnapshotStore? = nil,
    progress: (@Sendable (LoadProgress) -> Void)? = nil, notice: ((String) -> Void)? = nil,
    reader: @Sendable (String) -> Result<[UInt8], CorpusError> = readFile
  ) throws -> Corpus {
    guard let snapshot else {
      let walker = try FileWalker.walking(paths, glob: glob)
      return build(files: walker.files, warnings: walker.warnings, progress: progress, reader: reader)
    }
    let identity = SnapshotStore.identity(
      paths: paths, glob: glob, workingDirectory: FileManager.default.currentDirectoryPath)
    // The snapshot is opened, verified and its list decoded on another thread while this one
    // walks the folders: neither needs the other until the files are compared with it.
    let opening = SnapshotOpening(store: snapshot, identity: identity)
    let walker = try FileWalker.walking(paths, glob: glob)
    return SnapshotLoading.load(
      files: walker.files, stamps: walker.stamps, warnings: walker.warnings, store: snapshot,
      identity: identity, opening: opening,
      progress: progress, notice: notice ?? { _ in }, reader: reader)
  }

  /// Parses already-read files: the common path of disk and embedded corpora.
  public static func build(
    files: [String], warnings: [LoadWarning] = [], progress: (@Sendable (LoadProgress) -> Void)? = nil,
    reader: @Sendable (String) -> Result<[UInt8], CorpusError> = readFile
  ) -> Corpus {
    finish(ParallelLoader.parseAll(files: files, reader: reader, progress: progress), warnings: warnings)
  }

  /// Parsed files, in path order, made a corpus: ids, links, list order.
  static func finish(_ parsed: consuming [LoadOutcome], warnings: [LoadWarning]) -> Corpus {
    var linked = link(consume parsed, warnings: warnings)
    let signals = flag(&linked.documents)
    return Corpus(flagged: linked.documents, loadWarnings: linked.loadWarnings, signals: signals)
  }

  /// Ids, links and list order: what a corpus is made of, before its graph.
  /// `facts` are the documents' link facts, in list order too.
  /// The outcomes are moved out of `parsed`, not copied, when the caller hands over the only
  /// reference to them.
  static func link(_ parsed: consuming [LoadOutcome], warnings: [LoadWarning]) -> (
    documents: [Document], loadWarnings: [LoadWarning], facts: [LinkFacts]
  ) {
    var loadWarnings = warnings
    var documents: [Document] = []
    documents.reserveCapacity(parsed.count)
    ParallelLoader.reverseInPlace(&parsed)
    while let outcome = parsed.popLast() {
      switch consume outcome {
      case .document(let document): documents.append(document)
      case .skipped(let warning): loadWarnings.append(warning)
      }
    }
    assignIDs(&documents)
    let facts = CitationLinker.link(&documents)
    let order = listOrder(documents)
    permute(&documents, into: order)
    return (documents, loadWarnings, order.map { facts[$0] })
  }

  /// Puts `values` in the order `order` names them (`values[order[0]]` first) by swapping them in
  /// place, a cycle of the permutation at a time: no value is copied (the buffer's `swapAt` moves
  /// them, where the array's copies each one twice).
  static func permute<Value>(_ values: inout [Value], into order: [Int]) {
    var placed = [Bool](repeating: false, count: order.count)
    values.withUnsafeMutableBufferPointer { values in
      for start in order.indices where !placed[start] {
        var position = start
        while true {
          placed[position] = true
          let source = order[position]
          if source == start { break }
          values.swapAt(position, source)
          position = source
        }
      }
    }
  }

  public static func build(sources: [SourceFile]) -> Corpus {
    var bytesByPath: [String: [UInt8]] = [:]
    for source in sources { bytesByPath[source.path] = source.bytes }
    let table = bytesByPath
    return build(
      files: sources.map(\.path),
      reader: { path in
        table[path].map { .success($0) } ?? .failure(CorpusError(message: "\(path): missing"))
      })
  }

  /// The most of one file read as text: 64 MiB, some thousand times a directive. A larger file is
  /// read that far, with a warning.
  public static let maximumTextBytes = 64 << 20

  /// One `fstat` and, for a file that keeps its size while it is read, one `read` into a buffer of
  /// that size and a spare byte, and a last `read` that meets the end in the spare byte: the
  /// buffer grows only for a file that grew since its `fstat`.
  @Sendable public static func readFile(_ path: String) -> Result<[UInt8], CorpusError> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      return .failure(CorpusError(message: "unreadable: \(String(cString: strerror(errno)))"))
    }
    defer { close(descriptor) }
    var info = stat()
    let size = fstat(descriptor, &info) == 0 ? min(Int(info.st_size), maximumTextBytes + 1) : 0
    var bytes = [UInt8](repeating: 0, count: max(size + 1, 4096))
    var filled = 0
    while filled <= maximumTextBytes {
      if filled == bytes.count {
        bytes.append(contentsOf: repeatElement(0, count: bytes.count))
      }
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(CorpusError(message: "unreadable: \(String(cString: strerror(errno)))"))
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeSubrange(filled...)
    return .success(bytes)
  }

  /// Ids are file names without the extension; a repeated name gets `~2`, `~3` in path order,
  /// skipping any id another file has by its own name (`a~2.txt`): ids are unique, always.
  static func assignIDs(_ documents: inout [Document]) {
    for (index, id) in ids(files: documents.map(\.file)).enumerated() { documents[index].id = id }
  }

  /// The ids of `assignIDs` for documents of these files, in this order.
  static func ids(files: [String]) -> [String] {
    let bases = files.map { file -> String in
      if let stem = plainStem(file) { return stem }
      let name = (file as NSString).lastPathComponent
      let stem = (name as NSString).deletingPathExtension
      return stem.isEmpty ? name : stem
    }
    var ids: [String] = []
    ids.reserveCapacity(bases.count)
    let natural = Set(bases)
    var taken: Set<String> = []
    var lastSuffix: [String: Int] = [:]
    for base in bases {
      if lastSuffix[base] == nil, !taken.contains(base) {
        lastSuffix[base] = 1
        taken.insert(base)
        ids.append(base)
        continue
      }
      var suffix = lastSuffix[base] ?? 1
      var candidate: String
      repeat {
        suffix += 1
        candidate = "\(base)~\(suffix)"
      } while taken.contains(candidate) || natural.contains(candidate)
      lastSuffix[base] = suffix
      taken.insert(candidate)
      ids.append(candidate)
    }
    return ids
  }

  /// The file name without its extension, read on the path's bytes, for the common name: a last
  /// component not starting with a dot, whose extension is ASCII letters and digits. Nil for any
  /// other, which `NSString` reads (on Linux it costs some microseconds a path).
  static func plainStem(_ path: String) -> String? {
    let bytes = path.utf8
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    let nameStart = bytes.lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
    guard nameStart != bytes.endIndex, bytes[nameStart] != dot,
      let lastDot = bytes[nameStart...].lastIndex(of: dot), bytes.index(after: lastDot) != bytes.endIndex,
      bytes[bytes.index(after: lastDot)...].allSatisfy({ byte in
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      })
    else { return nil }
    return String(path[nameStart..<lastDot])
  }

  /// Date (or `notBefore`), undated last; then province, then number (numerically), then file.
  public static func sortedForList(_ documents: [Document]) -> [Document] {
    listOrder(documents).map { documents[$0] }
  }

  /// The positions of `documents` in list order.
  static func listOrder(_ documents: [Document]) -> [Int] {
    // A corpus has some dozens of provinces: each is folded once, not once a document.
    var foldedProvinces: [String: String] = [:]
    // By position: `documents.map` would copy every document.
    let keys = documents.withUnsafeBufferPointer { documents in
      documents.indices.map { position in
        ListKey(
          documents[position],
          foldedProvince: documents[position].province.map { province in
            if let folded = foldedProvinces[province] { return folded }
            let folded = province.folded
            foldedProvinces[province] = folded
            return folded
          })
      }
    }
    // The provinces ranked once, so that most comparisons are of integers: a province's rank
    // orders as its folded name does, and equal names share one.
    let provinces = Set(keys.map(\.province)).sorted()
    var rankOfProvince: [String: Int] = [:]
    for (rank, province) in provinces.enumerated() { rankOfProvince[province] = rank }
    let ranks = keys.map { (day: $0.day, province: rankOfProvince[$0.province]!, serial: $0.serial) }
    return documents.indices.sorted { a, b in
      let (first, second) = (ranks[a], ranks[b])
      if first != second {
        return (first.day, first.province, first.serial) < (second.day, second.province, second.serial)
      }
      return (keys[a].number, keys[a].file) < (keys[b].number, keys[b].file)
    }
  }
}

/// What the list sorts by, computed once per document: `sortedForList` orders by it, and a list
/// growing while files are parsed merges by it.
public struct ListKey: Comparable, Sendable {
  let day: Int
  let province: String
  let serial: Int
  let number: String
  let file: String

  public init(_ document: Document) {
    self.init(document, foldedProvince: document.province?.folded)
  }

  /// `foldedProvince`: the document's province folded, as the caller has it.
  init(_ document: Document, foldedProvince: String?) {
    day = document.sortDate?.ordinal ?? Int.max
    province = foldedProvince ?? "\u{10FFFF}"
    let digits = document.number?.prefix { $0.isASCII && $0.isNumber } ?? ""
    serial = document.number == nil ? Int.max : Int(digits) ?? Int.max - 1
    number = document.number ?? ""
    file = document.file
  }

  public static func < (a: ListKey, b: ListKey) -> Bool {
    (a.day, a.province, a.serial, a.number, a.file) < (b.day, b.province, b.serial, b.number, b.file)
  }
}

/// Walks paths: folders recursively, following links but not in circles.
struct FileWalker {
  let glob: String
  var files: [String] = []
  /// What `stat` said of each file, in the order of `files`.
  var stamps: [FileStamp] = []
  var warnings: [LoadWarning] = []
  private var visitedDirectories: Set<[UInt64]> = []

  init(glob: String) { self.glob = glob }

  /// Every file of `paths` the glob takes, with its stamp and the warnings of the walk; a path
  /// given that is not there is an error.
  static func walking(_ paths: [String], glob: String) throws -> FileWalker {
    var walker = FileWalker(glob: glob)
    for path in paths {
      var info = stat()
      guard lstat(path, &info) == 0 else {
        throw CorpusError(message: "\(path): no such file or directory")
      }
      walker.visit(path, isTopLevel: true)
    }
    return walker
  }

  /// What one look at a path found: the kind of file and its stamp through links, or why there is
  /// none. Only what the walk keeps, not the whole `stat`: a folder of 100,000 entries holds one
  /// look each.
  enum Look {
    case found(kind: mode_t, stamp: FileStamp)
    case unreadable(Int32)
    case brokenLink(Int32)

    init(_ info: stat) { self = .found(kind: info.st_mode & S_IFMT, stamp: FileStamp(info)) }
  }

  /// `lstat`, then `stat` only through a link: one call a file instead of two.
  static func look(at path: String) -> Look {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .unreadable(errno) }
    if info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 { return .brokenLink(errno) }
    return Look(info)
  }

  /// The same look at an entry of an open folder: the kernel resolves one name, not the whole
  /// path again.
  static func look(in folder: Int32, at name: String) -> Look {
    var info = stat()
    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .unreadable(errno) }
    if info.st_mode & S_IFMT == S_IFLNK, fstatat(folder, name, &info, 0) != 0 { return .brokenLink(errno) }
    return Look(info)
  }

  /// The looks at the entries `names` of the open `folder`, in their order, several at once when
  /// there are enough of them, each written in its place: at 100,000 files the calls themselves
  /// are most of a warm start's walk, and from disk each waits for its inode.
  static func looks(in folder: Int32, names: [String]) -> [Look] {
    let lookAt: (Int) -> Look = { index in look(in: folder, at: names[index]) }
    let chunkSize = 512
    guard names.count > chunkSize else { return names.indices.map(lookAt) }
    let chunkCount = (names.count + chunkSize - 1) / chunkSize
    return [Look](unsafeUninitializedCapacity: names.count) { buffer, initialized in
      let slots = LookSlots(buffer.baseAddress!)
      DiskWork.perform(iterations: chunkCount) { chunk in
        for index in (chunk * chunkSize)..<min(names.count, (chunk + 1) * chunkSize) {
          (slots.base + index).initialize(to: lookAt(index))
        }
      }
      initialized = names.count
    }
  }

  /// Where the workers of `looks` write, each its own indices.
  private struct LookSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<Look>
    init(_ base: UnsafeMutablePointer<Look>) { self.base = base }
  }

  /// A folder's entries as the walk takes them: no hidden ones, sorted, each with its path and a
  /// look at it.
  struct Listing {
    var names: [String]
    var paths: [String]
    var looks: [Look]
  }

  /// The listing of the folder at `path`; nil when it cannot be read.
  static func listing(of path: String) -> Listing? {
    let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return nil }
    defer { close(folder) }
    guard let entries = entryNames(of: folder) else { return nil }
    let names = entries.filter { !$0.hasPrefix(".") }.sorted()
    let prefix = path.hasSuffix("/") ? path : path + "/"
    let paths = names.map { prefix + $0 }
    return Listing(names: names, paths: paths, looks: looks(in: folder, names: names))
  }

  /// The names in an open folder but `.` and `..`, in the order the system gives them; nil when
  /// it cannot be read.
  static func entryNames(of folder: Int32) -> [String]? {
    // `closedir` closes the descriptor it was given: the caller's stays open for the looks.
    let copy = dup(folder)
    guard copy >= 0 else { return nil }
    guard let stream = fdopendir(copy) else {
      close(copy)
      return nil
    }
    defer { closedir(stream) }
    var names: [String] = []
    errno = 0
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(cString: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
      }
      if name != ".", name != ".." { names.append(name) }
    }
    return errno == 0 ? names : nil
  }

  /// `name`: the path's last component, when the caller knows it (an entry of a folder).
  mutating func visit(_ path: String, isTopLevel: Bool, name: String? = nil) {
    visit(path, Self.look(at: path), isTopLevel: isTopLevel, name: name)
  }

  /// `listing`: the folder's, when it was taken ahead (nil inside: it could not be read).
  private mutating func visit(
    _ path: String, _ look: Look, isTopLevel: Bool, name: String?, listing prefetched: Listing?? = nil
  ) {
    let kind: mode_t
    let stamp: FileStamp
    switch look {
    case .found(let foundKind, let foundStamp): (kind, stamp) = (foundKind, foundStamp)
    case .unreadable(let code):
      warnings.append(LoadWarning(path: path, reason: "cannot be read: \(String(cString: strerror(code)))"))
      return
    case .brokenLink(let code):
      warnings.append(
        LoadWarning(path: path, reason: code == ELOOP ? "symbolic link loop" : "dangling symbolic link"))
      return
    }
    if kind == S_IFDIR {
      let identity = [stamp.device, stamp.inode]
      guard !visitedDirectories.contains(identity) else {
        warnings.append(LoadWarning(path: path, reason: "symbolic link loop: folder already visited"))
        return
      }
      visitedDirectories.insert(identity)
      guard let listing = prefetched ?? Self.listing(of: path) else {
        warnings.append(LoadWarning(path: path, reason: "folder cannot be read (permission denied)"))
        return
      }
      // The folders in it are listed and looked into on all cores before they are visited in
      // order: a corpus of many small folders has too few entries in each to share out.
      var folders: [Int] = []
      for position in listing.looks.indices {
        if case .found(S_IFDIR, let folderStamp) = listing.looks[position],
          !visitedDirectories.contains([folderStamp.device, folderStamp.inode])
        {
          folders.append(position)
        }
      }
      var listings = [Listing??](repeating: nil, count: listing.looks.count)
      if folders.count > 1 {
        let taken = ResultSlots<Listing?>(count: folders.count)
        let folderPaths = folders.map { listing.paths[$0] }
        DiskWork.perform(iterations: folderPaths.count) { index in
          taken.set(index, Self.listing(of: folderPaths[index]))
        }
        for (index, folderListing) in taken.values.enumerated() { listings[folders[index]] = folderListing }
      }
      for position in listing.looks.indices {
        visit(
          listing.paths[position], listing.looks[position], isTopLevel: false, name: listing.names[position],
          listing: listings[position])
      }
    } else if kind == S_IFREG {
      if isTopLevel || fnmatch(glob, name ?? Self.name(of: path), 0) == 0 {
        files.append(path)
        stamps.append(stamp)
      }
    } else if isTopLevel || fnmatch(glob, name ?? Self.name(of: path), 0) == 0 {
      warnings.append(
        LoadWarning(path: path, reason: "not a regular file (a device, socket or pipe): not read"))
    }
  }

  /// The last component of a path the walk made (a folder, "/", an entry): cheaper than
  /// `lastPathComponent`, which a warm start would call once a file.
  private static func name(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
    return String(path[path.utf8.index(after: slash)...])
  }
}

enum LoadOutcome: Sendable {
  case document(Document)
  case skipped(LoadWarning)
}

/// Reads, decodes and parses files on all cores, in chunks, keeping their order.
enum ParallelLoader {
  /// `markingVerbatimTexts`: a text that is byte for byte what `reader` read (the file's bytes on
  /// disk, for a snapshot) is marked so (`DocumentText.verbatim`), for a snapshot to leave it there.
  static func parseAll(
    files: [String], reader: @Sendable (String) -> Result<[UInt8], CorpusError>,
    progress: (@Sendable (LoadProgress) -> Void)?, markingVerbatimTexts: Bool = false
  ) -> [LoadOutcome] {
    let chunkSize = 64
    let chunkCount = (files.count + chunkSize - 1) / chunkSize
    let results = ResultSlots<[LoadOutcome]>(count: chunkCount)
    let counter = ProgressCounter(total: files.count, report: progress)
    // Only a progress report hands out parsed documents, and only they need ids before linking.
    let provisionalIDs = progress == nil ? [] : Corpus.ids(files: files)
    let readAhead = ReadAhead(files: files)
    defer { readAhead.finish() }
    let clock = ContinuousClock()
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      let range = (chunk * chunkSize)..<min(files.count, (chunk + 1) * chunkSize)
      readAhead.reached(range.lowerBound)
      var outcomes: [LoadOutcome] = []
      outcomes.reserveCapacity(range.count)
      var bytes = 0
      var waitingReads = 0
      for index in range {
        let path = files[index]
        let readStart = clock.now
        let read = reader(path)
        if clock.now - readStart > .nanoseconds(ReadAhead.waitingReadNanoseconds) { waitingReads += 1 }
        switch read {
        case .failure(let error):
          outcomes.append(.skipped(LoadWarning(path: path, reason: error.message)))
        case .success(let content):
          bytes += content.count
          let outcome = parseFile(path: path, bytes: content)
          outcomes.append(markingVerbatimTexts ? markingVerbatim(outcome, read: content) : outcome)
        }
      }
      // Half a chunk of reads that waited is the disk, not a thread put aside for a moment.
      if waitingReads * 2 >= range.count { readAhead.readsWait() }
      results.set(chunk, outcomes)
      var parsed: [Document] = []
      if progress != nil {
        parsed.reserveCapacity(outcomes.count)
        for (index, outcome) in zip(range, outcomes) {
          guard case .document(var document) = outcome else { continue }
          document.id = provisionalIDs[index]
          parsed.append(document)
        }
      }
      counter.advance(files: range.count, bytes: bytes, parsed: parsed)
    }
    return joined(results.takeValues())
  }

  /// The chunks' values in order, each moved out of its chunk rather than copied: `chunks` must
  /// hold the only references to them, as `ResultSlots.takeValues` gives them.
  static func joined<Value>(_ chunks: consuming [[Value]?]) -> [Value] {
    var joined: [Value] = []
    joined.reserveCapacity(chunks.reduce(0) { $0 + ($1?.count ?? 0) })
    for index in chunks.indices {
      guard var chunk = chunks[index] else { continue }
      chunks[index] = nil
      reverseInPlace(&chunk)
      while let value = chunk.popLast() { joined.append(value) }
    }
    return joined
  }

  /// `values` reversed through their buffer, whose `swapAt` moves them: the array's `reverse`
  /// copies each one.
  static func reverseInPlace<Value>(_ values: inout [Value]) {
    values.withUnsafeMutableBufferPointer { $0.reverse() }
  }

  /// The outcome with its document's text marked verbatim when it is the bytes read, unchanged.
  private static func markingVerbatim(_ outcome: LoadOutcome, read bytes: [UInt8]) -> LoadOutcome {
    guard case .document(var document) = outcome, case .owned(var text) = document.textStorage,
      text.utf8.count == bytes.count
    else { return outcome }
    let same = text.withUTF8 { utf8 in
      bytes.withUnsafeBytes { read in
        utf8.isEmpty || memcmp(utf8.baseAddress!, read.baseAddress!, utf8.count) == 0
      }
    }
    guard same else { return outcome }
    document.textStorage = .verbatim(text)
    return .document(document)
  }

  static func parseFile(path: String, bytes whole: [UInt8], limit: Int = Corpus.maximumTextBytes)
    -> LoadOutcome
  {
    var bytes = whole
    var capped = false
    if bytes.count > limit {
      bytes.removeSubrange(limit...)
      capped = true
    }
    var outcome = parseCapped(path: path, bytes: bytes)
    if capped, case .document(var document) = outcome {
      let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
      document.warnings.append(
        DocumentWarning(.sizeCapped, "the file is larger than \(size): only its first \(size) are read"))
      outcome = .document(document)
    }
    return outcome
  }

  static func parseCapped(path: String, bytes: [UInt8]) -> LoadOutcome {
    if TextDecoding.looksBinary(bytes) {
      var document = Document(id: "", file: path, text: "", encoding: "binary")
      let kind = bytes.starts(with: Array("%PDF-".utf8)) ? "a PDF" : "NUL bytes"
      document.warnings.append(
        DocumentWarning(.binaryFile, "binary file (\(kind)): its \(bytes.count) bytes are not shown as text"))
      return .document(document)
    }
    let (decoded, scanner) = TextDecoding.decodeForScanning(bytes)
    var document = Document(id: "", file: path, text: decoded.text, encoding: decoded.encoding)
    document.warnings = decoded.warnings
    if isBlank(decoded.text) {
      document.warnings.append(
        bytes.isEmpty
          ? DocumentWarning(.emptyFile, "empty file")
          : DocumentWarning(.onlyWhiteSpace, "file holds only white space"))
      return .document(document)
    }
    DirectiveParser.parse(&document, scanner: scanner)
    return .document(document)
  }
}

extension ParallelLoader {
  /// Whether every `Character` of the text is white space. The first scalar that is not white
  /// space, when it is one that a `Character` always starts at (`TextScanner.standsAlone`), starts
  /// a `Character` that is not: only other texts are read by `Character`.
  static func isBlank(_ text: String) -> Bool {
    for scalar in text.unicodeScalars where !ScalarProperties.isWhitespace(scalar) {
      if TextScanner.standsAlone(scalar) { return false }
      break
    }
    return text.allSatisfy(\.isWhitespace)
  }
}

/// Fixed slots written once each from concurrent workers.
final class ResultSlots<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()
  init(count: Int) { storage = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: Value) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }
  var values: [Value?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
  /// The values, leaving none: the caller holds the only references to them.
  func takeValues() -> [Value?] {
    lock.lock()
    defer { lock.unlock() }
    var taken: [Value?] = []
    swap(&taken, &storage)
    return taken
  }
}

final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var files = 0
  private var bytes = 0
  private let total: Int
  private let report: (@Sendable (LoadProgress) -> Void)?
  init(total: Int, report: (@Sendable (LoadProgress) -> Void)?) {
    self.total = total
    self.report = report
  }
  func advance(files more: Int, bytes moreBytes: Int, parsed: [Document]) {
    guard let report else { return }
    lock.lock()
    files += more
    bytes += moreBytes
    let snapshot = LoadProgress(filesDone: files, filesTotal: total, bytesDone: bytes, parsed: parsed)
    lock.unlock()
    report(snapshot)
  }
}

extension ShippedCorpus {
  public static var sources: [SourceFile] {
    files.compactMap { file in
      Data(base64Encoded: file.base64).map { SourceFile(path: file.path, bytes: [UInt8]($0)) }
    }
  }

  public static func load() -> Corpus { Corpus.build(sources: sources) }
}
