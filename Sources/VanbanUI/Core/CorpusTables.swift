import DirectiveKit

/// What the keys of a large corpus would otherwise compute again and again, computed once per
/// corpus on another thread (`Event.tablesReady`): each document's province as a small number, the
/// library's orders, each document's month, the unfiltered graph screen and the provinces screen.
/// A filter or a sort then narrows these instead of reading every document.
public struct CorpusTables: Sendable {
  /// The library they were built from: a state of another library does not read them.
  let library: Library
  /// The distinct (province, is central) pairs of the documents: what a province filter decides on.
  let provinceKeys: [(province: String?, isCentral: Bool)]
  /// Each document's position in `provinceKeys`.
  let provinceKeyOfDocument: [Int32]
  /// Every document in each order but the date's (the corpus's own), ties in corpus order.
  let orders: [SortOrder: [Int]]
  /// Each document's month as the sparkline counts it (`Sparkline.monthNumber`), nil for none.
  let months: [Int32?]
  let graph: GraphTable
  /// The position in `graph.responses` of each central document's unfiltered tree.
  let responsePositions: [String: Int]
  let provinces: ProvincesTable

  public init(library: Library, responses: [CentralResponse]) {
    self.library = library
    let documents = library.documents
    var keys: [(province: String?, isCentral: Bool)] = []
    var keyPositions: [String?: [Bool: Int32]] = [:]
    provinceKeyOfDocument = documents.map { document in
      let isCentral = document.level == .central
      if let known = keyPositions[document.province]?[isCentral] { return known }
      let position = Int32(keys.count)
      keys.append((document.province, isCentral))
      keyPositions[document.province, default: [:]][isCentral] = position
      return position
    }
    provinceKeys = keys
    orders = library.orders.isEmpty ? Library.sortOrders(of: documents) : library.orders
    months = library.monthNumbers ?? documents.map { Sparkline.month(of: $0).map(Sparkline.monthNumber) }
    graph = GraphTable(responses: responses, library: library)
    var positions: [String: Int] = [:]
    for (position, response) in responses.enumerated() { positions[response.node.id] = position }
    responsePositions = positions
    provinces = ProvincesTable(library: library, responses: responses)
  }

  /// The unfiltered response tree of a central document (`Library.response(to:)`), nil for
  /// another node.
  func response(to id: String) -> CentralResponse? {
    responsePositions[id].map { graph.responses[$0] }
  }

  /// For each of `provinceKeys`, whether the filter selects its documents.
  func selected(by filter: [ProvinceChoice]) -> [Bool] {
    provinceKeys.map { key in
      let level: Level = key.isCentral ? .central : .unknown
      return filter.contains { ProvinceSelection([$0]).matches(province: key.province, level: level) }
    }
  }

  /// Of `indices` (in corpus order), those the filter selects.
  func filter(_ indices: [Int], by filter: [ProvinceChoice]) -> [Int] {
    let selected = selected(by: filter)
    return indices.filter { selected[Int(provinceKeyOfDocument[$0])] }
  }

  /// The names `CitationGraph` files the documents of a filter under (`Library.unknownProvince`
  /// for those of none).
  func graphProvinces(of filter: [ProvinceChoice]) -> Set<String> {
    var names = Set<String>()
    for (key, isSelected) in zip(provinceKeys, selected(by: filter)) where isSelected {
      names.insert(key.province ?? CitationGraph.unknownProvince)
    }
    return names
  }

  /// The provinces of the documents a filter selects (none for those of no province).
  func provinceNames(selectedBy filter: [ProvinceChoice]) -> Set<String> {
    var names = Set<String>()
    for (key, isSelected) in zip(provinceKeys, selected(by: filter)) where isSelected {
      if let province = key.province { names.insert(province) }
    }
    return names
  }

  /// `indices` in the order `sort`, from the order of every document.
  func ordered(_ indices: [Int], by sort: SortOrder) -> [Int]? {
    orders[sort].map { Library.ordered(indices, as: $0) }
  }
}
