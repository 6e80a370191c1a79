import Foundation

/// A window of a document's text around its best match.
public struct Snippet: Sendable, Equatable {
  /// Text of the window, line breaks turned into spaces; `…` marks a cut at either end.
  public let text: String
  /// The matched words, as ranges of Unicode-scalar offsets into `text`.
  public let marks: [Range<Int>]

  public init(text: String, marks: [Range<Int>]) {
    self.text = text
    self.marks = marks
  }

  /// The marked words, in order.
  public var markedWords: [String] {
    let scalars = Array(text.unicodeScalars)
    return marks.map { range in
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return String(view)
    }
  }
}

public struct SearchHit: Sendable, Equatable {
  /// Index into the documents the index was built from.
  public let document: Int
  /// BM25 over folded words; for each run of words typed one after the other that the document
  /// holds as a phrase, plus the highest BM25 the query could reach, so exact phrases rank first.
  public let score: Double
  public let snippet: Snippet
}

/// An immutable inverted index over documents' texts and fields.
///
/// Each distinct folded word (and each document number and date found in the text) has a
/// posting list of the documents holding it, with counts, exact-spelling masks and, for words,
/// token positions (see `PostingStore`): phrases are matched from positions without reading
/// any text. Texts are read again only for snippets.
public final class SearchIndex: @unchecked Sendable {
  /// The documents indexed; a text is read only to make a snippet or to tell spellings apart.
  private let documents: [Document]
  private let store: PostingStore
  private let pairs: PairStore
  /// Term id to its index among `pairs.commonTerms`.
  private let commonIndexOfTerm: [Int: Int]
  private let averageLength: Double
  /// The filters' fields, one entry per document (`Fields`).
  private let fields: Fields
  private let identities: TextIdentities
  private let sortedTermsLock = NSLock()
  private var sortedTermsStorage: [Int32]?
  private let decodedLock = NSLock()
  private var recentlyDecoded: [(term: Int, postings: Postings)] = []
  /// The documents of a long list that write a word with one spelling (`exactPostings`), kept likewise.
  private var recentlyFiltered: [(term: Int, bit: UInt8, postings: Postings?)] = []
  /// The documents (and, when read, first positions) of the last few long pair lists read.
  private var recentPairs: [(key: Int, documents: [UInt32], positions: [UInt32])] = []
  private let lastMatchLock = NSLock()
  private var lastMatch: (query: SearchQuery, documents: [Int])?
  private let shortPrefixLock = NSLock()
  private var shortPrefixUnions: [[UInt8]: Postings?] = [:]

  public var documentCount: Int { documents.count }
  public var termCount: Int { store.terms.count }
  /// Bytes held by the posting lists: documents, counts and masks.
  public var postingsSize: Int { store.documentBytes.count }
  /// Bytes held by the word positions.
  public var positionsSize: Int { store.positionBytes.count }
  /// Bytes held by the documents of pairs of common words.
  public var pairsSize: Int { pairs.bytes.count }

  public convenience init(documents: [Document]) {
    self.init(documents: documents, chunkCount: nil)
  }

  /// `chunkCount`: how many runs of documents are indexed apart and then joined; by default
  /// four per core.
  convenience init(documents: [Document], chunkCount: Int?) {
    let (store, pairs, identities) = IndexBuilder.build(documents: documents, chunkCount: chunkCount)
    self.init(
      documents: documents,
      parts: Parts(store: store, pairs: pairs, fields: Fields(documents: documents), identities: identities))
  }

  /// What the index holds besides the documents: what it is built into and stored as.
  struct Parts {
    var store: PostingStore
    var pairs: PairStore
    var fields: Fields
    /// What identifies each document's text, so that a stored index can be brought up to date.
    var identities: TextIdentities
  }

  /// The fields the filters read, one entry per document, names by small ids.
  struct Fields {
    var provinceNames: [String] = []
    var provinceOfDocument: [Int32] = []
    var province2025OfDocument: [Int32] = []
    /// The province names as the documents give them, by the ids of `provinceOfDocument`.
    var provinceSpellings: [String] = []
    var levelOfDocument: [Level] = []
    var typeNames: [String] = []
    var typeOfDocument: [Int32] = []
    var yearOfDocument: [Int16] = []
    var documentsCiting: [String: [UInt32]] = [:]
    /// Beside each of `documentsCiting`'s documents, the relations (`Relation.bit`) of its citations of that number.
    var relationsCiting: [String: [UInt16]] = [:]
    /// The relations of each document's citations, as `Relation.bit`s.
    var relationsOfDocument: [UInt16] = []

    init() {}

    init(documents: [Document]) {
      self.init(listedFieldsOf: documents)
      (documentsCiting, relationsCiting, relationsOfDocument) = Self.citations(
        of: documents, positions: Array(documents.indices))
    }

    /// The fields of `documents`, those of their citations taken from `stored` for the documents
    /// whose text it holds (`sourceOf`: per document, its position in `stored`, or -1): a
    /// citation's number and relation are read from the text alone, and linking changes neither.
    /// The others are read from their citations (which a snapshot's documents decode on first read).
    init(documents: [Document], reusing stored: Fields, sourceOf: [Int32]) {
      self.init(listedFieldsOf: documents)
      var targets: [[UInt32]] = Array(repeating: [], count: stored.relationsOfDocument.count)
      var relationsOfDocument = [UInt16](repeating: 0, count: documents.count)
      for (position, source) in sourceOf.enumerated() where source >= 0 {
        targets[Int(source)].append(UInt32(position))
        relationsOfDocument[position] = stored.relationsOfDocument[Int(source)]
      }
      let fresh = sourceOf.indices.filter { sourceOf[$0] < 0 }
      let (freshCiting, freshRelations, freshOfDocument) = Self.citations(of: documents, positions: fresh)
      for (slot, position) in fresh.enumerated() { relationsOfDocument[position] = freshOfDocument[slot] }
      var citing: [String: [UInt32]] = [:]
      var relationsCiting: [String: [UInt16]] = [:]
      for key in Set(stored.documentsCiting.keys).union(freshCiting.keys) {
        var pairs: [(document: UInt32, relations: UInt16)] = []
        let storedDocuments = stored.documentsCiting[key] ?? []
        let storedRelations = stored.relationsCiting[key] ?? []
        for (slot, document) in storedDocuments.enumerated() {
          for target in targets[Int(document)] { pairs.append((target, storedRelations[slot])) }
        }
        for (slot, document) in (freshCiting[key] ?? []).enumerated() {
          pairs.append((UInt32(fresh[Int(document)]), freshRelations[key]![slot]))
        }
        guard !pairs.isEmpty else { continue }
        pairs.sort { $0.document < $1.document }
        citing[key] = pairs.map(\.document)
        relationsCiting[key] = pairs.map(\.relations)
      }
      documentsCiting = citing
      self.relationsCiting = relationsCiting
      self.relationsOfDocument = relationsOfDocument
    }

    /// The citation fields of the documents at `positions` (ascending), numbered by their slot in it.
    private static func citations(of documents: [Document], positions: [Int]) -> (
      [String: [UInt32]], [String: [UInt16]], [UInt16]
    ) {
      var citing: [String: [UInt32]] = [:]
      var relationsCiting: [String: [UInt16]] = [:]
      var relationsOfDocument = [UInt16](repeating: 0, count: positions.count)
      var keyOfNumber: [String: String] = [:]
      for (index, position) in positions.enumerated() {
        var seen = Set<String>()
        for citation in documents[position].citations {
          relationsOfDocument[index] |= citation.relation.bit
          guard let number = citation.number else { continue }
          let key: String
          if let known = keyOfNumber[number] {
            key = known
          } else {
            key = canonicalDocumentNumber(number)
            keyOfNumber[number] = key
          }
          if seen.insert(key).inserted {
            citing[key, default: []].append(UInt32(index))
            relationsCiting[key, default: []].append(citation.relation.bit)
          } else if let last = relationsCiting[key]?.indices.last {
            relationsCiting[key]?[last] |= citation.relation.bit
          }
        }
      }
      return (citing, relationsCiting, relationsOfDocument)
    }

    /// The fields a list shows (province, level, type, year); the citations' left empty.
    private init(listedFieldsOf documents: [Document]) {
      var provinceIDs: [String: Int32] = [:]
      var provinceNames: [String] = []
      var provinceSpellings: [String] = []
      func provinceID(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let id = provinceIDs[name] { return id }
        let key = SearchQuery.fieldKey(name)
        let id = Int32(provinceNames.firstIndex(of: key) ?? provinceNames.count)
        if Int(id) == provinceNames.count {
          provinceNames.append(key)
          provinceSpellings.append(name)
        }
        provinceIDs[name] = id
        return id
      }
      provinceOfDocument = documents.map { provinceID($0.province) }
      province2025OfDocument = documents.map { provinceID($0.province2025) }
      self.provinceNames = provinceNames
      self.provinceSpellings = provinceSpellings
      levelOfDocument = documents.map(\.level)

      var typeIDs: [String: Int32] = [:]
      var typeNames: [String] = []
      typeOfDocument = documents.map { document in
        guard let type = document.type else { return -1 }
        if let id = typeIDs[type] { return id }
        let key = SearchQuery.fieldKey(type)
        let id = Int32(typeNames.firstIndex(of: key) ?? typeNames.count)
        if Int(id) == typeNames.count { typeNames.append(key) }
        typeIDs[type] = id
        return id
      }
      self.typeNames = typeNames
      yearOfDocument = documents.map { Int16($0.sortDate?.year ?? 0) }
    }
  }

  init(documents: [Document], parts: Parts, sortedTerms: [Int32]? = nil) {
    self.documents = documents
    sortedTermsStorage = sortedTerms
    store = parts.store
    pairs = parts.pairs
    var commonIndex: [Int: Int] = [:]
    for (index, term) in parts.pairs.commonTerms.enumerated() { commonIndex[Int(term)] = index }
    commonIndexOfTerm = commonIndex
    let total = store.lengths.reduce(0) { $0 + Int($1) }
    averageLength = documents.isEmpty ? 1 : max(1, Double(total) / Double(documents.count))
    fields = parts.fields
    identities = parts.identities
  }

  /// The parts again, for writing them to a file.
  var parts: Parts { Parts(store: store, pairs: pairs, fields: fields, identities: identities) }

  // MARK: Queries

  public func search(_ query: String, limit: Int = .max) -> [SearchHit] {
    search(SearchQuery.parse(query), limit: limit)
  }

  /// Hits ranked by score, best first; ties keep document order.
  public func search(_ query: SearchQuery, limit: Int = .max) -> [SearchHit] {
    guard limit > 0 else { return [] }
    return Self.best(evaluate(query, limit: limit), limit: limit).map { candidate in
      let document = Int(candidate.document)
      return SearchHit(
        document: document, score: candidate.score, snippet: snippet(query, document: document))
    }
  }

  public func matchingDocuments(_ query: String) -> [Int] {
    matchingDocuments(SearchQuery.parse(query))
  }

  /// Every matching document, in document order, unranked and without snippets. The last
  /// answer is kept: a query typed on reads the same one again (`"ban thuong vu` then its
  /// closing quote).
  public func matchingDocuments(_ query: SearchQuery) -> [Int] {
    if query.isEmpty { return Array(0..<documents.count) }
    if let last = lastMatchLock.withLock({ lastMatch }), last.query == query { return last.documents }
    let found = evaluate(query, scoring: false).map { Int($0.document) }
    lastMatchLock.withLock { lastMatch = (query, found) }
    return found
  }

  struct Candidate {
    var document: UInt32
    var score: Double

    /// Higher score first; equal scores in document order.
    @inline(__always)
    func ranksBefore(_ other: Candidate) -> Bool {
      score > other.score || (score == other.score && document < other.document)
    }
  }

  /// The `limit` best candidates, best first.
  static func best(_ candidates: [Candidate], limit: Int) -> [Candidate] {
    if limit >= candidates.count / 8 {
      return Array(candidates.sorted { $0.ranksBefore($1) }.prefix(limit))
    }
    var kept: [Candidate] = []
    kept.reserveCapacity(limit + 1)
    for candidate in candidates {
      if kept.count == limit, let last = kept.last, !candidate.ranksBefore(last) { continue }
      var low = 0
      var high = kept.count
      while low < high {
        let middle = (low + high) / 2
        if kept[middle].ranksBefore(candidate) { low = middle + 1 } else { high = middle }
      }
      kept.insert(candidate, at: low)
      if kept.count > limit { kept.removeLast() }
    }
    return kept
  }

  private struct Postings {
    var documents: [UInt32] = []
    var counts: [UInt32] = []
    var masks: [UInt8] = []
  }

  private struct RequiredTerm {
    var postings: Postings
    var frequency: Int
  }

  /// The documents that write a word typed with marks with exactly those marks (`thiên`, not
  /// `thiện`); nil when none does. Spellings past the seventh of a word share one mask bit:
  /// those documents are read again to tell them apart.
  private func exactPostings(_ id: Int, word: SearchQuery.Word) -> Postings? {
    let variants = store.variants(of: id)
    let bit: UInt8
    if let variant = variants.firstIndex(of: word.exactHash) {
      bit = UInt8(1) << UInt8(variant - variants.startIndex)
    } else if variants.count >= IndexBuilder.variantLimit {
      bit = 0x80
    } else {
      return nil
    }
    let all = decodedPostings(id)
    let keeps = all.documents.count >= Self.keptListLength && bit != 0x80
    if keeps, let kept = decodedLock.withLock({ recentlyFiltered.first { $0.term == id && $0.bit == bit } }) {
      return kept.postings
    }
    var kept = Postings()
    for slot in all.documents.indices where all.masks[slot] & bit != 0 {
      if bit == 0x80, !spells(Int(all.documents[slot]), word) { continue }
      kept.documents.append(all.documents[slot])
      kept.counts.append(all.counts[slot])
      kept.masks.append(all.masks[slot])
    }
    let found = kept.documents.isEmpty ? nil : kept
    if keeps {
      decodedLock.withLock {
        recentlyFiltered.insert((id, bit, found), at: 0)
        if recentlyFiltered.count > Self.keptListCount { recentlyFiltered.removeLast() }
      }
    }
    return found
  }

  /// True when the document's text holds the word with the marks it was typed with.
  private func spells(_ document: Int, _ word: SearchQuery.Word) -> Bool {
    var found = false
    withSearchTokenizer(documents[document].text) { tokenizer in
      while !found, tokenizer.next() {
        found =
          tokenizer.token.exactHash == word.exactHash && tokenizer.token.folded.elementsEqual(word.folded)
      }
    }
    return found
  }

  /// Candidates satisfying every word, number, date, phrase and filter, in document order.
  /// A word typed with marks matches only that spelling; one typed without matches every spelling.
  ///
  /// With a `limit`, only the candidates that may rank among the `limit` best (see
  /// `leadingCandidates`); their scores are those of the full evaluation.
  private func evaluate(_ query: SearchQuery, scoring: Bool = true, limit: Int? = nil) -> [Candidate] {
    var required: [RequiredTerm] = []
    func require(_ word: SearchQuery.Word) -> Bool {
      guard let id = store.terms.find(word.folded) else { return false }
      if word.exactHash == 0 {
        required.append(RequiredTerm(postings: decodedPostings(id), frequency: Int(store.frequencies[id])))
      } else {
        guard let postings = exactPostings(id, word: word) else { return false }
        required.append(RequiredTerm(postings: postings, frequency: postings.documents.count))
      }
      return true
    }
    for (position, word) in query.words.enumerated() {
      let isPrefix = query.lastWordIsPrefix && position == query.words.count - 1
      if isPrefix {
        guard let postings = prefixPostings(word.folded) else { return [] }
        required.append(RequiredTerm(postings: postings, frequency: postings.documents.count))
        continue
      }
      guard require(word) else { return [] }
    }
    var keys = query.numberKeys + query.dateKeys
    var phraseTerms: [[Int]] = []
    for (phrase, derived) in zip(query.phraseTokens, query.phraseDerivedKeys) {
      var ids: [Int] = []
      for word in phrase {
        guard let id = store.terms.find(word.folded) else { return [] }
        ids.append(id)
        if word.exactHash != 0, !require(word) { return [] }
      }
      phraseTerms.append(ids)
      // A marked word is already required in its own spelling, a subset of its folded postings.
      keys += phrase.filter { $0.exactHash == 0 }.map(\.folded)
      keys += derived
    }
    var seenKeys = Set<[UInt8]>()
    for key in keys where seenKeys.insert(key).inserted {
      guard let id = store.terms.find(key) else { return [] }
      required.append(RequiredTerm(postings: decodedPostings(id), frequency: Int(store.frequencies[id])))
    }

    var bonusTerms: [Postings] = []
    if scoring {
      for word in query.words where word.folded.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
        let prefix = [DerivedTerm.numberPrefix] + word.folded + [UInt8(ascii: ".")]
        if let postings = prefixPostings(prefix) { bonusTerms.append(postings) }
      }
    }

    var documents: [UInt32]
    var scores: [Double]
    if required.isEmpty {
      documents = (0..<UInt32(self.documents.count)).map { $0 }
      scores = [Double](repeating: 0, count: documents.count)
    } else {
      required.sort { $0.postings.documents.count < $1.postings.documents.count }
      documents = required[0].postings.documents
      scores = [Double](repeating: 0, count: documents.count)
      for term in required {
        let idf = inverseDocumentFrequency(term.frequency)
        let kept = Self.intersect(
          &documents, scores: &scores, with: term.postings, scoring: scoring ? idf : nil,
          lengths: store.lengths,
          weight: termWeight(_:_:))
        documents.removeLast(documents.count - kept)
        scores.removeLast(scores.count - kept)
        if documents.isEmpty { return [] }
      }
    }

    // A digit word that begins a document number in the text (`07` of `07-KL/TW`) counts
    // again, as a rarer term, so that `ket luan 07` ranks the documents citing 07-KL/TW first.
    for bonus in bonusTerms {
      let idf = inverseDocumentFrequency(bonus.documents.count)
      var cursor = 0
      for slot in documents.indices {
        let document = documents[slot]
        while cursor < bonus.documents.count && bonus.documents[cursor] < document { cursor += 1 }
        guard cursor < bonus.documents.count, bonus.documents[cursor] == document else { continue }
        scores[slot] += idf * termWeight(count: bonus.counts[cursor], length: store.lengths[Int(document)])
      }
    }

    let filter = FieldFilter(query: query, index: self)
    // Words typed one after the other that stand so in the document (`thien tai` in `thiên tai`)
    // rank it above every document holding them apart: each run adds the most BM25 can give.
    var runs: [[Int]] = []
    var ceiling = 0.0
    if scoring, !query.adjacentRuns.isEmpty {
      ceiling =
        required.reduce(0) { $0 + inverseDocumentFrequency($1.frequency) * 2.2 }
        + bonusTerms.reduce(0) { $0 + inverseDocumentFrequency($1.documents.count) * 2.2 }
      for run in query.adjacentRuns {
        let ids = run.compactMap { store.terms.find($0.folded) }
        if ids.count == run.count { runs.append(ids) }
      }
    }
    let readsPositions = phraseTerms.contains { $0.count > 1 } || !runs.isEmpty
    if let limit, scoring, readsPositions, limit < documents.count / 4 {
      return leadingCandidates(
        documents: documents, scores: scores, filter: filter, phrases: phraseTerms, runs: runs,
        ceiling: ceiling, limit: limit)
    }

    var holdsPhrases = [Bool](repeating: true, count: documents.count)
    for phrase in phraseTerms {
      markPhraseMatches(phrase, documents: documents, keep: &holdsPhrases)
    }
    var accepted = holdsPhrases
    if !filter.acceptsEveryDocument {
      for (slot, document) in documents.enumerated() where accepted[slot] {
        accepted[slot] = filter.accepts(Int(document))
      }
    }
    for ids in runs {
      var holdsRun = accepted
      markPhraseMatches(ids, documents: documents, keep: &holdsRun)
      for slot in documents.indices where holdsRun[slot] { scores[slot] += ceiling }
    }

    var candidates: [Candidate] = []
    candidates.reserveCapacity(documents.count)
    for (slot, document) in documents.enumerated() where accepted[slot] {
      candidates.append(Candidate(document: document, score: scores[slot]))
    }
    return candidates
  }

  /// Keeps at the front of `documents` (ascending) those the list holds, with their scores beside
  /// them, plus `idf` times the term's weight when scoring; returns how many are kept.
  private static func intersect(
    _ documents: inout [UInt32], scores: inout [Double], with list: Postings, scoring idf: Double?,
    lengths: [UInt32], weight: (UInt32, UInt32) -> Double
  ) -> Int {
    documents.withUnsafeMutableBufferPointer { documents in
      scores.withUnsafeMutableBufferPointer { scores in
        list.documents.withUnsafeBufferPointer { listed in
          var kept = 0
          var cursor = 0
          for slot in 0..<documents.count {
            let document = documents[slot]
            while cursor < listed.count && listed[cursor] < document { cursor += 1 }
            guard cursor < listed.count, listed[cursor] == document else { continue }
            documents[kept] = document
            scores[kept] = scores[slot]
            if let idf {
              scores[kept] += idf * weight(list.counts[cursor], lengths[Int(document)])
            }
            kept += 1
          }
          return kept
        }
      }
    }
  }

  /// The candidates of a ranked search whose phrases and runs are checked against positions, read
  /// only for documents that may still rank among the `limit` best: in order of the score they
  /// would have with every run held, in growing batches, until the next one's such score is
  /// below the `limit`-th best score found. A document left out scores below every one of the
  /// `limit` best, so `best(_:limit:)` of the result is that of every candidate.
  ///
  /// `documents`: ascending, each holding every word of `phrases` and `runs`; `scores`: beside
  /// them, before the runs' bonus.
  private func leadingCandidates(
    documents: [UInt32], scores: [Double], filter: FieldFilter, phrases: [[Int]], runs: [[Int]],
    ceiling: Double, limit: Int
  ) -> [Candidate] {
    // A document lacking a pair of common words of a run cannot hold the run: its ceiling
    // leaves out that run's bonus. One lacking a pair of a phrase is no candidate.
    var ceilings = scores
    for ids in runs {
      var mayHold = [Bool](repeating: true, count: documents.count)
      _ = keepDocumentsHoldingPairs(ids, documents: documents, keep: &mayHold)
      for slot in ceilings.indices where mayHold[slot] { ceilings[slot] += ceiling }
    }
    var possible = [Bool](repeating: true, count: documents.count)
    for phrase in phrases where phrase.count > 1 {
      _ = keepDocumentsHoldingPairs(phrase, documents: documents, keep: &possible)
    }
    // Slots still to check, ascending. Each batch takes those whose ceiling is among the
    // `batchSize` highest (ties included) without sorting them all: at 100,000 documents
    // sorting every candidate by its ceiling cost more than the rest of the search.
    let acceptsEveryDocument = filter.acceptsEveryDocument
    var pending = documents.indices.filter {
      possible[$0] && (acceptsEveryDocument || filter.accepts(Int(documents[$0])))
    }
    var found: [Candidate] = []
    var leading: [Candidate] = []
    var batchSize = max(limit * 2, 64)
    while !pending.isEmpty {
      if leading.count == limit, let last = leading.last {
        // A document whose ceiling is below the `limit`-th best score found cannot rank.
        pending.removeAll { ceilings[$0] < last.score }
        if pending.isEmpty { break }
      }
      let slots: [Int]
      if pending.count <= batchSize {
        slots = pending
        pending = []
      } else {
        var values = pending.map { ceilings[$0] }
        let threshold = Self.largest(batchSize, of: &values)
        slots = pending.filter { ceilings[$0] >= threshold }
        pending.removeAll { ceilings[$0] >= threshold }
      }
      let batch = slots.map { documents[$0] }
      var holdsPhrases = [Bool](repeating: true, count: batch.count)
      for phrase in phrases {
        markPhraseMatches(phrase, documents: batch, keep: &holdsPhrases)
      }
      var final = slots.map { scores[$0] }
      for ids in runs {
        var holdsRun = holdsPhrases
        markPhraseMatches(ids, documents: batch, keep: &holdsRun)
        for position in batch.indices where holdsRun[position] { final[position] += ceiling }
      }
      for position in batch.indices where holdsPhrases[position] {
        found.append(Candidate(document: batch[position], score: final[position]))
      }
      leading = Self.best(found, limit: limit)
      // Each batch reads the lists from their start again: few batches, even when every
      // document must be checked (words that seldom stand together).
      batchSize *= 8
    }
    return found
  }

  /// The `rank`-th largest of `values` (1: the largest), found by partitioning `values` in place
  /// (their order is lost); `rank` is at least 1 and at most `values.count`.
  static func largest(_ rank: Int, of values: inout [Double]) -> Double {
    values.withUnsafeMutableBufferPointer { values in
      let target = rank - 1
      var low = 0
      var high = values.count - 1
      while low < high {
        let middle = low + (high - low) / 2
        let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
        var left = low
        var right = high
        while left <= right {
          while values[left] > pivot { left += 1 }
          while values[right] < pivot { right -= 1 }
          if left <= right {
            values.swapAt(left, right)
            left += 1
            right -= 1
          }
        }
        if target <= right {
          high = right
        } else if target >= left {
          low = left
        } else {
          return values[target]
        }
      }
      return values[target]
    }
  }

  private func inverseDocumentFrequency(_ frequency: Int) -> Double {
    let count = Double(documents.count)
    let frequency = Double(frequency)
    return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
  }

  private func termWeight(_ count: UInt32, _ length: UInt32) -> Double {
    termWeight(count: count, length: length)
  }

  private func termWeight(count: UInt32, length: UInt32) -> Double {
    let k1 = 1.2
    let b = 0.75
    let tf = Double(count)
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(length) / averageLength))
  }

  /// Lists this long or longer are kept once decoded (`decodedPostings`).
  static let keptListLength = 4096
  /// How many decoded lists are kept: the words of a query being typed.
  static let keptListCount = 16

  /// The decoded list of a term; the last few long ones are kept, so that a query typed word by
  /// word decodes each word once.
  private func decodedPostings(_ id: Int) -> Postings {
    guard store.frequencies[id] >= Self.keptListLength else { return decode(id) }
    if let kept = decodedLock.withLock({ recentlyDecoded.first { $0.term == id } }) { return kept.postings }
    let postings = decode(id)
    decodedLock.withLock {
      recentlyDecoded.removeAll { $0.term == id }
      recentlyDecoded.insert((id, postings), at: 0)
      if recentlyDecoded.count > Self.keptListCount { recentlyDecoded.removeLast() }
    }
    return postings
  }

  private func decode(_ id: Int) -> Postings {
    var postings = Postings()
    let count = Int(store.frequencies[id])
    postings.documents.reserveCapacity(count)
    postings.counts.reserveCapacity(count)
    postings.masks.reserveCapacity(count)
    store.documentBytes.withUnsafeBufferPointer { bytes in
      var position = store.documentStarts[id]
      var document = -1
      for _ in 0..<count {
        document += VarInt.read(bytes, at: &position)
        postings.documents.append(UInt32(document))
        postings.counts.append(UInt32(VarInt.read(bytes, at: &position)))
        postings.masks.append(bytes[position])
        position += 1
      }
    }
    return postings
  }

  /// Walks one term's documents and, beside them, their word positions.
  private struct PositionCursor {
    var documentPosition: Int
    var documentsLeft: Int
    var positionPosition: Int
    var document = -1
    var occurrences = 0
    /// True while the positions of `document` have not been read.
    var positionsPending = false
    /// Positions of documents moved past without reading them, passed over at the next read.
    var positionsToSkip = 0

    init(store: PostingStore, term: Int) {
      documentPosition = store.documentStarts[term]
      documentsLeft = Int(store.frequencies[term])
      positionPosition = store.positionStarts[term]
    }

    /// Moves to `target`, which the term's list holds.
    @inline(__always)
    mutating func advance(to target: Int, documentBytes: UnsafeBufferPointer<UInt8>) {
      while document < target && documentsLeft > 0 {
        if positionsPending { positionsToSkip += occurrences }
        document += VarInt.read(documentBytes, at: &documentPosition)
        occurrences = VarInt.read(documentBytes, at: &documentPosition)
        documentPosition += 1
        documentsLeft -= 1
        positionsPending = true
      }
    }

    /// Positions of the current document not read yet (`startReading`, `nextPosition`).
    var unread = 0
    /// The last position of the current document read.
    var position = 0

    /// Readies the positions of the current document to be read one at a time.
    @inline(__always)
    mutating func startReading(positionBytes: UnsafeBufferPointer<UInt8>) {
      if positionsToSkip > 0 {
        VarInt.skip(positionsToSkip, in: positionBytes, at: &positionPosition)
        positionsToSkip = 0
      }
      unread = occurrences
      position = 0
      positionsPending = false
    }

    /// Reads the next position of the current document into `position`; false when none is left.
    @inline(__always)
    mutating func nextPosition(positionBytes: UnsafeBufferPointer<UInt8>) -> Bool {
      guard unread > 0 else { return false }
      position += VarInt.read(positionBytes, at: &positionPosition)
      unread -= 1
      return true
    }

    /// Leaves the positions not read to be skipped when the list is read again.
    @inline(__always)
    mutating func stopReading() {
      positionsToSkip += unread
      unread = 0
    }
  }

  /// Clears `keep` for each document (all of which hold every word of the phrase) where the
  /// phrase's words never stand one after the other.
  private func markPhraseMatches(_ phrase: [Int], documents: [UInt32], keep: inout [Bool]) {
    guard phrase.count > 1 else { return }
    if keepDocumentsHoldingPairs(phrase, documents: documents, keep: &keep) { return }
    var unsettled = keep
    markAlignedPairs(phrase, documents: documents, unsettled: &unsettled)
    var cursors = phrase.map { PositionCursor(store: store, term: $0) }
    store.documentBytes.withUnsafeBufferPointer { documentBytes in
      store.positionBytes.withUnsafeBufferPointer { positionBytes in
        cursors.withUnsafeMutableBufferPointer { cursors in
          keep.withUnsafeMutableBufferPointer { keep in
            for (slot, document) in documents.enumerated() where unsettled[slot] {
              for word in cursors.indices {
                cursors[word].advance(to: Int(document), documentBytes: documentBytes)
                cursors[word].startReading(positionBytes: positionBytes)
              }
              if !Self.phraseStands(cursors, positionBytes: positionBytes) { keep[slot] = false }
              for word in cursors.indices { cursors[word].stopReading() }
            }
          }
        }
      }
    }
  }

  /// The documents where the words `first` then `second` (term ids) stand one after the other,
  /// ascending; nil when either is not a common word, of which the index keeps no pairs.
  private func pairDocuments(_ first: Int, _ second: Int) -> [UInt32]? {
    pairOccurrences(first, second, positions: false)?.documents
  }

  /// `pairDocuments`, and with `positions` beside each document the position of the first word
  /// of the pair's first occurrence there.
  private func pairOccurrences(_ first: Int, _ second: Int, positions wantsPositions: Bool) -> (
    documents: [UInt32], positions: [UInt32]
  )? {
    guard let firstIndex = commonIndexOfTerm[first], let secondIndex = commonIndexOfTerm[second] else {
      return nil
    }
    let key = firstIndex * pairs.commonTerms.count + secondIndex
    if let kept = decodedLock.withLock({ recentPairs.first { $0.key == key } }),
      !wantsPositions || kept.positions.count == kept.documents.count
    {
      return (kept.documents, kept.positions)
    }
    var documents: [UInt32] = []
    var positions: [UInt32] = []
    documents.reserveCapacity(Int(pairs.frequencies[key]))
    if wantsPositions { positions.reserveCapacity(Int(pairs.frequencies[key])) }
    pairs.bytes.withUnsafeBufferPointer { bytes in
      var position = pairs.starts[key]
      let end = pairs.starts[key + 1]
      var document = -1
      while position < end {
        document += VarInt.read(bytes, at: &position)
        documents.append(UInt32(document))
        let first = VarInt.read(bytes, at: &position)
        if wantsPositions { positions.append(UInt32(truncatingIfNeeded: first)) }
      }
    }
    if documents.count >= Self.keptListLength {
      decodedLock.withLock {
        recentPairs.removeAll { $0.key == key }
        recentPairs.insert((key, documents, positions), at: 0)
        if recentPairs.count > Self.keptListCount { recentPairs.removeLast() }
      }
    }
    return (documents, positions)
  }

  /// Clears `unsettled` for each document (ascending, each holding every pair of the phrase)
  /// where the first occurrences of the phrase's pairs follow each other, one word apart: the
  /// phrase stands there, and its positions need not be read. Only for phrases of three common
  /// words or more (two are settled by their pair alone).
  private func markAlignedPairs(_ phrase: [Int], documents: [UInt32], unsettled: inout [Bool]) {
    guard phrase.count > 2,
      phrase.allSatisfy({ commonIndexOfTerm[$0] != nil })
    else { return }
    var aligned = unsettled
    var firstPositions = [UInt32](repeating: 0, count: documents.count)
    for pair in 0..<(phrase.count - 1) {
      guard let occurrences = pairOccurrences(phrase[pair], phrase[pair + 1], positions: true) else { return }
      let (listed, positions) = occurrences
      let offset = UInt32(pair)
      var cursor = 0
      for slot in documents.indices where aligned[slot] {
        let document = documents[slot]
        while cursor < listed.count && listed[cursor] < document { cursor += 1 }
        guard cursor < listed.count, listed[cursor] == document else {
          aligned[slot] = false
          continue
        }
        if pair == 0 {
          firstPositions[slot] = positions[cursor]
        } else if positions[cursor] != firstPositions[slot] &+ offset {
          aligned[slot] = false
        }
      }
    }
    for slot in documents.indices where aligned[slot] { unsettled[slot] = false }
  }

  /// Clears `keep` for each document (ascending) lacking a pair of common words that the phrase
  /// holds; true when that settles the phrase everywhere (two words, both common), so that no
  /// position need be read.
  private func keepDocumentsHoldingPairs(_ phrase: [Int], documents: [UInt32], keep: inout [Bool]) -> Bool {
    var settled = phrase.count == 2
    for index in 0..<(phrase.count - 1) {
      guard let list = pairDocuments(phrase[index], phrase[index + 1]) else {
        settled = false
        continue
      }
      var cursor = 0
      for (slot, document) in documents.enumerated() where keep[slot] {
        while cursor < list.count && list[cursor] < document { cursor += 1 }
        if cursor == list.count || list[cursor] != document { keep[slot] = false }
      }
    }
    return settled
  }

  /// True when the current document of every cursor has a position `p` where word `i` stands
  /// at `p + i` for each `i`. Reads positions only up to the first such `p`.
  @inline(__always)
  private static func phraseStands(
    _ cursors: UnsafeMutableBufferPointer<PositionCursor>, positionBytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for word in cursors.indices {
      guard cursors[word].nextPosition(positionBytes: positionBytes) else { return false }
    }
    var start = cursors[0].position
    var agreeing = 0
    var word = 0
    while true {
      while cursors[word].position - word < start {
        guard cursors[word].nextPosition(positionBytes: positionBytes) else { return false }
      }
      let found = cursors[word].position - word
      if found > start {
        start = found
        agreeing = 1
      } else {
        agreeing += 1
      }
      if agreeing == cursors.count { return true }
      word = word + 1 == cursors.count ? 0 : word + 1
    }
  }

  /// The union of the postings of every word that starts with `prefix`; nil when none does.
  /// Unions for one or two bytes (a word just begun, matching a good part of the vocabulary)
  /// are kept for the next time.
  private func prefixPostings(_ prefix: [UInt8]) -> Postings? {
    let isShort = prefix.count <= Self.cachedPrefixLength
    if isShort {
      shortPrefixLock.lock()
      let cached = shortPrefixUnions[prefix]
      shortPrefixLock.unlock()
      if let cached { return cached }
    }
    let union = prefixUnion(prefix)
    if isShort {
      shortPrefixLock.lock()
      shortPrefixUnions[prefix] = union
      shortPrefixLock.unlock()
    }
    return union
  }

  static let cachedPrefixLength = 2

  /// Works out now, and keeps, the union of every one-byte prefix that begins a word: the first
  /// key typed in the browser's search then costs no more than the next ones. Safe beside queries
  /// on other threads.
  public func prepareShortPrefixes() {
    // The tokenizer's table of scalars, made on first use: by the first key typed otherwise.
    _ = ScalarInfo.storage
    var firstBytes = Set<UInt8>()
    for id in 0..<store.terms.count {
      if let first = store.terms.key(id).first { firstBytes.insert(first) }
    }
    for first in firstBytes.sorted() { _ = prefixPostings([first]) }
  }

  private func prefixUnion(_ prefix: [UInt8]) -> Postings? {
    let sorted = sortedTerms()
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if store.terms.key(Int(sorted[middle])).lexicographicallyPrecedes(prefix) {
        low = middle + 1
      } else {
        high = middle
      }
    }
    var position = low
    var matching: [Int] = []
    while position < sorted.count, store.terms.key(Int(sorted[position])).starts(with: prefix) {
      matching.append(Int(sorted[position]))
      position += 1
    }
    guard !matching.isEmpty else { return nil }
    if matching.count == 1 { return decode(matching[0]) }
    var counts = [UInt32](repeating: 0, count: documents.count)
    store.documentBytes.withUnsafeBufferPointer { bytes in
      counts.withUnsafeMutableBufferPointer { counts in
        for id in matching {
          var position = store.documentStarts[id]
          var document = -1
          for _ in 0..<Int(store.frequencies[id]) {
            document += VarInt.read(bytes, at: &position)
            counts[document] &+= UInt32(truncatingIfNeeded: VarInt.read(bytes, at: &position))
            position += 1
          }
        }
      }
    }
    var postings = Postings()
    for (document, count) in counts.enumerated() where count > 0 {
      postings.documents.append(UInt32(document))
      postings.counts.append(count)
      postings.masks.append(0)
    }
    return postings
  }

  /// Term ids in byte order of their keys, built on first use (or read with the index's file).
  func sortedTerms() -> [Int32] {
    sortedTermsLock.lock()
    defer { sortedTermsLock.unlock() }
    if let sorted = sortedTermsStorage { return sorted }
    var ids = Array(0..<Int32(store.terms.count))
    let terms = store.terms
    ids.sort { terms.key(Int($0)).lexicographicallyPrecedes(terms.key(Int($1))) }
    sortedTermsStorage = ids
    return ids
  }

  // MARK: Filters

  /// Why the query's `province:` names no province (with the nearest name when there is one);
  /// nil when it names one, `unknown`, or the start of a name the corpus gives (typing in progress).
  public func provinceProblem(in query: SearchQuery) -> ProvinceSelection.Failure? {
    guard let typed = query.provinceText, let key = query.province else { return nil }
    do {
      _ = try ProvinceSelection.choice(typed, knownNames: fields.provinceSpellings)
      return nil
    } catch let failure as ProvinceSelection.Failure {
      if Gazetteer.standard.province2025(named: typed) != nil { return nil }
      if fields.provinceNames.contains(where: { $0.hasPrefix(key) }) { return nil }
      return failure
    } catch {
      return nil
    }
  }

  private struct FieldFilter {
    var provinces: Set<Int32>?
    /// `province:unknown`: no province read, and not a central document.
    var provinceUnknown = false
    var level: Level?
    var types: Set<Int32>?
    var year: Int16?
    var citing: Set<UInt32>?
    /// `rel:` without `cites:`: some citation of the document has it.
    var relation: UInt16?
    let index: SearchIndex
    private var provinceAccepted: [Bool]?
    private var typeAccepted: [Bool]?

    init(query: SearchQuery, index: SearchIndex) {
      self.index = index
      level = query.level
      if let province = query.province, let typed = query.provinceText {
        switch try? ProvinceSelection.choice(typed, knownNames: index.fields.provinceSpellings) {
        case .unknown?:
          provinceUnknown = true
        case .province(let name)?:
          provinces = Self.matching(SearchQuery.fieldKey(name), in: index.fields.provinceNames)
        case .province2025?, nil:
          let name = Gazetteer.standard.province2025(named: typed).map(SearchQuery.fieldKey) ?? province
          provinces = Self.matching(name, in: index.fields.provinceNames)
        }
      }
      if let type = query.type { types = Self.matching(type, in: index.fields.typeNames) }
      if let year = query.year { self.year = Int16(clamping: year) }
      if let cites = query.cites {
        let documents = index.fields.documentsCiting[cites] ?? []
        if let relation = query.relation {
          let relations = index.fields.relationsCiting[cites] ?? []
          citing = Set(documents.indices.filter { relations[$0] & relation.bit != 0 }.map { documents[$0] })
        } else {
          citing = Set(documents)
        }
      } else if let relation = query.relation {
        self.relation = relation.bit
      }
      provinceAccepted = provinces.map { Self.lookup($0, count: index.fields.provinceNames.count) }
      typeAccepted = types.map { Self.lookup($0, count: index.fields.typeNames.count) }
    }

    @inline(__always)
    private static func holds(_ table: [Bool], _ id: Int32) -> Bool {
      let slot = Int(id) + 1
      return slot >= 0 && slot < table.count && table[slot]
    }

    /// `ids` as a table by id plus one (id -1, no name, at 0): read without hashing.
    private static func lookup(_ ids: Set<Int32>, count: Int) -> [Bool] {
      (-1..<count).map { ids.contains(Int32($0)) }
    }

    /// Names equal to the key; failing that, names it begins (typing in progress).
    private static func matching(_ key: String, in names: [String]) -> Set<Int32> {
      let equal = names.indices.filter { names[$0] == key }
      if !equal.isEmpty { return Set(equal.map { Int32($0) }) }
      return Set(names.indices.filter { names[$0].hasPrefix(key) }.map { Int32($0) })
    }

    /// True when the query names no filter.
    var acceptsEveryDocument: Bool {
      provinces == nil && !provinceUnknown && level == nil && types == nil && year == nil && citing == nil
        && relation == nil
    }

    func accepts(_ document: Int) -> Bool {
      if let provinceAccepted {
        guard
          Self.holds(provinceAccepted, index.fields.provinceOfDocument[document])
            || Self.holds(provinceAccepted, index.fields.province2025OfDocument[document])
        else { return false }
      }
      if provinceUnknown {
        guard index.fields.provinceOfDocument[document] < 0,
          index.fields.levelOfDocument[document] != .central
        else {
          return false
        }
      }
      if let level, index.fields.levelOfDocument[document] != level { return false }
      if let typeAccepted, !Self.holds(typeAccepted, index.fields.typeOfDocument[document]) { return false }
      if let year, index.fields.yearOfDocument[document] != year { return false }
      if let citing, !citing.contains(UInt32(document)) { return false }
      if let relation, index.fields.relationsOfDocument[document] & relation == 0 { return false }
      return true
    }
  }

  // MARK: Snippets

  private struct TextToken {
    var hash: UInt64
    var exactHash: UInt64
    var scalarStart: Int
    var scalarEnd: Int
    var byteStart: Int
    var byteEnd: Int
    /// The token begins with the word being typed.
    var extendsPrefix: Bool

    init(_ token: Token, prefix: [UInt8]?) {
      hash = token.hash
      exactHash = token.exactHash
      scalarStart = token.scalarStart
      scalarEnd = token.scalarEnd
      byteStart = token.byteStart
      byteEnd = token.byteEnd
      extendsPrefix = false
      if let prefix, token.folded.count >= prefix.count {
        extendsPrefix = prefix.withUnsafeBufferPointer { prefix in
          prefix.indices.allSatisfy { token.folded[$0] == prefix[$0] }
        }
      }
    }
  }

  /// The tokens of a text and, when `derived` is set, the numbers and dates read from them.
  private func tokens(of text: UnsafeBufferPointer<UInt8>, prefix: [UInt8]?, derived detectsDerived: Bool)
    -> (
      tokens: [TextToken], derived: [(first: Int, end: Int, key: [UInt8])]
    )
  {
    var tokens: [TextToken] = []
    var derived: [(first: Int, end: Int, key: [UInt8])] = []
    withSearchTokenizer(bytes: text) { tokenizer in
      var detector = DerivedTermDetector()
      while tokenizer.next() {
        let token = tokenizer.token
        tokens.append(TextToken(token, prefix: prefix))
        if detectsDerived {
          detector.feed(token) { derived.append(($0.firstToken, $0.endToken, $0.keyBytes)) }
        }
      }
      if detectsDerived { detector.finish { derived.append(($0.firstToken, $0.endToken, $0.keyBytes)) } }
    }
    return (tokens, derived)
  }

  /// The tokens of a text up to where `snippet` has settled its window, or all of them: the
  /// snippet made from them is the one made from every token. With phrases, the window is
  /// around the first occurrence: tokens stop a window and the longest phrase past one found.
  /// Without, around the first window of `window` tokens holding as many different words typed
  /// as the query has (`reachableWords`, which may overcount: then every token is read).
  private func leadingTokens(
    of text: UnsafeBufferPointer<UInt8>, prefix: [UInt8]?, phrases: [[UInt64]], reachableWords: Int,
    window: Int,
    wordIndex: (TextToken) -> Int?
  ) -> [TextToken] {
    let longest = phrases.map(\.count).max() ?? 1
    var tokens: [TextToken] = []
    var wordAt: [Int] = []
    var inWindow = WordsInWindow()
    var settled: Int? = phrases.isEmpty && reachableWords == 0 ? 0 : nil
    withSearchTokenizer(bytes: text) { tokenizer in
      while tokenizer.next() {
        let token = tokenizer.token
        let textToken = TextToken(token, prefix: prefix)
        tokens.append(textToken)
        if let settled {
          if tokens.count >= settled + window + longest + 2 { break }
          continue
        }
        let end = tokens.count
        if !phrases.isEmpty {
          for phrase in phrases where phrase.count <= end {
            let start = end - phrase.count
            if phrase.indices.allSatisfy({ tokens[start + $0].hash == phrase[$0] }) {
              settled = start
              break
            }
          }
          continue
        }
        wordAt.append(wordIndex(textToken) ?? -1)
        inWindow.add(wordAt[end - 1])
        if end > window { inWindow.remove(wordAt[end - 1 - window]) }
        let start = end - window
        guard start >= 0, wordAt[start] >= 0 else { continue }
        if inWindow.distinct >= reachableWords { settled = start }
      }
    }
    return tokens
  }

  /// How many different words typed a run of tokens holds, kept as the run slides (a word is
  /// an index into the query's words, -1 for a token that is none).
  private struct WordsInWindow {
    private var counts: [Int] = []
    private(set) var distinct = 0

    mutating func add(_ word: Int) {
      guard word >= 0 else { return }
      if word >= counts.count { counts.append(contentsOf: repeatElement(0, count: word + 1 - counts.count)) }
      if counts[word] == 0 { distinct += 1 }
      counts[word] += 1
    }

    mutating func remove(_ word: Int) {
      guard word >= 0 else { return }
      counts[word] -= 1
      if counts[word] == 0 { distinct -= 1 }
    }
  }

  private static func occurrences(of phrase: [UInt64], in tokens: [TextToken]) -> [Int] {
    guard !phrase.isEmpty, tokens.count >= phrase.count else { return [] }
    var starts: [Int] = []
    outer: for start in 0...(tokens.count - phrase.count) {
      for offset in 0..<phrase.count where tokens[start + offset].hash != phrase[offset] { continue outer }
      starts.append(start)
    }
    return starts
  }

  /// About 30 words around the best match, every match in the window marked.
  /// `readingEveryToken`: tokenize the whole text even when the window is settled sooner (the
  /// tests compare the two).
  func snippet(_ query: SearchQuery, document: Int, readingEveryToken: Bool = false) -> Snippet {
    documents[document].textStorage.withUTF8Bytes { documentText in
      snippet(query, text: documentText, readingEveryToken: readingEveryToken)
    }
  }

  private func snippet(
    _ query: SearchQuery, text documentText: UnsafeBufferPointer<UInt8>, readingEveryToken: Bool
  )
    -> Snippet
  {
    let prefixWord = query.lastWordIsPrefix ? query.words.last?.folded : nil
    let wanted = Set(query.numberKeys + query.dateKeys)
    let phrases = query.phraseTokens.map { phrase in phrase.map { fnvHash($0.folded) } }
    // The words typed, each with its folded hash and exact spelling (0: any spelling): a query
    // has few, read in order faster than hashed for every token.
    var typedWords: [(hash: UInt64, word: Int, exactHash: UInt64)] = []
    for (offset, word) in query.words.enumerated()
    where !(query.lastWordIsPrefix && offset == query.words.count - 1) {
      typedWords.append((fnvHash(word.folded), offset, word.exactHash))
    }
    func wordIndex(_ token: TextToken) -> Int? {
      for typed in typedWords
      where typed.hash == token.hash && (typed.exactHash == 0 || typed.exactHash == token.exactHash) {
        return typed.word
      }
      return token.extendsPrefix ? query.words.count - 1 : nil
    }
    let window = 30
    let tokens: [TextToken]
    let derived: [(first: Int, end: Int, key: [UInt8])]
    if wanted.isEmpty, !readingEveryToken {
      tokens = leadingTokens(
        of: documentText, prefix: prefixWord, phrases: phrases,
        reachableWords: typedWords.count + (prefixWord == nil ? 0 : 1),
        window: window, wordIndex: wordIndex)
      derived = []
    } else {
      (tokens, derived) = self.tokens(of: documentText, prefix: prefixWord, derived: true)
    }
    guard !tokens.isEmpty else { return Snippet(text: "", marks: []) }
    var marked = [Bool](repeating: false, count: tokens.count)
    var strong: [Int] = []
    for hashes in phrases {
      for start in Self.occurrences(of: hashes, in: tokens) {
        strong.append(start)
        for position in start..<(start + hashes.count) { marked[position] = true }
      }
    }
    for term in derived where wanted.contains(term.key) {
      strong.append(term.first)
      for position in term.first..<min(term.end, tokens.count) { marked[position] = true }
    }
    var wordAt = [Int](repeating: -1, count: tokens.count)
    if !typedWords.isEmpty || prefixWord != nil {
      for (position, token) in tokens.enumerated() {
        if let word = wordIndex(token) {
          wordAt[position] = word
          marked[position] = true
        }
      }
    }
    var anchor = strong.min() ?? -1
    if anchor < 0 {
      var best = -1
      var inWindow = WordsInWindow()
      var windowEnd = 0
      for start in tokens.indices {
        if start > 0 { inWindow.remove(wordAt[start - 1]) }
        while windowEnd < min(tokens.count, start + window) {
          inWindow.add(wordAt[windowEnd])
          windowEnd += 1
        }
        if wordAt[start] >= 0, inWindow.distinct > best {
          best = inWindow.distinct
          anchor = start
        }
      }
    }
    let first = max(0, anchor - 8)
    let last = min(tokens.count, first + window) - 1
    let body = String(
      decoding: UnsafeBufferPointer(rebasing: documentText[tokens[first].byteStart..<tokens[last].byteEnd]),
      as: UTF8.self)
    let lead = first > 0 ? "…" : ""
    let text =
      lead
      + String(
        String.UnicodeScalarView(
          body.unicodeScalars.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 }))
      + (last < tokens.count - 1 ? "…" : "")
    let base = tokens[first].scalarStart - lead.unicodeScalars.count
    var marks: [Range<Int>] = []
    for position in first...last where marked[position] {
      let range = (tokens[position].scalarStart - base)..<(tokens[position].scalarEnd - base)
      if let previous = marks.last, marked[position - 1], position > first {
        marks[marks.count - 1] = previous.lowerBound..<range.upperBound
      } else {
        marks.append(range)
      }
    }
    return Snippet(text: text, marks: marks)
  }
}

extension Relation {
  /// One bit per relation, for the search index's masks.
  var bit: UInt16 { 1 << UInt16(Relation.allCases.firstIndex(of: self)!) }
}
