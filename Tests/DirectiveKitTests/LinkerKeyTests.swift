import Foundation
import VanbanGenerator
import XCTest

@testable import DirectiveKit

/// The linker's slugs, read on bytes, are the slugs its keys were made of when they were read by
/// `Character`s: a key in a snapshot or a link fact never changes.
final class LinkerKeyTests: XCTestCase {
  /// The definition the keys were made by.
  private func characterSlug(_ text: String) -> String {
    text.folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
  }

  func testSlugsAreTheSlugsReadByCharacters() {
    var strings = [
      "", " ", "-", "Công văn", "Ban Thường vụ Tỉnh ủy Nam Định", "  Ủy ban nhân dân  tỉnh Hà Nam ",
      "Thông báo Kết luận", "Văn phòng Chính phủ", "Bộ Y tế/Sở Y tế", "Quốc hội (khóa XIV)", "Hòa Bình",
      "Hoà Bình",
      "ĐẮK LẮK", "Ðắk Lắk", "Cư M'gar", "Ea H’leo", "TP.HCM", "Bà Rịa – Vũng Tàu", "Quận 12", "line\r\nbreak",
      "a\u{301}b", "Nam\u{20D7}Định", "Straße", "ΑΘΗΝΑ Ελλάδα", "№ 5", "x²", "½ tháng", "café", "e\u{0483}x",
      "\u{FEFF}Tỉnh ủy", "tab\there", "emoji 🇻🇳 cờ", "ǅ ǈ", "İ", "ﬁve", "Ⅻ", "٣ arabic digit", "日本",
    ]
    for province in Gazetteer.standard.provinces { strings.append(province.name) }
    for district in Gazetteer.standard.districts { strings.append("\(district.kind) \(district.name)") }
    for generated in CorpusGenerator(seed: 5).generate(count: 60) {
      strings.append(contentsOf: generated.text.split(separator: "\n").map(String.init))
    }
    var asciiSlugs = 0
    for string in strings {
      XCTAssertEqual(CitationLinker.slug(string), characterSlug(string), string.debugDescription)
      if string.folded.utf8.allSatisfy({ $0 < 0x80 }) { asciiSlugs += 1 }
    }
    XCTAssertGreaterThan(asciiSlugs, strings.count / 2)
  }
}
