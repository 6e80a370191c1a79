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

  /// Each roster name found in the text (folded, so `Đô Thanh Bình` is `Đỗ Thanh Bình`), as written.
  static func mentions(in text: String, signer: String?) -> [(province: String, text: String, isSigner: Bool)]
  {
    let folded = text.folded
    let signerFolded = signer?.folded
    var found: [(String, String, Bool)] = []
    for (phrase, province) in phrases {
      let target = String(decoding: phrase.folded, as: UTF8.self)
      guard let range = folded.range(of: target) else { continue }
      let start = folded.distance(from: folded.startIndex, to: range.lowerBound)
      let written = String(
        String.UnicodeScalarView(
          text.unicodeScalars.filter { VietnameseFolding.fold($0) != nil }
            .dropFirst(start).prefix(phrase.folded.count)))
      found.append((province, written, signerFolded == target))
    }
    return found
  }
}
