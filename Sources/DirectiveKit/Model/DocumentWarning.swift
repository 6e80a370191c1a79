/// A problem found in one document: what kind (for programs and tests) and the sentence a person
/// reads (what JSON prints).
public struct DocumentWarning: Hashable, Sendable, CustomStringConvertible {
  public enum Code: String, Hashable, Sendable, CaseIterable {
    // Reading the file.
    case emptyFile
    case onlyWhiteSpace
    case binaryFile
    case sizeCapped
    case legacyEncoding
    case undecodableBytes
    case truncatedCharacter
    case diacriticsLost
    // Reading the document.
    case headerPlaceConflict
    case blankDateLine
    case noSignature
    case signerNameMissing
    case severalSelfTypes
    case meetingDateUsed
    case placeNamesConflict
    case officialElsewhere
    case placedAsCentral
    case issuerFromItsVoice
    case issuerFromHeadline
    // Linking it to the corpus.
    case ambiguousTarget
    case undatedNumber
    case numberOfSeveralProvinces
    case restsOnSuperseded

    /// The kind in words a person reads, as the warnings screen heads its groups.
    public var title: String {
      switch self {
      case .emptyFile: return "empty file"
      case .onlyWhiteSpace: return "only white space"
      case .binaryFile: return "not text"
      case .sizeCapped: return "read only in part (too large)"
      case .legacyEncoding: return "encoding guessed"
      case .undecodableBytes: return "bytes that are no character"
      case .truncatedCharacter: return "a character cut off at the end"
      case .diacriticsLost: return "diacritics lost"
      case .headerPlaceConflict: return "header and place–date line disagree"
      case .blankDateLine: return "date line left blank"
      case .noSignature: return "no signature"
      case .signerNameMissing: return "signer's name missing"
      case .severalSelfTypes: return "the text calls itself by several types"
      case .meetingDateUsed: return "dated by its meeting"
      case .placeNamesConflict: return "places of several provinces named"
      case .officialElsewhere: return "an official of another province"
      case .placedAsCentral: return "read as central"
      case .issuerFromItsVoice: return "issuer read from the body speaking"
      case .issuerFromHeadline: return "issuer read from a headline"
      case .ambiguousTarget: return "a citation that fits several documents"
      case .undatedNumber: return "a number cited without a date"
      case .numberOfSeveralProvinces: return "a number several provinces use"
      case .restsOnSuperseded: return "rests on a replaced or repealed document"
      }
    }
  }

  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
