#!/usr/bin/env bash
# `make chaos`: the chaos suite of Packages/Chaos — the spec's `npm run test:chaos`.
#   scripts/chaos.sh [--scenario NAME]... [--json] [--all] [--soak 10m]    (or CHAOS_ARGS="--json" make chaos)
# Builds bin/ when monitoring-api is missing, builds the chaos binaries (debug), then runs `chaos run`.
# The runner starts its own private redis-server and PostgreSQL on free loopback ports (it SIGKILLs and
# restarts them, so it never touches shared or system servers), and stops them when it ends; watchdogs
# kill anything left if the runner itself is killed. Exit 0 only when every scenario passed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
[[ -x "$root/bin/monitoring-api" ]] || "$root/scripts/build.sh"

cd "$root/Packages/Chaos"
echo "building chaos (debug)" >&2
swift build -Xswiftc -warnings-as-errors 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' >&2 || true
bin=$(swift build --show-bin-path)
[[ -x "$bin/chaos" && -x "$bin/chaos-worker" ]] || { echo "build of Packages/Chaos failed" >&2; exit 1; }

cd "$root"
export MONITORING_API="$root/bin/monitoring-api" CHAOS_WORKER="$bin/chaos-worker"
# shellcheck disable=SC2086 # CHAOS_ARGS is a list of words on purpose
exec "$bin/chaos" run ${CHAOS_ARGS:-} "$@"
