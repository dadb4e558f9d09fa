/* bench_console: see bench_console.h. */
#include "tests/bench/bench_console.h"

#include <stdio.h>

bool bench_console_open(const char *program, const char *db, enum store_check check, const char *session,
	struct bench_console *out)
{
	char err[1024];
	*out = (struct bench_console){ 0 };
	int rc = store_open_checked(db, check, &out->store, err, sizeof err);
	if (!rc)
		rc = session_load(out->store, session, true, "bench", session_clock_system(), &out->session, err, sizeof err);
	if (!rc && !(out->console = console_open_headless(out->session, NULL, BENCH_ROWS, BENCH_COLS, err, sizeof err)))
		rc = 1;
	if (rc) {
		fprintf(stderr, "%s: %s\n", program, err);
		bench_console_close(out);
		return false;
	}
	return true;
}

void bench_console_close(struct bench_console *bench)
{
	console_close(bench->console);
	session_free(bench->session);
	store_close(bench->store);
	*bench = (struct bench_console){ 0 };
}
