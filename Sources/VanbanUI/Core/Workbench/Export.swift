import DirectiveKit

/// The rows of the screen shown, as a table to write as CSV or JSON (`e`): pure functions of the
/// state. The library's columns are those of `vanban list --format csv` (docs/json.md) with the
/// note; the cited page's those of `vanban cited-by --format csv`.
public struct ExportTable: Sendable {
  /// `library`, `cited-<id>`, `matrix`, `warnings`, …: the default file name's middle.
  public var name: String
  public var header: [String]
  public var rows: [[String?]]
  /// The JSON when it is richer than the rows as strings (the library: the documents of
  /// `vanban list --json`, each with its note).
  public var json: JSONValue?

  public var defaultFileName: String { "vanban-\(name).csv" }

  public func csv() -> String { CSV.render(header: header, rows: rows) }

  /// An array of objects, one per row, the header as keys.
  public func jsonText() -> String {
    let value =
      json
      ?? .array(
        rows.map { row in
          .object(zip(header, row).map { ($0, $1.map(JSONValue.string) ?? .null) })
        })
    return value.rendered(indent: 2) + "\n"
  }

  /// The file's contents by its extension, nil for another one.
  public func contents(forFile path: String) -> String? {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") { return csv() }
    if lower.hasSuffix(".json") { return jsonText() }
    return nil
  }
}

extension AppState {
  /// The table `e` writes for the screen shown, nil where there is nothing to export.
  public var exportTable: ExportTable? {
    switch page.screen {
    case .library: return libraryExport
    case .cited(let id): return citedExport(id)
    case .graph: return showMatrix ? matrixExport : nil
    case .warnings: return warningsExport
    case .marks: return marksExport
    default: return nil
    }
  }

  private func isBuiltIn(_ document: Document) -> Bool { builtInCorpus }

  private func documentTable(_ name: String, _ documents: [Document]) -> ExportTable {
    let header = ContractCSV.documentHeader + ["marked", "note"]
    let rows = documents.map { document in
      ContractCSV.documentRow(document, builtIn: isBuiltIn(document)) + [
        String(marks.contains(document.id)), notes[document.id],
      ]
    }
    let json = JSONValue.array(
      documents.map { document in
        guard case .object(var pairs) = ContractJSON.document(document, builtIn: isBuiltIn(document)) else {
          return .null
        }
        pairs.append(("marked", .bool(marks.contains(document.id))))
        pairs.append(("note", notes[document.id].map(JSONValue.string) ?? .null))
        return .object(pairs)
      })
    return ExportTable(name: name, header: header, rows: rows, json: json)
  }

  var libraryExport: ExportTable {
    documentTable("library", visibleDocuments.map { library.documents[$0] })
  }

  var marksExport: ExportTable {
    let ids = marks + notes.keys.sorted().filter { !marks.contains($0) }
    return documentTable("marks", ids.compactMap { library.document(id: $0) })
  }

  /// `vanban cited-by ID --format csv`, for the province filter in force.
  func citedExport(_ id: String) -> ExportTable {
    let cited = library.cited(id: id)
    let citing = (cited?.citing ?? []).compactMap { library.document(id: $0) }.filter { document in
      provinceFilter.isEmpty || provinceFilter.contains { $0.matches(document) }
    }
    let rows: [[String?]] = citing.map { document in
      let relation =
        Relation.strongest(document.citations.filter { $0.target == id }.map(\.relation)) ?? .refers
      let lag = document.date.flatMap { day in cited?.date.map { day.days(since: $0) } }
      return [
        document.id, document.province, document.date?.iso, document.notBefore?.iso, lag.map(String.init),
        relation.rawValue, notes[document.id],
      ]
    }
    let safeID = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    return ExportTable(
      name: "cited-\(safeID)",
      header: ["id", "province", "date", "not_before", "lag_days", "relation", "note"], rows: rows)
  }

  /// One row per province, one column per central document: the days to its first answer, `cites`
  /// for a citation without an answer, empty for none.
  var matrixExport: ExportTable {
    let answers = responses
    var provinces: [String] = []
    for central in answers {
      for province in central.provinces where !provinces.contains(province.province) {
        provinces.append(province.province)
      }
    }
    provinces.sort { ($0.folded, $0) < ($1.folded, $1) }
    let header =
      ["province"]
      + answers.map { central in
        ([library.cited(id: central.node.id)?.label ?? central.node.label]
          + [central.node.date?.iso].compactMap { $0 })
          .joined(separator: " ")
      }
    let rows: [[String?]] = provinces.map { province in
      [province]
        + answers.map { central -> String? in
          guard let group = central.provinces.first(where: { $0.province == province }) else { return nil }
          let entries = group.entries.filter { $0.isAnswer || $0.relation == nil }
          return entries.isEmpty ? "cites" : GraphScreen.earliestLag(entries, central: central.node.date)
        }
    }
    return ExportTable(name: "matrix", header: header, rows: rows)
  }

  /// Every warning: the files not read (no id), then each document's.
  var warningsExport: ExportTable {
    let corpus = library.corpus
    var rows: [[String?]] = corpus.loadWarnings.map { [nil, $0.path, "file not read", $0.reason] }
    for document in corpus.documents {
      for warning in document.warnings {
        rows.append([document.id, document.file, warning.code.title, warning.message])
      }
    }
    return ExportTable(name: "warnings", header: ["id", "file", "kind", "warning"], rows: rows)
  }
}
