import ArgumentParser
import DirectiveKit

/// What shell completion offers after `--province` and `--province-2025`: every name of the
/// gazetteer without diacritics, lower case, words joined by hyphens (`nam-dinh`,
/// `ba-ria-vung-tau`). Such a name needs no quoting in any shell nor a Vietnamese keyboard, and
/// the province options read it as the province (names are matched loosely); names with
/// diacritics are accepted when typed but not offered, since fish splits offered values at spaces.
enum ProvinceCompletion {
  static let before2025 = CompletionKind.list(Gazetteer.standard.provinces.map { slug($0.name) })
  static let since2025 = CompletionKind.list(Gazetteer.standard.provinces2025.map(slug))

  static func slug(_ name: String) -> String {
    name.folded.unicodeScalars.split { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
      .map { String($0) }.joined(separator: "-")
  }
}
