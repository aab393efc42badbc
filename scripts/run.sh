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
if [[ -z "${API_TOKEN:-}" ]]; then
  echo "make run: no API_TOKEN set: the API and its admin actions are open to anyone who reaches" \
    "127.0.0.1:${PORT:-5000}. To require tokens: API_TOKEN=<admin token> API_READ_TOKEN=<read-only token> make run" >&2
else
  echo "make run: tokens required: API_TOKEN (admin)${API_READ_TOKEN:+ and API_READ_TOKEN (read-only)};" \
    "the console asks for one once per browser session" >&2
fi
exec scripts/with-services.sh bin/monitoring-api "$@"
