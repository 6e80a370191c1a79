import ArgumentParser
import DirectiveKit
import Foundation
import VanbanGenerator

/// `make fuzz` without libFuzzer, and five seconds of `make test`: mutations of the shipped seeds
/// (bit flips, cuts, splices, escape sequences, broken UTF-8, huge lines, citation storms) through
/// decode → parse → link → JSON, for a fixed time. Each input is written to `CRASHES/pending.txt` before it runs, so a
/// crash leaves it behind; the next run keeps it as `crash-….txt`.
@main
struct VanbanFuzz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vanban-fuzz", abstract: "Fuzz the loader, parser and citation extractor.")

  @Option(help: "How long to run, in seconds.") var seconds: Double = 60
  @Option(help: "Random seed: the same seed gives the same inputs in the same order.")
  var seed: UInt64 = 1
  @Option(help: "Where inputs that crash or break a property are kept.") var crashes: String = "fuzz-crashes"
  @Option(help: "Run only this iteration of the seed (to replay a finding).") var replay: Int?

  func run() throws {
    try FileManager.default.createDirectory(atPath: crashes, withIntermediateDirectories: true)
    let pending = crashes + "/pending.txt"
    var findings = 0
    if FileManager.default.fileExists(atPath: pending) {
      let kept = crashes + "/crash-\(Int(Date().timeIntervalSince1970)).txt"
      try FileManager.default.moveItem(atPath: pending, toPath: kept)
      report("a previous run crashed on an input, kept as \(kept)")
      findings += 1
    }
    let seeds = ShippedCorpus.sources
    let companions = FuzzTarget.Companions(seeds)
    let mutator = Mutator(seeds: seeds.map(\.bytes))
    let clock = ContinuousClock()
    let start = clock.now
    let limit = Duration.milliseconds(Int(seconds * 1000))
    var iteration = replay ?? 0
    var executed = 0
    var bytes = 0
    var lastReport = start
    report("fuzzing for \(seconds) s, seed \(seed), findings in \(crashes)/")
    while replay != nil ? executed == 0 : clock.now - start < limit {
      let input = mutator.input(seed: seed, iteration: iteration)
      _ = FileManager.default.createFile(atPath: pending, contents: Data(input))
      let problems = FuzzTarget.check(input, companions: companions)
      if !problems.isEmpty {
        findings += 1
        let kept = crashes + "/failure-seed\(seed)-\(iteration).txt"
        try? FileManager.default.moveItem(atPath: pending, toPath: kept)
        report("iteration \(iteration): \(problems.joined(separator: "; ")) — input kept as \(kept)")
      }
      executed += 1
      bytes += input.count
      iteration += 1
      if clock.now - lastReport > .seconds(5) {
        lastReport = clock.now
        report("  \(executed) inputs, \(findings) findings")
      }
    }
    try? FileManager.default.removeItem(atPath: pending)
    let duration = (clock.now - start).components
    let elapsed = max(0.001, Double(duration.seconds) + Double(duration.attoseconds) / 1e18)
    report(
      String(
        format: "%d inputs (%.1f MB) in %.1f s: %.0f iterations/s, %d findings", executed,
        Double(bytes) / 1e6, elapsed, Double(executed) / elapsed, findings))
    if findings > 0 { throw ExitCode(1) }
  }
}

/// One line on standard output, at once (a crash must not swallow what came before), with any
/// control character of an input made visible.
func report(_ text: String) {
  print(TerminalSafety.sanitize(text))
  fflush(stdout)
}

/// Deterministic inputs: iteration `i` of seed `s` is always the same bytes.
struct Mutator {
  let seeds: [[UInt8]]

  static let escapes: [String] = [
    "\u{1B}]0;TITLE\u{07}", "\u{1B}]52;c;cHduZWQ=\u{07}", "\u{1B}[2J\u{1B}[H", "\u{9B}31m", "\u{08}\u{08}",
    "\u{1B}P1;2|x\u{1B}\\", "\u{1B}[6n", "\u{202E}", "\u{00}", "\r", "\r\n", "\u{FEFF}",
  ]
  static let brokenUTF8: [[UInt8]] = [
    [0xC0, 0x80], [0xFF], [0x80], [0xE1, 0xBB], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3],
    [0x9B], [0xF0, 0x9F, 0x98],
  ]
  static let phrases: [String] = [
    "Số ", "ngày ", "tháng ", "năm ", "Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị",
    "Công văn số 215-CV/TU", "Kính gửi:", "T/M BAN THƯỜNG VỤ\n", "1. ", "V/v ", "/", "-", "ngày 31/2/2021",
    "ngày 99 tháng 99 năm 99999", "Số 9999999999999999999999-CV/TU", "Tỉnh ủy ", "của ", "\n",
  ]

  func input(seed: UInt64, iteration: Int) -> [UInt8] {
    var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(iteration))
    var bytes = seeds.isEmpty ? [] : seeds[random.below(seeds.count)]
    for _ in 0...random.below(4) {
      mutate(&bytes, &random)
    }
    return bytes
  }

  private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
    let position = random.below(bytes.count + 1)
    switch random.below(12) {
    case 0:
      for _ in 0...random.below(32) where !bytes.isEmpty {
        bytes[random.below(bytes.count)] ^= UInt8(1) << UInt8(random.below(8))
      }
    case 1: bytes = Array(bytes.prefix(position))
    case 2:
      let other = seeds[random.below(seeds.count)]
      bytes = Array(bytes.prefix(position)) + Array(other.suffix(random.below(other.count + 1)))
    case 3: bytes.insert(contentsOf: Array(Self.escapes[random.below(Self.escapes.count)].utf8), at: position)
    case 4: bytes.insert(contentsOf: Self.brokenUTF8[random.below(Self.brokenUTF8.count)], at: position)
    case 5: bytes.insert(contentsOf: Array(Self.phrases[random.below(Self.phrases.count)].utf8), at: position)
    case 6:
      // A citation storm: one line repeated hundreds of times.
      let line = Array(
        "Thực hiện Công văn số \(random.below(999))-CV/TU ngày 1/\(random.below(13))/2021;\n".utf8)
      bytes.insert(contentsOf: Array(repeating: line, count: 50 + random.below(500)).joined(), at: position)
    case 7 where random.below(8) == 0:
      // A huge line: the text without its line breaks, repeated to 64 KB … 1 MB.
      let line = bytes.map { $0 == 0x0A ? 0x20 : $0 }
      guard !line.isEmpty else { return }
      let size = 65_536 << random.below(5)
      bytes = Array(Array(repeating: line, count: max(1, size / line.count)).joined())
    case 8: bytes = Array(String(decoding: bytes, as: UTF8.self).decomposedStringWithCanonicalMapping.utf8)
    case 9:
      let start = random.below(bytes.count + 1)
      let end = min(bytes.count, start + random.below(200))
      bytes.insert(contentsOf: Array(bytes[start..<end]), at: random.below(bytes.count + 1))
    case 10:
      let start = random.below(bytes.count + 1)
      bytes.removeSubrange(start..<min(bytes.count, start + random.below(400)))
    default:
      bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
    }
  }
}
