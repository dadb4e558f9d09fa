/* bench_frames: one kind of the console's frames, repeated, for an instruction count.
 *
 *   bench_frames DB SESSION KIND FRAMES
 * opens the console as bench_keys does (60x200, on SESSION: bench_gen's long log) and
 * draws FRAMES frames of one KIND: PgUp and PgDn in turn (scroll), F3 and F2 in turn
 * after /lead (item: /next and /prev, each a commit), or a typed contribution recorded
 * with Enter (enter: the typing is not part of the frame). commit-item and commit-enter
 * are the same lines through session_apply_line() alone, without the console: what the
 * commit of an item change or an Enter costs, the rest of such a frame being drawing.
 * Each frame is one call of bench_frame(), so that callgrind counts those alone:
 *
 *   valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_frame \
 *       build/bench/bench_frames DB SESSION item 40
 *
 * (tests/bench/frames_callgrind.sh runs that on a copy of a history, for each kind).
 * Two frames of the kind come first, uncounted, so that what the console keeps between
 * frames (an entry's pad) is made as in use; for the kinds that commit, more follow until
 * the session's early settles are behind it (sessions/session.h: the first line's, and
 * one 3 s after the start, which under callgrind fell among the counted frames).
 * Prints frames_cpu_p50 (CPU ms, user and system, as bench_keys measures a key) and
 * fails when a frame did not do what its key says. Every kind but scroll writes to the
 * session: use a copy of the history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/bench/bench_console.h"
#include "tests/bench/bench_util.h"

static const char *const kinds[] = { "scroll", "item", "enter", "commit-item", "commit-enter" };
enum kind { SCROLL, ITEM, ENTER, COMMIT_ITEM, COMMIT_ENTER, KINDS };

/* One frame: the key, its handling, the drawing and the update of the virtual terminal;
 * or for the commit kinds, the line alone. */
__attribute__((noinline)) static void bench_frame(struct bench_console *bench, bool commit, const char *key)
{
	struct session_result result = { 0 };
	if (commit)
		session_apply_line(bench->session, key, strlen(key), &result);
	else
		console_feed(bench->console, key);
}

/* Draws frame number i of the kind (through bench_frame() when counted); false, with why on
 * stderr, when it did not do what its key says. */
static bool one_frame(struct bench_console *bench, enum kind kind, long i, bool counted, double *cpu)
{
	static const char *const keys[KINDS][2] = {
		[SCROLL] = { "<PgUp>", "<PgDn>" }, [ITEM] = { "<F3>", "<F2>" }, [ENTER] = { "<Enter>", "<Enter>" },
		[COMMIT_ITEM] = { "/next", "/prev" },
	};
	bool commit = kind == COMMIT_ITEM || kind == COMMIT_ENTER;
	const char *key = kind == COMMIT_ENTER ? bench_console_line(i) : keys[kind][i % 2];
	int item = bench->session->current_item, contributions = bench->session->n_contributions;
	if (kind == ENTER)
		console_feed(bench->console, bench_console_line(i));
	int64_t t0 = bench_cpu_ns();
	struct session_result result = { 0 };
	if (counted)
		bench_frame(bench, commit, key);
	else if (commit) /* as bench_frame(), which callgrind must not see */
		session_apply_line(bench->session, key, strlen(key), &result);
	else
		console_feed(bench->console, key);
	*cpu = (double)(bench_cpu_ns() - t0) / 1e6;
	bool moves = kind == ITEM || kind == COMMIT_ITEM, records = kind == ENTER || kind == COMMIT_ENTER;
	if ((moves && bench->session->current_item == item)
		|| (records && bench->session->n_contributions != contributions + 1)) {
		fprintf(stderr, "bench_frames: %s did nothing: %s\n", key, console_status(bench->console));
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	enum kind kind = KINDS;
	for (int k = 0; argc == 5 && k < KINDS; k++)
		if (strcmp(argv[3], kinds[k]) == 0)
			kind = (enum kind)k;
	long frames = argc == 5 ? atol(argv[4]) : 0;
	if (frames < 1 || kind == KINDS) {
		fprintf(stderr, "usage: bench_frames DB SESSION scroll|item|enter|commit-item|commit-enter FRAMES\n");
		return 2;
	}
	struct bench_console bench;
	if (!bench_console_open("bench_frames", argv[1], STORE_CHECK_AUTO, argv[2], &bench))
		return 1;
	FILE *null = fopen("/dev/null", "w");
	console_dump(bench.console, null);
	double *cpu = calloc((size_t)frames, sizeof *cpu);
	bool moves = kind == ITEM || kind == COMMIT_ITEM;
	bool ok = cpu && null && (!moves || bench_console_lead(&bench, "bench_frames"));
	long i = 0;
	for (; ok && i < 2; i++)
		ok = one_frame(&bench, kind, i, false, &cpu[0]);
	for (int waits = 0; ok && kind != SCROLL && bench.session->early_settles < SESSION_SETTLE_EARLY && waits < 100;
		waits++, i++) {
		nanosleep(&(struct timespec){ .tv_nsec = 100000000 }, NULL);
		ok = one_frame(&bench, kind, i, false, &cpu[0]);
	}
	if (ok && i % 2) /* the counted ones start with F3 (or PgUp), as in bench_keys */
		ok = one_frame(&bench, kind, i++, false, &cpu[0]);
	for (long n = 0; ok && n < frames; n++, i++)
		ok = one_frame(&bench, kind, i, true, &cpu[n]);
	if (ok)
		bench_report("frames_cpu_p50", bench_quantile(cpu, (size_t)frames, 0.5), "ms");
	free(cpu);
	if (null)
		fclose(null);
	bench_console_close(&bench);
	return ok ? 0 : 1;
}
