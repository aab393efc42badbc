# shellcheck shell=bash
# The start every scripts/bench-*.sh that builds and uses a private redis-server shares (sourced, after
# `set -euo pipefail`): `root` is the repository and the working directory, with lib/swift-build.sh and
# lib/private-redis.sh loaded.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=swift-build.sh
source scripts/lib/swift-build.sh
# shellcheck source=private-redis.sh
source scripts/lib/private-redis.sh
