#!/usr/bin/env bash
# `make fuzz`: libFuzzer (with AddressSanitizer) on HTTPServe's request parser.
#   scripts/fuzz-http.sh            fuzz for FUZZ_SECONDS (default 600), then fold new finds into the corpus
#   scripts/fuzz-http.sh --replay   run every corpus file through the fuzz target once (used by `make test`)
# The target is the parser's sources plus Packages/HTTPServe/Fuzz/FuzzParser.swift, built with swiftc
# outside SwiftPM. The working corpus lives in .run/fuzz-http; the committed one is kept small (< 500 files).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
package="$root/Packages/HTTPServe"
work="$root/.run/fuzz-http"
corpus="$package/Fuzz/corpus"
binary="$work/fuzz-http-parser"
mkdir -p "$work"

sources=(
  "$package"/Sources/HTTPServe/Parser/*.swift
  "$package/Sources/HTTPServe/Message/HTTPHeaders.swift"
  "$package/Fuzz/FuzzParser.swift"
)
newest_source=$(ls -t "${sources[@]}" | head -n 1)
if [[ ! -x "$binary" || "$newest_source" -nt "$binary" ]]; then
  echo "building $binary"
  # ld.gold warns about every ASan helper symbol; keep that noise in a log and show it only on failure.
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name HTTPServeFuzz "${sources[@]}" -o "$binary" \
    >"$work/build.log" 2>&1 || { grep -v 'Cannot export local symbol' "$work/build.log"; exit 1; }
fi

if [[ "${1:-}" == "--replay" ]]; then
  files=("$corpus"/*)
  "$binary" -runs=0 "${files[@]}" >"$work/replay.log" 2>&1 || { tail -n 40 "$work/replay.log"; exit 1; }
  echo "fuzz replay: ${#files[@]} corpus inputs ran clean"
  exit 0
fi

seconds=${FUZZ_SECONDS:-600}
mkdir -p "$work/corpus" "$work/artifacts"
cp -n "$corpus"/* "$work/corpus/" 2>/dev/null || true
echo "fuzzing for ${seconds}s (log: ${work#"$root"/}/fuzz.log)"
started=$(date +%s)
status=0
"$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1 || status=$?
elapsed=$(($(date +%s) - started))
executions=$(grep -E '^stat::number_of_executed_units' "$work/fuzz.log" | awk '{print $2}' || true)
# Fold the run back into a small committed corpus: the smallest set covering the same features.
rm -rf "$work/merged" && mkdir -p "$work/merged"
"$binary" -merge=1 -set_cover_merge=1 -max_len=4096 "$work/merged" "$corpus" "$work/corpus" \
  >"$work/merge.log" 2>&1 || echo "corpus merge failed (the committed corpus is kept): see ${work#"$root"/}/merge.log" >&2
if (( $(ls "$work/merged" | wc -l) > 0 )); then
  rm -f "$corpus"/* && cp "$work/merged"/* "$corpus/"
fi
crashes=$(ls "$work/artifacts" | wc -l)
echo "time ${elapsed}s, executions ${executions:-?}, corpus $(ls "$corpus" | wc -l) files" \
  "($(du -sh "$corpus" | cut -f1)), crashes ${crashes}, exit status ${status}"
exit "$status"
