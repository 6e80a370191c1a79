import DirectiveKit

/// One letter, digit or gap of a text as find compares it: its folded form (no marks, lower
/// case; every run of spaces and punctuation one gap), its form with marks in lower case, and
/// the scalars it covers.
private struct FindUnit {
  var base: Unicode.Scalar
  var exact: Unicode.Scalar
  var start: Int
  var end: Int
  /// For a letter of the query: whether its word was typed with marks, so that the marks count.
  var marked = false

  static let gap: Unicode.Scalar = " "
  var isGap: Bool { base == FindUnit.gap }
}

/// A text as a sequence of units: letters and digits folded, a combining mark (NFD) joined to
/// its letter, every run of anything else (spaces, punctuation, line breaks) one gap.
private func findUnits(_ scalars: some Collection<Unicode.Scalar>) -> [FindUnit] {
  var units: [FindUnit] = []
  var pendingMarks = false
  func composeLast(_ marks: [Unicode.Scalar]) {
    guard var last = units.last, !last.isGap else { return }
    var text = String.UnicodeScalarView()
    text.append(last.exact)
    text.append(contentsOf: marks)
    last.exact =
      String(text).precomposedStringWithCanonicalMapping.lowercased().unicodeScalars.first ?? last.exact
    units[units.count - 1] = last
  }
  var marks: [Unicode.Scalar] = []
  for (offset, scalar) in scalars.enumerated() {
    if VietnameseFolding.isCombiningMark(scalar.value) {
      if let last = units.last, !last.isGap {
        marks.append(scalar)
        units[units.count - 1].end = offset + 1
        pendingMarks = true
      }
      continue
    }
    if pendingMarks {
      composeLast(marks)
      marks = []
      pendingMarks = false
    }
    let properties = scalar.properties
    if properties.isAlphabetic || properties.numericType != nil, let base = VietnameseFolding.fold(scalar) {
      let exact = scalar.isASCII ? base : (properties.lowercaseMapping.unicodeScalars.first ?? scalar)
      units.append(FindUnit(base: base, exact: exact, start: offset, end: offset + 1))
    } else if let last = units.last, last.isGap {
      units[units.count - 1].end = offset + 1
    } else {
      units.append(FindUnit(base: FindUnit.gap, exact: FindUnit.gap, start: offset, end: offset + 1))
    }
  }
  if pendingMarks { composeLast(marks) }
  return units
}

/// Offsets (in scalars) of every place the query occurs in the text, as the library's search
/// reads it: punctuation and spaces are one gap (`phong chong` finds “phòng, chống”), marks and
/// case aside; a word typed with marks matches only that spelling (`thiên` does not find
/// “thiện”), the kit's smart case for marks.
public func findMatches(of query: String, in scalars: [Unicode.Scalar]) -> [Range<Int>] {
  var needle = findUnits(query.unicodeScalars)
  while needle.first?.isGap == true { needle.removeFirst() }
  while needle.last?.isGap == true { needle.removeLast() }
  guard !needle.isEmpty else { return [] }
  // A word is marked when one of its letters is not its folded form.
  var wordStart = 0
  for index in needle.indices where index == needle.count - 1 || needle[index + 1].isGap {
    let word = wordStart...index
    let marked = word.contains { needle[$0].exact != needle[$0].base }
    for position in word { needle[position].marked = marked }
    wordStart = index + 2
  }
  let text = findUnits(scalars)
  guard text.count >= needle.count else { return [] }
  var matches: [Range<Int>] = []
  var index = 0
  while index <= text.count - needle.count {
    var matched = true
    for (offset, unit) in needle.enumerated() {
      let candidate = text[index + offset]
      if candidate.base != unit.base || (unit.marked && candidate.exact != unit.exact) {
        matched = false
        break
      }
    }
    if matched {
      let first = text[index]
      let last = text[index + needle.count - 1]
      matches.append(first.start..<last.end)
      index += needle.count
    } else {
      index += 1
    }
  }
  return matches
}
