/* test_store_browse: the history browser's pages (storage/store_browse.c): keyset pages
 * of the sessions, newest first, and of an item's contributions in both directions, their
 * entry numbers across items, the filter, and the items' counts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/agenda.h"
#include "sessions/session.h"
#include "storage/store.h"

struct fixture {
	char dir[512], db[600];
	int64_t now;
	struct store *store;
	struct agenda *agenda;
	struct session *sessions[3];
};

static int64_t fake_now(void *ctx)
{
	return *(const int64_t *)ctx;
}

static void line(struct session *session, const char *text)
{
	struct session_result result = { 0 };
	if (session_apply_line(session, text, strlen(text), &result) != 0)
		fail_msg("refused: %s: %s", text, result.message);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char path[512], err[512], text[128];
	const char *shared = getenv("SHARED"), *tmp = getenv("TEST_TMP");
	struct diag_list diags;
	bool io_error = false;
	snprintf(f->dir, sizeof f->dir, "%s/store-browse.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof f->db, "%s/k.db", f->dir);
	assert_int_equal(store_open(f->db, &f->store, err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/agendas/valid/expert-pool-nijmegen.yaml", shared && shared[0] ? shared : "../shared");
	diag_list_init(&diags);
	f->agenda = agenda_load_file(path, &diags, &io_error);
	diag_list_free(&diags);
	assert_non_null(f->agenda);
	f->now = 1710441000000;
	struct session_clock clock = { fake_now, &f->now };
	for (int s = 0; s < 3; s++) {
		f->now += 86400000;
		if (session_start(f->store, f->agenda, NULL, 0, "test", clock, &f->sessions[s], err, sizeof err))
			fail_msg("session_start: %s", err);
	}
	/* The newest session: 20 on arrival (every fifth an obstacle), 20 on language, 5 more on arrival. */
	struct session *s = f->sessions[2];
	line(s, "/item arrival");
	for (int i = 1; i <= 20; i++) {
		snprintf(text, sizeof text, "E0%d: %sarrival %d #housing", i % 4 + 1, i % 5 == 0 ? "!obstacle " : "", i);
		line(s, text);
	}
	line(s, "/item language");
	for (int i = 21; i <= 40; i++) {
		snprintf(text, sizeof text, "E01: language %d", i);
		line(s, text);
	}
	line(s, "/item arrival");
	for (int i = 41; i <= 45; i++) {
		snprintf(text, sizeof text, "E02: arrival %d", i);
		line(s, text);
	}
	line(s, "/retract 45");
	assert_int_equal(session_settle(s, 1, err, sizeof err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char path[700];
	for (int s = 0; s < 3; s++)
		session_free(f->sessions[s]);
	agenda_free(f->agenda);
	store_close(f->store);
	const char *suffixes[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", f->db, suffixes[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_sessions_pages(void **state)
{
	struct fixture *f = *state;
	struct store_browse_session *rows, *more;
	int n, m;
	char err[512];
	assert_int_equal(store_browse_sessions(f->store, NULL, NULL, STORE_BROWSE_FROM, 2, &rows, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].id, f->sessions[2]->id); /* newest first */
	assert_string_equal(rows[1].id, f->sessions[1]->id);
	assert_int_equal(rows[0].contributions, 44); /* 45, one retracted */
	assert_int_equal(rows[1].contributions, 0);
	assert_string_equal(rows[0].organisation, "Municipality of Nijmegen");
	assert_false(rows[0].ended);
	/* from the second row on: the second and the third */
	assert_int_equal(store_browse_sessions(f->store, NULL, &rows[1].key, STORE_BROWSE_FROM, 5, &more, &m, err,
		sizeof err), 0);
	assert_int_equal(m, 2);
	assert_string_equal(more[0].id, f->sessions[1]->id);
	assert_string_equal(more[1].id, f->sessions[0]->id);
	/* before the oldest: the two newer ones, nearest first */
	struct store_browse_key oldest = more[1].key;
	store_browse_sessions_free(more, m);
	assert_int_equal(store_browse_sessions(f->store, NULL, &oldest, STORE_BROWSE_BEFORE, 5, &more, &m, err,
		sizeof err), 0);
	assert_int_equal(m, 2);
	assert_string_equal(more[0].id, f->sessions[1]->id);
	assert_string_equal(more[1].id, f->sessions[2]->id);
	store_browse_sessions_free(more, m);
	/* before the end: the oldest */
	assert_int_equal(store_browse_sessions(f->store, NULL, NULL, STORE_BROWSE_BEFORE, 1, &more, &m, err, sizeof err), 0);
	assert_int_equal(m, 1);
	assert_string_equal(more[0].id, f->sessions[0]->id);
	store_browse_sessions_free(more, m);
	assert_int_equal(store_browse_sessions(f->store, "Elsewhere", NULL, STORE_BROWSE_FROM, 5, &more, &m, err,
		sizeof err), 0);
	assert_int_equal(m, 0);
	store_browse_sessions_free(more, m);
	store_browse_sessions_free(rows, n);
}

/* The arrival item's entries: 1..20, then 41..45 (the language item's between them). */
static void test_entries_pages(void **state)
{
	struct fixture *f = *state;
	const char *id = f->sessions[2]->id;
	struct store_browse_entry *rows, *back;
	int n, m;
	char err[512];
	assert_int_equal(store_browse_entries(f->store, id, "arrival", NULL, NULL, STORE_BROWSE_FROM, 100, &rows, &n, err,
		sizeof err), 0);
	assert_int_equal(n, 25);
	assert_int_equal(rows[0].number, 1);
	assert_int_equal(rows[19].number, 20);
	assert_int_equal(rows[20].number, 41);
	assert_int_equal(rows[24].number, 45);
	assert_true(rows[24].retracted);
	assert_string_equal(rows[0].text, "arrival 1");
	assert_string_equal(rows[0].codes, "housing");
	assert_string_equal(rows[0].participant, "E02");
	struct store_browse_key at18 = rows[17].key, at41 = rows[20].key;
	store_browse_entries_free(rows, n);
	/* a page from entry 18: 18, 19, 20, 41, 42 */
	assert_int_equal(store_browse_entries(f->store, id, "arrival", NULL, &at18, STORE_BROWSE_FROM, 5, &rows, &n, err,
		sizeof err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(rows[0].number, 18);
	assert_int_equal(rows[3].number, 41);
	assert_int_equal(rows[4].number, 42);
	store_browse_entries_free(rows, n);
	/* before 41, nearest first: 20, 19, 18 */
	assert_int_equal(store_browse_entries(f->store, id, "arrival", NULL, &at41, STORE_BROWSE_BEFORE, 3, &back, &m, err,
		sizeof err), 0);
	assert_int_equal(m, 3);
	assert_int_equal(back[0].number, 20);
	assert_int_equal(back[2].number, 18);
	store_browse_entries_free(back, m);
	/* before the end: 45, 44 */
	assert_int_equal(store_browse_entries(f->store, id, "arrival", NULL, NULL, STORE_BROWSE_BEFORE, 2, &back, &m, err,
		sizeof err), 0);
	assert_int_equal(m, 2);
	assert_int_equal(back[0].number, 45);
	assert_int_equal(back[1].number, 44);
	store_browse_entries_free(back, m);
}

static void test_entries_filter(void **state)
{
	struct fixture *f = *state;
	struct store_browse_entry *rows;
	int n;
	char err[512];
	struct store_browse_filter filter = { .kind = "OBSTACLE" };
	assert_int_equal(store_browse_entries(f->store, f->sessions[2]->id, "arrival", &filter, NULL, STORE_BROWSE_FROM, 100,
		&rows, &n, err, sizeof err), 0);
	assert_int_equal(n, 4); /* 5, 10, 15, 20 */
	assert_int_equal(rows[1].number, 10);
	assert_string_equal(rows[1].kind, "obstacle");
	store_browse_entries_free(rows, n);
	filter = (struct store_browse_filter){ .code = "housing", .participant = "E01" };
	assert_int_equal(store_browse_entries(f->store, f->sessions[2]->id, "arrival", &filter, NULL, STORE_BROWSE_FROM, 100,
		&rows, &n, err, sizeof err), 0);
	assert_int_equal(n, 5); /* i % 4 == 0: 4, 8, 12, 16, 20 */
	assert_int_equal(rows[0].number, 4);
	store_browse_entries_free(rows, n);
}

static void test_items(void **state)
{
	struct fixture *f = *state;
	struct store_browse_item *items;
	int n;
	char err[512];
	assert_int_equal(store_browse_items(f->store, f->sessions[2]->id, &items, &n, err, sizeof err), 0);
	assert_int_equal(n, 6);
	assert_string_equal(items[1].id, "arrival");
	assert_int_equal(items[1].contributions, 24); /* 25, one retracted */
	assert_int_equal(items[2].contributions, 20);
	assert_int_equal(items[2].votes, 0);
	assert_string_equal(items[2].title, "Learning Dutch");
	store_browse_items_free(items, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_pages), cmocka_unit_test(test_entries_pages),
		cmocka_unit_test(test_entries_filter), cmocka_unit_test(test_items),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
