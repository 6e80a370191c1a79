import DirectiveKit
import Foundation

/// Loads a corpus on another thread, reporting how far it got, so the interface can draw
/// while it works.
final class CorpusLoading: @unchecked Sendable {
  private let lock = NSLock()
  private var filesDone = 0
  private var filesTotal = 0
  private var outcome: Result<Corpus, Error>?

  init(paths: [String], glob: String) {
    let thread = Thread { [self] in
      let result = Result { try Self.load(paths: paths, glob: glob, loading: self) }
      lock.withLock { outcome = result }
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  var progress: (done: Int, total: Int) { lock.withLock { (filesDone, filesTotal) } }
  var result: Result<Corpus, Error>? { lock.withLock { outcome } }

  fileprivate func report(done: Int, total: Int) {
    lock.withLock {
      filesDone = done
      filesTotal = total
    }
  }

  /// Blocks until the corpus is loaded.
  static func loadNow(paths: [String], glob: String) throws -> Corpus {
    try load(paths: paths, glob: glob, loading: nil)
  }

  // Until the loader lands on main: files are read as UTF-8 and not parsed.
  private static func load(paths: [String], glob: String, loading: CorpusLoading?) throws -> Corpus {
    let manager = FileManager.default
    var files: [String] = []
    var warnings: [LoadWarning] = []
    for path in paths.isEmpty ? ["Data"] : paths {
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CorpusPathError(path: path)
      }
      if !isFolder.boolValue {
        files.append(path)
        continue
      }
      let walker = manager.enumerator(atPath: path)
      while let relative = walker?.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        let full = (path as NSString).appendingPathComponent(relative)
        var isSub: ObjCBool = false
        _ = manager.fileExists(atPath: full, isDirectory: &isSub)
        if isSub.boolValue { continue }
        if fnmatch(glob, name, 0) == 0 { files.append(full) } else { continue }
      }
    }
    files.sort()
    var documents: [Document] = []
    for (index, file) in files.enumerated() {
      loading?.report(done: index, total: files.count)
      guard let data = manager.contents(atPath: file) else {
        warnings.append(LoadWarning(path: file, reason: "unreadable"))
        continue
      }
      let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        .precomposedStringWithCanonicalMapping
      let id = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
      documents.append(Document(id: id, file: file, text: text))
    }
    loading?.report(done: files.count, total: files.count)
    return Corpus(documents: documents, loadWarnings: warnings)
  }
}

struct CorpusPathError: Error, CustomStringConvertible {
  var path: String
  var description: String { "vanban: no such file or folder: \(path)" }
}
