#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Provincial leaders of 2020–2022 whose names place a document in their province. A short,
/// hand-compiled list of public facts (party committees' published leadership rosters); a name
/// counts as evidence, never as the only word on a conflict.
enum KnownOfficials {
  static let roster: [(name: String, province: String)] = [
    ("Phạm Gia Túc", "Nam Định"), ("Lê Quốc Chính", "Nam Định"), ("Phạm Đình Nghị", "Nam Định"),
    ("Đỗ Thanh Bình", "Kiên Giang"), ("Lâm Minh Thành", "Kiên Giang"),
    ("Trần Hồng Quảng", "Ninh Bình"), ("Đoàn Minh Huấn", "Ninh Bình"), ("Phạm Quang Ngọc", "Ninh Bình"),
  ]

  private static let phrases: [(Phrase, String)] = roster.map { (Phrase($0.name), $0.province) }

  /// One pass over the folded text: to each place `byte` occurs, then to each name looked for
  /// there, starting `offsets[i]` before it.
  private struct AnchorPass {
    let byte: UInt8
    let names: [Int]
    let offsets: [Int]
  }

  private static let foldedNames: [[UInt8]] = phrases.map(\.0.folded)

  /// The passes that find every name: a name is looked for at each place its anchor letter
  /// occurs, and the names sharing an anchor in one pass. The anchors are the set of rare
  /// letters that covers every name at the least cost.
  private static let passes: [AnchorPass] = {
    // How common some letters are in folded Vietnamese prose, per ten thousand bytes.
    let rarity: [(byte: UInt8, perTenThousand: Int)] = [
      (UInt8(ascii: "q"), 47), (UInt8(ascii: "l"), 61), (UInt8(ascii: "r"), 113), (UInt8(ascii: "m"), 116),
      (UInt8(ascii: "b"), 127), (UInt8(ascii: "p"), 168), (UInt8(ascii: "d"), 296), (UInt8(ascii: "g"), 404),
    ]
    // A pass over the text costs about as much as stopping at a letter thirty times in ten thousand.
    let passCost = 30
    var best: (cost: Int, bytes: [UInt8])?
    for mask in 1..<(1 << rarity.count) {
      let chosen = rarity.indices.filter { mask & (1 << $0) != 0 }
      let bytes = chosen.map { rarity[$0].byte }
      guard foldedNames.allSatisfy({ name in bytes.contains(where: name.contains) }) else { continue }
      let cost = chosen.reduce(0) { $0 + rarity[$1].perTenThousand + passCost }
      if best == nil || cost < best!.cost { best = (cost, bytes) }
    }
    // Each name in the pass of its rarest chosen letter (`bytes` keeps the rarest first).
    let bytes = best?.bytes ?? []
    var passes: [AnchorPass] = []
    for byte in bytes {
      let names = foldedNames.indices.filter { bytes.first(where: foldedNames[$0].contains) == byte }
      guard !names.isEmpty else { continue }
      passes.append(
        AnchorPass(byte: byte, names: names, offsets: names.map { foldedNames[$0].firstIndex(of: byte)! }))
    }
    return passes
  }()

  /// Each roster name found in the text (folded, so `Đô Thanh Bình` is `Đỗ Thanh Bình`), as written.
  static func mentions(in scanner: TextScanner, signer: String?) -> [(
    province: String, text: String, isSigner: Bool
  )] {
    // The starts are kept on the stack: most documents name none, and nothing is built for them.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: foldedNames.count) {
      starts -> [(province: String, text: String, isSigner: Bool)] in
      starts.initialize(repeating: -1)
      firstStarts(in: scanner, into: starts)
      guard starts.contains(where: { $0 >= 0 }) else { return [] }
      let signerFolded = signer?.folded
      var found: [(province: String, text: String, isSigner: Bool)] = []
      for (index, (phrase, province)) in phrases.enumerated() {
        let start = starts[index]
        guard start >= 0 else { continue }
        let written = scanner.string(start..<start + phrase.folded.count)
        found.append((province, written, signerFolded == written.folded))
      }
      return found
    }
  }

  /// Where each roster name first occurs in the folded text as whole words, into `starts`, which
  /// holds -1 for each name to begin with and keeps it where the name does not occur.
  private static func firstStarts(in scanner: TextScanner, into starts: UnsafeMutableBufferPointer<Int>) {
    let names = foldedNames
    let count = scanner.count
    scanner.folded.withUnsafeBufferPointer { folded in
      guard let base = folded.baseAddress else { return }
      for pass in passes {
        var pending = pass.names.count
        var position = 0
        while pending > 0, position < count,
          let hit = memchr(base + position, Int32(pass.byte), count - position)
        {
          let anchor = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          position = anchor + 1
          for slot in pass.names.indices {
            let index = pass.names[slot]
            let start = anchor - pass.offsets[slot]
            guard starts[index] < 0, start >= 0, start + names[index].count <= count,
              base[start] == names[index][0],
              names[index].withUnsafeBufferPointer({ memcmp(base + start, $0.baseAddress!, $0.count) == 0 }),
              scanner.matchWord(names[index], at: start) != nil
            else { continue }
            starts[index] = start
            pending -= 1
          }
        }
      }
    }
  }
}
