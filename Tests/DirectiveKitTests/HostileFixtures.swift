import Foundation
import TestSupport
import XCTest

@testable import DirectiveKit

/// Hostile inputs written by the tests themselves into a fresh temporary folder.
struct HostileFixtures {
  static let projectRoot = Package.root
  static let seedFolder = Package.seedCorpus
  static let firstSeedName = "000_c04fbf0a9182cd61.txt"

  let folder: URL

  init(label: String) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vanban-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func remove() {
    // An unreadable folder left by a test must be made readable again to be removed.
    _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    try? FileManager.default.removeItem(at: folder)
  }

  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return url.path
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  static func seedText(_ name: String = firstSeedName) throws -> String {
    try String(contentsOf: seedFolder.appendingPathComponent(name), encoding: .utf8)
  }

  static func seedBytes(_ name: String = firstSeedName) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: seedFolder.appendingPathComponent(name)))
  }

  // MARK: Inputs

  /// A directive of Nam Định whose subject, body, citation and signer carry terminal commands:
  /// an OSC title write, an OSC 52 clipboard write, a screen clear and cursor home, a C1 CSI
  /// (U+009B) colour change, backspaces and a bell. It cites the first seed (215-CV/TU).
  static let escapeDocument: String = {
    let escape = "\u{1B}"
    let bell = "\u{07}"
    return """
      UBND TỈNH NAM ĐỊNH\(escape)]0;PWNED-TITLE\(bell)
      Số 99-CV/UBND
      Nam Định, ngày 20 tháng 6 năm 2021
      V/v đặt tiêu đề \(escape)]2;PWNED-TITLE\(bell) và ghi bộ nhớ \(escape)]52;c;cHduZWQ=\(bell) rồi xóa màn hình \(escape)[2J\(escape)[H
      Kính gửi: Các sở, ban, ngành\u{9B}31m tỉnh\u{08}\u{08}\u{08}XXX;
      Thực hiện Công văn số 215-CV/TU ngày 14/6/2021 của Tỉnh ủy Nam Định\(escape)[31m về phòng, chống dịch\u{9B}2J, UBND tỉnh yêu cầu:
      1. Các sở\u{07}, ngành \(escape)P1;2|secret\(escape)\\ thực hiện nghiêm Công văn số 215-CV/TU.
      2. Báo cáo kết quả\(escape)]0;\(escape)[41m trước ngày 30/6/2021.
      TM. ỦY BAN NHÂN DÂN
      CHỦ TỊCH
      Nguyễn Văn\(escape)[8m Ẩn\(escape)[0m

      """
  }()

  /// The name of the escape document's file: the name carries an OSC title write too.
  static let escapeFileName = "esc\u{1B}]0;FILE-TITLE\u{07}.txt"

  /// `count` citations of distinct numbered documents in one body, one a line.
  static func manyCitations(_ count: Int) -> String {
    var text = "TỈNH ỦY NAM ĐỊNH\nSố 7000-CV/TU\nNam Định, ngày 1 tháng 7 năm 2021\nV/v tổng hợp văn bản\n"
    for number in 1...count {
      let day = number % 28 + 1
      let month = number % 12 + 1
      text += "- Công văn số \(number)-CV/TU ngày \(day)/\(month)/2020 của Tỉnh ủy Nam Định;\n"
    }
    return text + "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn A\n"
  }

  /// One line of about `megabytes` MB: the first seed's sentences joined without line breaks.
  static func longLine(megabytes: Int) throws -> [UInt8] {
    let sentence = try seedText().replacingOccurrences(of: "\n", with: " ")
    let unit = Array(sentence.utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(megabytes * 1_048_576 + unit.count)
    while bytes.count < megabytes * 1_048_576 { bytes += unit }
    return bytes
  }

  /// Bytes that are no encoding of anything: no NUL (so not taken for binary), few controls.
  static func noiseBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let byte = UInt8(truncatingIfNeeded: state >> 56)
      return byte < 0x20 ? byte | 0x80 : byte
    }
  }

  /// Scalars a terminal would act on, other than line feed and tab.
  static func forbiddenScalars(in text: String) -> [String] {
    var found: [String] = []
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let isControl = (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
      if isControl { found.append(String(format: "U+%04X", value)) }
    }
    return found
  }
}
