import DirectiveKit
import XCTest

@testable import VanbanUI

/// On a warm start's provisional list, marks, notes, export and yank are not refused: what the
/// screen can show is shown at once, what leaves the program waits for the check of the files
/// and is done when the confirmed list comes, or said in one line to be undone when its document
/// changed or went.
final class AwaitingCheckTests: XCTestCase {
  func start(_ library: Library) -> AppState {
    update(
      AppState(library: Library.growing(nil, adding: []), width: 140, height: 40), .libraryLoaded(library))
  }

  func statusLine(_ state: AppState) -> String {
    render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[
      state.height - 2]
  }

  func selectedID(_ state: AppState) -> String {
    state.library.documents[state.visibleDocuments[state.page.selection]].id
  }

  func press(_ state: AppState, _ keys: Key...) -> AppState {
    keys.reduce(state) { update($0, .key($1)) }
  }

  func type(_ state: AppState, _ text: String) -> AppState {
    text.reduce(state) { update($0, .key(.character($1))) }
  }

  /// A provisional list with the cursor on its third document.
  func provisional(_ corpus: Corpus) -> AppState {
    press(start(Library.listing(corpus, provisional: true)), .down, .down)
  }

  func testAMarkShowsAtOnceAndIsSavedOnceTheListIsConfirmed() {
    let corpus = WarmStartTests.corpus(600)
    var state = provisional(corpus)
    let id = selectedID(state)
    state = press(state, .character("m"))
    XCTAssertEqual(state.marks, [id], "the mark shows at once")
    XCTAssertEqual(state.takeRequests(), [], "nothing is saved before the check")
    XCTAssertEqual(state.message, "marked \(id) (' lists marks); saved once the files are checked")
    state = press(state, .down)
    XCTAssertTrue(statusLine(state).contains("checking files… · 1 waiting (mark)"), statusLine(state))

    state = update(state, .libraryLoaded(Library.listing(corpus)))
    XCTAssertEqual(state.takeRequests(), [.saveWorkbench(Workbench(marks: [id]))])
    XCTAssertEqual(state.marks, [id])
    XCTAssertEqual(state.message, "files checked: marked \(id)")
    XCTAssertTrue(state.awaitingCheck.isEmpty)
    XCTAssertFalse(statusLine(state).contains("waiting"), statusLine(state))
  }

  func testANoteAnExportAndACopyWaitThenRunInOrder() throws {
    let corpus = WarmStartTests.corpus(600)
    var state = provisional(corpus)
    let document = corpus.documents[2]
    state = press(state, .character("a"))
    state = type(state, "xem lại")
    state = press(state, .enter)
    XCTAssertEqual(state.notes, [document.id: "xem lại"], "the note shows at once")
    state = press(state, .character("e"))
    XCTAssertEqual(state.prompt?.purpose, .export, "the prompt opens at once")
    state = press(state, .enter)
    XCTAssertEqual(state.message, "vanban-library.csv is written once the files are checked")
    state = press(state, .character("y"))
    XCTAssertEqual(state.message, "the reference of \(document.id) is copied once the files are checked")
    XCTAssertEqual(state.takeRequests(), [])
    XCTAssertTrue(statusLine(state).contains("3 waiting (note, export, copy)"), statusLine(state))

    state = update(state, .libraryLoaded(Library.listing(corpus)))
    let requests = state.takeRequests()
    XCTAssertEqual(requests.count, 3, "\(requests)")
    XCTAssertEqual(requests.first, .saveWorkbench(Workbench(notes: [document.id: "xem lại"])))
    guard case .write(let path, let contents, let rows) = requests[1] else {
      return XCTFail("the export is written second: \(requests)")
    }
    XCTAssertEqual(path, "vanban-library.csv")
    XCTAssertEqual(rows, corpus.documents.count)
    XCTAssertTrue(contents.contains("xem lại"), "the export holds the note")
    XCTAssertEqual(requests[2], .copy(Reference.of(document), what: "reference"))
    XCTAssertEqual(state.message, "files checked: note kept on \(document.id)")
  }

  func testWhatActsOnADocumentThatChangedIsTakenBackAndSaidInOneLine() {
    let stored = WarmStartTests.corpus(600)
    var state = provisional(stored)
    let changedID = stored.documents[2].id
    state = press(state, .character("m"), .character("y"), .character("e"), .enter)
    XCTAssertEqual(state.marks, [changedID])
    var documents = stored.documents
    documents[2].subject = "Chủ đề đã sửa sau khi lưu"
    state = update(state, .libraryLoaded(Library.listing(Corpus(documents: documents))))
    XCTAssertEqual(state.marks, [], "the mark is taken back")
    XCTAssertEqual(state.takeRequests(), [], "nothing stale leaves the program")
    XCTAssertEqual(
      state.message,
      "files checked: not marked: \(changedID) changed when the files were checked; "
        + "reference not copied: \(changedID) changed when the files were checked; "
        + "vanban-library.csv not written: the list changed when the files were checked (e exports it again)")
    XCTAssertFalse(state.message!.contains("\n"))
  }

  func testAMarkOnAnUnchangedDocumentIsSavedWhenAnotherChanged() {
    let stored = WarmStartTests.corpus(600)
    var state = provisional(stored)
    let id = stored.documents[2].id
    state = press(state, .character("m"))
    var documents = stored.documents
    documents[7].subject = "Chủ đề khác"
    state = update(state, .libraryLoaded(Library.listing(Corpus(documents: documents))))
    XCTAssertEqual(state.takeRequests(), [.saveWorkbench(Workbench(marks: [id]))])
    XCTAssertEqual(state.message, "files checked: marked \(id)")
  }

  func testARemovedDocumentIsSaidAndItsNoteAndUnmarkTakenBack() {
    let stored = WarmStartTests.corpus(600)
    var state = provisional(stored)
    let id = stored.documents[2].id
    state.marks = [id]
    state.notes = [id: "cũ"]
    state = press(state, .character("m"))
    XCTAssertEqual(state.marks, [])
    state = press(state, .character("a"))
    state = press(state, .backspace, .backspace, .enter)
    XCTAssertEqual(state.notes, [:])
    var documents = stored.documents
    documents.remove(at: 2)
    state = update(state, .libraryLoaded(Library.listing(Corpus(documents: documents))))
    XCTAssertEqual(state.marks, [id], "the unmark is taken back")
    XCTAssertEqual(state.notes, [id: "cũ"], "the note removed comes back")
    XCTAssertEqual(state.takeRequests(), [])
    XCTAssertEqual(
      state.message,
      "files checked: not unmarked: \(id) was removed when the files were checked; "
        + "note not removed: \(id) was removed when the files were checked")
  }

  func testAMarkSetAndRemovedOnAChangedDocumentEndsAsItBegan() {
    let stored = WarmStartTests.corpus(600)
    var state = provisional(stored)
    state = press(state, .character("m"), .character("m"))
    XCTAssertEqual(state.awaitingCheck.count, 2)
    var documents = stored.documents
    documents[2].subject = "Chủ đề khác"
    state = update(state, .libraryLoaded(Library.listing(Corpus(documents: documents))))
    XCTAssertEqual(state.marks, [])
  }

  func testWhatWaitsThroughACorruptSnapshotIsDoneOnTheRebuiltList() {
    let corpus = WarmStartTests.corpus(600)
    var state = provisional(corpus)
    let id = selectedID(state)
    state = press(state, .character("m"))
    state = update(state, .snapshotDistrusted(warning: "the snapshot is corrupt (checksum mismatch)"))
    XCTAssertTrue(statusLine(state).contains("1 waiting (mark)"), statusLine(state))
    state = update(state, .documentsParsed(Array(corpus.documents), filesDone: 600, filesTotal: 600))
    XCTAssertEqual(state.takeRequests(), [], "a list still loading settles no id")
    state = update(state, .libraryLoaded(Library.listed(corpus)))
    XCTAssertEqual(state.takeRequests(), [.saveWorkbench(Workbench(marks: [id]))])
  }

  func testQuittingWithWorkWaitingSaysSoOnce() {
    var state = provisional(WarmStartTests.corpus(600))
    state = press(state, .character("m"), .character("q"))
    XCTAssertFalse(state.shouldQuit)
    XCTAssertEqual(state.message, "1 waiting (mark) for the files to be checked: q again quits without them")
    XCTAssertTrue(press(state, .character("q")).shouldQuit)
  }

  func testAListStillLoadingFromItsFilesRefusesAsBefore() {
    var state = AppState(library: Library.growing(nil, adding: []), width: 140, height: 40)
    state = update(
      state, .documentsParsed(StreamingTests.documents(50), filesDone: 50, filesTotal: 600))
    state = press(state, .character("m"))
    XCTAssertEqual(state.marks, [])
    XCTAssertTrue(state.awaitingCheck.isEmpty)
    XCTAssertEqual(state.message, "wait for the corpus to load: ids are settled once every file is read")
  }
}
