/* test_search_query: a search query as a person types it, made into FTS5's MATCH
 * expression (storage/search_query.h): what each kind of query becomes, what is refused
 * and with which words, and that FTS5 accepts every expression made (a consultant never
 * meets FTS5's own syntax errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "storage/search_query.h"

static void assert_expression(const char *query, const char *expected)
{
	char *out = NULL, err[256] = "";
	bool codes_or_kind = true;
	int rc = search_query_expression(query, &out, &codes_or_kind, err, sizeof err);
	if (rc != 0)
		fail_msg("\"%s\" refused: %s", query, err);
	if (codes_or_kind != (strstr(expected, "codes : ") || strstr(expected, "kind : ")))
		fail_msg("\"%s\": %s filter on codes or kind", query, codes_or_kind ? "a" : "no");
	assert_non_null(out);
	if (strcmp(out, expected) != 0)
		fail_msg("\"%s\" became %s, not %s", query, out, expected);
	free(out);
}

static void assert_refused(const char *query, const char *message)
{
	char *out = (char *)"unchanged", err[256] = "";
	bool codes_or_kind;
	assert_int_equal(search_query_expression(query, &out, &codes_or_kind, err, sizeof err), EX_DATAERR);
	assert_null(out);
	if (strcmp(err, message) != 0)
		fail_msg("\"%s\": %s, not %s", query, err, message);
}

/* Words with punctuation in them are searched for as written: quoted, never FTS5 syntax. */
static void test_words_with_punctuation(void **state)
{
	(void)state;
	assert_expression("housing", "\"housing\"");
	assert_expression("re-integratie", "\"re-integratie\"");
	assert_expression("e-mail", "\"e-mail\"");
	assert_expression("1.5", "\"1.5\"");
	assert_expression("9:30", "\"9:30\"");
	assert_expression("#housing", "\"#housing\"");
	assert_expression("wmo/jeugd", "\"wmo/jeugd\"");
	assert_expression("lessen?", "\"lessen?\"");
	assert_expression("it's", "\"it's\"");
	assert_expression("-a", "\"-a\"");              /* FTS5: every column but a */
	assert_expression("^first +second", "\"^first\" AND \"+second\"");
	assert_expression("E03:", "\"E03:\"");          /* FTS5: a column filter */
	assert_expression("note:housing", "\"note:housing\""); /* not a column of the index */
	assert_expression("NEAR(a b)", "\"NEAR\" AND (\"a\" AND \"b\")");
	assert_expression("انتظرت طويلا", "\"انتظرت\" AND \"طويلا\"");
	assert_expression("临时住所", "\"临时住所\"");
	assert_expression("  housing\t\r\n", "\"housing\"");
}

/* What the help describes: phrases, prefixes, OR, AND, NOT, parentheses. */
static void test_query_language(void **state)
{
	(void)state;
	assert_expression("language lessons", "\"language\" AND \"lessons\"");
	assert_expression("\"language lessons\"", "\"language lessons\"");
	assert_expression("\"re-integratie (cursus)\"", "\"re-integratie (cursus)\"");
	assert_expression("lang*", "\"lang\"*");
	assert_expression("re-integr*", "\"re-integr\"*");
	assert_expression("\"language les\"*", "\"language les\"*");
	assert_expression("housing OR rent", "\"housing\" OR \"rent\"");
	assert_expression("housing AND rent", "\"housing\" AND \"rent\"");
	assert_expression("housing NOT rent", "\"housing\" NOT \"rent\"");
	assert_expression("(course OR wait) e-mail", "(\"course\" OR \"wait\") AND \"e-mail\"");
	assert_expression("a (b OR c)", "\"a\" AND (\"b\" OR \"c\")");
	assert_expression("((a))", "((\"a\"))");
	/* column filters, on a word, a phrase, a prefix or a group */
	assert_expression("codes:housing", "codes : \"housing\"");
	assert_expression("kind:idea lessons", "kind : \"idea\" AND \"lessons\"");
	assert_expression("lessons Text:wait*", "\"lessons\" AND Text : \"wait\"*");
	assert_expression("text:\"long wait\"", "text : \"long wait\"");
	assert_expression("codes: housing", "codes : \"housing\"");
	assert_expression("codes:(work OR housing)", "codes : (\"work\" OR \"housing\")");
	assert_expression("codes:re-integratie", "codes : \"re-integratie\"");
	/* operators are upper case; otherwise they are words */
	assert_expression("not or and", "\"not\" AND \"or\" AND \"and\"");
	assert_expression("ORANGE NOTE", "\"ORANGE\" AND \"NOTE\"");
	/* a lone * or a word of punctuation among words is kept: FTS5 finds nothing for it */
	assert_expression("housing *", "\"housing\" AND \"\"");
	assert_expression("housing - rent", "\"housing\" AND \"-\" AND \"rent\"");
}

static void test_refused(void **state)
{
	(void)state;
	assert_refused("\"unclosed", "the double quote at character 1 is not closed");
	assert_refused("a \"b\" \"c", "the double quote at character 7 is not closed");
	assert_refused("a AND", "AND at character 3 needs a word after it (housing AND rent)");
	assert_refused("NOT a", "NOT at character 1 needs a word before it (housing NOT rent)");
	assert_refused("a OR OR b", "OR at character 6 needs a word before it (housing OR rent)");
	assert_refused("(OR a)", "OR at character 2 needs a word before it (housing OR rent)");
	assert_refused("(a OR) b", "OR at character 4 needs a word after it (housing OR rent)");
	assert_refused("a)", "the \")\" at character 2 closes no \"(\"");
	assert_refused("(a", "the \"(\" at character 1 is not closed");
	assert_refused("(a (b)", "the \"(\" at character 1 is not closed");
	assert_refused("a ()", "the parentheses at character 3 hold no word");
	assert_refused("codes:", "codes: at character 1 needs a word after it (codes:housing)");
	assert_refused("a kind: OR b", "kind: at character 3 needs a word after it (kind:idea)");
	assert_refused("(kind:) a", "kind: at character 2 needs a word after it (kind:idea)");
	assert_refused("kind: codes:x", "kind: at character 1 needs a word after it (kind:idea)");
	assert_refused("?!", "it holds no word to search for, only punctuation");
	assert_refused("\"\"", "it holds no word to search for, only punctuation");
	assert_refused("* - :", "it holds no word to search for, only punctuation");
	/* characters, not bytes: four Arabic letters and a space come before NOT */
	assert_refused("تعلم NOT", "NOT at character 6 needs a word after it (housing NOT rent)");
	char deep[SEARCH_QUERY_DEPTH_MAX + 3];
	memset(deep, '(', SEARCH_QUERY_DEPTH_MAX + 1);
	strcpy(deep + SEARCH_QUERY_DEPTH_MAX + 1, "a");
	assert_refused(deep, "parentheses are nested more than 32 deep at character 33");
}

/* A message too small for its buffer is cut, and still a string. */
static void test_small_buffer(void **state)
{
	(void)state;
	char *out = NULL, err[12];
	bool codes_or_kind;
	assert_int_equal(search_query_expression("a AND", &out, &codes_or_kind, err, sizeof err), EX_DATAERR);
	assert_null(out);
	assert_true(strlen(err) < sizeof err);
	assert_int_equal(search_query_expression("a AND", &out, &codes_or_kind, NULL, 0), EX_DATAERR);
}

/* Queries made of FTS5's syntax and punctuation, thousands of them: each is refused with
 * a message of ours, or its expression is one FTS5 accepts. */
static void test_fts5_accepts_every_expression(void **state)
{
	(void)state;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"CREATE VIRTUAL TABLE t USING fts5(text, codes, kind, tokenize='unicode61 remove_diacritics 2');"
		"INSERT INTO t VALUES ('re-integratie by e-mail at 9:30', 'work', 'obstacle');", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &stmt, NULL), SQLITE_OK);
	static const char *const pieces[] = { "a", "e-mail", "OR", "AND", "NOT", "NEAR", "(", ")", "\"", "*", "-", ":",
		"^", "+", ",", ".", "text:", "codes:x", "kind:", "{a b}:", "'", "#work", " ", "9:30", "تعلم", "临时" };
	enum { PIECES = sizeof pieces / sizeof pieces[0], QUERIES = 20000 };
	uint32_t seed = 12345;
	int accepted = 0, refused = 0;
	for (int i = 0; i < QUERIES; i++) {
		char query[256] = "";
		int n = 1 + (int)(seed % 7);
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(query, pieces[(seed >> 16) % PIECES]);
			if ((seed >> 8) % 3)
				strcat(query, " ");
		}
		char *out = NULL, err[256] = "";
		bool codes_or_kind;
		int rc = search_query_expression(query, &out, &codes_or_kind, err, sizeof err);
		if (rc == EX_DATAERR) {
			if (!err[0])
				fail_msg("\"%s\" refused without a message", query);
			refused++;
			continue;
		}
		assert_int_equal(rc, 0);
		sqlite3_bind_text(stmt, 1, out, -1, SQLITE_TRANSIENT);
		int r = sqlite3_step(stmt);
		if (r != SQLITE_ROW)
			fail_msg("\"%s\" became %s, which FTS5 refuses: %s", query, out, sqlite3_errmsg(db));
		sqlite3_reset(stmt);
		free(out);
		accepted++;
	}
	/* both kinds were met, or the pieces above test nothing */
	assert_true(accepted > QUERIES / 10);
	assert_true(refused > QUERIES / 10);
	/* and what the expressions find is what a reader of the text expects */
	static const struct { const char *query; int found; } finds[] = {
		{ "re-integratie", 1 }, { "e-mail", 1 }, { "9:30", 1 }, { "#work", 1 }, { "obstacle", 1 },
		{ "integratie re", 1 }, { "\"integratie re\"", 0 }, { "re-int*", 1 }, { "e-mail NOT work", 0 },
		{ "(letters OR e-mail) 9:30", 1 }, { "letters", 0 }, { "codes:work", 1 }, { "kind:work", 0 },
		{ "text:obstacle", 0 }, { "kind:obstacle e-mail", 1 }, { "codes:(housing OR work)", 1 },
	};
	for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
		char *out = NULL, err[256];
		bool codes_or_kind;
		assert_int_equal(search_query_expression(finds[i].query, &out, &codes_or_kind, err, sizeof err), 0);
		sqlite3_bind_text(stmt, 1, out, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
		if (sqlite3_column_int(stmt, 0) != finds[i].found)
			fail_msg("\"%s\" (%s) found %d, not %d", finds[i].query, out, sqlite3_column_int(stmt, 0), finds[i].found);
		sqlite3_reset(stmt);
		free(out);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_with_punctuation),
		cmocka_unit_test(test_query_language),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_small_buffer),
		cmocka_unit_test(test_fts5_accepts_every_expression),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
