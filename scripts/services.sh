#!/usr/bin/env bash
# Private redis-server and PostgreSQL on loopback, for `make run`, `make test` and people.
#   scripts/services.sh up       start both (idempotent), wait until each answers, write .run/env
#   scripts/services.sh down     stop exactly what `up` started (by PID file / data directory)
#   scripts/services.sh status   show what runs
#   scripts/services.sh is-up    exit 0 when both run
#   scripts/services.sh reset-tests   empty the tests' own databases (Redis db 1, PostgreSQL maxbooster_test)
#   scripts/services.sh people-keys   the number of keys in Redis db 0, the people's database
# People and `make run` use Redis db 0 and the database `maxbooster` (.run/env); `make test` uses Redis db 1
# and `maxbooster_test` (.run/test-env), so nothing a test leaves behind shows up in `make run`.
# Ports are picked free at first start and kept in .run/ports, so system servers on 6379/5432 never
# collide. As root, PostgreSQL runs as the `postgres` user, with its data and socket in a directory
# that user owns (outside the checkout, which that user may not be able to enter).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run_dir="$root/.run"
state_key=$(printf '%s' "$root" | md5sum | cut -c1-10)
pg_dir="${TMPDIR:-/tmp}/maxbooster-pg-$state_key"
redis_dir="$run_dir/redis"
mkdir -p "$run_dir"

# shellcheck source=lib/private-redis.sh
source "$root/scripts/lib/private-redis.sh"  # free_port, redis_ready

ports() {
  if [[ ! -f "$run_dir/ports" ]]; then
    printf 'REDIS_PORT=%s\nPG_PORT=%s\n' "$(free_port)" "$(free_port)" >"$run_dir/ports"
  fi
  # shellcheck source=/dev/null
  source "$run_dir/ports"
}

pg_bin() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$initdb" ]] || { echo "PostgreSQL is not installed: run 'make deps'" >&2; exit 1; }
  dirname "$initdb"
}

# As root the PostgreSQL tools run as `postgres`, from `/`: that user may not enter the caller's folder.
as_pg() { if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

redis_running() { [[ -f "$run_dir/redis.pid" ]] && kill -0 "$(cat "$run_dir/redis.pid")" 2>/dev/null; }
pg_running() { [[ -f "$pg_dir/data/postmaster.pid" ]] && as_pg "$(pg_bin)/pg_ctl" status -D "$pg_dir/data" >/dev/null 2>&1; }

wait_for() { # wait_for <seconds> <description> <command...>
  local seconds=$1 what=$2; shift 2
  for ((i = 0; i < seconds * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$what did not become ready within ${seconds}s" >&2; return 1
}

redis_up() {
  if redis_running; then return; fi
  command -v redis-server >/dev/null || { echo "redis-server is not installed: run 'make deps'" >&2; exit 1; }
  mkdir -p "$redis_dir"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$redis_dir" --daemonize yes \
    --pidfile "$run_dir/redis.pid" --logfile "$redis_dir/redis.log" --save "" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --protected-mode no
  wait_for 20 "redis-server on port $REDIS_PORT" redis_ready "$REDIS_PORT"
}

pg_up() {
  local bin; bin=$(pg_bin)
  pg_running || pg_start "$bin"
  for database in maxbooster maxbooster_test; do
    as_pg "$bin/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tc \
      "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
      || as_pg "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$database"
  done
}

pg_start() { # pg_start <bin>
  local bin=$1
  mkdir -p "$pg_dir"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$pg_dir"
  chmod 700 "$pg_dir"
  if [[ ! -f "$pg_dir/data/PG_VERSION" ]]; then
    as_pg "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$run_dir/initdb.log" 2>&1 \
      || { cat "$run_dir/initdb.log" >&2; exit 1; }
  fi
  as_pg "$bin/pg_ctl" start -w -t 60 -D "$pg_dir/data" -l "$pg_dir/postgres.log" \
    -o "-p $PG_PORT -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null \
    || { tail -n 20 "$pg_dir/postgres.log" >&2; exit 1; }
}

reset_tests() {
  local bin; bin=$(pg_bin)
  redis-cli -p "$REDIS_PORT" -n 1 FLUSHDB >/dev/null
  as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -c "DROP DATABASE IF EXISTS maxbooster_test WITH (FORCE)" -c "CREATE DATABASE maxbooster_test" >/dev/null
}

write_env() {
  cat >"$run_dir/env" <<ENV
# Written by scripts/services.sh up: the private services of this checkout.
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/maxbooster?sslmode=disable
ENV
  cat >"$run_dir/test-env" <<ENV
# Written by scripts/services.sh up: the tests' own databases on the private services (make test).
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/1
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/maxbooster_test?sslmode=disable
ENV
}

case "${1:-}" in
  up)
    ports
    redis_up
    pg_up
    write_env
    echo "redis: redis://127.0.0.1:$REDIS_PORT  postgres: postgres://postgres@127.0.0.1:$PG_PORT/maxbooster  (source .run/env)"
    ;;
  down)
    if redis_running; then
      pid=$(cat "$run_dir/redis.pid")
      kill "$pid"
      for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$run_dir/redis.pid"
    if pg_running; then as_pg "$(pg_bin)/pg_ctl" stop -w -m fast -D "$pg_dir/data" >/dev/null; fi
    rm -f "$run_dir/env" "$run_dir/test-env"
    echo "services stopped"
    ;;
  is-up) # exit 0 when both services of this checkout run (scripts use it to stop only what they started)
    redis_running && pg_running
    ;;
  reset-tests)
    ports
    redis_running && pg_running || { echo "the private services are not running: scripts/services.sh up" >&2; exit 1; }
    reset_tests
    ;;
  people-keys) # the number of keys in Redis db 0 (make test checks the tests added none)
    ports
    redis-cli -p "$REDIS_PORT" -n 0 DBSIZE
    ;;
  status)
    ports
    if redis_running; then echo "redis: running on 127.0.0.1:$REDIS_PORT (pid $(cat "$run_dir/redis.pid"))"; else echo "redis: stopped"; fi
    if pg_running; then echo "postgres: running on 127.0.0.1:$PG_PORT (data $pg_dir/data)"; else echo "postgres: stopped"; fi
    ;;
  *)
    echo "usage: scripts/services.sh up|down|status|is-up|reset-tests|people-keys" >&2
    exit 2
    ;;
esac
