/// Which line breaks of a text only wrap a sentence. Web portals and PDF copies break lines
/// inside numbers, dates and names (`Nghị định số\n07/2021/NĐ-CP ngày`, `ngày 11 tháng 3\nnăm 2020`);
/// such a break reads as a space. A break stays a break after `;`, `.`, `:`, `!`, `?` or `|`, at a
/// blank line or a rule (`-----`), before a list item or a numbered point, and between a line in
/// capitals and one in ordinary case (a title and its body).
enum LineBreaks {
  /// Folds each soft break among `lineFeeds` (the offsets of every `\n`, in order) to a space:
  /// `isSoft` for each break, with what is asked of a line worked out once for both breaks
  /// around it.
  static func markSoft(scalars: [Unicode.Scalar], lineFeeds: [Int32], folded: inout [UInt8]) {
    guard let firstFeed = lineFeeds.first else { return }
    var previous = LineShape(scalars, 0..<Int(firstFeed))
    for (position, feed) in lineFeeds.enumerated() {
      let index = Int(feed)
      let nextEnd = position + 1 < lineFeeds.count ? Int(lineFeeds[position + 1]) : scalars.count
      var next = LineShape(scalars, (index + 1)..<nextEnd)
      if breakIsSoft(scalars, &previous, &next) { folded[index] = 32 }
      previous = next
    }
  }

  /// `isSoft` over the shapes of the lines around a break.
  private static func breakIsSoft(
    _ scalars: [Unicode.Scalar], _ previous: inout LineShape, _ next: inout LineShape
  ) -> Bool {
    guard !previous.isEmpty, !next.isEmpty else { return false }
    switch scalars[previous.upper - 1].value {
    case 0x3B, 0x2E, 0x3A, 0x21, 0x3F, 0x7C: return false  // ; . : ! ? |
    default: break
    }
    if previous.isRule(scalars) || next.isRule(scalars) { return false }
    let first = scalars[next.lower]
    switch first.value {
    case 0x2D, 0x2013, 0x2014, 0x2B, 0x2022, 0x2A, 0x7C, 0x28: return false  // - – — + • * | (
    default: break
    }
    let nextText = scalars[next.lower..<next.upper]
    if startsPoint(nextText) { return false }
    let previousCase = previous.letterCase(scalars)
    let nextCase = next.letterCase(scalars)
    if previousCase == .upper, nextCase == .mixed { return false }
    if previousCase == .mixed, nextCase == .upper, nextText.count > 3, ScalarProperties.isAlphabetic(first) {
      return false
    }
    if startsParagraph(nextText) { return false }
    return true
  }

  /// A line trimmed as `isSoft` trims it, and what is asked of it, each worked out when first asked.
  private struct LineShape {
    let lower: Int
    let upper: Int
    private var rule: Bool?
    private var letters: Case?

    init(_ scalars: [Unicode.Scalar], _ range: Range<Int>) {
      var lower = range.lowerBound
      var upper = range.upperBound
      while lower < upper, LineShape.isWhitespace(scalars[lower]) || scalars[lower] == "\u{FEFF}" {
        lower += 1
      }
      while upper > lower, LineShape.isWhitespace(scalars[upper - 1]) { upper -= 1 }
      self.lower = lower
      self.upper = upper
    }

    var isEmpty: Bool { lower == upper }

    mutating func isRule(_ scalars: [Unicode.Scalar]) -> Bool {
      if let rule { return rule }
      let answer = LineBreaks.isRule(scalars[lower..<upper])
      rule = answer
      return answer
    }

    mutating func letterCase(_ scalars: [Unicode.Scalar]) -> Case {
      if let letters { return letters }
      let answer = LineBreaks.letterCase(scalars[lower..<upper])
      letters = answer
      return answer
    }

    /// `ScalarProperties.isWhitespace`, answered without the table for ASCII.
    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
      let value = scalar.value
      if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
      return ScalarProperties.isWhitespace(scalar)
    }
  }

  static func isSoft(_ scalars: [Unicode.Scalar], previous: Range<Int>, next: Range<Int>) -> Bool {
    guard let previousText = trimmed(scalars, previous), let nextText = trimmed(scalars, next) else {
      return false
    }
    guard let last = previousText.last, let first = nextText.first else { return false }
    switch last.value {
    case 0x3B, 0x2E, 0x3A, 0x21, 0x3F, 0x7C: return false  // ; . : ! ? |
    default: break
    }
    if isRule(previousText) || isRule(nextText) { return false }
    switch first.value {
    case 0x2D, 0x2013, 0x2014, 0x2B, 0x2022, 0x2A, 0x7C, 0x28: return false  // - – — + • * | (
    default: break
    }
    if startsPoint(nextText) { return false }
    let previousCase = letterCase(previousText)
    let nextCase = letterCase(nextText)
    if previousCase == .upper, nextCase == .mixed { return false }
    if previousCase == .mixed, nextCase == .upper, nextText.count > 3, ScalarProperties.isAlphabetic(first) {
      return false
    }
    if startsParagraph(nextText) { return false }
    return true
  }

  private static func trimmed(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> ArraySlice<Unicode.Scalar>?
  {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, ScalarProperties.isWhitespace(scalars[lower]) || scalars[lower] == "\u{FEFF}" {
      lower += 1
    }
    while upper > lower, ScalarProperties.isWhitespace(scalars[upper - 1]) { upper -= 1 }
    return lower < upper ? scalars[lower..<upper] : nil
  }

  /// `-------`, `***`, `___`: the rules under header fields.
  static func isRule(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    text.allSatisfy { scalar in
      switch scalar.value {
      case 0x2D, 0x2013, 0x2014, 0x2A, 0x5F, 0x3D, 0x2E, 0x7E, 0x20: return true  // - – — * _ = . ~ space
      default: return false
      }
    }
  }

  enum Case { case upper, mixed, none }

  /// `.upper` when every letter is a capital, `.mixed` when one is lower case.
  static func letterCase(_ text: ArraySlice<Unicode.Scalar>) -> Case {
    var sawLetter = false
    for scalar in text where ScalarProperties.isAlphabetic(scalar) {
      if ScalarProperties.isLowercase(scalar) { return .mixed }
      sawLetter = true
    }
    return sawLetter ? .upper : .none
  }

  /// `1.`, `2)`, `a)`, `I.`, `IV.`, `Điều 3`, `Chương II`: a point of the body begins.
  static func startsPoint(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    var index = text.startIndex
    var digits = 0
    // The ASCII scalars with a numeric type are the digits.
    while index < text.endIndex, text[index].value >= 0x30, text[index].value <= 0x39 {
      digits += 1
      index += 1
    }
    if digits > 0 {
      guard index < text.endIndex else { return false }
      return text[index] == "." || text[index] == ")"
    }
    var romans = 0
    while index < text.endIndex, isRomanDigit(text[index]) {
      romans += 1
      index += 1
    }
    if romans > 0, index < text.endIndex, text[index] == "." { return true }
    let start = text.startIndex
    if text.count >= 2, ScalarProperties.isLowercase(text[start]), text[start + 1] == ")" { return true }
    if let first = text.first, let initial = VietnameseFolding.fold(first), initial != "d", initial != "c",
      initial != "m"
    {
      return false
    }
    return foldedPrefix(of: text.prefix(8), isAnyOf: ["dieu ", "chuong ", "muc "])
  }

  @inline(__always) private static func isRomanDigit(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x49, 0x56, 0x58, 0x4C, 0x43: return true  // I V X L C
    default: return false
    }
  }

  /// Whether the fold of `scalars` starts with one of `prefixes` (folded ASCII). The fold is read
  /// byte by byte when it is ASCII, as it is for Vietnamese; else as a string.
  static func foldedPrefix(of scalars: ArraySlice<Unicode.Scalar>, isAnyOf prefixes: [String]) -> Bool {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count)
    for scalar in scalars {
      guard let folded = VietnameseFolding.fold(scalar) else { continue }
      guard folded.value < 0x80 else {
        let word = String(String.UnicodeScalarView(scalars)).folded
        return prefixes.contains { word.hasPrefix($0) }
      }
      bytes.append(UInt8(folded.value))
    }
    return prefixes.contains { prefix in
      prefix.utf8.count <= bytes.count && bytes.starts(with: prefix.utf8)
    }
  }

  /// Words that open a paragraph of a directive's preamble.
  static func startsParagraph(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = text.first, ScalarProperties.isUppercase(first),
      let initial = VietnameseFolding.fold(first), "cxtkn".unicodeScalars.contains(initial)
    else { return false }
    return foldedPrefix(
      of: text.prefix(12), isAnyOf: ["can cu ", "xet ", "theo de nghi", "kinh gui", "noi nhan"])
  }
}
