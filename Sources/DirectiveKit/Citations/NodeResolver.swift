/// Turns what a user types on the command line into the graph nodes it names.
///
/// Tried in order, the first rule that matches anything wins:
/// 1. a node's id: a corpus document's id (`000_c04fbf0a9182cd61`) or an external key
///    (`ext:ket-luan:7-kl-tw:vn:2021`);
/// 2. the file of a loaded document, as given when loading or the same path written otherwise
///    (`./Data/corpus/…`, absolute against `workingDirectory`), or a bare file name;
/// 3. a number, read like a citation in a text: spacing, dashes, slashes, case and leading
///    zeros do not matter (`07-kl/tw`, `07 KL TW`, `7-KL/TW`, `215 - CV/TU`), optionally after a
///    type and `số` (`Kết luận 07-KL/TW`, `Công văn số 215-CV/TU`), which must then agree;
/// 4. the name of a document without a number (`Luật Đất đai`, `Điều lệ Đảng`,
///    `Điện 21/07/2021`), diacritics optional.
///
/// Every matching node is returned, corpus documents first (a number two provinces use names
/// both letters). `provinces` narrows: nodes of another province go, nodes of no province
/// (central documents) stay, since their numbers are the same everywhere.
public struct NodeResolver: Sendable {
  public let corpus: Corpus
  /// Against which relative paths typed and relative `file`s are compared; nil compares them as written.
  public let workingDirectory: String?
  private let byNumber: [String: [Int]]
  private let byName: [String: [Int]]

  public init(corpus: Corpus, workingDirectory: String? = nil) {
    self.corpus = corpus
    self.workingDirectory = workingDirectory
    var byNumber: [String: [Int]] = [:]
    var byName: [String: [Int]] = [:]
    for (index, node) in corpus.graph.nodes.enumerated() {
      if let number = node.number {
        byNumber[canonicalDocumentNumber(number), default: []].append(index)
      } else {
        byName[Self.nameKey(node.label), default: []].append(index)
        if let type = node.type, let subject = node.subject {
          let key = Self.nameKey(type + " " + subject)
          if byName[key]?.last != index { byName[key, default: []].append(index) }
        }
      }
    }
    self.byNumber = byNumber
    self.byName = byName
  }

  /// What a typed reference came to.
  public enum Resolution: Sendable, Equatable {
    case one(GraphNode)
    /// Several nodes: the user chooses by id or `--province`.
    case several([GraphNode])
    case none
  }

  /// The nodes `text` names, narrowed to `provinces` when given (see the type's rules).
  public func resolve(_ text: String, provinces: ((String) -> Bool)? = nil) -> Resolution {
    let found = nodes(matching: text, provinces: provinces)
    switch found.count {
    case 0: return .none
    case 1: return .one(found[0])
    default: return .several(found)
    }
  }

  /// Every node `text` names, by the first rule that matches (see the type's rules).
  public func nodes(matching text: String, provinces: ((String) -> Bool)? = nil) -> [GraphNode] {
    let typed = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !typed.isEmpty else { return [] }
    for rule in [byID, byFile, byNumberTyped, byNameTyped] {
      var found = rule(typed)
      if let provinces { found = found.filter { $0.province.map(provinces) ?? true } }
      if !found.isEmpty { return found }
    }
    return []
  }

  // MARK: - Rules

  private func byID(_ text: String) -> [GraphNode] {
    corpus.graph.node(text).map { [$0] } ?? []
  }

  private func byFile(_ text: String) -> [GraphNode] {
    let wanted = normalizedPath(text)
    var found = corpus.documents.filter { normalizedPath($0.file) == wanted }
    if found.isEmpty, !text.contains("/") {
      found = corpus.documents.filter { $0.file.split(separator: "/").last.map(String.init) == text }
    }
    return found.compactMap { corpus.graph.node($0.id) }
  }

  private func byNumberTyped(_ text: String) -> [GraphNode] {
    let (type, rest) = Self.splitType(text)
    let key = canonicalDocumentNumber(rest)
    guard !key.isEmpty, key.contains(where: \.isNumber), let indices = byNumber[key] else { return [] }
    return indices.map { corpus.graph.nodes[$0] }.filter { node in
      guard let type else { return true }
      return node.type.map { $0.folded == type.folded } ?? true
    }
  }

  private func byNameTyped(_ text: String) -> [GraphNode] {
    (byName[Self.nameKey(text)] ?? []).map { corpus.graph.nodes[$0] }
  }

  // MARK: - Helpers

  /// A type's full name at the start (`Kết luận`, diacritics optional) and `số` after it, split off.
  static func splitType(_ text: String) -> (type: String?, rest: String) {
    let words = text.split(whereSeparator: \.isWhitespace)
    let folded = words.map { String($0).folded }
    for (name, _) in DocumentTypes.names {
      let key = name.folded.split(separator: " ").map(String.init)
      guard folded.count > key.count, Array(folded.prefix(key.count)) == key else { continue }
      var rest = words.dropFirst(key.count)
      if let first = rest.first.map({ String($0).folded }), first == "so" || first == "so:" {
        rest = rest.dropFirst()
      }
      return (name, rest.joined(separator: " "))
    }
    if folded.count > 1, folded[0] == "so" || folded[0] == "so:" {
      return (nil, words.dropFirst().joined(separator: " "))
    }
    return (nil, text)
  }

  /// Folded words of a name, letters and digits only, one space apart.
  static func nameKey(_ text: String) -> String {
    text.folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
  }

  /// `.` and empty components dropped, `..` taken back, made absolute against `workingDirectory`.
  func normalizedPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : (workingDirectory.map { $0 + "/" + path } ?? path)
    var components: [Substring] = []
    for component in absolute.split(separator: "/", omittingEmptySubsequences: true) {
      switch component {
      case ".": continue
      case "..":
        if !components.isEmpty && components.last != ".." {
          components.removeLast()
        } else {
          components.append(component)
        }
      default: components.append(component)
      }
    }
    return (absolute.hasPrefix("/") ? "/" : "") + components.joined(separator: "/")
  }
}
