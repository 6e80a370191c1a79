import Dispatch

/// Resolves every citation to a node: a document of the corpus when its canonical key matches
/// one, else an external node shared by every citation of the same document. Completes issuers
/// from context, infers provinces from citations of a committee's own letters, and sets
/// `citedBy` and `notBefore`.
///
/// A document is linked from its parsed form by `resolve` (against the keys of every document),
/// then `resolveUndated` (against the dated external keys of every document) and `finish`; what
/// it read of the others and left for them is its `LinkFacts`, by which a load relinks only the
/// documents a change touches (`Relinking`).
enum CitationLinker {
  struct Candidate {
    let index: Int
    let scope: String
    let date: Day?
    let type: String?
    let id: String
    /// As parsed: linking infers a province only for documents of none, which are never
    /// candidates of an inference.
    let province: String?
  }

  /// The documents by the keys that citations find them by, in corpus (path) order.
  struct Keys {
    var byNumber: [String: [Candidate]] = [:]
    var unnumbered: [String: [(index: Int, id: String)]] = [:]

    /// `own` of the document at `index` in path order, with its linked or parsed fields (the ones
    /// read here are not changed by linking).
    mutating func add(_ own: LinkFacts.Own, index: Int, document: Document) {
      switch own {
      case .numbered(let key, let scope):
        byNumber[key, default: []].append(
          Candidate(
            index: index, scope: scope, date: document.date, type: document.type, id: document.id,
            province: document.province))
      case .unnumbered(let key):
        unnumbered[key, default: []].append((index, document.id))
      }
    }
  }

  /// Dated external keys by their key without the year, each once, in the order the corpus first
  /// cites them: the choices of a number cited without a year.
  struct ExternalYears {
    var options: [String: [(year: String, key: String)]] = [:]

    /// `only`: the prefixes wanted (nil: all).
    init(_ facts: some Sequence<LinkFacts>, only: Set<String>? = nil) {
      for fact in facts {
        for key in fact.datedExternal {
          let colon = key.lastIndex(of: ":")!
          let prefix = String(key[...colon])
          if let only, !only.contains(prefix) { continue }
          if !(options[prefix]?.contains { $0.key == key } ?? false) {
            options[prefix, default: []].append((String(key[key.index(after: colon)...]), key))
          }
        }
      }
    }
  }

  static func link(_ documents: inout [Document]) -> [LinkFacts] {
    // The keys are worked out on all cores, then filed in path order.
    let owns = onAllCores(&documents) { _, document in ownKey(of: document) }
    var keys = Keys()
    documents.withUnsafeBufferPointer { documents in
      for index in documents.indices {
        if let own = owns[index] { keys.add(own, index: index, document: documents[index]) }
      }
    }
    // Each document is resolved against the keys alone, so the documents are resolved on all
    // cores, each chunk writing only its own.
    let resolved = onAllCores(&documents) { index, document in
      resolve(&document, index: index, own: owns[index], keys)
    }
    let facts = resolved.map(\.facts)
    let years = ExternalYears(facts)
    _ = onAllCores(&documents) { index, document in
      resolveUndated(&document, resolved[index].undated, years)
      finish(&document)
    }
    setCitedBy(&documents)
    return facts
  }

  /// `work` on every document in place, on all cores by chunks, with what it returns in order.
  private static func onAllCores<Value>(
    _ documents: inout [Document], _ work: (Int, inout Document) -> Value
  ) -> [Value] {
    let count = documents.count
    let chunkSize = 128
    let chunkCount = (count + chunkSize - 1) / chunkSize
    let results = ResultSlots<[Value]>(count: chunkCount)
    documents.withUnsafeMutableBufferPointer { buffer in
      let shared = SharedDocuments(buffer: buffer)
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
        var values: [Value] = []
        values.reserveCapacity(range.count)
        for index in range { values.append(work(index, &shared.buffer[index])) }
        results.set(chunk, values)
      }
    }
    return ParallelLoader.joined(results.takeValues())
  }

  /// Documents written from several threads, each element by one only.
  private struct SharedDocuments: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Document>
  }

  /// What citations find a parsed document by: its number (with the scope it is valid in), or
  /// its type, issuer and date.
  static func ownKey(of document: Document) -> LinkFacts.Own? {
    if let number = document.number {
      return .numbered(key: numberKey(number), scope: scopeKey(of: document))
    }
    if let type = document.type, let issuer = document.issuer, let date = document.date {
      return .unnumbered(key: unnumberedKey(type: type, issuer: issuer, date: date))
    }
    return nil
  }

  /// Infers the province of a parsed document, completes and resolves its citations to the
  /// corpus or to external keys; those of a number without a year are left for `resolveUndated`.
  static func resolve(_ document: inout Document, index: Int, own: LinkFacts.Own?, _ keys: Keys) -> (
    facts: LinkFacts, undated: [(position: Int, prefix: String)]
  ) {
    var facts = LinkFacts(own: own)
    var looked: Set<String> = []
    func look(_ key: String) {
      if looked.insert(key).inserted { facts.lookups.append(key) }
    }
    var undated: [(position: Int, prefix: String)] = []
    inferProvinceFromOwnCitations(&document, index, keys.byNumber)
    // The citations are worked on outside the document: writing through it while it is read
    // would copy them once per citation.
    var citations = document.citations
    document.citations = []
    var warnings: [DocumentWarning] = []
    var dated: Set<String> = []
    // The document is only read from here on: it is lent to each call, never copied.
    for position in citations.indices {
      completeIssuer(&citations[position], citing: document)
      let citation = citations[position]
      let parts = KeyParts(citation, citing: document)
      if let numberKey = parts.numberKey {
        look(LinkFacts.numberLookup(numberKey))
      } else if let unnumberedKey = parts.unnumberedKey {
        look(LinkFacts.unnumberedLookup(unnumberedKey))
      }
      if let target = corpusTarget(citation, parts, citing: index, citingDocument: document, keys) {
        citations[position].target = target.id
        citations[position].inCorpus = true
        citations[position].key = canonicalKey(citation, parts)
        if let warning = target.warning { warnings.append(DocumentWarning(.ambiguousTarget, warning)) }
        continue
      }
      let key = canonicalKey(citation, parts)
      citations[position].key = key
      if citation.number != nil, key.hasSuffix(":?") {
        let prefix = String(key.dropLast(1))
        undated.append((position, prefix))
        if !facts.undatedPrefixes.contains(prefix) { facts.undatedPrefixes.append(prefix) }
      } else if citation.number != nil, dated.insert(key).inserted {
        facts.datedExternal.append(key)
      }
    }
    document.citations = citations
    document.warnings += warnings
    return (facts, undated)
  }

  /// A number cited without a year is taken as the external document of that number whose year
  /// is nearest the citing document's.
  static func resolveUndated(
    _ document: inout Document, _ undated: [(position: Int, prefix: String)], _ years: ExternalYears
  ) {
    for (position, prefix) in undated {
      let options = years.options[prefix] ?? []
      guard !options.isEmpty else { continue }
      let citingYear = document.sortDate?.year ?? 0
      let chosen = options.min {
        abs((Int($0.year) ?? 0) - citingYear) < abs((Int($1.year) ?? 0) - citingYear)
      }!
      document.citations[position].key = chosen.key
      if options.count > 1 {
        let number = document.citations[position].number ?? ""
        document.warnings.append(
          DocumentWarning(
            .undatedNumber,
            "\(number) without a date could be any of \(options.count) documents; taken as the one of \(chosen.year), nearest in time"
          ))
      }
    }
  }

  /// External targets named by their keys, and the lower bound of an undated document's date.
  static func finish(_ document: inout Document) {
    for position in document.citations.indices where !document.citations[position].inCorpus {
      document.citations[position].target = "ext:" + document.citations[position].key
    }
    if document.date == nil {
      document.notBefore = document.citations.compactMap(\.date).max()
    }
  }

  /// Every document's `citedBy`: the documents citing it, in path order, once per citation.
  static func setCitedBy(_ documents: inout [Document]) {
    var citedBy: [String: [String]] = [:]
    // By position: `for document in documents` would copy every document.
    documents.withUnsafeBufferPointer { documents in
      for position in documents.indices {
        for citation in documents[position].citations where citation.inCorpus {
          citedBy[citation.target, default: []].append(documents[position].id)
        }
      }
    }
    for index in documents.indices {
      let citing = citedBy[documents[index].id] ?? []
      if documents[index].citedBy != citing { documents[index].citedBy = citing }
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
    unnumberedKey(typeSlug: slug(type), issuer: issuer, date: date)
  }

  static func unnumberedKey(typeSlug: String, issuer: String, date: Day) -> String {
    "\(typeSlug):-:\(slug(issuer)):\(date.iso)"
  }

  /// `Ban Thường vụ Tỉnh ủy` → `ban-thuong-vu-tinh-uy`: folded, runs of what is neither a letter
  /// nor a digit as one `-`, none at either end.
  static func slug(_ text: String) -> String {
    let folded = VietnameseFolding.fold(text)
    let utf8 = folded.utf8
    // Folded text is ASCII but for letters folding does not reach (`ß`, Greek...), whose runs
    // are read by `Character`s.
    guard utf8.allSatisfy({ $0 < 0x80 }) else {
      return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
    var slug: [UInt8] = []
    slug.reserveCapacity(utf8.count)
    var separated = false
    for byte in utf8 {
      guard (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) else {
        separated = true
        continue
      }
      if separated && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
      separated = false
      slug.append(byte)
    }
    return String(decoding: slug, as: UTF8.self)
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

  /// What a citation's keys are made of, each worked out once.
  struct KeyParts {
    let typeSlug: String
    /// For a citation by number: its key, the scope it is valid in and its year.
    let numberKey: String?
    let scope: String?
    let year: Int?
    /// For one without a number, with an issuer and a date: the key documents are found by.
    let unnumberedKey: String?

    init(_ citation: Citation, citing: Document) {
      let typeSlug = CitationLinker.slug(citation.type)
      self.typeSlug = typeSlug
      if let number = citation.number {
        numberKey = CitationLinker.numberKey(number)
        scope = CitationLinker.scopeKey(of: citation, citing: citing)
        year = citation.date?.year ?? DocumentTypes.parts(ofNumber: number).year
        unnumberedKey = nil
      } else {
        numberKey = nil
        scope = nil
        year = nil
        if let issuer = citation.issuer, let date = citation.date {
          unnumberedKey = CitationLinker.unnumberedKey(typeSlug: typeSlug, issuer: issuer, date: date)
        } else {
          unnumberedKey = nil
        }
      }
    }
  }

  /// `ket-luan:7-kl-tw:vn:2021`; unnumbered: `dien:-:thuong-truc-ban-bi-thu-...:2021-07-21`.
  static func canonicalKey(_ citation: Citation, citing: Document) -> String {
    canonicalKey(citation, KeyParts(citation, citing: citing))
  }

  static func canonicalKey(_ citation: Citation, _ parts: KeyParts) -> String {
    guard let numberKey = parts.numberKey, let scope = parts.scope else {
      let name = citation.title ?? citation.issuer ?? "?"
      return "\(parts.typeSlug):-:\(slug(name)):\(citation.date?.iso ?? "?")"
    }
    return "\(parts.typeSlug):\(numberKey):\(scope):\(parts.year.map(String.init) ?? "?")"
  }

  // MARK: - Resolution

  static func corpusTarget(_ citation: Citation, citing: Int, citingDocument: Document, _ keys: Keys) -> (
    id: String, warning: String?
  )? {
    corpusTarget(
      citation, KeyParts(citation, citing: citingDocument), citing: citing, citingDocument: citingDocument,
      keys)
  }

  static func corpusTarget(
    _ citation: Citation, _ parts: KeyParts, citing: Int, citingDocument: Document, _ keys: Keys
  ) -> (id: String, warning: String?)? {
    guard let number = citation.number, let numberKey = parts.numberKey, let scope = parts.scope else {
      guard let unnumberedKey = parts.unnumberedKey else { return nil }
      let matches = keys.unnumbered[unnumberedKey] ?? []
      return matches.first { $0.index != citing }.map { ($0.id, nil) }
    }
    let year = parts.year
    let candidates = (keys.byNumber[numberKey] ?? []).filter { candidate in
      candidate.index != citing && candidate.scope == scope
        && (citation.date == nil || candidate.date == nil || candidate.date == citation.date)
        && (year == nil || candidate.date == nil || candidate.date?.year == year)
    }
    return nearest(candidates, to: citingDocument.sortDate, number: number)
  }

  static func nearest(_ candidates: [Candidate], to day: Day?, number: String) -> (
    id: String, warning: String?
  )? {
    guard let first = candidates.first else { return nil }
    guard candidates.count > 1 else { return (first.id, nil) }
    let reference = day?.ordinal ?? 0
    let chosen = candidates.min { a, b in
      abs((a.date?.ordinal ?? Int.max / 2) - reference) < abs((b.date?.ordinal ?? Int.max / 2) - reference)
    }!
    return (
      chosen.id,
      "\(number) matches \(candidates.count) documents of the corpus; taken as the one nearest in date"
    )
  }

  /// A letter citing `Công văn số 215-CV/TU ... của Ban Thường vụ Tỉnh ủy` — its own committee's —
  /// belongs to the province of that letter when the corpus holds it.
  static func inferProvinceFromOwnCitations(
    _ document: inout Document, _ index: Int, _ byNumber: [String: [Candidate]]
  ) {
    guard document.province == nil, document.level != .central else { return }
    for citation in document.citations where citation.scope == .ownProvince {
      guard let number = citation.number else { continue }
      let candidates = (byNumber[numberKey(number)] ?? []).filter { candidate in
        candidate.index != index && candidate.scope != "vn" && candidate.scope != "?"
          && (citation.date == nil || candidate.date == citation.date)
      }
      let provinces = Set(candidates.compactMap(\.province))
      guard let province = provinces.first else { continue }
      if provinces.count > 1 {
        document.warnings.append(
          DocumentWarning(
            .numberOfSeveralProvinces,
            "\(number) is a letter of several provinces in the corpus (\(provinces.sorted().joined(separator: ", "))): province left open"
          ))
        continue
      }
      document.province = province
      document.province2025 = Places.province2025(of: province)
      document.provinceInferred = true
      document.provinceEvidence.append(Evidence(kind: .citation, text: number))
      if document.level == .unknown { document.level = .province }
      if let issuer = document.issuer, issuer.hasSuffix("Tỉnh ủy") || issuer.hasSuffix("Thành ủy") {
        document.issuer = issuer + " " + province
        document.issuerEvidence.append(Evidence(kind: .citation, text: number))
      }
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
