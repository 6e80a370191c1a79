import CNcursesw
import DirectiveKit
import Foundation
import VanbanConfig
import VanbanUI

#if canImport(Glibc)
  import Glibc
#endif

/// Carries out what the state machine asks of the terminal (`Request`): writing files, running
/// `$PAGER` and `$EDITOR`, the clipboard through OSC 52, mouse capture, saving marks and notes.
/// Each returns the line for the status bar, or nil for nothing to say.
struct RequestRunner {
  let terminal: Terminal
  /// The corpus's input paths, absolute (empty: the built-in corpus), and its marks file.
  let inputs: [String]
  let storePath: String
  var environment = ProcessInfo.processInfo.environment

  func perform(_ request: Request) -> String? {
    switch request {
    case .write(let path, let contents, let rows):
      let absolute = Self.absolute(path)
      do {
        try WorkbenchStore.writeAtomically(Data(contents.utf8), to: absolute)
        return "wrote \(rows) row\(rows == 1 ? "" : "s") to \(absolute)"
      } catch {
        return "export: cannot write \(absolute): \(WorkbenchStore.reason(error))"
      }
    case .run(let program, let file, let name, let text):
      return run(program, file: file, name: name, text: text)
    case .copy(let text, _):
      let sequence = OSC52.sequence(text, insideTmux: !(environment["TMUX"] ?? "").isEmpty)
      let bytes = Array(sequence.utf8)
      _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      return "copied: " + TerminalSafety.sanitize(text, keepLayout: false)
    case .mouse(let on):
      terminal.setMouse(on)
      return nil
    case .saveWorkbench(let workbench):
      return WorkbenchStore(marks: workbench.marks, notes: workbench.notes).save(
        to: storePath, inputs: inputs)
    }
  }

  static func absolute(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return expanded }
    return FileManager.default.currentDirectoryPath + "/" + expanded
  }

  /// `sh -c '${PAGER:-less} "$@"' sh FILE`: the file is an argument, never part of the script. A
  /// built-in document is written to a temporary file first.
  private func run(_ program: ExternalProgram, file: String?, name: String, text: String) -> String? {
    var path = file.map(Self.absolute)
    var note = ""
    if path == nil {
      let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
      let temporary = NSTemporaryDirectory() + "/vanban-\(getpid())-\(safe).txt"
      guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
        return "\(program.rawValue): cannot write a temporary copy at \(temporary)"
      }
      path = temporary
      note = program == .editor ? " (a built-in document: edited a temporary copy, \(temporary))" : ""
    }
    guard let path else { return nil }
    let status = terminal.runSuspended(["/bin/sh", "-c", program.script, "sh", path])
    switch status {
    case .some(0): return note.isEmpty ? nil : String(note.dropFirst())
    case .some(let code): return "\(program.rawValue) exited with status \(code) on \(path)"
    case .none: return "\(program.rawValue): cannot run /bin/sh"
    }
  }
}

extension Terminal {
  /// Gives the terminal to a program (curses suspended), waits for it, takes the screen back and
  /// redraws everything. Its exit status, nil when it could not start.
  func runSuspended(_ arguments: [String]) -> Int32? {
    def_prog_mode()
    endwin()
    var pid: pid_t = 0
    let cArguments = arguments.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    let spawned = posix_spawn(&pid, arguments[0], nil, nil, cArguments, environ)
    var status: Int32 = 0
    if spawned == 0 {
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
    reset_prog_mode()
    refresh()
    invalidate()
    guard spawned == 0 else { return nil }
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  func setMouse(_ on: Bool) {
    mousemask(on ? vanban_mouse_events() : 0, nil)
  }
}
