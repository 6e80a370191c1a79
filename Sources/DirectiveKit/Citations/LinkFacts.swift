/// What linking one document read of the rest of the corpus and left for it: enough to tell,
/// when other documents change, whether its linked form could change too. A snapshot keeps them
/// beside the linked corpus.
struct LinkFacts: Equatable, Sendable {
  /// How citations find a document, as parsed: by number (with the scope the number is valid
  /// in), or by type, issuer and date.
  enum Own: Equatable, Sendable {
    case numbered(key: String, scope: String)
    case unnumbered(key: String)

    /// The lookup that finds it: what a document citing it has among its `lookups`.
    var lookup: String {
      switch self {
      case .numbered(let key, _): return LinkFacts.numberLookup(key)
      case .unnumbered(let key): return LinkFacts.unnumberedLookup(key)
      }
    }
  }

  var own: Own?
  /// The keys under which it looked for documents of the corpus (its citations' numbers, and
  /// types, issuers and dates of unnumbered ones), each once.
  var lookups: [String] = []
  /// The external keys of a known year it cites, each once, in citation order: the options of
  /// numbers cited elsewhere without a year.
  var datedExternal: [String] = []
  /// The prefixes (key without the year) of the external numbers it cites without a year.
  var undatedPrefixes: [String] = []

  static func numberLookup(_ key: String) -> String { "n" + key }
  static func unnumberedLookup(_ key: String) -> String { "u" + key }

  /// The prefix of a dated external key: the key up to its year.
  static func prefix(ofDated key: String) -> String {
    String(key[...key.lastIndex(of: ":")!])
  }
}

extension LinkFacts {
  static func write(_ facts: [LinkFacts], to writer: inout ByteWriter) {
    writer.array(facts) { writer, fact in
      switch fact.own {
      case nil: writer.integer(0)
      case .numbered(let key, let scope):
        writer.integer(1)
        writer.string(key)
        writer.string(scope)
      case .unnumbered(let key):
        writer.integer(2)
        writer.string(key)
      }
      for list in [fact.lookups, fact.datedExternal, fact.undatedPrefixes] {
        writer.array(list) { $0.string($1) }
      }
    }
  }

  static func read(from reader: inout ByteReader) throws -> [LinkFacts] {
    try reader.array { reader in
      var fact = LinkFacts()
      switch try reader.integer() {
      case 0: break
      case 1: fact.own = .numbered(key: try reader.string(), scope: try reader.string())
      case 2: fact.own = .unnumbered(key: try reader.string())
      default: throw SnapshotDamage(reason: "a document's link keys are malformed")
      }
      fact.lookups = try reader.array { try $0.string() }
      fact.datedExternal = try reader.array { try $0.string() }
      for key in fact.datedExternal where !key.contains(":") {
        throw SnapshotDamage(reason: "a document's link keys are malformed")
      }
      fact.undatedPrefixes = try reader.array { try $0.string() }
      return fact
    }
  }
}
