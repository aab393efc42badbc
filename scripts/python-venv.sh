#!/usr/bin/env bash
# Creates or updates the Python venv in .run/venv from Tests/requirements.txt (Python bullmq for the interop
# tests and `make bench-queue`). Idempotent and quiet: does nothing when the requirements did not change.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.run/venv"
requirements="$root/Tests/requirements.txt"
stamp="$venv/.requirements.sha1"

python=${PYTHON:-python3}
want=$(sha1sum "$requirements" | cut -d' ' -f1)
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi

mkdir -p "$root/.run"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
    { echo "python-venv: bullmq needs Python >= 3.10 ($python is older); set PYTHON=" >&2; exit 1; }
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$want" >"$stamp"
