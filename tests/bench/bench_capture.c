/* bench_capture: durable capture through --batch, as a note-taker's console sees it.
 *
 *   bench_capture KLANKBORD AGENDA DB LINES-FILE
 * starts `KLANKBORD run AGENDA --db DB --batch -` (its stdout and stderr on one pipe),
 * then sends the file's lines one at a
 * time, each after the previous one was acknowledged ("ok SEQ": committed with
 * synchronous=FULL). Prints capture_rate (lines/s over the time spent waiting for
 * acknowledgements), capture_total_rate (lines/s from the first line to klankbord's exit,
 * which includes deriving search and report tables after the last line), capture_p50,
 * capture_p99 and capture_max (ms from sending a line to its "ok"), and capture_first.
 * The first line is sent as klankbord starts, so its wait is the start-up (a new database
 * set up, the agenda loaded, the session started: 12-18 ms), which bench_insert's
 * baseline leaves out too: it is capture_first alone, and the other figures are over the
 * lines after it (issue 14 asks how long a line waits for the projection). With
 * BENCH_CAPTURE_SAMPLES=FILE, writes each line's number and time there. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/bench/bench_util.h"

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: bench_capture KLANKBORD AGENDA DB LINES-FILE\n");
		return 2;
	}
	FILE *lines = fopen(argv[4], "r");
	if (!lines) {
		perror(argv[4]);
		return 1;
	}
	remove(argv[3]);
	int to_child[2], from_child[2];
	if (pipe(to_child) != 0 || pipe(from_child) != 0)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(to_child[0], 0);
		dup2(from_child[1], 1);
		dup2(from_child[1], 2);
		close(to_child[1]);
		close(from_child[0]);
		execl(argv[1], argv[1], "run", argv[2], "--db", argv[3], "--batch", "-", (char *)NULL);
		_exit(127);
	}
	close(to_child[0]);
	close(from_child[1]);
	FILE *out = fdopen(to_child[1], "w"), *in = fdopen(from_child[0], "r");
	size_t cap = 1024, n = 0;
	double *ms = malloc(cap * sizeof *ms), total = 0;
	char *line = NULL, reply[4096];
	size_t line_cap = 0;
	int status = 0;
	int64_t start = bench_now_ns();
	while (getline(&line, &line_cap, lines) > 0) {
		int64_t t0 = bench_now_ns();
		fputs(line, out);
		fflush(out);
		/* Messages on stderr share the pipe: skip them up to the acknowledgement or an error. */
		bool got = false;
		while (!got && fgets(reply, sizeof reply, in) && strncmp(reply, "error ", 6) != 0)
			got = strncmp(reply, "ok ", 3) == 0;
		if (!got) {
			fprintf(stderr, "bench_capture: line %zu: %s", n + 1, feof(in) ? "klankbord stopped\n" : reply);
			status = 1;
			break;
		}
		if (n == cap)
			ms = realloc(ms, (cap *= 2) * sizeof *ms);
		ms[n] = (double)(bench_now_ns() - t0) / 1e6;
		total += ms[n++];
	}
	fclose(out);
	int child;
	waitpid(pid, &child, 0);
	double elapsed_ms = (double)(bench_now_ns() - start) / 1e6;
	if (!WIFEXITED(child) || WEXITSTATUS(child) != 0)
		status = 1;
	if (status == 0 && n < 2) {
		fprintf(stderr, "bench_capture: %s has fewer than two lines\n", argv[4]);
		status = 1;
	}
	if (status == 0) {
		/* in the order sent, before the quantiles sort them */
		const char *samples = getenv("BENCH_CAPTURE_SAMPLES");
		FILE *dump = samples ? fopen(samples, "w") : NULL;
		for (size_t i = 0; dump && i < n; i++)
			fprintf(dump, "%zu %.3f\n", i + 1, ms[i]);
		if (dump)
			fclose(dump);
		/* The rate over the time spent waiting for each acknowledgement, and over the
		 * whole run up to the exit, which includes what klankbord derives from the events
		 * after the last line (search index, report counts) before it stops. */
		bench_report("capture_rate", (double)(n - 1) / ((total - ms[0]) / 1e3), "lines/s");
		bench_report("capture_total_rate", (double)(n - 1) / ((elapsed_ms - ms[0]) / 1e3), "lines/s");
		bench_report("capture_first", ms[0], "ms");
		bench_report("capture_p50", bench_quantile(ms + 1, n - 1, 0.5), "ms");
		bench_report("capture_p99", bench_quantile(ms + 1, n - 1, 0.99), "ms");
		bench_report("capture_max", bench_quantile(ms + 1, n - 1, 1.0), "ms");
	}
	fclose(in);
	fclose(lines);
	free(line);
	free(ms);
	return status;
}
