/// Restores the words of a directive's vocabulary in a copy whose marked letters were replaced by
/// `?` (`Ngh? quy?t s? 12/2020/NQ-CP ng?y 5 th?ng 3 n?m 2021` → `Nghị quyết số … ngày 5 tháng 3
/// năm 2021`). Each `?` stands for one letter with a mark; a word is restored only when exactly one
/// word of the vocabulary fits it, and the text keeps its length in scalars, so every offset into
/// the copy stays true.
enum DiacriticRepair {
  /// The words that carry a directive's structure: dates, numbers, types, issuers, cues, places.
  static let vocabulary: [String] = {
    let words = """
      ngày tháng năm số sở tỉnh thành phố huyện xã của việc các những được đã đề nghị theo
      Nghị quyết định Quyết Chỉ thị Kết luận Công văn điện Kế hoạch thông báo tư Hướng dẫn Quy chế
      trình Tờ Báo cáo Chương hành động Luật lệnh Pháp Hiến Điều lệ Lời kêu gọi
      Ủy ủy ban nhân dân Hội đồng Chính phủ Thủ tướng Bộ trị Ban Bí thư Thường vụ Tỉnh Thành Đảng
      Trung ương Chấp Quốc hội Văn phòng Sở Chủ tịch Phó Giám đốc Mặt trận Tổ quốc Đoàn
      Căn cứ Thực hiện Triển khai Quán triệt Thi tiếp tục thay thế bãi bỏ sửa đổi bổ sung
      Nơi nhận Kính gửi Độc lập Tự do Hạnh phúc Cộng Hòa hòa Xã hội Chủ nghĩa Việt Nam
      """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    let places = Places.provinceNameWords.flatMap { $0 }
    return words + places
  }()

  /// The vocabulary by its skeleton: ASCII letters in lower case, `?` for each marked letter.
  static let bySkeleton: [String: [String]] = {
    var table: [String: [String]] = [:]
    for word in vocabulary {
      let key = skeleton(of: word)
      guard key.contains("?") else { continue }
      let lower = word.lowercased()
      if !(table[key]?.contains(lower) ?? false) { table[key, default: []].append(lower) }
    }
    return table
  }()

  static func skeleton(of word: String) -> String {
    String(word.lowercased().unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
  }

  /// The text with every word that has a `?` restored where the vocabulary allows one reading;
  /// nil when nothing was restored.
  static func repair(_ text: String) -> String? {
    let scalars = Array(text.unicodeScalars)
    var words: [Range<Int>] = []
    var start: Int?
    for index in 0...scalars.count {
      let inWord = index < scalars.count && (scalars[index] == "?" || scalars[index].properties.isAlphabetic)
      if inWord, start == nil { start = index }
      if !inWord, let from = start {
        words.append(from..<index)
        start = nil
      }
    }
    var result = scalars
    var changed = false
    for (position, range) in words.enumerated() where scalars[range].contains("?") {
      // A `?` that ends a word is a lost letter when the vocabulary has a word for it (`S?:`,
      // `Ngh?`), else a question mark (`không?`).
      var word = Array(scalars[range])
      while word.last == "?", bySkeleton[skeleton(of: String(String.UnicodeScalarView(word)))] == nil {
        word.removeLast()
      }
      guard word.contains("?"), !word.isEmpty else { continue }
      let token = String(String.UnicodeScalarView(word))
      let before = position > 0 ? String(String.UnicodeScalarView(scalars[words[position - 1]])) : ""
      let after = range.lowerBound + word.count < scalars.count ? scalars[range.lowerBound + word.count] : " "
      let next =
        position + 1 < words.count ? String(String.UnicodeScalarView(scalars[words[position + 1]])) : ""
      let candidates = (bySkeleton[skeleton(of: token)] ?? []).filter { fits(token, $0) }
      guard let chosen = choose(candidates, before: before, after: after, next: next, scalars, range),
        let restored = restoringCase(of: token, to: chosen), restored.unicodeScalars.count == word.count
      else { continue }
      for (offset, scalar) in restored.unicodeScalars.enumerated() {
        result[range.lowerBound + offset] = scalar
      }
      changed = true
    }
    return changed ? String(String.UnicodeScalarView(result)) : nil
  }

  /// The letters that survived stand where the word has them.
  static func fits(_ token: String, _ word: String) -> Bool {
    let have = Array(token.lowercased().unicodeScalars)
    let want = Array(word.unicodeScalars)
    guard have.count == want.count else { return false }
    return zip(have, want).allSatisfy { $0 == "?" || $0 == $1 }
  }

  /// One reading, or the one the neighbours ask for: `5 th?ng 3` is `tháng`, `Th?ng b?o` is
  /// `Thông`; `S?:` and `s? 12` are `số`, `S? Y tế` is `Sở`.
  static func choose(
    _ candidates: [String], before: String, after: Unicode.Scalar, next: String, _ scalars: [Unicode.Scalar],
    _ range: Range<Int>
  ) -> String? {
    if candidates.count == 1 { return candidates[0] }
    let set = Set(candidates)
    var following = range.upperBound
    while following < scalars.count, scalars[following] == " " { following += 1 }
    let numberFollows = following < scalars.count && scalars[following].properties.numericType != nil
    if set == ["tháng", "thông"] {
      let numberBefore = range.lowerBound >= 2 && scalars[range.lowerBound - 2].properties.numericType != nil
      return numberBefore ? "tháng" : "thông"
    }
    if set.isSuperset(of: ["số", "sở"]) { return after == ":" || numberFollows ? "số" : "sở" }
    return nil
  }

  /// `NG?Y` → `NGÀY`, `Ngh?` → `Nghị`, `ng?y` → `ngày`.
  static func restoringCase(of token: String, to word: String) -> String? {
    let letters = token.unicodeScalars.filter { $0 != "?" }
    guard let first = token.unicodeScalars.first else { return nil }
    if !letters.isEmpty, letters.allSatisfy({ $0.properties.isUppercase }), letters.count > 1 || first == "?"
    {
      return word.uppercased()
    }
    if first.properties.isUppercase { return Casing.capitalizingFirst(word) }
    return word
  }
}
