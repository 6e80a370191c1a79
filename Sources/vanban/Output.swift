import DirectiveKit

#if canImport(Glibc)
  import Glibc
#endif

/// Everything the CLI prints goes through here: document text is made visible (no control
/// sequence reaches the terminal) and a closed pipe ends the program quietly.
enum Output {
  static func line(_ text: String) {
    write(visible(text) + "\n", to: stdout)
  }

  /// Output made elsewhere (JSON, dot, TSV): already escaped where its format escapes, and
  /// made visible here for whatever a format passes through (a TSV cell, a file name).
  static func raw(_ text: String) {
    write(visible(text), to: stdout)
  }

  static func error(_ text: String) {
    write("vanban: " + visible(text).replacingOccurrences(of: "\n", with: " ") + "\n", to: stderr)
  }

  /// A further line of an error (a candidate, a detail), indented, on standard error.
  static func errorDetail(_ text: String) {
    write(visible(text).replacingOccurrences(of: "\n", with: " ") + "\n", to: stderr)
  }

  static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>) {
    write(bytes: Array(text.utf8), to: stream)
  }

  /// Bytes already made visible (as `LibraryTable.bytes` makes them), written as they are.
  static func write(bytes: [UInt8], to stream: UnsafeMutablePointer<FILE>) {
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, stream) }
    if written < bytes.count || fflush(stream) != 0 {
      if errno == EPIPE { exit(0) }
    }
  }

  /// Control characters and bidi overrides as visible placeholders (`␛` for ESC), except newline and tab.
  static func visible(_ text: String) -> String { TerminalSafety.sanitize(text, keepLayout: true) }
}
