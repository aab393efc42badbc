#!/usr/bin/env bash
# `make bench-queue`: the Swift queue engine and Python bullmq 3.4.4 side by side on one private redis-server,
# BENCH_JOBS no-op jobs per scenario (default 100000): add one at a time, add in bulk (1000 per call), add flows
# of 1 parent + 100 children (one FlowProducer.add each), process
# at concurrency 1, 10 and 50 with retention on (removeOnComplete) and at 50 with retention off. Prints a
# markdown table (jobs/s and Redis CPU µs per processed job); raw JSON lines go to .run/bench-queue.jsonl.
# BENCH_SCENARIOS="add-flow" runs only the scenarios named.
set -euo pipefail

# shellcheck source=lib/bench-setup.sh
source "$(dirname "$0")/lib/bench-setup.sh" # root, cd there, swift-build.sh, private-redis.sh
jobs=${BENCH_JOBS:-100000}
out="$root/.run/bench-queue.jsonl"
mkdir -p "$root/.run"

scripts/python-venv.sh
swift_build -c release --package-path scripts/bench/QueueBench --product queue-bench
bench_bin="$(swift build -c release --package-path scripts/bench/QueueBench --show-bin-path)/queue-bench"

start_private_redis
port=$redis_port url=$redis_url

echo "load before: $(uptime)" >&2
: >"$out"
for scenario in ${BENCH_SCENARIOS:-add-single add-bulk add-flow process-1 process-10 process-50 process-50-keep}; do
  "$bench_bin" "$url" "$jobs" "$scenario" | tee -a "$out" >&2
  .run/venv/bin/python scripts/bench/bullmq_bench.py "$url" "$jobs" "$scenario" | tee -a "$out" >&2
done
echo "load after: $(uptime)" >&2

python3 - "$out" "$jobs" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {(r["scenario"], r["engine"]): r for r in rows}
print(f"\n{sys.argv[2]} no-op jobs per scenario\n")
print("| scenario | Swift jobs/s | Python jobs/s | ratio | Redis µs/job Swift | Redis µs/job Python | Redis ceiling (Swift) jobs/s |")
print("|---|---:|---:|---:|---:|---:|---:|")
for scenario in ["add-single", "add-bulk", "add-flow", "process-1", "process-10", "process-50", "process-50-keep"]:
    s, p = by.get((scenario, "swift")), by.get((scenario, "python"))
    if not s or not p:
        continue
    us_s, us_p = s.get("redisUsecPerJob"), p.get("redisUsecPerJob")
    print(f"| {scenario} | {s['jobsPerSecond']:,.0f} | {p['jobsPerSecond']:,.0f} | {s['jobsPerSecond'] / p['jobsPerSecond']:.1f}× | "
          f"{'' if us_s is None else f'{us_s:.1f}'} | {'' if us_p is None else f'{us_p:.1f}'} | "
          f"{'' if not us_s else f'{1e6 / us_s:,.0f}'} |")
PY
