/// What a citing document does with a document it cites (the `relation` of the JSON contract).
public enum Relation: String, Sendable, CaseIterable, Hashable {
  /// Carries it out: `Thực hiện`, `Triển khai`, `Quán triệt`, `Thi hành`, `để cụ thể hóa`.
  case implements
  /// Legal basis: `Căn cứ`.
  case pursuant
  /// `Theo`, `theo quy định tại`, `theo chỉ đạo của … tại`.
  case accordingTo = "according_to"
  /// `hướng dẫn thi hành`, `quy định chi tiết`.
  case guides
  /// `sửa đổi, bổ sung` the cited document.
  case amends
  /// `thay thế`.
  case replaces
  /// `bãi bỏ`, `hủy bỏ`, `hết hiệu lực`.
  case repeals
  /// A mention with no cue.
  case refers
  /// A cue is there but does not say which of the documents around it it governs.
  case unknown

  /// In words a person reads, for the reader and the cited-document page.
  public var phrase: String {
    switch self {
    case .implements: return "implements"
    case .pursuant: return "pursuant to"
    case .accordingTo: return "according to"
    case .guides: return "guides"
    case .amends: return "amends"
    case .replaces: return "replaces"
    case .repeals: return "repeals"
    case .refers: return "mentions"
    case .unknown: return "relation unclear"
    }
  }
}

/// The words that set a citation's relation and where they stand.
public struct RelationEvidence: Hashable, Sendable {
  public var cue: String
  public var span: Span
  public init(cue: String, span: Span) {
    self.cue = cue
    self.span = span
  }
}
