#!/usr/bin/env bash
# `make bench-http`: HTTPServe against nginx, side by side in one run, with wrk.
#   BENCH_SECONDS=10  duration of each wrk run
# Targets: nginx serving the JSON body as a static file (its own private instance and config on
# 127.0.0.1, never the system one), HTTPServe's ordinary async handler path (/json) and its on-loop
# path (/json-onloop), all answering the same ~600 bytes. Runs wrk -t2 at -c50, -c1 and -c256, then
# reports resident memory. Prints a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
package="$root/Packages/HTTPServe"
work="$root/.run/bench-http"
seconds=${BENCH_SECONDS:-10}
mkdir -p "$work"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: scripts/install-deps.sh --bench" >&2; exit 1; }

# shellcheck source=lib/private-redis.sh
source "$root/scripts/lib/private-redis.sh" # free_port

echo "building HTTPServeBench (release)"
(cd "$package" && swift build -c release --product HTTPServeBench >"$work/build.log" 2>&1) ||
  { tail -n 30 "$work/build.log"; exit 1; }
bench_binary="$package/.build/release/HTTPServeBench"

ours_port=$(free_port)
"$bench_binary" --port "$ours_port" >"$work/server.log" 2>&1 &
ours_pid=$!
nginx_pid=""
cleanup() {
  kill "$ours_pid" 2>/dev/null || true
  if [[ -n "$nginx_pid" ]]; then kill "$nginx_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$ours_port/json" -o "$work/body.json" 2>/dev/null && break; sleep 0.1; done
[[ -s "$work/body.json" ]] || { echo "HTTPServeBench did not start; see $work/server.log" >&2; exit 1; }

nginx_port=$(free_port)
mkdir -p "$work/nginx/logs" "$work/nginx/tmp" "$work/nginx/www"
cp "$work/body.json" "$work/nginx/www/json"
chmod -R a+rX "$work/nginx/www"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
    location = /json { default_type application/json; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$nginx_port/json" -o /dev/null 2>/dev/null && break; sleep 0.1; done
cmp -s "$work/body.json" <(curl -fsS "http://127.0.0.1:$nginx_port/json") ||
  { echo "nginx does not serve the same body" >&2; exit 1; }

rss_kib() { # rss_kib <pid>... -> summed VmRSS in KiB
  local pid files=()
  for pid in "$@"; do files+=("/proc/$pid/status"); done
  awk '/VmRSS/ {sum += $2} END {print sum + 0}' "${files[@]}"
}
nginx_pids() { echo "$nginx_pid" $(pgrep -P "$nginx_pid" || true); }

run() { # run <label> <url> <connections> -> one table row
  local label=$1 url=$2 connections=$3 out
  out=$(wrk -t"$((connections < 2 ? 1 : 2))" -c"$connections" -d"${seconds}s" --latency "$url")
  echo "$out" >>"$work/wrk.log"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors|Non-2xx/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%s|%s|%s|%s|%s|%s\n' "$label" "$connections" "$rps" "$p50" "$p99" "${errors:-none}"
}

: >"$work/wrk.log"
: >"$work/rows"
echo "load before: $(uptime)"
echo "body: $(wc -c <"$work/body.json") bytes; wrk -t2 (-t1 at -c1) -d${seconds}s --latency; HTTPServe loops: 2 (one per core)"
# Warm-up, not reported.
wrk -t2 -c50 -d2s "http://127.0.0.1:$nginx_port/json" >/dev/null
wrk -t2 -c50 -d2s "http://127.0.0.1:$ours_port/json" >/dev/null
# The machine is shared: runs alternate between servers and -c50 is repeated; the table keeps the median.
for connections in 50 50 50 1 256; do
  run nginx "http://127.0.0.1:$nginx_port/json" "$connections" >>"$work/rows"
  run "HTTPServe async" "http://127.0.0.1:$ours_port/json" "$connections" >>"$work/rows"
  run "HTTPServe on-loop" "http://127.0.0.1:$ours_port/json-onloop" "$connections" >>"$work/rows"
done
ours_rss=$(rss_kib "$ours_pid")
nginx_rss=$(rss_kib $(nginx_pids))
echo "load after: $(uptime)"
echo
python3 - "$work/rows" <<'PY'
import sys
rows = [line.rstrip("\n").split("|") for line in open(sys.argv[1]) if line.strip()]
groups = {}
for label, connections, rps, p50, p99, errors in rows:
    groups.setdefault((int(connections), label), []).append((float(rps), p50, p99, errors))
print("| server | connections | runs | requests/s (median) | × nginx | p50 | p99 | errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for connections in (50, 1, 256):
    nginx = None
    for label in ("nginx", "HTTPServe async", "HTTPServe on-loop"):
        runs = sorted(groups[(connections, label)])
        rps, p50, p99, errors = runs[len(runs) // 2]
        nginx = rps if label == "nginx" else nginx
        print(f"| {label} | {connections} | {len(runs)} | {rps:,.0f} | {rps / nginx:.2f} | {p50} | {p99} | {errors} |")
PY
echo
echo "resident memory after the runs: HTTPServe $((ours_rss / 1024)) MiB, nginx (master + workers) $((nginx_rss / 1024)) MiB"
