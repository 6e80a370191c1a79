import DirectiveKit
import Foundation

extension CorpusGenerator {
  static let partyTypes: [(String, String)] = [
    ("Công văn", "CV"), ("Công văn", "CV"), ("Công văn", "CV"), ("Công văn", "CV"), ("Kế hoạch", "KH"),
    ("Chỉ thị", "CT"), ("Thông báo", "TB"), ("Kết luận", "KL"),
  ]
  static let stateTypes: [(String, String)] = [
    ("Công văn", "CV"), ("Công văn", "CV"), ("Công văn", "CV"), ("Kế hoạch", "KH"), ("Chỉ thị", "CT"),
    ("Công điện", "CĐ"), ("Quyết định", "QĐ"),
  ]
  static let departments = ["VX", "KT", "NC", "TH", "VP1", "VP2", "VP3", "VP5", "VP6", "KGVX"]

  static let subjects = [
    "tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới",
    "một số nhiệm vụ trọng tâm phòng, chống dịch Covid-19 và phát triển kinh tế - xã hội",
    "thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19",
    "đẩy mạnh chiến dịch tiêm chủng vắc-xin phòng Covid-19",
    "thực hiện giãn cách xã hội theo nguyên tắc gia đình cách ly với gia đình",
    "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19",
    "tổ chức Tết Nguyên đán an toàn trong bối cảnh dịch bệnh",
    "bảo đảm an sinh xã hội, hỗ trợ người dân gặp khó khăn do đại dịch",
    "kiểm soát chặt chẽ người nhập cảnh trái phép qua biên giới",
    "phục hồi và phát triển sản xuất, kinh doanh sau dịch",
    "tổ chức dạy và học an toàn trong trường học",
    "tăng cường công tác thông tin, tuyên truyền về phòng, chống dịch",
    "chuẩn bị tổ chức đại hội đảng bộ các cấp gắn với phòng, chống dịch",
    "công tác phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão",
    "bảo đảm cung ứng hàng hóa thiết yếu trong thời gian giãn cách",
    "triển khai Chiến lược tiêm chủng và điều trị tại nhà cho người mắc Covid-19",
  ]

  static let sentences = [
    "Tiếp tục quán triệt sâu sắc quan điểm chỉ đạo “chống dịch như chống giặc”, đặt sức khỏe, tính mạng của nhân dân lên trên hết, trước hết.",
    "Rà soát, cập nhật các phương án, kịch bản ứng phó với các tình huống dịch bệnh, bảo đảm chủ động, kịp thời, không để bị động, bất ngờ.",
    "Thực hiện nghiêm phương châm “4 tại chỗ”, chuẩn bị đầy đủ nhân lực, vật tư, trang thiết bị y tế phục vụ công tác phòng, chống dịch.",
    "Các cấp ủy, chính quyền tập trung lãnh đạo, chỉ đạo quyết liệt, đồng bộ các giải pháp, tuyệt đối không lơ là, chủ quan, mất cảnh giác.",
    "Tăng cường kiểm tra, giám sát việc thực hiện các biện pháp phòng, chống dịch tại cơ quan, đơn vị, doanh nghiệp, khu dân cư và cơ sở sản xuất.",
    "Xử lý nghiêm các tổ chức, cá nhân vi phạm quy định về phòng, chống dịch; biểu dương, khen thưởng kịp thời các tập thể, cá nhân làm tốt.",
    "Đẩy mạnh công tác thông tin, tuyên truyền để người dân hiểu, đồng thuận và tích cực tham gia thực hiện các biện pháp phòng, chống dịch.",
    "Bảo đảm an sinh xã hội, triển khai kịp thời các chính sách hỗ trợ người lao động, người sử dụng lao động và hộ kinh doanh gặp khó khăn.",
    "Khẩn trương triển khai chiến dịch tiêm chủng vắc-xin theo đúng đối tượng ưu tiên, bảo đảm an toàn, khoa học, hiệu quả, công khai, minh bạch.",
    "Duy trì hoạt động của các tổ Covid cộng đồng, phát huy vai trò giám sát của người dân trong việc phát hiện người từ vùng dịch trở về địa phương.",
    "Tạo điều kiện thuận lợi cho lưu thông hàng hóa, bảo đảm chuỗi cung ứng nông sản, thực phẩm, hàng hóa thiết yếu không bị đứt gãy.",
    "Các cơ quan báo chí, hệ thống thông tin cơ sở kịp thời phản bác các thông tin sai trái, xuyên tạc, gây hoang mang trong nhân dân.",
    "Lực lượng công an, quân sự chủ trì, phối hợp chặt chẽ với các lực lượng chức năng bảo đảm an ninh chính trị, trật tự, an toàn xã hội.",
    "Ngành Y tế chủ động tham mưu xây dựng kế hoạch thu dung, điều trị, nâng cao năng lực xét nghiệm và bảo đảm oxy y tế cho các cơ sở điều trị.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội vận động đoàn viên, hội viên và nhân dân ủng hộ, chung tay phòng, chống dịch.",
    "Các sở, ban, ngành và địa phương thường xuyên báo cáo tình hình, kết quả thực hiện, kịp thời đề xuất các vấn đề phát sinh vượt thẩm quyền.",
    "Người đứng đầu cấp ủy, chính quyền các cấp chịu trách nhiệm trước Ban Thường vụ nếu để dịch bệnh lây lan trên địa bàn do thiếu trách nhiệm.",
    "Thực hiện tốt khuyến cáo “5K” của Bộ Y tế, hạn chế tập trung đông người, tổ chức các hoạt động theo hình thức phù hợp với cấp độ dịch.",
    "Tiếp tục cải thiện môi trường đầu tư kinh doanh, tháo gỡ khó khăn, vướng mắc cho doanh nghiệp, thúc đẩy giải ngân vốn đầu tư công.",
    "Kiểm soát chặt chẽ việc ra, vào địa bàn tại các chốt kiểm soát, tuyệt đối không để lọt người nhiễm bệnh vào cộng đồng.",
    "Rà soát, bố trí kinh phí từ nguồn dự phòng ngân sách để mua sắm vật tư, sinh phẩm, thuốc điều trị phục vụ công tác phòng, chống dịch.",
    "Tổ chức tốt việc dạy, học và thi bằng hình thức phù hợp, bảo đảm an toàn cho giáo viên, học sinh trong bối cảnh dịch bệnh.",
    "Phát huy vai trò tiền phong, gương mẫu của cán bộ, đảng viên, nhất là người đứng đầu, trong việc chấp hành các quy định phòng, chống dịch.",
    "Quan tâm chăm lo đời sống vật chất, tinh thần của lực lượng tuyến đầu, có chế độ động viên, bồi dưỡng kịp thời, đúng quy định.",
  ]

  static let familyNames = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
  ]
  static let middleNames = ["Văn", "Thị", "Hồng", "Quốc", "Minh", "Đức", "Thanh", "Ngọc", "Xuân", "Hữu"]
  static let givenNames = [
    "Chính", "Thế", "Bình", "Quảng", "Hùng", "Dũng", "Hà", "Lan", "Sơn", "Tuấn", "Hải", "Thắng",
  ]

  /// The text of one planned document and the truth about it.
  func render(_ plan: Plan, index: Int) -> GeneratedDocument {
    let (bytes, truth) = renderBytes(plan, index: index)
    return GeneratedDocument(truth: truth, text: String(decoding: bytes, as: UTF8.self))
  }

  /// The UTF-8 bytes of one planned document (without byte order mark) and the truth about it.
  func renderBytes(_ plan: Plan, index: Int) -> ([UInt8], Truth) {
    var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
    var text = GeneratedText()
    let province = plan.province
    let committee = province.isCity ? "Thành ủy" : "Tỉnh ủy"
    let unit = province.isCity ? "thành phố" : "tỉnh"
    let ownBody = plan.isParty ? "Ban Thường vụ \(committee)" : "UBND \(unit)"

    if plan.style.hasHeader {
      let number = plan.style.spacedNumber ? Self.spaced(plan.number) : plan.number
      let date = plan.date
      let placeDate = "\(province.name), ngày \(date.day) tháng \(date.month) năm \(date.year)"
      let subjectLine = plan.type == "Công văn" ? "V/v " + plan.subject : ""
      if plan.isParty {
        text += "\n\(committee.uppercased()) \(province.name.uppercased())\n\n*\n\nSố \(number)\n\n"
        if !subjectLine.isEmpty { text += subjectLine + "\n\n" }
        text += "ĐẢNG CỘNG SẢN VIỆT NAM\n\n\(placeDate)\n\n"
      } else {
        text += "ỦY BAN NHÂN DÂN\n\(unit.uppercased()) \(province.name.uppercased())\n\n"
        text += "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: \(number)\n\n"
        if !subjectLine.isEmpty { text += subjectLine + "\n\n" }
        text += placeDate + "\n\n"
      }
      if plan.type != "Công văn" {
        text += plan.type.uppercased() + "\n" + plan.subject.prefix(1).uppercased()
        text += plan.subject.dropFirst() + "\n\n"
      }
    } else {
      text += "\n"
    }

    if plan.type == "Công văn" || plan.type == "Công điện" {
      text += "Kính gửi:\n\n"
      for recipient in Self.recipients(random: &random, isParty: plan.isParty) {
        text += "- " + recipient + ";\n"
      }
      text += "\n"
    }

    let count = plan.cited.count
    var mentions = [Int](repeating: 0, count: count)
    var forms = [[String]](repeating: [], count: count)
    // The relation and cue of each mention, in text order.
    var readings = [[(relation: Relation, cue: String?)]](repeating: [], count: count)
    // A mention counts when it names the document; an anaphor such as `kết luận của Bộ Chính trị`
    // lends its cue without counting, as the seed expectations count.
    func record(_ position: Int, _ relation: Relation, _ cue: String?, counts: Bool = true) {
      if counts { mentions[position] += 1 }
      readings[position].append((relation, relation == .refers ? nil : cue))
    }
    let roles = Self.roles(plan, random: &random)
    // The opening cites what the letter answers, once each, in full; a few as their own sentence,
    // date first, and an earlier letter of its own with the document that letter implements.
    var opening: [(text: String, positions: [Int])] = []
    var sentencesFirst: [(text: String, position: Int)] = []
    for (position, reference) in plan.cited.enumerated() {
      switch roles[position] {
      case .opening:
        let mention = fullMention(reference, canStandAlone: plan.isParty, random: &random)
        forms[position].append(mention.form.rawValue)
        if mention.standsAlone {
          sentencesFirst.append((mention.text, position))
        } else {
          opening.append((mention.text, [position]))
        }
      case .holder(let inner):
        // `Kế hoạch số 185-KH/TU ngày … của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 37-CT/TW …`:
        // the inner document is only described, the cue is the earlier letter's.
        let mention = fullMention(plan.cited[inner], canStandAlone: false, random: &random)
        forms[position].append(MentionForm.plain.rawValue)
        forms[inner].append(mention.form.rawValue)
        let cue = random.pick([
          "thực hiện", "triển khai thực hiện", "triển khai", "về thực hiện", "về triển khai thực hiện",
        ])
        opening.append(
          (
            plainMention(reference, subject: false, random: &random) + " " + cue + " " + mention.text,
            [position, inner]
          ))
      default: break
      }
    }
    var proposal: TruthCitation?
    var openingCue = ""
    for sentence in sentencesFirst {
      text += sentence.text + ".\n\n"
      record(sentence.position, .refers, nil)
    }
    if !opening.isEmpty && !plan.isParty && (plan.type == "Quyết định" || random.chance(0.65)) {
      // `Căn cứ A;` paragraph by paragraph, or `Căn cứ A; B; C;` in one.
      openingCue = "Căn cứ"
      if opening.count > 1 && random.chance(0.3) {
        text += "Căn cứ " + opening.map(\.text).joined(separator: "; ") + ";\n\n"
      } else {
        for line in opening { text += "Căn cứ " + line.text + ";\n\n" }
      }
      for line in opening {
        record(line.positions[0], .pursuant, openingCue)
        for inner in line.positions.dropFirst() { record(inner, .refers, nil) }
      }
      let department = random.pick(Self.proposingDepartments)
      if random.chance(0.15) {
        // `Theo đề nghị của Sở Y tế tại Tờ trình số 45/TTr-SYT ngày …`: the proposal followed.
        let day = Self.day(ordinal: plan.date.ordinal - 2 - random.below(20))
        let number = "\(1 + random.below(300))/TTr-\(department.code)"
        text += "Theo đề nghị của \(department.name) tại Tờ trình số \(number) "
        text += Self.writtenDate(day, random: &random) + ",\n\n"
        proposal = TruthCitation(
          type: "Tờ trình", number: number, date: day, issuer: department.name + " " + province.name,
          mentions: 1,
          forms: [MentionForm.plain.rawValue], relation: .accordingTo,
          cue: "Theo đề nghị của \(department.name) tại")
        text += "\(ownBody) yêu cầu các sở, ban, ngành, địa phương thực hiện tốt các nội dung sau:\n\n"
      } else {
        text += "Theo đề nghị của \(department.name), \(ownBody) yêu cầu các sở, ban, ngành, địa phương "
        text += "thực hiện tốt các nội dung sau:\n\n"
      }
    } else {
      text += random.pick(["Trước diễn biến phức tạp của dịch bệnh trong thời gian gần đây", "Thời gian qua"])
      text += ", các cấp, các ngành trong \(unit) đã chủ động triển khai nhiều giải pháp. "
      if opening.isEmpty {
        text += "Để tiếp tục thực hiện có hiệu quả các nhiệm vụ đề ra, \(ownBody) yêu cầu:\n\n"
      } else {
        openingCue = random.pick(Self.implementingCues)
        text += openingCue + " "
        // Joined by `;` mostly, else by `,`, or with `và` before the last.
        let joiner = random.below(100)
        for (index, line) in opening.enumerated() {
          if index > 0 {
            text += joiner < 75 ? "; " : joiner < 88 ? ", " : index == opening.count - 1 ? " và " : "; "
          }
          text += line.text
          record(line.positions[0], .implements, openingCue)
          for inner in line.positions.dropFirst() { record(inner, .refers, nil) }
        }
        if plan.isParty {
          text += ", \(ownBody) yêu cầu các cấp ủy, tổ chức đảng, chính quyền tập trung thực hiện tốt một số "
          text += "nhiệm vụ sau:\n\n"
        } else {
          text += ", \(ownBody) yêu cầu các sở, ban, ngành, địa phương thực hiện tốt các nội dung sau:\n\n"
        }
      }
    }

    // Documents named in a point: followed (`theo quy định tại`), or only spoken of (no cue).
    let pointCount = 4 + random.below(5)
    var inPoints: [Int: [Int]] = [:]
    for position in roles.indices where roles[position] == .accordingTo || roles[position] == .noCue {
      inPoints[roles[position] == .noCue ? 1 : 2 + random.below(pointCount - 1), default: []].append(position)
    }
    // Later short mentions only of documents already named in full above them.
    let shortable = roles.indices.filter { roles[$0].isNamedBeforePoints }
    for point in 1...pointCount {
      text += "\(point). "
      for position in inPoints[point] ?? [] where roles[position] == .noCue {
        let mention = fullMention(plan.cited[position], canStandAlone: false, random: &random, notice: false)
        forms[position].append(mention.form.rawValue)
        text += random.pick(["Sau một thời gian", "Qua hơn một năm", "Thời gian qua"]) + ", " + mention.text
        text += random.pick([
          " đã phát huy hiệu quả tích cực. ", " đã đi vào cuộc sống, được nhân dân đồng tình. ",
        ])
        record(position, .refers, nil)
      }
      if point == 1 && random.chance(0.5) {
        text += "Tiếp tục quán triệt và tổ chức thực hiện nghiêm túc các văn bản chỉ đạo của Bộ Chính trị, "
        text += "Ban Bí thư, Chính phủ, Thủ tướng Chính phủ và của \(unit) về công tác phòng, chống dịch. "
      }
      for sentence in 0..<(2 + random.below(5)) {
        if sentence > 0 && random.chance(0.15) { text += "\n- " }
        text += random.pick(Self.sentences) + " "
      }
      for position in inPoints[point] ?? [] where roles[position] == .accordingTo {
        let mention = fullMention(plan.cited[position], canStandAlone: false, random: &random, notice: false)
        forms[position].append(mention.form.rawValue)
        if random.chance(0.5) {
          text += "Các cơ quan, đơn vị thực hiện theo quy định tại \(mention.text). "
          record(position, .accordingTo, "theo quy định tại")
        } else {
          text += "Theo \(mention.text), các cấp, các ngành khẩn trương rà soát, báo cáo kết quả. "
          record(position, .accordingTo, "Theo")
        }
      }
      if !shortable.isEmpty && random.chance(0.35) {
        let position = random.pick(shortable)
        let reference = plan.cited[position]
        if let short = shortMention(reference, among: plan.cited, random: &random) {
          text += "Thực hiện nghiêm các nội dung của \(short.text). "
          record(position, .implements, "Thực hiện", counts: short.text != reference.shortName)
          if short.isYearless && !forms[position].contains(Self.yearlessForm) {
            forms[position].append(Self.yearlessForm)
          }
        }
      }
      text += "\n\n"
    }

    // What the letter itself does to earlier documents: guides, amends, replaces, repeals.
    let selfName = plan.type + " này"
    for (position, reference) in plan.cited.enumerated() {
      guard case .acts(let relation) = roles[position] else { continue }
      let mention = plainMention(reference, subject: true, random: &random)
      forms[position].append((reference.number == nil ? MentionForm.unnumbered : .plain).rawValue)
      let choice = random.below(3)
      switch relation {
      case .guides:
        let cue =
          plan.type == "Quyết định" && choice == 0
          ? "quy định chi tiết thi hành" : choice == 1 ? "hướng dẫn thực hiện" : "hướng dẫn thi hành"
        text += "\(selfName) \(cue) \(mention).\n\n"
        record(position, .guides, cue)
      case .amends:
        let part = reference.type == "Quyết định" ? "một số điều của" : "một số nội dung của"
        if choice == 0 {
          text += "\(selfName) sửa đổi, bổ sung \(mention).\n\n"
          record(position, .amends, "sửa đổi, bổ sung")
        } else if choice == 1 && reference.type == "Quyết định" {
          text += "Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo \(mention).\n\n"
          record(position, .amends, "Sửa đổi, bổ sung")
        } else {
          text += "Sửa đổi, bổ sung \(part) \(mention).\n\n"
          record(position, .amends, "Sửa đổi, bổ sung")
        }
      case .replaces:
        if choice == 0 {
          text += "\(selfName) có hiệu lực kể từ ngày ký và thay thế \(mention).\n\n"
        } else {
          text += "\(selfName) thay thế \(mention).\n\n"
        }
        record(position, .replaces, "thay thế")
      default:
        if choice == 0 {
          let bare = plainMention(reference, subject: false, random: &random)
          text += "\(selfName) có hiệu lực kể từ ngày ký; \(bare) hết hiệu lực thi hành.\n\n"
          record(position, .repeals, "hết hiệu lực")
        } else {
          let cue = choice == 1 ? "Bãi bỏ" : "Hủy bỏ"
          text += "\(cue) \(mention).\n\n"
          record(position, .repeals, cue)
        }
      }
    }
    let office = plan.isParty ? "Văn phòng \(committee)" : "Văn phòng UBND \(unit)"
    text +=
      "\(office) theo dõi, đôn đốc việc triển khai thực hiện văn bản này, định kỳ báo cáo \(ownBody).\n\n"
    text += "Nơi nhận:\n\n"
    text +=
      plan.isParty ? "- Ban Bí thư Trung ương Đảng (để báo cáo),\n" : "- Văn phòng Chính phủ (để báo cáo),\n"
    text += "- Thường trực \(committee)-HĐND-UBND \(unit),\n- Như trên,\n- Lưu \(office).\n\n"
    text += Self.signature(random: &random, isParty: plan.isParty)
    if random.chance(0.95) {
      text += "\n\n\n" + random.pick(Self.familyNames) + " " + random.pick(Self.middleNames) + " "
      text += random.pick(Self.givenNames)
    }
    text += "\n"
    if plan.style.toneStyleOld {
      for (new, old) in Self.oldToneSpellings { text.replace(new, with: old) }
    }
    if plan.style.crlf { text.replace(Self.lineFeed, with: Self.carriageReturnLineFeed) }

    var citations: [TruthCitation] = []
    for (position, reference) in plan.cited.enumerated() {
      let governing = readings[position].first { $0.relation != .refers }
      citations.append(
        TruthCitation(
          type: reference.type, number: reference.number, date: reference.date, issuer: reference.issuer,
          mentions: mentions[position], forms: forms[position], relation: governing?.relation ?? .refers,
          cue: governing?.cue))
    }
    if let proposal { citations.append(proposal) }
    let truth = Truth(
      file: plan.file, province: province.name, issuer: Self.issuer(province, isParty: plan.isParty),
      type: plan.type,
      number: plan.style.hasHeader ? plan.number : nil, date: plan.style.hasHeader ? plan.date : nil,
      hasHeader: plan.style.hasHeader, citations: citations)
    return (text.bytes, truth)
  }

  private static let oldToneSpellings: [([UInt8], [UInt8])] = [
    ("ủy", "uỷ"), ("Ủy", "Uỷ"), ("hòa", "hoà"), ("thủy", "thuỷ"),
  ].map { (Array($0.utf8), Array($1.utf8)) }
  private static let lineFeed: [UInt8] = [10]
  private static let carriageReturnLineFeed: [UInt8] = [13, 10]

  /// How a citation is first written, recorded in the truth so that recall can be told apart.
  enum MentionForm: String {
    /// `Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị về …`
    case plain
    /// `Kết luận của Thủ tướng Chính phủ tại Thông báo số 253/TB-VPCP, ngày 27/7/2020`
    case conclusionNotice = "conclusion-notice"
    /// `Điện của … ngày …`, `Công điện ngày … của …`: no number.
    case unnumbered
    /// `Ngày 11/6/2021, Bộ Chính trị ban hành Kết luận số 07-KL/TW về …`, a sentence of its own.
    case dateFirst = "date-first"
    /// `Kết luận số 07-KL/TW do Bộ Chính trị ban hành ngày 11/6/2021 về …`
    case issuerFirst = "issuer-first"
    /// `Kết luận số 07 - KL/TW ngày …`, `Chỉ thị số 16/ CT-TTg ngày …`
    case spacedNumber = "spaced-number"
  }

  /// A later short mention that gives day and month but no year: `Chỉ thị số 16/CT-TTg ngày 31/3`.
  static let yearlessForm = "yearless-short"

  /// What a cited document is to the letter, which decides where and how it is first written.
  enum Role: Equatable {
    /// Named in the opening under the letter's cue: `Căn cứ`, `Thực hiện`, …
    case opening
    /// An earlier letter of its own province named in the opening with the document at `inner`,
    /// which that letter implements.
    case holder(inner: Int)
    /// Named only inside a holder's description: it `refers`, unless a later mention has a cue.
    case inner
    /// Followed, in a point: `theo quy định tại …`, `Theo …, `.
    case accordingTo
    /// Spoken of in a point without a cue.
    case noCue
    /// Guided, amended, replaced or repealed by the letter itself, after the points.
    case acts(Relation)

    var isNamedBeforePoints: Bool {
      switch self {
      case .opening, .holder, .inner, .noCue: return true
      case .accordingTo, .acts: return false
      }
    }
  }

  static let implementingCues = [
    "Thực hiện", "Thực hiện", "Triển khai", "Quán triệt và thực hiện", "Triển khai thực hiện",
    "Tiếp tục thực hiện",
  ]

  /// The provincial departments whose proposals (`Tờ trình`) a People's Committee follows.
  static let proposingDepartments: [(name: String, code: String)] = [
    ("Sở Y tế", "SYT"), ("Sở Y tế", "SYT"), ("Sở Nội vụ", "SNV"), ("Sở Tài chính", "STC"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
  ]

  /// Decides each cited document's role. Central documents are mostly answered in the opening, a
  /// few followed, guided or spoken of without a cue; an earlier letter of the same committee and
  /// type may be replaced, repealed or amended, one of its own committee guided, and any may be
  /// named with the central document it implements.
  static func roles(_ plan: Plan, random: inout SplitMix64) -> [Role] {
    var roles = [Role](repeating: .opening, count: plan.cited.count)
    for (position, reference) in plan.cited.enumerated() {
      let roll = random.below(100)
      guard let party = reference.ownParty else {
        let guides = plan.type == "Quyết định" ? 10 : 4
        roles[position] =
          roll < guides
          ? .acts(.guides) : roll < guides + 5 ? .accordingTo : roll < guides + 9 ? .noCue : .opening
        continue
      }
      // Bounds of the rolls: replaces, amends, repeals, guides, followed, named with what it implements.
      let bounds =
        party != plan.isParty
        ? [0, 0, 0, 0, 6, 26]
        : reference.type == plan.type ? [20, 35, 45, 50, 55, 70] : [0, 0, 12, 20, 26, 46]
      if roll < bounds[0] {
        roles[position] = .acts(.replaces)
      } else if roll < bounds[1] {
        roles[position] = .acts(.amends)
      } else if roll < bounds[2] {
        roles[position] = .acts(.repeals)
      } else if roll < bounds[3] {
        roles[position] = .acts(.guides)
      } else if roll < bounds[4] {
        roles[position] = .accordingTo
      } else if roll < bounds[5] {
        // What it implements: a central document the letter cites, no later than it.
        let candidates = plan.cited.indices.filter {
          roles[$0] == .opening && plan.cited[$0].ownParty == nil && plan.cited[$0].date <= reference.date
        }
        if let inner = candidates.first {
          roles[position] = .holder(inner: inner)
          roles[inner] = .inner
        }
      }
    }
    return roles
  }

  /// `Quyết định số 12/QĐ-UBND ngày 4/1/2020 của UBND tỉnh` (and `về …` when `subject`).
  private func plainMention(_ reference: Reference, subject: Bool, random: inout SplitMix64) -> String {
    let date = Self.writtenDate(reference.date, random: &random)
    let number = reference.number.map { "số \($0) " } ?? ""
    let about = subject ? " về \(reference.subject)" : ""
    return "\(reference.type) \(number)\(date) của \(reference.issuerAsWritten)\(about)"
  }

  private func fullMention(
    _ reference: Reference, canStandAlone: Bool, random: inout SplitMix64, notice: Bool = true
  ) -> (
    text: String, form: MentionForm, standsAlone: Bool
  ) {
    let date = Self.writtenDate(reference.date, random: &random)
    guard let number = reference.number else {
      if reference.type == "Điện" {
        return ("Điện của \(reference.issuerAsWritten) \(date) về \(reference.subject)", .unnumbered, false)
      }
      return (
        "Công điện \(date) của \(reference.issuerAsWritten) về \(reference.subject)", .unnumbered, false
      )
    }
    if reference.isConclusionNotice && notice && random.chance(0.5) {
      return (
        "Kết luận của Thủ tướng Chính phủ tại Thông báo số \(number), \(date)", .conclusionNotice, false
      )
    }
    let hard = random.below(100)
    if hard < 5 && canStandAlone {
      let sentence =
        "N" + date.dropFirst() + ", \(reference.issuerAsWritten) ban hành \(reference.type) số \(number) "
        + "về \(reference.subject)"
      return (sentence, .dateFirst, true)
    }
    if hard < 10 {
      return (
        "\(reference.type) số \(number) do \(reference.issuerAsWritten) ban hành \(date) về \(reference.subject)",
        .issuerFirst, false
      )
    }
    let separator = random.chance(0.2) ? ", " : " "
    var form = MentionForm.plain
    var written = number
    if hard < 16 {
      written = Self.straySpaces(number, random: &random)
      form = .spacedNumber
    }
    return (
      "\(reference.type) số \(written)\(separator)\(date) của \(reference.issuerAsWritten) về \(reference.subject)",
      form, false
    )
  }

  private func shortMention(_ reference: Reference, among cited: [Reference], random: inout SplitMix64)
    -> (text: String, isYearless: Bool)?
  {
    if let number = reference.number, random.chance(0.6) {
      if random.chance(0.25) {
        return ("\(reference.type) số \(number) ngày \(reference.date.day)/\(reference.date.month)", true)
      }
      return ("\(reference.type) số \(number)", false)
    }
    let sameName = cited.filter { $0.shortName == reference.shortName }
    return sameName.count == 1 ? (reference.shortName, false) : nil
  }

  /// Spaces around one `-` or `/` of a number: `07 - KL/TW`, `16/ CT-TTg`, `07-KL /TW`.
  static func straySpaces(_ number: String, random: inout SplitMix64) -> String {
    let scalars = Array(number.unicodeScalars)
    let joints = scalars.indices.filter { scalars[$0] == "-" || scalars[$0] == "/" }
    guard !joints.isEmpty else { return number }
    let joint = random.pick(joints)
    let spacing = random.below(3)
    var result = String.UnicodeScalarView()
    for (position, scalar) in scalars.enumerated() {
      if position == joint && spacing != 1 { result.append(" ") }
      result.append(scalar)
      if position == joint && spacing != 0 { result.append(" ") }
    }
    return String(result)
  }

  /// `ngày 14/6/2021`, `ngày 14-06-2021`, `ngày 14.6.2021` or `ngày 14 tháng 6 năm 2021`.
  static func writtenDate(_ day: Day, random: inout SplitMix64) -> String {
    let padded = random.chance(0.3)
    let d = padded && day.day < 10 ? "0\(day.day)" : "\(day.day)"
    let m = padded && day.month < 10 ? "0\(day.month)" : "\(day.month)"
    switch random.below(6) {
    case 0: return "ngày \(day.day) tháng \(day.month) năm \(day.year)"
    case 1: return "ngày \(d)-\(m)-\(day.year)"
    case 2: return "ngày \(d).\(m).\(day.year)"
    default: return "ngày \(d)/\(m)/\(day.year)"
    }
  }

  static func spaced(_ number: String) -> String {
    String(String.UnicodeScalarView(number.unicodeScalars.flatMap { $0 == "-" ? [" ", "-", " "] : [$0] }))
  }

  static func recipients(random: inout SplitMix64, isParty: Bool) -> [String] {
    let all =
      isParty
      ? [
        "Các đảng đoàn, ban cán sự đảng", "Các sở, ban, ngành, MTTQ, các đoàn thể tỉnh",
        "Các huyện ủy, thành ủy, đảng ủy trực thuộc", "Các đồng chí Tỉnh ủy viên",
      ]
      : [
        "Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố",
        "Các cơ quan Trung ương đóng trên địa bàn",
        "Ban Chỉ đạo phòng, chống dịch Covid-19 các huyện, thành phố",
      ]
    return Array(all.prefix(2 + random.below(all.count - 1)))
  }

  static func signature(random: inout SplitMix64, isParty: Bool) -> String {
    if isParty {
      return random.pick([
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ",
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC",
        "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG",
      ])
    }
    return random.pick(["TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"])
  }

  // MARK: Truth as JSON lines

  static func jsonLine(_ truth: Truth) -> String {
    func string(_ value: String?) -> String {
      guard let value else { return "null" }
      var escaped = "\""
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case "\n": escaped += "\\n"
        default: escaped.unicodeScalars.append(scalar)
        }
      }
      return escaped + "\""
    }
    let citations = truth.citations.map { citation in
      "{\"type\":\(string(citation.type)),\"number\":\(string(citation.number)),\"date\":\(string(citation.date?.iso)),"
        + "\"issuer\":\(string(citation.issuer)),\"mentions\":\(citation.mentions),"
        + "\"forms\":[\(citation.forms.map { string($0) }.joined(separator: ","))],"
        + "\"relation\":\(string(citation.relation.rawValue)),\"cue\":\(string(citation.cue))}"
    }
    return
      "{\"file\":\(string(truth.file)),\"province\":\(string(truth.province)),\"issuer\":\(string(truth.issuer)),"
      + "\"type\":\(string(truth.type)),\"number\":\(string(truth.number)),\"date\":\(string(truth.date?.iso)),"
      + "\"header\":\(truth.hasHeader),\"citations\":[\(citations.joined(separator: ","))]}"
  }

  /// Reads a `truth.jsonl` written by `write(count:to:)`.
  public static func readTruth(_ url: URL) throws -> [Truth] {
    let data = try Data(contentsOf: url)
    var result: [Truth] = []
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
        continue
      }
      let citations = (object["citations"] as? [[String: Any]] ?? []).map { citation in
        TruthCitation(
          type: citation["type"] as? String ?? "", number: citation["number"] as? String,
          date: (citation["date"] as? String).flatMap(Day.init(iso:)),
          issuer: citation["issuer"] as? String ?? "",
          mentions: citation["mentions"] as? Int ?? 0, forms: citation["forms"] as? [String] ?? [],
          relation: (citation["relation"] as? String).flatMap(Relation.init(rawValue:)) ?? .refers,
          cue: citation["cue"] as? String)
      }
      result.append(
        Truth(
          file: object["file"] as? String ?? "", province: object["province"] as? String ?? "",
          issuer: object["issuer"] as? String ?? "", type: object["type"] as? String ?? "",
          number: object["number"] as? String, date: (object["date"] as? String).flatMap(Day.init(iso:)),
          hasHeader: object["header"] as? Bool ?? false, citations: citations))
    }
    return result
  }
}

/// A document's text as UTF-8 bytes, built piece by piece.
struct GeneratedText {
  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(8192) }

  static func += (text: inout GeneratedText, piece: String) {
    var piece = piece
    piece.withUTF8 { text.bytes.append(contentsOf: $0) }
  }

  static func += (text: inout GeneratedText, piece: Substring) {
    text += String(piece)
  }

  /// Replaces every occurrence of `old` with `new`, copying the runs between in bulk.
  mutating func replace(_ old: [UInt8], with new: [UInt8]) {
    guard let first = old.first, !bytes.isEmpty else { return }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + bytes.count / 16)
    bytes.withUnsafeBufferPointer { source in
      let count = source.count
      var copied = 0
      var position = 0
      while let found = source[position...].firstIndex(of: first) {
        position = found + 1
        guard found + old.count <= count,
          (1..<old.count).allSatisfy({ source[found + $0] == old[$0] })
        else { continue }
        result.append(contentsOf: source[copied..<found])
        result.append(contentsOf: new)
        copied = found + old.count
        position = copied
      }
      result.append(contentsOf: source[copied...])
    }
    bytes = result
  }
}
