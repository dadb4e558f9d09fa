/* fuzz_search: libFuzzer harness for the search query (storage/search_query.h). Any
 * bytes are refused with a message (EX_DATAERR, valid UTF-8 when the query was) or made
 * into an expression that a real FTS5 table, with the search index's columns and
 * tokenizer, accepts: a consultant never meets FTS5's own syntax errors. Aborts on the
 * first input that breaks a rule. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "storage/search_query.h"
#include "tests/fuzz/fuzz_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One FTS5 table for the whole run, as search_index is made (storage/store_schema.c). */
static sqlite3_stmt *match_statement(void)
{
	static sqlite3 *db;
	static sqlite3_stmt *stmt;
	if (!stmt && (sqlite3_open(":memory:", &db) != SQLITE_OK
		|| sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(text, codes, kind,"
			" tokenize='unicode61 remove_diacritics 2');"
			"INSERT INTO t VALUES ('re-integratie by e-mail at 9:30', 'work housing', 'obstacle');",
			NULL, NULL, NULL) != SQLITE_OK
		|| sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &stmt, NULL) != SQLITE_OK))
		abort();
	return stmt;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *query = malloc(size + 1);
	if (!query)
		return 0;
	memcpy(query, data, size);
	query[size] = '\0'; /* a NUL inside ends the query, as on a command line */
	char *expression = NULL, err[256] = "";
	bool codes_or_kind;
	int rc = search_query_expression(query, &expression, &codes_or_kind, err, sizeof err);
	if (rc == EX_DATAERR) {
		if (!err[0] || expression || (fuzz_valid_utf8(query, strlen(query)) && !fuzz_valid_utf8(err, strlen(err))))
			abort();
	} else if (rc == 0) {
		sqlite3_stmt *stmt = match_statement();
		sqlite3_bind_text(stmt, 1, expression, -1, SQLITE_STATIC);
		int step = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		if (step != SQLITE_ROW)
			abort();
	} else {
		abort();
	}
	free(expression);
	free(query);
	return 0;
}
