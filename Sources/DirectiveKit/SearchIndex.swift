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
  /// BM25 over folded words; for each word typed with marks that the document writes with the
  /// same marks, plus the highest BM25 the query could reach, so such documents rank first.
  public let score: Double
  public let snippet: Snippet
}

/// An immutable inverted index over documents' texts and fields.
///
/// Each distinct folded word (and each document number and date found in the text) has a
/// posting list: for every document holding it, the gap from the previous document, the count,
/// and a byte whose bits say which exact-mark spellings of the word occur there. Phrases are
/// checked against the texts of the documents that hold all their words.
public final class SearchIndex: @unchecked Sendable {
  private let texts: [String]
  private let terms: TermTable
  private let postingStarts: [Int]
  private let postingBytes: [UInt8]
  private let documentFrequencies: [UInt32]
  /// Per term, its exact spellings (see `Token.exact`); bit `i` of a posting's mask is
  /// spelling `i`, bit 7 every spelling past the seventh.
  private let variants: [[[UInt8]]]
  private let documentLengths: [UInt32]
  private let averageLength: Double
  private let provinceNames: [String]
  private let provinceOfDocument: [Int32]
  private let province2025OfDocument: [Int32]
  private let typeNames: [String]
  private let typeOfDocument: [Int32]
  private let yearOfDocument: [Int16]
  private let documentsCiting: [String: [UInt32]]
  private let sortedTermsLock = NSLock()
  private var sortedTermsStorage: [Int32]?

  public var documentCount: Int { texts.count }
  public var termCount: Int { terms.count }
  /// Bytes held by the posting lists.
  public var postingsSize: Int { postingBytes.count }

  public init(documents: [Document]) {
    texts = documents.map(\.text)
    let built = IndexBuilder.build(texts: texts)
    terms = built.terms
    postingStarts = built.starts
    postingBytes = built.bytes
    documentFrequencies = built.frequencies
    variants = built.variants
    documentLengths = built.lengths
    let total = built.lengths.reduce(0) { $0 + Int($1) }
    averageLength = documents.isEmpty ? 1 : max(1, Double(total) / Double(documents.count))

    var provinceIDs: [String: Int32] = [:]
    var provinceNames: [String] = []
    func provinceID(_ name: String?) -> Int32 {
      guard let name else { return -1 }
      let key = SearchQuery.fieldKey(name)
      if let id = provinceIDs[key] { return id }
      let id = Int32(provinceNames.count)
      provinceIDs[key] = id
      provinceNames.append(key)
      return id
    }
    provinceOfDocument = documents.map { provinceID($0.province) }
    province2025OfDocument = documents.map { provinceID($0.province2025) }
    self.provinceNames = provinceNames

    var typeIDs: [String: Int32] = [:]
    var typeNames: [String] = []
    typeOfDocument = documents.map { document in
      guard let type = document.type else { return -1 }
      let key = SearchQuery.fieldKey(type)
      if let id = typeIDs[key] { return id }
      let id = Int32(typeNames.count)
      typeIDs[key] = id
      typeNames.append(key)
      return id
    }
    self.typeNames = typeNames
    yearOfDocument = documents.map { Int16($0.sortDate?.year ?? 0) }

    var citing: [String: [UInt32]] = [:]
    for (index, document) in documents.enumerated() {
      var seen = Set<String>()
      for citation in document.citations {
        guard let number = citation.number else { continue }
        let key = canonicalDocumentNumber(number)
        if seen.insert(key).inserted { citing[key, default: []].append(UInt32(index)) }
      }
    }
    documentsCiting = citing
  }

  // MARK: Queries

  public func search(_ query: String, limit: Int = .max) -> [SearchHit] {
    search(SearchQuery.parse(query), limit: limit)
  }

  /// Hits ranked by score, best first; ties keep document order.
  public func search(_ query: SearchQuery, limit: Int = .max) -> [SearchHit] {
    guard limit > 0 else { return [] }
    var candidates = evaluate(query)
    candidates.sort { $0.score > $1.score || ($0.score == $1.score && $0.document < $1.document) }
    var hits: [SearchHit] = []
    for candidate in candidates {
      let document = Int(candidate.document)
      guard query.phraseTokens.isEmpty || containsPhrases(query, document: document) else { continue }
      hits.append(
        SearchHit(document: document, score: candidate.score, snippet: snippet(query, document: document)))
      if hits.count >= limit { break }
    }
    return hits
  }

  public func matchingDocuments(_ query: String) -> [Int] {
    matchingDocuments(SearchQuery.parse(query))
  }

  /// Every matching document, in document order, unranked and without snippets.
  public func matchingDocuments(_ query: SearchQuery) -> [Int] {
    if query.isEmpty { return Array(0..<texts.count) }
    return evaluate(query, scoring: false).compactMap { candidate in
      let document = Int(candidate.document)
      guard query.phraseTokens.isEmpty || containsPhrases(query, document: document) else { return nil }
      return document
    }
  }

  private struct Candidate {
    var document: UInt32
    var score: Double
  }

  private struct Postings {
    var documents: [UInt32] = []
    var counts: [UInt8] = []
    var masks: [UInt8] = []
  }

  private struct RequiredTerm {
    var postings: Postings
    var frequency: Int
    /// Bit to look for in the masks when the word was typed with marks.
    var exactBit: UInt8?
  }

  /// Candidates satisfying every word, number, date, phrase word and filter (phrases
  /// themselves unchecked), in document order.
  private func evaluate(_ query: SearchQuery, scoring: Bool = true) -> [Candidate] {
    var required: [RequiredTerm] = []
    var markedWords = 0
    for (position, word) in query.words.enumerated() {
      let isPrefix = query.lastWordIsPrefix && position == query.words.count - 1
      if isPrefix {
        guard let postings = prefixPostings(word.folded) else { return [] }
        required.append(RequiredTerm(postings: postings, frequency: postings.documents.count))
        continue
      }
      guard let id = terms.find(word.folded) else { return [] }
      var exactBit: UInt8?
      if !word.exact.isEmpty {
        markedWords += 1
        if let variant = variants[id].firstIndex(of: word.exact) {
          exactBit = UInt8(1) << UInt8(min(variant, 7))
        } else {
          exactBit = variants[id].count >= 7 ? 0x80 : 0
        }
      }
      required.append(
        RequiredTerm(postings: decode(id), frequency: Int(documentFrequencies[id]), exactBit: exactBit))
    }
    var keys = query.numberKeys + query.dateKeys
    for (phrase, derived) in zip(query.phraseTokens, query.phraseDerivedKeys) {
      keys += phrase.map(\.folded)
      keys += derived
    }
    var seenKeys = Set<[UInt8]>()
    for key in keys where seenKeys.insert(key).inserted {
      guard let id = terms.find(key) else { return [] }
      required.append(RequiredTerm(postings: decode(id), frequency: Int(documentFrequencies[id])))
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
    var exactCounts: [UInt8]
    if required.isEmpty {
      documents = (0..<UInt32(texts.count)).map { $0 }
      scores = [Double](repeating: 0, count: documents.count)
      exactCounts = [UInt8](repeating: 0, count: documents.count)
    } else {
      required.sort { $0.postings.documents.count < $1.postings.documents.count }
      documents = required[0].postings.documents
      scores = [Double](repeating: 0, count: documents.count)
      exactCounts = [UInt8](repeating: 0, count: documents.count)
      for term in required {
        let idf = inverseDocumentFrequency(term.frequency)
        var kept = 0
        var cursor = 0
        let list = term.postings
        for slot in 0..<documents.count {
          let document = documents[slot]
          while cursor < list.documents.count && list.documents[cursor] < document { cursor += 1 }
          guard cursor < list.documents.count, list.documents[cursor] == document else { continue }
          documents[kept] = document
          scores[kept] = scores[slot]
          exactCounts[kept] = exactCounts[slot]
          if scoring {
            scores[kept] +=
              idf * termWeight(count: list.counts[cursor], length: documentLengths[Int(document)])
            if let bit = term.exactBit, list.masks[cursor] & bit != 0 { exactCounts[kept] += 1 }
          }
          kept += 1
        }
        documents.removeLast(documents.count - kept)
        scores.removeLast(scores.count - kept)
        exactCounts.removeLast(exactCounts.count - kept)
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
        scores[slot] += idf * termWeight(count: bonus.counts[cursor], length: documentLengths[Int(document)])
      }
    }

    let ceiling = required.reduce(0) { $0 + inverseDocumentFrequency($1.frequency) * 2.2 }
    let filter = FieldFilter(query: query, index: self)
    var candidates: [Candidate] = []
    candidates.reserveCapacity(documents.count)
    for (slot, document) in documents.enumerated() where filter.accepts(Int(document)) {
      var score = scores[slot]
      if markedWords > 0 { score += Double(exactCounts[slot]) * ceiling }
      candidates.append(Candidate(document: document, score: score))
    }
    return candidates
  }

  private func inverseDocumentFrequency(_ frequency: Int) -> Double {
    let count = Double(texts.count)
    let frequency = Double(frequency)
    return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
  }

  private func termWeight(count: UInt8, length: UInt32) -> Double {
    let k1 = 1.2
    let b = 0.75
    let tf = Double(count)
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * Double(length) / averageLength))
  }

  private func decode(_ id: Int) -> Postings {
    var postings = Postings()
    let count = Int(documentFrequencies[id])
    postings.documents.reserveCapacity(count)
    postings.counts.reserveCapacity(count)
    postings.masks.reserveCapacity(count)
    postingBytes.withUnsafeBufferPointer { bytes in
      var position = postingStarts[id]
      var document = -1
      for _ in 0..<count {
        document += VarInt.read(bytes, at: &position)
        postings.documents.append(UInt32(document))
        postings.counts.append(bytes[position])
        postings.masks.append(bytes[position + 1])
        position += 2
      }
    }
    return postings
  }

  /// The union of the postings of every word that starts with `prefix`; nil when none does.
  private func prefixPostings(_ prefix: [UInt8]) -> Postings? {
    let sorted = sortedTerms()
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if terms.key(Int(sorted[middle])).lexicographicallyPrecedes(prefix) {
        low = middle + 1
      } else {
        high = middle
      }
    }
    var counts = [UInt16](repeating: 0, count: texts.count)
    var found = false
    var position = low
    while position < sorted.count, terms.key(Int(sorted[position])).starts(with: prefix) {
      let list = decode(Int(sorted[position]))
      for (slot, document) in list.documents.enumerated() {
        counts[Int(document)] = min(255, counts[Int(document)] + UInt16(list.counts[slot]))
      }
      found = true
      position += 1
    }
    guard found else { return nil }
    var postings = Postings()
    for (document, count) in counts.enumerated() where count > 0 {
      postings.documents.append(UInt32(document))
      postings.counts.append(UInt8(count))
      postings.masks.append(0)
    }
    return postings
  }

  /// Term ids in byte order of their keys, built on first use.
  private func sortedTerms() -> [Int32] {
    sortedTermsLock.lock()
    defer { sortedTermsLock.unlock() }
    if let sorted = sortedTermsStorage { return sorted }
    var ids = Array(0..<Int32(terms.count))
    ids.sort { terms.key(Int($0)).lexicographicallyPrecedes(terms.key(Int($1))) }
    sortedTermsStorage = ids
    return ids
  }

  // MARK: Filters

  private struct FieldFilter {
    var provinces: Set<Int32>?
    var types: Set<Int32>?
    var year: Int16?
    var citing: Set<UInt32>?
    let index: SearchIndex

    init(query: SearchQuery, index: SearchIndex) {
      self.index = index
      if let province = query.province {
        provinces = Self.matching(province, in: index.provinceNames)
      }
      if let type = query.type { types = Self.matching(type, in: index.typeNames) }
      if let year = query.year { self.year = Int16(clamping: year) }
      if let cites = query.cites { citing = Set(index.documentsCiting[cites] ?? []) }
    }

    /// Names equal to the key; failing that, names it begins (typing in progress).
    private static func matching(_ key: String, in names: [String]) -> Set<Int32> {
      let equal = names.indices.filter { names[$0] == key }
      if !equal.isEmpty { return Set(equal.map { Int32($0) }) }
      return Set(names.indices.filter { names[$0].hasPrefix(key) }.map { Int32($0) })
    }

    func accepts(_ document: Int) -> Bool {
      if let provinces {
        guard
          provinces.contains(index.provinceOfDocument[document])
            || provinces.contains(index.province2025OfDocument[document])
        else { return false }
      }
      if let types, !types.contains(index.typeOfDocument[document]) { return false }
      if let year, index.yearOfDocument[document] != year { return false }
      if let citing, !citing.contains(UInt32(document)) { return false }
      return true
    }
  }

  // MARK: Phrases and snippets

  private struct TextToken {
    var hash: UInt64
    var scalarStart: Int
    var scalarEnd: Int
    var byteStart: Int
    var byteEnd: Int
  }

  private func tokens(of document: Int) -> (tokens: [TextToken], derived: [DerivedTerm]) {
    var tokens: [TextToken] = []
    var derived: [DerivedTerm] = []
    withSearchTokenizer(texts[document]) { tokenizer in
      var detector = DerivedTermDetector()
      while tokenizer.next() {
        tokens.append(
          TextToken(
            hash: tokenizer.token.hash, scalarStart: tokenizer.token.scalarStart,
            scalarEnd: tokenizer.token.scalarEnd, byteStart: tokenizer.token.byteStart,
            byteEnd: tokenizer.token.byteEnd))
        detector.feed(tokenizer.token) { derived.append($0) }
      }
      detector.finish { derived.append($0) }
    }
    return (tokens, derived)
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

  /// Streams the document's tokens and stops as soon as every phrase has been seen.
  private func containsPhrases(_ query: SearchQuery, document: Int) -> Bool {
    let phrases = query.phraseTokens.map { $0.map { fnvHash($0.folded) } }
    let longest = phrases.map(\.count).max() ?? 0
    var found = [Bool](repeating: false, count: phrases.count)
    var remaining = phrases.count
    var recent = [UInt64](repeating: 0, count: max(1, longest))
    var seen = 0
    return withSearchTokenizer(texts[document]) { tokenizer in
      while tokenizer.next() {
        recent[seen % longest] = tokenizer.token.hash
        seen += 1
        for (number, phrase) in phrases.enumerated() where !found[number] && seen >= phrase.count {
          var matches = true
          for offset in 0..<phrase.count
          where recent[(seen - phrase.count + offset) % longest] != phrase[offset] {
            matches = false
            break
          }
          if matches {
            found[number] = true
            remaining -= 1
            if remaining == 0 { return true }
          }
        }
      }
      return false
    }
  }

  /// About 30 words around the best match, every match in the window marked.
  func snippet(_ query: SearchQuery, document: Int) -> Snippet {
    let (tokens, derived) = tokens(of: document)
    guard !tokens.isEmpty else { return Snippet(text: "", marks: []) }
    var marked = [Bool](repeating: false, count: tokens.count)
    var strong: [Int] = []
    for phrase in query.phraseTokens {
      let hashes = phrase.map { fnvHash($0.folded) }
      for start in Self.occurrences(of: hashes, in: tokens) {
        strong.append(start)
        for position in start..<(start + hashes.count) { marked[position] = true }
      }
    }
    let wanted = Set(query.numberKeys + query.dateKeys)
    for term in derived where wanted.contains(term.key) {
      strong.append(term.firstToken)
      for position in term.firstToken..<min(term.endToken, tokens.count) { marked[position] = true }
    }
    let wordHashes = Dictionary(
      query.words.enumerated().map { (fnvHash($0.element.folded), $0.offset) },
      uniquingKeysWith: { first, _ in first })
    let prefixWord = query.lastWordIsPrefix ? query.words.last?.folded : nil
    var wordAt = [Int](repeating: -1, count: tokens.count)
    if !wordHashes.isEmpty || prefixWord != nil {
      let text = Array(texts[document].utf8)
      for (position, token) in tokens.enumerated() {
        if let word = wordHashes[token.hash] {
          wordAt[position] = word
          marked[position] = true
        } else if let prefixWord, Self.folded(text[token.byteStart..<token.byteEnd]).starts(with: prefixWord)
        {
          wordAt[position] = query.words.count - 1
          marked[position] = true
        }
      }
    }
    let window = 30
    var anchor = strong.min() ?? -1
    if anchor < 0 {
      var best = -1
      for start in tokens.indices where wordAt[start] >= 0 {
        var distinct = Set<Int>()
        for position in start..<min(tokens.count, start + window) where wordAt[position] >= 0 {
          distinct.insert(wordAt[position])
        }
        if distinct.count > best {
          best = distinct.count
          anchor = start
        }
      }
    }
    let first = max(0, anchor - 8)
    let last = min(tokens.count, first + window) - 1
    let utf8 = Array(texts[document].utf8)
    let body = String(decoding: utf8[tokens[first].byteStart..<tokens[last].byteEnd], as: UTF8.self)
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

  private static func folded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    withSearchTokenizer(String(decoding: bytes, as: UTF8.self)) { tokenizer in
      tokenizer.next() ? tokenizer.token.folded : []
    }
  }
}

/// Builds the posting lists, one chunk of documents per task, then joins the chunks.
private enum IndexBuilder {
  struct Output {
    var terms: TermTable
    var starts: [Int]
    var bytes: [UInt8]
    var frequencies: [UInt32]
    var variants: [[[UInt8]]]
    var lengths: [UInt32]
  }

  static func build(texts: [String]) -> Output {
    let chunkCount = max(1, min(texts.count / 512, ProcessInfo.processInfo.activeProcessorCount * 4))
    var chunks = [Chunk?](repeating: nil, count: chunkCount)
    chunks.withUnsafeMutableBufferPointer { slots in
      let slots = slots
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunkIndex in
        let lower = texts.count * chunkIndex / chunkCount
        let upper = texts.count * (chunkIndex + 1) / chunkCount
        var chunk = Chunk()
        for document in lower..<upper { chunk.add(document: document, text: texts[document]) }
        slots[chunkIndex] = chunk
      }
    }
    return merge(chunks.map { $0! })
  }

  private static func merge(_ input: [Chunk]) -> Output {
    var chunks = input
    var terms = TermTable(capacity: chunks.first?.terms.count ?? 1024)
    var variants: [[[UInt8]]] = []
    var segments: [[(chunk: Int32, local: Int32)]] = []
    var variantMaps: [[[UInt8]?]] = []
    for (chunkIndex, chunk) in chunks.enumerated() {
      var maps: [[UInt8]?] = []
      maps.reserveCapacity(chunk.terms.count)
      for local in 0..<chunk.terms.count {
        let key = Array(chunk.terms.key(local))
        let (id, isNew) = terms.insert(key)
        if isNew {
          variants.append([])
          segments.append([])
        }
        segments[id].append((Int32(chunkIndex), Int32(local)))
        var map: [UInt8] = []
        var identity = true
        for (position, variant) in chunk.variants[local].enumerated() {
          var globalIndex = variants[id].firstIndex(of: variant)
          if globalIndex == nil && variants[id].count < 7 {
            variants[id].append(variant)
            globalIndex = variants[id].count - 1
          }
          let target = UInt8(globalIndex ?? 7)
          map.append(target)
          if Int(target) != position { identity = false }
        }
        maps.append(identity ? nil : map)
      }
      variantMaps.append(maps)
    }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(chunks.reduce(0) { $0 + $1.byteCount } + segments.count * 4)
    var starts: [Int] = []
    starts.reserveCapacity(segments.count + 1)
    var frequencies = [UInt32](repeating: 0, count: segments.count)
    for (id, list) in segments.enumerated() {
      starts.append(bytes.count)
      var previous = -1
      for (chunkIndex, local) in list {
        let chunkIndex = Int(chunkIndex)
        let local = Int(local)
        let postings = chunks[chunkIndex].postings[local]
        frequencies[id] += chunks[chunkIndex].frequencies[local]
        postings.withUnsafeBufferPointer { source in
          var position = 0
          let first = VarInt.read(source, at: &position) - 1
          VarInt.append(first - previous, to: &bytes)
          if let map = variantMaps[chunkIndex][local] {
            while true {
              bytes.append(source[position])
              bytes.append(remap(source[position + 1], map))
              position += 2
              guard position < source.count else { break }
              VarInt.append(VarInt.read(source, at: &position), to: &bytes)
            }
          } else {
            bytes.append(contentsOf: source[position...])
          }
        }
        previous = chunks[chunkIndex].lastDocument[local]
        chunks[chunkIndex].postings[local] = []
      }
    }
    starts.append(bytes.count)
    return Output(
      terms: terms, starts: starts, bytes: bytes, frequencies: frequencies, variants: variants,
      lengths: chunks.flatMap(\.lengths))
  }

  private static func remap(_ mask: UInt8, _ map: [UInt8]) -> UInt8 {
    var result: UInt8 = 0
    for bit in 0..<8 where mask & (1 << bit) != 0 {
      result |= bit < map.count ? 1 << map[bit] : 0x80
    }
    return result
  }

  struct Chunk {
    var terms = TermTable(capacity: 1 << 15)
    var postings: [[UInt8]] = []
    var lastDocument: [Int] = []
    var frequencies: [UInt32] = []
    var variants: [[[UInt8]]] = []
    var lengths: [UInt32] = []
    var byteCount = 0
    private var stamp: [Int32] = []
    private var counts: [UInt32] = []
    private var masks: [UInt8] = []
    private var touched: [Int32] = []
    private var currentStamp: Int32 = 0

    mutating func add(document: Int, text: String) {
      currentStamp += 1
      touched.removeAll(keepingCapacity: true)
      var length: UInt32 = 0
      withSearchTokenizer(text) { tokenizer in
        var detector = DerivedTermDetector()
        while tokenizer.next() {
          length += 1
          let id = count(tokenizer.token.folded)
          if let variant = variants[id].firstIndex(of: tokenizer.token.exact) {
            masks[id] |= UInt8(1) << UInt8(variant)
          } else if variants[id].count < 7 {
            variants[id].append(tokenizer.token.exact)
            masks[id] |= UInt8(1) << UInt8(variants[id].count - 1)
          } else {
            masks[id] |= 0x80
          }
          detector.feed(tokenizer.token) { term in _ = count(term.key) }
        }
        detector.finish { term in _ = count(term.key) }
      }
      lengths.append(length)
      for id in touched {
        let id = Int(id)
        let before = postings[id].count
        VarInt.append(document - lastDocument[id], to: &postings[id])
        postings[id].append(UInt8(min(255, counts[id])))
        postings[id].append(masks[id])
        byteCount += postings[id].count - before
        lastDocument[id] = document
        frequencies[id] += 1
      }
    }

    /// Counts one occurrence of `key` in the current document; returns its id.
    private mutating func count(_ key: [UInt8]) -> Int {
      let (id, isNew) = terms.insert(key)
      if isNew {
        postings.append([])
        lastDocument.append(-1)
        frequencies.append(0)
        variants.append([])
        stamp.append(0)
        counts.append(0)
        masks.append(0)
      }
      if stamp[id] != currentStamp {
        stamp[id] = currentStamp
        counts[id] = 0
        masks[id] = 0
        touched.append(Int32(id))
      }
      counts[id] += 1
      return id
    }
  }
}
