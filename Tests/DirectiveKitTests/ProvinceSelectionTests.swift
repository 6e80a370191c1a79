import XCTest

@testable import DirectiveKit

final class ProvinceSelectionTests: XCTestCase {
  private func document(_ id: String, province: String?, level: Level = .province) -> Document {
    var document = Document(id: id, file: "\(id).txt", text: "")
    document.province = province
    document.level = level
    return document
  }

  private lazy var documents = [
    document("hcm", province: "Hồ Chí Minh"), document("nd", province: "Nam Định"),
    document("lost", province: nil), document("central", province: nil, level: .central),
    document("odd", province: "Xứ Đoài"), document("hue", province: "Thừa Thiên Huế"),
  ]

  private func selected(_ typed: String, knownNames: [String] = []) throws -> [String] {
    let selection = try ProvinceSelection(province: typed, province2025: nil, knownNames: knownNames)
    return documents.filter(selection.matches).map(\.id)
  }

  func testTakesWhatProvinceTakes() throws {
    for typed in ["tp hcm", "hcm", "TP.HCM", "sài gòn", "sai gon", "Thành phố Hồ Chí Minh", "ho chi minh"] {
      XCTAssertEqual(try selected(typed), ["hcm"], typed)
    }
    XCTAssertEqual(try selected("nam-dinh"), ["nd"])
    XCTAssertEqual(try selected("Huế"), ["hue"])
  }

  func testUnknownChoosesTheDocumentsWithoutAProvinceButNotCentralOnes() throws {
    XCTAssertEqual(try selected("unknown"), ["lost"])
    XCTAssertEqual(try selected("Unknown"), ["lost"])
    let since2025 = try ProvinceSelection(province: nil, province2025: "unknown")
    XCTAssertEqual(documents.filter(since2025.matches).map(\.id), ["lost"])
  }

  func testANameOnlyTheCorpusGivesIsAcceptedAndMatched() throws {
    XCTAssertThrowsError(try selected("Xứ Đoài"))
    XCTAssertEqual(try selected("xu doai", knownNames: ["Xứ Đoài"]), ["odd"])
  }

  func testNothingChosenSelectsEverything() throws {
    let everything = try ProvinceSelection(province: nil, province2025: nil)
    XCTAssertTrue(everything.selectsEverything)
    XCTAssertEqual(documents.filter(everything.matches).count, documents.count)
  }

  func testMisspelledNamesGetTheNearestName() {
    XCTAssertEqual(
      ProvinceSelection.nearest("Nam Dinhh", among: Gazetteer.standard.provinces.map(\.name)), "Nam Định")
    XCTAssertEqual(
      ProvinceSelection.nearest("hanoii", among: Gazetteer.standard.provinces.map(\.name)), "Hà Nội")
    XCTAssertNil(ProvinceSelection.nearest("Atlantis", among: Gazetteer.standard.provinces.map(\.name)))
    XCTAssertThrowsError(try ProvinceSelection.choice("Nam Dinhh")) { error in
      XCTAssertEqual(
        error as? ProvinceSelection.Failure, .unknownProvince("Nam Dinhh", suggestion: "Nam Định"))
      XCTAssertEqual(
        String(describing: error), "no province named “Nam Dinhh” before 2025; did you mean “Nam Định”?")
    }
    XCTAssertThrowsError(try ProvinceSelection.choice2025("Ninh Binhh")) { error in
      XCTAssertEqual(
        error as? ProvinceSelection.Failure,
        .unknownProvince2025("Ninh Binhh", oldPartOf: nil, suggestion: "Ninh Bình"))
    }
    XCTAssertThrowsError(try ProvinceSelection.choice("Atlantis")) { error in
      XCTAssertFalse(String(describing: error).contains("did you mean"))
    }
  }

  func testEditDistance() {
    func distance(_ a: String, _ b: String) -> Int {
      ProvinceSelection.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }
    XCTAssertEqual(distance("", "abc"), 3)
    XCTAssertEqual(distance("kitten", "sitting"), 3)
    XCTAssertEqual(distance("namdinh", "namdinh"), 0)
    XCTAssertEqual(distance("hanoii", "hanoi"), 1)
  }

  func testOptionsListEveryProvinceWithItsCountAndUnknownLast() throws {
    let options = ProvinceSelection.options(for: documents)
    let gazetteer = Gazetteer.standard
    XCTAssertEqual(options.count, gazetteer.provinces.count + 1 + gazetteer.provinces2025.count + 1)
    XCTAssertEqual(options.last?.choice, .unknown)
    XCTAssertEqual(options.last?.documents, 1)
    let hanoi = try XCTUnwrap(options.first { $0.choice == .province("Hà Nội") })
    XCTAssertFalse(hanoi.inCorpus, "a valid province of which the corpus holds nothing")
    XCTAssertEqual(options.first { $0.choice == .province("Nam Định") }?.documents, 1)
    XCTAssertEqual(options.first { $0.choice == .province("Xứ Đoài") }?.documents, 1)
    XCTAssertEqual(options.first { $0.choice == .province2025("Ninh Bình") }?.documents, 1)
    // Every option selects as many documents as it says.
    for option in options {
      let selection = ProvinceSelection([option.choice])
      XCTAssertEqual(documents.filter(selection.matches).count, option.documents, option.name)
    }
  }
}
