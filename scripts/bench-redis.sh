#!/usr/bin/env bash
# `make bench-redis`: RedisClient against redis-benchmark on one private redis-server, in one run.
# SET with 50 connections, one command outstanding each (`redis-benchmark -c 50`), and pipelined 16 deep
# per connection (`-P 16`). Runs interleave (ours, theirs) BENCH_ROUNDS times (default 3) and the median
# of each is reported, so load from other processes hits both sides alike. Ours runs three ways: 50
# dedicated connections driven by tasks on the cooperative pool (the default), the same with the tasks on
# the client's event-loop thread (`RedisClient.taskExecutor`), and 50 tasks sharing a pool of 50. Prints a
# markdown table.
# BENCH_REQUESTS sets the requests per run (default 200000; pipelined runs use 5x).
set -euo pipefail

# shellcheck source=lib/bench-setup.sh
source "$(dirname "$0")/lib/bench-setup.sh" # root, cd there, swift-build.sh, private-redis.sh
requests=${BENCH_REQUESTS:-200000}
rounds=${BENCH_ROUNDS:-3}
clients=50

command -v redis-benchmark >/dev/null || { echo "redis-benchmark is missing: apt-get install redis-tools" >&2; exit 1; }
swift_build -c release --package-path Packages/QueueCore --product redis-bench
bench_bin="$(swift build -c release --package-path Packages/QueueCore --show-bin-path)/redis-bench"

start_private_redis
port=$redis_port url=$redis_url

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# redis-benchmark's requests/s from its CSV line ("SET","123456.79",...).
theirs() { # pipeline requests
  redis-benchmark -p "$port" -t set -c "$clients" -P "$1" -n "$2" --csv -q | awk -F'"' '/^"SET"/ { print int($4) }'
}
ours() { # pipeline requests [--pool]
  "$bench_bin" --url "$url" --clients "$clients" --pipeline "$1" --requests "$2" ${3:-} | awk '{ print int($2) }'
}

echo "load before: $(uptime)" >&2
declare -A results
variants="theirs dedicated executor pool"
for pipeline in 1 16; do
  n=$requests
  [ "$pipeline" -gt 1 ] && n=$((requests * 5))
  declare -A runs=()
  for round in $(seq "$rounds"); do
    line="P=$pipeline round $round:"
    for variant in $variants; do
      case $variant in
        theirs) rate=$(theirs "$pipeline" "$n") ;;
        dedicated) rate=$(ours "$pipeline" "$n") ;;
        executor) rate=$(ours "$pipeline" "$n" --executor) ;;
        pool) rate=$(ours "$pipeline" "$n" --pool) ;;
      esac
      runs[$variant]="${runs[$variant]:-} $rate"
      line="$line $variant $rate"
    done
    echo "$line" >&2
  done
  for variant in $variants; do
    results[$variant$pipeline]=$(printf '%s\n' ${runs[$variant]} | median)
  done
done
echo "load after: $(uptime)" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "SET, $clients connections, median of $rounds interleaved runs ($requests requests; pipelined: $((requests * 5)))"
echo
echo "| workload | redis-benchmark | RedisClient, 50 dedicated connections | ratio | same, tasks on \`taskExecutor\` | ratio | shared pool of 50 | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for pipeline in 1 16; do
  label="-c $clients"
  [ "$pipeline" -gt 1 ] && label="-c $clients -P $pipeline"
  t=${results[theirs$pipeline]} d=${results[dedicated$pipeline]} e=${results[executor$pipeline]} p=${results[pool$pipeline]}
  printf '| SET `%s` (req/s) | %s | %s | %s× | %s | %s× | %s | %s× |\n' "$label" "$t" "$d" "$(ratio "$d" "$t")" \
    "$e" "$(ratio "$e" "$t")" "$p" "$(ratio "$p" "$t")"
done
