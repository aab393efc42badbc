#!/usr/bin/env bash
# `make test`: installs what is missing, starts private services (unless REDIS_URL and DATABASE_URL
# are set) and gives the tests their own databases there (Redis db 1, PostgreSQL maxbooster_test,
# emptied first), runs every package's and app's `swift test`, then the system tests in Tests/, stops the
# services it started (also on failure), prints one summary line per package and a final
# `N passed, N failed` line, and exits non-zero on any failure.
#   TEST_ONLY="Packages/AIModelCache Tests"   run only these folders
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs="$root/.run/logs"
mkdir -p "$logs"

scripts/install-deps.sh

started_services=0
if [[ -z "${REDIS_URL:-}" || -z "${DATABASE_URL:-}" ]]; then
  scripts/services.sh is-up || started_services=1
  scripts/services.sh up >/dev/null
  # The tests' own databases, emptied first: what they leave never shows up in `make run`.
  scripts/services.sh reset-tests
  # shellcheck source=/dev/null
  source .run/test-env
  people_keys_before=$(scripts/services.sh people-keys)
fi
stop_services() { if ((started_services)); then scripts/services.sh down >/dev/null || true; fi; }
trap stop_services EXIT
export REDIS_URL DATABASE_URL

if [[ -f Tests/requirements.txt && -x scripts/python-venv.sh ]]; then scripts/python-venv.sh; fi

folders=()
if [[ -n "${TEST_ONLY:-}" ]]; then
  read -r -a folders <<<"$TEST_ONLY"
else
  for folder in Packages/*/ Apps/*/; do [[ -f "$folder/Package.swift" ]] && folders+=("${folder%/}"); done
  [[ -f Tests/Package.swift ]] && folders+=(Tests)
fi

# The system tests and the chaos scenarios (bin/maxctl worker, bin/monitoring-api) drive the release binaries
# in bin/: built before the first package.
if [[ " ${folders[*]} " == *" Tests "* || " ${folders[*]} " == *" Packages/Chaos "* ]]; then scripts/build.sh; fi

total_passed=0 total_failed=0 failed_folders=()
summaries=()

count_tests() { # count_tests <log> -> "passed failed"
  local log=$1 executed=0 failures=0 st_total=0 st_failed=0 line
  line=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1 || true)
  if [[ -n "$line" ]]; then
    executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$line")
    failures=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$line")
  fi
  line=$(grep -E "Test run with [0-9]+ tests? (in [0-9]+ suites? )?(passed|failed)" "$log" | tail -n 1 || true)
  if [[ -n "$line" ]]; then
    st_total=$(sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' <<<"$line")
    if grep -q "failed" <<<"$line"; then
      st_failed=$(grep -cE "^✘ Test .* failed" "$log" || true)
    fi
  fi
  # Failed test cases in XCTest can exceed the failure count's tests; count failed cases instead.
  local failed_cases
  failed_cases=$(grep -cE "^Test Case '.*' failed" "$log" || true)
  echo "$((executed - failed_cases + st_total - st_failed)) $((failed_cases + st_failed))"
}

for folder in "${folders[@]}"; do
  name=$(basename "$folder")
  [[ "$folder" == Tests ]] && name="system tests"
  log="$logs/$(tr '/ ' '__' <<<"$folder").log"
  started=$(date +%s)
  status=0
  echo "── $folder: building and testing (log: ${log#"$root"/})"
  (
    cd "$folder"
    # Explicit exits: `set -e` does not act inside a subshell whose status is tested, and a failed build must
    # never run the previous build's test binary.
    swift build --build-tests -Xswiftc -warnings-as-errors || { echo "test.sh: the build of $folder failed"; exit 1; }
    timeout "${TEST_TIMEOUT:-1200}" swift test --skip-build
  ) >"$log" 2>&1 || status=$?
  read -r passed failed < <(count_tests "$log")
  if ((status != 0 && failed == 0)); then failed=1; fi
  seconds=$(($(date +%s) - started))
  summary=$(printf '%-16s %4d passed, %d failed (%ds)' "$name:" "$passed" "$failed" "$seconds")
  if ((status != 0)); then
    failed_folders+=("$folder")
    summary+="  FAILED"
    grep -E "error:|failed|Fatal|fatal error" "$log" | grep -v "with 0 failures" | head -n 40 || true
    tail -n 15 "$log"
  fi
  summaries+=("$summary")
  echo "$summary"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

if [[ -x scripts/fuzz-http.sh && " ${folders[*]} " == *" Packages/HTTPServe "* ]]; then
  echo "── HTTP parser fuzz corpus replay"
  if scripts/fuzz-http.sh --replay >"$logs/fuzz-replay.log" 2>&1; then
    summaries+=("$(printf '%-16s %4d passed, %d failed' "fuzz replay:" 1 0)"); total_passed=$((total_passed + 1))
  else
    summaries+=("$(printf '%-16s %4d passed, %d failed  FAILED' "fuzz replay:" 0 1)"); total_failed=$((total_failed + 1))
    failed_folders+=("fuzz replay"); tail -n 20 "$logs/fuzz-replay.log"
  fi
fi

# The API against its OpenAPI document: schemathesis, every check, with and without tokens, on bin/monitoring-api.
if [[ -x scripts/schemathesis.sh && " ${folders[*]} " == *" Tests "* ]]; then
  echo "── schemathesis against bin/monitoring-api (log: .run/schemathesis/)"
  if scripts/schemathesis.sh >"$logs/schemathesis.log" 2>&1; then
    summaries+=("$(printf '%-16s %4d passed, %d failed' "schemathesis:" 1 0)"); total_passed=$((total_passed + 1))
  else
    summaries+=("$(printf '%-16s %4d passed, %d failed  FAILED' "schemathesis:" 0 1)"); total_failed=$((total_failed + 1))
    failed_folders+=("schemathesis"); tail -n 60 "$logs/schemathesis.log"
  fi
fi

# A failed build must fail (and leave nothing stale in bin/): checked on a copy-on-write copy of this tree.
if [[ " ${folders[*]} " == *" Tests "* ]]; then
  echo "── make build with a broken source file"
  if scripts/check-failed-build.sh >"$logs/failed-build.log" 2>&1; then
    summaries+=("$(printf '%-16s %4d passed, %d failed' "failed build:" 1 0)"); total_passed=$((total_passed + 1))
  else
    summaries+=("$(printf '%-16s %4d passed, %d failed  FAILED' "failed build:" 0 1)"); total_failed=$((total_failed + 1))
    failed_folders+=("failed build"); tail -n 30 "$logs/failed-build.log"
  fi
fi

# The people's database (Redis db 0, what `make run` shows) must not have gained a key from the tests.
if [[ -n "${people_keys_before:-}" ]]; then
  people_keys_after=$(scripts/services.sh people-keys)
  if ((people_keys_after == people_keys_before)); then
    summaries+=("$(printf '%-16s %4d passed, %d failed' "own databases:" 1 0)"); total_passed=$((total_passed + 1))
  else
    echo "the tests wrote $((people_keys_after - people_keys_before)) key(s) into Redis db 0, the database of make run" \
      "(or something else used it meanwhile)" >&2
    summaries+=("$(printf '%-16s %4d passed, %d failed  FAILED' "own databases:" 0 1)"); total_failed=$((total_failed + 1))
    failed_folders+=("own databases")
  fi
fi

echo
echo "Summary"
printf '  %s\n' "${summaries[@]}"
echo "${total_passed} passed, ${total_failed} failed"
if ((${#failed_folders[@]})); then
  echo "failing: ${failed_folders[*]}" >&2
  exit 1
fi
