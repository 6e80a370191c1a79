#!/usr/bin/env bash
# Builds the libFuzzer harness (the DirectiveKit sources, FuzzTarget.swift and Harness.swift as one
# module, with AddressSanitizer) and
# runs it for FUZZ_SECONDS over a corpus seeded from Data/corpus. Findings land in fuzz-crashes/.
# Exits 3 when this toolchain cannot link with -sanitize=fuzzer (the Makefile then falls back
# to the `vanban-fuzz` mutation loop).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SWIFTC=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
BUILD=.build/fuzz
mkdir -p "$BUILD/corpus" fuzz-crashes

probe=$BUILD/probe.swift
printf '@_cdecl("LLVMFuzzerTestOneInput")\npublic func probe(_ d: UnsafePointer<UInt8>?, _ n: Int) -> CInt { 0 }\n' >"$probe"
"$SWIFTC" -sanitize=fuzzer -parse-as-library "$probe" -o "$BUILD/probe" 2>/dev/null || exit 3

mapfile -t sources < <(
  find Sources/DirectiveKit -name "*.swift"
  echo Tools/Fuzz/FuzzTarget.swift
  echo Tools/Fuzz/libFuzzer/Harness.swift
)
if [[ ! -x $BUILD/harness ]] || [[ -n $(find "${sources[@]}" -newer "$BUILD/harness" | head -1) ]]; then
  echo "building the libFuzzer harness (about two minutes)…"
  # ld.gold warns once per AddressSanitizer helper symbol, and FuzzTarget's `import DirectiveKit`
  # is its own module here: noise, filtered.
  "$SWIFTC" -O -sanitize=fuzzer,address -parse-as-library -module-name DirectiveKit \
    "${sources[@]}" -o "$BUILD/harness" 2> >(grep -v -e "Cannot export local symbol" -e "ignoring import" >&2)
fi
cp -n Data/corpus/*.txt "$BUILD/corpus/" 2>/dev/null || true
VANBAN_FUZZ_SEEDS=Data/corpus exec "$BUILD/harness" "$BUILD/corpus" \
  -max_total_time="${FUZZ_SECONDS:-60}" -max_len=262144 -timeout=30 -rss_limit_mb=4096 \
  -artifact_prefix=fuzz-crashes/ -print_final_stats=1
