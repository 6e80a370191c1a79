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

  static func build(texts: [String], chunkCount requested: Int? = nil) -> PostingStore {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let chunkCount = max(1, min(texts.count, requested ?? min(texts.count / 256, cores * 4)))
    var chunks = [Chunk?](repeating: nil, count: chunkCount)
    chunks.withUnsafeMutableBufferPointer { slots in
      let slots = slots
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunkIndex in
        let lower = texts.count * chunkIndex / chunkCount
        let upper = texts.count * (chunkIndex + 1) / chunkCount
        var chunk = Chunk()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Token.maximumLength) { scratch in
          for document in lower..<upper {
            var text = texts[document]
            text.withUTF8 { chunk.add(document: document, bytes: $0, scratch: scratch.baseAddress!) }
          }
        }
        slots[chunkIndex] = chunk
      }
    }
    return merge(chunks.map { $0! })
  }

  /// Joins the chunks: every chunk's lists of a term, in chunk order, become one list.
  private static func merge(_ input: [Chunk]) -> PostingStore {
    var chunks = input
    var terms = TermTable(capacity: chunks.first?.terms.count ?? 1024)
    var variantLists: [UInt64] = []
    var variantCounts: [UInt8] = []
    // Per global term, the chunks holding it: a linked list of (chunk, local id) in chunk order.
    var segmentChunk: [Int32] = []
    var segmentLocal: [Int32] = []
    var segmentNext: [Int32] = []
    var head: [Int32] = []
    var tail: [Int32] = []
    var variantMaps: [[UInt8]] = []
    var mapStarts: [[Int32]] = []
    for (chunkIndex, chunk) in chunks.enumerated() {
      var maps: [UInt8] = []
      var starts = [Int32](repeating: -1, count: chunk.terms.count)
      for local in 0..<chunk.terms.count {
        let (id, isNew) = chunk.terms.withKey(local) { key, hash in terms.insert(key, hash: hash) }
        if isNew {
          variantLists.append(contentsOf: repeatElement(0, count: variantLimit))
          variantCounts.append(0)
          head.append(-1)
          tail.append(-1)
        }
        let segment = Int32(segmentChunk.count)
        segmentChunk.append(Int32(chunkIndex))
        segmentLocal.append(Int32(local))
        segmentNext.append(-1)
        if tail[id] >= 0 { segmentNext[Int(tail[id])] = segment } else { head[id] = segment }
        tail[id] = segment
        var identity = true
        let localCount = Int(chunk.variantCounts[local])
        var map = [UInt8](repeating: 7, count: localCount)
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
          maps.append(contentsOf: repeatElement(7, count: 8 - localCount))
        }
      }
      variantMaps.append(maps)
      mapStarts.append(starts)
    }

    let termCount = terms.count
    var documentBytes: [UInt8] = []
    documentBytes.reserveCapacity(chunks.reduce(0) { $0 + $1.documentByteCount } + termCount * 4)
    var positionBytes: [UInt8] = []
    positionBytes.reserveCapacity(chunks.reduce(0) { $0 + $1.positionByteCount })
    var documentStarts: [Int] = []
    documentStarts.reserveCapacity(termCount + 1)
    var positionStarts: [Int] = []
    positionStarts.reserveCapacity(termCount + 1)
    var frequencies = [UInt32](repeating: 0, count: termCount)
    for id in 0..<termCount {
      documentStarts.append(documentBytes.count)
      positionStarts.append(positionBytes.count)
      var previous = -1
      var segment = Int(head[id])
      while segment >= 0 {
        let chunkIndex = Int(segmentChunk[segment])
        let local = Int(segmentLocal[segment])
        segment = Int(segmentNext[segment])
        frequencies[id] += chunks[chunkIndex].frequencies[local]
        let mapStart = Int(mapStarts[chunkIndex][local])
        chunks[chunkIndex].documentStreams[local].withUnsafeBufferPointer { source in
          var position = 0
          let first = VarInt.read(source, at: &position) - 1
          VarInt.append(first - previous, to: &documentBytes)
          if mapStart < 0 {
            documentBytes.append(contentsOf: source[position...])
            return
          }
          variantMaps[chunkIndex].withUnsafeBufferPointer { maps in
            let map = UnsafeBufferPointer(rebasing: maps[mapStart..<(mapStart + 8)])
            while true {
              VarInt.append(VarInt.read(source, at: &position), to: &documentBytes)
              documentBytes.append(remap(source[position], map))
              position += 1
              guard position < source.count else { break }
              VarInt.append(VarInt.read(source, at: &position), to: &documentBytes)
            }
          }
        }
        positionBytes.append(contentsOf: chunks[chunkIndex].positionStreams[local])
        previous = Int(chunks[chunkIndex].lastDocument[local])
        chunks[chunkIndex].documentStreams[local] = []
        chunks[chunkIndex].positionStreams[local] = []
      }
    }
    documentStarts.append(documentBytes.count)
    positionStarts.append(positionBytes.count)

    var variantStarts: [UInt32] = [0]
    variantStarts.reserveCapacity(termCount + 1)
    var variantHashes: [UInt64] = []
    for id in 0..<termCount {
      variantHashes.append(
        contentsOf: variantLists[(id * variantLimit)..<(id * variantLimit + Int(variantCounts[id]))])
      variantStarts.append(UInt32(variantHashes.count))
    }
    return PostingStore(
      terms: terms, documentStarts: documentStarts, documentBytes: documentBytes,
      positionStarts: positionStarts, positionBytes: positionBytes, frequencies: frequencies,
      variantStarts: variantStarts, variantHashes: variantHashes, lengths: chunks.flatMap(\.lengths))
  }

  private static func remap(_ mask: UInt8, _ map: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var result: UInt8 = 0
    for bit in 0..<8 where mask & (1 << bit) != 0 { result |= 1 << map[bit] }
    return result
  }

  /// The lists of one run of documents.
  struct Chunk {
    var terms = TermTable(capacity: 1 << 15)
    var documentStreams: [[UInt8]] = []
    var positionStreams: [[UInt8]] = []
    var lastDocument: [Int32] = []
    var frequencies: [UInt32] = []
    var variantHashes: [UInt64] = []
    var variantCounts: [UInt8] = []
    var lengths: [UInt32] = []
    var documentByteCount = 0
    var positionByteCount = 0
    private var stamp: [Int32] = []
    private var counts: [UInt32] = []
    private var masks: [UInt8] = []
    private var lastPosition: [Int32] = []
    private var touched: [Int32] = []
    private var currentStamp: Int32 = 0

    mutating func add(document: Int, bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>)
    {
      currentStamp += 1
      touched.removeAll(keepingCapacity: true)
      var length: UInt32 = 0
      var tokenizer = SearchTokenizer(bytes: bytes, scratch: scratch)
      var detector = DerivedTermDetector()
      while tokenizer.next() {
        let token = tokenizer.token
        let id = count(token.folded, hash: token.hash)
        let position = Int32(truncatingIfNeeded: length)
        VarInt.append(Int(position - lastPosition[id]), to: &positionStreams[id])
        lastPosition[id] = position
        positionByteCount += 1
        masks[id] |= variantBit(id, token.exactHash)
        length += 1
        detector.feed(token) { term in _ = count(term.key, hash: fnvHash(term.key)) }
      }
      detector.finish { term in _ = count(term.key, hash: fnvHash(term.key)) }
      lengths.append(length)
      for id in touched {
        let id = Int(id)
        let before = documentStreams[id].count
        VarInt.append(document - Int(lastDocument[id]), to: &documentStreams[id])
        VarInt.append(Int(counts[id]), to: &documentStreams[id])
        documentStreams[id].append(masks[id])
        documentByteCount += documentStreams[id].count - before
        lastDocument[id] = Int32(document)
        frequencies[id] += 1
      }
    }

    /// The mask bit of the spelling `exactHash` of term `id`, recorded when new.
    @inline(__always)
    private mutating func variantBit(_ id: Int, _ exactHash: UInt64) -> UInt8 {
      let base = id * IndexBuilder.variantLimit
      let known = Int(variantCounts[id])
      for index in 0..<known where variantHashes[base + index] == exactHash { return 1 << UInt8(index) }
      guard known < IndexBuilder.variantLimit else { return 0x80 }
      variantHashes[base + known] = exactHash
      variantCounts[id] += 1
      return 1 << UInt8(known)
    }

    /// Counts one occurrence of `key` in the current document; returns its id.
    @inline(__always)
    private mutating func count(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
      let (id, isNew) = terms.insert(key, hash: hash)
      if isNew {
        documentStreams.append([])
        positionStreams.append([])
        lastDocument.append(-1)
        frequencies.append(0)
        variantHashes.append(contentsOf: repeatElement(0, count: IndexBuilder.variantLimit))
        variantCounts.append(0)
        stamp.append(0)
        counts.append(0)
        masks.append(0)
        lastPosition.append(0)
      }
      if stamp[id] != currentStamp {
        stamp[id] = currentStamp
        counts[id] = 0
        masks[id] = 0
        lastPosition[id] = 0
        touched.append(Int32(id))
      }
      counts[id] += 1
      return id
    }
  }
}
