/* bench_spawn: times whole processes from outside, for the start-up and agenda-load
 * benchmarks: the wall time from fork to the end of wait, which includes exec, dynamic
 * linking and exit, as a user waits for it.
 *
 *   bench_spawn NAME RUNS COMMAND [ARGS...] [--against BASE-NAME BASE-COMMAND [ARGS...]]
 * runs COMMAND RUNS times (one untimed run first to warm the page cache) and prints
 * NAME (median ms), NAME_p90 (ms) and NAME_rss (median peak RSS, KiB). With --against,
 * the baseline runs as often, alternating with COMMAND (ours, baseline, ours, ...), so
 * that both meet the same moments of a shared machine; it prints BASE-NAME (median ms)
 * and NAME_ratio, the median of the ratios of each run to the baseline run next to it.
 * Fails when a run exits non-zero. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/bench/bench_util.h"

/* Runs command once; false (with a message) when it failed. */
static bool run_once(char *const *command, double *ms, long *kib)
{
	int rc = bench_spawn(command, ms, kib);
	if (rc != 0)
		fprintf(stderr, "bench_spawn: %s exited with %d\n", command[0], rc);
	return rc == 0;
}

int main(int argc, char **argv)
{
	if (argc < 4 || atoi(argv[2]) < 1) {
		fprintf(stderr, "usage: bench_spawn NAME RUNS COMMAND [ARGS...] [--against BASE-NAME BASE-COMMAND [ARGS...]]\n");
		return 2;
	}
	const char *name = argv[1], *base_name = NULL;
	int runs = atoi(argv[2]);
	char **command = argv + 3, **base = NULL;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--against") == 0) {
			if (i + 2 >= argc || i == 3) {
				fprintf(stderr, "bench_spawn: --against needs a name and a command after a command\n");
				return 2;
			}
			argv[i] = NULL; /* ends COMMAND */
			base_name = argv[i + 1];
			base = argv + i + 2;
			break;
		}
	}
	double *ms = calloc((size_t)runs, sizeof *ms), *rss = calloc((size_t)runs, sizeof *rss);
	double *base_ms = calloc((size_t)runs, sizeof *base_ms), *ratio = calloc((size_t)runs, sizeof *ratio);
	double warm;
	long kib;
	bool ok = ms && rss && base_ms && ratio && run_once(command, &warm, &kib) && (!base || run_once(base, &warm, &kib));
	for (int i = 0; ok && i < runs; i++) {
		ok = run_once(command, &ms[i], &kib);
		rss[i] = (double)kib;
		if (ok && base) {
			ok = run_once(base, &base_ms[i], &kib);
			ratio[i] = base_ms[i] > 0 ? ms[i] / base_ms[i] : 0;
		}
	}
	if (ok) {
		char key[128];
		bench_report(name, bench_quantile(ms, (size_t)runs, 0.5), "ms");
		snprintf(key, sizeof key, "%s_p90", name);
		bench_report(key, bench_quantile(ms, (size_t)runs, 0.9), "ms");
		snprintf(key, sizeof key, "%s_rss", name);
		bench_report(key, bench_quantile(rss, (size_t)runs, 0.5), "KiB");
		if (base) {
			bench_report(base_name, bench_quantile(base_ms, (size_t)runs, 0.5), "ms");
			snprintf(key, sizeof key, "%s_ratio", name);
			bench_report(key, bench_quantile(ratio, (size_t)runs, 0.5), "x");
		}
	}
	free(ms);
	free(rss);
	free(base_ms);
	free(ratio);
	return ok ? 0 : 1;
}
