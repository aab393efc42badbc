#!/usr/bin/env bash
# `make bench-console`: the console with BENCH_QUEUES (default 100) queues and full history (METRICS_RETENTION
# samples each, 100 by default): the page's weight (shell + files, uncompressed), the overview's data in one request
# (its size and its time over BENCH_RUNS requests), and the first render in headless Chromium (navigation start to
# the overview table drawn with every queue, the page's own `console-first-render` mark), BENCH_RUNS loads (default
# 20), and the history endpoint's latency under `wrk -c 10` for BENCH_SECONDS (10). Release monitoring-api
# (--no-workers) on a private redis-server. The table goes to .run/bench-console.md.
set -euo pipefail

# shellcheck source=lib/bench-setup.sh
source "$(dirname "$0")/lib/bench-setup.sh" # root, cd there, swift-build.sh, private-redis.sh
queues=${BENCH_QUEUES:-100}
runs=${BENCH_RUNS:-20}
retention=${METRICS_RETENTION:-100}
out="$root/.run/bench-console.md"
mkdir -p "$root/.run"
command -v chromium >/dev/null || { echo "chromium is missing: make deps" >&2; exit 1; }

swift_build -c release -Xswiftc -warnings-as-errors --package-path Apps/monitoring-api --product monitoring-api
api="$(swift build -c release --package-path Apps/monitoring-api --show-bin-path)/monitoring-api"

start_private_redis
seed='
local queues, now = tonumber(ARGV[1]), tonumber(ARGV[2])
for q = 0, queues - 1 do
  local b = string.format("bull:bench-%03d:", q)
  redis.call("HSET", b .. "meta", "opts.maxLenEvents", 10000)
  for j = 1, 20 + q do
    redis.call("HSET", b .. "w" .. j, "name", "post", "data", "{}", "opts", "{}", "timestamp", now - j * 1000)
    redis.call("LPUSH", b .. "wait", "w" .. j)
  end
  for j = 1, 5 do
    redis.call("HSET", b .. "f" .. j, "name", "post", "data", "{}", "opts", "{}", "timestamp", now,
      "failedReason", "boom", "finishedOn", now)
    redis.call("ZADD", b .. "failed", now, "f" .. j)
  end
end
return queues
'
redis-cli -p "$redis_port" EVAL "$seed" 0 "$queues" "$(($(date +%s%N) / 1000000))" >/dev/null

token="bench-$RANDOM$RANDOM"
port=$(free_port)
log="$root/.run/bench-console-api.log"
REDIS_URL=$redis_url API_TOKEN=$token MONITOR_INTERVAL_MS=100 METRICS_RETENTION=$retention \
  "$api" --no-workers --port "$port" >"$log" 2>&1 &
api_pid=$!
stop_all() { kill "$api_pid" 2>/dev/null || :; wait "$api_pid" 2>/dev/null || :; stop_private_redis; }
trap stop_all EXIT
base="http://127.0.0.1:$port"

# Full history: every queue has `retention` samples (bounded wait: 5 minutes).
for attempt in $(seq 600); do
  # Before the server listens curl fails: that counts as no queue full yet.
  full=$({ curl -s -H "Authorization: Bearer $token" "$base/api/console/overview?points=1000" || true; } | python3 -c '
import json, sys
try:
    o = json.load(sys.stdin)
except ValueError:
    print(0); sys.exit()
queues = o["queues"]
print(sum(1 for q in queues if len(q["sparklines"]["waiting"]) >= int(sys.argv[1])) if len(queues) >= int(sys.argv[2]) else 0)
' "$retention" "$queues")
  [[ "$full" == "$queues" ]] && break
  ((attempt == 600)) && { echo "the history did not fill within 5 minutes ($full of $queues queues full)" >&2; exit 1; }
  sleep 0.5
done
echo "history full: $queues queues x $retention samples" >&2
echo "machine: $(nproc) cores, load: $(uptime | sed -E 's/.*load average: //')" >&2

overview_times=()
for _ in $(seq "$runs"); do
  overview_times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
    "$base/api/console/overview?points=60")")
done
overview_bytes=$(curl -s -H "Authorization: Bearer $token" "$base/api/console/overview?points=60" | wc -c)
config=$(python3 -c 'import json, sys; print(json.dumps({"baseURL": sys.argv[1], "adminToken": sys.argv[2],
  "outDir": sys.argv[3], "runs": int(sys.argv[4])}))' "$base" "$token" "$root/.run/console-bench" "$runs")
browser=$(python3 Tests/python/console_browser.py bench "$config")
# The history endpoint under 10 concurrent connections (every retained sample of one queue, no downsampling).
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
history=$(wrk -t2 -c10 -d"${BENCH_SECONDS:-10}s" --latency -H "Authorization: Bearer $token" \
  "$base/api/monitoring/history/bench-050")
history_p99=$(awk '$1 == "99%" { print $2 }' <<<"$history")
history_p50=$(awk '$1 == "50%" { print $2 }' <<<"$history")
history_rate=$(awk '$1 == "Requests/sec:" { print $2 }' <<<"$history")
echo "load after: $(uptime | sed -E 's/.*load average: //')" >&2

python3 - "$browser" "$overview_bytes" "$queues" "$retention" "$history_p50" "$history_p99" "$history_rate" \
  "${overview_times[@]}" <<'PY' | tee "$out"
import json, statistics, sys
browser, overview_bytes, queues, retention = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
history_p50, history_p99, history_rate = sys.argv[5], sys.argv[6], sys.argv[7]
times = sorted(float(t) * 1000 for t in sys.argv[8:])
page = browser["page"]
render = browser["firstRenderMs"]
weight = page["pageBytes"]
print(f"{queues} queues, {retention} samples each, sparklines at 60 points:\n")
print("| figure | value |")
print("|---|---:|")
print(f"| page weight, uncompressed (shell and {page['files'] - 1} files) | {weight / 1024:.1f} KiB |")
print(f"| overview data: requests for the first render | {page['overviewRequests']} |")
print(f"| overview data: size | {overview_bytes / 1024:.1f} KiB |")
print(f"| overview data: time (curl, {len(times)} runs, median / max) | {statistics.median(times):.1f} / {times[-1]:.1f} ms |")
print(f"| first render in headless Chromium ({browser['runs']} loads, min / median / max) | "
      f"{render['min']:.0f} / {render['median']:.0f} / {render['max']:.0f} ms |")
print(f"| queue rows drawn | {page['queueRows']} |")
print(f"| history of one queue ({retention} samples), wrk -c 10: p50 / p99, requests/s | "
      f"{history_p50} / {history_p99}, {history_rate} |")
PY
