import Dispatch
import Foundation

/// The posting lists of a search index, in two byte streams per term.
///
/// Document stream: per document holding the term, the gap from the previous document (varint),
/// the number of occurrences (varint) and a byte whose bits say which exact-mark spellings occur.
/// Position stream (words only, not numbers or dates): per document, in the same order, the
/// token positions of the occurrences, each as the gap from the previous one (varint).
struct PostingStore {
  var terms: TermTable
  var documentStarts: [Int]
  var documentBytes: [UInt8]
  var positionStarts: [Int]
  var positionBytes: [UInt8]
  var frequencies: [UInt32]
  /// Per term, the hashes of its exact spellings (see `Token.exactHash`), at most seven;
  /// bit `i` of a posting's mask is spelling `i`, bit 7 every spelling past the seventh.
  var variantStarts: [UInt32]
  var variantHashes: [UInt64]
  /// Tokens per document.
  var lengths: [UInt32]

  func variants(of term: Int) -> ArraySlice<UInt64> {
    variantHashes[Int(variantStarts[term])..<Int(variantStarts[term + 1])]
  }
}

/// Builds the posting lists, one chunk of documents per task on every core, then joins the
/// chunks in document order.
enum IndexBuilder {
  static let variantLimit = 7

  /// Reads each document's text once, while its chunk is indexed.
  static func build(documents: [Document], chunkCount requested: Int? = nil) -> PostingStore {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // Chunks of about 2,000 documents keep each one's scratch small; at least four per core.
    let automatic = max(cores * 4, documents.count / 2000)
    let chunkCount = max(1, min(documents.count, requested ?? automatic))
    var chunks = [Chunk?](repeating: nil, count: chunkCount)
    chunks.withUnsafeMutableBufferPointer { slots in
      let slots = slots
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunkIndex in
        let lower = documents.count * chunkIndex / chunkCount
        let upper = documents.count * (chunkIndex + 1) / chunkCount
        var chunk = Chunk(firstDocument: lower)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Token.maximumLength) { scratch in
          for document in lower..<upper {
            var text = documents[document].text
            text.withUTF8 { chunk.add(bytes: $0, scratch: scratch.baseAddress!) }
          }
        }
        chunk.finish()
        slots[chunkIndex] = chunk
      }
    }
    return merge(&chunks)
  }

  /// Joins the chunks: every chunk's lists of a term, in chunk order, become one list. Sizes are
  /// worked out first, so that each chunk is copied into place and freed at once.
  private static func merge(_ chunks: inout [Chunk?]) -> PostingStore {
    var terms = TermTable(capacity: chunks.first??.terms.count ?? 1024)
    var variantLists: [UInt64] = []
    var variantCounts: [UInt8] = []
    var globalIDs: [[Int32]] = []
    var documentSizes: [Int] = []
    var positionSizes: [Int] = []
    var frequencies: [UInt32] = []
    var lastDocument: [Int] = []
    var variantMaps: [[UInt8]] = []
    var mapStarts: [[Int32]] = []
    for chunkIndex in chunks.indices {
      let chunk = chunks[chunkIndex]!
      var ids = [Int32](repeating: 0, count: chunk.terms.count)
      var maps: [UInt8] = []
      var starts = [Int32](repeating: -1, count: chunk.terms.count)
      for local in 0..<chunk.terms.count {
        let (id, isNew) = chunk.terms.withKey(local) { key, hash in terms.insert(key, hash: hash) }
        if isNew {
          variantLists.append(contentsOf: repeatElement(0, count: variantLimit))
          variantCounts.append(0)
          documentSizes.append(0)
          positionSizes.append(0)
          frequencies.append(0)
          lastDocument.append(-1)
        }
        ids[local] = Int32(id)
        let first = chunk.firstDocumentOf[local]
        documentSizes[id] +=
          chunk.documentSize(local) - VarInt.length(first + 1) + VarInt.length(first - lastDocument[id])
        positionSizes[id] += chunk.positionSize(local)
        frequencies[id] += chunk.frequencies[local]
        lastDocument[id] = chunk.lastDocumentOf[local]
        var identity = true
        let localCount = Int(chunk.variantCounts[local])
        var map = [UInt8](repeating: 7, count: 8)
        for position in 0..<localCount {
          let variant = chunk.variantHashes[local * variantLimit + position]
          let known = Int(variantCounts[id])
          var globalIndex = -1
          for index in 0..<known where variantLists[id * variantLimit + index] == variant {
            globalIndex = index
            break
          }
          if globalIndex < 0 && known < variantLimit {
            variantLists[id * variantLimit + known] = variant
            variantCounts[id] += 1
            globalIndex = known
          }
          map[position] = UInt8(globalIndex < 0 ? 7 : globalIndex)
          if globalIndex != position { identity = false }
        }
        if !identity {
          starts[local] = Int32(maps.count)
          maps.append(contentsOf: map)
        }
      }
      globalIDs.append(ids)
      variantMaps.append(maps)
      mapStarts.append(starts)
    }

    let termCount = terms.count
    var documentStarts = [Int](repeating: 0, count: termCount + 1)
    var positionStarts = [Int](repeating: 0, count: termCount + 1)
    for id in 0..<termCount {
      documentStarts[id + 1] = documentStarts[id] + documentSizes[id]
      positionStarts[id + 1] = positionStarts[id] + positionSizes[id]
    }
    var documentCursor = Array(documentStarts.dropLast())
    var positionCursor = Array(positionStarts.dropLast())
    var previous = [Int](repeating: -1, count: termCount)
    var lengths: [UInt32] = []
    // Written in place without zeroing first: pages are touched only as chunks are copied, and
    // each chunk is freed once copied.
    var positionBytes: [UInt8] = []
    let documentBytes = [UInt8](unsafeUninitializedCapacity: documentStarts[termCount]) {
      documentOutput, documentCount in
      positionBytes = [UInt8](unsafeUninitializedCapacity: positionStarts[termCount]) {
        positionOutput, positionCount in
        for chunkIndex in chunks.indices {
          let chunk = chunks[chunkIndex]!
          chunks[chunkIndex] = nil
          lengths.append(contentsOf: chunk.lengths)
          chunk.documentBytes.withUnsafeBufferPointer { source in
            for local in 0..<chunk.terms.count {
              let id = Int(globalIDs[chunkIndex][local])
              var position = chunk.documentStarts[local]
              let end = chunk.documentStarts[local + 1]
              let first = VarInt.read(source, at: &position) - 1
              VarInt.write(first - previous[id], to: documentOutput, at: &documentCursor[id])
              previous[id] = chunk.lastDocumentOf[local]
              let mapStart = Int(mapStarts[chunkIndex][local])
              if mapStart < 0 {
                let count = end - position
                UnsafeMutableRawPointer(documentOutput.baseAddress! + documentCursor[id]).copyMemory(
                  from: source.baseAddress! + position, byteCount: count)
                documentCursor[id] += count
                continue
              }
              variantMaps[chunkIndex].withUnsafeBufferPointer { maps in
                let map = UnsafeBufferPointer(rebasing: maps[mapStart..<(mapStart + 8)])
                var cursor = documentCursor[id]
                while true {
                  VarInt.write(VarInt.read(source, at: &position), to: documentOutput, at: &cursor)
                  documentOutput[cursor] = remap(source[position], map)
                  cursor += 1
                  position += 1
                  guard position < end else { break }
                  VarInt.write(VarInt.read(source, at: &position), to: documentOutput, at: &cursor)
                }
                documentCursor[id] = cursor
              }
            }
          }
          chunk.positionBytes.withUnsafeBufferPointer { source in
            for local in 0..<chunk.terms.count {
              let id = Int(globalIDs[chunkIndex][local])
              let start = chunk.positionStarts[local]
              let count = chunk.positionStarts[local + 1] - start
              guard count > 0 else { continue }
              UnsafeMutableRawPointer(positionOutput.baseAddress! + positionCursor[id]).copyMemory(
                from: source.baseAddress! + start, byteCount: count)
              positionCursor[id] += count
            }
          }
        }
        positionCount = positionStarts[termCount]
      }
      documentCount = documentStarts[termCount]
    }

    var variantStarts: [UInt32] = [0]
    variantStarts.reserveCapacity(termCount + 1)
    var variantHashes: [UInt64] = []
    for id in 0..<termCount {
      let start = id * variantLimit
      variantHashes.append(contentsOf: variantLists[start..<(start + Int(variantCounts[id]))])
      variantStarts.append(UInt32(variantHashes.count))
    }
    return PostingStore(
      terms: terms, documentStarts: documentStarts, documentBytes: documentBytes,
      positionStarts: positionStarts, positionBytes: positionBytes, frequencies: frequencies,
      variantStarts: variantStarts, variantHashes: variantHashes, lengths: lengths)
  }

  private static func remap(_ mask: UInt8, _ map: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var result: UInt8 = 0
    for bit in 0..<8 where mask & (1 << bit) != 0 { result |= 1 << map[bit] }
    return result
  }

  /// The lists of one run of documents.
  ///
  /// While documents are added, each token is only looked up and appended to `stream` as its
  /// term id and spelling; `finish` then sorts the stream by term into the two byte streams.
  struct Chunk {
    let firstDocument: Int
    var terms = TermTable(capacity: 1 << 14)
    var variantHashes: [UInt64] = []
    var variantCounts: [UInt8] = []
    var lengths: [UInt32] = []
    /// Per token: term id, then the spelling in bits 28–30; numbers and dates have bit 31 set
    /// and take no position.
    private var stream: [UInt32] = []
    private var streamEnds: [Int] = []

    // Filled by `finish`: per local term, its stream bytes (the first gap counted from -1).
    var documentBytes: [UInt8] = []
    var documentStarts: [Int] = []
    var positionBytes: [UInt8] = []
    var positionStarts: [Int] = []
    var frequencies: [UInt32] = []
    var firstDocumentOf: [Int] = []
    var lastDocumentOf: [Int] = []

    private static let idMask: UInt32 = (1 << 28) - 1
    private static let derivedBit: UInt32 = 1 << 31

    init(firstDocument: Int) {
      self.firstDocument = firstDocument
      stream.reserveCapacity(1 << 16)
    }

    func documentSize(_ local: Int) -> Int { documentStarts[local + 1] - documentStarts[local] }
    func positionSize(_ local: Int) -> Int { positionStarts[local + 1] - positionStarts[local] }

    mutating func add(bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) {
      var length: UInt32 = 0
      var tokenizer = SearchTokenizer(bytes: bytes, scratch: scratch)
      var detector = DerivedTermDetector()
      while tokenizer.next() {
        let token = tokenizer.token
        let id = termID(token.folded, hash: token.hash)
        stream.append(UInt32(id) | (variantIndex(id, token.exactHash) << 28))
        length += 1
        if token.isDigits || detector.isPending {
          detector.feed(token) { term in
            stream.append(UInt32(termID(term.key, hash: fnvHash(term.key))) | Self.derivedBit)
          }
        } else {
          detector.skip(token)
        }
      }
      detector.finish { term in
        stream.append(UInt32(termID(term.key, hash: fnvHash(term.key))) | Self.derivedBit)
      }
      lengths.append(length)
      streamEnds.append(stream.count)
    }

    /// The index of the spelling `exactHash` of term `id`, recorded when new; 7 past the seventh.
    @inline(__always)
    private mutating func variantIndex(_ id: Int, _ exactHash: UInt64) -> UInt32 {
      let base = id * IndexBuilder.variantLimit
      let known = Int(variantCounts[id])
      for index in 0..<known where variantHashes[base + index] == exactHash { return UInt32(index) }
      guard known < IndexBuilder.variantLimit else { return 7 }
      variantHashes[base + known] = exactHash
      variantCounts[id] += 1
      return UInt32(known)
    }

    @inline(__always)
    private mutating func termID(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
      let (id, isNew) = terms.insert(key, hash: hash)
      if isNew {
        variantHashes.append(contentsOf: repeatElement(0, count: IndexBuilder.variantLimit))
        variantCounts.append(0)
      }
      return id
    }

    /// Sorts the stream by term (a counting sort, stable) and writes the byte streams.
    mutating func finish() {
      let termCount = terms.count
      var starts = [Int](repeating: 0, count: termCount + 1)
      for entry in stream { starts[Int(entry & Self.idMask) + 1] += 1 }
      for id in 0..<termCount { starts[id + 1] += starts[id] }
      // Per occurrence: document within the chunk (high 32 bits), position (bits 4–31),
      // spelling (bits 1–3), number or date (bit 0).
      var sorted = [UInt64](repeating: 0, count: stream.count)
      var cursors = Array(starts.dropLast())
      var streamStart = 0
      for (document, streamEnd) in streamEnds.enumerated() {
        var position: UInt64 = 0
        for index in streamStart..<streamEnd {
          let entry = stream[index]
          let id = Int(entry & Self.idMask)
          let isDerived = entry & Self.derivedBit != 0
          sorted[cursors[id]] =
            UInt64(document) << 32 | (isDerived ? 1 : position << 4 | UInt64((entry >> 28) & 7) << 1)
          cursors[id] += 1
          if !isDerived { position += 1 }
        }
        streamStart = streamEnd
      }
      stream = []
      streamEnds = []

      documentStarts.reserveCapacity(termCount + 1)
      positionStarts.reserveCapacity(termCount + 1)
      frequencies.reserveCapacity(termCount)
      firstDocumentOf.reserveCapacity(termCount)
      lastDocumentOf.reserveCapacity(termCount)
      documentBytes.reserveCapacity(sorted.count / 2)
      positionBytes.reserveCapacity(sorted.count + sorted.count / 4)
      for id in 0..<termCount {
        documentStarts.append(documentBytes.count)
        positionStarts.append(positionBytes.count)
        var previousDocument = -1
        var index = starts[id]
        let end = starts[id + 1]
        var documentsHolding: UInt32 = 0
        firstDocumentOf.append(firstDocument + Int(sorted[index] >> 32))
        while index < end {
          let document = Int(sorted[index] >> 32)
          var count = 0
          var mask: UInt8 = 0
          var previousPosition = 0
          while index < end && Int(sorted[index] >> 32) == document {
            let entry = sorted[index]
            if entry & 1 == 0 {
              let position = Int((entry >> 4) & 0x0FFF_FFFF)
              VarInt.append(position - previousPosition, to: &positionBytes)
              previousPosition = position
              mask |= 1 << UInt8((entry >> 1) & 7)
            }
            count += 1
            index += 1
          }
          let global = firstDocument + document
          VarInt.append(global - previousDocument, to: &documentBytes)
          VarInt.append(count, to: &documentBytes)
          documentBytes.append(mask)
          previousDocument = global
          documentsHolding += 1
        }
        frequencies.append(documentsHolding)
        lastDocumentOf.append(previousDocument)
      }
      documentStarts.append(documentBytes.count)
      positionStarts.append(positionBytes.count)
    }
  }
}
