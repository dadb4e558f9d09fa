#!/bin/sh
# run-all.sh: runs every test suite of `make check` and ends with "N passed, N failed".
#
# Suites:
#   build/asan/tests/test_*   cmocka unit tests (ASan + UBSan build)
#   tests/e2e/*.sh            shell tests against build/asan/klankbord; each prints one
#                             "ok - NAME" or "not ok - NAME" line per test
#   fuzz smoke                the loader fuzzer over the seed corpus for a few seconds
#   bench smoke               tests/bench/run.sh --smoke: every benchmark program runs at a
#                             tiny size and prints sane numbers (timings are never judged)
# Environment for suites: KLANKBORD (binary under test), SHARED (the ../shared folder),
# TEST_TMP (a scratch folder removed afterwards).
set -u
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
KLANKBORD=${KLANKBORD:-$root/build/asan/klankbord}
SHARED=${SHARED:-$root/../shared}
export KLANKBORD SHARED
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ ! -d "$SHARED/agendas" ]; then
	echo "run-all: $SHARED/agendas not found: ../shared must sit beside the checkout" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/klankbord-check.XXXXXX")
export TEST_TMP
trap 'rm -rf "$TEST_TMP"' EXIT INT TERM
passed=0
failed=0
failures=""

# count_output FILE: adds the passes and failures that a suite's output reports.
count_cmocka() {
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | tail -n 1)
	echo "${p:-0} ${f:-0}"
}
count_tap() {
	p=$(grep -c '^ok - ' "$1")
	f=$(grep -c '^not ok - ' "$1")
	echo "$p $f"
}

run_suite() { # run_suite NAME KIND COMMAND...
	name=$1; kind=$2; shift 2
	log="$TEST_TMP/$(echo "$name" | tr '/ ' '__').log"
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	if [ "$kind" = cmocka ]; then set -- $(count_cmocka "$log"); else set -- $(count_tap "$log"); fi
	p=$1; f=$2
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # a crash or a suite that failed without saying so
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$name: ran no test" >>"$log"; fi
	passed=$((passed + p)); failed=$((failed + f))
	printf '%-40s %4d passed %3d failed  (%ss)\n' "$name" "$p" "$f" "$(($(date +%s) - start))"
	if [ "$f" -gt 0 ]; then
		failures="$failures $name"
		sed 's/^/    /' "$log" | grep -v '^    \[ \(RUN\|      OK\) ' | tail -n 40
	fi
}

for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	run_suite "unit/$(basename "$t")" cmocka "$t"
done
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	run_suite "e2e/$(basename "$t" .sh)" tap sh "$t"
done
if [ -x tests/fuzz/run.sh ]; then
	run_suite "fuzz/smoke" tap tests/fuzz/run.sh --smoke
fi
if [ -x tests/bench/run.sh ]; then
	run_suite "bench/smoke" tap tests/bench/run.sh --smoke
fi

[ -n "$failures" ] && echo "failed suites:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
