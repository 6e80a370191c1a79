import Foundation

/// The library's folded metadata lines (province, issuer, number, type of each document) as the
/// keystroke filter reads them, without reading every line at each key.
///
/// A word typed holds no space, so it stands within a line exactly when it stands within one of
/// the line's space-separated pieces. The distinct pieces are kept once, back to back; a document
/// is its set of common pieces (those of many documents: province, issuer and type words), shared
/// by every document with the same set, and its own rare pieces (its number, mostly). A query
/// reads the distinct pieces once a word, then each set once, then each document's rare pieces.
final class MetadataIndex: @unchecked Sendable {
  /// The distinct pieces, each followed by a space.
  private let arena: [UInt8]
  /// Where each piece starts in `arena`, then the arena's length.
  private let pieceStarts: [Int32]
  /// The common pieces of each distinct set, in runs: set `s` is
  /// `setPieces[setStarts[s]..<setStarts[s + 1]]`.
  private let setPieces: [Int32]
  private let setStarts: [Int32]
  private let setOfDocument: [Int32]
  /// Each document's rare pieces, in runs as `setPieces`.
  private let rarePieces: [Int32]
  private let rareStarts: [Int32]

  /// The pieces holding each word of the last query: the next key typed changes one word, or
  /// adds letters to it (then only the pieces of the shorter word are read).
  private let lock = NSLock()
  private var piecesOfWord: [[UInt8]: [Int32]] = [:]

  /// A piece in at least this many documents is common.
  static let commonThreshold = 32

  /// At most this many words are answered through the index (a bit each); more are scanned.
  static let wordLimit = 64

  init(lines: [[UInt8]]) {
    var pieceIDs: [ArraySlice<UInt8>: Int32] = [:]
    var arena: [UInt8] = []
    var pieceStarts: [Int32] = []
    var piecesOfDocument: [[Int32]] = []
    piecesOfDocument.reserveCapacity(lines.count)
    var documentCounts: [Int32] = []
    for line in lines {
      var pieces: [Int32] = []
      for piece in line.split(separator: 0x20) {
        let id: Int32
        if let known = pieceIDs[piece] {
          id = known
        } else {
          id = Int32(pieceStarts.count)
          pieceIDs[piece] = id
          pieceStarts.append(Int32(arena.count))
          arena.append(contentsOf: piece)
          arena.append(0x20)
          documentCounts.append(0)
        }
        if !pieces.contains(id) {
          pieces.append(id)
          documentCounts[Int(id)] += 1
        }
      }
      piecesOfDocument.append(pieces)
    }
    pieceStarts.append(Int32(arena.count))

    var setIDs: [[Int32]: Int32] = [:]
    var setPieces: [Int32] = []
    var setStarts: [Int32] = [0]
    var setOfDocument: [Int32] = []
    var rarePieces: [Int32] = []
    var rareStarts: [Int32] = [0]
    setOfDocument.reserveCapacity(lines.count)
    for pieces in piecesOfDocument {
      let common = pieces.filter { documentCounts[Int($0)] >= Self.commonThreshold }.sorted()
      if let known = setIDs[common] {
        setOfDocument.append(known)
      } else {
        let id = Int32(setStarts.count - 1)
        setIDs[common] = id
        setPieces += common
        setStarts.append(Int32(setPieces.count))
        setOfDocument.append(id)
      }
      rarePieces += pieces.filter { documentCounts[Int($0)] < Self.commonThreshold }
      rareStarts.append(Int32(rarePieces.count))
    }
    self.arena = arena
    self.pieceStarts = pieceStarts
    self.setPieces = setPieces
    self.setStarts = setStarts
    self.setOfDocument = setOfDocument
    self.rarePieces = rarePieces
    self.rareStarts = rareStarts
  }

  var documentCount: Int { setOfDocument.count }

  /// The documents whose line holds every word, in order; nil when the words are not for the
  /// index (one holds a space, or there are more than `wordLimit`).
  func documents(holdingEvery words: [[UInt8]]) -> [Int]? {
    guard words.count <= Self.wordLimit, !words.contains(where: { $0.contains(0x20) }) else { return nil }
    let nonEmpty = words.filter { !$0.isEmpty }
    guard !nonEmpty.isEmpty else { return Array(0..<documentCount) }
    let all: UInt64 = nonEmpty.count == 64 ? ~0 : (1 << UInt64(nonEmpty.count)) - 1
    let known = lock.withLock { piecesOfWord }
    var piecesNow: [[UInt8]: [Int32]] = [:]
    var pieceMasks = [UInt64](repeating: 0, count: pieceStarts.count - 1)
    for (bit, word) in nonEmpty.enumerated() {
      let pieces: [Int32]
      if let kept = piecesNow[word] ?? known[word] {
        pieces = kept
      } else if let shorter = known.filter({ word.starts(with: $0.key) }).max(by: {
        $0.key.count < $1.key.count
      }) {
        pieces = shorter.value.filter { piece($0, holds: word) }
      } else {
        pieces = self.pieces(holding: word)
      }
      piecesNow[word] = pieces
      for piece in pieces { pieceMasks[Int(piece)] |= UInt64(1) << UInt64(bit) }
    }
    lock.withLock { piecesOfWord = piecesNow }
    let setCount = setStarts.count - 1
    var setMasks = [UInt64](repeating: 0, count: setCount)
    for set in 0..<setCount {
      var mask: UInt64 = 0
      for slot in Int(setStarts[set])..<Int(setStarts[set + 1]) { mask |= pieceMasks[Int(setPieces[slot])] }
      setMasks[set] = mask
    }
    var found: [Int] = []
    for document in 0..<documentCount {
      var mask = setMasks[Int(setOfDocument[document])]
      if mask != all {
        for slot in Int(rareStarts[document])..<Int(rareStarts[document + 1]) {
          mask |= pieceMasks[Int(rarePieces[slot])]
        }
      }
      if mask == all { found.append(document) }
    }
    return found
  }

  /// Every piece holding `word` (which holds no space, so that an occurrence in the arena never
  /// runs over two pieces), ascending.
  private func pieces(holding word: [UInt8]) -> [Int32] {
    var pieces: [Int32] = []
    arena.withUnsafeBufferPointer { arena in
      word.withUnsafeBufferPointer { word in
        let first = word[0]
        let last = arena.count - word.count
        guard last >= 0 else { return }
        var start = 0
        var piece = 0
        while start <= last {
          if arena[start] == first {
            var offset = 1
            while offset < word.count && arena[start + offset] == word[offset] { offset += 1 }
            if offset == word.count {
              while Int(pieceStarts[piece + 1]) <= start { piece += 1 }
              pieces.append(Int32(piece))
              // The rest of this piece adds nothing.
              start = Int(pieceStarts[piece + 1])
              continue
            }
          }
          start += 1
        }
      }
    }
    return pieces
  }

  /// True when piece `id` holds `word`.
  private func piece(_ id: Int32, holds word: [UInt8]) -> Bool {
    let start = Int(pieceStarts[Int(id)])
    let end = Int(pieceStarts[Int(id) + 1]) - 1
    guard end - start >= word.count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      for offset in start...(end - word.count) {
        var matched = 0
        while matched < word.count && arena[offset + matched] == word[matched] { matched += 1 }
        if matched == word.count { return true }
      }
      return false
    }
  }
}
