import DirectiveKit
import XCTest

@testable import VanbanUI

/// Leaving the program with one's work (#14): export, pager and editor, yank, mouse, marks,
/// notes, history, the links list.
final class LeaveTests: StateTestCase {
  func char(_ character: Character) -> Key { .character(character) }

  let letterID = "000_c04fbf0a9182cd61"
  /// The Nam Định letter 215-CV/TU in the reader.
  var openLetter: [Key] {
    let position = start().visibleDocuments.firstIndex { library.documents[$0].id == letterID } ?? 0
    return Array(repeating: .down, count: position) + [.enter]
  }

  // MARK: export

  func testExportAsksForAFileNameThenRequestsTheWrite() throws {
    let prompting = press([char("e")])
    XCTAssertEqual(prompting.prompt, Prompt(.export, text: "vanban-library.csv"))
    XCTAssertTrue(render(prompting).text.contains("Export to (.csv or .json): vanban-library.csv"))
    let done = press([.enter], on: prompting)
    XCTAssertNil(done.prompt)
    guard case .write(let path, let contents, let rows) = try XCTUnwrap(done.requests.first) else {
      return XCTFail("no write: \(done.requests)")
    }
    XCTAssertEqual(path, "vanban-library.csv")
    XCTAssertEqual(rows, 5)
    let lines = contents.components(separatedBy: "\r\n")
    XCTAssertEqual(lines[0], (ContractCSV.documentHeader + ["marked", "note"]).joined(separator: ","))
    XCTAssertEqual(lines.count, 7, "a header, five rows, the last CRLF")
    XCTAssertTrue(lines[1].hasPrefix("003_971c03e54ee92b8c,"), lines[1])
  }

  func testExportFollowsTheFilterAndWritesJSONByTheExtension() throws {
    var state = press([char("/")] + typed("bon tai cho") + [.enter, char("e")])
    state = press(Array(repeating: .backspace, count: 3) + typed("json") + [.enter], on: state)
    guard case .write(let path, let contents, let rows) = try XCTUnwrap(state.requests.first) else {
      return XCTFail("no write")
    }
    XCTAssertEqual(path, "vanban-library.json")
    XCTAssertEqual(rows, 1)
    XCTAssertTrue(contents.hasPrefix("[\n  {\n    \"id\": \"004_f8f51dfb989f039e\""), contents)
    XCTAssertTrue(contents.contains("\"marked\": false"))
  }

  func testExportRefusesAnotherExtensionAndEscCancels() {
    let wrong = press([char("e")] + Array(repeating: .backspace, count: 30) + typed("out.txt") + [.enter])
    XCTAssertEqual(wrong.requests, [])
    XCTAssertEqual(wrong.message, "export: “out.txt” does not end in .csv or .json")
    let cancelled = press([char("e"), .escape])
    XCTAssertNil(cancelled.prompt)
    XCTAssertEqual(cancelled.requests, [])
    // Typing in the prompt is not a key of the screen: `q` does not quit.
    XCTAssertFalse(press([char("e"), char("q")]).shouldQuit)
  }

  func testEachExportedViewHasItsTable() throws {
    XCTAssertNil(press(openLetter).exportTable)
    XCTAssertEqual(press(openLetter + [char("e")]).message?.hasPrefix("nothing to export"), true)
    let matrix = try XCTUnwrap(press([char("2"), char("m")]).exportTable)
    XCTAssertEqual(matrix.defaultFileName, "vanban-matrix.csv")
    XCTAssertEqual(matrix.header.first, "province")
    XCTAssertTrue(matrix.header.contains("Kết luận 07-KL/TW 2021-06-11"), "\(matrix.header)")
    XCTAssertTrue(matrix.rows.contains { $0.first == "Nam Định" && $0.contains("+3") }, "\(matrix.rows)")
    let warnings = try XCTUnwrap(press([char("w")]).exportTable)
    XCTAssertEqual(warnings.header, ["id", "file", "kind", "warning"])
    XCTAssertEqual(warnings.rows.first, [nil, "Data/README", "file not read", "not a .txt file"])
    let cited = press(openLetter + [.tab, .enter])
    guard case .cited(let id) = cited.page.screen else { return XCTFail("\(cited.page.screen)") }
    let table = try XCTUnwrap(cited.exportTable)
    XCTAssertEqual(table.header, ["id", "province", "date", "not_before", "lag_days", "relation", "note"])
    XCTAssertEqual(table.rows.first, [letterID, "Nam Định", "2021-06-14", nil, "3", "implements", nil], id)
  }

  // MARK: pager, editor

  func testPagerAndEditorAreRequestedWithTheFileAsAnArgument() {
    XCTAssertEqual(ExternalProgram.pager.script, "${PAGER:-less} \"$@\"")
    XCTAssertEqual(ExternalProgram.editor.script, "${EDITOR:-vi} \"$@\"")
    let document = library.document(id: letterID)!
    XCTAssertEqual(
      press(openLetter + [char("v")]).requests,
      [.run(.pager, file: document.file, name: letterID, text: document.text)])
    // On the library, the selected document.
    XCTAssertEqual(
      press(openLetter.dropLast() + [char("E")]).requests,
      [.run(.editor, file: document.file, name: letterID, text: document.text)])
    var builtIn = start()
    builtIn.builtInCorpus = true
    XCTAssertEqual(
      press(openLetter + [char("v")], on: builtIn).requests,
      [.run(.pager, file: nil, name: letterID, text: document.text)])
    XCTAssertEqual(press([char("2"), char("v")]).message, "no document here to open")
  }

  // MARK: yank, mouse

  func testReferenceLeavesOutWhatIsUnknown() {
    XCTAssertEqual(
      Reference.of(Fixtures.shipped.document(id: letterID)!),
      "Công văn số 215-CV/TU ngày 14/6/2021 của Ban Thường vụ Tỉnh ủy Nam Định")
    var bare = Document(id: "x1", file: "x1.txt", text: "")
    XCTAssertEqual(Reference.of(bare), "x1")
    bare.issuer = "UBND tỉnh Kiên Giang"
    bare.type = "Công văn"
    XCTAssertEqual(Reference.of(bare), "Công văn của UBND tỉnh Kiên Giang")
  }

  func testYankRequestsTheReferenceAndThePath() {
    let document = library.document(id: letterID)!
    XCTAssertEqual(
      press(openLetter + [char("y")]).requests, [.copy(Reference.of(document), what: "reference")])
    XCTAssertEqual(press(openLetter + [char("Y")]).requests, [.copy(document.file, what: "path")])
    var builtIn = start()
    builtIn.builtInCorpus = true
    let refused = press(openLetter + [char("Y")], on: builtIn)
    XCTAssertEqual(refused.requests, [])
    XCTAssertEqual(refused.message?.hasPrefix("\(letterID) is built in"), true)
    let done = update(press(openLetter), .requestDone(message: "copied: x"))
    XCTAssertTrue(render(done).text.contains("copied: x"))
  }

  func testOSC52IsWrappedForTmux() {
    XCTAssertEqual(OSC52.sequence("Số 1", insideTmux: false), "\u{1B}]52;c;U+G7kSAx\u{07}")
    XCTAssertEqual(
      OSC52.sequence("ab", insideTmux: true), "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;YWI=\u{07}\u{1B}\\")
    XCTAssertEqual(OSC52.base64(Array("abc".utf8)), "YWJj")
    XCTAssertEqual(OSC52.base64(Array("a".utf8)), "YQ==")
  }

  func testMouseCaptureTogglesAndTheStatusLineSaysSo() {
    let off = press([char("M")])
    XCTAssertFalse(off.mouseCaptured)
    XCTAssertEqual(off.requests, [.mouse(false)])
    XCTAssertTrue(render(off).text.contains("mouse off (M)"))
    XCTAssertTrue(render(press([.down], on: off)).text.contains("mouse off (M)"), "it stays said")
    let on = press([char("M")], on: off)
    XCTAssertTrue(on.mouseCaptured)
    XCTAssertEqual(on.requests, [.mouse(false), .mouse(true)])
    XCTAssertFalse(render(press([.down], on: on)).text.contains("mouse off"))
  }

  // MARK: marks, notes, history

  func testMarksAreToggledSavedAndListed() {
    let marked = press(openLetter + [char("m")])
    XCTAssertEqual(marked.marks, [letterID])
    XCTAssertEqual(marked.requests, [.saveWorkbench(Workbench(marks: [letterID]))])
    XCTAssertEqual(press([char("m")], on: marked).marks, [])
    // On the graph, `m` is still the matrix.
    XCTAssertTrue(press([char("2"), char("m")]).showMatrix)
    XCTAssertEqual(press([char("2"), char("m")]).marks, [])
    let list = press([char("'")], on: marked)
    XCTAssertEqual(list.page.screen, .marks)
    XCTAssertTrue(render(list).text.contains("Công văn 215-CV/TU 000_c04fbf0a9182cd61"))
    XCTAssertEqual(press([.enter], on: list).page.screen, .reader(letterID))
    // `m` on the marks screen unmarks the selected one.
    XCTAssertEqual(press([char("m")], on: list).marks, [])
  }

  func testANoteIsKeptShownInTheCardAndExported() throws {
    let noted = press(openLetter + [char("a")] + typed("xem lại") + [.enter])
    XCTAssertEqual(noted.notes, [letterID: "xem lại"])
    XCTAssertEqual(noted.requests, [.saveWorkbench(Workbench(notes: [letterID: "xem lại"]))])
    XCTAssertTrue(render(noted).text.contains("Note      xem lại"), render(noted).text)
    let table = try XCTUnwrap(press([char("1")], on: noted).exportTable)
    XCTAssertTrue(table.rows.contains { $0.first == letterID && $0.last == "xem lại" })
    let removed = press([char("a")] + Array(repeating: .backspace, count: 7) + [.enter], on: noted)
    XCTAssertEqual(removed.notes, [:])
    XCTAssertFalse(render(removed).text.contains("xem lại"))
  }

  func testHistoryListsVisitedPagesNewestFirst() {
    let state = press(openLetter + [char("2"), char("3"), char("H")])
    XCTAssertEqual(state.page.screen, .history)
    XCTAssertEqual(state.visited.map(\.screen), [.provinces, .graph, .reader(letterID), .library])
    let text = render(state).text
    XCTAssertTrue(text.contains("1. Provinces"), text)
    XCTAssertTrue(text.contains("3. Reader · Công văn 215-CV/TU · \(letterID)"), text)
    XCTAssertEqual(press([.down, .down, .enter], on: state).page.screen, .reader(letterID))
    // A page visited again moves to the top, once.
    let again = press([.down, .down, .enter, char("H")], on: state)
    XCTAssertEqual(again.visited.map(\.screen), [.reader(letterID), .provinces, .graph, .library])
  }

  // MARK: links

  func testLinksAreListedOnceWithTheirSentence() {
    let state = press(openLetter + [char("L")])
    let targets = state.content.targets
    XCTAssertEqual(targets.count, Set(targets).count, "each target once")
    let links = state.readerLayout?.links ?? []
    XCTAssertGreaterThan(links.count, targets.count, "the letter names a document twice")
    let text = render(state).text
    XCTAssertTrue(text.contains("Kết luận"), text)
    XCTAssertTrue(text.contains("    "), text)
    let scalars = Array("Mở đầu. Thực hiện Kết luận số 07-KL/TW, ngày 11.6.2021; xong.".unicodeScalars)
    XCTAssertEqual(
      LinksScreen.sentence(around: 20, in: scalars), "Thực hiện Kết luận số 07-KL/TW, ngày 11.6.2021;")
  }
}
