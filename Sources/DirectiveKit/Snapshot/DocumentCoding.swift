import Foundation

/// A parsed document in the snapshot's layout: every field but the text, in declaration order,
/// those a list shows first, then how many warnings it has, then the rest (its details) behind
/// their length, so that a list decodes only the first and skips the rest. The snapshot keeps
/// texts apart, each file's once, so that reading the fields never touches them.
enum DocumentCoding {
  static func write(_ document: Document, to writer: inout ByteWriter) {
    writer.string(document.id)
    writer.string(document.file)
    writer.string(document.encoding)
    writer.string(document.level.rawValue)
    writer.optional(document.issuer) { $0.string($1) }
    writer.optional(document.province) { $0.string($1) }
    writer.optional(document.province2025) { $0.string($1) }
    writer.bool(document.provinceInferred)
    writer.optional(document.type) { $0.string($1) }
    writer.bool(document.typeInferred)
    writer.optional(document.number) { $0.string($1) }
    writer.optional(document.date, writeDay)
    writer.bool(document.dateInferred)
    writer.optional(document.month) { writer, month in
      writer.integer(month.year)
      writer.integer(month.month)
    }
    writer.optional(document.notBefore, writeDay)
    writer.optional(document.subject) { $0.string($1) }
    writer.integer(document.warningCount)
    if let stored = document.storedDetails {
      // Details still as a snapshot holds them are copied as bytes, neither decoded nor encoded:
      // rewriting a snapshot after one file changed copies every other document's.
      writer.integer(stored.range.count)
      writer.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: stored.mapping.bytes[stored.range]))
      return
    }
    var details = ByteWriter()
    writeDetails(document, to: &details)
    writer.integer(details.bytes.count)
    writer.bytes.append(contentsOf: details.bytes)
  }

  private static func writeDetails(_ document: Document, to writer: inout ByteWriter) {
    writer.array(document.provinceEvidence, writeEvidence)
    writer.optional(document.typeEvidence, writeEvidence)
    writer.optional(document.dateEvidence, writeEvidence)
    writer.array(document.recipients) { $0.string($1) }
    writer.array(document.points) { writer, point in
      writer.integer(point.number)
      writeSpan(&writer, point.span)
    }
    writer.optional(document.signer) { writer, signer in
      writer.optional(signer.name) { $0.string($1) }
      writer.optional(signer.capacity) { $0.string($1) }
      writer.optional(signer.title) { $0.string($1) }
    }
    writer.array(document.distribution) { $0.string($1) }
    writer.array(document.citations, writeCitation)
    writer.array(document.citedBy) { $0.string($1) }
    writer.array(document.warnings) { writer, warning in
      writer.string(warning.code.rawValue)
      writer.string(warning.message)
    }
  }

  /// Every field, the details included.
  static func read(from reader: inout ByteReader) throws -> Document {
    let summary = try readSummary(from: &reader)
    var document = summary.document
    var details = ByteReader(reader.base, from: summary.details.lowerBound, to: summary.details.upperBound)
    document.ownDetails = try readDetails(from: &details)
    guard details.isAtEnd, document.ownDetails.warnings.count == summary.warningCount else {
      throw SnapshotDamage(reason: "a document's details are not as long as stored")
    }
    return document
  }

  /// The fields a list shows, with the details checked but left in `mapping`, decoded when first
  /// read: a value no document can hold is refused here, whether in the fields or the details.
  static func readListed(from reader: inout ByteReader, mapping: MappedFile) throws -> Document {
    let checked = try readChecked(from: &reader)
    var document = checked.document
    document.storedDetails = StoredDetails(
      mapping: mapping, range: checked.details, warningCount: checked.warningCount)
    return document
  }

  /// The fields a list shows, with where the details lie once they are found well formed.
  static func readChecked(from reader: inout ByteReader) throws -> (
    document: Document, details: Range<Int>, warningCount: Int
  ) {
    let summary = try readSummary(from: &reader)
    var details = ByteReader(reader.base, from: summary.details.lowerBound, to: summary.details.upperBound)
    guard try DetailsCheck.warningCount(&details) == summary.warningCount, details.isAtEnd else {
      throw SnapshotDamage(reason: "a document's details are not as long as stored")
    }
    return summary
  }

  private static func readSummary(from reader: inout ByteReader) throws -> (
    document: Document, details: Range<Int>, warningCount: Int
  ) {
    let id = try reader.string()
    let file = try reader.string()
    var document = Document(id: id, file: file, text: "", encoding: try reader.string())
    document.level = try reader.raw(Level.self)
    document.issuer = try reader.optional { try $0.string() }
    document.province = try reader.optional { try $0.string() }
    document.province2025 = try reader.optional { try $0.string() }
    document.provinceInferred = try reader.bool()
    document.type = try reader.optional { try $0.string() }
    document.typeInferred = try reader.bool()
    document.number = try reader.optional { try $0.string() }
    document.date = try reader.optional(readDay)
    document.dateInferred = try reader.bool()
    document.month = try reader.optional { reader in
      guard let month = Month(year: try reader.integer(), month: try reader.integer()) else {
        throw SnapshotDamage(reason: "a month is out of range")
      }
      return month
    }
    document.notBefore = try reader.optional(readDay)
    document.subject = try reader.optional { try $0.string() }
    let warningCount = try reader.count()
    let length = try reader.count()
    defer { reader.position += length }
    return (document, reader.position..<reader.position + length, warningCount)
  }

  static func readDetails(from reader: inout ByteReader) throws -> DocumentDetails {
    var details = DocumentDetails()
    details.provinceEvidence = try reader.array(readEvidence)
    details.typeEvidence = try reader.optional(readEvidence)
    details.dateEvidence = try reader.optional(readEvidence)
    details.recipients = try reader.array { try $0.string() }
    details.points = try reader.array { reader in
      NumberedPoint(number: try reader.integer(), span: try readSpan(&reader))
    }
    details.signer = try reader.optional { reader in
      Signer(
        name: try reader.optional { try $0.string() }, capacity: try reader.optional { try $0.string() },
        title: try reader.optional { try $0.string() })
    }
    details.distribution = try reader.array { try $0.string() }
    details.citations = try reader.array(readCitation)
    details.citedBy = try reader.array { try $0.string() }
    details.warnings = try reader.array { reader in
      DocumentWarning(try reader.raw(DocumentWarning.Code.self), try reader.string())
    }
    return details
  }

  private static func writeCitation(_ writer: inout ByteWriter, _ citation: Citation) {
    writer.string(citation.type)
    writer.optional(citation.number) { $0.string($1) }
    writer.optional(citation.date, writeDay)
    writer.optional(citation.issuer) { $0.string($1) }
    writer.optional(citation.subject) { $0.string($1) }
    writer.optional(citation.title) { $0.string($1) }
    writer.string(citation.relation.rawValue)
    writer.optional(citation.relationEvidence) { writer, evidence in
      writer.string(evidence.cue)
      writeSpan(&writer, evidence.span)
    }
    writer.array(citation.spans, writeSpan)
    writer.string(citation.key)
    writer.string(citation.target)
    writer.bool(citation.inCorpus)
    switch citation.scope {
    case .national: writer.integer(0)
    case .ownProvince: writer.integer(1)
    case .province(let name):
      writer.integer(2)
      writer.string(name)
    }
  }

  private static func readCitation(_ reader: inout ByteReader) throws -> Citation {
    let type = try reader.string()
    let number = try reader.optional { try $0.string() }
    let date = try reader.optional(readDay)
    let issuer = try reader.optional { try $0.string() }
    let subject = try reader.optional { try $0.string() }
    let title = try reader.optional { try $0.string() }
    let relation = try reader.raw(Relation.self)
    let relationEvidence = try reader.optional { reader in
      RelationEvidence(cue: try reader.string(), span: try readSpan(&reader))
    }
    let spans = try reader.array(readSpan)
    var citation = Citation(
      type: type, number: number, date: date, issuer: issuer, subject: subject, spans: spans,
      key: try reader.string(), target: try reader.string(), inCorpus: try reader.bool())
    citation.title = title
    citation.relation = relation
    citation.relationEvidence = relationEvidence
    switch try reader.integer() {
    case 0: citation.scope = .national
    case 1: citation.scope = .ownProvince
    case 2: citation.scope = .province(try reader.string())
    default: throw SnapshotDamage(reason: "a citation scope is malformed")
    }
    return citation
  }

  private static func writeEvidence(_ writer: inout ByteWriter, _ evidence: Evidence) {
    writer.string(evidence.kind.rawValue)
    writer.string(evidence.text)
  }

  private static func readEvidence(_ reader: inout ByteReader) throws -> Evidence {
    Evidence(kind: try reader.raw(Evidence.Kind.self), text: try reader.string())
  }

  private static func writeDay(_ writer: inout ByteWriter, _ day: Day) {
    writer.integer(day.year)
    writer.integer(day.month)
    writer.integer(day.day)
  }

  private static func readDay(_ reader: inout ByteReader) throws -> Day {
    guard let day = Day(year: try reader.integer(), month: try reader.integer(), day: try reader.integer())
    else {
      throw SnapshotDamage(reason: "a date is out of range")
    }
    return day
  }

  private static func writeSpan(_ writer: inout ByteWriter, _ span: Span) {
    writer.integer(span.start)
    writer.integer(span.end)
  }

  private static func readSpan(_ reader: inout ByteReader) throws -> Span {
    Span(try reader.integer(), try reader.integer())
  }
}

/// A document's details left in a mapped snapshot, decoded once, when first read, whichever
/// thread reads first; the copies of a document share them.
final class StoredDetails: @unchecked Sendable {
  let mapping: MappedFile
  /// Where the encoded details lie in `mapping`: a document never changed since is written
  /// again by copying them.
  let range: Range<Int>
  let warningCount: Int
  private var decoded: DocumentDetails?

  init(mapping: MappedFile, range: Range<Int>, warningCount: Int) {
    self.mapping = mapping
    self.range = range
    self.warningCount = warningCount
  }

  var details: DocumentDetails {
    let lock = Self.locks[Int((UInt(bitPattern: ObjectIdentifier(self)) >> 4) & 63)]
    return lock.withLock {
      if let decoded { return decoded }
      var reader = ByteReader(mapping.bytes, from: range.lowerBound, to: range.upperBound)
      // The details were checked when the snapshot was opened (`DetailsCheck`).
      let details = (try? DocumentCoding.readDetails(from: &reader)) ?? DocumentDetails()
      decoded = details
      return details
    }
  }

  /// A lock per object would double the objects of a corpus; a few shared ones rarely contend.
  private static let locks = (0..<64).map { _ in NSLock() }
}

/// Walks a document's stored details as `DocumentCoding.readDetails` reads them, refusing what it
/// refuses, without building any value: a warm start checks every document's details this way
/// and decodes them only when they are read.
enum DetailsCheck {
  /// How many warnings the details hold, once they are found well formed.
  static func warningCount(_ reader: inout ByteReader) throws -> Int {
    try array(&reader, evidence)
    try optional(&reader, evidence)
    try optional(&reader, evidence)
    try array(&reader, string)
    try array(&reader) { reader in
      _ = try reader.integer()
      try span(&reader)
    }
    try optional(&reader) { reader in
      try optional(&reader, string)
      try optional(&reader, string)
      try optional(&reader, string)
    }
    try array(&reader, string)
    try array(&reader, citation)
    try array(&reader, string)
    return try array(&reader) { reader in
      try raw(&reader, warningCodes)
      try string(&reader)
    }
  }

  private static func citation(_ reader: inout ByteReader) throws {
    try string(&reader)
    try optional(&reader, string)
    try optional(&reader, day)
    try optional(&reader, string)
    try optional(&reader, string)
    try optional(&reader, string)
    try raw(&reader, relations)
    try optional(&reader) { reader in
      try string(&reader)
      try span(&reader)
    }
    try array(&reader, span)
    try string(&reader)
    try string(&reader)
    _ = try reader.bool()
    switch try reader.integer() {
    case 0, 1: break
    case 2: try string(&reader)
    default: throw SnapshotDamage(reason: "a citation scope is malformed")
    }
  }

  private static func evidence(_ reader: inout ByteReader) throws {
    try raw(&reader, evidenceKinds)
    try string(&reader)
  }

  private static func day(_ reader: inout ByteReader) throws {
    guard Day(year: try reader.integer(), month: try reader.integer(), day: try reader.integer()) != nil
    else {
      throw SnapshotDamage(reason: "a date is out of range")
    }
  }

  private static func span(_ reader: inout ByteReader) throws {
    _ = try reader.integer()
    _ = try reader.integer()
  }

  private static func string(_ reader: inout ByteReader) throws {
    reader.position += try reader.count()
  }

  private static let evidenceKinds = RawValues(Evidence.Kind.self)
  private static let relations = RawValues(Relation.self)
  private static let warningCodes = RawValues(DocumentWarning.Code.self)

  /// The raw values of an enumeration's cases, as bytes.
  struct RawValues {
    let values: [[UInt8]]
    init<Value: RawRepresentable & CaseIterable>(_: Value.Type) where Value.RawValue == String {
      values = Value.allCases.map { Array($0.rawValue.utf8) }
    }
  }

  /// A raw value compared byte by byte with each case's, so that no string is made.
  private static func raw(_ reader: inout ByteReader, _ known: RawValues) throws {
    let length = try reader.count()
    let bytes = UnsafeRawBufferPointer(rebasing: reader.base[reader.position..<reader.position + length])
    reader.position += length
    let found = known.values.contains { value in
      value.count == length
        && value.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, length) == 0 }
    }
    guard found else {
      throw SnapshotDamage(reason: "an unknown value “\(String(decoding: bytes, as: UTF8.self))”")
    }
  }

  private static func optional(_ reader: inout ByteReader, _ check: (inout ByteReader) throws -> Void) throws
  {
    if try reader.bool() { try check(&reader) }
  }

  @discardableResult
  private static func array(_ reader: inout ByteReader, _ check: (inout ByteReader) throws -> Void) throws
    -> Int
  {
    let count = try reader.count()
    for _ in 0..<count { try check(&reader) }
    return count
  }
}
