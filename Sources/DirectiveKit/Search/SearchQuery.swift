import Foundation

/// A search typed by a reader, parsed.
///
/// Syntax: words (all must match, diacritics optional), `"quoted phrases"`, document numbers
/// typed loosely (`07-kl/tw`, `07 KL TW`, `7/KL-TW`), dates in any corpus format (`21/7/2021`,
/// `21-7-2021`, `ngày 21 tháng 7 năm 2021`), and the filters `province:`, `type:`, `year:`,
/// `cites:`, `level:` (`central`, `province`, `district`, `unknown`), `rel:` (a relation, `rel:implements`, `rel:according_to`: documents with at least
/// one citation of that relation; with `cites:`, the citation of that document must have it:
/// `cites:07-KL/TW rel:implements` is "implements 07-KL/TW"). A filter's value may be quoted (`province:"Nam Định"`) or joined
/// (`type:cong-van`); unquoted, it takes the following words while they still spell the start
/// of a known name (`type:cong van`, `province:nam dinh`).
public struct SearchQuery: Sendable, Equatable {
  /// One word of the query: folded, and its exact form when typed with marks.
  struct Word: Sendable, Equatable {
    var folded: [UInt8]
    /// Hash of the base letters and tone (see `Token.exactHash`); 0 when typed without marks.
    var exactHash: UInt64
  }

  var words: [Word] = []
  var phraseTokens: [[Word]] = []
  /// Derived terms (numbers, dates) that each phrase requires.
  var phraseDerivedKeys: [[[UInt8]]] = []
  var numberKeys: [[UInt8]] = []
  var dateKeys: [[UInt8]] = []
  /// True when the last bare word may be the start of a longer word (typing in progress).
  var lastWordIsPrefix = false
  /// Runs of two or more words typed one after the other (numbers, dates and the word being
  /// typed break a run): a document where a run stands as a phrase ranks above scattered words.
  var adjacentRuns: [[Word]] = []

  /// Folded words, all of which must occur.
  public var terms: [String] { words.map { String(decoding: $0.folded, as: UTF8.self) } }
  /// Quoted phrases, each as its folded words.
  public var phrases: [[String]] {
    phraseTokens.map { $0.map { String(decoding: $0.folded, as: UTF8.self) } }
  }
  /// Document numbers in canonical form: folded parts, leading zeros dropped, joined by `.`
  /// (`07-KL/TW` → `7.kl.tw`).
  public var numbers: [String] { numberKeys.map { String(decoding: $0.dropFirst(), as: UTF8.self) } }
  public private(set) var dates: [Day] = []
  /// Folded, without spaces or punctuation, without a leading `tỉnh`/`thành phố`.
  public private(set) var province: String?
  /// The `province:` value as typed: read as `--province` reads a name (`tp hcm`, `unknown`).
  public private(set) var provinceText: String?
  /// `level:central`, `level:province`, `level:district`, `level:unknown`.
  public private(set) var level: Level?
  /// Folded, without spaces (`congvan`).
  public private(set) var type: String?
  public private(set) var year: Int?
  /// Canonical number of a cited document (see `numbers`).
  public private(set) var cites: String?
  /// `rel:`: a relation some citation must have (the citation of `cites` when both are given).
  public private(set) var relation: Relation?

  /// True when the query asks nothing: every document matches.
  public var isEmpty: Bool {
    words.isEmpty && phraseTokens.isEmpty && numberKeys.isEmpty && dateKeys.isEmpty && province == nil
      && level == nil && type == nil && year == nil && cites == nil && relation == nil
  }

  /// Parses a query. With `lastWordIsPrefix`, a last word not followed by a space matches every
  /// word it begins (for filtering as the reader types).
  public static func parse(_ text: String, lastWordIsPrefix: Bool = false) -> SearchQuery {
    var query = SearchQuery()
    var bare = ""
    var lexer = QueryLexer(text.precomposedStringWithCanonicalMapping)
    let pieces = lexer.pieces()
    var index = 0
    while index < pieces.count {
      let piece = pieces[index]
      index += 1
      switch piece {
      case .phrase(let phrase):
        query.addPhrase(phrase)
      case .word(let word):
        bare += word + " "
      case .field(let name, let value, let quoted):
        var value = value
        if !quoted, let names = knownNames(forField: name) {
          while index < pieces.count, case .word(let next) = pieces[index] {
            let joined = fieldKey(value + " " + next)
            guard names.contains(where: { $0.hasPrefix(joined) }) else { break }
            value += " " + next
            index += 1
          }
        }
        if !quoted && ["cites", "trich"].contains(name.folded) {
          // `cites:07 kl tw`: a number typed with spaces takes up to three parts.
          while index < pieces.count, case .word(let next) = pieces[index], next.count <= 6,
            next.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil }
            ),
            canonicalDocumentNumber(value).split(separator: ".").count < 3
          {
            value += " " + next
            index += 1
          }
        }
        if !query.applyField(name: name, value: value) { bare += name + ":" + value + " " }
      }
    }
    query.addBareText(bare, endsWithWord: lastWordIsPrefix && !(text.last?.isWhitespace ?? true))
    return query
  }

  private mutating func applyField(name: String, value: String) -> Bool {
    switch name.folded {
    case "province", "tinh":
      let key = Self.fieldKey(value)
      guard !key.isEmpty else { return false }
      province = key
      provinceText = value.trimmingCharacters(in: .whitespaces)
    case "level", "cap":
      let key = Self.fieldKey(value)
      guard let level = Level.allCases.first(where: { $0.rawValue == key }) else { return false }
      self.level = level
    case "type", "loai":
      let key = Self.fieldKey(value)
      guard !key.isEmpty else { return false }
      type = key
    case "year", "nam":
      guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else { return false }
      year = number
    case "cites", "trich":
      let key = canonicalDocumentNumber(value)
      guard !key.isEmpty else { return false }
      cites = key
    case "rel", "relation", "quanhe":
      let key = Self.fieldKey(value)
      guard let relation = Relation.allCases.first(where: { Self.fieldKey($0.rawValue) == key }) else {
        return false
      }
      self.relation = relation
    default:
      return false
    }
    return true
  }

  private static func knownNames(forField name: String) -> [String]? {
    switch name.folded {
    case "province", "tinh": return provinceKeys + provinceAliasKeys
    case "type", "loai": return documentTypeKeys
    default: return nil
    }
  }

  /// Field keys of every province name, before and after the 1 July 2025 merger.
  static let provinceKeys: [String] = Array(
    Set(Gazetteer.standard.provinces.flatMap { [$0.name, $0.name2025] }.map { fieldKey($0) }))

  /// Names `--province` takes beside the provinces' own, so that `province:sai gon` reads as one value.
  static let provinceAliasKeys = ["hcm", "saigon", "tphcm", ProvinceSelection.unknownWord]

  static let documentTypeKeys: [String] = [
    "Công văn", "Chỉ thị", "Nghị quyết", "Kết luận", "Thông báo", "Công điện", "Điện", "Kế hoạch",
    "Quyết định", "Hướng dẫn", "Báo cáo", "Quy chế", "Quy định", "Tờ trình", "Chương trình", "Lời kêu gọi",
    "Nghị định", "Thông tư", "Luật",
  ].map { fieldKey($0) }

  /// The comparable form of a province or type name: folded, letters and digits only, without
  /// a leading `tỉnh`, `thành phố` or `tp`.
  static func fieldKey(_ text: String) -> String {
    var folded = text.folded
    for prefix in ["tinh ", "thanh pho ", "tp. ", "tp "] where folded.hasPrefix(prefix) {
      folded.removeFirst(prefix.count)
      break
    }
    return String(
      folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        .map(Character.init))
  }

  private mutating func addPhrase(_ text: String) {
    var tokens: [Word] = []
    var derived: [[UInt8]] = []
    withSearchTokenizer(text) { tokenizer in
      var detector = DerivedTermDetector()
      while tokenizer.next() {
        tokens.append(Word(folded: tokenizer.token.foldedBytes, exactHash: tokenizer.token.exactHash))
        detector.feed(tokenizer.token) { derived.append($0.keyBytes) }
      }
      detector.finish { derived.append($0.keyBytes) }
    }
    guard !tokens.isEmpty else { return }
    if tokens.count == 1 {
      words.append(tokens[0])
    } else {
      phraseTokens.append(tokens)
      phraseDerivedKeys.append(derived)
    }
  }

  private mutating func addBareText(_ text: String, endsWithWord: Bool) {
    var tokens: [Word] = []
    var consumed: [Bool] = []
    withSearchTokenizer(text) { tokenizer in
      var detector = DerivedTermDetector(acceptsSpacedCodes: true)
      let take: (DerivedTerm) -> Void = { term in
        let key = term.keyBytes
        if key.first == DerivedTerm.datePrefix {
          if !dateKeys.contains(key) { dateKeys.append(key) }
        } else if !numberKeys.contains(key) {
          numberKeys.append(key)
        }
        for position in term.firstToken..<term.endToken where position < consumed.count {
          consumed[position] = true
        }
      }
      while tokenizer.next() {
        tokens.append(Word(folded: tokenizer.token.foldedBytes, exactHash: tokenizer.token.exactHash))
        consumed.append(false)
        detector.feed(tokenizer.token, emit: take)
      }
      detector.finish(emit: take)
    }
    for (position, token) in tokens.enumerated() where !consumed[position] {
      if !words.contains(token) { words.append(token) }
    }
    lastWordIsPrefix =
      endsWithWord && !(consumed.last ?? true) && !words.isEmpty
      && words.last == tokens.last
    var run: [Word] = []
    for (position, token) in tokens.enumerated() {
      let typing = lastWordIsPrefix && position == tokens.count - 1
      if consumed[position] || typing {
        if run.count > 1 { adjacentRuns.append(run) }
        run = []
      } else {
        run.append(token)
      }
    }
    if run.count > 1 { adjacentRuns.append(run) }
    dates = dateKeys.compactMap { key in
      let digits = Array(key.dropFirst())
      guard digits.count == 8, let value = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
      return Day(year: value / 10000, month: value / 100 % 100, day: value % 100)
    }
  }
}

/// Splits a query into words, quoted phrases and `field:value` pieces.
private struct QueryLexer {
  enum Piece {
    case word(String)
    case phrase(String)
    case field(name: String, value: String, quoted: Bool)
  }

  private let scalars: [Unicode.Scalar]
  private var position = 0

  init(_ text: String) { scalars = Array(text.unicodeScalars) }

  private static let fieldNames: Set<String> = [
    "province", "tinh", "level", "cap", "type", "loai", "year", "nam", "cites", "trich", "rel", "relation",
    "quanhe",
  ]

  mutating func pieces() -> [Piece] {
    var result: [Piece] = []
    while position < scalars.count {
      let scalar = scalars[position]
      if scalar.properties.isWhitespace {
        position += 1
      } else if Self.isQuote(scalar) {
        position += 1
        result.append(.phrase(readUntilQuote()))
      } else {
        let word = readWord()
        if let colon = word.firstIndex(of: ":"), Self.fieldNames.contains(String(word[..<colon]).folded) {
          let name = String(word[..<colon])
          let rest = String(word[word.index(after: colon)...])
          if rest.isEmpty, position < scalars.count, Self.isQuote(scalars[position]) {
            position += 1
            result.append(.field(name: name, value: readUntilQuote(), quoted: true))
          } else if !rest.isEmpty {
            result.append(.field(name: name, value: rest, quoted: false))
          }
        } else {
          result.append(.word(word))
        }
      }
    }
    return result
  }

  private static func isQuote(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}"
  }

  private mutating func readUntilQuote() -> String {
    var text = String.UnicodeScalarView()
    while position < scalars.count, !Self.isQuote(scalars[position]) {
      text.append(scalars[position])
      position += 1
    }
    position += 1
    return String(text)
  }

  private mutating func readWord() -> String {
    var text = String.UnicodeScalarView()
    while position < scalars.count, !scalars[position].properties.isWhitespace,
      !Self.isQuote(scalars[position])
    {
      text.append(scalars[position])
      position += 1
    }
    return String(text)
  }
}
