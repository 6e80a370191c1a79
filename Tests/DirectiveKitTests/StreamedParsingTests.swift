import Foundation
import XCTest

@testable import DirectiveKit

/// What a load hands out while it parses, for a browser that lists documents before the corpus
/// is linked (`LoadProgress.parsed`).
final class StreamedParsingTests: XCTestCase {
  final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var documents: [Document] = []
    private(set) var reports = 0
    func add(_ progress: LoadProgress) {
      lock.withLock {
        documents += progress.parsed
        reports += 1
      }
    }
  }

  func testEveryParsedDocumentIsHandedOutOnceWithTheIDItWillKeep() {
    // Several chunks of files, names repeated across folders and one named like a repeat.
    var sources: [SourceFile] = []
    for index in 0..<300 {
      let name = index % 5 == 0 ? "repeat.txt" : "f\(index).txt"
      let text = "TỈNH ỦY AN GIANG\nSố \(index + 1)-CV/TU\nAn Giang, ngày 2 tháng 3 năm 2021\n"
      sources.append(SourceFile(path: "dir\(index % 7)/sub\(index)/\(name)", bytes: Array(text.utf8)))
    }
    sources.append(SourceFile(path: "zz/repeat~2.txt", bytes: Array("Số 9-CV/TU\n".utf8)))
    sources.append(SourceFile(path: "zz/empty.txt", bytes: []))
    var table: [String: [UInt8]] = [:]
    for source in sources { table[source.path] = source.bytes }
    let bytes = table
    let collected = Collected()
    let corpus = Corpus.build(
      files: sources.map(\.path), progress: { collected.add($0) },
      reader: { path in bytes[path].map { .success($0) } ?? .failure(CorpusError(message: "missing")) })

    XCTAssertGreaterThan(collected.reports, 1, "parsed documents come in several reports")
    XCTAssertEqual(collected.documents.count, corpus.documents.count)
    let streamed = Dictionary(grouping: collected.documents, by: \.file)
    XCTAssertTrue(streamed.values.allSatisfy { $0.count == 1 }, "each file once")
    for document in corpus.documents {
      guard let early = streamed[document.file]?.first else {
        XCTFail("\(document.file) was not handed out")
        continue
      }
      XCTAssertEqual(early.id, document.id, document.file)
      XCTAssertEqual(early.number, document.number)
      XCTAssertEqual(early.date, document.date)
      XCTAssertEqual(early.province, document.province)
    }
    // The same corpus as a load that hands nothing out.
    let quiet = Corpus.build(sources: sources)
    XCTAssertEqual(quiet.documents.map(\.id), corpus.documents.map(\.id))
    XCTAssertEqual(quiet.documents.map(\.file), corpus.documents.map(\.file))
  }

  func testIDsOfFilesAreThoseTheLinkedCorpusGives() {
    let files = ["one/a.txt", "two/a.txt", "two/a~2.txt", "three/a.txt", "b", ".txt"]
    var documents = files.map { Document(id: "", file: $0, text: "") }
    Corpus.assignIDs(&documents)
    XCTAssertEqual(Corpus.ids(files: files), documents.map(\.id))
    XCTAssertEqual(Corpus.ids(files: files), ["a", "a~3", "a~2", "a~4", "b", ".txt"])
  }

  func testThePlainStemIsWhatFoundationReads() {
    let paths = [
      "a.txt", "dir/a.txt", "/abs/dir//Văn bản số 1.txt", "a.b.txt", "a..txt", "x/y.TXT", "z/q.t2",
      "noext", "dir/.hidden.txt", ".txt", "dir/a.", "dir/a.t-t", "dir/a.tx t", "a.tạt", "d.ir/name",
      "dir/", "e\u{301}.txt", "ạ.txt", "dir/..", "dir/.", "a/b/c/d.e.f.json", "",
    ]
    for path in paths {
      let name = (path as NSString).lastPathComponent
      let stem = (name as NSString).deletingPathExtension
      let foundation = stem.isEmpty ? name : stem
      if let plain = Corpus.plainStem(path) { XCTAssertEqual(plain, foundation, path) }
    }
    XCTAssertEqual(
      paths.map { Corpus.plainStem($0) != nil },
      [
        true, true, true, true, true, true, true, false, false, false, false, false, false, false, false,
        false, true, true, false, false, true, false,
      ])
  }
}
