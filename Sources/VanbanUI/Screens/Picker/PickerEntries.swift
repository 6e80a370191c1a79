import DirectiveKit

extension Library {
  /// The kit's options in the picker's order: each group (before 2025, since 2025, unknown)
  /// with the provinces the corpus holds first, then the others, each part by name.
  static func pickerOrder(_ options: [ProvinceSelection.Option]) -> [ProvinceSelection.Option] {
    options.enumerated().sorted { lhs, rhs in
      let left = (lhs.element.group, lhs.element.inCorpus ? 0 : 1, lhs.element.name.folded, lhs.offset)
      let right = (rhs.element.group, rhs.element.inCorpus ? 0 : 1, rhs.element.name.folded, rhs.offset)
      return left < right
    }.map(\.element)
  }
}

extension ProvinceSelection.Option {
  /// 0 before the 2025 merger, 1 since, 2 “Province unknown”.
  var group: Int {
    switch choice {
    case .province: return 0
    case .province2025: return 1
    case .unknown: return 2
    }
  }
}

extension AppState {
  /// The picker's entries for what is typed: every option whose name holds it (marks and case
  /// aside), and the province it names as `--province` reads it (`tp hcm`, `hcm`, `sài gòn`).
  public var pickerEntries: [ProvinceSelection.Option] {
    guard let picker else { return [] }
    let needle = looseName(picker.query)
    guard !needle.isEmpty else { return library.provinceOptions }
    var named: Set<ProvinceChoice> = []
    if let choice = try? ProvinceSelection.choice(picker.query, knownNames: library.provinces) {
      named.insert(choice)
    }
    if let choice = try? ProvinceSelection.choice2025(picker.query) { named.insert(choice) }
    return zip(library.provinceOptions, library.provinceOptionKeys).filter { option, key in
      named.contains(option.choice) || key.contains(needle)
    }.map(\.0)
  }

  /// When nothing matches what is typed: the nearest province name, as `--province` suggests it.
  public var pickerSuggestion: String? {
    guard let picker, !looseName(picker.query).isEmpty, pickerEntries.isEmpty else { return nil }
    do {
      _ = try ProvinceSelection.choice(picker.query, knownNames: library.provinces)
    } catch ProvinceSelection.Failure.unknownProvince(_, let suggestion?) {
      return suggestion
    } catch {}
    let names2025 = library.provinceOptions.filter { $0.group == 1 }.map(\.name)
    return ProvinceSelection.nearest(picker.query, among: names2025)
  }
}

extension AppState {
  /// The first entry for `query` that selects a document of the corpus (0 when none does), so
  /// that Enter on what is typed picks a province the corpus holds.
  func firstPickerEntryInCorpus(query: String) -> Int {
    var probe = self
    probe.picker = ProvincePicker(query: query, selection: 0)
    return probe.pickerEntries.firstIndex { $0.inCorpus } ?? 0
  }
}
