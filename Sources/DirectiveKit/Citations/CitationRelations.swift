/// Reads what a citing document does with each document it cites from the words that govern the
/// mention: `Căn cứ Luật …` (pursuant), `Thực hiện Kết luận …` (implements), `theo quy định tại
/// Nghị định …` (according to), `Quyết định này thay thế Quyết định …` (replaces).
///
/// A cue governs the mention right after it, or a list joined by `và`, `,` or `;` (`Căn cứ Luật A;
/// Luật B; Nghị định C`). A cue that stands after another citation, in the words describing it
/// (`Kế hoạch số 185-KH/TU … thực hiện Chỉ thị số 37-CT/TW`), says what that document does, not
/// the citing one: such a mention only refers. Without a cue a mention refers.
enum CitationRelations {
  struct Cue {
    let phrase: [UInt8]
    let relation: Relation
    /// How many words may stand between the cue and the mention.
    let reach: Int
  }

  /// Longest first, so that `hướng dẫn thi hành` is read before `thi hành`.
  static let cues: [Cue] = {
    let table: [(String, Relation, Int)] = [
      ("huong dan thi hanh", .guides, 8), ("quy dinh chi tiet thi hanh", .guides, 8),
      ("quy dinh chi tiet", .guides, 8), ("huong dan thuc hien", .guides, 8),
      ("tiep tuc thuc hien", .implements, 12), ("trien khai thuc hien", .implements, 12),
      ("to chuc thuc hien", .implements, 12), ("thuc hien", .implements, 12), ("trien khai", .implements, 12),
      ("quan triet", .implements, 12), ("thi hanh", .implements, 12), ("cu the hoa", .implements, 12),
      ("huong ung", .implements, 12),
      ("can cu vao", .pursuant, 12), ("can cu", .pursuant, 12), ("tren co so", .pursuant, 3),
      ("sua doi, bo sung", .amends, 10), ("sua doi bo sung", .amends, 10), ("sua doi", .amends, 10),
      ("thay the", .replaces, 8), ("bai bo", .repeals, 8), ("huy bo", .repeals, 8),
      ("theo quy dinh tai", .accordingTo, 4), ("theo quy dinh cua", .accordingTo, 4),
      ("theo", .accordingTo, 4),
    ]
    return table.map { Cue(phrase: Array($0.0.utf8), relation: $0.1, reach: $0.2) }
      .sorted { $0.phrase.count > $1.phrase.count }
  }()

  /// Words that end the search for a cue: the mention is the decision an attached text was issued
  /// with (`ban hành kèm theo Quyết định số …`), or a proposal was only weighed (`Xét đề nghị`).
  static let cueLastBytes: [UInt8] = cues.map { $0.phrase.last ?? 0 }
  /// The positions in `cues` grouped by the byte the cue ends with, each group in order: those
  /// ending with byte `b` are `cuesByLastByte[cueGroupStarts[b]..<cueGroupStarts[b + 1]]`.
  static let cuesByLastByte: [Int] = (0..<256).flatMap { byte in
    cues.indices.filter { cueLastBytes[$0] == UInt8(byte) }
  }
  static let cueGroupStarts: [Int] = (0...256).map { byte in
    cueLastBytes.filter { Int($0) < byte }.count
  }

  static let blockers: [[UInt8]] = ["kem theo", "xet de nghi"].map { Array($0.utf8) }
  static let blockerLastBytes = lastByteTable(blockers)

  static let elaborations: [[UInt8]] = ["dac biet la", "nhat la", "trong do co", "trong do", "bao gom"].map {
    Array($0.utf8)
  }
  static let elaborationLastBytes = lastByteTable(elaborations)

  /// Per byte: whether one of `phrases` ends with it.
  static func lastByteTable(_ phrases: [[UInt8]]) -> [Bool] {
    var table = [Bool](repeating: false, count: 256)
    for phrase in phrases { if let last = phrase.last { table[Int(last)] = true } }
    return table
  }

  struct Reading {
    var relation: Relation
    var evidence: RelationEvidence?
    /// Set by a cue of the citing document itself, or inherited from one through a list.
    var topLevel: Bool
  }

  /// One reading per mention, in text order.
  /// `leadsOn[i]`: mention `i` only leads to the next one (`hướng dẫn của Bộ … tại Công văn số …`),
  /// which then reads as it would.
  static func read(_ scanner: TextScanner, spans: [Span], leadsOn: [Bool] = []) -> [Reading] {
    var readings: [Reading] = []
    for (position, span) in spans.enumerated() {
      if position > 0, leadsOn.count > position - 1, leadsOn[position - 1],
        endsPhrase(scanner, CitationWords.tai, at: skipBackSpaces(scanner, span.start)) != nil
      {
        readings.append(readings[position - 1])
        continue
      }
      let sentenceStart = self.sentenceStart(scanner, before: span.start)
      let previous = position > 0 && spans[position - 1].end > sentenceStart ? spans[position - 1] : nil
      let searchFrom = max(sentenceStart, previous?.end ?? 0)
      if let cue = nearestCue(scanner, before: span.start, from: searchFrom)
        ?? proposalCue(scanner, before: span.start, from: searchFrom)
      {
        let nested =
          previous != nil && !cueOpensClause(scanner, pairedCueStart(scanner, cue.start, from: searchFrom))
          && !(previous!.end..<cue.start).contains { ";:".unicodeScalars.contains(scanner.scalars[$0]) }
        // `Chỉ thị số 16 … về thực hiện giãn cách xã hội và Nghị quyết số 128`: the cue in the
        // first one's subject governs no document; the second is an item of the list.
        if nested, joinsList(scanner, before: span.start, from: cue.end),
          let governing = readings[..<position].indices.last(where: { index in
            readings[index].topLevel && spans[index].end > sentenceStart
          })
        {
          readings.append(readings[governing])
          continue
        }
        let evidence = RelationEvidence(
          cue: scanner.flatText(cue.start..<cue.end), span: Span(cue.start, cue.end))
        readings.append(
          nested
            ? Reading(relation: .refers, evidence: nil, topLevel: false)
            : Reading(relation: cue.relation, evidence: evidence, topLevel: true))
        continue
      }
      if let after = followingCue(scanner, after: span.end) {
        readings.append(
          Reading(
            relation: after.relation,
            evidence: RelationEvidence(
              cue: scanner.flatText(after.start..<after.end), span: Span(after.start, after.end)),
            topLevel: true))
        continue
      }
      if previous != nil, joinsList(scanner, before: span.start, from: searchFrom),
        let governing = readings[..<position].indices.last(where: { index in
          readings[index].topLevel && spans[index].end > sentenceStart
        })
      {
        readings.append(readings[governing])
        continue
      }
      // `Căn cứ:` on a line of its own, then one document a bullet: the line's cue governs them.
      if let heading = headingCue(scanner, before: span.start) {
        let evidence = RelationEvidence(
          cue: scanner.flatText(heading.start..<heading.end), span: Span(heading.start, heading.end))
        readings.append(Reading(relation: heading.relation, evidence: evidence, topLevel: true))
        continue
      }
      readings.append(Reading(relation: .refers, evidence: nil, topLevel: false))
    }
    return readings
  }

  static let bullets: Set<Unicode.Scalar> = ["-", "+", "•", "*", "–"]

  /// The cue of the line ending with `:` above the bulleted lines that hold `index`.
  static func headingCue(_ scanner: TextScanner, before index: Int) -> (
    start: Int, end: Int, relation: Relation
  )? {
    var lineStart = index
    while lineStart > 0, !scanner.isHardBreak(lineStart - 1) { lineStart -= 1 }
    guard bullets.contains(scanner.scalars[scanner.skipSpaces(lineStart)]) else { return nil }
    for _ in 0..<40 {
      guard lineStart > 0 else { return nil }
      let previousEnd = lineStart - 1
      var previousStart = previousEnd
      while previousStart > 0, !scanner.isHardBreak(previousStart - 1) { previousStart -= 1 }
      let first = scanner.skipSpaces(previousStart)
      if first >= previousEnd || bullets.contains(scanner.scalars[first]) {
        lineStart = previousStart
        continue
      }
      let last = skipBackSpaces(scanner, previousEnd)
      guard last > first, scanner.scalars[last - 1] == ":" else { return nil }
      return nearestCue(scanner, before: last - 1, from: previousStart)
    }
    return nil
  }

  /// Where the paragraph or sentence holding `index` begins: after a hard line break, or a full
  /// stop before a space and a capital (`Điều 2. Quyết định này …` starts one).
  static func sentenceStart(_ scanner: TextScanner, before index: Int) -> Int {
    var i = index - 1
    while i >= 0 {
      if scanner.isHardBreak(i) { return i + 1 }
      if scanner.scalars[i] == ".", scanner.isSpace(i + 1) || scanner.isHardBreak(i + 1),
        !scanner.isDigit(i - 1) || scanner.isUppercase(scanner.skipSpaces(i + 1))
      {
        return i + 1
      }
      i -= 1
    }
    return 0
  }

  /// `Theo đề nghị của Sở … tại Tờ trình số 272/TTr-STNMT`: the proposal's document is what the
  /// decision follows; `Xét đề nghị … tại …` only weighs it.
  static func proposalCue(_ scanner: TextScanner, before index: Int, from start: Int) -> (
    start: Int, end: Int, relation: Relation
  )? {
    let end = skipBackSpaces(scanner, index)
    guard let tai = endsPhrase(scanner, CitationWords.tai, at: end) else { return nil }
    var i = tai
    var words = 0
    while i > start, words < 24 {
      if scanner.scalars[i - 1] == ";" { return nil }
      // `… trên địa bàn theo chỉ đạo của Thủ tướng tại Chỉ thị …`: following a direction given in a
      // document needs no clause of its own.
      if !scanner.isLetter(i - 1),
        let theo = endsPhrase(scanner, CitationWords.theo, at: skipBackSpaces(scanner, i)),
        cueOpensClause(scanner, theo)
          || scanner.matchWord(CitationWords.chiDao, at: scanner.skipSpaces(i)) != nil
      {
        let next = scanner.skipSpaces(i)
        let proposes =
          scanner.matchWord(CitationWords.deNghi, at: next) != nil
          || scanner.matchWord(CitationWords.chiDao, at: next) != nil
        return proposes ? (theo, end, .accordingTo) : nil
      }
      i -= 1
      if !scanner.isLetter(i) { words += 1 }
    }
    return nil
  }

  /// The nearest cue before `index` within its reach and the same clause (no `;` between).
  static func nearestCue(_ scanner: TextScanner, before index: Int, from start: Int) -> (
    start: Int, end: Int, relation: Relation
  )? {
    var words = 0
    var reach = 12
    var attachedOnly = false
    var i = index
    let cues = self.cues
    let cuesByLastByte = self.cuesByLastByte
    let cueGroupStarts = self.cueGroupStarts
    let blockerLastBytes = self.blockerLastBytes
    let elaborationLastBytes = self.elaborationLastBytes
    while i > start, words <= reach {
      var wordEnd = i
      while wordEnd > start, !scanner.isLetter(wordEnd - 1), !scanner.isDigit(wordEnd - 1) {
        if scanner.scalars[wordEnd - 1] == ";" { return nil }
        wordEnd -= 1
      }
      var wordStart = wordEnd
      while wordStart > start, scanner.isLetter(wordStart - 1) || scanner.isDigit(wordStart - 1) {
        wordStart -= 1
      }
      guard wordStart < wordEnd else { return nil }
      // A phrase ends with the word's last byte: the others are passed over unread.
      let lastByte = scanner.byte(wordEnd - 1)
      // `ban hành kèm theo Quyết định số …`: only what the document does to the rule (amends,
      // replaces, repeals it) reaches the decision it was issued with.
      if blockerLastBytes[Int(lastByte)],
        blockers.contains(where: { endsPhrase(scanner, $0, at: wordEnd) != nil })
      {
        guard reach == 12 else { return nil }
        attachedOnly = true
      }
      // `… các văn bản chỉ đạo của Trung ương …, đặc biệt là Kết luận số 07-KL/TW`: the mention
      // singles out one of the documents the cue governs, however long the list before it.
      if reach == 12, elaborationLastBytes[Int(lastByte)],
        elaborations.contains(where: { endsPhrase(scanner, $0, at: wordEnd) != nil })
      {
        reach = 80
      }
      for group in cueGroupStarts[Int(lastByte)]..<cueGroupStarts[Int(lastByte) + 1] {
        let position = cuesByLastByte[group]
        let relation = cues[position].relation
        let cueReach = cues[position].reach
        guard words <= (cueReach >= 12 ? reach : cueReach) else { continue }
        if attachedOnly, relation != .amends, relation != .replaces, relation != .repeals { continue }
        guard let cueStart = endsPhrase(scanner, cues[position].phrase, at: wordEnd), cueStart >= start else {
          continue
        }
        if relation == .accordingTo, endsPhrase(scanner, CitationWords.kemTheo, at: wordEnd) != nil {
          continue
        }
        if relation == .implements, let guide = guidePrefix(scanner, before: cueStart) {
          return (guide, wordEnd, .guides)
        }
        return (cueStart, wordEnd, relation)
      }
      words += 1
      i = wordStart
    }
    return nil
  }

  /// `hướng dẫn thực hiện`, `quy định chi tiết thi hành`: a guide, not an implementation.
  static func guidePrefix(_ scanner: TextScanner, before index: Int) -> Int? {
    for prefix in CitationWords.guidePrefixes {
      if let start = endsPhrase(scanner, prefix, at: skipBackSpaces(scanner, index)) {
        return start
      }
    }
    return nil
  }

  static func skipBackSpaces(_ scanner: TextScanner, _ index: Int) -> Int {
    var i = index
    while i > 0, scanner.isSpace(i - 1) { i -= 1 }
    return i
  }

  /// Where `phrase` (folded, words separated by single spaces) begins when it ends at `end`.
  static func endsPhrase(_ scanner: TextScanner, _ phrase: [UInt8], at end: Int) -> Int? {
    var i = end
    var p = phrase.count
    let folded = scanner.folded
    while p > 0 {
      let byte = phrase[p - 1]
      if byte == 32 {
        guard i > 0, scanner.isSpace(i - 1) else { return nil }
        while i > 0, scanner.isSpace(i - 1) { i -= 1 }
      } else {
        guard i > 0, folded[i - 1] == byte else { return nil }
        i -= 1
      }
      p -= 1
    }
    guard !scanner.isLetter(i - 1), !scanner.isDigit(i - 1), !scanner.isLetter(end) else { return nil }
    return i
  }

  /// `quy định chi tiết và hướng dẫn thi hành`: a cue joined by `và` to the cue right before it
  /// stands where that one stands; the start of the first of the pair.
  static func pairedCueStart(_ scanner: TextScanner, _ start: Int, from limit: Int) -> Int {
    guard let va = endsPhrase(scanner, CitationWords.va, at: skipBackSpaces(scanner, start)),
      let earlier = nearestCue(scanner, before: va, from: limit),
      earlier.end == skipBackSpaces(scanner, va)
    else { return start }
    return earlier.start
  }

  /// Whether a cue begins a clause of the citing document: at the start of the sentence, or after
  /// `,`, `;`, `:`, `(`, `và` or `để`.
  static func cueOpensClause(_ scanner: TextScanner, _ start: Int) -> Bool {
    let i = skipBackSpaces(scanner, start)
    if i == 0 || scanner.isHardBreak(i - 1) { return true }
    if ",;:(-–".unicodeScalars.contains(scanner.scalars[i - 1]) { return true }
    for word in CitationWords.clauseOpeners where endsPhrase(scanner, word, at: i) != nil { return true }
    return false
  }

  /// `… Quyết định số 1836 … hết hiệu lực (và được thay thế …)`: a cue after the mention.
  static func followingCue(_ scanner: TextScanner, after index: Int) -> (
    start: Int, end: Int, relation: Relation
  )? {
    var i = index
    let limit = min(scanner.count, index + 60)
    while i < limit {
      if scanner.scalars[i] == ";" || scanner.scalars[i] == "." || scanner.isHardBreak(i) { return nil }
      // `hết` folds to `het`: only there may the cue begin.
      if scanner.folded[i] == UInt8(ascii: "h"), let end = scanner.matchWord(CitationWords.hetHieuLuc, at: i)
      {
        var j = end
        while j < min(scanner.count, end + 40), scanner.scalars[j] != ";", scanner.scalars[j] != "." {
          if let replaced = scanner.matchWord(CitationWords.thayThe, at: j) {
            return (i, replaced, .replaces)
          }
          j += 1
        }
        return (i, end, .repeals)
      }
      i += 1
    }
    return nil
  }

  /// Whether the mention continues a list: `và`, `hoặc`, `,` or `;` right before it (`Điều 2`,
  /// `các` and `khoản` between are allowed).
  static func joinsList(_ scanner: TextScanner, before index: Int, from start: Int) -> Bool {
    var i = skipBackSpaces(scanner, index)
    // `…, Chỉ thị số 20/CT-TTg và hướng dẫn của Bộ Kế hoạch và Đầu tư tại Công văn số 5743/…`: the
    // guidance given in a document is an item of the list too.
    if let tai = endsPhrase(scanner, CitationWords.tai, at: i) {
      var back = tai
      var words = 0
      while back > start, words < 16 {
        let scalar = scanner.scalars[back - 1]
        if scalar == "." || scalar == ";" { break }
        if scalar == "," || endsPhrase(scanner, CitationWords.va, at: back) != nil {
          let after = scanner.skipSpaces(back)
          let opens = CitationWords.listedGuidance.contains {
            scanner.matchWord($0, at: after) != nil
          }
          if opens { return true }
        }
        back -= 1
        if scanner.isSpace(back) { words += 1 }
      }
    }
    for _ in 0..<4 {
      guard i > start else { return false }
      if ",;:".unicodeScalars.contains(scanner.scalars[i - 1]) { return true }
      for word in CitationWords.listJoiners where endsPhrase(scanner, word, at: i) != nil { return true }
      var wordStart = i
      while wordStart > start, scanner.isLetter(wordStart - 1) || scanner.isDigit(wordStart - 1) {
        wordStart -= 1
      }
      guard wordStart < i else { return false }
      let word = scanner.string(wordStart..<i).folded
      guard ["cac", "dieu", "khoan", "diem", "so"].contains(word) || word.allSatisfy(\.isNumber) else {
        return false
      }
      i = skipBackSpaces(scanner, wordStart)
    }
    return false
  }
}
