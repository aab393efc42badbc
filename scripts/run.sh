#!/usr/bin/env bash
# `make run`: installs what is missing, builds the release binaries, starts the private Redis and
# Postgres unless REDIS_URL / DATABASE_URL are set, and runs the product in the foreground.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
scripts/build.sh
# A living system within a minute: seeded users and a trickle of posts (DEMO=0 turns it off).
export DEMO="${DEMO:-1}"
exec scripts/with-services.sh bin/monitoring-api "$@"
