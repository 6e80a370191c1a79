// libFuzzer entry point, compiled with the DirectiveKit sources and FuzzTarget.swift by run.sh.
// The seeds ride along as companions so that citations in the input can resolve.
import Foundation

let fuzzCompanions: FuzzTarget.Companions = {
  let folder = ProcessInfo.processInfo.environment["VANBAN_FUZZ_SEEDS"] ?? "Data/corpus"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  let sources = names.sorted().filter { $0.hasSuffix(".txt") }.compactMap { name in
    FileManager.default.contents(atPath: folder + "/" + name).map {
      SourceFile(path: name, bytes: [UInt8]($0))
    }
  }
  return FuzzTarget.Companions(sources)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  let problems = FuzzTarget.check(bytes, companions: fuzzCompanions)
  if !problems.isEmpty { fatalError("property broken: " + problems.joined(separator: "; ")) }
  return 0
}
