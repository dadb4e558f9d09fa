/* bench_browse: `klankbord browse` on the history, on a virtual screen of 60x200 (the
 * console's benchmark size, bench_console.h).
 *
 *   bench_browse DB first
 *       what browse does from process start to its first drawn screen: opens the
 *       database as store_open() does (STORE_CHECK_AUTO), opens the browser on the
 *       sessions, newest first, and dumps the screen to /dev/null. Timed from outside
 *       by bench_spawn (against the console's own first screen, bench_startup).
 *   bench_browse DB pages N
 *       then pages: N PgDn down the sessions, End, Home (each a keyset page), then
 *       opens the second newest session (bench_gen's long log) and pages with PgDn
 *       through every item's contributions to its end. Prints browse_page_p50 and _p99
 *       (wall ms per PgDn among the sessions), browse_entries_p50 and _p99 (per PgDn
 *       in an item's contributions, drawing included), browse_end (ms for End over the
 *       whole list) and browse_pages_rss (peak RSS in KiB after all of it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "storage/store.h"
#include "tests/bench/bench_console.h"
#include "tests/bench/bench_util.h"
#include "tui/browse.h"

enum { ENTRY_PAGES_PER_ITEM = 64, ITEMS = 5 };

static double feed_ms(struct browse *browse, const char *keys)
{
	int64_t t0 = bench_now_ns();
	browse_feed(browse, keys);
	return (double)(bench_now_ns() - t0) / 1e6;
}

static void pages(struct browse *browse, int n)
{
	double *sessions = calloc((size_t)n, sizeof *sessions);
	double *entries = calloc((size_t)ITEMS * ENTRY_PAGES_PER_ITEM, sizeof *entries);
	size_t n_entries = 0;
	if (!sessions || !entries) {
		free(sessions);
		free(entries);
		return;
	}
	for (int i = 0; i < n; i++)
		sessions[i] = feed_ms(browse, "<PgDn>");
	double end = feed_ms(browse, "<End>");
	feed_ms(browse, "<Home><Down><Enter>");
	for (int item = 0; item < ITEMS; item++) {
		feed_ms(browse, "<Enter>");
		for (int p = 0; p < ENTRY_PAGES_PER_ITEM; p++)
			entries[n_entries++] = feed_ms(browse, "<PgDn>");
		feed_ms(browse, "<Backspace><Down>");
	}
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	bench_report("browse_end", end, "ms");
	bench_report("browse_page_p99", bench_quantile(sessions, (size_t)n, 0.99), "ms");
	bench_report("browse_page_p50", bench_quantile(sessions, (size_t)n, 0.5), "ms");
	bench_report("browse_entries_p99", bench_quantile(entries, n_entries, 0.99), "ms");
	bench_report("browse_entries_p50", bench_quantile(entries, n_entries, 0.5), "ms");
	bench_report("browse_pages_rss", (double)usage.ru_maxrss, "KiB");
	free(sessions);
	free(entries);
}

int main(int argc, char **argv)
{
	bool first = argc == 3 && strcmp(argv[2], "first") == 0;
	bool paging = argc == 4 && strcmp(argv[2], "pages") == 0 && atoi(argv[3]) > 0;
	if (!first && !paging) {
		fprintf(stderr, "usage: bench_browse DB first | bench_browse DB pages N\n");
		return 2;
	}
	char err[1024];
	struct store *store;
	int rc = store_open_checked(argv[1], STORE_CHECK_AUTO, &store, err, sizeof err);
	struct browse *browse = rc ? NULL : browse_open_headless(store, NULL, BENCH_ROWS, BENCH_COLS, err, sizeof err);
	if (!browse) {
		fprintf(stderr, "bench_browse: %s\n", err);
		store_close(store);
		return 1;
	}
	FILE *null = fopen("/dev/null", "w");
	browse_dump(browse, null);
	fclose(null);
	if (paging)
		pages(browse, atoi(argv[3]));
	int failed = browse_status(browse)[0] != 0;
	if (failed)
		fprintf(stderr, "bench_browse: %s\n", browse_status(browse));
	browse_close(browse);
	store_close(store);
	return failed;
}
