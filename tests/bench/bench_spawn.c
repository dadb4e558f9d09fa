/* bench_spawn: times whole processes from outside, for the start-up and agenda-load
 * benchmarks: the wall time from fork to the end of wait, which includes exec, dynamic
 * linking and exit, as a user waits for it.
 *
 *   bench_spawn NAME RUNS COMMAND [ARGS...]
 * runs COMMAND RUNS times (one untimed run first to warm the page cache) and prints
 * NAME (median ms), NAME_p90 (ms) and NAME_rss (median peak RSS, KiB). Fails when a
 * run exits non-zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/bench/bench_util.h"

int main(int argc, char **argv)
{
	if (argc < 4 || atoi(argv[2]) < 1) {
		fprintf(stderr, "usage: bench_spawn NAME RUNS COMMAND [ARGS...]\n");
		return 2;
	}
	const char *name = argv[1];
	int runs = atoi(argv[2]);
	char *const *command = argv + 3;
	double *ms = calloc((size_t)runs, sizeof *ms), *rss = calloc((size_t)runs, sizeof *rss);
	double warm;
	long kib;
	int rc = bench_spawn(command, &warm, &kib);
	for (int i = 0; rc == 0 && i < runs; i++) {
		rc = bench_spawn(command, &ms[i], &kib);
		rss[i] = (double)kib;
	}
	if (rc != 0) {
		fprintf(stderr, "bench_spawn: %s exited with %d\n", command[0], rc);
		return 1;
	}
	char key[128];
	bench_report(name, bench_quantile(ms, (size_t)runs, 0.5), "ms");
	snprintf(key, sizeof key, "%s_p90", name);
	bench_report(key, bench_quantile(ms, (size_t)runs, 0.9), "ms");
	snprintf(key, sizeof key, "%s_rss", name);
	bench_report(key, bench_quantile(rss, (size_t)runs, 0.5), "KiB");
	free(ms);
	free(rss);
	return 0;
}
