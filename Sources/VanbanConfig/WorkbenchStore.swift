import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The marks and notes of one corpus, kept between runs in
/// `$XDG_DATA_HOME/vanban/workbench-<key>.json` (`~/.local/share/vanban/` when `XDG_DATA_HOME` is
/// unset), one file per corpus, named by a hash of the corpus's input paths.
///
/// The file is plain JSON:
/// `{"corpus": ["/abs/path", …], "marks": ["id", …], "notes": {"id": "text", …}}` — `corpus` the
/// input paths it belongs to (`built-in` for the shipped corpus), `marks` the marked document ids in
/// the order they were marked, `notes` a note per document id. It is written to a temporary file
/// in the same folder and renamed over the old one, so a crash never leaves half a file.
public struct WorkbenchStore: Sendable {
  public var marks: [String]
  public var notes: [String: String]

  public init(marks: [String] = [], notes: [String: String] = [:]) {
    self.marks = marks
    self.notes = notes
  }

  /// `$XDG_DATA_HOME/vanban` (an absolute one), else `~/.local/share/vanban`.
  public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String
  {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/vanban" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.local/share/vanban"
  }

  /// The file of the corpus read from `inputs` (absolute paths; empty for the built-in corpus).
  public static func path(
    for inputs: [String], environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    directory(environment: environment) + "/workbench-" + key(inputs) + ".json"
  }

  /// FNV-1a (64 bits) of the sorted paths, in hex: the same corpus gives the same file.
  public static func key(_ inputs: [String]) -> String {
    let names = inputs.isEmpty ? ["built-in"] : inputs.sorted()
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in names.joined(separator: "\n").utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16)
  }

  /// The marks and notes in `path`; none when there is no file. A file that cannot be read or is
  /// not the format above gives none and a one-line warning naming it (never a crash).
  public static func load(_ path: String) -> (WorkbenchStore, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (WorkbenchStore(), nil) }
    guard let data = FileManager.default.contents(atPath: path) else {
      return (
        WorkbenchStore(), "marks and notes not read (cannot read the file), starting without them: \(path)"
      )
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let marks = (object["marks"] ?? [String]()) as? [String],
      let notes = (object["notes"] ?? [String: String]()) as? [String: String]
    else {
      return (
        WorkbenchStore(),
        "marks and notes not read (not JSON with marks and notes), starting without them: \(path)"
      )
    }
    return (WorkbenchStore(marks: marks, notes: notes), nil)
  }

  /// Writes the file atomically, making its folder; the one-line error on failure.
  public func save(to path: String, inputs: [String]) -> String? {
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let object: [String: Any] = [
        "corpus": inputs.isEmpty ? ["built-in"] : inputs, "marks": marks, "notes": notes,
      ]
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
      try Self.writeAtomically(data + Data("\n".utf8), to: path)
      return nil
    } catch {
      return "cannot save the marks and notes to \(path): \(Self.reason(error))"
    }
  }

  /// A temporary file in the same folder, then `rename` over the target.
  public static func writeAtomically(_ data: Data, to path: String) throws {
    let temporary = path + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
    }
    if rename(temporary, path) != 0 {
      let code = errno
      unlink(temporary)
      throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
  }

  /// The reason in a few words (`permission denied`), not Foundation's paragraph.
  public static func reason(_ error: Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)).lowercased() }
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code))).lowercased()
    }
    if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteNoPermission.rawValue {
      return "permission denied"
    }
    return nsError.localizedDescription
  }
}
