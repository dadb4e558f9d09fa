/* bench_consoles: two consoles on one session. A writer process commits capture lines at
 * random moments (each line carries its commit's CLOCK_MONOTONIC time); a headless
 * console in this process runs the console's loop (an input timeout of 250 ms, as
 * wgetch's, then console_tick(): PRAGMA data_version, the refresh, the redraw) and, for
 * every line that reaches its model and its screen, measures the time since the commit.
 * Then the console idles for a while and its CPU time is measured against the same loop
 * without the console (the input timeout alone).
 *
 *   bench_consoles DB AGENDA LINES IDLE_SECONDS [REFRESH_MS]
 * (REFRESH_MS: the console's refresh_ms option, 0 by default: at every input timeout;
 * 1000 measures how it was before, for comparison)
 * prints consoles_latency_p50 / _p99 / _max (ms), consoles_lines (seen), idle_cpu and
 * idle_base_cpu (ms of CPU per second idle). */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/agenda.h"
#include "sessions/session.h"
#include "storage/store.h"
#include "tests/bench/bench_util.h"
#include "tui/console.h"

enum { TIMEOUT_MS = 250 };

static int start_session(const char *db, const char *agenda_path)
{
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error;
	struct agenda *agenda = agenda_load_file(agenda_path, &diags, &io_error);
	diag_list_free(&diags);
	struct store *store = NULL;
	struct session *s = NULL;
	char err[1024] = "cannot load the agenda";
	int rc = agenda ? store_open(db, &store, err, sizeof err) : 1;
	if (!rc)
		rc = session_start(store, agenda, NULL, 0, "lead", session_clock_system(), &s, err, sizeof err);
	if (rc)
		fprintf(stderr, "bench_consoles: %s\n", err);
	session_free(s);
	store_close(store);
	agenda_free(agenda);
	return rc;
}

/* The writer: its own connection, as another console's process has. */
static int writer(const char *db, int lines, int ready)
{
	struct store *store;
	struct session *s;
	char err[1024], go;
	if (store_open(db, &store, err, sizeof err) || session_load(store, NULL, true, "writer", session_clock_system(),
		&s, err, sizeof err)) {
		fprintf(stderr, "bench_consoles writer: %s\n", err);
		return 1;
	}
	if (read(ready, &go, 1) != 1)
		return 1;
	struct bench_rng rng = { 16 };
	for (int i = 0; i < lines; i++) {
		usleep((useconds_t)(20000 + bench_rng_below(&rng, 280000))); /* 20-300 ms apart */
		char line[128];
		struct session_result r;
		/* the time is taken just before the commit: the latency includes the commit */
		int n = snprintf(line, sizeof line, "E01: bench %lld", (long long)bench_now_ns());
		if (session_apply_line(s, line, (size_t)n, &r) != 0) {
			fprintf(stderr, "bench_consoles writer: %s\n", r.message);
			return 1;
		}
	}
	session_free(s);
	store_close(store);
	return 0;
}

/* One round of the console's loop: the input timeout, then the tick. */
static void loop_once(struct console *c, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	poll(&p, 1, TIMEOUT_MS);
	if (c)
		console_tick(c);
}

int main(int argc, char **argv)
{
	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: bench_consoles DB AGENDA LINES IDLE_SECONDS [REFRESH_MS]\n");
		return 2;
	}
	const char *db = argv[1];
	int lines = atoi(argv[3]), idle = atoi(argv[4]);
	struct console_options options = { .refresh_ms = argc == 6 ? atoi(argv[5]) : 0 };
	if (lines < 1 || idle < 1 || start_session(db, argv[2]))
		return 2;
	int go[2], quiet[2];
	if (pipe(go) || pipe(quiet))
		return 2;
	pid_t child = fork();
	if (child == 0) {
		close(go[1]);
		_exit(writer(db, lines, go[0]));
	}
	close(go[0]);
	struct store *store;
	struct session *s;
	struct console *c = NULL;
	char err[1024];
	if (store_open(db, &store, err, sizeof err) || session_load(store, NULL, true, "reader", session_clock_system(), &s,
		err, sizeof err) || !(c = console_open_headless(s, &options, 60, 200, err, sizeof err))) {
		fprintf(stderr, "bench_consoles: %s\n", err);
		kill(child, SIGKILL);
		return 1;
	}
	double *latency = calloc((size_t)lines, sizeof *latency);
	int seen = 0, done = 0;
	if (!latency || write(go[1], "g", 1) != 1)
		return 1;
	int64_t deadline = bench_now_ns() + (int64_t)lines * 400 * 1000000 + 5000000000LL;
	while (seen < lines && bench_now_ns() < deadline) {
		loop_once(c, quiet[0]);
		int64_t now = bench_now_ns();
		for (; done < s->n_contributions; done++) {
			long long at;
			if (sscanf(s->contributions[done].text, "bench %lld", &at) == 1 && seen < lines)
				latency[seen++] = (double)(now - at) / 1e6;
		}
	}
	int status;
	waitpid(child, &status, 0);
	if (seen < lines || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_consoles: the console saw %d of %d lines\n", seen, lines);
		return 1;
	}
	bench_report("consoles_latency_p50", bench_quantile(latency, (size_t)seen, 0.5), "ms");
	bench_report("consoles_latency_p99", bench_quantile(latency, (size_t)seen, 0.99), "ms");
	bench_report("consoles_latency_max", bench_quantile(latency, (size_t)seen, 1.0), "ms");
	bench_report("consoles_lines", seen, "lines");
	/* Idle: the console's loop, then the input timeout alone, each for idle seconds. */
	for (int with_console = 1; with_console >= 0; with_console--) {
		int64_t cpu = bench_cpu_ns(), wall = bench_now_ns();
		while (bench_now_ns() - wall < (int64_t)idle * 1000000000)
			loop_once(with_console ? c : NULL, quiet[0]);
		double ms_per_s = (double)(bench_cpu_ns() - cpu) / 1e6 / ((double)(bench_now_ns() - wall) / 1e9);
		bench_report(with_console ? "consoles_idle_cpu" : "consoles_idle_base_cpu", ms_per_s, "ms/s");
	}
	free(latency);
	console_close(c);
	session_free(s);
	store_close(store);
	return 0;
}
