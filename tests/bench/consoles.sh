#!/bin/sh
# consoles.sh: the two-consoles benchmark of `make bench` alone (bench_consoles.c): the
# time from a commit at one console to the other's changed screen, median, p99 and max,
# and the CPU of an idle console beside the input timeout's alone.
#   tests/bench/consoles.sh [--smoke] [LINES [IDLE_SECONDS]]
# Needs `make bench-build` (or make bench). Writes only to a temporary folder.
set -eu
cd "$(dirname "$0")/../.." || exit 2
lines=200 idle=10
if [ "${1:-}" = --smoke ]; then lines=5 idle=1; shift; fi
lines=${1:-$lines} idle=${2:-$idle}
[ -x build/bench/bench_consoles ] || { echo "consoles.sh: run make bench-build first" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-consoles.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
build/bench/bench_consoles "$work/consoles.db" examples/expert-pool-en.yaml "$lines" "$idle"
