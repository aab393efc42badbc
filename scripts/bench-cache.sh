#!/usr/bin/env bash
# `make bench-cache`: AIModelCache against the issue-4 baseline (Dictionary<String, Node> + doubly linked
# list of final-class nodes + one NSLock), same keys, capacity and operation mix, side by side in one run.
# Release build; prints the machine load first (the machine may be shared: compare the ratios).
#   BENCH_CACHE_ARGS="--rounds 5 --hit-ops 8000000 --miss-ops 400000"   override the defaults
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/swift-build.sh
source "$root/scripts/lib/swift-build.sh"
cd "$root/Packages/AIModelCache"

echo "machine: $(nproc) cores, load: $(uptime | sed -E 's/.*load average: //')"
swift_build -c release -Xswiftc -warnings-as-errors --product AIModelCacheBenchmark
bin_path=$(swift build -c release --show-bin-path)
# shellcheck disable=SC2086
"$bin_path/AIModelCacheBenchmark" ${BENCH_CACHE_ARGS:-}
echo "load after: $(uptime | sed -E 's/.*load average: //')"
