import DirectiveKit
import XCTest

@testable import VanbanUI

/// A first load that streams: batches of parsed documents as events, then the linked corpus.
final class StreamingTests: XCTestCase {
  static let provinces = ["An Giang", "Cà Mau", "Hà Nội", "Nam Định", "Kiên Giang"]

  /// `count` documents over three years, five provinces, numbers and files in no order; one in
  /// ten undated. `Day` and the files make the list order total.
  static func documents(_ count: Int) -> [Document] {
    return (0..<count).map { serial in
      let scrambled = (serial * 7919) % 1009
      var document = Document(
        id: String(format: "d%04d", serial),
        file: String(format: "corpus/%02d/d%04d.txt", serial % 13, serial),
        text: "Văn bản số \(serial)")
      if serial % 10 != 3 {
        document.date = Day(
          iso: String(format: "20%02d-%02d-%02d", 20 + scrambled % 3, 1 + scrambled % 12, 1 + scrambled % 28))
      }
      document.province = provinces[scrambled % provinces.count]
      document.number = "\(scrambled % 400)-CV/TU"
      document.type = "Công văn"
      document.subject = "Chủ đề \(serial)"
      return document
    }
  }

  /// The documents cut in batches in a shuffled order, as workers finish them.
  static func batches(_ documents: [Document], size: Int) -> [[Document]] {
    let order = documents.indices.sorted { ($0 * 31 % 97, $0) < ($1 * 31 % 97, $1) }
    return stride(from: 0, to: order.count, by: size).map { start in
      order[start..<min(order.count, start + size)].map { documents[$0] }
    }
  }

  func streamingState(width: Int = 100, height: Int = 20) -> AppState {
    AppState(library: Library.growing(nil, adding: []), width: width, height: height)
  }

  func selectedID(_ state: AppState) -> String {
    state.library.documents[state.visibleDocuments[state.page.selection]].id
  }

  func testTheLibraryGrowsInListOrderAndTheCursorStaysOnItsDocument() {
    let all = Self.documents(300)
    let batches = Self.batches(all, size: 37)
    var state = streamingState()
    var fed: [Document] = []
    var watched: (id: String, row: Int)?
    for (number, batch) in batches.enumerated() {
      fed += batch
      state = update(state, .documentsParsed(batch, filesDone: fed.count, filesTotal: all.count))
      XCTAssertEqual(state.library.documents.map(\.id), Corpus.sortedForList(fed).map(\.id))
      XCTAssertEqual(state.visibleDocuments.count, fed.count)
      let text = render(state).text
      let load = fed.count < all.count ? "loading \(fed.count) of 300 files" : "linking 300 files…"
      XCTAssertTrue(text.contains("\(fed.count) of \(fed.count) parsed documents · \(load)"), text)
      XCTAssertFalse(text.contains("warning"), "no warning count before the corpus is linked")
      if let watched {
        XCTAssertEqual(selectedID(state), watched.id, "batch \(number)")
        XCTAssertEqual(state.page.selection - state.page.scroll, watched.row, "batch \(number)")
        XCTAssertTrue(
          text.split(separator: "\n")[3 + watched.row].contains("▸"), "the selected row is where it was")
      }
      if number == 2 {
        // The user moves down the list; later batches fall before and after this document.
        state = update(state, .key(.pageDown))
        state = update(state, .key(.down))
        watched = (selectedID(state), state.page.selection - state.page.scroll)
        XCTAssertGreaterThan(watched!.row, 0)
      }
    }
    // Between merges, only the count moves.
    let merged = state.library
    let counted = update(state, .documentsParsed([], filesDone: 299, filesTotal: 300))
    XCTAssertTrue(counted.library === merged)
    XCTAssertEqual(counted.loading, LoadStatus(documents: 300, filesTotal: 300), "the count never goes back")
    let early = update(streamingState(), .documentsParsed([], filesDone: 12, filesTotal: 300))
    XCTAssertTrue(early.library.documents.isEmpty)
    XCTAssertTrue(render(early).text.contains("0 of 0 parsed documents · loading 12 of 300 files"))
    XCTAssertEqual(state.loading, LoadStatus(documents: 300, filesTotal: 300))
    XCTAssertTrue(render(state).text.contains("linking 300 files…"))

    // The linked corpus replaces the grown library; the cursor stays on its document, on its row.
    let final = Library(corpus: Corpus(documents: Corpus.sortedForList(all)))
    state = update(state, .libraryLoaded(final))
    XCTAssertFalse(state.library.isPartial)
    XCTAssertNil(state.loading)
    XCTAssertEqual(selectedID(state), watched!.id)
    XCTAssertEqual(state.page.selection - state.page.scroll, watched!.row)
    let text = render(state).text
    XCTAssertTrue(text.contains("300 of 300 documents · "), text)
    XCTAssertFalse(text.contains("loading"), text)
  }

  func testTheSearchFiltersAndSortSurviveBatchesAndTheFinalCorpus() {
    let all = Self.documents(120)
    var state = streamingState()
    state = update(state, .documentsParsed(Array(all[0..<40]), filesDone: 40, filesTotal: 120))
    // A search of the fields works while the text index waits for the whole corpus.
    state = [Key.character("/")].reduce(state) { update($0, $1) }
    state = "ca mau".reduce(state) { update($0, .key(.character($1))) }
    state = update(state, .key(.enter))
    state = update(state, .key(.character("s")))
    XCTAssertEqual(state.sort, .province)
    func expected(_ documents: [Document]) -> [String] {
      let inCaMau = Corpus.sortedForList(documents).filter { $0.province == "Cà Mau" }
      return inCaMau.map(\.id)
    }
    XCTAssertEqual(
      state.visibleDocuments.map { state.library.documents[$0].id }, expected(Array(all[0..<40])))
    state = update(state, .documentsParsed(Array(all[40...]), filesDone: 120, filesTotal: 120))
    XCTAssertEqual(state.visibleDocuments.map { state.library.documents[$0].id }, expected(all))
    state = update(state, .libraryLoaded(Library(corpus: Corpus(documents: Corpus.sortedForList(all)))))
    XCTAssertEqual(state.query, "ca mau")
    XCTAssertEqual(state.sort, .province)
    XCTAssertEqual(state.visibleDocuments.map { state.library.documents[$0].id }, expected(all))
  }

  func testScreensThatNeedTheWholeCorpusSayItIsLoading() {
    let all = Self.documents(50)
    var state = streamingState(width: 120, height: 30)
    state = update(state, .documentsParsed(Array(all[0..<20]), filesDone: 20, filesTotal: 50))
    for key in ["2", "3", "w"] {
      let screen = update(state, .key(.character(Character(key))))
      XCTAssertNotEqual(screen.page.screen, .library, key)
      let text = render(screen).text
      XCTAssertTrue(text.contains("Loading the corpus: this page is shown once every file is read"), text)
      XCTAssertTrue(text.contains("loading… · loading 20 of 50 files"), text)
      XCTAssertFalse(text.contains("provinces ·") || text.contains("20 provinces"), text)
    }
    // The graph, open while the corpus loads, is drawn when it is in.
    var graph = update(state, .key(.character("2")))
    graph = update(graph, .libraryLoaded(Library(corpus: Corpus(documents: Corpus.sortedForList(all)))))
    XCTAssertFalse(render(graph).text.contains("Loading the corpus"), render(graph).text)
    XCTAssertEqual(graph.page.screen, .graph)
  }

  func testTheReaderOpensWhileLoadingAndFollowsItsDocumentToItsFinalID() {
    // Two files named alike: their ids get suffixes in path order; say the stream guessed wrong.
    var first = Document(id: "a~2", file: "z/a.txt", text: "Văn bản z")
    first.date = Day(iso: "2021-01-01")
    first.subject = "Văn bản z"
    var second = Document(id: "b", file: "b.txt", text: "Văn bản b")
    second.date = Day(iso: "2021-02-01")
    var state = streamingState()
    state = update(state, .documentsParsed([second, first], filesDone: 2, filesTotal: 4))
    state = update(state, .key(.enter))
    XCTAssertEqual(state.page.screen, .reader("a~2"))
    XCTAssertTrue(render(state).text.contains("Văn bản z"))
    // Marks wait: the id may still change.
    let marking = update(state, .key(.character("m")))
    XCTAssertEqual(marking.marks, [])
    XCTAssertEqual(marking.message, "wait for the corpus to load: ids are settled once every file is read")

    // A batch that lands before it leaves the reader as it was, laid out once.
    let layout = state.derived.readerLayout
    var third = Document(id: "c", file: "c.txt", text: "Văn bản c")
    third.date = Day(iso: "2020-06-01")
    state = update(state, .documentsParsed([third], filesDone: 3, filesTotal: 4))
    XCTAssertTrue(state.derived.readerLayout === layout)
    XCTAssertTrue(render(state).text.contains("Văn bản z"))

    // The linked corpus names it otherwise, whatever the stream said.
    var early = Document(id: "a", file: "a/a.txt", text: "Văn bản a")
    early.date = Day(iso: "2020-01-01")
    first.id = "a~3"
    let documents = [early, second, first, third]
    state = update(state, .libraryLoaded(Library(corpus: Corpus(documents: Corpus.sortedForList(documents)))))
    XCTAssertEqual(state.page.screen, .reader("a~3"))
    XCTAssertTrue(render(state).text.contains("Văn bản z"))
    let back = update(state, .key(.backspace))
    XCTAssertEqual(back.page.screen, .library)
    XCTAssertEqual(back.library.documents[back.visibleDocuments[back.page.selection]].file, "z/a.txt")
    XCTAssertEqual(update(state, .key(.character("m"))).marks, ["a~3"])
  }

  func testAWarmLoadReplacesTheEmptyLibraryAtOnce() {
    var state = streamingState()
    XCTAssertTrue(state.isStreaming)
    let final = Library(corpus: Corpus(documents: Corpus.sortedForList(Self.documents(10))))
    state = update(state, .libraryLoaded(final))
    XCTAssertFalse(state.isStreaming)
    XCTAssertEqual(state.page.selection, 0)
    XCTAssertTrue(render(state).text.contains("10 of 10 documents · "))
  }

  func testCountsAreGroupedByThousands() {
    XCTAssertEqual(
      [0, 7, 999, 1000, 12_345, 100_000, 1_234_567, -4200].map(groupedDigits),
      ["0", "7", "999", "1,000", "12,345", "100,000", "1,234,567", "-4,200"])
  }
}
