/// Folded words the citation reader looks for, made once rather than at every call.
enum CitationWords {
  static let banHanh: [UInt8] = Array("ban hanh".utf8)
  static let cac: [UInt8] = Array("cac".utf8)
  static let cacCap: [UInt8] = Array("cac cap".utf8)
  static let chiDao: [UInt8] = Array("chi dao".utf8)
  static let chinhTri: [UInt8] = Array("chinh tri".utf8)
  static let cua: [UInt8] = Array("cua".utf8)
  static let deNghi: [UInt8] = Array("de nghi".utf8)
  static let dinh: [UInt8] = Array("dinh".utf8)
  static let dongChi: [UInt8] = Array("dong chi".utf8)
  static let doWord: [UInt8] = Array("do".utf8)
  static let hanhDong: [UInt8] = Array("hanh dong".utf8)
  static let hoiNghiLanThu: [UInt8] = Array("hoi nghi lan thu".utf8)
  static let hetHieuLuc: [UInt8] = Array("het hieu luc".utf8)
  static let hieuLuc: [UInt8] = Array("hieu luc".utf8)
  static let kemTheo: [UInt8] = Array("kem theo".utf8)
  static let lamViec: [UInt8] = Array("lam viec".utf8)
  static let suaDoi: [UInt8] = Array("sua doi".utf8)
  static let tai: [UInt8] = Array("tai".utf8)
  static let tinh: [UInt8] = Array("tinh".utf8)
  static let thayThe: [UInt8] = Array("thay the".utf8)
  static let theo: [UInt8] = Array("theo".utf8)
  static let va: [UInt8] = Array("va".utf8)
  static let vanBan: [UInt8] = Array("van ban".utf8)
  static let ve: [UInt8] = Array("ve".utf8)

  static let congressOpeners = words("dai hoi", "hoi nghi", "trung uong")
  static let meetings = words("hoi nghi", "cuoc hop", "phien hop", "buoi lam viec")
  static let officeHolders = words(
    "giam doc", "chu tich", "bo truong", "truong ban", "chanh van phong", "cuc truong")
  static let guidePrefixes = words("huong dan", "quy dinh chi tiet")
  static let clauseOpeners = words("va", "de", "nham")
  static let listJoiners = words("va", "hoac")
  static let listedGuidance = words("huong dan", "chi dao", "y kien", "ket luan", "de nghi", "quy dinh")

  private static func words(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) } }
}
