import DirectiveKit
import Foundation

/// Scores the citations a parser read from a generated corpus against the generator's truth,
/// field by field: `vanban-bench` prints it and the generator tests hold it to floors.
///
/// Matching: within each document, a predicted citation matches the first truth citation not yet
/// matched with the same key: the canonical number (`canonicalDocumentNumber`, so `07 - KL/TW`
/// and `07-KL/TW` are one), or, for a document without a number, its type and date. One truth
/// citation takes one predicted citation: a document read twice counts once and the second is
/// an extra. Precision is matched ÷ predicted, recall matched ÷ truth.
///
/// Fields are then compared on matched pairs only, so a lost date shows as a date error even when
/// the number was found:
/// - `type`: equal strings;
/// - `number`: equal strings (the parser's normalised number against the truth's);
/// - `date`: equal days (nil equals nil only);
/// - `issuer`: equal after `comparableIssuer`: folded (no marks, `đ` as `d`, lower case), spaces
///   collapsed, a trailing `Trung ương Đảng` dropped (`Thường trực Ban Bí thư` and `Thường trực Ban
///   Bí thư Trung ương Đảng` are one body). The truth holds the issuer as the parser should
///   complete it: `của UBND tỉnh` in a Nam Định letter is `UBND tỉnh Nam Định`, `của Sở Y tế` is
///   `Sở Y tế Nam Định` (the province after `tỉnh`, `thành phố`, `Tỉnh ủy`, `Thành ủy`, else at the
///   end); nil on either side is a miss unless both are nil;
/// - `relation`: equal `Relation`;
/// - `mentions`: equal counts.
public struct GeneratorScore: Sendable {
  /// How many of `total` were right; `rate` is nil when there was nothing to score.
  public struct Tally: Sendable, Hashable {
    public var total = 0
    public var correct = 0
    public init() {}
    public var rate: Double? { total == 0 ? nil : Double(correct) / Double(total) }
    mutating func add(_ right: Bool) {
      total += 1
      if right { correct += 1 }
    }
  }

  /// The scores of a set of truth citations: all, those first written in one form, those of one
  /// relation.
  public struct Group: Sendable, Hashable {
    /// Truth citations found (recall).
    public var found = Tally()
    public var type = Tally()
    public var number = Tally()
    public var date = Tally()
    public var issuer = Tally()
    public var relation = Tally()
    public var mentions = Tally()
    public init() {}

    /// The fields scored, by name, in the order reports print them.
    public var fields: [(name: String, tally: Tally)] {
      [
        ("type", type), ("number", number), ("date", date), ("issuer", issuer), ("relation", relation),
        ("mentions", mentions),
      ]
    }
  }

  /// One disagreement, for whoever reads the report.
  public struct Miss: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// `missing` (a truth citation not found), `extra` (a predicted one not in the truth), or the
    /// field that differs.
    public var kind: String
    public var citation: String
    public var expected: String
    public var got: String
    public var description: String { "\(file): \(kind) \(citation): expected \(expected), got \(got)" }
  }

  /// Citations the parser read in the documents scored.
  public var predicted = 0
  /// Every truth citation.
  public var all = Group()
  /// By each form the truth lists for a citation (`plain`, `date-first`, … and `yearless-short`).
  public var byForm: [String: Group] = [:]
  /// By the truth's relation.
  public var byRelation: [Relation: Group] = [:]
  /// Predicted relation by truth relation, for the pairs matched.
  public var confusion: [Relation: [Relation: Int]] = [:]
  /// Disagreements by kind, every one counted; `misses` keeps the first few of each kind.
  public var missCounts: [String: Int] = [:]
  public var misses: [Miss] = []

  public var precision: Double? { predicted == 0 ? nil : Double(all.found.correct) / Double(predicted) }
  public var recall: Double? { all.found.rate }

  /// Scores `truth` against what `predicted` returns for each truth document (nil: the document
  /// was not read, every citation of it is missed). Keeps up to `examples` misses of each kind.
  public init(
    truth: [CorpusGenerator.Truth], examples: Int = 5,
    predicted: (CorpusGenerator.Truth) -> [Citation]?
  ) {
    for document in truth {
      let citations = predicted(document) ?? []
      score(document, citations, examples: examples)
    }
  }

  /// Scores the documents of `corpus` whose file is `folder/truth.file` (or `truth.file` without a
  /// folder), as `Corpus.load` or `Corpus.build(sources:)` named them.
  public init(corpus: Corpus, truth: [CorpusGenerator.Truth], folder: URL? = nil, examples: Int = 5) {
    func normal(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
    var byPath: [String: Int] = [:]
    for (index, document) in corpus.documents.enumerated() {
      byPath[folder == nil ? document.file : normal(document.file)] = index
    }
    self.init(truth: truth, examples: examples) { document in
      let path = folder.map { normal($0.appendingPathComponent(document.file).path) } ?? document.file
      return byPath[path].map { corpus.documents[$0].citations }
    }
  }

  /// The key a citation is matched by: its canonical number, else its type and date.
  public static func matchKey(type: String, number: String?, date: Day?) -> String {
    if let number { return "n:" + canonicalDocumentNumber(number) }
    return "u:" + type.folded + "@" + (date?.iso ?? "?")
  }

  /// An issuer as compared: see the type's documentation.
  public static func comparableIssuer(_ issuer: String?) -> String? {
    guard let issuer else { return nil }
    var words = issuer.folded.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    if words.suffix(3) == ["trung", "uong", "dang"], words.count > 3 { words.removeLast(3) }
    return words.joined(separator: " ")
  }

  private mutating func score(_ document: CorpusGenerator.Truth, _ citations: [Citation], examples: Int) {
    predicted += citations.count
    let keys = document.citations.map { Self.matchKey(type: $0.type, number: $0.number, date: $0.date) }
    var matched = [Citation?](repeating: nil, count: keys.count)
    for citation in citations {
      let key = Self.matchKey(type: citation.type, number: citation.number, date: citation.date)
      if let slot = keys.indices.first(where: { keys[$0] == key && matched[$0] == nil }) {
        matched[slot] = citation
      } else {
        note(
          document, "extra", Self.describe(type: citation.type, number: citation.number, date: citation.date),
          expected: "nothing", got: "a citation", examples: examples)
      }
    }
    for (truth, found) in zip(document.citations, matched) {
      let name = Self.describe(type: truth.type, number: truth.number, date: truth.date)
      guard let found else {
        update(truth) { $0.found.add(false) }
        note(document, "missing", name, expected: "found", got: "not found", examples: examples)
        continue
      }
      let checks:
        [(field: WritableKeyPath<Group, Tally>, name: String, expected: String, got: String, right: Bool)] = [
          (\.type, "type", truth.type, found.type, truth.type == found.type),
          (\.number, "number", truth.number ?? "nil", found.number ?? "nil", truth.number == found.number),
          (\.date, "date", truth.date?.iso ?? "nil", found.date?.iso ?? "nil", truth.date == found.date),
          (
            \.issuer, "issuer", truth.issuer, found.issuer ?? "nil",
            Self.comparableIssuer(truth.issuer) == Self.comparableIssuer(found.issuer)
          ),
          (
            \.relation, "relation", truth.relation.rawValue + (truth.cue.map { " (\($0))" } ?? ""),
            found.relation.rawValue + (found.relationEvidence.map { " (\($0.cue))" } ?? ""),
            truth.relation == found.relation
          ),
          (
            \.mentions, "mentions", String(truth.mentions), String(found.mentions),
            truth.mentions == found.mentions
          ),
        ]
      update(truth) { group in
        group.found.add(true)
        for check in checks { group[keyPath: check.field].add(check.right) }
      }
      confusion[truth.relation, default: [:]][found.relation, default: 0] += 1
      for check in checks where !check.right {
        note(document, check.name, name, expected: check.expected, got: check.got, examples: examples)
      }
    }
  }

  /// Applies `change` to every group `truth` belongs to.
  private mutating func update(_ truth: CorpusGenerator.TruthCitation, _ change: (inout Group) -> Void) {
    change(&all)
    change(&byRelation[truth.relation, default: Group()])
    for form in truth.forms { change(&byForm[form, default: Group()]) }
  }

  private mutating func note(
    _ document: CorpusGenerator.Truth, _ kind: String, _ citation: String, expected: String, got: String,
    examples: Int
  ) {
    missCounts[kind, default: 0] += 1
    if missCounts[kind]! <= examples {
      misses.append(Miss(file: document.file, kind: kind, citation: citation, expected: expected, got: got))
    }
  }

  static func describe(type: String, number: String?, date: Day?) -> String {
    type + " " + (number ?? date?.iso ?? "?")
  }

  /// The report `vanban-bench` prints: one row per measure, name and value.
  public var rows: [(String, String)] {
    func rate(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "—" }
    func fields(_ group: Group) -> String {
      group.fields.filter { $0.name != "type" && $0.name != "number" }.map {
        "\($0.name) \(rate($0.tally.rate))"
      }.joined(separator: ", ")
    }
    var rows: [(String, String)] = [
      (
        "citation precision / recall",
        "\(rate(precision)) / \(rate(recall)) (\(all.found.correct) of \(predicted) read, of \(all.found.total))"
      ),
      (
        "citation fields, when found: type / number / date / issuer",
        [all.type, all.number, all.date, all.issuer].map { rate($0.rate) }.joined(separator: " / ")
      ),
      ("citation relation / mentions, when found", "\(rate(all.relation.rate)) / \(rate(all.mentions.rate))"),
    ]
    for (form, group) in byForm.sorted(by: { $0.key < $1.key }) {
      rows.append(
        (
          "  first written \(form) (\(group.found.total))",
          "recall \(rate(group.found.rate)), " + fields(group)
        ))
    }
    for relation in Relation.allCases {
      guard let group = byRelation[relation] else { continue }
      rows.append(
        (
          "  relation \(relation.rawValue) (\(group.found.total))",
          "recall \(rate(group.found.rate)), " + fields(group)
        ))
    }
    return rows
  }
}
