# Sourced by the scripts that need a loopback port or a redis-server of their own (benchmarks, services).

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# redis_ready <port>: true once the server on that loopback port answers PING with PONG. A server still
# replaying its AOF answers `LOADING …`, which redis-cli prints with exit status 0: not ready yet.
redis_ready() { [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == PONG ]]; }

# start_private_redis: starts a redis-server on a free loopback port with persistence off, in a temporary
# folder, and waits (at most 5 s) until it answers PING, or exits the script with the reason. Sets
# `redis_port`, `redis_url` and `redis_dir`; an EXIT trap stops the server and removes the folder.
start_private_redis() {
  command -v redis-server >/dev/null || { echo "redis-server is missing: make deps" >&2; exit 1; }
  redis_dir=$(mktemp -d)
  redis_port=$(free_port)
  redis_url="redis://127.0.0.1:$redis_port"
  trap stop_private_redis EXIT
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$redis_dir" \
    --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" >/dev/null
  for _ in $(seq 100); do
    redis_ready "$redis_port" && return 0
    sleep 0.05
  done
  echo "redis-server on port $redis_port did not answer PING within 5 s:" >&2
  tail -n 20 "$redis_dir/redis.log" >&2
  exit 1
}

stop_private_redis() {
  if [[ -f "$redis_dir/redis.pid" ]]; then kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || :; fi
  rm -rf "$redis_dir"
}
