/* bench_insert: the capture baseline, the disk's limit for a durable line: single-row
 * committed inserts into a table with the schema's FTS5 index and triggers
 * (storage/store_schema.c), on a connection with the store's pragmas (WAL,
 * synchronous=FULL, foreign_keys=ON), and nothing else.
 *
 *   bench_insert DB LINES-FILE
 * inserts each line of the file in its own BEGIN IMMEDIATE ... COMMIT and prints
 * capture_base_rate (lines/s), capture_base_p50, capture_base_p99 and capture_base_max (ms
 * per line). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/bench/bench_util.h"

static int exec_or_die(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench_insert: %s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_insert DB LINES-FILE\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "r");
	if (!in) {
		perror(argv[2]);
		return 1;
	}
	remove(argv[1]);
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	if (exec_or_die(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
		"CREATE TABLE contributions (seq INTEGER PRIMARY KEY, text TEXT NOT NULL);"
		"CREATE VIRTUAL TABLE contributions_fts USING fts5(text, content='contributions', content_rowid='seq',"
		" tokenize='unicode61 remove_diacritics 2');"
		"CREATE TRIGGER contributions_fts_insert AFTER INSERT ON contributions BEGIN"
		" INSERT INTO contributions_fts(rowid, text) VALUES (new.seq, new.text); END;"))
		return 1;
	sqlite3_stmt *begin, *insert, *commit;
	sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO contributions (text) VALUES (?1)", -1, &insert, NULL);
	sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL);
	size_t cap = 1024, n = 0;
	double *ms = malloc(cap * sizeof *ms);
	char *line = NULL;
	size_t line_cap = 0;
	ssize_t len;
	int64_t start = bench_now_ns();
	while ((len = getline(&line, &line_cap, in)) > 0) {
		int64_t t0 = bench_now_ns();
		sqlite3_step(begin);
		sqlite3_reset(begin);
		sqlite3_bind_text(insert, 1, line, (int)len - 1, SQLITE_STATIC);
		int r = sqlite3_step(insert);
		sqlite3_reset(insert);
		if (r != SQLITE_DONE || sqlite3_step(commit) != SQLITE_DONE) {
			fprintf(stderr, "bench_insert: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(commit);
		if (n == cap)
			ms = realloc(ms, (cap *= 2) * sizeof *ms);
		ms[n++] = (double)(bench_now_ns() - t0) / 1e6;
	}
	double seconds = (double)(bench_now_ns() - start) / 1e9;
	bench_report("capture_base_rate", (double)n / seconds, "lines/s");
	bench_report("capture_base_p50", bench_quantile(ms, n, 0.5), "ms");
	bench_report("capture_base_p99", bench_quantile(ms, n, 0.99), "ms");
	/* the slowest commit: what the disk alone gives capture_max to compare with */
	bench_report("capture_base_max", bench_quantile(ms, n, 1.0), "ms");
	sqlite3_finalize(begin);
	sqlite3_finalize(insert);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	free(line);
	free(ms);
	fclose(in);
	return 0;
}
