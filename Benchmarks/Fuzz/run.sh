#!/usr/bin/env bash
# Builds one libFuzzer harness against the Formats sources and runs it.
# usage: Benchmarks/Fuzz/run.sh csv|json|xlsx|parquet [SECONDS=60] [extra libFuzzer flags...]
# Crashes land in Benchmarks/Fuzz/.out/<name>/ (git-ignored) as crash-<sha1>; re-run one with
#   Benchmarks/Fuzz/.out/<name>/fuzz Benchmarks/Fuzz/.out/<name>/crash-...
set -euo pipefail
cd "$(dirname "$0")/../.."
name="${1:?usage: Benchmarks/Fuzz/run.sh csv|json|xlsx|parquet [SECONDS] [libFuzzer flags]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
case "$name" in
  csv) harness=CSVFuzz.swift; seeds=(Tests/Fixtures/conformance/csv); dict=() ;;
  json) harness=JSONFuzz.swift; seeds=(Tests/Fixtures/conformance/json); dict=() ;;
  xlsx) harness=XLSXFuzz.swift; seeds=(Tests/Fixtures/xlsx); dict=() ;;
  parquet) harness=ParquetFuzz.swift; seeds=(Tests/Fixtures/parquet); dict=() ;;
  *) echo "unknown harness $name (csv, json, xlsx, parquet)" >&2; exit 2 ;;
esac
swiftc="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"
out="Benchmarks/Fuzz/.out/$name"
mkdir -p "$out/corpus" "$out/modules"
# CZstd is a header-only shim over libzstd.so.1; give swiftc a module map for it.
cat > "$out/modules/module.modulemap" <<MAP
module CZstd { header "$PWD/Sources/CZstd/include/CZstd.h" export * }
MAP
if [[ ! -x "$out/fuzz" || -n "$(find Sources/Formats "Benchmarks/Fuzz/$harness" -newer "$out/fuzz" -name '*.swift' | head -1)" ]]; then
  echo "building $out/fuzz" >&2
  "$swiftc" -sanitize=fuzzer,address -parse-as-library -O -g -module-name Formats \
    -I "$out/modules" -Xlinker -l:libzstd.so.1 \
    $(find Sources/Formats -name '*.swift' | sort) "Benchmarks/Fuzz/$harness" -o "$out/fuzz"
fi
# Seed the corpus with every fixture file of the format (small ones; libFuzzer caps input length anyway).
find "${seeds[@]}" -type f -size -256k ! -name '*.expected.json' ! -name 'manifest.json' -exec cp -n {} "$out/corpus/" \; 2>/dev/null || true
"$out/fuzz" "$out/corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -artifact_prefix="$out/" -print_final_stats=1 "$@"
