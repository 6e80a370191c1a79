import DirectiveKit
import XCTest

@testable import VanbanUI

/// A corpus that comes whole (from its snapshot) is listed at once by a listing library, then
/// by the listed library with every table, then by the linked one with its graph: each step
/// shows the same rows in the same order, the selected document stays where it was, and what
/// a step does not have yet is said rather than drawn wrong.
final class WarmStartTests: XCTestCase {
  /// More documents than `Library.widthSample` measures, in list order. One type, past the
  /// sample's first screenfuls and between two of its measured documents, is wider than any other.
  static let wideType = "Hướng dẫn liên ngành thi hành"
  static let widePosition = 515

  static func corpus(_ count: Int = 5000) -> Corpus {
    var documents = Corpus.sortedForList(StreamingTests.documents(count))
    documents[widePosition].type = wideType
    return Corpus(documents: documents)
  }

  func start(_ library: Library, width: Int = 140, height: Int = 40) -> AppState {
    let empty = AppState(library: Library.growing(nil, adding: []), width: width, height: height)
    return update(empty, .libraryLoaded(library))
  }

  func lines(_ state: AppState) -> [String] {
    render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The subjects of the rows on screen, top to bottom.
  func listedSubjects(_ state: AppState) -> [String] {
    lines(state)[3..<(3 + state.listHeight)].compactMap { line in
      line.range(of: "Chủ đề ").map { String(line[$0.lowerBound...]).trimmingCharacters(in: " ") }
    }
  }

  func testTheFirstFrameListsTheCorpusInListOrderBeforeItsTables() {
    let corpus = Self.corpus()
    let listing = Library.listing(corpus)
    let listed = Library.listed(corpus)
    let linked = Library(linking: listed)
    let expected = corpus.documents.prefix(35).map { $0.subject! }

    var state = start(listing)
    XCTAssertEqual(state.listHeight, 35)
    XCTAssertTrue(state.library.awaitsGraph)
    XCTAssertFalse(state.isStreaming)
    XCTAssertEqual(state.visibleDocuments, Array(corpus.documents.indices))
    XCTAssertEqual(listedSubjects(state), expected)
    var text = lines(state)
    XCTAssertEqual(
      text[38],
      "5000 of 5000 documents · \(Format.counted(corpus.warningCount, "warning"))"
        + (corpus.warningCount > 0 ? " (w)" : "") + " · building the citation graph…")
    // No sparkline before the documents' months are read.
    XCTAssertFalse(text[1].contains("per month"), text[1])
    // The widths of a sample: every column but the type's, whose widest value it skipped.
    XCTAssertEqual(Array(listing.columnWidths.prefix(3)), Array(listed.columnWidths.prefix(3)))
    XCTAssertEqual(listed.columnWidths[3], DisplayWidth.width(of: Self.wideType))
    XCTAssertLessThan(listing.columnWidths[3], listed.columnWidths[3])
    XCTAssertFalse(Library.widthSample(corpus.documents.count).contains(Self.widePosition))
    XCTAssertTrue(Library.widthSample(corpus.documents.count).starts(with: 0..<512))
    // The rows shown first are measured, so none is cut.
    XCTAssertFalse(text[3..<38].contains { $0.contains("…") }, text.joined(separator: "\n"))

    // The user moves; then the tables come.
    state = update(state, .key(.pageDown))
    state = update(state, .key(.down))
    let selected = state.library.documents[state.visibleDocuments[state.page.selection]].id
    let row = state.page.selection - state.page.scroll
    let before = listedSubjects(state)
    state = update(state, .libraryLoaded(listed))
    XCTAssertTrue(state.library === listed)
    XCTAssertEqual(listedSubjects(state), before, "the same rows, in the same order")
    XCTAssertEqual(state.library.documents[state.visibleDocuments[state.page.selection]].id, selected)
    XCTAssertEqual(state.page.selection - state.page.scroll, row)
    text = lines(state)
    XCTAssertTrue(text[1].contains("per month"), text[1])
    XCTAssertTrue(text[38].hasSuffix(" · building the citation graph…"), text[38])
    XCTAssertEqual(
      text[2].components(separatedBy: "Type").first,
      lines(start(linked))[2].components(separatedBy: "Type").first)

    // The graph waits for its library, and says so; then it is drawn and the note goes.
    var graph = update(state, .key(.character("2")))
    XCTAssertTrue(
      lines(graph).contains {
        $0.contains("Building the citation graph: this page is shown once it is ready.")
      })
    XCTAssertEqual(graph.graphTable.responses.count, 0)
    graph = update(graph, .libraryLoaded(linked))
    XCTAssertFalse(lines(graph).contains { $0.contains("Building the citation graph") })
    XCTAssertEqual(graph.page.screen, .graph)
    state = update(state, .libraryLoaded(linked))
    XCTAssertEqual(listedSubjects(state), before)
    XCTAssertEqual(state.library.documents[state.visibleDocuments[state.page.selection]].id, selected)
    XCTAssertFalse(lines(state)[38].contains("building"), lines(state)[38])
  }

  func testEachStepDrawsTheLibraryAsTheLinkedCorpusDoes() {
    // The shipped corpus: a sample of five is every document, so the widths are whole at once.
    let corpus = Fixtures.corpus()
    let linked = start(Library(corpus: corpus), width: 100, height: 20)
    for library in [Library.listing(corpus), Library.listed(corpus)] {
      let state = start(library, width: 100, height: 20)
      XCTAssertEqual(state.library.columnWidths, linked.library.columnWidths)
      let (shown, whole) = (lines(state), lines(linked))
      // Everything but the sparkline, which waits for the listed library, and the status note.
      if library.monthNumbers != nil { XCTAssertEqual(shown[1], whole[1]) }
      XCTAssertEqual(shown[2..<18], whole[2..<18])
      XCTAssertEqual(shown[18], whole[18] + " · building the citation graph…")
    }
  }

  func testKeysWorkOnTheListingAndScreensOfTheGraphWait() {
    let corpus = Fixtures.corpus()
    var state = start(Library.listing(corpus), width: 100, height: 20)
    // The reader opens (its id looked up among the documents), and comes back.
    state = update(state, .key(.enter))
    XCTAssertEqual(state.page.screen, .reader(corpus.documents[0].id))
    XCTAssertTrue(render(state).text.contains(corpus.documents[0].subject!.prefix(20)))
    state = update(state, .key(.backspace))
    // Marks need settled ids only, which a listing has.
    state = update(state, .key(.character("m")))
    XCTAssertEqual(state.marks, [corpus.documents[0].id])
    for key in ["2", "3", "w"] {
      let screen = update(state, .key(.character(Character(key))))
      XCTAssertTrue(render(screen).text.contains("Building the citation graph"), key)
      XCTAssertEqual(
        update(screen, .key(.character("e"))).message,
        "wait for the citation graph: this page is not drawn yet")
    }
    // A province filter and a sort work on the listing as on the linked library.
    let linked = start(Library(corpus: corpus), width: 100, height: 20)
    func narrowed(_ state: AppState) -> [String] {
      var state = update(state, .key(.character("p")))
      state = "nam dinh".reduce(state) { update($0, .key(.character($1))) }
      state = update(state, .key(.enter))
      state = update(state, .key(.character("s")))
      return state.visibleDocuments.map { state.library.documents[$0].id }
    }
    XCTAssertEqual(narrowed(state), narrowed(linked))
    XCTAssertFalse(narrowed(linked).isEmpty)
  }

  func testALibraryLinkedWithItsResponsesHandsThemToTheGraphScreen() {
    let corpus = Fixtures.corpus()
    let listed = Library.listed(corpus)
    let linked = Library(linking: listed, withResponses: true)
    XCTAssertNil(Library(linking: listed).unfilteredResponses)
    XCTAssertEqual(linked.unfilteredResponses, Library(corpus: corpus).responses())
    XCTAssertFalse(linked.unfilteredResponses?.isEmpty ?? true)
    var waiting = update(start(listed, width: 100, height: 30), .key(.character("2")))
    XCTAssertNil(waiting.allResponses)
    waiting = update(waiting, .libraryLoaded(linked))
    XCTAssertEqual(waiting.allResponses, linked.unfilteredResponses)
    let direct = update(start(Library(corpus: corpus), width: 100, height: 30), .key(.character("2")))
    XCTAssertEqual(render(waiting).text, render(direct).text)
  }

  func testTheListingNeitherSearchesFieldsNorReadsTheGraphUntilItsStepsCome() {
    let corpus = Fixtures.corpus()
    let listing = Library.listing(corpus)
    XCTAssertTrue(listing.responses().isEmpty)
    XCTAssertNil(listing.related(id: corpus.documents[0].id))
    XCTAssertTrue(listing.cited.isEmpty)
    XCTAssertEqual(listing.warningCount, corpus.warningCount)
    XCTAssertEqual(Library.listed(corpus).warningCount, corpus.warningCount)
    let linked = Library(corpus: corpus)
    XCTAssertFalse(linked.responses().isEmpty)
    XCTAssertFalse(linked.cited.isEmpty)
    // The listed library finds a document by its fields, as the linked one does.
    let listed = Library.listed(corpus)
    XCTAssertEqual(listed.matching("nam dinh", index: nil), linked.matching("nam dinh", index: nil))
    XCTAssertFalse(listed.matching("nam dinh", index: nil).isEmpty)
    XCTAssertEqual(listed.provinces, linked.provinces)
    XCTAssertEqual(listing.provinces, linked.provinces)
  }
}
