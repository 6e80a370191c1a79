import Dispatch
import Foundation

/// Brings a stored search index up to date with a corpus that changed since it was written,
/// instead of building it anew: the documents whose text it already holds (found by their
/// `TextIdentity`) keep their lists, renumbered to their new places; the others (added or changed)
/// are read and indexed; those gone drop out. Everything a query reads comes out as a build from
/// scratch makes it (the same documents, counts, positions, pairs and lengths per term), except
/// the order of the term ids, the common words (kept from the stored index: a pair of them is
/// exact whichever words are common) and the spellings of a term no document holds any more
/// (harmless: a spelling's bit is then set in no list).
enum IndexUpdate {
  /// Past this share of the documents to read again, the index is built from scratch: merging
  /// reads every list of the stored index (about a tenth of a build's time at 100,000 documents),
  /// so with half the texts to tokenize anyway a build costs about as much, and it picks the
  /// common words afresh.
  static let rebuildShare = 0.5

  struct Stored {
    var parts: SearchIndex.Parts
    var sortedTerms: [Int32]
  }

  struct Updated {
    var parts: SearchIndex.Parts
    var sortedTerms: [Int32]
    /// Documents whose text was read and indexed.
    var reindexed: Int
  }

  enum Refusal: Error, Equatable {
    /// Too many documents to read again (`rebuildShare`).
    case tooManyChanged(Int)
    /// The stored index has no common words while the corpus has enough documents to have some.
    case noCommonWords
  }

  static func update(_ stored: Stored, documents: [Document]) -> Result<Updated, Refusal> {
    let old = stored.parts
    if old.pairs.commonTerms.isEmpty && documents.count > 1 && old.store.lengths.count <= 1 {
      return .failure(.noCommonWords)
    }
    let matched = match(documents, against: old.identities)
    let freshDocuments = matched.sourceOf.indices.filter { matched.sourceOf[$0] < 0 }
    if freshDocuments.count > Int(rebuildShare * Double(documents.count)) && freshDocuments.count > 1 {
      return .failure(.tooManyChanged(freshDocuments.count))
    }
    var common = TermTable(capacity: IndexBuilder.commonWordLimit)
    for term in old.pairs.commonTerms {
      _ = old.store.terms.withKey(Int(term)) { common.insert($0, hash: $1) }
    }
    let (freshStore, freshPairs) = IndexBuilder.index(
      count: freshDocuments.count, common: common,
      chunkCount: freshDocuments.count < 256 ? 1 : nil
    ) { matched.texts[freshDocuments[$0]]! }

    let oldSource = Source(store: old.store, sourceOf: matched.sourceOf, sourceCount: old.store.lengths.count)
    let freshSource = Source(store: freshStore, targets: freshDocuments.map { UInt32($0) })
    let (store, termOf) = mergePostings(
      old: oldSource, fresh: freshSource, keeping: Set(old.pairs.commonTerms.map { Int($0) }),
      documentCount: documents.count)
    var pairs = mergePairs(old: old.pairs, oldSource: oldSource, fresh: freshPairs, freshSource: freshSource)
    pairs.commonTerms = old.pairs.commonTerms.map { termOf[Int($0)] }
    let sortedTerms = self.sortedTerms(old: stored.sortedTerms, termOf: termOf, terms: store.terms)
    let parts = SearchIndex.Parts(
      store: store, pairs: pairs,
      fields: SearchIndex.Fields(documents: documents, reusing: old.fields, sourceOf: matched.sourceOf),
      identities: matched.identities)
    return .success(Updated(parts: parts, sortedTerms: sortedTerms, reindexed: freshDocuments.count))
  }

  // MARK: Which documents the index holds already

  struct Matched {
    /// Per document, the stored document with its text; -1 when none has it.
    var sourceOf: [Int32]
    var identities: TextIdentities
    /// The texts read of the documents no stored one has, to be indexed.
    var texts: [String?]
  }

  /// Each document's stored counterpart: by its file's stamp when its text stays in its file and
  /// the stored index saw that file so, else by its text's hash and length (reading the text).
  static func match(_ documents: [Document], against stored: TextIdentities) -> Matched {
    var stamps: [UInt64: Int32] = [:]
    var contents: [TextIdentity.Content: Int32] = [:]
    stamps.reserveCapacity(stored.count)
    contents.reserveCapacity(stored.count)
    for position in 0..<stored.count {
      let identity = stored[position]
      if identity.stampKey != 0 { stamps[identity.stampKey] = Int32(position) }
      contents[identity.content] = Int32(position)
    }
    let byStamp = stamps
    let byContent = contents
    var sourceOf = [Int32](repeating: -1, count: documents.count)
    var identities = TextIdentities(count: documents.count)
    var texts = [String?](repeating: nil, count: documents.count)
    let chunkSize = 256
    let chunkCount = (documents.count + chunkSize - 1) / chunkSize
    sourceOf.withUnsafeMutableBufferPointer { sources in
      texts.withUnsafeMutableBufferPointer { texts in
        identities.withSlots { slots in
          let sources = SharedBuffer(value: sources)
          let texts = SharedBuffer(value: texts)
          DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            for position in (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize) {
              if let key = TextIdentity.stampKey(of: documents[position]), let known = byStamp[key] {
                sources.value[position] = known
                slots.set(position, stored[Int(known)])
                continue
              }
              // A text held in the snapshot is hashed where it lies, made a string only if needed.
              if case .mapped = documents[position].textStorage {
                let identity = documents[position].textStorage.withUTF8 {
                  TextIdentity(
                    contentHash: SearchIndexFile.hash($0), contentLength: UInt64($0.count), stampKey: 0)
                }
                slots.set(position, identity)
                if let known = byContent[identity.content] {
                  sources.value[position] = known
                  continue
                }
              }
              let (text, identity) = TextIdentity.read(documents[position])
              slots.set(position, identity)
              if let known = byContent[identity.content] {
                sources.value[position] = known
              } else {
                (texts.value.baseAddress! + position).pointee = text
              }
            }
          }
        }
      }
    }
    return Matched(sourceOf: sourceOf, identities: identities, texts: texts)
  }

  // MARK: Merging

  /// The lists of one index, and where each of its documents goes in the new numbering: to no
  /// document (gone), one, or several (copies of one text).
  struct Source {
    let store: PostingStore
    let targetStarts: [Int32]
    let targets: [UInt32]

    /// `sourceOf[new]`: the document of `store` that document `new` is, or -1.
    init(store: PostingStore, sourceOf: [Int32], sourceCount: Int) {
      self.store = store
      var starts = [Int32](repeating: 0, count: sourceCount + 1)
      for source in sourceOf where source >= 0 { starts[Int(source) + 1] += 1 }
      for position in 0..<sourceCount { starts[position + 1] += starts[position] }
      var cursors = Array(starts.dropLast())
      var targets = [UInt32](repeating: 0, count: Int(starts[sourceCount]))
      for (new, source) in sourceOf.enumerated() where source >= 0 {
        targets[Int(cursors[Int(source)])] = UInt32(new)
        cursors[Int(source)] += 1
      }
      targetStarts = starts
      self.targets = targets
    }

    /// Document `i` of `store` is document `targets[i]`.
    init(store: PostingStore, targets: [UInt32]) {
      self.store = store
      targetStarts = (0...targets.count).map { Int32($0) }
      self.targets = targets
    }
  }

  private struct Entry {
    var document: UInt32
    var count: UInt32
    var mask: UInt8
    var isFresh: Bool
    var positionStart: Int
    var positionEnd: Int
  }

  /// Appends the postings of `term` in `source`, renumbered, each with where its positions lie.
  private static func gather(
    _ source: Source, term: Int, isFresh: Bool, map: [UInt8]?, documentBytes: UnsafeBufferPointer<UInt8>,
    positionBytes: UnsafeBufferPointer<UInt8>, into entries: inout [Entry]
  ) {
    let store = source.store
    var position = store.documentStarts[term]
    var positionCursor = store.positionStarts[term]
    let hasPositions = store.positionStarts[term + 1] > positionCursor
    var document = -1
    for _ in 0..<Int(store.frequencies[term]) {
      document += VarInt.read(documentBytes, at: &position)
      let count = VarInt.read(documentBytes, at: &position)
      var mask = documentBytes[position]
      position += 1
      let start = positionCursor
      if hasPositions { VarInt.skip(count, in: positionBytes, at: &positionCursor) }
      if let map { mask = map.withUnsafeBufferPointer { IndexBuilder.remap(mask, $0) } }
      for slot in Int(source.targetStarts[document])..<Int(source.targetStarts[document + 1]) {
        entries.append(
          Entry(
            document: source.targets[slot], count: UInt32(count), mask: mask, isFresh: isFresh,
            positionStart: start, positionEnd: positionCursor))
      }
    }
  }

  /// Adds the fresh spellings of a term to its stored ones (at most `variantLimit`); the map
  /// from the fresh bits to the merged ones, nil when they are the same.
  private static func mergeVariants(_ variants: inout [UInt64], _ fresh: ArraySlice<UInt64>) -> [UInt8]? {
    var map = [UInt8](repeating: 7, count: 8)
    var identity = true
    for (position, variant) in fresh.enumerated() {
      var merged = variants.firstIndex(of: variant)
      if merged == nil, variants.count < IndexBuilder.variantLimit {
        variants.append(variant)
        merged = variants.count - 1
      }
      map[position] = UInt8(merged ?? 7)
      if merged != position { identity = false }
    }
    return identity ? nil : map
  }

  /// Every term's list from both sources, renumbered and in document order; a stored term no
  /// document holds any more is dropped unless it is in `keeping`. Returns, beside the store,
  /// each stored term's new id (-1: dropped).
  static func mergePostings(old: Source, fresh: Source, keeping: Set<Int>, documentCount: Int) -> (
    PostingStore, [Int32]
  ) {
    let oldStore = old.store
    let freshStore = fresh.store
    var terms = TermTable(capacity: oldStore.terms.count + freshStore.terms.count)
    var termOf = [Int32](repeating: -1, count: oldStore.terms.count)
    var freshTaken = [Bool](repeating: false, count: freshStore.terms.count)
    var documentStarts: [Int] = [0]
    var positionStarts: [Int] = [0]
    var frequencies: [UInt32] = []
    var variantStarts: [UInt32] = [0]
    var variantHashes: [UInt64] = []
    var documentBytes: [UInt8] = []
    var positionBytes: [UInt8] = []
    documentBytes.reserveCapacity(oldStore.documentBytes.count + freshStore.documentBytes.count)
    positionBytes.reserveCapacity(oldStore.positionBytes.count + freshStore.positionBytes.count)
    var entries: [Entry] = []
    entries.reserveCapacity(documentCount)

    oldStore.documentBytes.withUnsafeBufferPointer { oldDocuments in
      oldStore.positionBytes.withUnsafeBufferPointer { oldPositions in
        freshStore.documentBytes.withUnsafeBufferPointer { freshDocuments in
          freshStore.positionBytes.withUnsafeBufferPointer { freshPositions in
            func emit(_ variants: [UInt64]) {
              if !zip(entries, entries.dropFirst()).allSatisfy({ $0.document < $1.document }) {
                entries.sort { $0.document < $1.document }
              }
              var previous = -1
              // Positions are copied a run at a time: documents that stay in order, one after the
              // other in their source's stream.
              var run = (isFresh: false, start: 0, end: 0)
              func copyRun() {
                guard run.end > run.start else { return }
                let source = run.isFresh ? freshPositions : oldPositions
                positionBytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run.start..<run.end]))
              }
              for entry in entries {
                VarInt.append(Int(entry.document) - previous, to: &documentBytes)
                VarInt.append(Int(entry.count), to: &documentBytes)
                documentBytes.append(entry.mask)
                previous = Int(entry.document)
                if entry.isFresh == run.isFresh && entry.positionStart == run.end {
                  run.end = entry.positionEnd
                } else {
                  copyRun()
                  run = (entry.isFresh, entry.positionStart, entry.positionEnd)
                }
              }
              copyRun()
              documentStarts.append(documentBytes.count)
              positionStarts.append(positionBytes.count)
              frequencies.append(UInt32(entries.count))
              variantHashes.append(contentsOf: variants)
              variantStarts.append(UInt32(variantHashes.count))
            }
            for term in 0..<oldStore.terms.count {
              entries.removeAll(keepingCapacity: true)
              gather(
                old, term: term, isFresh: false, map: nil, documentBytes: oldDocuments,
                positionBytes: oldPositions,
                into: &entries)
              var variants = Array(oldStore.variants(of: term))
              if let freshTerm = oldStore.terms.withKey(term, { freshStore.terms.find($0, hash: $1) }) {
                freshTaken[freshTerm] = true
                let map = mergeVariants(&variants, freshStore.variants(of: freshTerm))
                gather(
                  fresh, term: freshTerm, isFresh: true, map: map, documentBytes: freshDocuments,
                  positionBytes: freshPositions, into: &entries)
              }
              guard !entries.isEmpty || keeping.contains(term) else { continue }
              termOf[term] = Int32(oldStore.terms.withKey(term) { terms.insert($0, hash: $1) }.id)
              emit(variants)
            }
            for freshTerm in 0..<freshStore.terms.count where !freshTaken[freshTerm] {
              entries.removeAll(keepingCapacity: true)
              gather(
                fresh, term: freshTerm, isFresh: true, map: nil, documentBytes: freshDocuments,
                positionBytes: freshPositions, into: &entries)
              guard !entries.isEmpty else { continue }
              _ = freshStore.terms.withKey(freshTerm) { terms.insert($0, hash: $1) }
              emit(Array(freshStore.variants(of: freshTerm)))
            }
          }
        }
      }
    }

    var lengths = [UInt32](repeating: 0, count: documentCount)
    for source in [old, fresh] {
      for document in 0..<(source.targetStarts.count - 1) {
        for slot in Int(source.targetStarts[document])..<Int(source.targetStarts[document + 1]) {
          lengths[Int(source.targets[slot])] = source.store.lengths[document]
        }
      }
    }
    let store = PostingStore(
      terms: terms, documentStarts: documentStarts, documentBytes: documentBytes,
      positionStarts: positionStarts, positionBytes: positionBytes, frequencies: frequencies,
      variantStarts: variantStarts, variantHashes: variantHashes, lengths: lengths)
    return (store, termOf)
  }

  /// The pairs of common words from both sources, renumbered (`commonTerms` is left to the caller).
  static func mergePairs(old: PairStore, oldSource: Source, fresh: PairStore, freshSource: Source)
    -> PairStore
  {
    var merged = PairStore()
    let keyCount = old.keyCount
    guard keyCount > 0 else { return merged }
    merged.frequencies = [UInt32](repeating: 0, count: keyCount)
    merged.starts = [0]
    merged.starts.reserveCapacity(keyCount + 1)
    merged.bytes.reserveCapacity(old.bytes.count + fresh.bytes.count)
    var entries: [(document: UInt32, position: Int)] = []
    func gather(_ pairs: PairStore, _ source: Source, key: Int) {
      guard key + 1 < pairs.starts.count else { return }
      pairs.bytes.withUnsafeBufferPointer { bytes in
        var position = pairs.starts[key]
        let end = pairs.starts[key + 1]
        var document = -1
        while position < end {
          document += VarInt.read(bytes, at: &position)
          let first = VarInt.read(bytes, at: &position)
          for slot in Int(source.targetStarts[document])..<Int(source.targetStarts[document + 1]) {
            entries.append((source.targets[slot], first))
          }
        }
      }
    }
    for key in 0..<keyCount {
      entries.removeAll(keepingCapacity: true)
      gather(old, oldSource, key: key)
      gather(fresh, freshSource, key: key)
      if !zip(entries, entries.dropFirst()).allSatisfy({ $0.document < $1.document }) {
        entries.sort { $0.document < $1.document }
      }
      var previous = -1
      for entry in entries {
        VarInt.append(Int(entry.document) - previous, to: &merged.bytes)
        VarInt.append(entry.position, to: &merged.bytes)
        previous = Int(entry.document)
      }
      merged.starts.append(merged.bytes.count)
      merged.frequencies[key] = UInt32(entries.count)
    }
    return merged
  }

  /// The terms in byte order of their keys: the stored order, renumbered, with the new terms
  /// (sorted among themselves) merged in.
  static func sortedTerms(old: [Int32], termOf: [Int32], terms: TermTable) -> [Int32] {
    let kept = old.compactMap { termOf[Int($0)] >= 0 ? termOf[Int($0)] : nil }
    var isKept = [Bool](repeating: false, count: terms.count)
    for id in kept { isKept[Int(id)] = true }
    var added = (0..<Int32(terms.count)).filter { !isKept[Int($0)] }
    added.sort { terms.key(Int($0)).lexicographicallyPrecedes(terms.key(Int($1))) }
    var sorted: [Int32] = []
    sorted.reserveCapacity(terms.count)
    var next = 0
    for id in kept {
      while next < added.count, terms.key(Int(added[next])).lexicographicallyPrecedes(terms.key(Int(id))) {
        sorted.append(added[next])
        next += 1
      }
      sorted.append(id)
    }
    sorted.append(contentsOf: added[next...])
    return sorted
  }
}

/// A buffer whose positions are written from several threads, each by one.
private struct SharedBuffer<Element>: @unchecked Sendable {
  let value: UnsafeMutableBufferPointer<Element>
}
