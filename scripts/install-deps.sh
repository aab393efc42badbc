#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those that are missing.
#   scripts/install-deps.sh           build + test: redis-server, postgresql, libhiredis-dev, libpq-dev, prometheus
#                                     (promtool), prometheus-alertmanager (the alerting tests), tzdata
#                                     (tzdata: /usr/share/zoneinfo, the zone rules Python bullmq reads a cron `tz` in;
#                                     Foundation finds the local zone there), chromium and fonts-dejavu-core (the
#                                     console's browser tests: headless, driven over the DevTools protocol)
#   scripts/install-deps.sh --bench   also the peers and timers the benchmarks use (wrk, nginx-light, hyperfine)
set -euo pipefail

packages=(redis-server redis-tools postgresql postgresql-client libhiredis-dev libpq-dev pkg-config prometheus prometheus-alertmanager tzdata chromium fonts-dejavu-core)
if [[ "${1:-}" == "--bench" ]]; then packages+=(wrk nginx-light hyperfine); fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "missing packages: ${missing[*]} — run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Debian starts redis and postgres services on install; we run private instances, so keep those off.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
