#!/bin/sh
# run.sh: runs the fuzzers under ASan and UBSan.
#   tests/fuzz/run.sh SECONDS   fuzz each harness for that long (make fuzz; default 60)
#   tests/fuzz/run.sh --smoke   run every seed once, then fuzz 10 s each (make check); prints ok/not ok
# fuzz_agenda and fuzz_redact seeds: ../shared/agendas, ../shared/yaml-test-suite, tests/agendas, examples.
# fuzz_capture and fuzz_text seeds: tests/fuzz/capture-seeds; fuzz_event: tests/fuzz/event-seeds;
# fuzz_search: tests/fuzz/search-seeds
# (a type byte, then a payload). New inputs the fuzzers find go to
# build/fuzz/corpus-NAME (not committed); crashes to build/fuzz/crash-*.
set -u
cd "$(dirname "$0")/../.." || exit 2
shared=${SHARED:-../shared}
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}

# seeds NAME DIR: fills DIR with the seed inputs of harness NAME.
seeds() {
	rm -rf "$2"
	mkdir -p "$2"
	case "$1" in
	fuzz_agenda | fuzz_redact) files="$shared/agendas/valid/*.yaml $shared/agendas/invalid/*.yaml $shared/yaml-test-suite/cases/*.yaml tests/agendas/*.yaml examples/*.yaml" ;;
	fuzz_capture | fuzz_text) files="tests/fuzz/capture-seeds/*" ;;
	fuzz_event) files="tests/fuzz/event-seeds/*" ;;
	fuzz_search) files="tests/fuzz/search-seeds/*" ;;
	*) files="" ;;
	esac
	for f in $files; do
		[ -f "$f" ] && cp "$f" "$2/$(echo "$f" | tr -c 'A-Za-z0-9.\n-' '_' | sed 's/^[._]*//')"
	done
}

mode=${1:-60}
status=0
for fuzzer in build/fuzz/fuzz_*; do
	[ -x "$fuzzer" ] || continue
	name=$(basename "$fuzzer")
	seed_dir=build/fuzz/seeds-$name
	corpus=build/fuzz/corpus-$name
	seeds "$name" "$seed_dir"
	mkdir -p "$corpus"
	if [ "$mode" != --smoke ]; then
		"$fuzzer" -max_total_time="$mode" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
			-artifact_prefix=build/fuzz/ "$corpus" "$seed_dir" || status=1
		continue
	fi
	log=build/fuzz/smoke-$name.log
	if "$fuzzer" -runs=0 "$seed_dir" >"$log" 2>&1; then
		echo "ok - $name: every seed input ($(ls "$seed_dir" | wc -l) files) is handled cleanly"
	else
		echo "not ok - $name: a seed input crashed it"; tail -n 30 "$log"; status=1
	fi
	if "$fuzzer" -max_total_time=10 -print_final_stats=1 -timeout=5 -rss_limit_mb=1024 \
		-artifact_prefix=build/fuzz/ "$corpus" "$seed_dir" >"$log" 2>&1; then
		echo "ok - $name: 10 s of fuzzing found nothing ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1))"
	else
		echo "not ok - $name: the fuzzer found a crash, leak or hang"; tail -n 40 "$log"; status=1
	fi
done
ls build/fuzz/fuzz_* >/dev/null 2>&1 || { echo "not ok - fuzz: no fuzzer built (make fuzz-build)"; status=1; }
exit $status
