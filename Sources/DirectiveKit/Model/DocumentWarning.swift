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
    // Linking it to the corpus.
    case ambiguousTarget
    case undatedNumber
    case numberOfSeveralProvinces
    case restsOnSuperseded
  }

  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
