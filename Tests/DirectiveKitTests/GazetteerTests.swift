import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

final class GazetteerTests: XCTestCase {
  private let gazetteer = Gazetteer.standard

  private static let projectRoot = Package.root

  private func seed(_ prefix: String) throws -> String {
    let folder = Self.projectRoot.appendingPathComponent("Data/corpus")
    let name = try XCTUnwrap(
      FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(prefix) })
    return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  // MARK: The data

  func testEmbeddedDataIsTheTSVFileByteForByte() throws {
    let file = try Data(contentsOf: Self.projectRoot.appendingPathComponent("Data/gazetteer.tsv"))
    XCTAssertEqual(Array(GazetteerData.tsv.utf8), Array(file))
  }

  func testCountsOfProvincesAndDistricts() {
    XCTAssertEqual(gazetteer.provinces.count, 63)
    XCTAssertEqual(Set(gazetteer.provinces.map(\.code)).count, 63)
    XCTAssertEqual(gazetteer.provinces2025.count, 34)
    XCTAssertEqual(gazetteer.districts.count, 705)
    XCTAssertEqual(Set(gazetteer.districts.map(\.code)).count, 705)
    XCTAssertEqual(
      Dictionary(grouping: gazetteer.districts, by: \.kind).mapValues(\.count),
      ["huyện": 524, "quận": 46, "thị xã": 52, "thành phố": 83])
  }

  func testEveryOldProvinceGoesWholeIntoOneNewProvince() {
    let new = Set(gazetteer.provinces2025)
    for province in gazetteer.provinces {
      XCTAssertTrue(new.contains(province.name2025), province.name)
    }
    XCTAssertEqual(Set(gazetteer.provinces.map(\.name2025)), new)
    for district in gazetteer.districts + gazetteer.retiredDistrictNames {
      XCTAssertEqual(
        district.province2025, gazetteer.province(code: district.provinceCode)?.name2025, district.name)
    }
  }

  func testSpotChecks() throws {
    let trucNinh = try XCTUnwrap(gazetteer.districts(named: "Trực Ninh").first)
    XCTAssertEqual(trucNinh.kind, "huyện")
    XCTAssertEqual(trucNinh.province, "Nam Định")
    let phuQuoc = try XCTUnwrap(gazetteer.districts.first { $0.name == "Phú Quốc" })
    XCTAssertEqual(phuQuoc.kind, "thành phố")
    XCTAssertEqual(phuQuoc.province, "Kiên Giang")
    XCTAssertEqual(gazetteer.province(named: "Nam Định")?.name2025, "Ninh Bình")
    XCTAssertEqual(gazetteer.province(named: "Kiên Giang")?.name2025, "An Giang")
    XCTAssertEqual(gazetteer.province(named: "Thừa Thiên Huế")?.name2025, "Huế")
    XCTAssertEqual(gazetteer.province(named: "Hà Nội")?.name2025, "Hà Nội")
  }

  func testRetiredNamesPointToTheirSuccessors() {
    let quan9 = gazetteer.retiredDistrictNames.first { $0.name == "9" && $0.kind == "quận" }
    XCTAssertEqual(quan9?.province, "Hồ Chí Minh")
    XCTAssertEqual(quan9?.code, gazetteer.districts.first { $0.name == "Thủ Đức" }?.code)
    let tinhGia = gazetteer.districts(named: "Tĩnh Gia")
    XCTAssertEqual(tinhGia.map(\.province), ["Thanh Hóa"])
    XCTAssertNotNil(tinhGia.first?.retired)
  }

  // MARK: Look-ups by name

  func testLooseProvinceNames() {
    XCTAssertEqual(gazetteer.province(named: "kien giang")?.name, "Kiên Giang")
    XCTAssertEqual(gazetteer.province(named: "Tỉnh Kiên Giang")?.name, "Kiên Giang")
    XCTAssertEqual(gazetteer.province(named: "TP. Hồ Chí Minh")?.name, "Hồ Chí Minh")
    XCTAssertEqual(gazetteer.province(named: "Thành phố Hồ Chí Minh")?.code, "79")
    XCTAssertEqual(gazetteer.province(named: "TP.HCM")?.code, "79")
    XCTAssertEqual(gazetteer.province(named: "Hoà Bình")?.code, "17")
    XCTAssertEqual(gazetteer.province(named: "Hòa Bình")?.code, "17")
    XCTAssertEqual(gazetteer.province(named: "Thừa Thiên - Huế")?.name, "Thừa Thiên Huế")
    XCTAssertEqual(gazetteer.province(named: "BÀ RỊA-VŨNG TÀU")?.code, "77")
    XCTAssertEqual(gazetteer.province(named: "Đắk Lắk".decomposedStringWithCanonicalMapping)?.code, "66")
    XCTAssertNil(gazetteer.province(named: "Trực Ninh"))
    XCTAssertNil(gazetteer.province(named: ""))
    XCTAssertNil(gazetteer.province(named: "tỉnh"))
  }

  func testProvinces2025AreToldApartFromOldOnes() {
    XCTAssertEqual(gazetteer.province2025(named: "an giang"), "An Giang")
    XCTAssertEqual(gazetteer.province2025(named: "Thành phố Huế"), "Huế")
    XCTAssertNil(gazetteer.province2025(named: "Kiên Giang"))
    XCTAssertNil(gazetteer.province2025(named: "Nam Định"))
    XCTAssertEqual(
      gazetteer.oldProvinces(mergedInto: "Ninh Bình").map(\.name), ["Hà Nam", "Nam Định", "Ninh Bình"])
    XCTAssertEqual(gazetteer.oldProvinces(mergedInto: "ninh binh").count, 3)
    XCTAssertEqual(gazetteer.oldProvinces(mergedInto: "An Giang").map(\.name), ["An Giang", "Kiên Giang"])
    XCTAssertEqual(gazetteer.oldProvinces(mergedInto: "Hà Nội").map(\.name), ["Hà Nội"])
    XCTAssertEqual(gazetteer.oldProvinces(mergedInto: "Nam Định"), [])
  }

  // MARK: Place names in text

  func testEveryDistrictWithItsKindWordIsFoundInItsProvince() {
    for district in gazetteer.districts {
      let mentions = gazetteer.placeMentions(in: "Làm việc với \(district.kind) \(district.name), sáng nay")
      XCTAssertEqual(mentions.count, 1, "\(district.kind) \(district.name)")
      XCTAssertTrue(mentions.first?.provinces.contains(district.province) == true, district.name)
      XCTAssertEqual(mentions.first?.name, district.name)
    }
  }

  func testEveryProvinceWithItsPrefixIsFound() {
    for province in gazetteer.provinces {
      let committee = province.kind == "tỉnh" ? "Tỉnh ủy" : "Thành ủy"
      let text = "Ban Thường vụ \(committee) \(province.name) và UBND \(province.kind) \(province.name)."
      let mentions = gazetteer.placeMentions(in: text)
      XCTAssertEqual(mentions.map(\.province), [province.name, province.name])
      XCTAssertEqual(mentions.map(\.kind), [province.kind, province.kind])
    }
  }

  func testQualifiedMentionsKeepTheirExactWordsAndSpans() {
    let text = "Ngày 12/5, đồng chí làm việc với Thường trực Huyện ủy Trực Ninh và UBND huyện Trực Ninh."
    let mentions = gazetteer.placeMentions(in: text)
    XCTAssertEqual(mentions.map(\.text), ["Huyện ủy Trực Ninh", "huyện Trực Ninh"])
    XCTAssertEqual(mentions.map(\.name), ["Trực Ninh", "Trực Ninh"])
    XCTAssertEqual(mentions.map(\.kind), ["huyện", "huyện"])
    let scalars = Array(text.unicodeScalars)
    for mention in mentions {
      let written = String(String.UnicodeScalarView(scalars[mention.span.start..<mention.span.end]))
      XCTAssertEqual(written, mention.text)
    }
  }

  func testDecomposedTextAndToneVariantsMatchWithNFCSpans() {
    let nfc = "Thường trực Huyện uỷ Trực Ninh họp."
    let nfd = nfc.decomposedStringWithCanonicalMapping
    let fromNFD = gazetteer.placeMentions(in: nfd)
    XCTAssertEqual(fromNFD, gazetteer.placeMentions(in: nfc))
    XCTAssertEqual(fromNFD.first?.span, Span(12, 30))
    XCTAssertEqual(gazetteer.placeMentions(in: "HUYỆN ỦY TRỰC NINH").first?.province, "Nam Định")
    XCTAssertEqual(gazetteer.placeMentions(in: "tại huyen Truc Ninh").first?.province, "Nam Định")
  }

  func testLongDecomposedTextIsNormalisedLikeComposedText() throws {
    let nfc = try ["000_", "001_", "002_", "003_"].map(seed).joined(separator: "\n")
    let nfd = nfc.decomposedStringWithCanonicalMapping
    XCTAssertNotEqual(Array(nfd.unicodeScalars), Array(nfc.unicodeScalars))
    XCTAssertEqual(PlaceTokenizer.nfcScalars(of: nfd), Array(nfc.unicodeScalars))
    XCTAssertEqual(gazetteer.placeMentions(in: nfd), gazetteer.placeMentions(in: nfc))
  }

  func testKindWordsAndMarksDecideBetweenNamesThatFoldAlike() {
    XCTAssertEqual(gazetteer.placeMentions(in: "thành phố Hòa Bình").map(\.provinces), [["Hòa Bình"]])
    XCTAssertEqual(gazetteer.placeMentions(in: "huyện Hoà Bình").map(\.provinces), [["Bạc Liêu"]])
    XCTAssertEqual(gazetteer.placeMentions(in: "thành phố Thanh Hóa").map(\.provinces), [["Thanh Hóa"]])
    XCTAssertEqual(gazetteer.placeMentions(in: "huyện Thạnh Hóa").map(\.provinces), [["Long An"]])
    XCTAssertEqual(gazetteer.placeMentions(in: "tỉnh Quảng Ninh").map(\.provinces), [["Quảng Ninh"]])
    XCTAssertEqual(gazetteer.placeMentions(in: "huyện Quảng Ninh").map(\.provinces), [["Quảng Bình"]])
  }

  func testPrefixesTPAndRetiredNames() {
    XCTAssertEqual(gazetteer.placeMentions(in: "tại TP. Hồ Chí Minh").map(\.province), ["Hồ Chí Minh"])
    XCTAssertEqual(gazetteer.placeMentions(in: "tại TP.HCM").map(\.province), ["Hồ Chí Minh"])
    XCTAssertEqual(gazetteer.placeMentions(in: "Tp. Thủ Đức").map(\.province), ["Hồ Chí Minh"])
    XCTAssertEqual(gazetteer.placeMentions(in: "UBND Quận 9, Quận 12").map(\.name), ["9", "12"])
    XCTAssertEqual(
      gazetteer.placeMentions(in: "huyện Ea Hleo, huyện Cư M’gar").map(\.province), ["Đắk Lắk", "Đắk Lắk"])
    XCTAssertEqual(gazetteer.placeMentions(in: "huyện Tĩnh Gia").map(\.province), ["Thanh Hóa"])
    XCTAssertEqual(gazetteer.placeMentions(in: "Thành phố Hà Nội").map(\.province), ["Hà Nội"])
    XCTAssertEqual(gazetteer.placeMentions(in: "Thừa Thiên - Huế").map(\.province), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "tỉnh Thừa Thiên - Huế").map(\.province), ["Thừa Thiên Huế"])
  }

  func testBareNamesOnlyWhenUniqueAndNotAPersonsName() {
    let bare = gazetteer.placeMentions(in: "Đoàn đã đến Trực Ninh hôm qua.")
    XCTAssertEqual(bare.map(\.province), ["Nam Định"])
    XCTAssertEqual(bare.first?.qualified, false)
    XCTAssertEqual(bare.first?.kind, nil)
    XCTAssertEqual(gazetteer.placeMentions(in: "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nĐô Thanh Bình\n"), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "gửi đồng chí Thanh Bình"), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "xã Thanh Bình"), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "Bình an, hòa bình"), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "Hồi đó ở Châu Thành"), [], "a name of several districts")
    XCTAssertEqual(gazetteer.placeMentions(in: "nhân dân Nam Định"), [], "a province's name needs its prefix")
    XCTAssertEqual(gazetteer.placeMentions(in: "thành phố trong cả nước, tỉnh có trách nhiệm"), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "huyện Trực Ninhx, thành phố Vinhomes"), [])
  }

  func testAmbiguousQualifiedNameListsEveryProvince() {
    let mentions = gazetteer.placeMentions(in: "huyện Châu Thành")
    XCTAssertEqual(mentions.count, 1)
    XCTAssertNil(mentions.first?.province)
    XCTAssertGreaterThan(mentions.first?.provinces.count ?? 0, 5)
    let inference = gazetteer.inferProvince(from: "huyện Châu Thành")
    XCTAssertNil(inference?.province)
    XCTAssertEqual(inference?.conflicts.count, 1)
  }

  // MARK: Inference

  func testSeedInferences() throws {
    let nine = try XCTUnwrap(gazetteer.inferProvince(from: seed("001_")))
    XCTAssertEqual(nine.province, "Nam Định")
    XCTAssertTrue(nine.evidence.contains { $0.text == "Trực Ninh" || $0.text == "Nam Định" })
    XCTAssertTrue(nine.evidence.allSatisfy { $0.kind == .placeName })
    XCTAssertEqual(nine.conflicts, [])

    let kienGiang = try XCTUnwrap(gazetteer.inferProvince(from: seed("002_")))
    XCTAssertEqual(kienGiang.province, "Kiên Giang")
    XCTAssertEqual(kienGiang.evidence.map(\.text), ["Phú Quốc"])
    XCTAssertFalse(gazetteer.placeMentions(in: try seed("002_")).contains { $0.text.contains("Thanh Bình") })

    let ninhBinh = try XCTUnwrap(gazetteer.inferProvince(from: seed("003_")))
    XCTAssertEqual(ninhBinh.province, "Ninh Bình")
    XCTAssertTrue(ninhBinh.evidence.contains { $0.text == "Ninh Bình" })
    XCTAssertTrue(gazetteer.placeMentions(in: try seed("003_")).contains { $0.text == "tỉnh Ninh Bình" })

    XCTAssertEqual(gazetteer.inferProvince(from: try seed("000_"))?.province, "Nam Định")
  }

  func testSeveralHitsOutweighOneAndTheOtherIsReported() throws {
    let text = "Tại huyện Trực Ninh, thành phố Nam Định và huyện Trực Ninh; hỗ trợ thành phố Phú Quốc."
    let inference = try XCTUnwrap(gazetteer.inferProvince(from: text))
    XCTAssertEqual(inference.province, "Nam Định")
    XCTAssertEqual(inference.evidence.map(\.text), ["Trực Ninh", "Nam Định"])
    XCTAssertEqual(inference.conflicts.count, 1)
    XCTAssertTrue(inference.conflicts[0].contains("Kiên Giang"))
  }

  func testQualifiedOutweighsBareAndATieIsNotDecided() throws {
    let weighed = try XCTUnwrap(gazetteer.inferProvince(from: "Trực Ninh, Tĩnh Gia; huyện Phú Quốc."))
    XCTAssertEqual(weighed.province, "Kiên Giang")
    XCTAssertEqual(weighed.conflicts.count, 1)
    let tie = try XCTUnwrap(gazetteer.inferProvince(from: "huyện Trực Ninh và thành phố Phú Quốc"))
    XCTAssertNil(tie.province)
    XCTAssertEqual(tie.evidence, [])
    XCTAssertTrue(tie.conflicts[0].contains("Nam Định") && tie.conflicts[0].contains("Kiên Giang"))
  }

  func testNoPlaceNoInferenceAndBadDataDoesNotCrash() {
    XCTAssertNil(gazetteer.inferProvince(from: ""))
    XCTAssertNil(gazetteer.inferProvince(from: "Các sở, ban, ngành, đoàn thể cấp tỉnh."))
    let broken = Gazetteer(
      tsv: "garbage\n\t\t\nprovince\t01\n# comment\ndistrict\t001\tBa Đình\tquận\t99\tX\n")
    XCTAssertEqual(broken.provinces.count, 0)
    XCTAssertEqual(broken.districts.count, 0)
    XCTAssertEqual(broken.placeMentions(in: "quận Ba Đình"), [])
    XCTAssertEqual(gazetteer.placeMentions(in: "huyện\u{301} \u{301}Trực"), [])
  }
}

final class ProvinceFilterTests: XCTestCase {
  private func document(_ id: String, province: String?) -> Document {
    var document = Document(id: id, file: "\(id).txt", text: "")
    document.province = province
    document.province2025 = province.flatMap { Gazetteer.standard.province(named: $0)?.name2025 }
    return document
  }

  private lazy var documents = [
    document("a", province: "Nam Định"), document("b", province: "Hà Nam"),
    document("c", province: "Ninh Bình"),
    document("d", province: "Kiên Giang"), document("e", province: nil), document("f", province: "Nam Định"),
    document("g", province: "Hoà Bình"),
  ]

  private func selected(province: String? = nil, province2025: String? = nil) throws -> [String] {
    let filter = try ProvinceFilter(province: province, province2025: province2025)
    return documents.filter(filter.matches).map(\.id)
  }

  func testProvince2025SelectsEveryOldProvinceMergedIntoIt() throws {
    XCTAssertEqual(try selected(province2025: "Ninh Bình"), ["a", "b", "c", "f"])
    XCTAssertEqual(try selected(province2025: "an giang"), ["d"])
    XCTAssertEqual(try selected(province2025: "Phú Thọ"), ["g"])
  }

  func testProvinceTakesOldNamesLoosely() throws {
    XCTAssertEqual(try selected(province: "Ninh Bình"), ["c"])
    XCTAssertEqual(try selected(province: "kien giang"), ["d"])
    XCTAssertEqual(try selected(province: "Hòa Bình"), ["g"])
    XCTAssertEqual(try selected(province: "nam dinh", province2025: "Ninh Bình"), ["a", "f"])
    XCTAssertEqual(try selected(province: "Nam Định", province2025: "An Giang"), [])
    XCTAssertEqual(try selected(), ["a", "b", "c", "d", "e", "f", "g"])
  }

  func testUnknownNamesAreRefusedWithAHint() {
    XCTAssertThrowsError(try ProvinceFilter(province: "Atlantis", province2025: nil)) { error in
      XCTAssertEqual(error as? ProvinceFilter.Failure, .unknownProvince("Atlantis", suggestion: nil))
    }
    XCTAssertThrowsError(try ProvinceFilter(province: nil, province2025: "kien giang")) { error in
      XCTAssertEqual(
        error as? ProvinceFilter.Failure,
        .unknownProvince2025("kien giang", oldPartOf: "An Giang", suggestion: nil))
      XCTAssertTrue(String(describing: error).contains("--province-2025 \"An Giang\""))
    }
  }

  func testTallyCountsOldAndNewProvinces() {
    var stray = document("h", province: "Atlantis")
    stray.province2025 = nil
    let tally = ProvinceTally(documents: documents + [stray])
    XCTAssertEqual(
      tally.provinces.map(\.name), ["Hòa Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Kiên Giang", "Atlantis"])
    XCTAssertEqual(tally.provinces.map(\.documents), [1, 1, 2, 1, 1, 1])
    XCTAssertEqual(tally.provinces.last?.code, nil)
    XCTAssertEqual(tally.provinces2025.map(\.name), ["Phú Thọ", "Ninh Bình", "An Giang"])
    XCTAssertEqual(tally.provinces2025.map(\.documents), [1, 4, 1])
    XCTAssertEqual(tally.provinces2025[1].oldProvinces, ["Hà Nam", "Nam Định", "Ninh Bình"])
    XCTAssertEqual(tally.withoutProvince, 1)
    XCTAssertEqual(
      tally.provinces.map(\.documents).reduce(0, +) + tally.withoutProvince, documents.count + 1,
      "no document is dropped")
  }
}
