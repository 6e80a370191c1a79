import DirectiveKit

/// Which province a filter names: the kit's one type behind `--province`, `--province-2025`,
/// `province:` in a search and the picker (a province before the 2025 merger, one since, or
/// “Province unknown”).
public typealias ProvinceChoice = ProvinceSelection.Choice

extension ProvinceSelection.Choice {
  /// A province before the 2025 merger (`is2025` false) or since.
  public init(name: String, is2025: Bool) {
    self = is2025 ? .province2025(name) : .province(name)
  }

  /// The province's name; `Province unknown` for the documents whose province could not be read.
  public var name: String {
    switch self {
    case .province(let name), .province2025(let name): return name
    case .unknown: return ProvinceChoice.unknownLabel
    }
  }

  public var is2025: Bool {
    if case .province2025 = self { return true }
    return false
  }

  /// True when the document is one this choice selects (as `--province` would select it).
  public func matches(_ document: Document) -> Bool {
    ProvinceSelection([self]).matches(document)
  }

  /// `Nam Định`, `An Giang (2025)`, `Province unknown`.
  public var label: String { is2025 ? "\(name) (2025)" : name }

  /// How the picker, the provinces screen and the chips name `Choice.unknown`.
  public static let unknownLabel = "Province unknown"
}

/// A name folded for comparing what is typed: no marks, no case, words parted by one space.
func looseName(_ text: String) -> String {
  text.folded.unicodeScalars.split { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }
    .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
}
