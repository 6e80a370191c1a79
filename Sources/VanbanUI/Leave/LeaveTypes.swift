import DirectiveKit

/// A line the user types a value into (a file name for an export, a note), in place of the hints.
public struct Prompt: Hashable, Sendable {
  public enum Purpose: Hashable, Sendable {
    /// A file name for the export of the screen shown.
    case export
    /// A note on the document of this id.
    case note(String)
  }
  public var purpose: Purpose
  public var text: String

  public init(_ purpose: Purpose, text: String) {
    self.purpose = purpose
    self.text = text
  }

  public var label: String {
    switch purpose {
    case .export: return "Export to (.csv or .json): "
    case .note: return "Note: "
    }
  }
}

/// Which program `v` and `E` run on a document.
public enum ExternalProgram: String, Hashable, Sendable {
  case pager, editor

  /// The shell words: the variable names the program, its fallback when it is unset or empty; the
  /// file is the script's first argument, never part of the script.
  public var script: String {
    switch self {
    case .pager: return "${PAGER:-less} \"$@\""
    case .editor: return "${EDITOR:-vi} \"$@\""
    }
  }
}

/// What the state machine asks the terminal layer to do, as bubbletea's commands: the terminal
/// takes them after each update, does the IO and posts the outcome back as `Event.requestDone`.
public enum Request: Hashable, Sendable {
  /// Write `contents` to `path` (relative to the current directory), atomically; `rows` for the
  /// message saying where it wrote.
  case write(path: String, contents: String, rows: Int)
  /// Run the pager or the editor on a file; `text` is written to a temporary file first when
  /// the document has no file of its own (`file` nil: a built-in document).
  case run(ExternalProgram, file: String?, name: String, text: String)
  /// Put `text` on the clipboard through OSC 52; `what` for the message.
  case copy(String, what: String)
  /// Turn mouse capture on or off.
  case mouse(Bool)
  /// Save the marks and notes.
  case saveWorkbench(Workbench)
}

/// The marks and notes of a corpus, as the state holds them and the store saves them.
public struct Workbench: Hashable, Sendable {
  /// Marked document ids, in the order they were marked.
  public var marks: [String]
  /// A note per document id.
  public var notes: [String: String]

  public init(marks: [String] = [], notes: [String: String] = [:]) {
    self.marks = marks
    self.notes = notes
  }
}

/// The escape sequence that asks the terminal to put text on the clipboard.
public enum OSC52 {
  /// `ESC ] 52 ; c ; base64 BEL`; inside tmux, wrapped in its DCS passthrough
  /// (`ESC P tmux; … ESC \`) with every ESC inside doubled.
  public static func sequence(_ text: String, insideTmux: Bool) -> String {
    let plain = "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
    guard insideTmux else { return plain }
    return "\u{1B}Ptmux;" + plain.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
  }

  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var output = ""
    var index = 0
    while index < bytes.count {
      let chunk = bytes[index..<min(index + 3, bytes.count)]
      var value = 0
      for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
      for position in 0..<4 {
        if position <= chunk.count {
          output.append(alphabet[(value >> (18 - 6 * position)) & 63])
        } else {
          output.append("=")
        }
      }
      index += 3
    }
    return output
  }
}

/// How a document is cited in Vietnamese: “Công văn số 215-CV/TU ngày 14/6/2021 của Ban Thường vụ
/// Tỉnh ủy Nam Định”, leaving out what is unknown; the id when nothing is known.
public enum Reference {
  public static func of(_ document: Document) -> String {
    var parts: [String] = []
    if let type = document.type { parts.append(type) }
    if let number = document.number { parts.append("số " + number) }
    if let date = document.date { parts.append("ngày \(date.day)/\(date.month)/\(date.year)") }
    if let issuer = document.issuer { parts.append("của " + issuer) }
    return parts.isEmpty ? document.id : parts.joined(separator: " ")
  }
}
