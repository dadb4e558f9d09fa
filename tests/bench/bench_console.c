/* bench_console: see bench_console.h. */
#include "tests/bench/bench_console.h"

#include <stdio.h>
#include <string.h>

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

bool bench_console_lead(struct bench_console *bench, const char *program)
{
	console_feed(bench->console, "/lead<Enter>");
	if (strstr(console_status(bench->console), "only the leading console")) {
		fprintf(stderr, "%s: the console could not take the lead: %s\n", program, console_status(bench->console));
		return false;
	}
	console_feed(bench->console, "<C-u>");
	return true;
}

const char *bench_console_line(long i)
{
	static const char *const lines[] = {
		"E03: !obstacle waited nine months for lessons انتظرت تسعة أشهر #language",
		"E05: !idea ንትምህርቲ ቋንቋ childcare during lessons 等了九个月 🙂 #education",
		"E07: Mijn diploma werd niet erkend مدرک دانشگاهی من #work",
	};
	return lines[i % 3];
}
