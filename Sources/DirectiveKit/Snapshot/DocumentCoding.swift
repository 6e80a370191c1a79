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
    writer.array(document.issuerEvidence, writeEvidence)
    writer.array(document.provinceEvidence, writeEvidence)
    writer.optional(document.typeEvidence, writeEvidence)
    writer.optional(document.dateEvidence, writeEvidence)
    writer.array(document.recipients) { $0.string($1) }
    writer.array(document.points, writePoint)
    writer.optional(document.signer, writeSigner)
    writer.array(document.distribution) { $0.string($1) }
    writer.array(document.citations, writeCitation)
    writer.array(document.citedBy) { $0.string($1) }
    writer.array(document.warnings, writeWarning)
  }

  static func writePoint(_ writer: inout ByteWriter, _ point: NumberedPoint) {
    writer.integer(point.number)
    writeSpan(&writer, point.span)
  }

  static func readPoint(_ reader: inout ByteReader) throws -> NumberedPoint {
    NumberedPoint(number: try reader.integer(), span: try readSpan(&reader))
  }

  static func writeSigner(_ writer: inout ByteWriter, _ signer: Signer) {
    writer.optional(signer.name) { $0.string($1) }
    writer.optional(signer.capacity) { $0.string($1) }
    writer.optional(signer.title) { $0.string($1) }
  }

  static func readSigner(_ reader: inout ByteReader) throws -> Signer {
    Signer(
      name: try reader.optional { try $0.string() }, capacity: try reader.optional { try $0.string() },
      title: try reader.optional { try $0.string() })
  }

  static func writeWarning(_ writer: inout ByteWriter, _ warning: DocumentWarning) {
    writer.string(warning.code.rawValue)
    writer.string(warning.message)
  }

  static func readWarning(_ reader: inout ByteReader) throws -> DocumentWarning {
    DocumentWarning(try reader.raw(DocumentWarning.Code.self), try reader.string())
  }

  static func readMonth(_ reader: inout ByteReader) throws -> Month {
    guard let month = Month(year: try reader.integer(), month: try reader.integer()) else {
      throw SnapshotDamage(reason: "a month is out of range")
    }
    return month
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
    document.month = try reader.optional(readMonth)
    document.notBefore = try reader.optional(readDay)
    document.subject = try reader.optional { try $0.string() }
    let warningCount = try reader.count()
    let length = try reader.count()
    defer { reader.position += length }
    return (document, reader.position..<reader.position + length, warningCount)
  }

  static func readDetails(from reader: inout ByteReader) throws -> DocumentDetails {
    var details = DocumentDetails()
    details.issuerEvidence = try reader.array(readEvidence)
    details.provinceEvidence = try reader.array(readEvidence)
    details.typeEvidence = try reader.optional(readEvidence)
    details.dateEvidence = try reader.optional(readEvidence)
    details.recipients = try reader.array { try $0.string() }
    details.points = try reader.array(readPoint)
    details.signer = try reader.optional(readSigner)
    details.distribution = try reader.array { try $0.string() }
    details.citations = try reader.array(readCitation)
    details.citedBy = try reader.array { try $0.string() }
    details.warnings = try reader.array(readWarning)
    return details
  }

  static func writeCitation(_ writer: inout ByteWriter, _ citation: Citation) {
    writer.string(citation.type)
    writer.optional(citation.number) { $0.string($1) }
    writer.optional(citation.date, writeDay)
    writer.optional(citation.issuer) { $0.string($1) }
    writer.optional(citation.subject) { $0.string($1) }
    writer.optional(citation.title) { $0.string($1) }
    writer.string(citation.relation.rawValue)
    writer.optional(citation.relationEvidence, writeRelationEvidence)
    writer.array(citation.spans, writeSpan)
    writer.string(citation.key)
    writer.string(citation.target)
    writer.bool(citation.inCorpus)
    writeScope(&writer, citation.scope)
  }

  static func writeRelationEvidence(_ writer: inout ByteWriter, _ evidence: RelationEvidence) {
    writer.string(evidence.cue)
    writeSpan(&writer, evidence.span)
  }

  static func readRelationEvidence(_ reader: inout ByteReader) throws -> RelationEvidence {
    RelationEvidence(cue: try reader.string(), span: try readSpan(&reader))
  }

  static func writeScope(_ writer: inout ByteWriter, _ scope: CitationScope) {
    switch scope {
    case .national: writer.integer(0)
    case .ownProvince: writer.integer(1)
    case .province(let name):
      writer.integer(2)
      writer.string(name)
    }
  }

  static func readScope(_ reader: inout ByteReader) throws -> CitationScope {
    switch try reader.integer() {
    case 0: return .national
    case 1: return .ownProvince
    case 2: return .province(try reader.string())
    default: throw SnapshotDamage(reason: "a citation scope is malformed")
    }
  }

  static func readCitation(_ reader: inout ByteReader) throws -> Citation {
    let type = try reader.string()
    let number = try reader.optional { try $0.string() }
    let date = try reader.optional(readDay)
    let issuer = try reader.optional { try $0.string() }
    let subject = try reader.optional { try $0.string() }
    let title = try reader.optional { try $0.string() }
    let relation = try reader.raw(Relation.self)
    let relationEvidence = try reader.optional(readRelationEvidence)
    let spans = try reader.array(readSpan)
    var citation = Citation(
      type: type, number: number, date: date, issuer: issuer, subject: subject, spans: spans,
      key: try reader.string(), target: try reader.string(), inCorpus: try reader.bool())
    citation.title = title
    citation.relation = relation
    citation.relationEvidence = relationEvidence
    citation.scope = try readScope(&reader)
    return citation
  }

  static func writeEvidence(_ writer: inout ByteWriter, _ evidence: Evidence) {
    writer.string(evidence.kind.rawValue)
    writer.string(evidence.text)
  }

  static func readEvidence(_ reader: inout ByteReader) throws -> Evidence {
    Evidence(kind: try reader.raw(Evidence.Kind.self), text: try reader.string())
  }

  static func writeDay(_ writer: inout ByteWriter, _ day: Day) {
    writer.integer(day.year)
    writer.integer(day.month)
    writer.integer(day.day)
  }

  static func readDay(_ reader: inout ByteReader) throws -> Day {
    guard let day = Day(year: try reader.integer(), month: try reader.integer(), day: try reader.integer())
    else {
      throw SnapshotDamage(reason: "a date is out of range")
    }
    return day
  }

  static func writeSpan(_ writer: inout ByteWriter, _ span: Span) {
    writer.integer(span.start)
    writer.integer(span.end)
  }

  static func readSpan(_ reader: inout ByteReader) throws -> Span {
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

/// A file's parsed document stored as what linking changed in its linked document: the linked
/// document is encoded anyway, so a cold load encodes each document once, and this costs a
/// comparison of each field and the few parsed values linking replaced (an id, resolved keys and
/// targets, completed issuers, an inferred province, warnings appended, `citedBy`, `notBefore`).
/// Fields are compared, not assumed: whatever linking changes, the parsed document reads back as
/// it was parsed, field for field, from the linked document it was compared with and no other.
enum ParsedDelta {
  /// One bit per field of `Document` that differs from the linked document's, in declaration
  /// order; the parsed value of each follows, in this order, as `DocumentCoding` writes it.
  private enum Field: Int, CaseIterable {
    case id, file, encoding, level, issuer, province, province2025, provinceInferred, type, typeInferred
    case number, date, dateInferred, month, notBefore, subject, issuerEvidence, provinceEvidence
    case typeEvidence, dateEvidence, recipients, points, signer, distribution, citedBy
    /// Citations of another count: the parsed ones whole.
    case citationsWhole
    /// As many citations as linked: per citation, a mask of `CitationField` and the values.
    case citationsEach
    /// Warnings that are not the first ones of the linked document: the parsed ones whole.
    case warningsWhole
    /// The parsed warnings are the first ones of the linked document: how many.
    case warningsPrefix

    var bit: Int { 1 << rawValue }
  }

  private enum CitationField: Int, CaseIterable {
    case type, number, date, issuer, subject, title, relation, relationEvidence, spans, key, target
    case inCorpus, scope

    var bit: Int { 1 << rawValue }
  }

  /// The same bytes, not merely canonically equivalent text.
  private static func same(_ a: String, _ b: String) -> Bool { a == b && a.utf8.count == b.utf8.count }

  private static func same(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return same(a, b)
    default: return false
    }
  }

  static func write(parsed: Document, linked: Document, to writer: inout ByteWriter) {
    var mask = 0
    func differs(_ field: Field, _ isSame: Bool) { if !isSame { mask |= field.bit } }
    differs(.id, same(parsed.id, linked.id))
    differs(.file, same(parsed.file, linked.file))
    differs(.encoding, same(parsed.encoding, linked.encoding))
    differs(.level, parsed.level == linked.level)
    differs(.issuer, same(parsed.issuer, linked.issuer))
    differs(.province, same(parsed.province, linked.province))
    differs(.province2025, same(parsed.province2025, linked.province2025))
    differs(.provinceInferred, parsed.provinceInferred == linked.provinceInferred)
    differs(.type, same(parsed.type, linked.type))
    differs(.typeInferred, parsed.typeInferred == linked.typeInferred)
    differs(.number, same(parsed.number, linked.number))
    differs(.date, parsed.date == linked.date)
    differs(.dateInferred, parsed.dateInferred == linked.dateInferred)
    differs(.month, parsed.month == linked.month)
    differs(.notBefore, parsed.notBefore == linked.notBefore)
    differs(.subject, same(parsed.subject, linked.subject))
    differs(.issuerEvidence, parsed.issuerEvidence == linked.issuerEvidence)
    differs(.provinceEvidence, parsed.provinceEvidence == linked.provinceEvidence)
    differs(.typeEvidence, parsed.typeEvidence == linked.typeEvidence)
    differs(.dateEvidence, parsed.dateEvidence == linked.dateEvidence)
    differs(.recipients, parsed.recipients == linked.recipients)
    differs(.points, parsed.points == linked.points)
    differs(.signer, parsed.signer == linked.signer)
    differs(.distribution, parsed.distribution == linked.distribution)
    differs(.citedBy, parsed.citedBy == linked.citedBy)
    let parsedCitations = parsed.citations
    let linkedCitations = linked.citations
    var citationMasks: [Int] = []
    if parsedCitations.count != linkedCitations.count {
      mask |= Field.citationsWhole.bit
    } else {
      citationMasks = zip(parsedCitations, linkedCitations).map(citationMask)
      if citationMasks.contains(where: { $0 != 0 }) { mask |= Field.citationsEach.bit }
    }
    let parsedWarnings = parsed.warnings
    let linkedWarnings = linked.warnings
    if parsedWarnings.count <= linkedWarnings.count,
      parsedWarnings.indices.allSatisfy({ parsedWarnings[$0] == linkedWarnings[$0] })
    {
      if parsedWarnings.count != linkedWarnings.count { mask |= Field.warningsPrefix.bit }
    } else {
      mask |= Field.warningsWhole.bit
    }

    writer.integer(mask)
    guard mask != 0 else { return }
    func has(_ field: Field) -> Bool { mask & field.bit != 0 }
    if has(.id) { writer.string(parsed.id) }
    if has(.file) { writer.string(parsed.file) }
    if has(.encoding) { writer.string(parsed.encoding) }
    if has(.level) { writer.string(parsed.level.rawValue) }
    if has(.issuer) { writer.optional(parsed.issuer) { $0.string($1) } }
    if has(.province) { writer.optional(parsed.province) { $0.string($1) } }
    if has(.province2025) { writer.optional(parsed.province2025) { $0.string($1) } }
    if has(.provinceInferred) { writer.bool(parsed.provinceInferred) }
    if has(.type) { writer.optional(parsed.type) { $0.string($1) } }
    if has(.typeInferred) { writer.bool(parsed.typeInferred) }
    if has(.number) { writer.optional(parsed.number) { $0.string($1) } }
    if has(.date) { writer.optional(parsed.date, DocumentCoding.writeDay) }
    if has(.dateInferred) { writer.bool(parsed.dateInferred) }
    if has(.month) {
      writer.optional(parsed.month) { writer, month in
        writer.integer(month.year)
        writer.integer(month.month)
      }
    }
    if has(.notBefore) { writer.optional(parsed.notBefore, DocumentCoding.writeDay) }
    if has(.subject) { writer.optional(parsed.subject) { $0.string($1) } }
    if has(.issuerEvidence) { writer.array(parsed.issuerEvidence, DocumentCoding.writeEvidence) }
    if has(.provinceEvidence) { writer.array(parsed.provinceEvidence, DocumentCoding.writeEvidence) }
    if has(.typeEvidence) { writer.optional(parsed.typeEvidence, DocumentCoding.writeEvidence) }
    if has(.dateEvidence) { writer.optional(parsed.dateEvidence, DocumentCoding.writeEvidence) }
    if has(.recipients) { writer.array(parsed.recipients) { $0.string($1) } }
    if has(.points) { writer.array(parsed.points, DocumentCoding.writePoint) }
    if has(.signer) { writer.optional(parsed.signer, DocumentCoding.writeSigner) }
    if has(.distribution) { writer.array(parsed.distribution) { $0.string($1) } }
    if has(.citedBy) { writer.array(parsed.citedBy) { $0.string($1) } }
    if has(.citationsWhole) { writer.array(parsedCitations, DocumentCoding.writeCitation) }
    if has(.citationsEach) {
      for (citation, citationMask) in zip(parsedCitations, citationMasks) {
        writeCitation(citation, mask: citationMask, to: &writer)
      }
    }
    if has(.warningsWhole) { writer.array(parsedWarnings, DocumentCoding.writeWarning) }
    if has(.warningsPrefix) { writer.integer(parsedWarnings.count) }
  }

  private static func citationMask(_ parsed: Citation, _ linked: Citation) -> Int {
    var mask = 0
    func differs(_ field: CitationField, _ isSame: Bool) { if !isSame { mask |= field.bit } }
    differs(.type, same(parsed.type, linked.type))
    differs(.number, same(parsed.number, linked.number))
    differs(.date, parsed.date == linked.date)
    differs(.issuer, same(parsed.issuer, linked.issuer))
    differs(.subject, same(parsed.subject, linked.subject))
    differs(.title, same(parsed.title, linked.title))
    differs(.relation, parsed.relation == linked.relation)
    differs(.relationEvidence, parsed.relationEvidence == linked.relationEvidence)
    differs(.spans, parsed.spans == linked.spans)
    differs(.key, same(parsed.key, linked.key))
    differs(.target, same(parsed.target, linked.target))
    differs(.inCorpus, parsed.inCorpus == linked.inCorpus)
    differs(.scope, parsed.scope == linked.scope)
    return mask
  }

  static func writeCitation(_ citation: Citation, mask: Int, to writer: inout ByteWriter) {
    writer.integer(mask)
    func has(_ field: CitationField) -> Bool { mask & field.bit != 0 }
    if has(.type) { writer.string(citation.type) }
    if has(.number) { writer.optional(citation.number) { $0.string($1) } }
    if has(.date) { writer.optional(citation.date, DocumentCoding.writeDay) }
    if has(.issuer) { writer.optional(citation.issuer) { $0.string($1) } }
    if has(.subject) { writer.optional(citation.subject) { $0.string($1) } }
    if has(.title) { writer.optional(citation.title) { $0.string($1) } }
    if has(.relation) { writer.string(citation.relation.rawValue) }
    if has(.relationEvidence) {
      writer.optional(citation.relationEvidence, DocumentCoding.writeRelationEvidence)
    }
    if has(.spans) { writer.array(citation.spans, DocumentCoding.writeSpan) }
    if has(.key) { writer.string(citation.key) }
    if has(.target) { writer.string(citation.target) }
    if has(.inCorpus) { writer.bool(citation.inCorpus) }
    if has(.scope) { DocumentCoding.writeScope(&writer, citation.scope) }
  }

  /// The parsed document written against `linked`, which holds every field the delta does not.
  static func apply(from reader: inout ByteReader, to linked: Document) throws -> Document {
    var document = linked
    let mask = try reader.integer()
    guard mask >= 0, mask < 1 << Field.allCases.count,
      mask & (Field.citationsWhole.bit | Field.citationsEach.bit)
        != Field.citationsWhole.bit | Field.citationsEach.bit,
      mask & (Field.warningsWhole.bit | Field.warningsPrefix.bit)
        != Field.warningsWhole.bit | Field.warningsPrefix.bit
    else { throw SnapshotDamage(reason: "a parsed document's changes are malformed") }
    guard mask != 0 else { return document }
    func has(_ field: Field) -> Bool { mask & field.bit != 0 }
    if has(.id) { document.id = try reader.string() }
    if has(.file) { document.file = try reader.string() }
    if has(.encoding) { document.encoding = try reader.string() }
    if has(.level) { document.level = try reader.raw(Level.self) }
    if has(.issuer) { document.issuer = try reader.optional { try $0.string() } }
    if has(.province) { document.province = try reader.optional { try $0.string() } }
    if has(.province2025) { document.province2025 = try reader.optional { try $0.string() } }
    if has(.provinceInferred) { document.provinceInferred = try reader.bool() }
    if has(.type) { document.type = try reader.optional { try $0.string() } }
    if has(.typeInferred) { document.typeInferred = try reader.bool() }
    if has(.number) { document.number = try reader.optional { try $0.string() } }
    if has(.date) { document.date = try reader.optional(DocumentCoding.readDay) }
    if has(.dateInferred) { document.dateInferred = try reader.bool() }
    if has(.month) { document.month = try reader.optional(DocumentCoding.readMonth) }
    if has(.notBefore) { document.notBefore = try reader.optional(DocumentCoding.readDay) }
    if has(.subject) { document.subject = try reader.optional { try $0.string() } }
    if has(.issuerEvidence) { document.issuerEvidence = try reader.array(DocumentCoding.readEvidence) }
    if has(.provinceEvidence) { document.provinceEvidence = try reader.array(DocumentCoding.readEvidence) }
    if has(.typeEvidence) { document.typeEvidence = try reader.optional(DocumentCoding.readEvidence) }
    if has(.dateEvidence) { document.dateEvidence = try reader.optional(DocumentCoding.readEvidence) }
    if has(.recipients) { document.recipients = try reader.array { try $0.string() } }
    if has(.points) { document.points = try reader.array(DocumentCoding.readPoint) }
    if has(.signer) { document.signer = try reader.optional(DocumentCoding.readSigner) }
    if has(.distribution) { document.distribution = try reader.array { try $0.string() } }
    if has(.citedBy) { document.citedBy = try reader.array { try $0.string() } }
    if has(.citationsWhole) { document.citations = try reader.array(DocumentCoding.readCitation) }
    if has(.citationsEach) {
      var citations = document.citations
      for position in citations.indices { try readCitation(&reader, into: &citations[position]) }
      document.citations = citations
    }
    if has(.warningsWhole) { document.warnings = try reader.array(DocumentCoding.readWarning) }
    if has(.warningsPrefix) {
      let count = try reader.integer()
      guard (0...document.warnings.count).contains(count) else {
        throw SnapshotDamage(reason: "a parsed document's warnings are out of range")
      }
      document.warnings.removeSubrange(count...)
    }
    return document
  }

  static func readCitation(_ reader: inout ByteReader, into citation: inout Citation) throws {
    let mask = try reader.integer()
    guard mask >= 0, mask < 1 << CitationField.allCases.count else {
      throw SnapshotDamage(reason: "a parsed citation's changes are malformed")
    }
    func has(_ field: CitationField) -> Bool { mask & field.bit != 0 }
    if has(.type) { citation.type = try reader.string() }
    if has(.number) { citation.number = try reader.optional { try $0.string() } }
    if has(.date) { citation.date = try reader.optional(DocumentCoding.readDay) }
    if has(.issuer) { citation.issuer = try reader.optional { try $0.string() } }
    if has(.subject) { citation.subject = try reader.optional { try $0.string() } }
    if has(.title) { citation.title = try reader.optional { try $0.string() } }
    if has(.relation) { citation.relation = try reader.raw(Relation.self) }
    if has(.relationEvidence) {
      citation.relationEvidence = try reader.optional(DocumentCoding.readRelationEvidence)
    }
    if has(.spans) { citation.spans = try reader.array(DocumentCoding.readSpan) }
    if has(.key) { citation.key = try reader.string() }
    if has(.target) { citation.target = try reader.string() }
    if has(.inCorpus) { citation.inCorpus = try reader.bool() }
    if has(.scope) { citation.scope = try DocumentCoding.readScope(&reader) }
  }
}
