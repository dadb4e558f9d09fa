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

#endif
