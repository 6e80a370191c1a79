import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` (`let gitRevision = "…"`) before every build of the target it is
/// applied to: the commit the build was made from, `-dirty` when tracked files differ from it, and
/// `unknown` without git or outside a checkout of this package (a
/// copy unpacked inside some other repository does not take that repository's commit). The file lives in the build directory, never in
/// the sources, and is rewritten only when its text changes, so an unchanged revision recompiles
/// nothing. Paths reach the script as arguments, never inside its text.
@main
struct GitRevision: BuildToolPlugin {
  static let script = #"""
    root=$1 out=$2
    mkdir -p "$out" || exit 0
    revision=unknown
    if command -v git >/dev/null 2>&1; then
      top=$(git -c safe.directory='*' -C "$root" rev-parse --show-toplevel 2>/dev/null)
      if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$root" && pwd -P)" ] \
        && head=$(git -c safe.directory='*' -C "$root" rev-parse --short=12 HEAD 2>/dev/null); then
        revision=$head
        changes=$(git -c safe.directory='*' -C "$root" status --porcelain --untracked-files=no 2>/dev/null)
        [ -n "$changes" ] && revision="$head-dirty"
      fi
    fi
    text="// Written by the GitRevision build plugin; not part of the sources.
    let gitRevision = \"$revision\""
    if [ "$(cat "$out/GitRevision.swift" 2>/dev/null)" != "$text" ]; then
      printf '%s\n' "$text" > "$out/GitRevision.swift"
    fi
    exit 0
    """#

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
    return [
      .prebuildCommand(
        displayName: "Reading the git revision",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", Self.script, "git-revision", context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
