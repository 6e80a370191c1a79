/// A JSON value that keeps its keys in the order given, so output reads like the contract.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  /// A finite number; whole numbers are written without a fraction.
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

  static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

  /// Compact or indented text. Every control character (C0, DEL, C1) is escaped, so no
  /// document text reaches a terminal as a control sequence.
  public func rendered(indent: Int? = nil) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    write(to: &output, indent: indent, level: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// What `JSONValue.array` of `count` elements renders to, each element made by `element` when
  /// its turn comes and the text handed to `write` in pieces of about `pieceSize` bytes: a list
  /// of 100,000 documents is held neither whole as values nor whole as text.
  public static func writeArray(
    count: Int, indent: Int?, pieceSize: Int = 1 << 16, element: (Int) -> JSONValue,
    to write: ([UInt8]) -> Void
  ) {
    guard count > 0 else {
      write(Array("[]".utf8))
      return
    }
    var output: [UInt8] = []
    output.reserveCapacity(pieceSize + pieceSize / 2)
    output.append(UInt8(ascii: "["))
    if indent != nil { output.append(10) }
    for position in 0..<count {
      pad(&output, indent: indent, depth: 1)
      element(position).write(to: &output, indent: indent, level: 1)
      if position + 1 < count { output.append(UInt8(ascii: ",")) }
      if indent != nil { output.append(10) }
      if output.count >= pieceSize {
        write(output)
        output.removeAll(keepingCapacity: true)
      }
    }
    output.append(UInt8(ascii: "]"))
    write(output)
  }

  /// The spaces before a value `depth` levels in.
  private static func pad(_ output: inout [UInt8], indent: Int?, depth: Int) {
    let width = (indent ?? 0) * depth
    guard width > 0 else { return }
    for _ in 0..<width { output.append(UInt8(ascii: " ")) }
  }

  private func write(to output: inout [UInt8], indent: Int?, level: Int) {
    func newline() { if indent != nil { output.append(10) } }
    func pad(_ depth: Int) { JSONValue.pad(&output, indent: indent, depth: depth) }
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): output.append(contentsOf: String(value).utf8)
    case .number(let value):
      guard value.isFinite else {
        output.append(contentsOf: "null".utf8)
        return
      }
      let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
      output.append(contentsOf: text.utf8)
    case .string(let value): JSONValue.writeString(value, to: &output)
    case .array(let values):
      guard !values.isEmpty else {
        output.append(contentsOf: "[]".utf8)
        return
      }
      output.append(UInt8(ascii: "["))
      newline()
      for (position, value) in values.enumerated() {
        pad(level + 1)
        value.write(to: &output, indent: indent, level: level + 1)
        if position + 1 < values.count { output.append(UInt8(ascii: ",")) }
        newline()
      }
      pad(level)
      output.append(UInt8(ascii: "]"))
    case .object(let pairs):
      guard !pairs.isEmpty else {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      newline()
      for (position, (key, value)) in pairs.enumerated() {
        pad(level + 1)
        JSONValue.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(UInt8(ascii: " ")) }
        value.write(to: &output, indent: indent, level: level + 1)
        if position + 1 < pairs.count { output.append(UInt8(ascii: ",")) }
        newline()
      }
      pad(level)
      output.append(UInt8(ascii: "}"))
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// The string quoted, on its UTF-8 bytes: `"`, `\` and the control characters escaped, as are
  /// the line and paragraph separators and the bidirectional controls (U+2028–U+202E, U+2066–U+2069).
  static func writeString(_ text: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      let count = bytes.count
      var index = 0
      var runStart = 0
      func escape(_ value: UInt32, length: Int) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        switch value {
        case 0x22: output.append(contentsOf: "\\\"".utf8)
        case 0x5C: output.append(contentsOf: "\\\\".utf8)
        case 0x0A: output.append(contentsOf: "\\n".utf8)
        case 0x09: output.append(contentsOf: "\\t".utf8)
        case 0x0D: output.append(contentsOf: "\\r".utf8)
        default:
          output.append(contentsOf: "\\u".utf8)
          for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
          }
        }
        index += length
        runStart = index
      }
      while index < count {
        let byte = bytes[index]
        if byte < 0x80 {
          if byte < 0x20 || byte == 0x7F || byte == 0x22 || byte == 0x5C {
            escape(UInt32(byte), length: 1)
          } else {
            index += 1
          }
        } else if byte == 0xC2, index + 1 < count, bytes[index + 1] <= 0x9F {
          escape(UInt32(bytes[index + 1] & 0x3F) | 0x80, length: 2)
        } else if byte == 0xE2, index + 2 < count,
          (bytes[index + 1] == 0x80 && (0xA8...0xAE).contains(bytes[index + 2]))
            || (bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2]))
        {
          let value = 0x2000 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
          escape(value, length: 3)
        } else {
          index += 1
        }
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
    }
    output.append(UInt8(ascii: "\""))
  }
}

/// The JSON shapes of `../shared/spec/json-contract.md`.
public enum ContractJSON {
  public static func document(_ document: Document, includeText: Bool = false, builtIn: Bool = false)
    -> JSONValue
  {
    var pairs: [(String, JSONValue)] = [
      ("id", .string(document.id)),
      ("file", .string(document.file)),
      ("built_in", .bool(builtIn)),
      ("level", .string(document.level.rawValue)),
      ("issuer", .optional(document.issuer)),
      ("issuer_evidence", .array(document.issuerEvidence.map(evidence))),
      ("province", .optional(document.province)),
      ("province_2025", .optional(document.province2025)),
      ("province_inferred", .bool(document.provinceInferred)),
      (
        "province_evidence",
        .array(
          document.provinceEvidence.map {
            .object([("kind", .string($0.kind.rawValue)), ("text", .string($0.text))])
          })
      ),
      ("type", .optional(document.type)),
      ("type_inferred", .bool(document.typeInferred)),
      ("type_evidence", document.typeEvidence.map(evidence) ?? .null),
      ("number", .optional(document.number)),
      ("date", .optional(document.date?.iso)),
      ("date_inferred", .bool(document.dateInferred)),
      ("date_evidence", document.dateEvidence.map(evidence) ?? .null),
      ("date_month", .optional(document.month?.iso)),
      ("not_before", .optional(document.notBefore?.iso)),
      ("not_before_evidence", notBeforeEvidence(document).map(evidence) ?? .null),
      ("subject", .optional(document.subject)),
      ("recipients", .array(document.recipients.map(JSONValue.string))),
      ("items", .int(document.items)),
      (
        "points",
        .array(document.points.map { .object([("number", .int($0.number)), ("span", span($0.span))]) })
      ),
      ("signer", document.signer.map(signer) ?? .null),
      ("distribution", .array(document.distribution.map(JSONValue.string))),
      ("citations", .array(document.citations.map(citation))),
      ("cited_by", .array(document.citedBy.map(JSONValue.string))),
      ("encoding", .string(document.encoding)),
      ("warnings", .array(document.warnings.map { .string($0.message) })),
    ]
    if includeText { pairs.append(("text", .string(document.text))) }
    return .object(pairs)
  }

  /// What `not_before` rests on: the citation bearing the latest date the document cites
  /// (kind `latest_citation`, its label and date as the card writes them); nil without `not_before`.
  public static func notBeforeEvidence(_ document: Document) -> Evidence? {
    guard let notBefore = document.notBefore,
      let citation = document.citations.first(where: { $0.date == notBefore })
    else { return nil }
    let label = citation.title ?? citation.type + (citation.number.map { " " + $0 } ?? "")
    return Evidence(kind: .latestCitation, text: label + " ngày " + notBefore.vietnamese)
  }

  static func evidence(_ evidence: Evidence) -> JSONValue {
    .object([("kind", .string(evidence.kind.rawValue)), ("text", .string(evidence.text))])
  }

  static func span(_ span: Span) -> JSONValue { .array([.int(span.start), .int(span.end)]) }

  static func signer(_ signer: Signer) -> JSONValue {
    .object([
      ("name", .optional(signer.name)), ("capacity", .optional(signer.capacity)),
      ("title", .optional(signer.title)),
    ])
  }

  public static func citation(_ citation: Citation) -> JSONValue {
    .object([
      ("type", .string(citation.type)),
      ("number", .optional(citation.number)),
      ("date", .optional(citation.date?.iso)),
      ("issuer", .optional(citation.issuer)),
      ("subject", .optional(citation.subject)),
      ("title", .optional(citation.title)),
      ("relation", .string(citation.relation.rawValue)),
      (
        "relation_evidence",
        citation.relationEvidence.map { evidence in
          .object([("cue", .string(evidence.cue)), ("span", span(evidence.span))])
        } ?? .null
      ),
      ("target", .string(citation.target)),
      ("in_corpus", .bool(citation.inCorpus)),
      ("mentions", .int(citation.mentions)),
      ("spans", .array(citation.spans.map(span))),
    ])
  }

  public static func node(_ node: GraphNode) -> JSONValue {
    .object([
      ("id", .string(node.id)),
      ("kind", .string(node.kind.rawValue)),
      ("label", .string(node.label)),
      ("level", .string(node.level.rawValue)),
      ("province", .optional(node.province)),
      ("type", .optional(node.type)),
      ("number", .optional(node.number)),
      ("date", .optional(node.date?.iso)),
      ("issuer", .optional(node.issuer)),
      ("subject", .optional(node.subject)),
    ])
  }

  public static func edge(_ edge: GraphEdge) -> JSONValue {
    .object([
      ("from", .string(edge.from)), ("to", .string(edge.to)), ("mentions", .int(edge.mentions)),
      ("relation", .string(edge.relation.rawValue)),
    ])
  }
}
