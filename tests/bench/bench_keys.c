/* bench_keys: the CPU time of one keystroke in the console, with a long log on screen.
 *
 *   bench_keys DB SESSION KEYS ITEM-CHANGES
 * opens the console on SESSION (an id prefix; bench_gen's session with a long log on its
 * current item) and feeds KEYS keys one at a time:
 * typing a contribution in several scripts, Backspace, PgUp/PgDn through the log, and
 * Ctrl-U instead of Enter so that typing writes nothing. Prints key_p50 and key_p99 (CPU
 * ms per key, CLOCK_PROCESS_CPUTIME_ID, handling, redrawing and the update of the virtual
 * terminal included) and key_scroll_p50 (PgUp/PgDn alone, which redraw every panel). Then
 * ITEM-CHANGES pairs of F3/F2 (/next, /prev: each commits to the store): item_cpu_p50
 * (CPU ms), item_wall_p50 (wall ms), and the CPU medians of the F3s alone
 * (item_next_cpu_p50: to an item with nothing recorded) and of the F2s alone
 * (item_prev_cpu_p50: back to the long log). A move's commit does not wait for the disk: the
 * console syncs moves once its keys pause (docs/console.md), which never happens here,
 * and the first Enter after them syncs them with itself. Then ITEM-CHANGES
 * contributions typed and recorded with Enter on the long log's item (each commits and
 * redraws every panel, the log moved up by the new entry): enter_cpu_p50 and
 * enter_wall_p50, Enter alone (the typing before it is not counted). Each run adds those
 * contributions to the session, in several scripts like the generated ones, so the pages
 * PgUp/PgDn show cost about the same in the next run. bench_gen's session
 * was started by a console named "console" and only the leading console moves through
 * the agenda, so the benchmark's console takes the lead (/lead) first; without it every
 * F3/F2 was refused and the figure was that of a refusal's redraw.
 *
 * The baseline of a redraw, key_floor_p50: the two screens PgUp and PgDn leave, put
 * back cell by cell from copies (mvadd_wchnstr of every row: wide characters with their
 * attributes and colours already made, nothing to convert, measure or wrap) and sent to
 * the virtual terminal (doupdate), alternately. That is what curses itself costs for
 * such a frame; the console's own part of a redraw is key_scroll_p50 minus it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curses.h>

#include "tests/bench/bench_console.h"
#include "tests/bench/bench_util.h"

/* The script's next key as console_feed() takes it: one character or one <name>. */
static size_t next_key(const char *script, char *key, size_t keylen)
{
	size_t n = 1;
	if (script[0] == '<') {
		const char *close = strchr(script, '>');
		n = close ? (size_t)(close - script) + 1 : strlen(script);
	} else {
		while (script[n] && ((unsigned char)script[n] & 0xc0) == 0x80)
			n++;
	}
	snprintf(key, keylen, "%.*s", (int)n, script);
	return n;
}

/* Every cell of the screen, as the console drew it. in_wchnstr() ends what it reads with a
 * null cell: the last row's goes one cell past the screen. */
static cchar_t *screen_cells(void)
{
	cchar_t *cells = calloc((size_t)BENCH_ROWS * BENCH_COLS + 1, sizeof *cells);
	for (int y = 0; cells && y < BENCH_ROWS; y++)
		mvin_wchnstr(y, 0, cells + (size_t)y * BENCH_COLS, BENCH_COLS);
	return cells;
}

/* The baseline (see the top): CPU ms of putting the screens a and b back in turn. */
static void redraw_floor(const cchar_t *a, const cchar_t *b, double *cpu, long n)
{
	for (long i = 0; i < n; i++) {
		const cchar_t *cells = i % 2 ? a : b;
		int64_t t0 = bench_cpu_ns();
		erase();
		for (int y = 0; y < BENCH_ROWS; y++)
			mvadd_wchnstr(y, 0, cells + (size_t)y * BENCH_COLS, BENCH_COLS);
		wnoutrefresh(stdscr);
		doupdate();
		cpu[i] = (double)(bench_cpu_ns() - t0) / 1e6;
	}
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: bench_keys DB SESSION KEYS ITEM-CHANGES\n");
		return 2;
	}
	static const char cycle[] =
		"E03: !obstacle waited nine months for #language lessons<BS><BS><BS><BS><BS>lessons"
		" انتظرت تسعة أشهر ንትምህርቲ 等了九个月 🙂<PgUp><PgUp><PgUp><PgDn><PgDn><PgUp><PgDn><PgDn><C-u>";
	long keys = atol(argv[3]), changes = atol(argv[4]);
	struct bench_console bench;
	if (!bench_console_open("bench_keys", argv[1], STORE_CHECK_AUTO, argv[2], &bench))
		return 1;
	struct console *console = bench.console;
	FILE *null = fopen("/dev/null", "w");
	console_dump(console, null);
	double *cpu = calloc((size_t)(keys > changes * 2 ? keys : changes * 2) + 1, sizeof *cpu);
	double *wall = calloc((size_t)changes * 2 + 1, sizeof *wall);
	double *scroll = calloc((size_t)keys + 1, sizeof *scroll);
	size_t n_scroll = 0;
	const char *p = cycle;
	for (long i = 0; i < keys; i++) {
		char key[64];
		if (!*p)
			p = cycle;
		p += next_key(p, key, sizeof key);
		int64_t t0 = bench_cpu_ns();
		console_feed(console, key);
		cpu[i] = (double)(bench_cpu_ns() - t0) / 1e6;
		if (strncmp(key, "<Pg", 3) == 0)
			scroll[n_scroll++] = cpu[i];
	}
	bench_report("key_p50", bench_quantile(cpu, (size_t)keys, 0.5), "ms");
	bench_report("key_p99", bench_quantile(cpu, (size_t)keys, 0.99), "ms");
	if (n_scroll > 0) /* PgUp/PgDn move the log: the whole screen is drawn again */
		bench_report("key_scroll_p50", bench_quantile(scroll, n_scroll, 0.5), "ms");
	console_feed(console, "<C-u><PgUp>");
	cchar_t *up = screen_cells();
	console_feed(console, "<PgDn>");
	cchar_t *down = screen_cells();
	if (up && down && n_scroll > 0) {
		redraw_floor(up, down, scroll, (long)n_scroll);
		bench_report("key_floor_p50", bench_quantile(scroll, n_scroll, 0.5), "ms");
	}
	free(up);
	free(down);
	console_feed(console, "<C-l>"); /* the console's own screen again, drawn from nothing */
	if (changes > 0 && !bench_console_lead(&bench, "bench_keys"))
		return 1;
	int first_item = bench.session->current_item;
	for (long i = 0; i < changes * 2; i++) {
		int64_t t0 = bench_cpu_ns(), w0 = bench_now_ns();
		console_feed(console, i % 2 ? "<F2>" : "<F3>");
		cpu[i] = (double)(bench_cpu_ns() - t0) / 1e6;
		wall[i] = (double)(bench_now_ns() - w0) / 1e6;
		if ((bench.session->current_item == first_item) == (i % 2 == 0)) {
			fprintf(stderr, "bench_keys: %s did not change the item: %s\n", i % 2 ? "F2" : "F3",
				console_status(console));
			return 1;
		}
	}
	if (changes > 0) {
		/* F3 goes to an item with nothing recorded, F2 back to the long log: two kinds of
		 * frame, each of whose medians is printed too (the one of all lies between them) */
		double *next = calloc((size_t)changes, sizeof *next), *prev = calloc((size_t)changes, sizeof *prev);
		for (long i = 0; next && prev && i < changes; i++) {
			next[i] = cpu[2 * i];
			prev[i] = cpu[2 * i + 1];
		}
		bench_report("item_cpu_p50", bench_quantile(cpu, (size_t)changes * 2, 0.5), "ms");
		bench_report("item_wall_p50", bench_quantile(wall, (size_t)changes * 2, 0.5), "ms");
		if (next && prev) {
			bench_report("item_next_cpu_p50", bench_quantile(next, (size_t)changes, 0.5), "ms");
			bench_report("item_prev_cpu_p50", bench_quantile(prev, (size_t)changes, 0.5), "ms");
		}
		free(next);
		free(prev);
	}
	for (long i = 0; i < changes; i++) {
		console_feed(console, bench_console_line(i));
		int before = bench.session->n_contributions;
		int64_t t0 = bench_cpu_ns(), w0 = bench_now_ns();
		console_feed(console, "<Enter>");
		cpu[i] = (double)(bench_cpu_ns() - t0) / 1e6;
		wall[i] = (double)(bench_now_ns() - w0) / 1e6;
		if (bench.session->n_contributions != before + 1) {
			fprintf(stderr, "bench_keys: Enter recorded no contribution: %s\n", console_status(console));
			return 1;
		}
	}
	if (changes > 0) {
		bench_report("enter_cpu_p50", bench_quantile(cpu, (size_t)changes, 0.5), "ms");
		bench_report("enter_wall_p50", bench_quantile(wall, (size_t)changes, 0.5), "ms");
	}
	console_dump(console, null);
	fclose(null);
	free(cpu);
	free(wall);
	free(scroll);
	bench_console_close(&bench);
	return 0;
}
