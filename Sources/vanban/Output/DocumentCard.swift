import DirectiveKit

/// A document as readable text: its card, its citations and what cites it, then the text.
enum DocumentCard {
  static func render(_ document: Document, graph: CitationGraph, builtIn: Bool = false) -> String {
    var lines: [String] = []
    func field(_ name: String, _ value: String?) {
      if let value {
        lines.append(name.padding(toLength: max(10, name.count + 1), withPad: " ", startingAt: 0) + value)
      }
    }
    field("id", document.id)
    field("file", builtIn ? document.file + " (built into the program)" : document.file)
    field(
      "issuer",
      document.issuer.map { issuer in
        guard document.issuerInferred else { return issuer }
        return issuer + " — inferred "
          + document.issuerEvidence.map { "\($0.source): \($0.text)" }.joined(separator: "; ")
      })
    if let province = document.province {
      let evidence = document.provinceEvidence.map { "\($0.source): \($0.text)" }.joined(separator: "; ")
      let new = document.province2025.map { " (since 2025: \($0))" } ?? ""
      field("province", province + new + (document.provinceInferred ? " — inferred \(evidence)" : ""))
    } else if document.level == .central {
      field("province", "— (a central document)")
    }
    field("number", document.number)
    field(
      "type",
      document.type.map { type in
        guard document.typeInferred else { return type }
        return type + " — inferred " + (document.typeEvidence.map { "\($0.source): \($0.text)" } ?? "")
      })
    field(
      "date",
      document.date.map { date in
        guard document.dateInferred else { return date.vietnamese }
        return date.vietnamese + " — inferred "
          + (document.dateEvidence.map { "\($0.source): \($0.text)" } ?? "")
      })
    field("month", document.month.map { "\($0.month)/\($0.year) (the header gives no day)" })
    field(
      "not before",
      document.notBefore.map { day in
        day.vietnamese + " — the document bears no date"
          + (ContractJSON.notBeforeEvidence(document).map { "; \($0.source): \($0.text)" } ?? "")
      })
    field("subject", document.subject)
    if let signer = document.signer {
      field(
        "signer", [signer.capacity, signer.title, signer.name].compactMap { $0 }.joined(separator: " · "))
    }
    for citation in document.citations {
      lines.append("cites     " + CitationText.describe(citation))
    }
    for id in document.citedBy { lines.append("cited by  " + id) }
    for warning in document.warnings { lines.append("warning   " + warning.message) }
    return lines.joined(separator: "\n") + "\n\n" + document.text
  }
}

enum CitationText {
  /// `Kết luận 07-KL/TW · Bộ Chính trị · 11/06/2021 · not in corpus · 2 mentions`.
  static func describe(_ citation: Citation) -> String {
    var parts = [citation.title ?? citation.type + (citation.number.map { " " + $0 } ?? "")]
    if citation.relation != .refers { parts.insert(citation.relation.phrase, at: 0) }
    if let issuer = citation.issuer { parts.append(issuer) }
    if let date = citation.date { parts.append(date.vietnamese) }
    parts.append(citation.inCorpus ? "→ \(citation.target)" : "not in corpus")
    if citation.mentions > 1 { parts.append("\(citation.mentions) mentions") }
    return parts.joined(separator: " · ")
  }
}
