import Foundation
import XCTest

@testable import VanbanConfig

/// Marks and notes kept between runs: where, the round trip, and files that cannot be used.
final class WorkbenchStoreTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "/vanban-store-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDown() {
    chmod(folder, 0o755)
    try? FileManager.default.removeItem(atPath: folder)
  }

  func testTheFileIsUnderXDGDataHomeAndKeyedByTheCorpus() {
    XCTAssertEqual(
      WorkbenchStore.directory(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/an"]),
      "/x/data/vanban")
    XCTAssertEqual(
      WorkbenchStore.directory(environment: ["HOME": "/home/an"]), "/home/an/.local/share/vanban")
    // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
    XCTAssertEqual(
      WorkbenchStore.directory(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/an"]),
      "/home/an/.local/share/vanban")
    let one = WorkbenchStore.path(for: ["/a", "/b"], environment: ["HOME": "/h"])
    XCTAssertEqual(
      one, WorkbenchStore.path(for: ["/b", "/a"], environment: ["HOME": "/h"]), "order does not matter")
    XCTAssertNotEqual(one, WorkbenchStore.path(for: ["/a"], environment: ["HOME": "/h"]))
    XCTAssertNotEqual(one, WorkbenchStore.path(for: [], environment: ["HOME": "/h"]))
    XCTAssertTrue(one.hasPrefix("/h/.local/share/vanban/workbench-") && one.hasSuffix(".json"), one)
  }

  func testRoundTrip() throws {
    let path = folder + "/sub/workbench-x.json"
    let store = WorkbenchStore(marks: ["b", "a"], notes: ["a": "xem lại, \"gấp\"\n2"])
    XCTAssertNil(store.save(to: path, inputs: ["/srv/corpus"]))
    let (loaded, warning) = WorkbenchStore.load(path)
    XCTAssertNil(warning)
    XCTAssertEqual(loaded.marks, ["b", "a"])
    XCTAssertEqual(loaded.notes, ["a": "xem lại, \"gấp\"\n2"])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertTrue(text.contains("\"corpus\" : [\n    \"/srv/corpus\"\n  ]"), text)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/sub")
    XCTAssertEqual(left, ["workbench-x.json"], "no temporary file is left")
  }

  func testNoFileIsNoMarks() {
    let (loaded, warning) = WorkbenchStore.load(folder + "/none.json")
    XCTAssertEqual(loaded.marks, [])
    XCTAssertNil(warning)
  }

  func testACorruptFileIsOneLineOfWarning() throws {
    for text in ["{\"marks\": [", "[1, 2]", "{\"marks\": [1], \"notes\": {}}", "\u{0}\u{1}"] {
      let path = folder + "/bad.json"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let (loaded, warning) = WorkbenchStore.load(path)
      XCTAssertEqual(loaded.marks, [], text)
      XCTAssertEqual(
        warning, "marks and notes not read (not JSON with marks and notes), starting without them: \(path)",
        text)
    }
  }

  func testAFolderThatCannotBeWrittenIsOneLineOfError() throws {
    // A regular file where the folder should be: no user, root included, can write under it.
    let blocker = folder + "/file"
    try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
    let error = WorkbenchStore(marks: ["a"]).save(to: blocker + "/vanban/w.json", inputs: [])
    XCTAssertEqual(error?.hasPrefix("cannot save the marks and notes to \(blocker)/vanban/w.json: "), true)
    XCTAssertFalse(error?.contains("\n") ?? true)
  }

  func testAReadOnlyFolderIsOneLineOfError() throws {
    try XCTSkipIf(getuid() == 0, "root writes in a read-only folder")
    chmod(folder, 0o555)
    let error = WorkbenchStore(marks: ["a"]).save(to: folder + "/w.json", inputs: [])
    XCTAssertEqual(error, "cannot save the marks and notes to \(folder)/w.json: permission denied")
  }
}
