/// Which line breaks of a text only wrap a sentence. Web portals and PDF copies break lines
/// inside numbers, dates and names (`Nghị định số\n07/2021/NĐ-CP ngày`, `ngày 11 tháng 3\nnăm 2020`);
/// such a break reads as a space. A break stays a break after `;`, `.`, `:`, `!`, `?` or `|`, at a
/// blank line or a rule (`-----`), before a list item or a numbered point, and between a line in
/// capitals and one in ordinary case (a title and its body).
enum LineBreaks {
  static func markSoft(scalars: [Unicode.Scalar], folded: inout [UInt8]) {
    var previousStart = 0
    var index = 0
    let count = scalars.count
    while index < count {
      guard scalars[index] == "\n" else {
        index += 1
        continue
      }
      var nextEnd = index + 1
      while nextEnd < count, scalars[nextEnd] != "\n" { nextEnd += 1 }
      if isSoft(scalars, previous: previousStart..<index, next: (index + 1)..<nextEnd) {
        folded[index] = 32
      }
      previousStart = index + 1
      index += 1
    }
  }

  static func isSoft(_ scalars: [Unicode.Scalar], previous: Range<Int>, next: Range<Int>) -> Bool {
    guard let previousText = trimmed(scalars, previous), let nextText = trimmed(scalars, next) else {
      return false
    }
    guard let last = previousText.last, let first = nextText.first else { return false }
    if ";.:!?|".unicodeScalars.contains(last) { return false }
    if isRule(previousText) || isRule(nextText) { return false }
    if "-–—+•*|(".unicodeScalars.contains(first) { return false }
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
    text.allSatisfy { "-–—*_=.~ ".unicodeScalars.contains($0) }
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
    while index < text.endIndex, text[index].properties.numericType != nil, text[index].isASCII {
      digits += 1
      index += 1
    }
    if digits > 0 {
      guard index < text.endIndex else { return false }
      return text[index] == "." || text[index] == ")"
    }
    var romans = 0
    while index < text.endIndex, "IVXLC".unicodeScalars.contains(text[index]) {
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
    let word = String(String.UnicodeScalarView(text.prefix(8))).folded
    return word.hasPrefix("dieu ") || word.hasPrefix("chuong ") || word.hasPrefix("muc ")
  }

  /// Words that open a paragraph of a directive's preamble.
  static func startsParagraph(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = text.first, ScalarProperties.isUppercase(first),
      let initial = VietnameseFolding.fold(first), "cxtkn".unicodeScalars.contains(initial)
    else { return false }
    let head = String(String.UnicodeScalarView(text.prefix(12))).folded
    return ["can cu ", "xet ", "theo de nghi", "kinh gui", "noi nhan"].contains { head.hasPrefix($0) }
  }
}
