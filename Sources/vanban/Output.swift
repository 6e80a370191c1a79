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

  static func raw(_ text: String) {
    write(text, to: stdout)
  }

  static func error(_ text: String) {
    write("vanban: " + visible(text).replacingOccurrences(of: "\n", with: " ") + "\n", to: stderr)
  }

  private static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>) {
    var bytes = Array(text.utf8)
    if fwrite(&bytes, 1, bytes.count, stream) < bytes.count || fflush(stream) != 0 {
      if errno == EPIPE { exit(0) }
    }
  }

  /// Control characters as visible placeholders (`␛` for ESC), except newline and tab.
  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsPlaceholder) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if needsPlaceholder(scalar) {
        let value = scalar.value
        if value < 0x20 {
          scalars.append(Unicode.Scalar(0x2400 + value)!)
        } else if value == 0x7F {
          scalars.append("\u{2421}")
        } else {
          scalars.append("\u{FFFD}")
        }
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  static func needsPlaceholder(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value == 0x0A || value == 0x09 { return false }
    return value < 0x20 || (value >= 0x7F && value <= 0x9F)
  }
}
