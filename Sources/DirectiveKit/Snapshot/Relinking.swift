import Dispatch
import Foundation

/// A corpus linked again after some files changed, relinking only the documents the change can
/// touch and taking the others as the snapshot last stored them.
///
/// A document's linked form depends on the rest of the corpus through the documents filed under
/// the keys it looks up (`LinkFacts.lookups`), the dated external keys cited anywhere (for its
/// numbers cited without a year), the documents citing it (`citedBy`) and the signals (flags).
/// So the documents relinked from their parsed form are: the added, changed and renamed ones,
/// those whose id changes (a clash of file names), those that looked up a key under which a
/// document was added or removed, and those whose numbers without a year have options that
/// changed. `citedBy`, the list order and the flags are then brought up to date for all.
enum Relinking {
  /// What a load through a snapshot did, for tests: which path it took, and how many documents
  /// it relinked.
  struct Report: Equatable, Sendable {
    enum Path: Equatable, Sendable {
      /// Nothing changed: the linked corpus as stored.
      case unchanged
      /// Only the documents a change touches were relinked.
      case incremental
      /// Every document was linked again, and why.
      case full(String)
    }
    var path: Path
    var relinked = 0
  }

  private static let reports = ReportBox()
  /// The report of the last load through a snapshot in this process.
  static var lastReport: Report? { reports.value }
  static func record(_ report: Report) { reports.value = report }

  /// More documents to relink than this share of the corpus, and linking them all is as cheap.
  static func tooMany(_ dirty: Int, of count: Int) -> Bool { dirty > 256 && dirty * 3 > count }

  struct Result {
    /// In list order, linked and flagged.
    var documents: [Document]
    var facts: [LinkFacts]
    var loadWarnings: [LoadWarning]
    var signals: Signals
    /// The parsed documents of the files that were not taken as stored (added, changed, renamed):
    /// what the snapshot stores for them, by file position.
    var parsed: [Int: Document]
    var relinked: Int
  }

  /// One document of the new corpus, in path order.
  private enum Slot {
    /// The stored linked document at this position of the old list, unchanged so far.
    case kept(Int)
    /// A parsed document to link.
    case fresh(Document)
  }

  enum Outcome {
    case relinked(Result)
    /// Why not: the snapshot lacks what this needs, or the change is too large to gain from it.
    /// The caller links everything.
    case declined(String)
  }

  /// `reused`: per file, the stored entry that holds it (same path, or same content under another
  /// name); `parsed`: the outcomes of the other files.
  static func relink(
    previous: Snapshot, files: [String], stamps: [FileStamp], reused: [Int?], parsed: [Int: LoadOutcome],
    warnings: [LoadWarning]
  ) -> Outcome {
    guard let linked = previous.linked, let factsRange = previous.linkFacts else {
      return .declined("the snapshot holds no link facts")
    }
    var reader = ByteReader(previous.mapping.bytes, from: factsRange.lowerBound, to: factsRange.upperBound)
    guard let oldFacts = try? LinkFacts.read(from: &reader), reader.isAtEnd, oldFacts.count == linked.count,
      var oldDocuments = decode(linked, from: previous)
    else { return .declined("the snapshot's linked documents or their link facts cannot be read") }
    var oldPositionOfEntry: [Int: Int] = [:]
    oldPositionOfEntry.reserveCapacity(linked.count)
    for (position, item) in linked.enumerated() { oldPositionOfEntry[item.entry] = position }
    let unreadable = Outcome.declined("a document of the snapshot cannot be read")
    /// `stamp`: the file's, when it is the stored one under another name.
    func parsedForm(ofEntry entry: Int, file: String, stamp: FileStamp? = nil) -> Document? {
      guard var document = try? previous.document(entry: entry, asFile: file, stamp: stamp) else {
        return nil
      }
      document.file = file
      return document
    }

    // The documents in path order, and the warnings of files that became none.
    var loadWarnings = warnings
    var slots: [Slot] = []
    var slotFiles: [String] = []
    var fileOfSlot: [Int] = []
    slots.reserveCapacity(files.count)
    var storedParsed: [Int: Document] = [:]
    for index in files.indices {
      if let entry = reused[index] {
        if previous.entries[entry].path == files[index], let position = oldPositionOfEntry[entry] {
          slots.append(.kept(position))
        } else {
          guard let document = parsedForm(ofEntry: entry, file: files[index], stamp: stamps[index]) else {
            return unreadable
          }
          storedParsed[index] = document
          slots.append(.fresh(document))
        }
      } else {
        switch parsed[index] {
        case .document(let document)?:
          storedParsed[index] = document
          slots.append(.fresh(document))
        case .skipped(let warning)?: loadWarnings.append(warning)
        case nil: return .declined("a file was neither stored nor parsed")
        }
      }
      slotFiles.append(files[index])
      fileOfSlot.append(index)
    }
    let count = slots.count

    // A stored document whose id changes (a file of the same name came or went) is relinked too.
    let ids = Corpus.ids(files: slotFiles)
    var keptSlotOfOld: [Int?] = Array(repeating: nil, count: linked.count)
    for slot in slots.indices {
      guard case .kept(let position) = slots[slot] else { continue }
      if oldDocuments[position].id == ids[slot] {
        keptSlotOfOld[position] = slot
      } else {
        guard let document = parsedForm(ofEntry: linked[position].entry, file: slotFiles[slot]) else {
          return unreadable
        }
        slots[slot] = .fresh(document)
      }
    }

    // Keys under which a document came or went: whoever looked one up is relinked.
    var changedLookups: Set<String> = []
    var changedPrefixes: Set<String> = []
    for position in linked.indices where keptSlotOfOld[position] == nil {
      if let own = oldFacts[position].own { changedLookups.insert(own.lookup) }
      for key in oldFacts[position].datedExternal { changedPrefixes.insert(LinkFacts.prefix(ofDated: key)) }
    }
    var owns: [LinkFacts.Own?] = Array(repeating: nil, count: count)
    var keys = CitationLinker.Keys()
    var dirty: [Int: Document] = [:]
    for slot in slots.indices {
      switch slots[slot] {
      case .kept(let position):
        owns[slot] = oldFacts[position].own
        if let own = owns[slot] { keys.add(own, index: slot, document: oldDocuments[position]) }
      case .fresh(var document):
        document.id = ids[slot]
        owns[slot] = CitationLinker.ownKey(of: document)
        if let own = owns[slot] {
          changedLookups.insert(own.lookup)
          keys.add(own, index: slot, document: document)
        }
        dirty[slot] = document
      }
    }
    /// Takes a kept document back to its stored parsed form, to be relinked; false when it cannot be read.
    func markDirty(_ slot: Int, keptAt position: Int) -> Bool {
      guard var document = parsedForm(ofEntry: linked[position].entry, file: slotFiles[slot]) else {
        return false
      }
      document.id = ids[slot]
      dirty[slot] = document
      return true
    }
    if !changedLookups.isEmpty {
      for slot in slots.indices {
        guard case .kept(let position) = slots[slot],
          oldFacts[position].lookups.contains(where: changedLookups.contains)
        else { continue }
        guard markDirty(slot, keptAt: position) else { return unreadable }
      }
    }

    // Relinked from their parsed form; a change of the dated external keys a document cites
    // changes the options of every number cited without a year under the same prefix.
    var newFacts: [Int: LinkFacts] = [:]
    var undated: [Int: [(position: Int, prefix: String)]] = [:]
    var pending = dirty.keys.sorted()
    var propagated: Set<String> = []
    while true {
      if tooMany(dirty.count, of: count) {
        return .declined("\(dirty.count) of \(count) documents to relink")
      }
      for slot in pending {
        let resolved = CitationLinker.resolve(&dirty[slot]!, index: slot, own: owns[slot], keys)
        newFacts[slot] = resolved.facts
        undated[slot] = resolved.undated
        let before: [String]
        if case .kept(let position) = slots[slot] {
          before = oldFacts[position].datedExternal
        } else {
          before = []
        }
        if before != resolved.facts.datedExternal {
          for key in before + resolved.facts.datedExternal {
            changedPrefixes.insert(LinkFacts.prefix(ofDated: key))
          }
        }
      }
      pending = []
      let unseen = changedPrefixes.subtracting(propagated)
      guard !unseen.isEmpty else { break }
      propagated.formUnion(unseen)
      for slot in slots.indices where dirty[slot] == nil {
        guard case .kept(let position) = slots[slot],
          oldFacts[position].undatedPrefixes.contains(where: unseen.contains)
        else { continue }
        guard markDirty(slot, keptAt: position) else { return unreadable }
        pending.append(slot)
      }
    }
    var factsOfSlot: [LinkFacts] = slots.indices.map { slot in
      if let facts = newFacts[slot] { return facts }
      guard case .kept(let position) = slots[slot] else { return LinkFacts() }
      return oldFacts[position]
    }
    let wanted = Set(newFacts.values.flatMap(\.undatedPrefixes))
    let years = CitationLinker.ExternalYears(wanted.isEmpty ? [] : factsOfSlot, only: wanted)
    for slot in dirty.keys {
      CitationLinker.resolveUndated(&dirty[slot]!, undated[slot] ?? [], years)
      CitationLinker.finish(&dirty[slot]!)
    }

    // The documents kept as stored stay in their order; the relinked ones go in between.
    for position in oldDocuments.indices {
      if let slot = keptSlotOfOld[position], dirty[slot] != nil { keptSlotOfOld[position] = nil }
    }
    var order: [(slot: Int, old: Int?)] = []
    order.reserveCapacity(count)
    var keptInOrder: [Int] = []
    keptInOrder.reserveCapacity(count)
    for position in oldDocuments.indices where keptSlotOfOld[position] != nil { keptInOrder.append(position) }
    let relinkedInOrder = dirty.keys.map { ($0, ListKey(dirty[$0]!)) }.sorted { $0.1 < $1.1 }
    var next = 0
    for (slot, key) in relinkedInOrder {
      var low = next
      var high = keptInOrder.count
      while low < high {
        let middle = (low + high) / 2
        if ListKey(oldDocuments[keptInOrder[middle]]) < key { low = middle + 1 } else { high = middle }
      }
      for position in keptInOrder[next..<low] { order.append((keptSlotOfOld[position]!, position)) }
      order.append((slot, nil))
      next = low
    }
    for position in keptInOrder[next...] { order.append((keptSlotOfOld[position]!, position)) }
    factsOfSlot = order.map { factsOfSlot[$0.slot] }

    var documents: [Document] = []
    documents.reserveCapacity(count)
    for (slot, old) in order {
      if let old {
        documents.append(take(&oldDocuments, old))
      } else {
        documents.append(dirty.removeValue(forKey: slot)!)
      }
    }
    setCitedBy(&documents, slotOf: order.map(\.slot))
    let signals = Signals(documents: documents)
    flag(&documents, signals)
    return .relinked(
      Result(
        documents: documents, facts: factsOfSlot, loadWarnings: loadWarnings, signals: signals,
        parsed: storedParsed, relinked: newFacts.count))
  }

  /// Moves a document out of the array, leaving an empty one: the array is dropped after.
  private static func take(_ documents: inout [Document], _ position: Int) -> Document {
    let document = documents[position]
    documents[position] = Document(id: "", file: "", text: "")
    return document
  }

  /// `citedBy` as a full link sets it: citing documents in path order (`slotOf`: each document's
  /// position in path order).
  private static func setCitedBy(_ documents: inout [Document], slotOf: [Int]) {
    var pathOrder = Array(repeating: 0, count: documents.count)
    for (position, slot) in slotOf.enumerated() { pathOrder[slot] = position }
    var citedBy: [String: [String]] = [:]
    for position in pathOrder {
      for citation in documents[position].citations where citation.inCorpus {
        citedBy[citation.target, default: []].append(documents[position].id)
      }
    }
    for position in documents.indices {
      let citing = citedBy[documents[position].id] ?? []
      if documents[position].citedBy != citing { documents[position].citedBy = citing }
    }
  }

  /// The warnings `Corpus.flagged` adds, brought up to date: a stored document carries those of
  /// its last link, which the change may have made wrong.
  private static func flag(_ documents: inout [Document], _ signals: Signals) {
    var flaggedPositions: [Int] = []
    for position in documents.indices
    where signals.stale[documents[position].id] != nil
      || documents[position].warnings.contains(where: { $0.code == .restsOnSuperseded })
    {
      flaggedPositions.append(position)
    }
    guard !flaggedPositions.isEmpty else { return }
    let labels = Labels(
      documents: documents, stale: flaggedPositions.flatMap { signals.stale[documents[$0].id] ?? [] })
    for position in flaggedPositions {
      var warnings = documents[position].warnings.filter { $0.code != .restsOnSuperseded }
      for stale in signals.stale[documents[position].id] ?? [] {
        warnings.append(DocumentWarning(.restsOnSuperseded, labels.warning(stale)))
      }
      if warnings != documents[position].warnings { documents[position].warnings = warnings }
    }
  }

  /// The labels of the nodes stale citations name, as the citation graph gives them, without
  /// building the graph.
  struct Labels {
    var labels: [String: String] = [:]

    init(documents: [Document], stale: [StaleCitation]) {
      var wanted = Set(stale.flatMap { [$0.target, $0.supersession.by] })
      var external: [String: [Citation]] = [:]
      // By position: `for document in documents` would copy every document.
      for position in documents.indices {
        let id = documents[position].id
        if wanted.remove(id) != nil {
          labels[id] = CitationGraph.label(
            type: documents[position].type, number: documents[position].number, date: documents[position].date
          )
        }
      }
      guard !wanted.isEmpty else { return }
      for position in documents.indices {
        for citation in documents[position].citations
        where !citation.inCorpus && wanted.contains(citation.target) {
          external[citation.target, default: []].append(citation)
        }
      }
      for (id, citations) in external {
        labels[id] = CitationGraph.mergedNode(id: id, citations: citations).label
      }
    }

    func warning(_ stale: StaleCitation) -> String {
      let cited = labels[stale.target] ?? stale.target
      let by = labels[stale.supersession.by] ?? stale.supersession.by
      let verb = stale.supersession.relation == .repeals ? "repealed" : "replaced"
      return
        "\(stale.relation.phrase) \(cited), which \(by) (\(stale.supersession.by)) \(verb) on \(stale.supersession.date.vietnamese)"
    }
  }

  /// The stored linked documents, decoded on all cores; nil when any fails.
  private static func decode(_ linked: [Snapshot.Linked], from snapshot: Snapshot) -> [Document]? {
    let chunkSize = 256
    let chunkCount = (linked.count + chunkSize - 1) / chunkSize
    let results = ResultSlots<[Document]>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      let range = (chunk * chunkSize)..<min(linked.count, (chunk + 1) * chunkSize)
      var documents: [Document] = []
      documents.reserveCapacity(range.count)
      for position in range {
        guard let document = try? snapshot.linkedDocument(linked[position]) else { return }
        documents.append(document)
      }
      results.set(chunk, documents)
      snapshot.release(snapshot.fields(of: linked[range]))
    }
    var documents: [Document] = []
    documents.reserveCapacity(linked.count)
    for chunk in results.values {
      guard let chunk else { return nil }
      documents.append(contentsOf: chunk)
    }
    return documents
  }
}

private final class ReportBox: @unchecked Sendable {
  private let lock = NSLock()
  private var report: Relinking.Report?
  var value: Relinking.Report? {
    get { lock.withLock { report } }
    set { lock.withLock { report = newValue } }
  }
}
