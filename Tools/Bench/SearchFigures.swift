import DirectiveKit
import Foundation
import VanbanUI

/// `vanban-bench --search-only FOLDER`: the bench's ranked searches (its 200 and the common words
/// and phrases of #13, top 50 with snippets) on a corpus loaded through its snapshot, each query's
/// thread CPU time; `--search-dump FILE` writes every hit (document, score, snippet) to compare
/// two builds.
enum SearchFigures {
  static func timeSearchOnly(folder: String, snapshotDirectory: String, passes: Int, dump: String?) throws {
    let corpus = try Corpus.load(paths: [folder], snapshot: SnapshotStore(directory: snapshotDirectory))
    let library = Library(corpus: corpus)
    let index = library.makeSearchIndex()
    let queries = BenchQueries.mixed() + IndexFigures.commonWords
    var timings: [IndexFigures.Timing] = []
    for _ in 0..<max(1, passes) {
      timings.append(
        IndexFigures.time("ranked, top 50 with snippets", queries) { _ = index.search($0, limit: 50) })
    }
    for timing in timings { print(timing.line) }
    guard let dump else { return }
    var lines: [String] = []
    for query in queries {
      for hit in index.search(query, limit: 50) {
        let marks = hit.snippet.marks.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
        lines.append(
          "\(query)\t\(hit.document)\t\(hit.score.bitPattern)\t\(marks)\t\(hit.snippet.text)")
      }
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: dump, atomically: true, encoding: .utf8)
  }
}
