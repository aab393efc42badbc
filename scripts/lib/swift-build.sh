# Sourced by every script that builds Swift: one way to build with the compiler's messages visible.
# swift_build [swift build arguments…] runs `swift build` and drops only its "[12/340] Compiling …"
# progress lines. Errors and warnings reach the terminal, and under `set -o pipefail` (which every
# script here sets) the status is swift build's own: a failed build fails the script.
swift_build() {
  swift build "$@" 2>&1 | sed -E '/^\[[0-9]+\/[0-9]+\] /d'
}
