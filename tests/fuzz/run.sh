#!/bin/sh
# run.sh: runs the agenda-loader fuzzer under ASan and UBSan.
#   tests/fuzz/run.sh SECONDS   fuzz for that long (make fuzz; default 60)
#   tests/fuzz/run.sh --smoke   run every seed once, then fuzz 10 s (make check); prints ok/not ok
# Seeds: ../shared/agendas, ../shared/yaml-test-suite, tests/agendas, examples. New inputs the
# fuzzer finds go to build/fuzz/corpus (not committed); crashes to build/fuzz/crash-*.
set -u
cd "$(dirname "$0")/../.." || exit 2
shared=${SHARED:-../shared}
fuzzer=build/fuzz/fuzz_agenda
[ -x "$fuzzer" ] || { echo "not ok - fuzz: $fuzzer not built (make fuzz-build)"; exit 1; }
seeds=build/fuzz/seeds
corpus=build/fuzz/corpus
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus"
for f in "$shared"/agendas/valid/*.yaml "$shared"/agendas/invalid/*.yaml "$shared"/yaml-test-suite/cases/*.yaml \
	tests/agendas/*.yaml examples/*.yaml; do
	[ -f "$f" ] && cp "$f" "$seeds/$(echo "$f" | tr -c 'A-Za-z0-9.\n-' '_' | sed 's/^[._]*//')"
done
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
if [ "${1:-}" = --smoke ]; then
	log=build/fuzz/smoke.log
	if "$fuzzer" -runs=0 "$seeds" >"$log" 2>&1; then
		echo "ok - fuzz: every seed input ($(ls "$seeds" | wc -l) files) loads or is refused cleanly"
	else
		echo "not ok - fuzz: a seed input crashed the loader"; tail -n 30 "$log"; exit 1
	fi
	if "$fuzzer" -max_total_time=10 -print_final_stats=1 -timeout=5 -rss_limit_mb=1024 -artifact_prefix=build/fuzz/ \
		"$corpus" "$seeds" >"$log" 2>&1; then
		echo "ok - fuzz: 10 s of fuzzing found nothing ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1))"
	else
		echo "not ok - fuzz: the fuzzer found a crash, leak or hang"; tail -n 40 "$log"; exit 1
	fi
	exit 0
fi
seconds=${1:-60}
exec "$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
	-artifact_prefix=build/fuzz/ "$corpus" "$seeds"
