/// Resolves every citation to a node: a document of the corpus when its canonical key matches
/// one, else an external node shared by every citation of the same document. Completes issuers
/// from context, infers provinces from citations of a committee's own letters, and sets
/// `citedBy` and `notBefore`.
enum CitationLinker {
  struct Candidate {
    let index: Int
    let scope: String
    let date: Day?
    let type: String?
  }

  static func link(_ documents: inout [Document]) {
    var byNumber: [String: [Candidate]] = [:]
    var unnumbered: [String: [Int]] = [:]
    for (index, document) in documents.enumerated() {
      if let number = document.number {
        let candidate = Candidate(
          index: index, scope: scopeKey(of: document), date: document.date, type: document.type)
        byNumber[numberKey(number), default: []].append(candidate)
      } else if let type = document.type, let issuer = document.issuer, let date = document.date {
        unnumbered[unnumberedKey(type: type, issuer: issuer, date: date), default: []].append(index)
      }
    }
    for index in documents.indices {
      inferProvinceFromOwnCitations(&documents, index, byNumber)
    }
    var externalYears: [String: [(year: String, key: String)]] = [:]
    var pending: [(document: Int, citation: Int, prefix: String)] = []
    for index in documents.indices {
      // The citations are worked on outside the array: writing through `documents` while it is
      // read would copy the array (and the citations) once per citation.
      var citations = documents[index].citations
      documents[index].citations = []
      var warnings: [DocumentWarning] = []
      let citing = documents[index]
      for position in citations.indices {
        completeIssuer(&citations[position], citing: citing)
        let citation = citations[position]
        if let target = corpusTarget(citation, citing: index, documents, byNumber, unnumbered) {
          citations[position].target = documents[target.index].id
          citations[position].inCorpus = true
          citations[position].key = canonicalKey(citation, citing: citing)
          if let warning = target.warning { warnings.append(DocumentWarning(.ambiguousTarget, warning)) }
          continue
        }
        let key = canonicalKey(citation, citing: citing)
        citations[position].key = key
        if citation.number != nil, key.hasSuffix(":?") {
          pending.append((index, position, String(key.dropLast(1))))
        } else if citation.number != nil, let colon = key.lastIndex(of: ":") {
          let prefix = String(key[...colon])
          let year = String(key[key.index(after: colon)...])
          if !(externalYears[prefix]?.contains { $0.key == key } ?? false) {
            externalYears[prefix, default: []].append((year, key))
          }
        }
      }
      documents[index].citations = citations
      documents[index].warnings += warnings
    }
    for (index, position, prefix) in pending {
      let options = externalYears[prefix] ?? []
      guard !options.isEmpty else { continue }
      let citingYear = documents[index].sortDate?.year ?? 0
      let chosen = options.min {
        abs((Int($0.year) ?? 0) - citingYear) < abs((Int($1.year) ?? 0) - citingYear)
      }!
      documents[index].citations[position].key = chosen.key
      if options.count > 1 {
        let number = documents[index].citations[position].number ?? ""
        documents[index].warnings.append(
          DocumentWarning(
            .undatedNumber,
            "\(number) without a date could be any of \(options.count) documents; taken as the one of \(chosen.year), nearest in time"
          ))
      }
    }
    for index in documents.indices {
      for position in documents[index].citations.indices where !documents[index].citations[position].inCorpus
      {
        documents[index].citations[position].target = "ext:" + documents[index].citations[position].key
      }
    }
    var citedBy: [String: [String]] = [:]
    for document in documents {
      for citation in document.citations where citation.inCorpus {
        citedBy[citation.target, default: []].append(document.id)
      }
    }
    for index in documents.indices {
      documents[index].citedBy = citedBy[documents[index].id] ?? []
      if documents[index].date == nil {
        documents[index].notBefore = documents[index].citations.compactMap(\.date).max()
      }
    }
  }

  // MARK: - Keys

  static func numberKey(_ number: String) -> String {
    let folded = DocumentTypes.normalizedNumber(number).folded
    guard folded.utf8.allSatisfy({ $0 < 0x80 }) else {
      return folded.replacingOccurrences(of: "/", with: "-")
    }
    return String(
      decoding: folded.utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
  }

  static func unnumberedKey(type: String, issuer: String, date: Day) -> String {
    "\(slug(type)):-:\(slug(issuer)):\(date.iso)"
  }

  static func slug(_ text: String) -> String {
    text.folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
  }

  /// `vn` for the nation, the province's slug, or `?` when the own province is unknown.
  static func scopeKey(of document: Document) -> String {
    if document.level == .central { return "vn" }
    if let number = document.number,
      DocumentTypes.isNational(issuerCode: DocumentTypes.parts(ofNumber: number).issuerCode)
    {
      return "vn"
    }
    return document.province.map(slug) ?? "?"
  }

  static func scopeKey(of citation: Citation, citing: Document) -> String {
    switch citation.scope {
    case .national: return "vn"
    case .province(let name): return slug(name)
    case .ownProvince: return citing.province.map(slug) ?? "?"
    }
  }

  /// `ket-luan:7-kl-tw:vn:2021`; unnumbered: `dien:-:thuong-truc-ban-bi-thu-...:2021-07-21`.
  static func canonicalKey(_ citation: Citation, citing: Document) -> String {
    guard let number = citation.number else {
      let name = citation.title ?? citation.issuer ?? "?"
      return "\(slug(citation.type)):-:\(slug(name)):\(citation.date?.iso ?? "?")"
    }
    let year = citation.date?.year ?? DocumentTypes.parts(ofNumber: number).year
    return
      "\(slug(citation.type)):\(numberKey(number)):\(scopeKey(of: citation, citing: citing)):\(year.map(String.init) ?? "?")"
  }

  // MARK: - Resolution

  static func corpusTarget(
    _ citation: Citation, citing: Int, _ documents: [Document], _ byNumber: [String: [Candidate]],
    _ unnumbered: [String: [Int]]
  ) -> (index: Int, warning: String?)? {
    guard let number = citation.number else {
      guard let issuer = citation.issuer, let date = citation.date else { return nil }
      let matches = (unnumbered[unnumberedKey(type: citation.type, issuer: issuer, date: date)] ?? []).filter
      { $0 != citing }
      return matches.first.map { ($0, nil) }
    }
    let scope = scopeKey(of: citation, citing: documents[citing])
    let year = citation.date?.year ?? DocumentTypes.parts(ofNumber: number).year
    let candidates = (byNumber[numberKey(number)] ?? []).filter { candidate in
      candidate.index != citing && candidate.scope == scope
        && (citation.date == nil || candidate.date == nil || candidate.date == citation.date)
        && (year == nil || candidate.date == nil || candidate.date?.year == year)
    }
    return nearest(candidates, to: documents[citing].sortDate, number: number)
  }

  static func nearest(_ candidates: [Candidate], to day: Day?, number: String) -> (
    index: Int, warning: String?
  )? {
    guard let first = candidates.first else { return nil }
    guard candidates.count > 1 else { return (first.index, nil) }
    let reference = day?.ordinal ?? 0
    let chosen = candidates.min { a, b in
      abs((a.date?.ordinal ?? Int.max / 2) - reference) < abs((b.date?.ordinal ?? Int.max / 2) - reference)
    }!
    return (
      chosen.index,
      "\(number) matches \(candidates.count) documents of the corpus; taken as the one nearest in date"
    )
  }

  /// A letter citing `Công văn số 215-CV/TU ... của Ban Thường vụ Tỉnh ủy` — its own committee's —
  /// belongs to the province of that letter when the corpus holds it.
  static func inferProvinceFromOwnCitations(
    _ documents: inout [Document], _ index: Int, _ byNumber: [String: [Candidate]]
  ) {
    guard documents[index].province == nil, documents[index].level != .central else { return }
    for citation in documents[index].citations where citation.scope == .ownProvince {
      guard let number = citation.number else { continue }
      let candidates = (byNumber[numberKey(number)] ?? []).filter { candidate in
        candidate.index != index && candidate.scope != "vn" && candidate.scope != "?"
          && (citation.date == nil || candidate.date == citation.date)
      }
      let provinces = Set(candidates.compactMap { documents[$0.index].province })
      guard let province = provinces.first else { continue }
      if provinces.count > 1 {
        documents[index].warnings.append(
          DocumentWarning(
            .numberOfSeveralProvinces,
            "\(number) is a letter of several provinces in the corpus (\(provinces.sorted().joined(separator: ", "))): province left open"
          ))
        continue
      }
      var document = documents[index]
      document.province = province
      document.province2025 = Places.province2025(of: province)
      document.provinceInferred = true
      document.provinceEvidence.append(Evidence(kind: .citation, text: number))
      if document.level == .unknown { document.level = .province }
      if let issuer = document.issuer, issuer.hasSuffix("Tỉnh ủy") || issuer.hasSuffix("Thành ủy") {
        document.issuer = issuer + " " + province
      }
      documents[index] = document
      return
    }
  }

  /// `Ban Chấp hành Đảng bộ tỉnh khóa X` → `Ban Chấp hành Đảng bộ tỉnh Tiền Giang khóa X`: the name
  /// goes after the last `tỉnh`, `thành phố`, `Tỉnh ủy` or `Thành ủy`, else at the end.
  static func insertingProvince(_ province: String, into issuer: String) -> String {
    let words = issuer.split(separator: " ").map(String.init)
    let folded = words.map(\.folded)
    var position: Int?
    for index in folded.indices {
      if folded[index] == "tinh" || (folded[index] == "pho" && index > 0 && folded[index - 1] == "thanh")
        || (folded[index] == "uy" && index > 0
          && (folded[index - 1] == "tinh" || folded[index - 1] == "thanh"))
      {
        position = index + 1
      }
    }
    guard let position, position < words.count else { return issuer + " " + province }
    return (words[..<position] + [province] + words[position...]).joined(separator: " ")
  }

  /// `của UBND tỉnh` in a Ninh Bình document is `UBND tỉnh Ninh Bình`; a national number's issuer
  /// code names its issuer when the text does not.
  static func completeIssuer(_ citation: inout Citation, citing: Document) {
    if citation.scope == .ownProvince, let province = citing.province {
      if let issuer = citation.issuer, !issuer.contains(province),
        ![" huyen", " quan ", " thi xa"].contains(where: issuer.folded.contains)
      {
        citation.issuer = insertingProvince(province, into: issuer)
      }
      citation.scope = .province(province)
    }
    if citation.issuer == nil, citation.number == nil {
      // Laws and codes are the National Assembly's; ordinances its Standing Committee's.
      switch citation.type {
      case "Luật", "Bộ luật", "Hiến pháp": citation.issuer = "Quốc hội"
      case "Pháp lệnh": citation.issuer = "Ủy ban Thường vụ Quốc hội"
      default: break
      }
    }
    if citation.issuer == nil, let number = citation.number {
      let code = DocumentTypes.parts(ofNumber: number).issuerCode?.folded
      if let code, let name = DocumentTypes.issuerByCode[code], code != "tw" { citation.issuer = name }
    }
  }
}
