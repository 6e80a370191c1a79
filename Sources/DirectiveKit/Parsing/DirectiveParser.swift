/// Reads the parts of a directive (see `shared/domain.md`) out of its text. It never invents a
/// value: what it works out is marked as inferred, with the words it rests on.
enum DirectiveParser {
  /// `decodedScanner`, when given, is the scanner of `document.text` (`TextDecoding.decodeForScanning`).
  static func parse(_ document: inout Document, scanner decodedScanner: TextScanner? = nil) {
    var scanner = decodedScanner ?? TextScanner(document.text)
    // A copy whose marked letters became `?` is read through a restored twin of the same length.
    let lost = lostDiacritics(scanner)
    var readsTwin = false
    if lost > 0, let repaired = DiacriticRepair.repair(document.text) {
      let twin = TextScanner(repaired)
      if twin.count == scanner.count {
        scanner = twin
        readsTwin = true
      }
    }
    let lines = Line.split(scanner)
    var layout = Layout(lines: lines)
    readHeader(&document, &layout, scanner)
    readRecipients(&document, &layout)
    readPoints(&document, layout)
    readDistribution(&document, layout)
    readSignature(&document, &layout)
    inferType(&document, scanner)
    inferDate(&document, layout, scanner)
    if lost > 0 {
      document.warnings.append(
        DocumentWarning(
          .diacriticsLost,
          "diacritics lost: \(lost) letters of the copy were replaced by “?”; common words were restored to read it, the rest is read as it survives"
        ))
    }
    document.citations = CitationExtractor.extract(
      scanner, ownNumber: document.number, ownType: document.type, ownTitleStart: layout.titleStart,
      readsBareNumbers: lost > 0)
    inferProvinceAndIssuer(&document, layout, scanner, readsTwin: readsTwin)
  }

  /// How many `?` stand for lost letters (`Ngh? quy?t s? 12`): inside a word, or ending one that
  /// goes on in lower case. Zero unless there are at least five and one word in a hundred.
  static func lostDiacritics(_ scanner: TextScanner) -> Int {
    var lost = 0
    var words = 0
    var from = 0
    while let found = scanner.find([UInt8(ascii: "?")], from: from) {
      from = found + 1
      guard scanner.isLetter(found - 1) else { continue }
      let next = scanner.isSpace(found + 1) ? found + 2 : found + 1
      if scanner.isLetter(next), !scanner.isUppercase(next) || next == found + 1 { lost += 1 }
    }
    guard lost >= 5 else { return 0 }
    for index in 0..<scanner.count where scanner.isSpace(index) { words += 1 }
    return lost * 100 >= words ? lost : 0
  }

  // MARK: - Layout

  /// Where the parts of the document sit, by line index.
  struct Layout {
    let lines: [Line]
    var headerEnd: Int
    var kinhGui: Int?
    var bodyStart: Int
    var noiNhan: Int?
    var signatureStart: Int?
    var headerIssuerLine: Int?
    var placeDateLine: Int?
    var capacity: String?
    var headerBody: HeaderBody?
    /// The header's issuing line as written (with the line it ran on to, if any).
    var headerIssuerWords: String?
    /// The line naming `headerOrgan`, as written.
    var headerOrganWords: String?
    /// `ỦY BAN KIỂM TRA`, `BAN TUYÊN GIÁO`, `VĂN PHÒNG` under the committee's line: the issuer.
    var headerOrgan: String?
    /// Where the document's own title (`KẾ HOẠCH`, `NGHỊ QUYẾT`) begins: no citation of another.
    var titleStart: Int?

    init(lines: [Line]) {
      self.lines = lines
      let searchLimit = min(lines.count, 60)
      kinhGui = (0..<searchLimit).first { lines[$0].foldedHasPrefix("kinh gui", afterDropping: "- ") }
      noiNhan = lines.indices.last { lines[$0].foldedHasPrefix("noi nhan") }
      let firstProse = lines.indices.first { index in
        lines[index].hasMoreCharacters(than: 100) || lines[index].pointNumberOfText == 1
      }
      headerEnd = kinhGui ?? firstProse ?? min(lines.count, 25)
      bodyStart = headerEnd
      let signatureSearchStart = max(noiNhan ?? 0, lines.count > 40 ? lines.count - 40 : 0)
      signatureStart = lines.indices.last { $0 >= signatureSearchStart && lines[$0].isCapacityLine }
      while let start = signatureStart, start > signatureSearchStart, lines[start - 1].isCapacityLine {
        signatureStart = start - 1
      }
    }
  }

  enum HeaderBody {
    case provincialParty(String)  // Tỉnh ủy / Thành ủy
    case districtParty(String)
    case provincialState(String)
    case districtState(String)
    case central(String)
  }

  // MARK: - Header

  static func readHeader(_ document: inout Document, _ layout: inout Layout, _ scanner: TextScanner) {
    let lines = layout.lines
    var titleType: String?
    var sawVv = false
    let vocabulary = Vocabulary(document.text)
    var index = 0
    while index < layout.headerEnd {
      let line = lines[index]
      let text = line.text
      defer { index += 1 }
      if text.isEmpty || line.isMotto { continue }
      if document.number == nil, let number = numberLine(line, scanner) {
        document.number = number
        continue
      }
      if layout.placeDateLine == nil, document.month == nil, let (place, month) = placeMonth(line, scanner) {
        document.month = month
        if let place, let province = Places.province(ofSeat: place) {
          document.provinceEvidence.append(Evidence(kind: .placeDate, text: text))
          if document.province == nil { document.province = province }
        }
        continue
      }
      if layout.placeDateLine == nil, let (place, day) = placeDate(line, scanner) {
        layout.placeDateLine = index
        if document.date == nil { document.date = day }
        if let place, let province = Places.province(ofSeat: place) {
          document.provinceEvidence.append(Evidence(kind: .placeDate, text: text))
          if let named = document.province, named != province {
            document.warnings.append(
              DocumentWarning(
                .headerPlaceConflict, "the header names \(named) but the place-date line \(province)"))
          }
          if document.province == nil { document.province = province }
        }
        continue
      }
      // `Hà Nội, ngày    tháng    năm 2021`: a date line left blank still names the place.
      if layout.placeDateLine == nil, let place = blankDatePlace(line) {
        layout.placeDateLine = index
        document.provinceEvidence.append(Evidence(kind: .placeDate, text: text))
        if document.province == nil { document.province = place }
        document.warnings.append(DocumentWarning(.blankDateLine, "the date line is left blank: “\(text)”"))
        continue
      }
      if layout.headerBody == nil, Line.isUppercase(text),
        let body = headerBody(text, next: lines[safe: index + 1], folded: line.textFolded)
      {
        layout.headerBody = body.body
        layout.headerIssuerLine = index
        let issuerWords = body.consumedNext ? text + " " + lines[index + 1].text : text
        layout.headerIssuerWords = issuerWords
        if body.provinceName != nil, let province = body.province {
          document.provinceEvidence.insert(Evidence(kind: .header, text: issuerWords), at: 0)
          if let placed = document.province, placed != province {
            document.warnings.append(
              DocumentWarning(
                .headerPlaceConflict, "the header names \(province) but the place-date line \(placed)"))
          }
          document.province = province
        }
        if body.consumedNext { index += 1 }
        continue
      }
      if layout.headerBody != nil, layout.headerOrgan == nil, let organ = partyOrgan(text) {
        layout.headerOrgan = organ
        layout.headerOrganWords = text
        continue
      }
      if document.subject == nil, let title = titleAndSubject(lines, at: index, scanner, vocabulary) {
        if document.type == nil { document.type = title.type }
        if title.typeLineAlone { titleType = title.type }
        layout.titleStart = line.textStart
        document.subject = title.subject
        index += title.consumed - 1
        continue
      }
      if document.subject == nil, isSubjectStart(line) {
        let (subject, consumed) = subjectLines(lines, from: index, end: layout.headerEnd, scanner, vocabulary)
        document.subject = subject
        if line.folded.hasPrefix("v/v") { sawVv = true }
        index += consumed - 1
      }
    }
    if document.number == nil { document.number = runInNumber(scanner) }
    if document.subject == nil, let first = lines.first(where: { !$0.text.isEmpty }),
      Line.hasMoreCharacters(first.text, than: 300)
    {
      document.subject = runInSubject(scanner, vocabulary)
    }
    if layout.placeDateLine == nil, let (place, day, text) = runInPlaceDate(scanner) {
      if document.date == nil { document.date = day }
      if document.province == nil {
        document.province = place
        document.provinceEvidence.append(Evidence(kind: .placeDate, text: text))
      }
    }
    if let number = document.number, let type = DocumentTypes.typeName(ofNumber: number) {
      document.type = type
      document.typeInferred = false
    }
    // A title line that is the type alone (`QUYẾT ĐỊNH`, `QUY CHẾ`) is what the document says it
    // is, whatever code its number carries (`55/2007/CT-UBND`, `01/QCPH/UBND-UBMTTQ`).
    if let titleType { document.type = titleType }
    if document.type == nil, sawVv {
      document.type = "Công văn"
      document.typeInferred = true
      document.typeEvidence = Evidence(kind: .subjectLine, text: document.subject ?? "V/v")
    }
  }

  /// `V/v …`, `Về việc …`, `VỀ VIỆC …`: the subject line of a letter or of a titled document.
  static func isSubjectStart(_ line: Line) -> Bool {
    let text = line.text
    return text.hasPrefix("V/v") || text.hasPrefix("V/V") || text.hasPrefix("Về ") || text.hasPrefix("VỀ ")
  }

  /// A subject and the lines it takes: it goes on over wrapped lines, but never into the body, a
  /// place–date line, the motto or a line of the issuing body; a subject in capitals goes on only
  /// over lines in capitals.
  static func subjectLines(
    _ lines: [Line], from index: Int, end: Int, _ scanner: TextScanner, _ vocabulary: Vocabulary? = nil
  ) -> (String, Int) {
    let first = lines[index]
    let upper = Line.isUppercase(first.text)
    var parts = [first.text]
    var next = index + 1
    while next < min(end, lines.count), continuesHeading(lines[next], upper: upper, scanner),
      !isAuthorityLine(lines, at: next)
    {
      parts.append(lines[next].text)
      next += 1
    }
    let joined = subject(ofLines: parts, vocabulary)
    return (Casing.capitalizingFirst(joined), next - index)
  }

  static func numberLine(_ line: Line, _ scanner: TextScanner) -> String? {
    guard line.foldedHasPrefix("so") else { return nil }
    var i = line.textStart + 2
    guard !scanner.isLetter(i) else { return nil }
    i = scanner.skipSpaces(i)
    if scanner.byte(i) == UInt8(ascii: ":") { i = scanner.skipSpaces(i + 1) }
    // `Số:` alone on its line, as a table cell is copied: the number is on the next one.
    if scanner.isHardBreak(i) { i = scanner.skipSpaces(i + 1) }
    return scanner.documentNumber(at: i)?.number
  }

  /// `…***Số: 367 - QĐ/TWĐTN-VP…`: a header flattened into running text still states its number,
  /// after `Số:` near the top.
  static func runInNumber(_ scanner: TextScanner) -> String? {
    var from = 0
    while let found = scanner.find(Array("so:".utf8), from: from), found < 400 {
      from = found + 1
      guard scanner.scalars[found] == "S", !scanner.isLetter(found - 1) else { continue }
      if let (number, _) = scanner.documentNumber(at: scanner.skipSpaces(found + 3)) { return number }
    }
    return nil
  }

  /// `QUYẾT ĐỊNHVề việc ban hành Quy định …--------- BAN BÍ THƯ …`: the subject of a header
  /// flattened onto one line, up to a rule or the next words in capitals.
  static func runInSubject(_ scanner: TextScanner, _ vocabulary: Vocabulary) -> String? {
    for marker in ["ve viec ", "v/v "] {
      guard let found = scanner.find(Array(marker.utf8)), found < 600, scanner.isUppercase(found) else {
        continue
      }
      var end = found
      var capitalRun = 0
      while end < min(scanner.count, found + 300), !scanner.isHardBreak(end) {
        if scanner.scalars[end] == "-" && scanner.byte(end + 1) == UInt8(ascii: "-") { break }
        if scanner.scalars[end] == "*" { break }
        if scanner.isLetter(end), !scanner.isLetter(end - 1) {
          capitalRun = scanner.isUppercase(end) && scanner.isUppercase(end + 1) ? capitalRun + 1 : 0
          if capitalRun == 3 { break }
        }
        end += 1
      }
      var subject = scanner.flat(found..<end)
      if capitalRun == 3 {
        subject = subject.split(separator: " ").dropLast(2).joined(separator: " ")
      }
      let trimmed = trimmedSubject(subject, vocabulary)
      return trimmed.isEmpty ? nil : trimmed
    }
    return nil
  }

  /// `… HỒ CHÍ MINH Hà Nội, ngày 29 tháng 10 năm 2013 QUYẾT ĐỊNH…`: a place–date phrase inside a
  /// flattened header, found by the longest province or seat name right before `, ngày`.
  static func runInPlaceDate(_ scanner: TextScanner) -> (String, Day, String)? {
    var from = 0
    while let found = scanner.find(Array(", ngay ".utf8), from: from), found < 600 {
      from = found + 1
      guard let (day, end) = scanner.date(at: found + 2) else { continue }
      var wordStarts: [Int] = []
      var position = found
      while wordStarts.count < 4, position > 0 {
        var wordEnd = position
        while wordEnd > 0, scanner.isSpace(wordEnd - 1) { wordEnd -= 1 }
        var wordStart = wordEnd
        while wordStart > 0,
          scanner.isLetter(wordStart - 1) || scanner.byte(wordStart - 1) == UInt8(ascii: "-")
        {
          wordStart -= 1
        }
        guard wordStart < wordEnd, scanner.isUppercase(wordStart) else { break }
        wordStarts.append(wordStart)
        position = wordStart
      }
      // The longest name first: `Trà Vinh` is not `Vinh` (Nghệ An).
      for start in wordStarts.reversed() {
        if let province = Places.province(ofSeat: scanner.flat(start..<found)) {
          return (province, day, scanner.flat(start..<end))
        }
      }
    }
    return nil
  }

  /// The province of `Hà Nội, ngày … tháng … năm 2021` whose day and month were never filled in.
  static func blankDatePlace(_ line: Line) -> String? {
    guard !Line.hasMoreCharacters(line.text, than: 69), let offset = line.foldedOffset(of: ", ngay"),
      let month = line.foldedOffset(of: "thang", from: offset + 6),
      line.foldedOffset(of: "nam", from: month + 5) != nil,
      !line.folded.utf8.dropFirst(offset + 6).prefix(month - offset - 6).contains(where: {
        $0 >= 48 && $0 <= 57
      })
    else { return nil }
    return Places.province(ofSeat: String(line.text.prefix(offset)))
  }

  /// `Hà Nội, tháng 02 năm 2021`: a place–date line that gives the month only.
  static func placeMonth(_ line: Line, _ scanner: TextScanner) -> (String?, Month)? {
    guard !Line.hasMoreCharacters(line.text, than: 59), line.foldedOffset(of: "ngay") == nil,
      let offset = line.foldedOffset(of: "thang ")
    else {
      return nil
    }
    var i = scanner.skipSpaces(line.textStart + offset + 6)
    guard let (month, afterMonth) = scanner.integer(at: i, maxDigits: 2) else { return nil }
    i = scanner.skipSpaces(afterMonth)
    guard let afterYearWord = scanner.matchWord(Array("nam".utf8), at: i),
      let (year, afterYear) = scanner.integer(at: scanner.skipSpaces(afterYearWord), maxDigits: 4),
      afterYear <= line.range.upperBound,
      scanner.string(afterYear..<line.range.upperBound).allSatisfy({ !$0.isLetter && !$0.isNumber }),
      let value = Month(year: year, month: month)
    else { return nil }
    // Only a place names a month as the document's own (`ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 7 NĂM
    // 2020` is a title's month).
    let raw = line.text.prefix(offset)
    let before = raw.trimmed(" ,\t")
    guard raw.trimmed(" \t").hasSuffix(","), Places.province(ofSeat: before) != nil else { return nil }
    return (before, value)
  }

  /// Where `ngày` opens the date of a place–date line, and the day: the line is short, and
  /// nothing but punctuation follows the date (which may go on over a wrapped line).
  static func dateOfPlaceDateLine(_ line: Line, _ scanner: TextScanner) -> (offset: Int, day: Day)? {
    guard !Line.hasMoreCharacters(line.text, than: 89),
      let offset = line.foldedOffset(of: "ngay ")
        ?? (line.folded.hasSuffix(" ngay") ? line.lastFoldedOffset(of: "ngay") : nil)
    else { return nil }
    // `Căn cứ Luật Đầu tư ngày 29 tháng 11 năm 2005;`, a wrapped `Luật Đất đai ngày …`: the date
    // of a document cited, not a place's (`Điện Biên` is a place, not a telegram).
    if line.foldedHasPrefix("can cu ") || line.foldedHasPrefix("thuc hien ") || line.foldedHasPrefix("xet ")
      || PhraseTable.documentTypes.firstMatch(
        at: line.textStart, in: scanner, accepting: { phrase, _ in !placeLikeTypes.contains(phrase) }) != nil
    {
      return nil
    }
    // `Hà Nội, ngày` / `15 tháng 3 năm 2021`: the date may go on over a wrapped line.
    guard let (day, end) = scanner.date(at: line.textStart + offset) else { return nil }
    var lineEnd = line.range.upperBound
    while lineEnd < end || (lineEnd < scanner.count && scanner.scalars[lineEnd] != "\n") { lineEnd += 1 }
    guard scanner.string(end..<lineEnd).allSatisfy({ !$0.isLetter && !$0.isNumber }) else { return nil }
    return (offset, day)
  }

  /// The document types whose word also opens a place's name (`Điện Biên`, `Điện Bàn`).
  static let placeLikeTypes: Set<Int> = Set(
    PhraseTable.documentTypes.names.indices.filter { PhraseTable.documentTypes.names[$0] == "Điện" })

  /// `Nam Định, ngày 14 tháng 6 năm 2021` → the place and the day.
  static func placeDate(_ line: Line, _ scanner: TextScanner) -> (String?, Day)? {
    guard let (offset, day) = dateOfPlaceDateLine(line, scanner) else { return nil }
    // While each scalar is a `Character` (`Line.allStandAlone`), the place is counted and read
    // scalar by scalar.
    let standsAlone = Line.allStandAlone(line.text)
    let before =
      standsAlone
      ? String(line.text.unicodeScalars.prefix(offset)).trimmed(" ,\t")
      : line.text.prefix(offset).trimmed(" ,\t")
    // A scalar that stands alone is a `Character` of its own, whose classes are looked up.
    func hasNumber() -> Bool {
      standsAlone
        ? before.unicodeScalars.contains { DirectiveParser.isNumber($0) } : before.contains(where: \.isNumber)
    }
    func opensInCapitals() -> Bool {
      guard standsAlone else { return before.first?.isUppercase != false }
      return before.unicodeScalars.first.map(DirectiveParser.isUppercase) != false
    }
    let isPlace =
      !Line.hasMoreCharacters(before, than: 40) && !hasNumber() && Line.hasAtMostWords(before, 6)
      && opensInCapitals() && characterRange(of: "cua ", in: before.folded) == nil
    guard before.isEmpty || isPlace else { return nil }
    return (before.isEmpty ? nil : before, day)
  }

  /// `Character.isNumber` (bit 1) and `isUppercase` (bit 2) of the Latin scalars (below U+0250,
  /// and U+1E00–U+1EFF), each taken as a `Character` of its own, looked up once.
  static let latinCharacterClasses: [UInt8] = (Array(0..<0x250) + Array(0x1E00..<0x1F00)).map { value in
    guard let scalar = Unicode.Scalar(value) else { return 0 }
    let character = Character(scalar)
    return (character.isNumber ? 1 : 0) | (character.isUppercase ? 2 : 0)
  }

  /// The classes of a Latin scalar from `latinCharacterClasses`; nil for any other.
  @inline(__always) static func latinClasses(_ scalar: Unicode.Scalar) -> UInt8? {
    let value = scalar.value
    if value < 0x250 { return latinCharacterClasses[Int(value)] }
    if value >= 0x1E00 && value < 0x1F00 { return latinCharacterClasses[Int(value - 0x1E00) + 0x250] }
    return nil
  }

  /// `Character(scalar).isNumber`, looked up for a Latin scalar.
  static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
    latinClasses(scalar).map { $0 & 1 != 0 } ?? Character(scalar).isNumber
  }

  /// `Character(scalar).isUppercase`, looked up for a Latin scalar.
  static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    latinClasses(scalar).map { $0 & 2 != 0 } ?? Character(scalar).isUppercase
  }

  /// Where `needle` (ASCII) first occurs in `haystack`, in `Character`s from its start, as
  /// Foundation's `range(of:)` finds it. A haystack in ASCII without carriage returns, where each
  /// byte is a `Character`, is searched byte by byte.
  static func characterRange(of needle: String, in haystack: String) -> Range<Int>? {
    var haystack = haystack
    var needle = needle
    let byBytes: Range<Int>?? = haystack.withUTF8 { text in
      guard !text.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return .none }
      return .some(
        needle.withUTF8 { pattern in
          ByteSearch.firstOffset(of: pattern, in: text, from: 0).map { $0..<$0 + pattern.count }
        })
    }
    if let byBytes { return byBytes }
    guard let found = haystack.range(of: needle) else { return nil }
    let lower = haystack.distance(from: haystack.startIndex, to: found.lowerBound)
    return lower..<lower + haystack[found].count
  }

  /// `NAM ĐỊNH CỘNG HÒA XÃ HỘI …` → `NAM ĐỊNH`: a header line that runs into the motto.
  static func beforeMotto(_ name: String) -> String {
    let folded = name.folded
    for motto in [" cong hoa xa hoi", " dang cong san", " doc lap"] {
      guard let offset = characterRange(of: motto, in: folded)?.lowerBound else { continue }
      return String(name.unicodeScalars.prefix(offset)).trimmed(" -*|")
    }
    return name
  }

  /// A committee's organ written on a header line of its own (`BAN TUYÊN GIÁO` under `TỈNH ỦY HÀ
  /// TĨNH`, `ỦY BAN KIỂM TRA` under `BAN CHẤP HÀNH TRUNG ƯƠNG`), the motto beside it left out.
  static func partyOrgan(_ text: String) -> String? {
    guard Line.isUppercase(text) else { return nil }
    let folded = beforeMotto(text).folded
    if let organ = partyOrgans.first(where: { $0.folded == folded }) { return organ.name }
    // `VĂN PHỊNG`: a PDF's font slip writes Ò as Ị; no organ's name holds an Ị.
    guard text.unicodeScalars.contains("Ị") else { return nil }
    let slipped: Unicode.Scalar = "Ị"
    let repaired = beforeMotto(
      String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == slipped ? "Ò" : $0 }))
    ).folded
    return partyOrgans.first { $0.folded == repaired }?.name
  }
  static let partyOrgans: [(folded: String, name: String)] = [
    ("van phong", "Văn phòng"), ("uy ban kiem tra", "Ủy ban Kiểm tra"), ("ban tuyen giao", "Ban Tuyên giáo"),
    ("ban to chuc", "Ban Tổ chức"), ("ban dan van", "Ban Dân vận"), ("ban noi chinh", "Ban Nội chính"),
    ("ban tuyen giao va dan van", "Ban Tuyên giáo và Dân vận"), ("ban kinh te", "Ban Kinh tế"),
  ]

  /// The issuing body a header line names; with the province it names (`provinceName` as
  /// written, `province` as the gazetteer knows it).
  /// `folded`, when given, is `text.folded` (`Line.textFolded`).
  static func headerBody(_ text: String, next: Line?, resolvingNames: Bool = true, folded: String? = nil) -> (
    body: HeaderBody, provinceName: String?, province: String?, consumedNext: Bool
  )? {
    // Every issuing body below starts with one of these letters once folded.
    if let first = text.unicodeScalars.first, let initial = VietnameseFolding.fold(first) {
      switch initial {
      case "t", "h", "u", "b", "v", "c", "q", "d": break
      default: return nil
      }
    }
    let folded = folded ?? text.folded
    func rest(after prefix: String) -> String {
      String(text.unicodeScalars.dropFirst(prefixLength(text, foldedPrefix: prefix))).trimmed(" ")
    }
    for prefix in partyPrefixes where folded.hasPrefix(prefix) {
      guard resolvingNames else { return (.central(text), nil, nil, false) }
      let name = beforeMotto(rest(after: prefix))
      let province = Places.province(named: name)
      let canonical = province ?? Line.titleCased(name)
      return (
        .provincialParty((prefix == "tinh uy " ? "Tỉnh ủy " : "Thành ủy ") + canonical), name, province, false
      )
    }
    if folded.hasPrefix("huyen uy ") {
      guard resolvingNames else { return (.central(text), nil, nil, false) }
      return (.districtParty("Huyện ủy " + Line.titleCased(rest(after: "huyen uy "))), nil, nil, false)
    }
    var stateText = text
    var consumedNext = false
    // `THƯỜNG TRỰC HĐND - UBND TỈNH HÒA BÌNH`, `ĐẢNG ĐOÀN HĐND - BAN CÁN SỰ ĐẢNG UBND TỈNH …`: the
    // council's and the committee's bodies issuing one text together (the first words may stand
    // on a line of their own).
    if folded == "thuong truc" || folded == "dang doan", let next, Line.isUppercase(next.text) {
      stateText = text + " " + next.text
      consumedNext = true
    }
    let jointFolded = consumedNext ? stateText.folded : folded
    for (prefix, body, isParty) in jointProvincialPrefixes where jointFolded.hasPrefix(prefix) {
      guard resolvingNames else { return (.central(text), nil, nil, consumedNext) }
      let name = beforeMotto(
        String(stateText.unicodeScalars.dropFirst(prefixLength(stateText, foldedPrefix: prefix))))
      let province = Places.province(named: name)
      let named = body + " " + (province ?? Line.titleCased(name))
      return (isParty ? .provincialParty(named) : .provincialState(named), name, province, consumedNext)
    }
    if consumedNext {
      stateText = text
      consumedNext = false
    }
    if folded == "uy ban nhan dan" || folded == "ubnd", let next, Line.isUppercase(next.text) {
      stateText = text + " " + next.text
      consumedNext = true
    }
    let stateFolded = consumedNext ? stateText.folded : folded
    for prefix in provincialStatePrefixes where stateFolded.hasPrefix(prefix) {
      guard resolvingNames else { return (.central(text), nil, nil, consumedNext) }
      let name = beforeMotto(
        String(stateText.unicodeScalars.dropFirst(prefixLength(stateText, foldedPrefix: prefix))))
      let province = Places.province(named: name)
      let canonical = province ?? Line.titleCased(name)
      let kind = prefix.hasSuffix("tinh ") ? "tỉnh" : "thành phố"
      return (.provincialState("UBND \(kind) \(canonical)"), name, province, consumedNext)
    }
    if folded == "hoi dong nhan dan", let next, Line.isUppercase(next.text) {
      stateText = text + " " + next.text
      consumedNext = true
    }
    let councilFolded = consumedNext ? stateText.folded : folded
    for prefix in councilPrefixes where councilFolded.hasPrefix(prefix) {
      guard resolvingNames else { return (.central(text), nil, nil, consumedNext) }
      let name = beforeMotto(
        String(stateText.unicodeScalars.dropFirst(prefixLength(stateText, foldedPrefix: prefix))))
      let province = Places.province(named: name)
      let canonical = province ?? Line.titleCased(name)
      let kind = prefix.hasSuffix("tinh ") ? "tỉnh" : "thành phố"
      return (.provincialState("HĐND \(kind) \(canonical)"), name, province, consumedNext)
    }
    for prefix in districtStatePrefixes where stateFolded.hasPrefix(prefix) {
      guard resolvingNames else { return (.central(text), nil, nil, consumedNext) }
      let name = beforeMotto(
        String(stateText.unicodeScalars.dropFirst(prefixLength(stateText, foldedPrefix: prefix))))
      return (.districtState("UBND huyện " + Line.titleCased(name)), nil, nil, consumedNext)
    }
    for (prefix, prefixWithSpace, name) in centralBodies
    where folded == prefix || folded.hasPrefix(prefixWithSpace) {
      // `VĂN PHÒNG CHÍNH PHỦ - BỘ NỘI VỤ`: two bodies issuing one joint document.
      if resolvingNames, folded != prefix {
        let rest = String(text.unicodeScalars.dropFirst(prefixLength(text, foldedPrefix: prefixWithSpace)))
          .trimmed(" ")
        if let dash = rest.unicodeScalars.first, dash == "-" || dash == "–",
          case .central(let other)? = headerBody(
            String(rest.unicodeScalars.dropFirst()).trimmed(" "), next: nil)?
            .body
        {
          return (.central(name + " và " + other), nil, nil, false)
        }
      }
      return (.central(name), nil, nil, false)
    }
    if folded.hasPrefix("bo ") && characterRange(of: " uy", in: folded) == nil {
      guard resolvingNames else { return (.central(text), nil, nil, false) }
      return (.central(Line.titleCased(text, keepFirstWordsCapitalised: 2)), nil, nil, false)
    }
    return nil
  }

  /// Two provincial bodies in one header: the folded prefix, the bodies as shown, and whether they
  /// are the Party's.
  static let jointProvincialPrefixes: [(String, String, Bool)] = [
    ("thuong truc hdnd - ubnd tinh ", "Thường trực HĐND và UBND tỉnh", false),
    ("thuong truc hdnd va ubnd tinh ", "Thường trực HĐND và UBND tỉnh", false),
    ("thuong truc hoi dong nhan dan - uy ban nhan dan tinh ", "Thường trực HĐND và UBND tỉnh", false),
    ("dang doan hdnd - ban can su dang ubnd tinh ", "Đảng đoàn HĐND và Ban cán sự đảng UBND tỉnh", true),
    ("dang doan hdnd va ban can su dang ubnd tinh ", "Đảng đoàn HĐND và Ban cán sự đảng UBND tỉnh", true),
  ]
  /// The folded prefixes of the bodies `headerBody` reads, held once instead of built per line.
  static let partyPrefixes = ["tinh uy ", "thanh uy "]
  static let provincialStatePrefixes = [
    "uy ban nhan dan tinh ", "ubnd tinh ", "uy ban nhan dan thanh pho ", "ubnd thanh pho ",
  ]
  static let councilPrefixes = ["hoi dong nhan dan tinh ", "hdnd tinh ", "hoi dong nhan dan thanh pho "]
  static let districtStatePrefixes = ["uy ban nhan dan huyen ", "ubnd huyen "]
  /// Central bodies by their folded name, that name followed by a space, and the name as shown.
  static let centralBodies: [(String, String, String)] = [
    ("ban chap hanh trung uong", "Ban Chấp hành Trung ương"), ("bo chinh tri", "Bộ Chính trị"),
    ("ban bi thu", "Ban Bí thư"), ("thu tuong chinh phu", "Thủ tướng Chính phủ"),
    ("van phong chinh phu", "Văn phòng Chính phủ"), ("chinh phu", "Chính phủ"),
    ("van phong trung uong dang", "Văn phòng Trung ương Đảng"), ("bo y te", "Bộ Y tế"),
    ("quoc hoi", "Quốc hội"),
    ("dang uy khoi cac co quan trung uong", "Đảng ủy Khối các cơ quan Trung ương"),
    ("dang uy khoi cac co quan tw", "Đảng ủy Khối các cơ quan Trung ương"),
    ("dang uy khoi doanh nghiep trung uong", "Đảng ủy Khối Doanh nghiệp Trung ương"),
  ].map { ($0.0, $0.0 + " ", $0.1) }

  /// Whether `headerBody(text, next: nil)` reads a body, without resolving the names it holds.
  static func isHeaderBody(_ text: String, folded: String? = nil) -> Bool {
    headerBody(text, next: nil, resolvingNames: false, folded: folded) != nil
  }

  /// How many scalars of `text` make up the words whose fold is `foldedPrefix`.
  static func prefixLength(_ text: String, foldedPrefix: String) -> Int {
    var count = 0
    var foldedCount = 0
    let target = foldedPrefix.unicodeScalars.count
    for scalar in text.unicodeScalars {
      if foldedCount >= target { break }
      count += 1
      if VietnameseFolding.fold(scalar) != nil { foldedCount += 1 }
    }
    return count
  }

  struct Title {
    var type: String
    var subject: String?
    var consumed: Int
    /// The line holds the type and nothing else.
    var typeLineAlone: Bool
  }

  /// An upper-case title line naming the type (`THÔNG BÁO`, `CHỈ THỊ ...`), then the subject.
  static func titleAndSubject(
    _ lines: [Line], at index: Int, _ scanner: TextScanner, _ vocabulary: Vocabulary? = nil,
    filtered: Bool = true
  ) -> Title? {
    let line = lines[index]
    guard !filtered || mayStartTitle(line.text) else { return nil }
    let pieces = Line.containsStar(line.text) ? line.text.components(separatedBy: "**") : [line.text]
    guard let head = pieces.first?.trimmed(" *"), !head.isEmpty else { return nil }
    let headFolded = head == line.text ? line.textFolded : head.folded
    // `K ÉT LUẬN`: a type word broken by a stray space in a copy is still the title.
    let broken =
      Line.isUppercase(head) && !Line.hasMoreCharacters(head, than: 24)
      ? typeNamesUnspaced.firstIndex(of: headFolded.filter { $0 != " " }).map { foldedTypeNames[$0].name }
      : nil
    let named = typeNamesFolded.indices.first { position in
      headFolded == typeNamesFolded[position] || headFolded.hasPrefix(typeNamesFoldedWithSpace[position])
    }
    guard let type = named.map({ foldedTypeNames[$0].name }) ?? broken else { return nil }
    let typeFolded = named.map { typeNamesFolded[$0] } ?? type.folded
    let typeLength =
      broken != nil && !headFolded.hasPrefix(typeFolded)
      ? head.unicodeScalars.count : prefixLength(head, foldedPrefix: typeFolded)
    let typeWords = String(head.unicodeScalars.prefix(typeLength))
    guard Line.isUppercase(typeWords) else { return nil }
    var parts: [String] = []
    let remainder = String(head.unicodeScalars.dropFirst(typeLength)).trimmed(" ")
    if !remainder.isEmpty { parts.append(remainder) }
    parts.append(contentsOf: pieces.dropFirst().map { $0.trimmed(" *") }.filter { !$0.isEmpty })
    let alone = parts.isEmpty
    var consumed = 1
    var upper = true
    if let first = parts.first { upper = Line.isUppercase(first) }
    while index + consumed < lines.count {
      let next = lines[index + consumed]
      if parts.isEmpty, next.text.isEmpty || next.isRule {
        consumed += 1
        continue
      }
      if parts.isEmpty { upper = Line.isUppercase(next.text) }
      guard continuesHeading(next, upper: upper, scanner), !isAuthorityLine(lines, at: index + consumed)
      else {
        break
      }
      parts.append(next.text)
      consumed += 1
    }
    let joined = subject(ofLines: parts, vocabulary)
    return Title(
      type: type, subject: joined.isEmpty ? nil : Casing.capitalizingFirst(joined), consumed: consumed,
      typeLineAlone: alone)
  }

  /// Whether a line may open with a type in capitals: its first scalar that folds to something
  /// other than a space folds to a type name's initial and is no lower-case letter. `**` and
  /// spaces trimmed off the title's head, and marks, fold to nothing or a space.
  static func mayStartTitle(_ text: String) -> Bool {
    for scalar in text.unicodeScalars {
      guard let fold = VietnameseFolding.fold(scalar), fold != " ", fold != "*" else { continue }
      return typeNameInitials.contains(fold)
        && !(ScalarProperties.isAlphabetic(scalar) && ScalarProperties.isLowercase(scalar))
    }
    return false
  }

  /// The first letter of each type name, folded.
  static let typeNameInitials: Set<Unicode.Scalar> = Set(
    foldedTypeNames.compactMap { $0.folded.unicodeScalars.first })

  /// The columns of `foldedTypeNames`, compared without copying its rows.
  static let typeNamesFolded = foldedTypeNames.map(\.folded)
  static let typeNamesFoldedWithSpace = foldedTypeNames.map(\.foldedWithSpace)
  static let typeNamesUnspaced = foldedTypeNames.map(\.unspaced)

  /// The names of document types, folded, and folded without spaces.
  static let foldedTypeNames: [(name: String, folded: String, foldedWithSpace: String, unspaced: String)] =
    DocumentTypes.names.map {
      ($0.name, $0.name.folded, $0.name.folded + " ", $0.name.folded.filter { $0 != " " })
    }

  /// Lines of a subject joined; a run of lines in capitals is sentence-cased as one phrase, so that
  /// `… CỦA BAN` / `BÍ THƯ …` gives `của Ban Bí thư`.
  static func casedSubject(_ parts: [String], _ vocabulary: Vocabulary? = nil) -> String {
    var pieces: [String] = []
    var capitals: [String] = []
    for part in parts.map({ Casing.deglued($0, vocabulary: vocabulary) }) {
      if Line.isUppercase(part) {
        capitals.append(part)
        continue
      }
      if !capitals.isEmpty {
        pieces.append(Casing.sentenceCase(Line.joined(capitals), vocabulary: vocabulary))
      }
      capitals = []
      pieces.append(part)
    }
    if !capitals.isEmpty { pieces.append(Casing.sentenceCase(Line.joined(capitals), vocabulary: vocabulary)) }
    return Line.joined(pieces)
  }

  /// A subject as shown: glued words parted, table residue gone; `của Ban Thường vụ Tỉnh ủy về …`
  /// (the issuer written into a resolution's title) starts at `về`.
  static func trimmedSubject(_ text: String, _ vocabulary: Vocabulary? = nil) -> String {
    fromAbout(Casing.deglued(text, vocabulary: vocabulary).trimmed(" |-*"))
  }

  /// `trimmedSubject(casedSubject(parts))`. Lines without capitals and without a word to part
  /// are joined as they stand: every word of a line is a word of the lines joined, so one look
  /// at the joined words tells that no line, nor the whole, has a word to part.
  static func subject(ofLines parts: [String], _ vocabulary: Vocabulary? = nil) -> String {
    if !parts.contains(where: { Line.isUppercase($0) }) {
      let joined = Line.joined(parts)
      if !Casing.mayHaveGluedWord(joined) { return fromAbout(joined.trimmed(" |-*")) }
    }
    return trimmedSubject(casedSubject(parts, vocabulary), vocabulary)
  }

  /// `của Ban Thường vụ Tỉnh ủy về …` → `về …`.
  static func fromAbout(_ trimmed: String) -> String {
    var subject = trimmed
    // Folding drops marks alone: a subject whose first other scalar does not fold to `c` is kept.
    let first = subject.unicodeScalars.first { !VietnameseFolding.isCombiningMark($0.value) }
    guard let first, VietnameseFolding.fold(first) == "c" else { return subject }
    let folded = subject.folded
    if folded.hasPrefix("cua "), let about = characterRange(of: " ve ", in: folded) {
      let offset = about.lowerBound + 1
      subject = String(subject.unicodeScalars.dropFirst(offset))
    }
    return subject
  }

  /// A title in capitals goes on over lines in capitals (`2017-2021` too) and over a phrase in
  /// lower case (`tại Hội nghị …`); a line that starts with a capital and is not all capitals
  /// begins the body.
  static func continuesPhrase(_ text: String, upper: Bool) -> Bool {
    if let first = text.first, "“\"«".contains(first) { return true }
    if let first = text.unicodeScalars.first(where: { ScalarProperties.isAlphabetic($0) }),
      ScalarProperties.isLowercase(first),
      text.unicodeScalars.first.map(ScalarProperties.isAlphabetic) == true
    {
      return true
    }
    return upper && (Line.isUppercase(text) || text.allSatisfy { $0.isNumber || " -–/().,".contains($0) })
  }

  /// `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG`, `THỦ TƯỚNG CHÍNH PHỦ`: the authority that issues,
  /// written in capitals before the preamble.
  static func isAuthorityLine(_ lines: [Line], at index: Int) -> Bool {
    let line = lines[index]
    guard !Line.hasMoreCharacters(line.text, than: 89), Line.isUppercase(line.text),
      [
        "chu tich", "thu tuong", "bo truong", "uy ban nhan dan", "hoi dong nhan dan", "ban thuong vu",
        "ban chap hanh", "ban bi thu", "bo chinh tri", "giam doc", "tong cuc truong", "chanh van phong",
      ].contains(where: { line.folded.hasPrefix($0) }),
      let next = lines[(index + 1)...].first(where: \.hasText)
    else { return false }
    return ["can cu", "- can cu", "xet ", "theo ", "quyet dinh", "quyet nghi", "khoa "].contains {
      next.folded.hasPrefix($0)
    }
  }

  /// Whether a line goes on with the title or subject above it (in capitals or not, `upper`): never
  /// a rule, the motto, a place–date line, an issuing body or signature, a preamble's opening or a
  /// numbered point.
  static func continuesHeading(_ line: Line, upper: Bool, _ scanner: TextScanner) -> Bool {
    let text = line.text
    guard !text.isEmpty, !Line.hasMoreCharacters(text, than: upper ? 399 : 159), !line.isRule,
      !line.isMotto,
      !isHeaderBody(text, folded: line.textFolded), !Line.isCapacity(text), placeDate(line, scanner) == nil,
      continuesPhrase(text, upper: upper)
    else { return false }
    if line.foldedHasPrefix("can cu") || line.foldedHasPrefix("kinh gui") || line.foldedHasPrefix("xet ")
      || line.foldedHasPrefix("theo de nghi") || line.foldedHasPrefix("so:")
    {
      return false
    }
    return Line.pointNumber(text) == nil
  }

  // MARK: - Recipients, points, distribution, signature

  static func readRecipients(_ document: inout Document, _ layout: inout Layout) {
    guard let start = layout.kinhGui else { return }
    let lines = layout.lines
    var recipients: [String] = []
    let first = lines[start].text
    // While each scalar is a `Character`, the colon is found on the bytes.
    let standsAlone = Line.allStandAlone(first)
    if let colon = standsAlone ? first.utf8.firstIndex(of: 0x3A) : first.firstIndex(of: ":") {
      let after = standsAlone ? first.utf8.index(after: colon) : first.index(after: colon)
      let rest = Line.cleanItem(String(first[after...]))
      if !rest.isEmpty { recipients.append(rest) }
    }
    var index = start + 1
    while index < lines.count {
      let text = lines[index].text
      if text.isEmpty {
        if !recipients.isEmpty { break }
        index += 1
        continue
      }
      let isItem = text.hasPrefix("-") || text.hasPrefix("–") || text.hasPrefix("+") || text.hasPrefix("•")
      if !isItem && (!recipients.isEmpty || Line.hasMoreCharacters(text, than: 80)) { break }
      let item = Line.cleanItem(text)
      if !item.isEmpty { recipients.append(item) }
      index += 1
    }
    document.recipients = recipients
    layout.bodyStart = index
  }

  static func readPoints(_ document: inout Document, _ layout: Layout) {
    let lines = layout.lines
    let bodyEnd = layout.noiNhan ?? layout.signatureStart ?? lines.count
    guard layout.bodyStart < bodyEnd else { return }
    var starts: [(number: Int, line: Int)] = []
    for index in layout.bodyStart..<bodyEnd {
      if let number = lines[index].pointNumberOfText, number == starts.count + 1 {
        starts.append((number, index))
      }
    }
    let endOffset =
      bodyEnd < lines.count ? lines[bodyEnd].range.lowerBound : lines.last?.range.upperBound ?? 0
    for (position, start) in starts.enumerated() {
      let from = lines[start.line].textStart
      var to = position + 1 < starts.count ? lines[starts[position + 1].line].range.lowerBound : endOffset
      var last = position + 1 < starts.count ? starts[position + 1].line - 1 : bodyEnd - 1
      while last > start.line, !lines[last].hasText { last -= 1 }
      to = min(to, lines[last].range.upperBound)
      document.points.append(NumberedPoint(number: start.number, span: Span(from, max(from, to))))
    }
  }

  static func readDistribution(_ document: inout Document, _ layout: Layout) {
    guard let start = layout.noiNhan else { return }
    let lines = layout.lines
    var index = start + 1
    var items: [String] = []
    while index < lines.count, index != layout.signatureStart {
      let text = lines[index].text
      index += 1
      if text.isEmpty { continue }
      guard text.hasPrefix("-") || text.hasPrefix("–") || text.hasPrefix("+") else { break }
      let item = Line.cleanItem(Line.beforeBar(text))
      if !item.isEmpty { items.append(item) }
    }
    document.distribution = items
  }

  static func readSignature(_ document: inout Document, _ layout: inout Layout) {
    guard let start = layout.signatureStart else {
      document.warnings.append(DocumentWarning(.noSignature, "no signature block found"))
      return
    }
    let lines = layout.lines
    var capacities = [lines[start].text]
    var titles: [String] = []
    var name: String?
    var index = start + 1
    while index < lines.count {
      let text = lines[index].text
      index += 1
      if text.isEmpty || text.hasPrefix("(") { continue }
      if Line.isCapacity(text) && titles.isEmpty {
        capacities.append(text)
      } else if Line.isUppercase(text) {
        if name == nil { titles.append(text) }
      } else {
        if name == nil, !Line.hasMoreCharacters(text, than: 60) { name = text }
        break
      }
    }
    let capacity = capacities.joined(separator: ", ")
    layout.capacity = capacity
    let title = titles.isEmpty ? nil : titles.joined(separator: " ")
    if name == nil {
      document.warnings.append(
        DocumentWarning(
          .signerNameMissing, "the signer's name is missing (the text ends after “\(title ?? capacity)”)"))
    }
    if name == nil && title == nil {
      document.signer = nil
    } else {
      document.signer = Signer(name: name, capacity: capacity, title: title)
    }
  }

  // MARK: - Inference

  static let selfReferences: [(Phrase, String)] = DocumentTypes.names.compactMap { entry in
    entry.code == nil ? nil : (Phrase(entry.name + " này"), entry.name)
  }

  static func inferType(_ document: inout Document, _ scanner: TextScanner) {
    guard document.type == nil else { return }
    var found: Set<String> = []
    var first: (offset: Int, name: String)?
    for (phrase, name) in selfReferences {
      var from = 0
      while let index = scanner.find(phrase.folded, from: from) {
        from = index + 1
        guard scanner.matchPhrase(phrase, at: index) != nil else { continue }
        found.insert(name)
        if first.map({ index < $0.offset }) ?? true { first = (index, name) }
        break
      }
    }
    guard let first else {
      inferTypeFromIssuingSentence(&document, scanner)
      return
    }
    document.type = first.name
    document.typeInferred = true
    document.typeEvidence = Evidence(kind: .selfReference, text: first.name + " này")
    if found.count > 1 {
      document.warnings.append(
        DocumentWarning(
          .severalSelfTypes,
          "the text calls itself by several types: \(found.sorted().joined(separator: ", "))"))
    }
  }

  /// `Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động thực hiện … như sau:`: a body that
  /// announces itself.
  static func inferTypeFromIssuingSentence(_ document: inout Document, _ scanner: TextScanner) {
    var from = 0
    while let found = scanner.find(Array("ban hanh ".utf8), from: from), found < 3000 {
      from = found + 1
      let at = scanner.skipSpaces(found + 8)
      guard scanner.isUppercase(at),
        let entry = DocumentTypes.phrases.first(where: { scanner.matchPhrase($0.phrase, at: at) != nil })
      else { continue }
      var end = at
      while end < scanner.count, end - at < 300, !scanner.isHardBreak(end), scanner.scalars[end] != "." {
        end += 1
      }
      guard scanner.string(at..<end).folded.contains("nhu sau") else { continue }
      document.type = entry.name
      document.typeInferred = true
      document.typeEvidence = Evidence(
        kind: .issuingSentence, text: scanner.flat(found..<min(end + 1, scanner.count)))
      return
    }
  }

  /// A notice without a date of its own may take its meeting's date, marked inferred.
  static func inferDate(_ document: inout Document, _ layout: Layout, _ scanner: TextScanner) {
    guard document.date == nil, document.type == "Thông báo" else { return }
    let lines = layout.lines
    let searchEnd = min(lines.count, max(layout.bodyStart + 3, 30))
    guard let first = (0..<searchEnd).first(where: { lines[$0].folded.hasPrefix("ngay ") }) else { return }
    let line = lines[first]
    guard !line.folded.contains("ban hanh"),
      let (day, dateEnd) = scanner.date(at: line.textStart)
    else { return }
    document.date = day
    document.dateInferred = true
    document.dateEvidence = Evidence(kind: .meetingDate, text: scanner.flat(line.textStart..<dateEnd))
    document.warnings.append(
      DocumentWarning(
        .meetingDateUsed, "no date of its own: the meeting date \(day.vietnamese) is used, marked inferred"))
  }

  static func inferProvinceAndIssuer(
    _ document: inout Document, _ layout: Layout, _ scanner: TextScanner, readsTwin: Bool
  ) {
    if document.province == nil, let (province, words) = signerTitleProvince(document.signer, layout) {
      document.province = province
      document.provinceInferred = true
      document.provinceEvidence.append(Evidence(kind: .signerTitle, text: words))
    }
    // Place names are read in the text itself, not in its restored twin.
    if document.province == nil,
      let inference = Places.gazetteer.inferProvince(in: readsTwin ? TextScanner(document.text) : scanner)
    {
      if let province = inference.province {
        document.province = province
        document.provinceInferred = true
        document.provinceEvidence.append(contentsOf: inference.evidence)
      }
      document.warnings.append(
        contentsOf: inference.conflicts.map { DocumentWarning(.placeNamesConflict, $0) })
    }
    for official in KnownOfficials.mentions(in: scanner, signer: document.signer?.name) {
      if document.province == nil {
        document.province = official.province
        document.provinceInferred = true
      }
      if official.province == document.province {
        document.provinceEvidence.append(
          Evidence(kind: official.isSigner ? .signer : .official, text: official.text))
      } else {
        document.warnings.append(
          DocumentWarning(
            .officialElsewhere,
            "\(official.text) is known as an official of \(official.province), but the document is placed in \(document.province ?? "?")"
          ))
      }
    }
    if let province = document.province { document.province2025 = Places.province2025(of: province) }
    assignIssuer(&document, layout, scanner)
  }

  /// `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI`, `TM. ỦY BAN NHÂN DÂN TỈNH …`: the signature names
  /// the province when the header does not.
  static func signerTitleProvince(_ signer: Signer?, _ layout: Layout) -> (String, String)? {
    for words in [signer?.title, layout.capacity, signer?.capacity].compactMap({ $0 }) {
      let folded = words.folded
      for marker in ["tinh ", "thanh pho "] {
        guard let offset = characterRange(of: marker, in: folded)?.upperBound else { continue }
        let name = String(words.unicodeScalars.dropFirst(offset)).trimmed(" ,.")
        if let province = Places.province(named: name) { return (province, words) }
      }
    }
    return nil
  }

  static func assignIssuer(_ document: inout Document, _ layout: Layout, _ scanner: TextScanner) {
    let standingCommittee =
      layout.capacity.map { characterRange(of: "ban thuong vu", in: $0.folded) != nil } ?? false
    var evidence: [Evidence] = []
    let header = layout.headerIssuerWords.map { Evidence(kind: .header, text: $0) }
    let organLine = layout.headerOrganWords.map { Evidence(kind: .headerOrgan, text: $0) }
    let standingSignature = standingCommittee ? signatureEvidence(layout, "ban thuong vu") : nil
    let enactingLine = chairEnactingLine(layout)
    let enacting = enactingLine.map { Evidence(kind: .enactingLine, text: $0) }
    switch layout.headerBody {
    case .provincialParty(let body)?:
      document.level = .province
      document.issuer =
        layout.headerOrgan.map { $0 + " " + body } ?? (standingCommittee ? "Ban Thường vụ " + body : body)
      evidence = [header, organLine ?? standingSignature].compactMap { $0 }
    case .districtParty(let body)?:
      document.level = .district
      document.issuer =
        layout.headerOrgan.map { $0 + " " + body } ?? (standingCommittee ? "Ban Thường vụ " + body : body)
      evidence = [header, organLine ?? standingSignature].compactMap { $0 }
    case .provincialState(let body)?:
      document.level = .province
      document.issuer = enactingLine != nil ? "Chủ tịch " + body : body
      evidence = [header, enacting].compactMap { $0 }
    case .districtState(let body)?:
      document.level = .district
      document.issuer = enactingLine != nil ? "Chủ tịch " + body : body
      evidence = [header, enacting].compactMap { $0 }
    case .central(let body)?:
      document.level = .central
      document.issuer = body
      evidence = [header].compactMap { $0 }
      if body == "Ban Chấp hành Trung ương", let organ = layout.headerOrgan {
        document.issuer = organ == "Văn phòng" ? "Văn phòng Trung ương Đảng" : organ + " Trung ương"
        evidence += [organLine].compactMap { $0 }
      }
    case nil:
      let issuerCode = document.number.flatMap { DocumentTypes.parts(ofNumber: $0).issuerCode?.folded }
      let signature = ((layout.capacity ?? "") + " " + (document.signer?.title ?? "")).folded
      let named = document.province.map { " " + $0 } ?? ""
      let code = document.number.map { Evidence(kind: .numberCode, text: $0) }
      let province = named.isEmpty ? nil : document.provinceEvidence.first
      if issuerCode == "hu" || (standingCommittee && scanner.contains("ban thuong vu huyen uy")) {
        document.level = .district
        document.issuer = standingCommittee ? "Ban Thường vụ Huyện ủy" : "Huyện ủy"
        evidence = [
          issuerCode == "hu" ? code : mention("ban thuong vu huyen uy", scanner), standingSignature,
        ]
        .compactMap { $0 }
      } else if issuerCode == "tu"
        || (standingCommittee && (scanner.contains("tinh uy") || scanner.contains("thanh uy")))
      {
        document.level = .province
        let body = scanner.contains("thanh uy") && !scanner.contains("tinh uy") ? "Thành ủy" : "Tỉnh ủy"
        document.issuer = (standingCommittee ? "Ban Thường vụ " : "") + body + named
        let mentionsBody = issuerCode != "tu" || body == "Thành ủy"
        evidence = [
          issuerCode == "tu" ? code : nil,
          mentionsBody ? mention(body == "Thành ủy" ? "thanh uy" : "tinh uy", scanner) : nil,
          standingSignature, province,
        ].compactMap { $0 }
      } else if issuerCode == "ubnd" || issuerCode == "ctubnd"
        || characterRange(of: "uy ban nhan dan", in: signature) != nil
        || characterRange(of: "chu tich", in: signature) != nil
      {
        document.level = .province
        document.issuer = (enactingLine != nil ? "Chủ tịch " : "") + "UBND tỉnh" + named
        let signed = signatureEvidence(layout, "uy ban nhan dan") ?? signatureEvidence(layout, "chu tich")
        evidence = [issuerCode == "ubnd" || issuerCode == "ctubnd" ? code : signed, enacting, province]
          .compactMap { $0 }
      } else if DocumentTypes.isNational(issuerCode: issuerCode) {
        document.level = .central
        document.issuer = issuerCode.flatMap { DocumentTypes.issuerByCode[$0] }
        evidence = [code].compactMap { $0 }
      } else if let headline = headlineIssuer(scanner) {
        let level = headlineLevel(headline.issuer)
        let carriesProvince = headline.issuer.scope == .ownProvince && level != .district
        document.level = level
        document.issuer = headline.issuer.name + (carriesProvince ? named : "")
        evidence =
          [Evidence(kind: .headline, text: headline.words)]
          + [carriesProvince ? province : nil].compactMap { $0 }
        if document.type == nil {
          document.type = headline.type
          document.typeInferred = true
          document.typeEvidence = Evidence(kind: .issuingSentence, text: headline.words)
        }
        document.warnings.append(
          DocumentWarning(
            .issuerFromHeadline,
            "issuer read from the headline: no header, number or signature names one, and `\(headline.words)` names the body that issues it"
          ))
      } else if let speaker = speakingCommittee(scanner) {
        document.level = speaker.level
        document.issuer = speaker.body + (speaker.level == .province ? named : "")
        evidence =
          [Evidence(kind: .bodyVoice, text: speaker.written)]
          + [speaker.level == .province ? province : nil].compactMap { $0 }
        document.warnings.append(
          DocumentWarning(
            .issuerFromItsVoice,
            "issuer read from the text: no header, number or signature names one, and `\(speaker.words)` near its opening speaks as that committee"
          ))
      }
    }
    document.issuerEvidence = document.issuer == nil ? [] : evidence
    if document.level == .unknown, writesToTheProvinces(document, scanner) {
      document.level = .central
      document.warnings.append(
        DocumentWarning(
          .placedAsCentral,
          "placed as central: it names no issuer, writes to the provinces, and Hà Nội, where its place–date line puts it, is where central bodies sit"
        ))
    }
    if document.level == .central {
      document.province = nil
      document.province2025 = nil
      document.provinceInferred = false
      document.provinceEvidence = []
    }
  }

  /// The first line of the signature block whose fold holds `words`, as written.
  static func signatureEvidence(_ layout: Layout, _ words: String) -> Evidence? {
    guard let start = layout.signatureStart else { return nil }
    let block = layout.lines[start..<min(layout.lines.count, start + 8)]
    return block.first { characterRange(of: words, in: $0.folded) != nil }.map {
      Evidence(kind: .signature, text: $0.text)
    }
  }

  /// The first place the text names `words` (folded), as written.
  static func mention(_ words: String, _ scanner: TextScanner) -> Evidence? {
    scanner.find(Array(words.utf8)).map {
      Evidence(kind: .mention, text: scanner.flat($0..<$0 + words.utf8.count))
    }
  }

  /// A news copy's headline naming the body that issues the text: `Tỉnh ủy Bình Định ban hành Chỉ
  /// thị về …`, `Chỉ thị của Chủ tịch UBND tỉnh về …` (a known body, then the type, or the type,
  /// then `của` and a known body, then `về`), on the text's first line.
  static func headlineIssuer(_ scanner: TextScanner) -> (
    issuer: CitationExtractor.Issuer, type: String, words: String
  )? {
    var lineEnd = scanner.skipSpaces(0)
    let lineStart = lineEnd
    while lineEnd < min(scanner.count, 300), !scanner.isHardBreak(lineEnd) { lineEnd += 1 }
    guard lineEnd > lineStart, scanner.isUppercase(lineStart) else { return nil }
    let types = PhraseTable.documentTypes
    if let (phrase, typeEnd) = types.firstMatch(at: lineStart, in: scanner),
      let afterCua = scanner.matchWord(CitationWords.cua, at: scanner.skipSpaces(typeEnd)),
      let (issuer, issuerEnd) = CitationExtractor.readIssuer(
        scanner, at: scanner.skipSpaces(afterCua), limit: lineEnd),
      CitationExtractor.startsWithKnownIssuer(issuer.name),
      scanner.matchWord(CitationWords.ve, at: scanner.skipSpaces(issuerEnd)) != nil
    {
      return (issuer, types.names[phrase], scanner.flat(lineStart..<issuerEnd))
    }
    guard let verb = scanner.find(CitationWords.banHanh, from: lineStart), verb < lineEnd,
      let (phrase, typeEnd) = types.firstMatch(at: scanner.skipSpaces(verb + 8), in: scanner),
      scanner.isUppercase(scanner.skipSpaces(verb + 8))
    else { return nil }
    var limit = CitationRelations.skipBackSpaces(scanner, verb)
    for adverb in [CitationWords.ky, CitationWords.vua, CitationWords.da] {
      if let adverbStart = CitationRelations.endsPhrase(scanner, adverb, at: limit) {
        limit = CitationRelations.skipBackSpaces(scanner, adverbStart)
      }
    }
    guard let (issuer, issuerEnd) = CitationExtractor.readIssuer(scanner, at: lineStart, limit: limit),
      issuerEnd == limit, CitationExtractor.startsWithKnownIssuer(issuer.name)
    else { return nil }
    return (issuer, types.names[phrase], scanner.flat(lineStart..<typeEnd))
  }

  /// The level of a body named in a headline: central when it is national, else a district's or
  /// a province's by its name.
  static func headlineLevel(_ issuer: CitationExtractor.Issuer) -> Level {
    guard issuer.scope != .national else { return .central }
    let folded = issuer.name.folded
    return ["huyen", "quan uy", "thi uy"].contains(where: folded.contains) ? .district : .province
  }

  /// `… Ban Thường vụ Thành ủy yêu cầu:`: a text with no header, number or signature that names
  /// its issuer gives its directions in the voice of a Party committee near its opening; that
  /// committee (the first one speaking within the opening's first 1,200 characters) issues it.
  static func speakingCommittee(_ scanner: TextScanner) -> (
    body: String, level: Level, words: String, written: String
  )? {
    for index in 0..<min(scanner.count, 1200) {
      for voice in committeeVoices {
        guard let end = scanner.matchWord(voice.folded, at: index) else { continue }
        return (voice.body, voice.level, voice.words, scanner.flat(index..<end))
      }
    }
    return nil
  }

  /// `Ban Thường vụ Tỉnh ủy yêu cầu` and the like: a Party committee giving directions, folded.
  private static let committeeVoices: [(folded: [UInt8], body: String, level: Level, words: String)] = {
    let heads = [("ban thuong vu ", "Ban Thường vụ "), ("thuong truc ", "Thường trực ")]
    let committees: [(String, String, Level)] = [
      ("tinh uy", "Tỉnh ủy", .province), ("thanh uy", "Thành ủy", .province),
      ("huyen uy", "Huyện ủy", .district), ("quan uy", "Quận ủy", .district), ("thi uy", "Thị ủy", .district),
    ]
    let verbs = [(" yeu cau", " yêu cầu"), (" de nghi", " đề nghị"), (" chi dao", " chỉ đạo")]
    return heads.flatMap { head, headName in
      committees.flatMap { committee, name, level in
        verbs.map { verb, verbName in
          (Array((head + committee + verb).utf8), headName + name, level, headName + name + verbName)
        }
      }
    }
  }()

  /// `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG` on the line that enacts a decision, before its first
  /// `Căn cứ`: the line by which the chair, not the committee, enacts it, as written; nil when the
  /// committee does.
  static func chairEnactingLine(_ layout: Layout) -> String? {
    let end = min(layout.signatureStart ?? layout.lines.count, layout.lines.count, 60)
    for index in 0..<end {
      let line = layout.lines[index]
      if line.foldedHasPrefix("can cu", afterDropping: "- ") { return nil }
      if line.foldedHasPrefix("chu tich uy ban nhan dan"), Line.isUppercase(line.text) { return line.text }
    }
    return nil
  }

  /// A letter without an issuer, dated in Hà Nội, that addresses the provinces and localities
  /// (`các tỉnh, thành phố`, `các địa phương`) rather than the capital's own districts is a central
  /// body's: Hà Nội is the seat of both.
  static func writesToTheProvinces(_ document: Document, _ scanner: TextScanner) -> Bool {
    guard document.province == "Hà Nội", document.provinceEvidence.allSatisfy({ $0.kind == .placeDate }),
      !document.provinceEvidence.isEmpty
    else { return false }
    let toProvinces = scanner.contains("cac tinh, thanh pho") || scanner.contains("cac dia phuong")
    let toTheCapital =
      scanner.contains("quan, huyen") || scanner.contains("thanh pho ha noi") || scanner.contains("thanh uy")
    return toProvinces && !toTheCapital
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
