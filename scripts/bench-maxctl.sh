#!/usr/bin/env bash
# `make bench-maxctl`: how long `maxctl queues` (release build) takes over BENCH_QUEUES (default 100) busy BullMQ
# queues on one private redis-server. Compared in the same run: `maxctl queue stats <one queue>`, and the previous
# default, `maxctl queues --window 5s` (two readings 5 s apart; BENCH_WINDOW_RUNS runs, default 3).
# Each queue holds 20 waiting jobs, 2 active (locked), 100 completed and 5 failed jobs finished in the last two
# minutes, BullMQ's per-minute metrics (a day of points, 300 completed a minute), our workers' counters and 500
# events in its stream. Timed by hyperfine (apt-get install hyperfine) when installed (BENCH_TIMER=loop: a plain
# loop instead), BENCH_RUNS runs (default 30; hyperfine warms up 3 first). The table goes to .run/bench-maxctl.md.
set -euo pipefail

# shellcheck source=lib/bench-setup.sh
source "$(dirname "$0")/lib/bench-setup.sh" # root, cd there, swift-build.sh, private-redis.sh
queues=${BENCH_QUEUES:-100}
runs=${BENCH_RUNS:-30}
window_runs=${BENCH_WINDOW_RUNS:-3}
out="$root/.run/bench-maxctl.md"
mkdir -p "$root/.run"

swift_build -c release -Xswiftc -warnings-as-errors --package-path Apps/maxctl --product maxctl
maxctl="$(swift build -c release --package-path Apps/maxctl --show-bin-path)/maxctl"

start_private_redis
port=$redis_port url=$redis_url

# The queues, in BullMQ's layout (keys under bull:bench-NNN:), written by one script.
seed='
local queues, now = tonumber(ARGV[1]), tonumber(ARGV[2])
for q = 0, queues - 1 do
  local b = string.format("bull:bench-%03d:", q)
  redis.call("HSET", b .. "meta", "opts.maxLenEvents", 10000)
  local function job(id, stamp, processed, finished)
    redis.call("HSET", b .. id, "name", "post", "data", "{\"n\":1}", "opts", "{\"attempts\":3}",
      "timestamp", stamp, "processedOn", processed or stamp, "finishedOn", finished or stamp)
  end
  for j = 1, 20 do job("w" .. j, now - j * 1000); redis.call("LPUSH", b .. "wait", "w" .. j) end
  for j = 1, 2 do
    job("a" .. j, now - 500)
    redis.call("LPUSH", b .. "active", "a" .. j)
    redis.call("SET", b .. "a" .. j .. ":lock", "token", "PX", 600000)
  end
  for j = 1, 100 do
    local finished = now - 120000 + j * 1200
    job("c" .. j, finished - 100, finished - 40, finished)
    redis.call("ZADD", b .. "completed", finished, "c" .. j)
  end
  for j = 1, 5 do
    local finished = now - 100000 + j * 10000
    job("f" .. j, finished - 100, finished - 40, finished)
    redis.call("ZADD", b .. "failed", finished, "f" .. j)
  end
  local points = {}
  for i = 1, 1440 do points[i] = 300 end
  redis.call("HSET", b .. "metrics:completed", "count", 432120, "prevTS", now, "prevCount", 432000)
  redis.call("RPUSH", b .. "metrics:completed:data", unpack(points))
  for i = 1, 1440 do points[i] = 5 end
  redis.call("HSET", b .. "metrics:failed", "count", 7202, "prevTS", now, "prevCount", 7200)
  redis.call("RPUSH", b .. "metrics:failed:data", unpack(points))
  redis.call("HSET", b .. "metrics:counters", "completed", 432120, "failed", 7202, "retries", 40, "processingMs", 25000000)
  local kinds = {"added", "active", "completed", "failed"}
  for j = 0, 499 do
    redis.call("XADD", b .. "events", (now - 120000 + j * 240) .. "-0", "event", kinds[j % 4 + 1], "jobId", "c" .. j)
  end
end
return queues
'
now_ms=$(($(date +%s%N) / 1000000))
redis-cli -p "$port" EVAL "$seed" 0 "$queues" "$now_ms" >/dev/null

# What is timed must be a real answer: every queue listed, its figures from the metrics lists.
"$maxctl" queues --redis "$url" --json | python3 -c '
import json, sys
queues = int(sys.argv[1])
document = json.load(sys.stdin)
samples = document["queues"]
assert len(samples) == queues, f"maxctl listed {len(samples)} queues, not {queues}"
sources = {s["window"]["completed"]["source"] for s in samples}
assert sources == {"bullmqMetrics"}, f"sources {sources}"
mode = document["mode"]
print(f"checked: {len(samples)} queues, mode {mode}, completed/min from {sources.pop()}", file=sys.stderr)
' "$queues"

echo "machine: $(nproc) cores, load: $(uptime | sed -E 's/.*load average: //')" >&2
quick=("$maxctl queues --redis $url" "$maxctl queue stats bench-000 --redis $url")
slow="$maxctl queues --redis $url --window 5s"
times="$root/.run/bench-maxctl.times" # one line per run: the command, a tab, seconds
: >"$times"
if command -v hyperfine >/dev/null && [ "${BENCH_TIMER:-hyperfine}" = hyperfine ]; then
  timer=hyperfine
  hyperfine --shell=none --warmup 3 --runs "$runs" --export-json "$times.quick.json" "${quick[@]}"
  hyperfine --shell=none --runs "$window_runs" --export-json "$times.slow.json" "$slow"
  python3 - "$times.quick.json" "$times.slow.json" >"$times" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        for seconds in result["times"]:
            print(f"{result['command']}\t{seconds}")
PY
  rm -f "$times.quick.json" "$times.slow.json"
else
  timer="a loop (date +%s%N around each run; hyperfine not used)"
  time_runs() { # count command…
    local count=$1
    shift
    for _ in $(seq "$count"); do
      local start end
      start=$(date +%s%N)
      "$@" >/dev/null
      end=$(date +%s%N)
      printf '%s\t%s\n' "$*" "$(python3 -c "print(($end - $start) / 1e9)")"
    done
  }
  for command in "${quick[@]}"; do
    # shellcheck disable=SC2086
    time_runs "$runs" $command >>"$times"
  done
  # shellcheck disable=SC2086
  time_runs "$window_runs" $slow >>"$times"
fi
echo "load after: $(uptime | sed -E 's/.*load average: //')" >&2

python3 - "$times" "$url" "$maxctl" "$queues" "$timer" <<'PY' | tee "$out"
import statistics, sys
path, url, binary, queues, timer = sys.argv[1:]
runs = {}
for line in open(path):
    command, seconds = line.rstrip("\n").split("\t")
    runs.setdefault(command.replace(url, "$URL").replace(binary, "maxctl"), []).append(float(seconds) * 1000)
print(f"{queues} queues, timed by {timer}:\n")
print("| command | runs | mean ± σ (ms) | median (ms) | min (ms) | max (ms) |")
print("|---|---:|---:|---:|---:|---:|")
for command, times in runs.items():
    sigma = statistics.stdev(times) if len(times) > 1 else 0
    print(f"| `{command}` | {len(times)} | {statistics.mean(times):.1f} ± {sigma:.1f} | {statistics.median(times):.1f} "
          f"| {min(times):.1f} | {max(times):.1f} |")
PY
rm -f "$times"
