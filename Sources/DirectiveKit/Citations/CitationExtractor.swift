/// Where a cited document's number is valid: the whole country, one named province, or the
/// citing document's own province (`của UBND tỉnh` with no name).
public enum CitationScope: Hashable, Sendable {
  case national
  case province(String)
  case ownProvince
}

/// Finds every reference a document makes to a specific other document (see `shared/domain.md`):
/// type + `số` + number + date + issuer in any order with parts missing, unnumbered references
/// that carry a date, and later short mentions of a document already cited.
enum CitationExtractor {
  struct Mention {
    var type: String
    var typeIsCapitalised: Bool
    /// `các Chỉ thị ...`: a kind of document, not one.
    var isPlural = false
    var number: String?
    var date: Day?
    var issuer: Issuer?
    var subject: String?
    var span: Span
    /// `Kết luận của Thủ tướng tại Thông báo số 253/TB-VPCP`: the mention only leads to another.
    var pointsOnward = false
    /// `Luật Đất đai`, `Điều lệ Đảng`: the name it is cited by, when it has no number.
    var title: String?
    /// `Tờ trình của Ban Thường vụ Tỉnh ủy`: identified by its issuer right after the type.
    var namedByIssuer = false
    var relation: Relation = .refers
    var relationEvidence: RelationEvidence?
    /// `Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày …`: the other documents the type, date and issuer serve.
    var siblings: [Mention] = []
  }

  struct Issuer {
    var name: String
    var scope: CitationScope
  }

  /// Indices in `DocumentTypes.phrases` of the types read differently, compared as numbers.
  enum TypeIndex {
    static let keHoach = index("Kế hoạch")
    static let luat = index("Luật")
    static let dieuLe = index("Điều lệ")
    static let nghiQuyet = index("Nghị quyết")
    static let baoCao = index("Báo cáo")
    /// Each type's name folded, as `endsPhrase` reads it.
    static let foldedNames: [[UInt8]] = DocumentTypes.phrases.map { Array($0.name.folded.utf8) }

    private static func index(_ name: String) -> Int {
      guard let index = DocumentTypes.phrases.firstIndex(where: { $0.name == name }) else {
        preconditionFailure("\(name) is no document type")
      }
      return index
    }
  }

  /// Words before a type word that make it a category, not a document.
  static let pluralMarkers: [[UInt8]] = ["cac", "nhung", "moi"].map { Array($0.utf8) }

  static func extract(
    _ scanner: TextScanner, ownNumber: String?, ownType: String? = nil, ownTitleStart: Int? = nil,
    readsBareNumbers: Bool = false
  ) -> [Citation] {
    var mentions: [Mention] = []
    var listsNumbers = false
    let table = PhraseTable.documentTypes
    let isNamed = typeIsNamed
    scanner.folded.withUnsafeBufferPointer { folded in
      var index = 0
      while let candidate = table.nextCandidate(from: index, folded: folded) {
        index = candidate
        guard let (phrase, typeEnd) = table.match(at: index, folded: folded, scanner: scanner) else {
          index += 1
          continue
        }
        guard
          let mention = readMention(
            scanner, type: table.names[phrase], phrase: phrase, isNamed: isNamed[phrase], start: index,
            typeEnd: typeEnd)
        else {
          index = typeEnd
          continue
        }
        mentions.append(mention)
        index = max(typeEnd, mention.span.end)
        if !mention.siblings.isEmpty {
          mentions[mentions.count - 1].siblings = []
          mentions.append(contentsOf: mention.siblings)
          index = max(index, mention.siblings[mention.siblings.count - 1].span.end)
        }
        if mention.isPlural, mention.number == nil, mention.typeIsCapitalised {
          // The items' descriptions are read on: a document named in one is cited too.
          let listed = numberList(scanner, of: mention, from: mention.span.end)
          mentions.append(contentsOf: listed)
          listsNumbers = listsNumbers || !listed.isEmpty
        }
      }
    }
    mentions = withNumberedTexts(scanner, mentions)
    if listsNumbers { mentions.sort { $0.span.start < $1.span.start } }
    if readsBareNumbers { mentions = withBareNumbers(scanner, mentions) }
    mentions.removeAll { mention in
      mention.span.start == ownTitleStart
        || (mention.namedByIssuer && mention.number == nil && mention.type == ownType
          && mention.issuer?.scope != .national)
        || isDraft(scanner, mention.span.start)
    }
    let readings = CitationRelations.read(
      scanner, spans: mentions.map(\.span), leadsOn: mentions.map(\.pointsOnward))
    for (index, reading) in readings.enumerated() {
      mentions[index].relation = reading.relation
      mentions[index].relationEvidence = reading.evidence
    }
    return merge(mentions, ownNumber: ownNumber)
  }

  /// `phrase`: the type's index in `DocumentTypes.phrases`, whose name is `type`.
  static func readMention(
    _ scanner: TextScanner, type: String, phrase: Int, isNamed: Bool, start: Int, typeEnd: Int
  ) -> Mention? {
    var mention = Mention(
      type: type, typeIsCapitalised: scanner.isUppercase(start), span: Span(start, typeEnd))
    mention.isPlural = followsPluralMarker(scanner, start)
    var i = scanner.skipSpaces(typeEnd)
    // `Báo cáo thẩm tra số 635/BC-KTNS của Ban Kinh tế - Ngân sách`: a council committee's review
    // of a draft is a report, its number and body after the words naming its kind.
    var typeWordsEnd = typeEnd
    if phrase == TypeIndex.baoCao, let afterReview = scanner.matchWord(CitationWords.thamTra, at: i) {
      typeWordsEnd = afterReview
      i = scanner.skipSpaces(afterReview)
    }
    // `Kế hoạch hành động số 01-KH/TU`: a plan's longer name before its number.
    if phrase == TypeIndex.keHoach, let afterAction = scanner.matchWord(CitationWords.hanhDong, at: i),
      matchSo(scanner, at: scanner.skipSpaces(afterAction)) != nil
    {
      i = scanner.skipSpaces(afterAction)
    }
    if let (number, end) = readNumber(scanner, at: i, requireSo: false) {
      mention.number = number
      i = end
    }
    // `Thông báo kết luận số 35-TB/TU`: the type the number's code names, written just before.
    var mentionStart = start
    let numberParts = mention.number.map(DocumentTypes.parts(ofNumber:))
    if let typeCode = numberParts?.typeCode, let coded = DocumentTypes.phraseIndex(forCode: typeCode),
      coded != phrase,
      let codedStart = CitationRelations.endsPhrase(
        scanner, TypeIndex.foldedNames[coded], at: CitationRelations.skipBackSpaces(scanner, start))
    {
      mention.type = DocumentTypes.phrases[coded].name
      mention.typeIsCapitalised = scanner.isUppercase(codedStart)
      mentionStart = codedStart
    }
    // `số 18-NQ/TW, 19-NQ/TW`, `số 71-NQ/TW và 72-NQ/TW`: more numbers of the same code share the rest.
    var siblingSpans: [(String, Span)] = []
    let firstNumberEnd = i
    if let typeCode = numberParts?.typeCode {
      while siblingSpans.count < 8 {
        var k = scanner.skipSpaces(i)
        if scanner.byte(k) == UInt8(ascii: ",") {
          k = scanner.skipSpaces(k + 1)
        } else if let afterVa = scanner.matchWord(CitationWords.va, at: k) {
          k = scanner.skipSpaces(afterVa)
        } else {
          break
        }
        // `Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày …`: the type may be written again.
        let siblingStart = k
        if let afterType = scanner.matchPhrase(DocumentTypes.phrases[phrase].phrase, at: k) {
          k = scanner.skipSpaces(afterType)
        }
        if let afterSo = matchSo(scanner, at: k) { k = scanner.skipSpaces(afterSo) }
        guard let (sibling, siblingEnd) = scanner.citedNumber(at: k) else { break }
        guard let siblingCode = DocumentTypes.parts(ofNumber: sibling).typeCode,
          DocumentTypes.sameFoldedCode(siblingCode, typeCode)
        else { break }
        siblingSpans.append((sibling, Span(siblingStart, siblingEnd)))
        i = siblingEnd
      }
    }
    let limit = clauseEnd(scanner, from: i)
    var end = mention.number == nil ? typeWordsEnd : i
    // `Quy chế làm việc của Ban Chấp hành Trung ương`: working rules named by the body they bind.
    var namingWordsEnd = typeWordsEnd
    if mention.number == nil, type == "Quy chế",
      let afterWork = scanner.matchWord(CitationWords.lamViec, at: scanner.skipSpaces(typeEnd)),
      scanner.matchWord(CitationWords.cua, at: scanner.skipSpaces(afterWork)) != nil
    {
      namingWordsEnd = afterWork
      end = afterWork
      mention.number = bracketedNumber(scanner, of: phrase, from: afterWork)
    }
    if mention.number == nil, namingWordsEnd == typeWordsEnd {
      let nameStart = scanner.skipSpaces(typeWordsEnd)
      if isNamed {
        if phrase == TypeIndex.luat, follows(lawWordCompounds, scanner, start) { return nil }
        guard let (name, nameEnd) = documentName(scanner, type: type, from: nameStart, limit: limit) else {
          return nil
        }
        if !name.isEmpty { mention.subject = name }
        mention.title = name.isEmpty ? type : type + " " + name
        if phrase == TypeIndex.dieuLe { mention.subject = nil }
        end = nameEnd
      } else if phrase == TypeIndex.nghiQuyet,
        let congress = congressName(scanner, from: nameStart, limit: limit)
      {
        mention.title = "Nghị quyết " + congress.name
        // A congress issues its resolution; a plenum's is the Central Committee's (or the province's).
        let plenum = !congress.name.folded.hasPrefix("dai hoi")
        let issuer =
          !plenum
          ? congress.name
          : congress.scope == .ownProvince ? "Ban Chấp hành Đảng bộ tỉnh" : "Ban Chấp hành Trung ương Đảng"
        mention.issuer = Issuer(name: issuer, scope: congress.scope)
        end = congress.end
      } else if phrase == TypeIndex.baoCao,
        let after = scanner.matchWord(CitationWords.chinhTri, at: nameStart)
      {
        mention.title = "Báo cáo chính trị"
        end = after
      }
    }
    // Read into a string only once the mention is known to cite something.
    // Where the subject starts and its clause ends; where it ends is read once the mention is kept.
    var subjectBounds: (start: Int, limit: Int)?
    var attributes = 0
    while attributes < 6 {
      attributes += 1
      var k = scanner.skipSpaces(end)
      if scanner.byte(k) == UInt8(ascii: ",") { k = scanner.skipSpaces(k + 1) }
      guard k < limit else { break }
      if mention.date == nil, let (day, dateEnd) = scanner.date(at: k, glued: true), dateEnd <= limit {
        mention.date = day
        end = dateEnd
        continue
      }
      // `Nghị quyết số 57-NQ/TW (ngày 22/12/2024) của …`: the date in brackets.
      if mention.date == nil, scanner.byte(k) == UInt8(ascii: "("),
        let (day, dateEnd) = scanner.date(at: scanner.skipSpaces(k + 1), glued: true),
        scanner.byte(scanner.skipSpaces(dateEnd)) == UInt8(ascii: ")"), dateEnd < limit
      {
        mention.date = day
        end = scanner.skipSpaces(dateEnd) + 1
        continue
      }
      if mention.number == nil, let (number, numberEnd) = readNumber(scanner, at: k, requireSo: true),
        numberEnd <= limit
      {
        mention.number = number
        end = numberEnd
        continue
      }
      if mention.issuer == nil, let afterCua = scanner.matchWord(CitationWords.cua, at: k) {
        // `Kết luận của đồng chí Bí thư Tỉnh ủy tại …`: the comrade is the office.
        var issuerStart = scanner.skipSpaces(afterCua)
        if let afterComrade = scanner.matchWord(CitationWords.dongChi, at: issuerStart) {
          issuerStart = scanner.skipSpaces(afterComrade)
          // `của đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy`: the comrade's office, after the name.
          if let nameEnd = personNameEnd(scanner, from: issuerStart, limit: limit),
            scanner.byte(nameEnd) == UInt8(ascii: ","),
            let (office, _) = readIssuer(scanner, at: scanner.skipSpaces(nameEnd + 1), limit: limit),
            startsWithKnownIssuer(office.name)
          {
            issuerStart = scanner.skipSpaces(nameEnd + 1)
          }
        }
        // `của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII`: the plenum's committee.
        if let afterPlenum = scanner.matchWord(CitationWords.hoiNghiLanThu, at: issuerStart) {
          var ordinalEnd = scanner.skipSpaces(afterPlenum)
          while scanner.isLetter(ordinalEnd) || scanner.isDigit(ordinalEnd) { ordinalEnd += 1 }
          let body = scanner.skipSpaces(ordinalEnd)
          if scanner.isUppercase(body) { issuerStart = body }
        }
        guard let (issuer, issuerEnd) = readIssuer(scanner, at: issuerStart, limit: limit)
        else { break }
        mention.issuer = issuer
        if end == namingWordsEnd {
          mention.namedByIssuer = !listsMoreIssuers(scanner, after: issuerEnd, limit: limit)
        }
        end = issuerEnd
        continue
      }
      // `Chỉ thị số 27-CT/TW do Ban Bí thư ban hành ngày 4/7/2021`: the issuer between number and date.
      if mention.issuer == nil, let afterDo = scanner.matchWord(CitationWords.doWord, at: k),
        let (issuer, issuerEnd) = readIssuer(scanner, at: scanner.skipSpaces(afterDo), limit: limit)
      {
        mention.issuer = issuer
        end = scanner.matchWord(CitationWords.banHanh, at: scanner.skipSpaces(issuerEnd)) ?? issuerEnd
        continue
      }
      if let afterTai = scanner.matchWord(CitationWords.tai, at: k), mention.number == nil {
        let next = scanner.skipSpaces(afterTai)
        if PhraseTable.documentTypes.startsPhrase(at: next, in: scanner) {
          mention.pointsOnward = true
        } else if mention.date == nil, let (day, dateEnd) = meetingDate(scanner, from: next, limit: limit) {
          mention.date = day
          end = dateEnd
        }
        break
      }
      if mention.subject == nil, mention.title == nil,
        let afterVe = scanner.matchWord(CitationWords.ve, at: k),
        scanner.scalars[k] == "v" || scanner.scalars[k] == "V"
      {
        let subjectStart = scanner.skipSpaces(afterVe)
        subjectBounds = (subjectStart, limit)
        break
      }
      break
    }
    mention.span = Span(mentionStart, end)
    if mention.number == nil && mention.date == nil && mention.issuer == nil && mention.title == nil {
      // `các Quyết định: số …; số …`: kept to open the list of numbers that follows.
      let opensList = mention.isPlural && scanner.byte(scanner.skipSpaces(end)) == UInt8(ascii: ":")
      return opensList ? mention : nil
    }
    if let subjectBounds {
      let subjectEnd = subjectLimit(scanner, from: subjectBounds.start, limit: subjectBounds.limit)
      let subject = scanner.flatText(subjectBounds.start..<subjectEnd, trimmingPunctuation: true)
      if !subject.isEmpty { mention.subject = subject }
    }
    if mention.date == nil || mention.issuer == nil { readPrecedingContext(scanner, into: &mention) }
    if !siblingSpans.isEmpty {
      // Each number is a mention of its own; the last one's span holds the shared date and issuer.
      mention.siblings = siblingSpans.enumerated().map { index, sibling in
        var other = mention
        other.number = sibling.0
        other.typeIsCapitalised = true
        other.span = Span(sibling.1.start, index == siblingSpans.count - 1 ? end : sibling.1.end)
        return other
      }
      mention.span = Span(mentionStart, firstNumberEnd)
    }
    return mention
  }

  /// In a copy whose marks were lost (`Ngh? quy?t s? 12/2020/NQ-CP`) the type words cannot be read,
  /// but a number whose code names its type (`NQ`, `KL`, `CT`) still cites that document.
  static func withBareNumbers(_ scanner: TextScanner, _ mentions: [Mention]) -> [Mention] {
    var result = mentions
    var index = 0
    while index < scanner.count {
      defer { index += 1 }
      guard scanner.isDigit(index), !scanner.isDigit(index - 1), !scanner.isLetter(index - 1),
        scanner.byte(index - 1) != UInt8(ascii: "/"), scanner.byte(index - 1) != UInt8(ascii: "-"),
        !mentions.contains(where: { $0.span.start <= index && index < $0.span.end }),
        let (number, end) = scanner.citedNumber(at: index),
        DocumentTypes.parts(ofNumber: number).typeCode != nil,
        let type = DocumentTypes.typeName(ofNumber: number)
      else { continue }
      var mention = Mention(type: type, typeIsCapitalised: true, number: number, span: Span(index, end))
      readDateAndIssuer(scanner, after: end, into: &mention)
      result.append(mention)
      index = end
    }
    return result.sorted { $0.span.start < $1.span.start }
  }

  /// The date and issuer that follow a number as after any (`… 30/NQ-CP ngày 1/2/2021 của …`).
  static func readDateAndIssuer(_ scanner: TextScanner, after end: Int, into mention: inout Mention) {
    let limit = clauseEnd(scanner, from: end)
    var next = scanner.skipSpaces(end)
    if scanner.byte(next) == UInt8(ascii: ",") { next = scanner.skipSpaces(next + 1) }
    if let (day, dateEnd) = scanner.date(at: next), dateEnd <= limit {
      mention.date = day
      mention.span.end = dateEnd
      next = scanner.skipSpaces(dateEnd)
    }
    if let afterCua = scanner.matchWord(CitationWords.cua, at: next),
      let (issuer, issuerEnd) = readIssuer(scanner, at: scanner.skipSpaces(afterCua), limit: limit)
    {
      mention.issuer = issuer
      mention.span.end = issuerEnd
    }
  }

  /// `Văn bản số 8576/BNN-TCLN`, `văn bản số 86-CV/BTGTW`: a numbered text is a letter (or the type
  /// its number's code names); `văn bản` without a number names none.
  static func withNumberedTexts(_ scanner: TextScanner, _ mentions: [Mention]) -> [Mention] {
    var found: [Mention] = []
    var from = 0
    while let at = scanner.find(CitationWords.vanBan, from: from) {
      from = at + 1
      guard !scanner.isLetter(at - 1), let afterWords = scanner.matchWord(CitationWords.vanBan, at: at),
        let (number, end) = readNumber(scanner, at: scanner.skipSpaces(afterWords), requireSo: true),
        number.contains("/") || number.contains("-"),
        !mentions.contains(where: { $0.span.start <= at && at < $0.span.end })
      else { continue }
      let type = DocumentTypes.typeName(ofNumber: number) ?? "Công văn"
      var mention = Mention(
        type: type, typeIsCapitalised: scanner.isUppercase(at), number: number, span: Span(at, end))
      readDateAndIssuer(scanner, after: end, into: &mention)
      // `Xét đề nghị của Ban … tại Văn bản số …`: the proposer issues it.
      if mention.issuer == nil { readPrecedingContext(scanner, into: &mention) }
      found.append(mention)
      from = mention.span.end
    }
    guard !found.isEmpty else { return mentions }
    return (mentions + found).sorted { $0.span.start < $1.span.start }
  }

  /// `Hướng dẫn của Ban Chỉ đạo Quốc gia …, Bộ Y tế và các cơ quan chức năng`: guidance of several
  /// bodies is a kind of document, not one (`Tờ trình của …, Báo cáo của …` is two documents).
  static func listsMoreIssuers(_ scanner: TextScanner, after index: Int, limit: Int) -> Bool {
    var k = scanner.skipSpaces(index)
    if scanner.byte(k) == UInt8(ascii: ",") {
      k = scanner.skipSpaces(k + 1)
    } else if let afterVa = scanner.matchWord(CitationWords.va, at: k) {
      k = scanner.skipSpaces(afterVa)
    } else {
      return false
    }
    guard k < limit else { return false }
    if scanner.matchWord(CitationWords.cac, at: k) != nil {
      return scanner.byte(scanner.skipSpaces(index)) != UInt8(ascii: ",")
    }
    let startsDocument = PhraseTable.documentTypes.startsPhrase(at: k, in: scanner)
    return scanner.isUppercase(k) && !startsDocument
  }

  /// `các Nghị quyết của Hội đồng nhân dân tỉnh: số 340/NQ-HĐND ngày 22/12/2020 về …; số
  /// 160/NQ-HĐND …; 148/NQ-HĐND …`: each number of the list is a document of that type and issuer.
  static func numberList(_ scanner: TextScanner, of plural: Mention, from start: Int) -> [Mention] {
    var i = scanner.skipSpaces(start)
    guard scanner.byte(i) == UInt8(ascii: ":") else { return [] }
    i += 1
    var listed: [Mention] = []
    var misses = 0
    while listed.count < 50 {
      var k = scanner.skipSpaces(i)
      if let afterSo = matchSo(scanner, at: k) { k = scanner.skipSpaces(afterSo) }
      guard let (number, numberEnd) = scanner.citedNumber(at: k) else {
        // An item's description may hold a `;` of its own: look one separator further.
        misses += 1
        guard misses < 2, let separator = nextSeparator(scanner, after: k) else { break }
        i = separator
        continue
      }
      misses = 0
      var item = Mention(type: plural.type, typeIsCapitalised: true, number: number, span: Span(k, numberEnd))
      item.issuer = plural.issuer
      var end = numberEnd
      var d = scanner.skipSpaces(end)
      if scanner.byte(d) == UInt8(ascii: ",") { d = scanner.skipSpaces(d + 1) }
      if let (day, dateEnd) = scanner.date(at: d) {
        item.date = day
        end = dateEnd
      }
      // `số 12/2018/QĐ-TTg ngày 3/4/2018 của Thủ tướng Chính phủ; …`: each item may name its issuer.
      if item.issuer == nil, let afterCua = scanner.matchWord(CitationWords.cua, at: scanner.skipSpaces(end)),
        let (issuer, issuerEnd) = readIssuer(
          scanner, at: scanner.skipSpaces(afterCua), limit: clauseEnd(scanner, from: end))
      {
        item.issuer = issuer
        end = issuerEnd
      }
      item.span = Span(k, end)
      listed.append(item)
      guard let next = nextSeparator(scanner, after: end) else { return listed }
      i = next
    }
    return listed
  }

  /// After the next `;` or `,` of a list, unless the sentence ends or another document begins first.
  static func nextSeparator(_ scanner: TextScanner, after start: Int) -> Int? {
    var j = start
    while j < min(scanner.count, start + 300) {
      if scanner.scalars[j] == "." || scanner.isHardBreak(j) { return nil }
      // `… về kế hoạch và Công văn số …` ends the list; `… một số điều của Nghị định số …` names a
      // document in an item's description, and the list goes on after it.
      if j > start, !scanner.isLetter(j - 1), scanner.isUppercase(j),
        PhraseTable.documentTypes.startsPhrase(at: j, in: scanner),
        CitationRelations.endsPhrase(
          scanner, CitationWords.cua, at: CitationRelations.skipBackSpaces(scanner, j))
          == nil
      {
        return nil
      }
      if scanner.scalars[j] == ";" || scanner.scalars[j] == "," { return j + 1 }
      j += 1
    }
    return nil
  }

  /// `số 215-CV/TU`, `số: 12/CT-UBND`, `số31-QĐ/TW` (glued), or a number right after the type
  /// (`Chương trình hành động 1379/CTr-BYT`); after `số` a bare serial (`Kế hoạch số 155, ngày …`)
  /// counts when a date or an issuer follows it.
  static func readNumber(_ scanner: TextScanner, at index: Int, requireSo: Bool) -> (String, Int)? {
    if let afterSo = matchSo(scanner, at: index) {
      var j = scanner.skipSpaces(afterSo)
      if scanner.byte(j) == UInt8(ascii: ":") { j = scanner.skipSpaces(j + 1) }
      if let found = scanner.citedNumber(at: j, gluedToWord: j == afterSo) { return found }
      return bareSerial(scanner, at: j)
    }
    guard !requireSo else { return nil }
    return scanner.citedNumber(at: index)
  }

  /// `số` as a word, or glued to the digits after it.
  /// `Quy chế làm việc của Tỉnh ủy khóa X, nhiệm kỳ 2015-2020 (số 22-QC/TU)`: a number in
  /// brackets after a document's name, within its sentence, whose code names that document's type.
  static func bracketedNumber(_ scanner: TextScanner, of phrase: Int, from start: Int) -> String? {
    var index = start
    let limit = min(scanner.count, start + 200)
    while index < limit {
      switch scanner.byte(index) {
      case UInt8(ascii: "."), UInt8(ascii: ";"): return nil
      case UInt8(ascii: "\n") where scanner.byte(index + 1) == UInt8(ascii: "\n"): return nil
      case UInt8(ascii: "("):
        var k = scanner.skipSpaces(index + 1)
        if let afterSo = matchSo(scanner, at: k) { k = scanner.skipSpaces(afterSo) }
        guard let (number, numberEnd) = scanner.citedNumber(at: k),
          scanner.byte(scanner.skipSpaces(numberEnd)) == UInt8(ascii: ")"),
          let code = DocumentTypes.parts(ofNumber: number).typeCode,
          DocumentTypes.phraseIndex(forCode: code) == phrase
        else { return nil }
        return number
      default: index += 1
      }
    }
    return nil
  }

  static func matchSo(_ scanner: TextScanner, at index: Int) -> Int? {
    guard scanner.byte(index) == UInt8(ascii: "s"), scanner.byte(index + 1) == UInt8(ascii: "o"),
      !scanner.isLetter(index - 1), !scanner.isDigit(index - 1), !scanner.isLetter(index + 2)
    else { return nil }
    return index + 2
  }

  static func bareSerial(_ scanner: TextScanner, at index: Int) -> (String, Int)? {
    guard let (_, end) = scanner.integer(at: index, maxDigits: 5), !scanner.isLetter(end),
      scanner.byte(end) != UInt8(ascii: "/"), scanner.byte(end) != UInt8(ascii: "-")
    else { return nil }
    var k = scanner.skipSpaces(end)
    if scanner.byte(k) == UInt8(ascii: ",") { k = scanner.skipSpaces(k + 1) }
    // `Kế hoạch số 08 về tổ chức đại hội`: a date, an issuer or a subject makes it one document.
    guard
      scanner.matchDateWord(at: k) != nil || scanner.matchWord(CitationWords.cua, at: k) != nil
        || scanner.matchWord(CitationWords.ve, at: k) != nil
    else {
      return nil
    }
    return (scanner.string(index..<end), end)
  }

  /// Types cited by name rather than number: `Luật Ngân sách nhà nước ngày 25/6/2015`,
  /// `Điều lệ Đảng`, `Hiến pháp năm 2013`.
  static let namedTypes: Set<String> = ["Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Điều lệ"]
  /// Per type of `DocumentTypes.phrases`: whether it is one of `namedTypes`.
  static let typeIsNamed: [Bool] = DocumentTypes.phrases.map { namedTypes.contains($0.name) }

  /// Words that end a law's name (`Luật Đất đai quy định …`, `Luật … tại Điều 5`).
  static let nameStops = ShortWordSet([
    "ngay", "tai", "theo", "duoc", "da", "thi", "nay", "ve", "la", "de", "nham", "do", "trong", "cho",
    "khi", "neu", "ma", "se", "con", "cung", "hien", "moi", "cac", "nhu", "tren", "sau", "thuoc",
    "truoc", "va", "cua", "so", "phai", "dieu", "khoan", "chuong", "muc", "cham", "dap",
    "nhung", "giai", "thoi", "ky", "nhiem",
  ])

  /// The name of a law, charter or constitution: words up to its date or the end of the clause.
  /// `Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C` is one name.
  static func documentName(_ scanner: TextScanner, type: String, from start: Int, limit: Int) -> (
    String, Int
  )? {
    // `Pháp lệnh về nhiệm vụ, quyền hạn … ở mỗi cấp ngày 25 tháng 6 năm 1996`: an ordinance named
    // by its subject, which runs on to its date.
    if type == "Pháp lệnh", scanner.matchWord(CitationWords.ve, at: start) != nil {
      var k = start
      while k < min(limit, start + 240) {
        if scanner.scalars[k] == ":" || scanner.scalars[k] == "." { return nil }
        if scanner.isLetter(k), !scanner.isLetter(k - 1) {
          if scanner.matchDateWord(at: k) != nil, scanner.date(at: k) != nil {
            let nameEnd = CitationRelations.skipBackSpaces(scanner, k)
            return (scanner.flatText(start..<nameEnd, trimmingPunctuation: true), nameEnd)
          }
          if scanner.isUppercase(k), PhraseTable.documentTypes.startsPhrase(at: k, in: scanner) { return nil }
        }
        k += 1
      }
      return nil
    }
    var i = start
    var end = start
    var words: [String] = []
    let amending = scanner.matchWord(CitationWords.suaDoi, at: start) != nil
    while i < limit, words.count < 40 {
      var wordStart = scanner.skipSpaces(i)
      if amending, scanner.byte(wordStart) == UInt8(ascii: ","), !words.isEmpty {
        wordStart = scanner.skipSpaces(wordStart + 1)
      }
      guard wordStart < limit, scanner.isLetter(wordStart) || scanner.isDigit(wordStart) else {
        // `Luật Khiếu nại, tố cáo ngày …`, `Luật … (sửa đổi) ngày …`: a comma or a bracket inside
        // the name, when a few plain words lead on to its date.
        if !words.isEmpty, wordStart < limit,
          scanner.scalars[wordStart] == "," || scanner.scalars[wordStart] == "(",
          let dateStart = dateAhead(scanner, from: wordStart + 1, limit: limit, words: 5)
        {
          end = CitationRelations.skipBackSpaces(scanner, dateStart)
        }
        break
      }
      var wordEnd = wordStart
      while wordEnd < limit,
        scanner.isLetter(wordEnd) || scanner.isDigit(wordEnd)
          || (scanner.byte(wordEnd) == UInt8(ascii: "-") && scanner.isLetter(wordEnd + 1)
            && wordEnd > wordStart)
      {
        wordEnd += 1
      }
      let word = scanner.string(wordStart..<wordEnd).folded
      if word.count > 4, word.hasSuffix("ngay"), scanner.date(at: wordEnd - 4, glued: true) != nil {
        end = wordEnd - 4
        words.append(word)
        break
      }
      let followedByYear = word == "nam" && scanner.isDigit(scanner.skipSpaces(wordEnd))
      let quyDinh =
        word == "quy" && scanner.matchWord(CitationWords.dinh, at: scanner.skipSpaces(wordEnd)) != nil
      let coHieuLuc =
        word == "co" && scanner.matchWord(CitationWords.hieuLuc, at: scanner.skipSpaces(wordEnd)) != nil
      if nameStops.contains(word) || followedByYear || quyDinh || coHieuLuc {
        let continuesAmendment = amending && ["cua", "so", "dieu", "va", "cac"].contains(word)
        if type == "Hiến pháp" && followedByYear {
          let yearStart = scanner.skipSpaces(wordEnd)
          var yearEnd = yearStart
          while scanner.isDigit(yearEnd) { yearEnd += 1 }
          end = yearEnd
          words.append(word)
          break
        }
        let joinsName =
          word == "va" && !words.isEmpty && joinsNameAfterVa(scanner, at: scanner.skipSpaces(wordEnd))
        let ofInName =
          word == "cua" && !words.isEmpty && !amending && nameGoesOnAfterCua(scanner, wordEnd, limit)
        if !(continuesAmendment || joinsName || ofInName) || words.isEmpty { break }
      }
      // `Điều lệ Hội Nông dân Việt Nam`: a charter's body is named in capitals, a word in lower
      // case inside the name only when a capitalised one follows it.
      if type == "Điều lệ", !scanner.isUppercase(wordStart),
        words.isEmpty || !scanner.isUppercase(scanner.skipSpaces(wordEnd)) || word == "khoa"
      {
        break
      }
      words.append(word)
      end = wordEnd
      i = wordEnd
    }
    let raw = scanner.flatText(start..<end)
    let name = Line.isUppercase(raw) ? Casing.capitalizingFirst(Casing.sentenceCase(raw)) : raw
    if type == "Hiến pháp" { return (name, end) }
    guard !words.isEmpty else { return nil }
    // `Luật sư`, `Luật gia`, `luật pháp`, `luật lệ`: people and the law in general, not a law.
    if type == "Luật" || type == "Bộ luật", ["su", "gia", "phap", "le"].contains(words[0]) { return nil }
    if type != "Điều lệ", words.count < 2, !scanner.isUppercase(start) { return nil }
    return (name, end)
  }

  /// `Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày …`: `của` is part of the name
  /// when plain words after it lead on to the date and are not the issuer standing right before it
  /// (`Luật Đất đai của Quốc hội ngày …`).
  static func nameGoesOnAfterCua(_ scanner: TextScanner, _ afterCua: Int, _ limit: Int) -> Bool {
    guard let dateStart = dateAhead(scanner, from: afterCua, limit: limit, words: 8) else { return false }
    guard let (_, issuerEnd) = readIssuer(scanner, at: scanner.skipSpaces(afterCua), limit: limit) else {
      return true
    }
    var k = scanner.skipSpaces(issuerEnd)
    if scanner.byte(k) == UInt8(ascii: ",") { k = scanner.skipSpaces(k + 1) }
    return k != dateStart
  }

  /// Words that begin another clause rather than go on with a name (folded: `nhũng` and `ma túy`
  /// are not `những` and `mà`, so the name's own stop words cannot serve).
  static let clauseWords = ShortWordSet([
    "cua", "cac", "tai", "theo", "ve", "so", "de", "nham", "duoc", "la", "dieu", "khoan", "chuong",
  ])

  /// Where a date (`ngày …`) begins within `words` plain words of `start`: none of them one of
  /// `clauseWords`, no `;`, `:` or `.` and no other document before it.
  static func dateAhead(_ scanner: TextScanner, from start: Int, limit: Int, words: Int) -> Int? {
    var i = start
    var count = 0
    while i < limit, count <= words {
      let scalar = scanner.scalars[i]
      if scalar == ";" || scalar == ":" || scalar == "." { return nil }
      if scanner.isLetter(i), !scanner.isLetter(i - 1) {
        if scanner.matchDateWord(at: i) != nil { return scanner.date(at: i) != nil ? i : nil }
        if scanner.isUppercase(i), PhraseTable.documentTypes.startsPhrase(at: i, in: scanner) { return nil }
        var wordEnd = i
        while scanner.isLetter(wordEnd) { wordEnd += 1 }
        if scanner.foldedWord(i..<wordEnd, isIn: clauseWords) { return nil }
        count += 1
        i = wordEnd
        continue
      }
      i += 1
    }
    return nil
  }

  /// After `và` in a name: `HĐND và UBND` goes on, `và Luật …` or `và các …` does not.
  static func joinsNameAfterVa(_ scanner: TextScanner, at index: Int) -> Bool {
    guard scanner.isLetter(index) else { return false }
    if PhraseTable.documentTypes.startsPhrase(at: index, in: scanner) {
      return false
    }
    var end = index
    while scanner.isLetter(end) { end += 1 }
    return !scanner.foldedWord(index..<end, isIn: nameStops)
  }

  /// `Đại hội đại biểu toàn quốc lần thứ XIII của Đảng`, `Đại hội XIII của Đảng`, `Đại hội đại biểu
  /// Đảng bộ tỉnh lần thứ XVII`: the congress whose resolution is cited, which is its issuer.
  static func congressName(_ scanner: TextScanner, from start: Int, limit: Int) -> (
    name: String, end: Int, scope: CitationScope
  )? {
    // `Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII`, `Nghị quyết Trung
    // ương 4 khóa XIII`: a plenum's resolution, named the same way.
    let opensName = CitationWords.congressOpeners.contains { scanner.matchWord($0, at: start) != nil }
    guard scanner.isUppercase(start), opensName else { return nil }
    let allowed: Set<String> = [
      "dai", "hoi", "bieu", "toan", "quoc", "lan", "thu", "cua", "bo", "tinh", "thanh", "pho", "huyen",
      "dang", "khoa", "lam", "nhat", "ban", "chap", "hanh", "trung", "uong", "hai", "ba", "tu", "nam", "sau",
      "bay", "tam", "chin", "muoi",
    ]
    var i = start
    var end = start
    var lastWord = ""
    var lastEnd = start
    var beforeLast = start
    var words = 0
    while i < limit {
      let wordStart = scanner.skipSpaces(i)
      guard wordStart < limit, scanner.isLetter(wordStart) || scanner.isDigit(wordStart) else { break }
      var wordEnd = wordStart
      while wordEnd < limit, scanner.isLetter(wordEnd) || scanner.isDigit(wordEnd) { wordEnd += 1 }
      let word = scanner.string(wordStart..<wordEnd).folded
      guard allowed.contains(word) || !nameStops.contains(word), words < 16 else { break }
      words += 1
      beforeLast = end
      end = wordEnd
      lastWord = word
      lastEnd = wordEnd
      i = wordEnd
    }
    if lastWord == "cua" && lastEnd == end { end = beforeLast }
    // `Nghị quyết Đại hội Đảng bộ các cấp`: the congresses of every level, no one resolution.
    if scanner.matchWord(CitationWords.cacCap, at: scanner.skipSpaces(end)) != nil { return nil }
    let raw = scanner.flatText(start..<end)
    let name = Line.isUppercase(raw) ? Casing.capitalizingFirst(Casing.sentenceCase(raw)) : raw
    let folded = name.folded
    var scope = CitationScope.national
    if ["dang bo tinh", "dang bo thanh pho", "dang bo huyen", "dang bo quan", "dang bo thi xa"].contains(
      where: folded.contains)
    {
      scope = .ownProvince
    }
    return (name, end, scope)
  }

  /// `tại hội nghị ngày 2/8/2021`: a meeting's conclusions are cited by the meeting's date.
  static func meetingDate(_ scanner: TextScanner, from start: Int, limit: Int) -> (Day, Int)? {
    guard CitationWords.meetings.contains(where: { scanner.matchWord($0, at: start) != nil }) else {
      return nil
    }
    var i = start
    while i < min(limit, start + 80) {
      if let found = scanner.date(at: i) { return found }
      i += 1
    }
    return nil
  }

  /// Whether the word before `start` is `các`, `những` or `mọi`.
  /// `Nội dung dự thảo Quy chế làm việc của Tỉnh ủy khóa XI`: the rules being drafted, not rules
  /// in force that the text cites.
  static func isDraft(_ scanner: TextScanner, _ start: Int) -> Bool {
    CitationRelations.endsPhrase(
      scanner, CitationWords.duThao, at: CitationRelations.skipBackSpaces(scanner, start))
      != nil
  }

  static func followsPluralMarker(_ scanner: TextScanner, _ start: Int) -> Bool {
    follows(pluralMarkers, scanner, start)
  }

  /// Words that make `luật` part of another word: `kỷ luật` (discipline), `pháp luật` (the law in
  /// general), written in capitals in a title as often as not.
  static let lawWordCompounds: [[UInt8]] = ["ky", "phap"].map { Array($0.utf8) }

  /// Whether the word before `start` is one of `words` (folded).
  static func follows(_ words: [[UInt8]], _ scanner: TextScanner, _ start: Int) -> Bool {
    var end = start
    while end > 0, scanner.isSpace(end - 1) { end -= 1 }
    guard end < start else { return false }
    var wordStart = end
    while wordStart > 0, scanner.isLetter(wordStart - 1) { wordStart -= 1 }
    return words.contains {
      $0.count == end - wordStart && scanner.matchWord($0, at: wordStart) != nil
    }
  }

  /// `Ngày 11-6-2021, Bộ Chính trị ban hành Kết luận số 07-KL/TW`: date and issuer before.
  static func readPrecedingContext(_ scanner: TextScanner, into mention: inout Mention) {
    var k = mention.span.start - 1
    while k >= 0, scanner.isSpace(k) { k -= 1 }
    if mention.issuer == nil, k >= 2, scanner.matchWord(CitationWords.tai, at: k - 2) != nil {
      proposer(scanner, before: k - 2, into: &mention)
      return
    }
    let banHanh = CitationWords.banHanh
    guard k >= 7, scanner.matchWord(banHanh, at: k - 7) != nil else { return }
    // Within the sentence: `… ngày 05/7/2021 của Ban Tổ chức. Ngày 02/11/2021, Sở … ban hành …`
    // dates the plan by the second date, not by the first.
    let lineStart = max(CitationRelations.sentenceStart(scanner, before: k - 7), mention.span.start - 200, 0)
    var position = lineStart
    var issuerFrom = lineStart
    // `Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 …, Ban … ban hành Kế hoạch số 08`: with another
    // document named in the sentence, its dates are not the plan's.
    var firstDay: Day?
    var namesAnotherDocument = false
    while position < k - 7 {
      if let (day, end) = scanner.date(at: position) {
        if firstDay == nil { firstDay = day }
        issuerFrom = end
        position = end
      } else {
        if !namesAnotherDocument, scanner.isUppercase(position), !scanner.isLetter(position - 1) {
          namesAnotherDocument = PhraseTable.documentTypes.startsPhrase(at: position, in: scanner)
        }
        position += 1
      }
    }
    if mention.date == nil, !namesAnotherDocument { mention.date = firstDay }
    var from = scanner.skipSpaces(issuerFrom)
    if scanner.byte(from) == UInt8(ascii: ",") { from = scanner.skipSpaces(from + 1) }
    // `Thay mặt Bộ Chính trị, đồng chí … ban hành`: on behalf of the body that issues it.
    if let afterBehalf = scanner.matchWord(CitationWords.thayMat, at: from) {
      from = scanner.skipSpaces(afterBehalf)
    }
    guard mention.issuer == nil else { return }
    var limit = CitationRelations.skipBackSpaces(scanner, k - 7)
    for adverb in [CitationWords.ky, CitationWords.vua, CitationWords.da] {
      if let adverbStart = CitationRelations.endsPhrase(scanner, adverb, at: limit) {
        limit = CitationRelations.skipBackSpaces(scanner, adverbStart)
      }
    }
    let opening = readIssuer(scanner, at: from, limit: k - 7)
    // `Phó Chủ tịch UBND tỉnh Trần Văn B ký ban hành …`: the office, the person named after it.
    if let opening,
      opening.1 == limit
        || (startsWithKnownIssuer(opening.0.name)
          && personNameEnd(scanner, from: opening.1, limit: limit) == limit)
    {
      mention.issuer = opening.0
    } else if let issuer = issuerJustBefore(scanner, limit, from: from) {
      mention.issuer = issuer
    } else if let opening {
      mention.issuer = opening.0
    }
  }

  /// `… Lượt xem: 6783\nBan Tuyên giáo Tỉnh ủy Trà Vinh vừa ban hành Công văn số …`: when what
  /// opens the sentence does not run up to `(vừa|đã) (ký) ban hành`, the body named right before
  /// it (`limit`, where those words begin).
  static func issuerJustBefore(_ scanner: TextScanner, _ limit: Int, from start: Int) -> Issuer? {
    var best: Issuer?
    var i = limit
    var words = 0
    while i > start, words < 12 {
      guard scanner.isLetter(i - 1) || scanner.scalars[i - 1] == " " else { break }
      if scanner.isLetter(i - 1), i - 1 == start || !scanner.isLetter(i - 2) {
        words += 1
        let wordStart = i - 1
        if scanner.isUppercase(wordStart),
          let (issuer, end) = readIssuer(scanner, at: wordStart, limit: limit),
          end == limit
        {
          best = issuer
        }
      }
      i -= 1
    }
    return best
  }

  /// `Theo đề nghị của Sở Y tế tại Tờ trình số 272/TTr-SYT`: the body that proposes issued it
  /// (`Kết luận của Thủ tướng tại Thông báo số 253/TB-VPCP` is the office's notice, not his).
  static func proposer(_ scanner: TextScanner, before tai: Int, into mention: inout Mention) {
    var position = tai - 1
    while position > 0, tai - position < 160 {
      let scalar = scanner.scalars[position]
      if scalar == ";" || scalar == "." || scanner.isHardBreak(position) { return }
      if let afterCua = scanner.matchWord(CitationWords.cua, at: position),
        CitationRelations.endsPhrase(
          scanner, CitationWords.deNghi, at: CitationRelations.skipBackSpaces(scanner, position)) != nil
      {
        var from = scanner.skipSpaces(afterCua)
        // `của Giám đốc Sở …`: the office holder speaks for the department.
        for title in CitationWords.officeHolders {
          if let end = scanner.matchWord(title, at: from) { from = scanner.skipSpaces(end) }
        }
        if let (issuer, issuerEnd) = readIssuer(scanner, at: from, limit: tai) {
          mention.issuer = proposerRunsOn(scanner, issuer, from: from, issuerEnd, to: tai) ?? issuer
        }
        return
      }
      position -= 1
    }
  }

  /// `của Ban Xúc tiến và Hỗ trợ đầu tư tại`, `của Sở Nông nghiệp & Phát triển nông thôn tỉnh tại`:
  /// a proposer's name goes on in plain words up to `tại` (a closing `tỉnh` is its own province).
  static func proposerRunsOn(
    _ scanner: TextScanner, _ issuer: Issuer, from: Int, _ issuerEnd: Int, to tai: Int
  )
    -> Issuer?
  {
    var end = CitationRelations.skipBackSpaces(scanner, tai)
    if let tinh = CitationRelations.endsPhrase(scanner, CitationWords.tinh, at: end),
      !scanner.isLetter(tinh - 1)
    {
      end = CitationRelations.skipBackSpaces(scanner, tinh)
    }
    guard end > issuerEnd else { return nil }
    var i = issuerEnd
    while i < end {
      if scanner.isLetter(i), !scanner.isLetter(i - 1) {
        var wordEnd = i
        while scanner.isLetter(wordEnd) { wordEnd += 1 }
        if scanner.foldedWord(i..<wordEnd, isIn: clauseWords) { return nil }
        i = wordEnd
        continue
      }
      guard scanner.isLetter(i) || scanner.isSpace(i) || scanner.scalars[i] == "&" else { return nil }
      i += 1
    }
    return Issuer(name: scanner.flat(from..<end), scope: issuer.scope)
  }

  /// The end of the clause a reference sits in: `;`, a line break, or a full stop before a space.
  static func clauseEnd(_ scanner: TextScanner, from index: Int) -> Int {
    let limit = min(scanner.count, index + 300)
    // `;` and `.` fold to themselves and nothing else does; a hard break folds to `\n`.
    let folded = scanner.folded
    var i = index
    // Eight bytes at a time up to the first that may end the clause.
    folded.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress else { return }
      while i >= 0, i + 8 <= limit {
        let block = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        guard !(Self.hasByte(block, UInt8(ascii: ";")) || Self.hasByte(block, 10) || Self.hasByte(block, 46))
        else { return }
        i += 8
      }
    }
    while i < limit {
      let byte = folded[i]
      if byte == UInt8(ascii: ";") || byte == 10 { return i }
      if byte == UInt8(ascii: "."),
        i + 1 >= scanner.count || scanner.isSpace(i + 1) || scanner.scalars[i + 1] == "\n"
      {
        return i
      }
      i += 1
    }
    return limit
  }

  /// Whether one of the eight bytes of `block` is `byte`.
  @inline(__always)
  static func hasByte(_ block: UInt64, _ byte: UInt8) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let matches = block ^ (ones &* UInt64(byte))
    return (matches &- ones) & ~matches & (ones &* 0x80) != 0
  }

  /// A subject ends with its clause, or where the next reference begins (`... và Công văn số`).
  static func subjectLimit(_ scanner: TextScanner, from start: Int, limit: Int) -> Int {
    var i = start
    while i < limit {
      if scanner.scalars[i] == "(" || scanner.scalars[i] == ")" { return i }
      // `…, Chủ tịch UBND tỉnh yêu cầu …`: the sentence's own subject begins after the comma.
      if scanner.scalars[i] == ",", i > start + 8 {
        let next = scanner.skipSpaces(i + 1)
        if scanner.isUppercase(next), scanner.isLetter(next + 1), !scanner.isUppercase(next + 1) { return i }
      }
      // Only `A`–`Z` and letters beyond U+00BF are upper case.
      let value = scanner.scalars[i].value
      if (value >= 65 && value <= 90) || value >= 0xC0, !scanner.isLetter(i - 1), scanner.isUppercase(i),
        PhraseTable.documentTypes.startsPhrase(at: i, in: scanner)
      {
        var back = i - 1
        while back > start, scanner.isSpace(back) { back -= 1 }
        if let wordStart = Optional(back - 1), wordStart >= start,
          scanner.matchWord(CitationWords.va, at: wordStart) != nil
        {
          return wordStart
        }
        return i
      }
      i += 1
    }
    return limit
  }

  // MARK: - Issuers

  struct KnownIssuer {
    let phrase: Phrase
    let provincial: Bool
    /// A person's title, after which a name may follow (`Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng`).
    let isPersonTitle: Bool
  }

  static let knownIssuers: [KnownIssuer] = {
    let national = [
      "Thường trực Ban Bí thư Trung ương Đảng", "Thường trực Ban Bí thư", "Ban Bí thư Trung ương Đảng",
      "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương",
      "Trung ương Đảng", "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", "Văn phòng Chính phủ",
      "Chính phủ", "Văn phòng Trung ương Đảng", "Ủy ban Thường vụ Quốc hội", "Quốc hội",
      "Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19", "Ban Chỉ đạo Quốc gia phòng, chống Covid-19",
      "Ban Chỉ đạo Quốc gia", "Bộ Y tế", "Bộ Tài chính", "Bộ Công an", "Bộ Quốc phòng", "Bộ Nội vụ",
      "Bộ Giáo dục và Đào tạo", "Bộ Thông tin và Truyền thông", "Bộ Lao động - Thương binh và Xã hội",
      "Bộ Kế hoạch và Đầu tư", "Bộ Công Thương", "Bộ Giao thông vận tải", "Bộ Tư pháp", "Bộ Xây dựng",
      "Bộ Lao động, Thương binh và Xã hội", "Bộ Tài nguyên và Môi trường", "Bộ Ngoại giao",
      "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ",
      "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Kiểm toán Nhà nước",
      "Hội đồng Thi đua - Khen thưởng Trung ương", "Hội đồng bầu cử quốc gia", "Ban Tuyên giáo Trung ương",
      "Ban Tổ chức Trung ương", "Ban Dân vận Trung ương", "Ban Nội chính Trung ương",
      "Ủy ban Kiểm tra Trung ương", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
      "Ban Chấp hành Trung ương Đoàn", "Ban Bí thư Trung ương Đoàn", "Trung ương Đoàn",
      "Ban Thường vụ Trung ương Đoàn",
      // The bodies merged in 2025, and their Party committees.
      "Ban Tuyên giáo và Dân vận Trung ương", "Ban Chính sách, chiến lược Trung ương", "Đảng ủy Chính phủ",
      "Đảng ủy Quốc hội", "Đảng ủy các cơ quan Đảng Trung ương", "Bộ Nông nghiệp và Môi trường",
      "Bộ Dân tộc và Tôn giáo", "Ban Kinh tế Trung ương", "Ủy ban Dân tộc", "Bộ Nông nghiệp và PTNT",
      // Short forms and meetings.
      "BCH Trung ương Đảng", "BCH Trung ương", "Hội nghị Trung ương",
    ]
    let provincial = [
      "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy", "Ban Thường vụ Huyện ủy", "Thường trực Tỉnh ủy",
      "Thường trực Thành ủy", "Tỉnh ủy", "Thành ủy", "Huyện ủy",
      "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh",
      "Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh", "UBND tỉnh", "Ủy ban nhân dân tỉnh",
      "UBND thành phố", "Ủy ban nhân dân thành phố", "UBND huyện", "Ủy ban nhân dân huyện", "HĐND tỉnh",
      "Hội đồng nhân dân tỉnh", "Ban cán sự đảng UBND tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh",
      "Ban Chấp hành Đảng bộ tỉnh", "Ban Chấp hành Đảng bộ thành phố", "Đảng bộ tỉnh",
      "Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ban Tuyên giáo Tỉnh ủy",
      "Ban Tổ chức Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy",
      "Ban Chỉ đạo tỉnh", "Ban Thường vụ Đảng ủy Khối", "Thường trực HĐND tỉnh",
      "Sở Y tế", "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Công Thương", "Sở Xây dựng", "Sở Ngoại vụ",
      "Sở Giao thông vận tải", "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội",
      "Sở Lao động, Thương binh và Xã hội", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
      "Sở Nông nghiệp và Phát triển nông thôn", "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao",
      "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", "Sở Du lịch",
      "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "Đảng ủy Ủy ban nhân dân tỉnh",
      "Đảng ủy các cơ quan Đảng tỉnh", "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo",
      "Sở Nông nghiệp và PTNT", "Ban Dân tộc tỉnh", "Công an tỉnh", "Thanh tra tỉnh",
      "BTV Tỉnh ủy", "BTV Thành ủy", "BTV Huyện ủy", "BCH Đảng bộ tỉnh", "Văn phòng UBND tỉnh",
      "Văn phòng Ủy ban nhân dân tỉnh", "Phó Bí thư Thường trực Tỉnh ủy", "Phó Bí thư Tỉnh ủy",
      "Bí thư Tỉnh ủy", "Bí thư Thành ủy",
      // The council's committees, which review each draft put to it (`Báo cáo thẩm tra của …`).
      "Ban Kinh tế - Ngân sách HĐND tỉnh", "Ban Kinh tế - Ngân sách", "Ban Pháp chế HĐND tỉnh",
      "Ban Văn hóa - Xã hội HĐND tỉnh",
    ]
    let people = ["Tổng Bí thư", "Chủ tịch nước", "Thủ tướng"]
    let all =
      national.map { KnownIssuer(phrase: Phrase($0), provincial: false, isPersonTitle: false) }
      + provincial.map { KnownIssuer(phrase: Phrase($0), provincial: true, isPersonTitle: false) }
      + people.map { KnownIssuer(phrase: Phrase($0), provincial: false, isPersonTitle: true) }
    return all.sorted { $0.phrase.folded.count > $1.phrase.folded.count }
  }()

  /// `Bộ trưởng Bộ Giáo dục và Đào tạo`, `Giám đốc Sở Tư pháp`: the head of a known body.
  static let knownIssuerTable = PhraseTable(knownIssuers.map(\.phrase))
  static let viceChair = Phrase("Phó Chủ tịch")
  static let headsOfBodies = [
    Phrase("Bộ trưởng"), Phrase("Giám đốc"), Phrase("Thủ trưởng"), Phrase("Chủ nhiệm"), Phrase("Chủ tịch"),
  ]
  /// Words that end an issuer's name read from capitals.
  static let issuerStopWords = ShortWordSet(["ve", "ngay", "tai", "va", "nam", "theo", "de", "ban"])
  /// Words that open a sentence or a phrase, never an issuer's name read from capitals.
  static let issuerOpeningStops = ShortWordSet(["ve", "ngay", "tai", "va", "nam", "theo", "de", "thang"])
  /// The committee word of a Party body's name, written in lower case after its capitalised word.
  static let committeeWords = ShortWordSet(["uy"])
  /// Units numbered rather than named (`Quận 3`, `Phường 5`).
  static let numberedUnits = ShortWordSet(["quan", "phuong"])
  /// Words that end a person's name after a title.
  static let personNameStopWords = ShortWordSet(["ve", "ngay", "tai"])

  static func readIssuer(_ scanner: TextScanner, at index: Int, limit: Int) -> (Issuer, Int)? {
    guard index < limit else { return nil }
    // `Phó Chủ tịch UBND tỉnh`: a vice-chair signs for the committee, which issues the text.
    if let afterVice = scanner.matchPhrase(viceChair, at: index),
      let (body, end) = readIssuer(scanner, at: scanner.skipSpaces(afterVice), limit: limit),
      startsWithKnownIssuer(body.name)
    {
      return (body, end)
    }
    // Every phrase begins with its first folded byte: the others are passed over unread.
    let first = scanner.byte(index)
    for head in headsOfBodies where head.folded.first == first {
      guard let headEnd = scanner.matchPhrase(head, at: index),
        let (body, end) = readIssuer(scanner, at: scanner.skipSpaces(headEnd), limit: limit),
        startsWithKnownIssuer(body.name)
      else { continue }
      return (Issuer(name: head.canonical + " " + body.name, scope: body.scope), end)
    }
    if let bracketed = issuerWithBracketedShortForm(scanner, at: index, limit: limit) { return bracketed }
    if let (position, end) = knownIssuerTable.firstMatch(at: index, in: scanner, accepting: { $1 <= limit }) {
      let known = knownIssuers[position]
      if known.provincial {
        if let (province, provinceEnd) = provinceName(scanner, at: scanner.skipSpaces(end), limit: limit) {
          return (
            Issuer(name: known.phrase.canonical + " " + province, scope: .province(province)), provinceEnd
          )
        }
        return (Issuer(name: known.phrase.canonical, scope: .ownProvince), end)
      }
      if known.isPersonTitle {
        let (name, nameEnd) = personTail(scanner, from: end, limit: limit)
        return (Issuer(name: known.phrase.canonical + name, scope: .national), nameEnd)
      }
      return (Issuer(name: known.phrase.canonical, scope: .national), end)
    }
    guard scanner.isUppercase(index),
      !PhraseTable.documentTypes.startsPhrase(at: index, in: scanner)
    else { return nil }
    // `Ngày 06/4, UBND tỉnh ban hành …`: a sentence's opening word is no body's name.
    var firstEnd = index
    while scanner.isLetter(firstEnd) { firstEnd += 1 }
    if scanner.foldedWord(index..<firstEnd, isIn: issuerOpeningStops) { return nil }
    var end = index
    var lastWordStart = index
    var i = index
    while i < limit {
      let wordStart = scanner.skipSpaces(i)
      // `Quận 3`, `Phường 5`: a numbered district or ward goes on with its number.
      let numbered =
        scanner.isDigit(wordStart) && scanner.foldedWord(lastWordStart..<end, isIn: numberedUnits)
      guard wordStart < limit, scanner.isLetter(wordStart) || numbered else { break }
      var wordEnd = wordStart
      while wordEnd < limit,
        scanner.isLetter(wordEnd) || scanner.isDigit(wordEnd) || scanner.scalars[wordEnd] == "-"
      {
        wordEnd += 1
      }
      if wordStart > index && scanner.foldedWord(wordStart..<wordEnd, isIn: issuerStopWords) {
        break
      }
      // `Ban Tuyên giáo Thành uỷ`, `Đảng ủy xã …`: a committee's `ủy` after its capitalised word.
      if !numbered && !scanner.isUppercase(wordStart) && wordStart > index
        && !(scanner.isUppercase(lastWordStart)
          && scanner.foldedWord(wordStart..<wordEnd, isIn: committeeWords))
      {
        let nextStart = scanner.skipSpaces(wordEnd)
        guard scanner.isUppercase(nextStart) else { break }
      }
      lastWordStart = wordStart
      end = wordEnd
      i = wordEnd
    }
    guard end > index else { return nil }
    return (Issuer(name: scanner.string(index..<end), scope: .national), end)
  }

  /// Where a person's name (two to five capitalised words, none a body's) that starts at `start`
  /// (after spaces) ends.
  static func personNameEnd(_ scanner: TextScanner, from start: Int, limit: Int) -> Int? {
    var i = scanner.skipSpaces(start)
    var end = i
    var words = 0
    while i < limit, scanner.isUppercase(i), words < 5 {
      var wordEnd = i
      while wordEnd < limit, scanner.isLetter(wordEnd) { wordEnd += 1 }
      guard wordEnd > i + 1 || words > 0, !knownIssuerTable.startsPhrase(at: i, in: scanner) else {
        return nil
      }
      words += 1
      end = wordEnd
      i = scanner.skipSpaces(wordEnd)
    }
    return words >= 2 ? end : nil
  }

  /// `Ủy ban nhân dân (UBND) tỉnh`: a local body named in full with the short form the text goes on
  /// to use in brackets, before its unit and place; read as the short form names it.
  static func issuerWithBracketedShortForm(_ scanner: TextScanner, at index: Int, limit: Int) -> (
    Issuer, Int
  )? {
    for (long, short) in bracketedBodies {
      guard let longEnd = scanner.matchPhrase(long, at: index) else { continue }
      var k = scanner.skipSpaces(longEnd)
      guard scanner.byte(k) == UInt8(ascii: "(") else { return nil }
      k += 1
      while k < limit, scanner.isUppercase(k) { k += 1 }
      guard scanner.byte(k) == UInt8(ascii: ")") else { return nil }
      k = scanner.skipSpaces(k + 1)
      for (unit, unitName) in localUnits {
        guard let unitEnd = scanner.matchWord(unit, at: k), unitEnd <= limit else { continue }
        let name = short + " " + unitName
        if let (province, provinceEnd) = provinceName(scanner, at: scanner.skipSpaces(unitEnd), limit: limit)
        {
          return (Issuer(name: name + " " + province, scope: .province(province)), provinceEnd)
        }
        return (Issuer(name: name, scope: .ownProvince), unitEnd)
      }
      return nil
    }
    return nil
  }
  static let bracketedBodies = [(Phrase("Ủy ban nhân dân"), "UBND"), (Phrase("Hội đồng nhân dân"), "HĐND")]
  static let localUnits = [
    (Array("tinh".utf8), "tỉnh"), (Array("thanh pho".utf8), "thành phố"), (Array("huyen".utf8), "huyện"),
  ]

  /// Whether `name` begins with a known issuer's canonical name (`hasPrefix`): on the UTF-8 bytes
  /// when each scalar of the name is a `Character` of its own, as each of theirs is.
  static func startsWithKnownIssuer(_ name: String) -> Bool {
    guard name.unicodeScalars.allSatisfy(TextScanner.standsAlone) else {
      return knownIssuers.contains { name.hasPrefix($0.phrase.canonical) }
    }
    let bytes = name.utf8
    return knownIssuers.contains { bytes.starts(with: $0.phrase.canonical.utf8) }
  }

  /// A province name right after a provincial issuer (`UBND tỉnh Nam Định`).
  static func provinceName(_ scanner: TextScanner, at index: Int, limit: Int) -> (String, Int)? {
    guard scanner.isUppercase(index) else { return nil }
    var end = index
    var best: (String, Int)?
    for _ in 0..<4 {
      var wordEnd = end
      if wordEnd > index {
        wordEnd = scanner.skipSpaces(wordEnd)
        if scanner.byte(wordEnd) == UInt8(ascii: "-") { wordEnd = scanner.skipSpaces(wordEnd + 1) }
        guard scanner.isUppercase(wordEnd) else { break }
      }
      while wordEnd < limit, scanner.isLetter(wordEnd) { wordEnd += 1 }
      guard wordEnd > end else { break }
      end = wordEnd
      if let province = Places.province(named: scanner.string(index..<end)) { best = (province, end) }
    }
    return best
  }

  /// `, Chủ tịch nước Nguyễn Phú Trọng` after `Tổng Bí thư`: further titles and a capitalised name.
  static func personTail(_ scanner: TextScanner, from index: Int, limit: Int) -> (String, Int) {
    var end = index
    var i = index
    while i < limit {
      let wordStart = scanner.skipSpaces(i)
      if scanner.byte(wordStart) == UInt8(ascii: ",") {
        let afterComma = scanner.skipSpaces(wordStart + 1)
        let titleEnd = knownIssuers.lazy.filter(\.isPersonTitle).compactMap {
          scanner.matchPhrase($0.phrase, at: afterComma)
        }.first
        guard let titleEnd, titleEnd <= limit else { break }
        end = titleEnd
        i = titleEnd
        continue
      }
      guard wordStart < limit, scanner.isUppercase(wordStart) else { break }
      var wordEnd = wordStart
      while wordEnd < limit, scanner.isLetter(wordEnd) { wordEnd += 1 }
      if scanner.foldedWord(wordStart..<wordEnd, isIn: personNameStopWords) { break }
      end = wordEnd
      i = wordEnd
    }
    return (scanner.string(index..<end), end)
  }

  // MARK: - Merging mentions into citations

  static func merge(_ mentions: [Mention], ownNumber: String?) -> [Citation] {
    let ownKey = ownNumber.map(DocumentTypes.foldedNumberKey)
    var citations: [Citation] = []
    var scopes: [CitationScope?] = []
    // Numbered citations by their number's key, in order: a long list stays linear. The first
    // citation of each key, and after each citation the next one of its key (or -1).
    var firstByNumber: [String: Int] = [:]
    var nextOfNumber: [Int] = []
    // Each citation's issuer as `nameLetters`, made when first compared (an issuer, once set,
    // stays).
    var knownIssuerLetters: [[UInt8]?] = []
    func issuerLetters(of index: Int) -> [UInt8]? {
      if let letters = knownIssuerLetters[index] { return letters }
      guard let issuer = citations[index].issuer else { return nil }
      let letters = nameLetters(issuer)
      knownIssuerLetters[index] = letters
      return letters
    }
    for mention in mentions where !mention.pointsOnward {
      if let number = mention.number {
        let numberKey = DocumentTypes.foldedNumberKey(number)
        if numberKey == ownKey { continue }
        var existing: Int?
        var lastOfNumber = -1
        var candidate = firstByNumber[numberKey] ?? -1
        while candidate >= 0 {
          if let a = citations[candidate].date, let b = mention.date, a != b {
            lastOfNumber = candidate
            candidate = nextOfNumber[candidate]
            continue
          }
          existing = candidate
          break
        }
        if let existing {
          absorb(mention, into: &citations[existing], scope: &scopes[existing])
          continue
        }
        // `So với Quy chế làm việc của Tỉnh ủy khóa X` … `Quy chế làm việc của Tỉnh ủy khóa X (số
        // 22-QC/TU)`, `Công điện của Ban Thường vụ Tỉnh ủy về …` … `Ban Thường vụ Tỉnh ủy vừa ban
        // hành công điện số 07-CĐ/TU`: a document named by its body, then numbered, is the one named.
        if lastOfNumber < 0, let issuer = mention.issuer,
          let named = citations.indices.first(where: { index in
            citations[index].number == nil && citations[index].type == mention.type
              && citations[index].date == nil && citations[index].title == nil
              && issuerLetters(of: index) == nameLetters(issuer.name)
          })
        {
          citations[named].number = number
          absorb(mention, into: &citations[named], scope: &scopes[named])
          firstByNumber[numberKey] = named
          continue
        }
        if lastOfNumber >= 0 {
          nextOfNumber[lastOfNumber] = citations.count
        } else {
          firstByNumber[numberKey] = citations.count
        }
        nextOfNumber.append(-1)
        knownIssuerLetters.append(nil)
        citations.append(newCitation(mention))
        scopes.append(mention.issuer?.scope)
        continue
      }
      guard !mention.isPlural else { continue }
      // `kết luận của Bộ Chính trị`, written in lower case after `Kết luận số 54-KL/TW … của Bộ
      // Chính trị`: a later mention of that one document, never a document of its own.
      if !mention.typeIsCapitalised {
        guard let issuer = mention.issuer, mention.number == nil, mention.title == nil else { continue }
        var mentionLetters: [UInt8]?
        let matching = citations.indices.filter { index in
          citations[index].type == mention.type
            && issuerLetters(of: index).map { letters in
              if mentionLetters == nil { mentionLetters = nameLetters(issuer.name) }
              return sameName(letters: letters, mentionLetters!)
            } == true
        }
        // It says what is done with that document, but is not counted among its mentions (only
        // a capitalised short form is).
        if matching.count == 1, citations[matching[0]].relation == .refers, mention.relation != .refers {
          citations[matching[0]].relation = mention.relation
          citations[matching[0]].relationEvidence = mention.relationEvidence
        }
        continue
      }
      var mentionLetters: [UInt8]?
      if let existing = citations.indices.last(where: { index in
        citations[index].type == mention.type
          && (mention.issuer == nil
            || issuerLetters(of: index).map { letters in
              if mentionLetters == nil { mentionLetters = nameLetters(mention.issuer!.name) }
              return sameName(letters: letters, mentionLetters!)
            } == true
            || sameCongress(citations[index].issuer, mention.issuer?.name))
          && (mention.date == nil || citations[index].date == nil || citations[index].date == mention.date)
          && (sameTitle(citations[index].title, mention.title)
            || sameCongress(citations[index].issuer, mention.issuer?.name)
            || samePlenum(citations[index].title, mention.title))
      }) {
        absorb(mention, into: &citations[existing], scope: &scopes[existing])
        continue
      }
      guard mention.date != nil || mention.title != nil || (mention.namedByIssuer && mention.issuer != nil)
      else { continue }
      nextOfNumber.append(-1)
      knownIssuerLetters.append(nil)
      citations.append(newCitation(mention))
      scopes.append(mention.issuer?.scope)
    }
    for index in citations.indices {
      citations[index].scope = scopes[index] ?? defaultScope(citations[index])
    }
    return citations
  }

  static func newCitation(_ mention: Mention) -> Citation {
    var citation = Citation(
      type: mention.type, number: mention.number, date: mention.date, issuer: mention.issuer?.name,
      subject: mention.subject, spans: [mention.span], key: "")
    citation.title = mention.title
    citation.relation = mention.relation
    citation.relationEvidence = mention.relationEvidence
    return citation
  }

  /// Two mentions name the same document when neither has a title, or when one title begins the
  /// other (`Luật bầu cử …` and `Luật bầu cử … nhân dânchậm nhất`, glued to the words after it).
  static func sameTitle(_ a: String?, _ b: String?) -> Bool {
    guard let a, let b else { return b == nil }
    return sameName(a, b)
  }

  /// `Đại hội đại biểu Đảng bộ thành phố lần thứ X` and `… Đảng bộ thành phố Hồ Chí Minh lần thứ X`:
  /// one congress, its place named once and left out once, the words around it the same.
  static func sameCongress(_ a: String?, _ b: String?) -> Bool {
    // Only names opening with `Đ`/`D` can open with `Đại hội`: the others are not folded at all.
    let opensWithD: (String) -> Bool = { [0x44, 0x64, 0xC4].contains($0.utf8.first) }
    guard let a, let b, opensWithD(a), opensWithD(b), let x = upToTheOrdinal(a), let y = upToTheOrdinal(b)
    else { return false }
    let (short, long) = x.count <= y.count ? (x, y) : (y, x)
    guard short.count < long.count, short.starts(with: ["dai", "hoi"]) else { return false }
    var prefix = 0
    while prefix < short.count, short[prefix] == long[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < short.count - prefix, short[short.count - 1 - suffix] == long[long.count - 1 - suffix] {
      suffix += 1
    }
    guard prefix + suffix == short.count, prefix > 0, suffix >= 3 else { return false }
    let before = long[prefix - 1]
    let after = long[long.count - suffix]
    return ["tinh", "pho", "huyen", "quan", "xa"].contains(before) && after == "lan"
  }

  /// `Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XI` and `Nghị quyết Trung
  /// ương 4 (khóa XI)`: one plenum of the Central Committee, named in full and in short; a term
  /// left out of one name does not tell them apart.
  static func samePlenum(_ a: String?, _ b: String?) -> Bool {
    guard let a, let b, let x = centralPlenum(a), let y = centralPlenum(b), x.ordinal == y.ordinal else {
      return false
    }
    return x.term == nil || y.term == nil || x.term == y.term
  }

  /// The ordinal and term (`khóa`) of a Central Committee plenum a resolution's title names.
  static func centralPlenum(_ title: String) -> (ordinal: Int, term: Substring?)? {
    let words = title.folded.split { !$0.isLetter && !$0.isNumber }
    guard !words.contains("dai"),
      let central = words.indices.first(where: { words[$0] == "trung" && words[safe: $0 + 1] == "uong" })
    else { return nil }
    let ordinalAt =
      words.indices.first(where: { words[$0] == "lan" && words[safe: $0 + 1] == "thu" }).map { $0 + 2 }
      ?? central + 2
    guard let ordinal = ordinalValue(words, at: ordinalAt) else { return nil }
    let term = words.indices.first(where: { words[$0] == "khoa" }).flatMap { words[safe: $0 + 1] }
    return (ordinal, term)
  }

  /// `4`, `tư`, `IV`, `mười hai`: an ordinal written in digits, words or Roman numerals (folded).
  static func ordinalValue(_ words: [Substring], at index: Int) -> Int? {
    guard let word = words[safe: index] else { return nil }
    if let value = Int(word) { return value }
    let units = [
      "mot": 1, "nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "lam": 5, "sau": 6,
      "bay": 7, "tam": 8, "chin": 9,
    ]
    if let unit = units[String(word)] { return unit }
    if word == "muoi" { return 10 + (words[safe: index + 1].flatMap { units[String($0)] } ?? 0) }
    let roman: [Character: Int] = ["i": 1, "v": 5, "x": 10]
    guard word.count <= 5, word.allSatisfy({ roman[$0] != nil }) else { return nil }
    let values = word.map { roman[$0]! }
    return values.indices.reduce(0) { sum, k in
      k + 1 < values.count && values[k] < values[k + 1] ? sum - values[k] : sum + values[k]
    }
  }

  /// A congress's folded words up to its ordinal (`… lần thứ X`), the words after it left out.
  static func upToTheOrdinal(_ name: String) -> [Substring]? {
    let words = name.folded.split(separator: " ")
    guard let lan = words.indices.first(where: { words[$0] == "lan" && words[safe: $0 + 1] == "thu" }),
      lan + 2 < words.count
    else { return nil }
    return Array(words[...(lan + 2)])
  }

  /// `Đại hội đại biu toàn quc …` (letters lost in a copy) is `Đại hội đại biểu toàn quốc …`: one
  /// folded name holds the other's letters in order, and at most one in ten is missing.
  static func sameName(_ a: String, _ b: String) -> Bool {
    sameName(letters: nameLetters(a), nameLetters(b))
  }

  /// A name's folded bytes without its spaces, as `sameName` compares them.
  static func nameLetters(_ name: String) -> [UInt8] { Array(name.folded.utf8.filter { $0 != 32 }) }

  /// `sameName` of two names' `nameLetters`.
  static func sameName(letters x: [UInt8], _ y: [UInt8]) -> Bool {
    if x.starts(with: y) || y.starts(with: x) { return true }
    let (short, long) = x.count <= y.count ? (x, y) : (y, x)
    guard short.count * 10 >= long.count * 9 else { return false }
    var position = 0
    for byte in long where position < short.count && short[position] == byte { position += 1 }
    return position == short.count
  }

  static func absorb(_ mention: Mention, into citation: inout Citation, scope: inout CitationScope?) {
    citation.spans.append(mention.span)
    if citation.date == nil { citation.date = mention.date }
    if citation.issuer == nil, let issuer = mention.issuer {
      citation.issuer = issuer.name
      scope = issuer.scope
    }
    if citation.subject == nil { citation.subject = mention.subject }
    if citation.title == nil { citation.title = mention.title }
    if citation.relation == .refers, mention.relation != .refers {
      citation.relation = mention.relation
      citation.relationEvidence = mention.relationEvidence
    }
  }

  /// Without an issuer phrase, the number's issuer code tells the scope.
  static func defaultScope(_ citation: Citation) -> CitationScope {
    guard let number = citation.number else { return .national }
    let code = DocumentTypes.parts(ofNumber: number).issuerCode
    return DocumentTypes.isNational(issuerCode: code) ? .national : .ownProvince
  }
}
