/// A parsed document in the snapshot's layout: every field but the text, in declaration order. The
/// snapshot keeps texts apart, each file's once, so that reading the fields never touches them.
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
    writer.array(document.provinceEvidence, writeEvidence)
    writer.optional(document.type) { $0.string($1) }
    writer.bool(document.typeInferred)
    writer.optional(document.typeEvidence, writeEvidence)
    writer.optional(document.number) { $0.string($1) }
    writer.optional(document.date, writeDay)
    writer.bool(document.dateInferred)
    writer.optional(document.dateEvidence, writeEvidence)
    writer.optional(document.month) { writer, month in
      writer.integer(month.year)
      writer.integer(month.month)
    }
    writer.optional(document.notBefore, writeDay)
    writer.optional(document.subject) { $0.string($1) }
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

  static func read(from reader: inout ByteReader) throws -> Document {
    let id = try reader.string()
    let file = try reader.string()
    var document = Document(id: id, file: file, text: "", encoding: try reader.string())
    document.level = try reader.raw(Level.self)
    document.issuer = try reader.optional { try $0.string() }
    document.province = try reader.optional { try $0.string() }
    document.province2025 = try reader.optional { try $0.string() }
    document.provinceInferred = try reader.bool()
    document.provinceEvidence = try reader.array(readEvidence)
    document.type = try reader.optional { try $0.string() }
    document.typeInferred = try reader.bool()
    document.typeEvidence = try reader.optional(readEvidence)
    document.number = try reader.optional { try $0.string() }
    document.date = try reader.optional(readDay)
    document.dateInferred = try reader.bool()
    document.dateEvidence = try reader.optional(readEvidence)
    document.month = try reader.optional { reader in
      guard let month = Month(year: try reader.integer(), month: try reader.integer()) else {
        throw SnapshotDamage(reason: "a month is out of range")
      }
      return month
    }
    document.notBefore = try reader.optional(readDay)
    document.subject = try reader.optional { try $0.string() }
    document.recipients = try reader.array { try $0.string() }
    document.points = try reader.array { reader in
      NumberedPoint(number: try reader.integer(), span: try readSpan(&reader))
    }
    document.signer = try reader.optional { reader in
      Signer(
        name: try reader.optional { try $0.string() }, capacity: try reader.optional { try $0.string() },
        title: try reader.optional { try $0.string() })
    }
    document.distribution = try reader.array { try $0.string() }
    document.citations = try reader.array(readCitation)
    document.citedBy = try reader.array { try $0.string() }
    document.warnings = try reader.array { reader in
      DocumentWarning(try reader.raw(DocumentWarning.Code.self), try reader.string())
    }
    return document
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
