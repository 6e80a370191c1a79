import ArgumentParser
import DirectiveKit

/// What shell completion offers after `--province` and `--province-2025`: every name of the
/// gazetteer without diacritics, lower case, words joined by hyphens (`nam-dinh`,
/// `ba-ria-vung-tau`). Such a name needs no quoting in any shell nor a Vietnamese keyboard, and
/// the province options read it as the province (names are matched loosely); names with
/// diacritics are accepted when typed but not offered, since fish splits offered values at spaces.
///
/// The argument parser asks for these whenever it reads a command line, but uses them only to
/// write completion scripts and the description of the commands the manual page is made from;
/// reading the gazetteer for them at every start was most of a warm `vanban list` of the seed
/// documents (37 of 51 CPU-ms), so any other run is given none.
enum ProvinceCompletion {
  static var before2025: CompletionKind {
    describesItself ? .list(Gazetteer.standard.provinces.map { slug($0.name) }) : .default
  }
  static var since2025: CompletionKind {
    describesItself ? .list(Gazetteer.standard.provinces2025.map(slug)) : .default
  }

  /// True when the program is asked for a completion script or for its commands' description.
  private static let describesItself = CommandLine.arguments.dropFirst().contains {
    $0.hasPrefix("--generate-completion-script") || $0 == "--experimental-dump-help"
  }

  static func slug(_ name: String) -> String {
    name.folded.unicodeScalars.split { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
      .map { String($0) }.joined(separator: "-")
  }
}
