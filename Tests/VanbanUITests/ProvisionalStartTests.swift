import DirectiveKit
import XCTest

@testable import VanbanUI

/// A warm start shows the corpus its snapshot last stored before the files are checked: the
/// status line says so, keys are answered, marks wait; then the confirmed corpus replaces it
/// (with what changed), or, when the snapshot turns out corrupt, the list empties with the
/// warning and fills again from the files.
final class ProvisionalStartTests: XCTestCase {
  func start(_ library: Library) -> AppState {
    update(
      AppState(library: Library.growing(nil, adding: []), width: 140, height: 40), .libraryLoaded(library))
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

  func statusLine(_ state: AppState) -> String { lines(state)[state.height - 2] }

  func selectedID(_ state: AppState) -> String {
    state.library.documents[state.visibleDocuments[state.page.selection]].id
  }

  func testTheProvisionalListingSaysItChecksFilesAndAnswersKeys() {
    let corpus = WarmStartTests.corpus()
    let provisional = Library.listing(corpus, provisional: true)
    var state = start(provisional)
    XCTAssertTrue(state.library.isProvisional)
    XCTAssertEqual(listedSubjects(state), corpus.documents.prefix(35).map { $0.subject! })
    XCTAssertTrue(statusLine(state).hasPrefix("5000 of 5000 documents · "), statusLine(state))
    XCTAssertTrue(statusLine(state).hasSuffix(" · checking files…"), statusLine(state))

    state = update(state, .key(.pageDown))
    state = update(state, .key(.down))
    let confirmedListing = update(update(start(Library.listing(corpus)), .key(.pageDown)), .key(.down))
    XCTAssertEqual(state.page.selection, confirmedListing.page.selection)
    XCTAssertGreaterThan(state.page.selection, 30)
    let selected = selectedID(state)
    // The reader opens and comes back; a province filter narrows the list.
    let reader = update(state, .key(.enter))
    XCTAssertEqual(reader.page.screen, .reader(selected))
    XCTAssertEqual(selectedID(update(reader, .key(.backspace))), selected)
    var narrowed = update(state, .key(.character("p")))
    narrowed = "ca mau".reduce(narrowed) { update($0, .key(.character($1))) }
    narrowed = update(narrowed, .key(.enter))
    XCTAssertFalse(narrowed.visibleDocuments.isEmpty)
    XCTAssertLessThan(narrowed.visibleDocuments.count, corpus.documents.count)
    XCTAssertTrue(narrowed.visibleDocuments.allSatisfy { corpus.documents[$0].province == "Cà Mau" })
    // Ids may still change: a mark shows, and its saving waits for the check (AwaitingCheckTests).
    var marked = update(state, .key(.character("m")))
    XCTAssertEqual(marked.marks, [selected])
    XCTAssertEqual(marked.takeRequests(), [])

    // Nothing changed: the same documents, confirmed; the same rows, the cursor where it was.
    let before = listedSubjects(state)
    let row = state.page.selection - state.page.scroll
    state = update(state, .libraryLoaded(Library.listing(corpus)))
    XCTAssertFalse(state.library.isProvisional)
    XCTAssertEqual(listedSubjects(state), before)
    XCTAssertEqual(selectedID(state), selected)
    XCTAssertEqual(state.page.selection - state.page.scroll, row)
    XCTAssertTrue(statusLine(state).hasSuffix(" · building the citation graph…"), statusLine(state))
    XCTAssertEqual(update(state, .key(.character("m"))).marks, [selected])
  }

  func testWhatChangedSinceTheSnapshotShowsWhenTheConfirmedCorpusComes() {
    let stored = WarmStartTests.corpus(600)
    var documents = stored.documents
    documents[3].subject = "Chủ đề đã sửa sau khi lưu"
    documents.remove(at: 1)
    let changed = Corpus(documents: documents)
    var state = start(Library.listing(stored, provisional: true))
    state = update(state, .key(.down))
    state = update(state, .key(.down))
    let selected = selectedID(state)
    XCTAssertEqual(selected, stored.documents[2].id)
    state = update(state, .libraryLoaded(Library.listing(changed)))
    XCTAssertEqual(selectedID(state), selected, "the cursor stays on its document")
    XCTAssertEqual(
      listedSubjects(state).prefix(4),
      [
        stored.documents[0].subject!, stored.documents[2].subject!, "Chủ đề đã sửa sau khi lưu",
        stored.documents[4].subject!,
      ])
    XCTAssertTrue(statusLine(state).hasPrefix("599 of 599 documents · "), statusLine(state))
  }

  func testACorruptSnapshotEmptiesTheListWithTheWarningAndTheFilesFillItAgain() {
    let corpus = WarmStartTests.corpus(600)
    let warning = "the snapshot is corrupt (checksum mismatch): it is rebuilt from the files"
    var state = start(Library.listing(corpus, provisional: true))
    state = update(state, .key(.down))
    state = update(state, .snapshotDistrusted(warning: warning))
    XCTAssertTrue(state.library.documents.isEmpty, "nothing of the corrupt snapshot stays")
    XCTAssertTrue(state.isStreaming)
    XCTAssertTrue(lines(state).contains { $0.contains("warning: " + warning) }, render(state).text)
    XCTAssertTrue(statusLine(state).contains("loading 0 of 600 files"), statusLine(state))
    // Keys are answered on the empty list.
    state = update(state, .key(.down))
    state = update(state, .key(.character("/")))
    state = update(state, .key(.escape))
    XCTAssertFalse(state.shouldQuit)
    // The files as they are parsed, then the linked corpus: the list of a fresh load.
    let parsed = StreamingTests.documents(600)
    for (number, batch) in StreamingTests.batches(parsed, size: 200).enumerated() {
      state = update(state, .documentsParsed(batch, filesDone: (number + 1) * 200, filesTotal: 600))
    }
    XCTAssertEqual(state.library.documents.count, 600)
    state = update(state, .libraryLoaded(Library.listed(corpus)))
    XCTAssertEqual(state.library.documents.map(\.id), corpus.documents.map(\.id))
    XCTAssertEqual(listedSubjects(state), corpus.documents.prefix(state.listHeight).map { $0.subject! })
    // A late word of distrust, once the library is no provisional one, changes nothing.
    let later = update(state, .snapshotDistrusted(warning: warning))
    XCTAssertTrue(later.library === state.library)
  }
}
