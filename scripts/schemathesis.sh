#!/usr/bin/env bash
# schemathesis (pinned in Tests/requirements.txt, in .run/venv) against a live bin/monitoring-api with its workers,
# real Redis and PostgreSQL (REDIS_URL, DATABASE_URL: the tests' own databases), a few queues with jobs seeded:
# every check on, once with no token configured and once with both tokens (the admin token sent). Exits 0 only when
# both runs find nothing. Logs and reports in .run/schemathesis/.
#   SCHEMATHESIS_EXAMPLES=N   examples per operation (default 8: keeps the run short)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
: "${REDIS_URL:?set REDIS_URL (source .run/test-env)}" "${DATABASE_URL:?set DATABASE_URL (source .run/test-env)}"
out="$root/.run/schemathesis"
rm -rf "$out" && mkdir -p "$out"
st="$root/.run/venv/bin/st"
[[ -x "$st" ]] || scripts/python-venv.sh
prefix="st$$"
server_pid=

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
  redis-cli -u "$REDIS_URL" --scan --pattern "$prefix:*" 2>/dev/null | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Queues with waiting, delayed and failed-looking work, and a job scheduler.
for queue in mail reports; do
  bin/maxctl queue add "$queue" --prefix "$prefix" --name job --data '{"n":1}' --count 5 >/dev/null
  bin/maxctl queue add "$queue" --prefix "$prefix" --name later --delay 1h --count 2 >/dev/null
done
bin/maxctl schedulers mail --prefix "$prefix" upsert tick --every 1h >/dev/null 2>&1 || true

run() { # run <name> [env assignments...] -- [st options...]
  local name=$1 log="$out/$1-server.log"
  shift
  local assignments=()
  while [[ $1 != -- ]]; do assignments+=("$1"); shift; done
  shift
  env "${assignments[@]}" QUEUE_PREFIX="$prefix" MONITOR_INTERVAL_MS=1000 PORT=0 HOST=127.0.0.1 \
    bin/monitoring-api >"$log" 2>&1 &
  server_pid=$!
  local port=
  for _ in $(seq 1 100); do
    port=$(grep -o '"event":"server.listening"[^}]*"port":[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "schemathesis: monitoring-api did not start (log: $log)" >&2; cat "$log" >&2; return 1; }
  # The first collection lands within a second: wait for it so the health routes answer 200, not 503 pending.
  sleep 2
  local status=0
  # Every check but use_after_free: cancelling a post (DELETE /api/posts/{id}, the API's only DELETE) keeps it with
  # status `cancelled`, the record of what was scheduled and why it was not published, so GET still answers it.
  "$st" --config-file Tests/schemathesis/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" \
    --checks all --exclude-checks use_after_free --max-examples "${SCHEMATHESIS_EXAMPLES:-8}" --workers 1 --seed 1 --no-color \
    --report junit --report-dir "$out/$name" "$@" >"$out/$name.log" 2>&1 || status=$?
  stop_server
  tail -n 25 "$out/$name.log"
  return "$status"
}

failed=0
echo "── schemathesis without tokens"
run open -- || failed=1
echo "── schemathesis with the admin and read-only tokens (admin token sent)"
run tokens API_TOKEN=st-admin-token API_READ_TOKEN=st-read-token -- -H "Authorization: Bearer st-admin-token" || failed=1
exit "$failed"
