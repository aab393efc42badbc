#!/usr/bin/env bash
# `make build`: release binaries of every app in Apps/ into bin/, warnings as errors.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/bin"
for app in "$root"/Apps/*/; do
  [[ -f "$app/Package.swift" ]] || continue
  name=$(basename "$app")
  echo "building $name (release)"
  (cd "$app" && swift build -c release -Xswiftc -warnings-as-errors --product "$name" 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true)
  bin_path=$(cd "$app" && swift build -c release --show-bin-path)
  [[ -x "$bin_path/$name" ]] || { echo "build of $name failed" >&2; exit 1; }
  cp "$bin_path/$name" "$root/bin/$name"
done
