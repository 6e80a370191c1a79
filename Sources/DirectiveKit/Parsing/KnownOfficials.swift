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
  static func mentions(in scanner: TextScanner, signer: String?) -> [(
    province: String, text: String, isSigner: Bool
  )] {
    let signerFolded = signer?.folded
    var found: [(String, String, Bool)] = []
    for (phrase, province) in phrases {
      var from = 0
      while let start = scanner.find(phrase.folded, from: from) {
        from = start + 1
        guard let end = scanner.matchWord(phrase.folded, at: start) else { continue }
        let written = scanner.string(start..<end)
        found.append((province, written, signerFolded == written.folded))
        break
      }
    }
    return found
  }
}
