/* bench_console: the console as the start-up and keystroke benchmarks open it: the
 * database, an open session, a headless console of 60 x 200.
 * Owns nothing it returns: bench_console_close() releases all three (NULLs are safe). */
#ifndef KLANKBORD_BENCH_CONSOLE_H
#define KLANKBORD_BENCH_CONSOLE_H

#include "sessions/session.h"
#include "storage/store.h"
#include "tui/console.h"

enum { BENCH_ROWS = 60, BENCH_COLS = 200 };

struct bench_console {
	struct store *store;
	struct session *session;
	struct console *console;
};

/* Opens all three: the session is the one whose id starts with session, or when session
 * is NULL the most recently started open one (what `klankbord resume` opens). On failure
 * prints why (prefixed with program) and returns false with whatever was opened closed. */
bool bench_console_open(const char *program, const char *db, enum store_check check, const char *session,
	struct bench_console *out);
void bench_console_close(struct bench_console *bench);

/* Makes the benchmark's console the leading one (/lead), so that F3/F2 move the item:
 * bench_gen's session was started by a console named "console". Leaves the capture line
 * empty (a refused /lead, on a console that leads already, stays on it as typed text).
 * false, with why on stderr, when the lead could not be taken. */
bool bench_console_lead(struct bench_console *bench, const char *program);

/* The i-th of a few contributions in several scripts, as a note-taker types them, for
 * the benchmarks that record lines with Enter. */
const char *bench_console_line(long i);

#endif
