#!/usr/bin/env bash
# Proves that a failed build fails: `make build` on a tree with one broken source file must exit non-zero,
# show the compiler's error, and leave no app binary in bin/ (nothing may go on to run stale code); and
# `scripts/test.sh` on that package must fail saying its build failed (not rerun the last test binary).
#
# The broken tree is a copy-on-write copy of this checkout at the same path: an overlay mount (this tree
# below, a temporary folder above) in a private mount namespace. The copy holds the good build, so only
# the broken module recompiles, and every write (the broken file, .build, bin/) lands in the temporary
# folder: the checkout and its build cache are untouched. Needs a good build in bin/ (make build) and
# root, or a kernel that lets a user namespace mount an overlay.
#   scripts/check-failed-build.sh            run the check (exit 0: a broken build failed as it must)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
broken_file="Apps/maxctl/Sources/maxctl/MaxCtl.swift"

if [[ "${1:-}" == "--inside" ]]; then
  # Runs inside the namespace, with the overlay mounted on $root.
  cd "$root"
  for app in Apps/*/; do
    [[ -x "bin/$(basename "$app")" ]] || { echo "check-failed-build: bin/$(basename "$app") is missing: run make build first" >&2; exit 1; }
  done
  # The copy must build as it is (an incremental no-op after make build), or the check proves nothing.
  make --no-print-directory build >"$2" 2>&1 \
    || { echo "check-failed-build: the unbroken tree does not build; fix that first" >&2; exit 1; }
  echo 'let brokenOnPurpose: Int = "not a number"' >>"$broken_file"
  status=0
  make --no-print-directory build >"$2" 2>&1 || status=$?
  if ((status == 0)); then
    echo "check-failed-build: make build exited 0 with a broken $broken_file" >&2; exit 1
  fi
  grep -q "MaxCtl.swift.*error:" "$2" \
    || { echo "check-failed-build: make build failed but did not show the compiler's error" >&2; exit 1; }
  for app in Apps/*/; do
    if [[ -e "bin/$(basename "$app")" ]]; then
      echo "check-failed-build: bin/$(basename "$app") is still there after the failed build" >&2; exit 1
    fi
  done
  echo "check-failed-build: make build exited $status, showed the error, and left no app binary in bin/"
  # The test runner too: a package whose build fails is a failure, never its previous test binary's results.
  status=0
  TEST_ONLY="Apps/maxctl" scripts/test.sh >"$2" 2>&1 || status=$?
  if ((status == 0)); then
    echo "check-failed-build: scripts/test.sh exited 0 with a broken $broken_file" >&2; exit 1
  fi
  grep -q "the build of Apps/maxctl failed" "$2" \
    || { echo "check-failed-build: scripts/test.sh failed but did not say the build failed" >&2; exit 1; }
  echo "check-failed-build: scripts/test.sh exited $status and reported the failed build"
  exit 0
fi

[[ -f "$root/$broken_file" ]] || { echo "check-failed-build: $broken_file is missing: name another source file" >&2; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/failed-build.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/upper" "$scratch/work"

namespace=(unshare --mount --propagation private)
[[ $(id -u) -eq 0 ]] || namespace=(unshare --user --map-root-user --mount --propagation private)
status=0
"${namespace[@]}" bash -c '
  set -euo pipefail
  mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$1"
  exec "$1/scripts/check-failed-build.sh" --inside "$2/make-build.log"
' check-failed-build "$root" "$scratch" || status=$?
if ((status != 0)); then
  echo "── output of the last make build in the copy:" >&2
  cat "$scratch/make-build.log" >&2 2>/dev/null || echo "(none: the overlay could not be set up)" >&2
fi
exit "$status"
