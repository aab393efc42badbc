#!/usr/bin/env bash
# `make build`: release binaries of every app in Apps/ into bin/, warnings as errors.
# A failed build exits non-zero with the compiler's messages on the terminal and removes every app's
# binary from bin/, so nothing that runs from bin/ afterwards (make run, make chaos, the system tests)
# can run code older than the sources.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/swift-build.sh
source "$root/scripts/lib/swift-build.sh"
mkdir -p "$root/bin"

apps=()
for app in "$root"/Apps/*/; do
  [[ -f "$app/Package.swift" ]] && apps+=("${app%/}")
done

remove_app_binaries() {
  for app in "${apps[@]}"; do rm -f "$root/bin/$(basename "$app")"; done
}

# Build every app before copying any, so bin/ never mixes binaries of two source states.
for app in "${apps[@]}"; do
  name=$(basename "$app")
  echo "building $name (release)"
  if ! (cd "$app" && swift_build -c release -Xswiftc -warnings-as-errors --product "$name"); then
    remove_app_binaries
    echo "build of $name failed (compiler messages above); removed the apps' binaries from bin/" >&2
    exit 1
  fi
done

for app in "${apps[@]}"; do
  name=$(basename "$app")
  bin_path=$(cd "$app" && swift build -c release --show-bin-path)
  # Copy beside, then rename: a process running the old binary keeps it, a new one gets the new one whole.
  cp "$bin_path/$name" "$root/bin/.$name.new"
  mv -f "$root/bin/.$name.new" "$root/bin/$name"
done
