import DirectiveKit

/// Where a link leads: a corpus document (opens the reader) or a cited node (its page).
public enum LinkTarget: Hashable, Sendable {
  case document(String)
  case cited(String)
}

/// A numbered link of the reader, like lynx's `[1]`.
public struct ReaderLink: Hashable, Sendable {
  public var number: Int
  public var target: LinkTarget
  /// What the status line says of it.
  public var description: String
  /// Where its mention starts in the text (Unicode scalars); nil for the `Cites` list.
  public var offset: Int? = nil
}

/// One drawn scalar of the reader with what it belongs to.
public struct ReaderAtom: Hashable, Sendable {
  public var scalar: Unicode.Scalar
  /// Offset in the document's text (Unicode scalars), nil for the card and link numbers.
  public var offset: Int?
  /// Index into `ReaderLayout.links`.
  public var link: Int?
  public var style: Style
}

public struct ReaderLine: Hashable, Sendable {
  public var indent: Int
  public var atoms: [ReaderAtom]
}

/// A document laid out for a width: card, wrapped body with numbered links, `Cites`, `Cited by`.
public struct ReaderLayout: Sendable {
  public private(set) var lines: [ReaderLine] = []
  public private(set) var links: [ReaderLink] = []
  /// The line where each link starts.
  public private(set) var linkLines: [Int] = []
  public let scalars: [Unicode.Scalar]

  /// Screens under this many rows fold the card to one line, so that the text shows.
  public static let foldedCardBelowRows = 20

  /// `foldedCard`: the card as one line (label, province, date, warnings, subject).
  public init(document: Document, library: Library, width: Int, foldedCard: Bool = false, note: String? = nil)
  {
    scalars = Array(document.text.unicodeScalars)
    let width = max(10, width)
    if foldedCard {
      addFoldedCard(document, library: library, width: width)
    } else {
      addCard(document, library: library, width: width)
    }
    if let note { addField("Note", note, width: width, style: .accent) }
    addRule(width: width)
    addBody(document, library: library, width: width)
    addRule(width: width)
    addReferences(document, library: library, width: width)
  }

  /// The first line showing the text offset.
  public func line(ofOffset offset: Int) -> Int? {
    lines.firstIndex { line in line.atoms.contains { ($0.offset ?? -1) >= offset } }
  }

  private mutating func add(
    _ text: String, indent: Int = 0, hanging: Int = 0, style: Style = .plain, link: Int? = nil, width: Int
  ) {
    let atoms = text.unicodeScalars.map { ReaderAtom(scalar: $0, offset: nil, link: link, style: style) }
    add(atoms: atoms, indent: indent, hanging: hanging, width: width)
  }

  private mutating func add(atoms: [ReaderAtom], indent: Int, hanging: Int, width: Int) {
    let ranges = TextWrap.lines(
      columns: atoms.map { DisplayWidth.width(of: $0.scalar) }, spaces: atoms.map { $0.scalar == " " },
      width: width - indent - hanging)
    if ranges.isEmpty { lines.append(ReaderLine(indent: indent, atoms: [])) }
    for (position, range) in ranges.enumerated() {
      for link in Set(atoms[range].compactMap(\.link)) where linkLines[link] < 0 {
        linkLines[link] = lines.count
      }
      lines.append(ReaderLine(indent: position == 0 ? indent : indent + hanging, atoms: Array(atoms[range])))
    }
  }

  private mutating func addField(_ name: String, _ value: String?, width: Int, style: Style = .plain) {
    guard let value, !value.isEmpty else { return }
    let label = DisplayWidth.fit(name, to: 10)
    var atoms = label.unicodeScalars.map { ReaderAtom(scalar: $0, offset: nil, link: nil, style: .accent) }
    atoms += value.unicodeScalars.map { ReaderAtom(scalar: $0, offset: nil, link: nil, style: style) }
    let ranges = TextWrap.lines(
      columns: atoms.map { DisplayWidth.width(of: $0.scalar) }, spaces: atoms.map { $0.scalar == " " },
      width: width - 10)
    // The label column is never broken, so wrap the value alone when it is long.
    if ranges.count == 1 {
      lines.append(ReaderLine(indent: 0, atoms: atoms))
      return
    }
    let valueAtoms = Array(atoms.dropFirst(label.unicodeScalars.count))
    let valueRanges = TextWrap.lines(
      columns: valueAtoms.map { DisplayWidth.width(of: $0.scalar) },
      spaces: valueAtoms.map { $0.scalar == " " }, width: width - 10)
    for (position, range) in valueRanges.enumerated() {
      let prefix = position == 0 ? Array(atoms.prefix(label.unicodeScalars.count)) : []
      lines.append(ReaderLine(indent: position == 0 ? 0 : 10, atoms: prefix + valueAtoms[range]))
    }
  }

  /// `Công văn 215-CV/TU · Nam Định · 2021-06-14 · ⚠ 1 warning · Về một số…`, cut at the width.
  private mutating func addFoldedCard(_ document: Document, library: Library, width: Int) {
    let warnings = document.warnings.count + (library.signals.supersessions[document.id]?.count ?? 0)
    var parts: [(String, Style)] = [
      (Format.label(of: document), .accent),
      (" · " + Format.province(of: document) + " · " + Format.date(of: document), .plain),
    ]
    if warnings > 0 { parts.append((" · ⚠ " + Format.counted(warnings, "warning"), .warning)) }
    parts.append((" · " + (document.subject ?? "no subject"), .dim))
    var atoms: [ReaderAtom] = []
    var used = 0
    for (text, style) in parts {
      for scalar in text.unicodeScalars {
        let columns = DisplayWidth.width(of: scalar)
        if used + columns > width - 1 {
          atoms.append(ReaderAtom(scalar: "…", offset: nil, link: nil, style: style))
          lines.append(ReaderLine(indent: 0, atoms: atoms))
          return
        }
        atoms.append(ReaderAtom(scalar: scalar, offset: nil, link: nil, style: style))
        used += columns
      }
    }
    lines.append(ReaderLine(indent: 0, atoms: atoms))
  }

  private mutating func addCard(_ document: Document, library: Library, width: Int) {
    if let issuer = document.issuer, document.issuerInferred {
      let evidence = document.issuerEvidence.prefix(2).map { "\($0.source): “\($0.text)”" }
      addField("Issuer", issuer + " · inferred " + evidence.joined(separator: "; "), width: width)
    } else {
      addField("Issuer", document.issuer ?? "unknown", width: width)
    }
    if let province = document.province {
      var value = province
      if let merged = document.province2025, merged != province { value += " (since 2025: \(merged))" }
      if document.provinceInferred {
        let evidence = document.provinceEvidence.prefix(2).map { "\($0.source): “\($0.text)”" }
        value += " · inferred " + (evidence.isEmpty ? "from the text" : evidence.joined(separator: "; "))
      }
      addField("Province", value, width: width)
    } else if document.level == .central {
      addField("Province", "none: a central document", width: width, style: .dim)
    } else {
      addField("Province", "unknown", width: width, style: .dim)
    }
    addField("Number", document.number ?? "none", width: width)
    addField(
      "Type",
      document.type.map { type in
        guard document.typeInferred else { return type }
        return type + " · inferred " + (document.typeEvidence.map { "\($0.source): “\($0.text)”" } ?? "")
      } ?? "unknown",
      width: width)
    if let date = document.date {
      let inferred = document.dateEvidence.map { " · inferred \($0.source): “\($0.text)”" } ?? " (inferred)"
      addField("Date", date.vietnamese + (document.dateInferred ? inferred : ""), width: width)
    } else if let month = document.month {
      addField("Date", "tháng \(month.month)/\(month.year) (the header gives no day)", width: width)
    } else if let notBefore = document.notBefore {
      addField("Date", "undated · not before \(notBefore.vietnamese)", width: width)
    } else {
      addField("Date", "undated", width: width)
    }
    addField("Subject", document.subject, width: width)
    if let signer = document.signer {
      let parts = [signer.name ?? "(name missing)", signer.title, signer.capacity].compactMap { $0 }
      addField("Signer", parts.joined(separator: " · "), width: width)
    } else {
      addField("Signer", "none found", width: width, style: .dim)
    }
    addField("File", "\(document.file) (\(document.encoding))", width: width, style: .dim)
    for supersession in library.signals.supersessions[document.id] ?? [] {
      let by = library.document(id: supersession.by).map(Self.describe) ?? supersession.by
      let verb = supersession.relation == .repeals ? "Repealed" : "Replaced"
      addField(verb, "⚠ on \(supersession.date.vietnamese) by \(by)", width: width, style: .warning)
    }
    for warning in document.warnings { addField("Warning", warning.message, width: width, style: .warning) }
  }

  private mutating func addRule(width: Int) {
    add(String(repeating: "─", count: width), style: .dim, width: width)
  }

  private mutating func addLink(_ target: LinkTarget, description: String) -> Int {
    links.append(ReaderLink(number: links.count + 1, target: target, description: description))
    linkLines.append(-1)
    return links.count - 1
  }

  private mutating func addBody(_ document: Document, library: Library, width: Int) {
    // Every mention is a link, numbered in reading order.
    var mentions: [(span: Span, citation: Citation)] = []
    for citation in document.citations {
      for span in citation.spans where span.start < span.end && span.start >= 0 && span.end <= scalars.count {
        mentions.append((span, citation))
      }
    }
    mentions.sort { $0.span.start < $1.span.start }
    var linkAt: [Int: Int] = [:]
    var linkStarts: [Int: Int] = [:]
    var staleLinks: Set<Int> = []
    for mention in mentions {
      let index = addLink(
        Self.target(of: mention.citation),
        description: Self.describe(mention.citation, in: document, library: library))
      links[index].offset = mention.span.start
      linkStarts[mention.span.start] = linkStarts[mention.span.start] ?? index
      if Self.isStale(mention.citation, document, library) { staleLinks.insert(index) }
      for offset in mention.span.start..<mention.span.end where linkAt[offset] == nil {
        linkAt[offset] = index
      }
    }
    var paragraph: [ReaderAtom] = []
    var lastBlank = true
    func flush(_ layout: inout ReaderLayout) {
      let (indent, hanging) = Self.indentation(of: paragraph)
      let trimmed = Array(paragraph.drop { $0.scalar == " " || $0.scalar == "\t" })
      if trimmed.isEmpty {
        if !lastBlank { layout.lines.append(ReaderLine(indent: 0, atoms: [])) }
        lastBlank = true
      } else {
        layout.add(atoms: trimmed, indent: indent, hanging: hanging, width: width)
        lastBlank = false
      }
      paragraph = []
    }
    for (offset, scalar) in scalars.enumerated() {
      if scalar == "\n" {
        flush(&self)
        continue
      }
      if let link = linkStarts[offset] {
        let flag = staleLinks.contains(link) ? "⚠" : ""
        for marker in "[\(links[link].number)\(flag)]".unicodeScalars {
          paragraph.append(ReaderAtom(scalar: marker, offset: nil, link: link, style: .dim))
        }
      }
      let shown: Unicode.Scalar = scalar == "\t" ? " " : scalar
      let link = linkAt[offset]
      paragraph.append(
        ReaderAtom(scalar: shown, offset: offset, link: link, style: link == nil ? .plain : .link))
    }
    flush(&self)
  }

  /// Numbered points start two columns in and hang under their text; bullets four.
  private static func indentation(of atoms: [ReaderAtom]) -> (Int, Int) {
    let text = String(String.UnicodeScalarView(atoms.prefix(8).map(\.scalar)))
      .drop { $0 == " " || $0 == "\t" }
    let digits = text.prefix { $0.isNumber }
    if !digits.isEmpty, text.dropFirst(digits.count).first == "." {
      return (2, digits.count + 2)
    }
    if let first = text.first, "-+•*".contains(first) { return (4, 2) }
    return (0, 0)
  }

  private mutating func addReferences(_ document: Document, library: Library, width: Int) {
    add("Cites", style: .header, width: width)
    if document.citations.isEmpty { add("nothing", indent: 2, style: .dim, width: width) }
    for citation in document.citations {
      let description = Self.describe(citation, in: document, library: library)
      let link = addLink(Self.target(of: citation), description: description)
      let text =
        "[\(links[link].number)] " + description + (citation.mentions > 1 ? " · \(citation.mentions)×" : "")
      add(text, indent: 2, hanging: 4, style: .link, link: link, width: width)
    }
    add("", width: width)
    add("Cited by", style: .header, width: width)
    if document.citedBy.isEmpty { add("no document of the corpus", indent: 2, style: .dim, width: width) }
    for id in document.citedBy {
      let citer = library.document(id: id)
      let relation = citer?.citations.first { $0.target == document.id }?.relation ?? .refers
      var description = citer.map(Self.describe) ?? id
      if relation != .refers, let label = description.range(of: " · ") {
        description.replaceSubrange(label, with: " (\(relation.phrase) it) · ")
      }
      let link = addLink(.document(id), description: description)
      add(
        "[\(links[link].number)] " + description, indent: 2, hanging: 4, style: .link, link: link,
        width: width)
    }
  }

  static func target(of citation: Citation) -> LinkTarget {
    citation.inCorpus ? .document(citation.target) : .cited(citation.target)
  }

  /// Whether `document` rests on the cited document after it was replaced or repealed.
  static func isStale(_ citation: Citation, _ document: Document, _ library: Library) -> Bool {
    return library.signals.stale[document.id]?.contains { $0.target == citation.target } ?? false
  }

  /// `Kết luận 07-KL/TW (implements) · Bộ Chính trị · 11/06/2021 · not in corpus`, and a warning
  /// when `document` rests on it after it was replaced or repealed.
  static func describe(_ citation: Citation, in document: Document, library: Library) -> String {
    var text = describe(citation, library: library)
    if let stale = library.signals.stale[document.id]?.first(where: { $0.target == citation.target }) {
      let verb = stale.supersession.relation == .repeals ? "repealed" : "replaced"
      let by = library.document(id: stale.supersession.by).map(Format.label(of:)) ?? stale.supersession.by
      text = "⚠ " + text + " · \(verb) on \(stale.supersession.date.vietnamese) by \(by)"
    }
    return text
  }

  /// `Kết luận 07-KL/TW (implements) · Bộ Chính trị · 11/06/2021 · not in corpus`.
  static func describe(_ citation: Citation, library: Library) -> String {
    let relation = citation.relation == .refers ? "" : " (\(citation.relation.phrase))"
    if let summary = library.cited(id: citation.target) {
      guard let separator = summary.line.range(of: " · ") else { return summary.line + relation }
      return summary.line.replacingCharacters(in: separator, with: relation + " · ")
    }
    var parts = [
      (citation.title ?? [citation.type, citation.number].compactMap { $0 }.joined(separator: " ")) + relation
    ]
    if let issuer = citation.issuer { parts.append(issuer) }
    if let date = citation.date { parts.append(date.vietnamese) }
    parts.append(citation.inCorpus ? "in corpus: \(citation.target)" : "not in corpus")
    return parts.joined(separator: " · ")
  }

  /// `Công văn 215-CV/TU · Nam Định · 14/06/2021 · 000_c04fbf0a9182cd61`.
  static func describe(_ document: Document) -> String {
    var parts = [[document.type ?? "Document", document.number].compactMap { $0 }.joined(separator: " ")]
    if let province = document.province { parts.append(province) }
    parts.append(Format.date(of: document))
    parts.append(document.id)
    return parts.joined(separator: " · ")
  }
}
