#!/usr/bin/env bash
# `make chaos`: the chaos suite of Packages/Chaos — the spec's `npm run test:chaos`.
#   scripts/chaos.sh [--scenario NAME]... [--json] [--all] [--soak 10m]    (or CHAOS_ARGS="--json" make chaos)
# Builds bin/ with scripts/build.sh every time (SwiftPM rebuilds only what changed, so bin/ never runs code
# older than the sources; the scenarios run bin/maxctl worker and bin/monitoring-api), then runs
# `bin/maxctl chaos run`. A failed build stops here with a non-zero exit and the compiler's messages on the
# terminal.
# The runner starts its own private redis-server and PostgreSQL on free loopback ports (it SIGKILLs and
# restarts them, so it never touches shared or system servers), and stops them when it ends; watchdogs
# kill anything left if the runner itself is killed. Every process it starts gets its settings on its command
# line and only basic variables (PATH, HOME, locale…) from this environment: REDIS_URL, DATABASE_URL, QUEUES
# and the like exported here do not reach it. Exit 0 only when every scenario passed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >&2

cd "$root"
export MONITORING_API="$root/bin/monitoring-api" MAXCTL="$root/bin/maxctl"
# shellcheck disable=SC2086 # CHAOS_ARGS is a list of words on purpose
exec "$root/bin/maxctl" chaos run ${CHAOS_ARGS:-} "$@"
