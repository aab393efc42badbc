#!/usr/bin/env bash
# Runs a command with REDIS_URL and DATABASE_URL set: as configured, or else the private services
# (started by scripts/services.sh up when they are not running).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${REDIS_URL:-}" || -z "${DATABASE_URL:-}" ]]; then
  "$root/scripts/services.sh" up >&2
  # shellcheck source=/dev/null
  source "$root/.run/env"
fi
exec "$@"
