/// A calendar day, without time or zone: what a directive's date line says.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1900...2100).contains(year), (1...12).contains(month), day >= 1,
      day <= Day.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD`.
  public init?(iso: String) {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    self.init(year: parts[0], month: parts[1], day: parts[2])
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (proleptic Gregorian), for lags between documents.
  public var ordinal: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  /// Whole days from `other` to `self`.
  public func days(since other: Day) -> Int { ordinal - other.ordinal }

  public var iso: String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// `11/06/2021`, as Vietnamese readers write dates.
  public var vietnamese: String {
    let d = day < 10 ? "0\(day)" : "\(day)"
    let m = month < 10 ? "0\(month)" : "\(month)"
    return "\(d)/\(m)/\(year)"
  }

  public var description: String { iso }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

/// A month of a year: what a date line says when it gives no day (`tháng 02 năm 2021`).
public struct Month: Hashable, Sendable {
  public let year: Int
  public let month: Int
  public init?(year: Int, month: Int) {
    guard (1900...2100).contains(year), (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }
  /// `2021-02`.
  public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
  public var firstDay: Day { Day(year: year, month: month, day: 1)! }
}

/// A half-open range of Unicode scalar offsets into a document's NFC text.
public struct Span: Hashable, Sendable {
  public var start: Int
  public var end: Int
  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }
}

/// What an inferred value rests on: the kind of clue and the exact words found.
public struct Evidence: Hashable, Sendable {
  /// The kind of clue; its raw value is what JSON prints.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    case header
    case placeDate = "place_date"
    case placeName = "place_name"
    case signer
    case official
    case signerTitle = "signer_title"
    case citation
    case subjectLine = "subject_line"
    case selfReference = "self_reference"
    case issuingSentence = "issuing_sentence"
    case meetingDate = "meeting_date"
    case latestCitation = "latest_citation"
    case headerOrgan = "header_organ"
    case enactingLine = "enacting_line"
    case numberCode = "number_code"
    case signature
    case mention
    case bodyVoice = "body_voice"
    case headline
  }

  public var kind: Kind
  public var text: String
  public init(kind: Kind, text: String) {
    self.kind = kind
    self.text = text
  }

  /// The kind in words a person reads: `from the place–date line`.
  public var source: String {
    switch kind {
    case .header: return "from the header"
    case .placeDate: return "from the place–date line"
    case .placeName: return "from a place named in the text"
    case .signer: return "from the signer, a known official"
    case .official: return "from a known official named in the text"
    case .signerTitle: return "from the signer's title"
    case .citation: return "from a letter of its own committee that it cites"
    case .subjectLine: return "from the V/v subject line, which letters carry"
    case .selfReference: return "from how the text calls itself"
    case .issuingSentence: return "from the sentence that issues it"
    case .meetingDate: return "from the date of the meeting it reports"
    case .latestCitation: return "the latest date it cites"
    case .headerOrgan: return "from the organ named under the header's committee"
    case .enactingLine: return "from the line that enacts it"
    case .numberCode: return "from the code in its number"
    case .signature: return "from the signature block"
    case .mention: return "from the committee its text names"
    case .bodyVoice: return "from the committee speaking in its text"
    case .headline: return "from the headline of a news copy"
    }
  }
}

public struct Signer: Hashable, Sendable {
  /// As written; nil when the text ends before the name.
  public var name: String?
  /// `T/M BAN THƯỜNG VỤ`, `T/L BAN THƯỜNG VỤ`, `K/T ...`.
  public var capacity: String?
  /// `BÍ THƯ`, `PHÓ BÍ THƯ THƯỜNG TRỰC`, `CHÁNH VĂN PHÒNG`.
  public var title: String?
  public init(name: String?, capacity: String?, title: String?) {
    self.name = name
    self.capacity = capacity
    self.title = title
  }
}

public enum Level: String, Sendable, CaseIterable {
  case central, province, district, unknown
}

/// A top-level numbered point (`1.`, `2.` ...) of a document's body.
public struct NumberedPoint: Hashable, Sendable {
  public var number: Int
  public var span: Span
  public init(number: Int, span: Span) {
    self.number = number
    self.span = span
  }
}

/// One distinct document that a document cites, with every mention of it.
public struct Citation: Hashable, Sendable {
  /// Full Vietnamese type name: `Kết luận`, `Điện`, `Lời kêu gọi`.
  public var type: String
  /// Normalised number (`07-KL/TW`); nil for unnumbered references.
  public var number: String?
  public var date: Day?
  /// Issuer completed from context (`UBND tỉnh Ninh Bình` for `của UBND tỉnh`).
  public var issuer: String?
  /// Words after `về` in the fullest mention, when the text gives them; a law's name
  /// (`Đất đai` for `Luật Đất đai`).
  public var subject: String?
  /// The name a document is cited by when it has no number: `Luật Đất đai`, `Điều lệ Đảng`,
  /// `Nghị quyết Đại hội XIII của Đảng`, `Báo cáo chính trị`.
  public var title: String?
  /// What the citing document does with it, read from the words that govern the citation.
  public var relation: Relation = .refers
  /// The cue that set `relation`; nil for `refers` and `unknown`.
  public var relationEvidence: RelationEvidence?
  /// Character spans of every mention, first mention first.
  public var spans: [Span]
  /// Canonical key: type + number + issuer scope + year; the node id of an external document.
  public var key: String
  /// Id of the node it resolves to: a corpus document's id, or the external key.
  public var target: String
  public var inCorpus: Bool
  /// Where the number is valid; `ownProvince` until linking names the province.
  public var scope: CitationScope = .national
  public var mentions: Int { spans.count }

  public init(
    type: String, number: String?, date: Day?, issuer: String?, subject: String? = nil,
    spans: [Span], key: String, target: String? = nil, inCorpus: Bool = false
  ) {
    self.type = type
    self.number = number
    self.date = date
    self.issuer = issuer
    self.subject = subject
    self.spans = spans
    self.key = key
    self.target = target ?? key
    self.inCorpus = inCorpus
  }
}

/// One file of the corpus, parsed. Every readable text file becomes one, however broken.
public struct Document: Sendable, CustomReflectable {
  public var id: String
  /// The path as given on the command line (relative stays relative).
  public var file: String
  /// The whole text, decoded and NFC-normalised, with line endings as `\n`. A document of a
  /// snapshot keeps only where its text lies and decodes it on each read: read it once per use.
  public var text: String {
    get { textStorage.string }
    set { textStorage = .owned(newValue) }
  }
  var textStorage: DocumentText

  /// Whether the text this document was read with is `other`'s: never when it was left in its
  /// file and that file has changed since, for the text it was read with is gone.
  public func hasTextOf(_ other: Document) -> Bool {
    guard case .file(let source) = textStorage else { return text == other.text }
    return source.unchangedText().map { $0 == other.text } ?? false
  }
  /// The encoding the bytes were read in: `UTF-8`, `Windows-1258`, ...
  public var encoding: String

  public var level: Level = .unknown
  public var issuer: String?
  /// What the issuer rests on: the header's issuing line, the number's code, the signature, …;
  /// empty when `issuer` is nil.
  public var issuerEvidence: [Evidence] {
    get { storedDetails?.details.issuerEvidence ?? ownDetails.issuerEvidence }
    _modify {
      takeDetails()
      yield &ownDetails.issuerEvidence
    }
  }
  /// Whether the issuer was put together rather than read whole from the header: some of its
  /// evidence lies outside the header's issuing lines.
  public var issuerInferred: Bool {
    issuerEvidence.contains { ![.header, .headerOrgan, .enactingLine].contains($0.kind) }
  }
  public var province: String?
  public var province2025: String?
  public var provinceInferred = false
  public var provinceEvidence: [Evidence] {
    get { storedDetails?.details.provinceEvidence ?? ownDetails.provinceEvidence }
    _modify {
      takeDetails()
      yield &ownDetails.provinceEvidence
    }
  }
  public var type: String?
  public var typeInferred = false
  /// What an inferred type rests on (`subject_line`: a `V/v` subject is a letter's).
  public var typeEvidence: Evidence? {
    get { storedDetails.map { $0.details.typeEvidence } ?? ownDetails.typeEvidence }
    _modify {
      takeDetails()
      yield &ownDetails.typeEvidence
    }
  }
  public var number: String?
  public var date: Day?
  public var dateInferred = false
  /// What an inferred date rests on (`meeting_date`).
  public var dateEvidence: Evidence? {
    get { storedDetails.map { $0.details.dateEvidence } ?? ownDetails.dateEvidence }
    _modify {
      takeDetails()
      yield &ownDetails.dateEvidence
    }
  }
  /// The month the header gives when it gives no day (`Hà Nội, tháng 02 năm 2021`); `date` is nil.
  public var month: Month?
  /// The earliest date the document can bear when `date` is nil: the latest date it cites.
  public var notBefore: Day?
  public var subject: String?
  public var recipients: [String] {
    get { storedDetails?.details.recipients ?? ownDetails.recipients }
    _modify {
      takeDetails()
      yield &ownDetails.recipients
    }
  }
  public var points: [NumberedPoint] {
    get { storedDetails?.details.points ?? ownDetails.points }
    _modify {
      takeDetails()
      yield &ownDetails.points
    }
  }
  public var signer: Signer? {
    get { storedDetails.map { $0.details.signer } ?? ownDetails.signer }
    _modify {
      takeDetails()
      yield &ownDetails.signer
    }
  }
  /// The `Nơi nhận` list.
  public var distribution: [String] {
    get { storedDetails?.details.distribution ?? ownDetails.distribution }
    _modify {
      takeDetails()
      yield &ownDetails.distribution
    }
  }
  public var citations: [Citation] {
    get { storedDetails?.details.citations ?? ownDetails.citations }
    _modify {
      takeDetails()
      yield &ownDetails.citations
    }
  }
  /// Ids of corpus documents that cite this one.
  public var citedBy: [String] {
    get { storedDetails?.details.citedBy ?? ownDetails.citedBy }
    _modify {
      takeDetails()
      yield &ownDetails.citedBy
    }
  }
  public var warnings: [DocumentWarning] {
    get { storedDetails?.details.warnings ?? ownDetails.warnings }
    _modify {
      takeDetails()
      yield &ownDetails.warnings
    }
  }

  /// The fields a list does not show, when the document holds them itself.
  var ownDetails = DocumentDetails()
  /// The same fields of a document of a snapshot: decoded from it when first read.
  var storedDetails: StoredDetails?

  public var items: Int { points.count }
  /// `date`, else `notBefore`: where the document sits on the time line.
  public var sortDate: Day? { date ?? month?.firstDay ?? notBefore }
  /// How many warnings it carries, without decoding them from a snapshot.
  public var warningCount: Int { storedDetails?.warningCount ?? ownDetails.warnings.count }

  public init(id: String, file: String, text: String, encoding: String = "UTF-8") {
    self.id = id
    self.file = file
    self.textStorage = .owned(text)
    self.encoding = encoding
  }

  /// Details decoded from a snapshot become the document's own before one of them changes.
  private mutating func takeDetails() {
    guard let stored = storedDetails else { return }
    ownDetails = stored.details
    storedDetails = nil
  }

  /// Every field by name, however the document holds it: a document dumps the same from a
  /// snapshot as freshly parsed.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        ("id", id), ("file", file), ("text", text), ("encoding", encoding), ("level", level),
        ("issuer", issuer as Any), ("issuerEvidence", issuerEvidence), ("province", province as Any),
        ("province2025", province2025 as Any),
        ("provinceInferred", provinceInferred), ("provinceEvidence", provinceEvidence),
        ("type", type as Any), ("typeInferred", typeInferred), ("typeEvidence", typeEvidence as Any),
        ("number", number as Any), ("date", date as Any), ("dateInferred", dateInferred),
        ("dateEvidence", dateEvidence as Any), ("month", month as Any), ("notBefore", notBefore as Any),
        ("subject", subject as Any), ("recipients", recipients), ("points", points),
        ("signer", signer as Any), ("distribution", distribution), ("citations", citations),
        ("citedBy", citedBy), ("warnings", warnings),
      ], displayStyle: .struct)
  }
}

/// What a document holds beyond what a list of documents shows: what its inferences rest on, its
/// addressees, points, signer, citations and warnings.
struct DocumentDetails: Sendable {
  var issuerEvidence: [Evidence] = []
  var provinceEvidence: [Evidence] = []
  var typeEvidence: Evidence?
  var dateEvidence: Evidence?
  var recipients: [String] = []
  var points: [NumberedPoint] = []
  var signer: Signer?
  var distribution: [String] = []
  var citations: [Citation] = []
  var citedBy: [String] = []
  var warnings: [DocumentWarning] = []
}

/// A document's text: a string of its own (freshly parsed), bytes of a mapped snapshot, whose
/// mapping lives as long as a document refers to it, or its own file's bytes, read when asked for.
enum DocumentText: Sendable, CustomDebugStringConvertible, CustomReflectable {
  case owned(String)
  /// A string of its own that is byte for byte its file's content: a snapshot need not keep it.
  case verbatim(String)
  case mapped(MappedFile, offset: Int, length: Int)
  case file(SourceText)

  var string: String {
    switch self {
    case .owned(let text), .verbatim(let text): return text
    case .mapped(let file, let offset, let length):
      return ByteReader.string(file.bytes, offset..<offset + length)
    case .file(let source): return source.text
    }
  }

  /// The text, however held: a document dumps the same from a snapshot as freshly parsed.
  var debugDescription: String { string.debugDescription }
  var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// A problem met while gathering files, for a path that did not become a document.
public struct LoadWarning: Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "\(path): \(reason)" }
}
