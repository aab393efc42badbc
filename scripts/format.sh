#!/usr/bin/env bash
# `make lint` (swift format lint --strict) and `make format` (in place) over every tracked Swift file,
# with the one .swift-format at the root.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mapfile -t files < <(git ls-files '*.swift' | grep -v '/Package.swift$' || true)
((${#files[@]})) || exit 0
case "${1:-lint}" in
  lint) swift format lint --strict --parallel "${files[@]}" ;;
  format) swift format format --in-place --parallel "${files[@]}" ;;
  *) echo "usage: scripts/format.sh lint|format" >&2; exit 2 ;;
esac
