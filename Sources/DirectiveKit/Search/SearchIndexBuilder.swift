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

/// The documents where two common words stand one after the other (a pair-of-words index for
/// the common words only): a phrase of common words is checked against positions only in the
/// documents holding each of its pairs, and a pair of two words is answered without positions.
///
/// Pair `(first, second)`, by the words' indices in `commonTerms`, has key
/// `first * commonTerms.count + second`; its documents are in `bytes[starts[key]..<starts[key + 1]]`,
/// each as its gap (a varint, the first counted from -1) then the position of the first word of
/// the pair's first occurrence in it (a varint): a phrase of three common words or more stands
/// where its pairs' first occurrences follow each other, without reading positions.
struct PairStore {
  var commonTerms: [Int32] = []
  var starts: [Int] = [0]
  var bytes: [UInt8] = []
  var frequencies: [UInt32] = []

  var keyCount: Int { commonTerms.count * commonTerms.count }
}

/// Builds the posting lists, one chunk of documents per task on every core, then joins the
/// chunks in document order.
enum IndexBuilder {
  static let variantLimit = 7

  /// Reads each document's text once, while its chunk is indexed, and notes what identifies it
  /// (`TextIdentities`) for a later update.
  static func build(documents: [Document], chunkCount requested: Int? = nil) -> (
    PostingStore, PairStore, TextIdentities
  ) {
    var common = TermTable(capacity: commonWordLimit)
    for word in commonWords(documents) { _ = common.insert(word) }
    var identities = TextIdentities(count: documents.count)
    let (store, pairs) = identities.withSlots { slots in
      index(count: documents.count, common: common, chunkCount: requested) { position in
        let (text, identity) = TextIdentity.read(documents[position])
        slots.set(position, identity)
        return text
      }
    }
    return (store, resolve(pairs, common: common, terms: store.terms), identities)
  }

  /// The lists of `count` texts (`text(i)` for document `i`, called once each, on any thread),
  /// indexed on every core with the common words `common`; the pairs' keys are indices among them
  /// (`commonTerms` is left to the caller).
  static func index(count: Int, common: TermTable, chunkCount requested: Int? = nil, text: (Int) -> String)
    -> (PostingStore, PairStore)
  {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // Chunks of about 2,000 documents keep each one's scratch small; at least four per core.
    let automatic = max(cores * 4, count / 2000)
    let chunkCount = max(1, min(count, requested ?? automatic))
    var chunks = [Chunk?](repeating: nil, count: chunkCount)
    chunks.withUnsafeMutableBufferPointer { slots in
      let slots = slots
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunkIndex in
        let lower = count * chunkIndex / chunkCount
        let upper = count * (chunkIndex + 1) / chunkCount
        var chunk = Chunk(firstDocument: lower, common: common)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Token.maximumLength) { scratch in
          for document in lower..<upper {
            var text = text(document)
            text.withUTF8 { chunk.add(bytes: $0, scratch: scratch.baseAddress!) }
          }
        }
        chunk.finish()
        slots[chunkIndex] = chunk
      }
    }
    let pairs = mergePairs(chunks, common: common)
    return (merge(&chunks), pairs)
  }

  /// At most this many words are common (`PairStore`).
  static let commonWordLimit = 128
  /// The common words are those in the most of this many documents, spread over the corpus.
  static let commonWordSample = 500

  /// The words in the most documents of a sample spread evenly over the corpus (in at least
  /// two of them), most frequent first; ties in the order first met. The same documents give
  /// the same words however the corpus is chunked.
  static func commonWords(_ documents: [Document]) -> [[UInt8]] {
    let sampled = min(documents.count, commonWordSample)
    guard sampled > 1 else { return [] }
    var table = TermTable(capacity: 1 << 14)
    var documentCounts: [Int] = []
    var lastSample: [Int] = []
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Token.maximumLength) { scratch in
      for sample in 0..<sampled {
        var text = documents[sample * documents.count / sampled].text
        text.withUTF8 { bytes in
          var tokenizer = SearchTokenizer(bytes: bytes, scratch: scratch.baseAddress!)
          while tokenizer.next() {
            let (id, isNew) = table.insert(tokenizer.token.folded, hash: tokenizer.token.hash)
            if isNew {
              documentCounts.append(0)
              lastSample.append(-1)
            }
            if lastSample[id] != sample {
              lastSample[id] = sample
              documentCounts[id] += 1
            }
          }
        }
      }
    }
    let ranked = documentCounts.indices.filter { documentCounts[$0] >= 2 }.sorted {
      documentCounts[$0] > documentCounts[$1] || (documentCounts[$0] == documentCounts[$1] && $0 < $1)
    }
    return ranked.prefix(commonWordLimit).map { Array(table.key($0)) }
  }

  /// Joins the chunks' pair lists, in chunk order; `commonTerms` is left to `resolve`.
  private static func mergePairs(_ chunks: [Chunk?], common: TermTable) -> PairStore {
    var pairs = PairStore()
    let keyCount = common.count * common.count
    guard keyCount > 0 else { return pairs }
    var sizes = [Int](repeating: 0, count: keyCount)
    var lastDocument = [Int](repeating: -1, count: keyCount)
    pairs.frequencies = [UInt32](repeating: 0, count: keyCount)
    for case let chunk? in chunks {
      for (slot, key) in chunk.pairKeys.enumerated() {
        let key = Int(key)
        let first = Int(chunk.pairFirstDocument[slot])
        sizes[key] +=
          chunk.pairSize(slot) - VarInt.length(first + 1) + VarInt.length(first - lastDocument[key])
        lastDocument[key] = Int(chunk.pairLastDocument[slot])
        pairs.frequencies[key] += chunk.pairFrequencies[slot]
      }
    }
    pairs.starts = [Int](repeating: 0, count: keyCount + 1)
    for key in 0..<keyCount { pairs.starts[key + 1] = pairs.starts[key] + sizes[key] }
    var cursors = Array(pairs.starts.dropLast())
    var previous = [Int](repeating: -1, count: keyCount)
    pairs.bytes = [UInt8](unsafeUninitializedCapacity: pairs.starts[keyCount]) { output, count in
      for case let chunk? in chunks {
        chunk.pairBytes.withUnsafeBufferPointer { source in
          for (slot, key) in chunk.pairKeys.enumerated() {
            let key = Int(key)
            var position = chunk.pairStarts[slot]
            let end = chunk.pairStarts[slot + 1]
            let first = VarInt.read(source, at: &position) - 1
            VarInt.write(first - previous[key], to: output, at: &cursors[key])
            previous[key] = Int(chunk.pairLastDocument[slot])
            let rest = end - position
            if rest > 0 {
              UnsafeMutableRawPointer(output.baseAddress! + cursors[key]).copyMemory(
                from: source.baseAddress! + position, byteCount: rest)
              cursors[key] += rest
            }
          }
        }
      }
      count = pairs.starts[keyCount]
    }
    return pairs
  }

  /// The pairs with the common words named by their term ids; none when a common word is not a
  /// term (which a word of the corpus always is).
  private static func resolve(_ pairs: PairStore, common: TermTable, terms: TermTable) -> PairStore {
    var resolved = pairs
    resolved.commonTerms = []
    for index in 0..<common.count {
      guard let id = common.withKey(index, { terms.find($0, hash: $1) }) else { return PairStore() }
      resolved.commonTerms.append(Int32(id))
    }
    return resolved
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

  static func remap(_ mask: UInt8, _ map: UnsafeBufferPointer<UInt8>) -> UInt8 {
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
    /// The common words (`PairStore`), and each local term's index among them (-1: not common).
    private let common: TermTable
    private var commonIndexOfTerm: [Int16] = []
    /// Per pair of common words standing one after the other: its key, then (with bit 16 and
    /// up) the document within the chunk; beside it, the position of its first word.
    private var pairStream: [UInt64] = []
    private var pairPositions: [UInt32] = []
    private var pairSeen: [UInt64] = []

    // Filled by `finish`: per local term, its stream bytes (the first gap counted from -1).
    var documentBytes: [UInt8] = []
    var documentStarts: [Int] = []
    var positionBytes: [UInt8] = []
    var positionStarts: [Int] = []
    var frequencies: [UInt32] = []
    var firstDocumentOf: [Int] = []
    var lastDocumentOf: [Int] = []
    /// Filled by `finish`: the keys of the pairs found, ascending, and beside each its documents
    /// as gaps (the first counted from -1), each followed by its first position, in `pairBytes`.
    var pairKeys: [UInt16] = []
    var pairStarts: [Int] = []
    var pairBytes: [UInt8] = []
    var pairFrequencies: [UInt32] = []
    var pairFirstDocument: [UInt32] = []
    var pairLastDocument: [UInt32] = []

    private static let idMask: UInt32 = (1 << 28) - 1
    private static let derivedBit: UInt32 = 1 << 31

    init(firstDocument: Int, common: TermTable = TermTable()) {
      self.firstDocument = firstDocument
      self.common = common
      stream.reserveCapacity(1 << 16)
    }

    func pairSize(_ slot: Int) -> Int { pairStarts[slot + 1] - pairStarts[slot] }

    func documentSize(_ local: Int) -> Int { documentStarts[local + 1] - documentStarts[local] }
    func positionSize(_ local: Int) -> Int { positionStarts[local + 1] - positionStarts[local] }

    mutating func add(bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) {
      var length: UInt32 = 0
      var tokenizer = SearchTokenizer(bytes: bytes, scratch: scratch)
      var detector = DerivedTermDetector()
      let document = UInt64(streamEnds.count) << 16
      let commonCount = common.count
      var previousCommon = -1
      // Each pair once a document: a bit a pair, cleared where set after the document.
      if pairSeen.count < (commonCount * commonCount + 63) / 64 {
        pairSeen = [UInt64](repeating: 0, count: (commonCount * commonCount + 63) / 64)
      }
      let firstPair = pairStream.count
      while tokenizer.next() {
        let token = tokenizer.token
        let id = termID(token.folded, hash: token.hash)
        stream.append(UInt32(id) | (variantIndex(id, token.exactHash) << 28))
        length += 1
        let commonIndex = Int(commonIndexOfTerm[id])
        if previousCommon >= 0 && commonIndex >= 0 {
          let key = previousCommon * commonCount + commonIndex
          let bit = UInt64(1) << UInt64(key & 63)
          if pairSeen[key >> 6] & bit == 0 {
            pairSeen[key >> 6] |= bit
            pairStream.append(document | UInt64(key))
            pairPositions.append(length - 2)
          }
        }
        previousCommon = commonIndex
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
      for entry in pairStream[firstPair...] { pairSeen[Int(entry & 0xFFFF) >> 6] = 0 }
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
        commonIndexOfTerm.append(common.count == 0 ? -1 : Int16(common.find(key, hash: hash) ?? -1))
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
      finishPairs()
    }

    /// Sorts the pairs by key (a counting sort, stable: documents stay in order) and writes
    /// each key's documents once.
    private mutating func finishPairs() {
      pairStarts = [0]
      let keyCount = common.count * common.count
      guard keyCount > 0, !pairStream.isEmpty else {
        pairStream = []
        pairPositions = []
        return
      }
      var starts = [Int](repeating: 0, count: keyCount + 1)
      for entry in pairStream { starts[Int(entry & 0xFFFF) + 1] += 1 }
      for key in 0..<keyCount { starts[key + 1] += starts[key] }
      var cursors = Array(starts.dropLast())
      var documents = [UInt32](repeating: 0, count: pairStream.count)
      var positions = [UInt32](repeating: 0, count: pairStream.count)
      for (entry, position) in zip(pairStream, pairPositions) {
        let key = Int(entry & 0xFFFF)
        documents[cursors[key]] = UInt32(truncatingIfNeeded: entry >> 16)
        positions[cursors[key]] = position
        cursors[key] += 1
      }
      pairStream = []
      pairPositions = []
      pairBytes.reserveCapacity(documents.count / 2)
      for key in 0..<keyCount where starts[key] < starts[key + 1] {
        var previousDocument = -1
        var count: UInt32 = 0
        for slot in starts[key]..<starts[key + 1] {
          let global = firstDocument + Int(documents[slot])
          guard global != previousDocument else { continue }
          if previousDocument < 0 { pairFirstDocument.append(UInt32(global)) }
          VarInt.append(global - previousDocument, to: &pairBytes)
          VarInt.append(Int(positions[slot]), to: &pairBytes)
          previousDocument = global
          count += 1
        }
        pairKeys.append(UInt16(key))
        pairStarts.append(pairBytes.count)
        pairFrequencies.append(count)
        pairLastDocument.append(UInt32(previousDocument))
      }
    }
  }
}
