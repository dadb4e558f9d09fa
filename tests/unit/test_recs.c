/* test_recs: the recommendations register as a consultant sees it: both kinds of
 * recommendation are entries, a status changes only by appending (oldest first, the
 * newest wins), a prefix names one or is refused, bad statuses are refused, the database
 * itself refuses an update or delete of a change, and erasure takes the changes along. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "config/rec_status.h"
#include "sessions/event.h"
#include "sessions/recs.h"
#include "sessions/uuid.h"
#include "storage/store.h"

#define OK(call) do { int rc_ = (call); if (rc_ != 0) fail_msg("%s returned %d: %s", #call, rc_, err); } while (0)

/* Two /recommend ids that share their first four characters, for the prefix tests. */
#define REC_A "aaaa1111-0000-4000-8000-000000000001"
#define REC_B "aaaa2222-0000-4000-8000-000000000002"
#define REC_C "cccc3333-0000-4000-8000-000000000003"

struct fixture {
	char dir[256];
	char path[300];
	struct store *store;
	char s1[UUID_TEXT_LEN + 1], s2[UUID_TEXT_LEN + 1];
	char contribution[UUID_TEXT_LEN + 1], retracted[UUID_TEXT_LEN + 1];
};

static void add_session(struct store *store, const char *id, const char *organisation, int64_t started_ms)
{
	char err[512];
	struct store_session_row row = { .id = id, .title = "Evening", .organisation = organisation, .console = "test",
		.agenda_yaml = "session: {title: Evening}", .agenda_len = 25, .started_ms = started_ms };
	OK(store_insert_session(store, &row, err, sizeof err));
	OK(store_insert_item(store, id, "round", 0, "One round", 300, err, sizeof err));
	struct store_participant_row p = { .session = id, .id = "E01", .role = "expert" };
	OK(store_insert_participant(store, &p, err, sizeof err));
}

static int64_t append(struct store *store, const char *session, const char *type, const char *payload)
{
	char err[512];
	int64_t seq = 0;
	OK(store_append_event(store, session, 5, "c", type, payload, &seq, err, sizeof err));
	return seq;
}

static void add_recommend(struct store *store, const char *session, const char *id, const char *text)
{
	char err[512], payload[512];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"item\":\"round\",\"text\":\"%s\"}", id, text);
	int64_t seq = append(store, session, EVENT_TYPE_RECOMMENDATION, payload);
	OK(store_insert_recommendation(store, seq, id, session, "round", text, err, sizeof err));
}

static void add_contribution(struct store *store, const char *session, const char *id, const char *kind,
	const char *text)
{
	char payload[512];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"item\":\"round\",\"participant\":\"E01\",\"kind\":\"%s\","
		"\"text\":\"%s\",\"tags\":[]}", id, kind, text);
	append(store, session, EVENT_TYPE_CONTRIBUTION, payload);
}

/* s1 (Gemeente Nijmegen, started first): REC_A, REC_B and a contribution of kind
 * recommendation by E01, and one retracted; s2 (gemeente nijmegen, later): REC_C. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[512];
	const char *tmp = getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp";
	snprintf(f->dir, sizeof f->dir, "%s/test_recs.XXXXXX", tmp);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/klankbord.db", f->dir);
	assert_true(uuid_v4(f->s1) && uuid_v4(f->s2) && uuid_v4(f->contribution) && uuid_v4(f->retracted));
	OK(store_open(f->path, &f->store, err, sizeof err));
	OK(store_begin(f->store, err, sizeof err));
	add_session(f->store, f->s1, "Gemeente Nijmegen", 1000);
	add_session(f->store, f->s2, "gemeente nijmegen", 5000);
	add_recommend(f->store, f->s1, REC_A, "start language lessons earlier");
	add_recommend(f->store, f->s1, REC_B, "one contact person");
	add_contribution(f->store, f->s1, f->contribution, "recommendation", "informal courses");
	add_contribution(f->store, f->s1, f->retracted, "recommendation", "taken back");
	char payload[256];
	snprintf(payload, sizeof payload, "{\"contribution\":\"%s\",\"ref\":1,\"undo\":false}", f->retracted);
	append(f->store, f->s1, EVENT_TYPE_RETRACT, payload);
	add_contribution(f->store, f->s1, "0e0e0e0e-0000-4000-8000-00000000000e", "idea", "not a recommendation");
	add_recommend(f->store, f->s2, REC_C, "report back every three months");
	OK(store_end_session(f->store, f->s1, 2000, err, sizeof err));
	OK(store_end_session(f->store, f->s2, 6000, err, sizeof err));
	OK(store_commit(f->store, err, sizeof err));
	OK(store_project(f->store, NULL, err, sizeof err));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->store);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static const struct store_rec *find(const struct store_rec *recs, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(recs[i].id, id) == 0)
			return &recs[i];
	return NULL;
}

static void test_vocabulary(void **state)
{
	(void)state;
	enum rec_status s;
	assert_string_equal(rec_status_list(), "open, accepted, in-progress, done, declined");
	assert_true(rec_status_parse("in-progress", &s));
	assert_int_equal(s, REC_IN_PROGRESS);
	assert_string_equal(rec_status_name(REC_DECLINED), "declined");
	assert_false(rec_status_parse("Accepted", &s));
	assert_false(rec_status_parse("", &s));
	assert_false(rec_status_parse(NULL, &s));
}

/* Both kinds are entries, retracted ones are not, ideas are not; all open at first. */
static void test_entries(void **state)
{
	struct fixture *f = *state;
	char err[512];
	struct store_rec *recs;
	int n;
	OK(store_recs_list(f->store, NULL, &recs, &n, err, sizeof err));
	assert_int_equal(n, 4);
	assert_string_equal(recs[0].id, REC_A); /* s1 first (day, start, seq) */
	assert_string_equal(recs[1].id, REC_B);
	assert_string_equal(recs[2].id, f->contribution);
	assert_false(recs[2].recommend);
	assert_string_equal(recs[2].text, "informal courses");
	assert_string_equal(recs[3].id, REC_C);
	assert_true(recs[3].recommend);
	assert_string_equal(recs[3].organisation, "gemeente nijmegen");
	assert_string_equal(recs[3].item, "round");
	for (int i = 0; i < n; i++) {
		assert_int_equal(recs[i].status, REC_OPEN);
		assert_int_equal(recs[i].n_history, 0);
	}
	assert_null(find(recs, n, f->retracted));
	store_recs_free(recs, n);
}

/* Changes append; the history is oldest first (by time, then as written); the newest is the status. */
static void test_history(void **state)
{
	struct fixture *f = *state;
	char err[512], id[STORE_UUID_LEN + 1] = "";
	OK(recs_set_status(f->store, "aaaa1", "accepted", "lessons within 4 weeks", "consultant", 20000, id, err,
		sizeof err));
	assert_string_equal(id, REC_A);
	OK(recs_set_status(f->store, "aaaa1", "done", NULL, "consultant", 40000, NULL, err, sizeof err));
	OK(recs_set_status(f->store, "aaaa1", "in-progress", "started", "wethouder", 30000, NULL, err, sizeof err));
	OK(recs_set_status(f->store, f->contribution, "declined", "no budget", "consultant", 0, NULL, err, sizeof err));
	struct store_rec *recs;
	int n;
	OK(store_recs_list(f->store, NULL, &recs, &n, err, sizeof err));
	const struct store_rec *a = find(recs, n, REC_A), *c = find(recs, n, f->contribution);
	assert_non_null(a);
	assert_int_equal(a->n_history, 3);
	assert_int_equal(a->history[0].status, REC_ACCEPTED);
	assert_string_equal(a->history[0].note, "lessons within 4 weeks");
	assert_int_equal(a->history[0].at_ms, 20000);
	assert_int_equal(a->history[1].status, REC_IN_PROGRESS);
	assert_string_equal(a->history[1].by, "wethouder");
	assert_int_equal(a->history[2].status, REC_DONE);
	assert_string_equal(a->history[2].note, "");
	assert_int_equal(a->status, REC_DONE);
	assert_true(uuid_valid_v4(a->history[0].id));
	assert_string_not_equal(a->history[0].id, a->history[1].id);
	assert_int_equal(c->status, REC_DECLINED);
	assert_true(c->history[0].at_ms > 1700000000000); /* 0 is now */
	assert_int_equal(find(recs, n, REC_B)->status, REC_OPEN);
	store_recs_free(recs, n);

	/* the same entry through the filters */
	struct store_rec_filter only = { .by_status = true, .status = REC_OPEN };
	OK(store_recs_list(f->store, &only, &recs, &n, err, sizeof err));
	assert_int_equal(n, 2);
	assert_string_equal(recs[0].id, REC_B);
	assert_string_equal(recs[1].id, REC_C);
	store_recs_free(recs, n);
	struct store_rec_filter one = { .id = REC_A };
	OK(store_recs_list(f->store, &one, &recs, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_int_equal(recs[0].n_history, 3);
	store_recs_free(recs, n);
}

/* Organisation case-insensitively, earlier sessions only (the follow-up's question). */
static void test_filter_organisation_and_earlier(void **state)
{
	struct fixture *f = *state;
	char err[512];
	struct store_rec *recs;
	int n;
	struct store_rec_filter org = { .organisation = "GEMEENTE NIJMEGEN" };
	OK(store_recs_list(f->store, &org, &recs, &n, err, sizeof err));
	assert_int_equal(n, 4);
	store_recs_free(recs, n);
	struct store_rec_filter earlier = { .organisation = "Gemeente Nijmegen", .started_before_ms = 5000 };
	OK(store_recs_list(f->store, &earlier, &recs, &n, err, sizeof err));
	assert_int_equal(n, 3);
	assert_null(find(recs, n, REC_C));
	store_recs_free(recs, n);
	struct store_rec_filter other = { .organisation = "Utrecht" };
	OK(store_recs_list(f->store, &other, &recs, &n, err, sizeof err));
	assert_int_equal(n, 0);
	store_recs_free(recs, n);
	struct store_rec_filter session = { .session = f->s2 };
	OK(store_recs_list(f->store, &session, &recs, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_string_equal(recs[0].id, REC_C);
	store_recs_free(recs, n);
}

static void test_prefixes(void **state)
{
	struct fixture *f = *state;
	char err[512] = "", id[STORE_UUID_LEN + 1];
	OK(store_rec_find(f->store, "aaaa2", id, err, sizeof err));
	assert_string_equal(id, REC_B);
	OK(store_rec_find(f->store, f->contribution, id, err, sizeof err));
	assert_string_equal(id, f->contribution);
	assert_int_equal(store_rec_find(f->store, "aaaa", id, err, sizeof err), EX_USAGE);
	assert_non_null(strstr(err, "more than one recommendation id starts with \"aaaa\""));
	assert_int_equal(store_rec_find(f->store, "ffff", id, err, sizeof err), EX_NOINPUT);
	assert_non_null(strstr(err, "no recommendation with an id starting with \"ffff\""));
	/* a retracted recommendation and an idea are not in the register */
	assert_int_equal(store_rec_find(f->store, f->retracted, id, err, sizeof err), EX_NOINPUT);
	assert_int_equal(store_rec_find(f->store, "0e0e0e0e", id, err, sizeof err), EX_NOINPUT);
	/* sessions are still found by their prefix, with the same words */
	char s[STORE_UUID_LEN + 1];
	OK(store_find_session(f->store, f->s1, s, err, sizeof err));
	assert_int_equal(store_find_session(f->store, "zz", s, err, sizeof err), EX_NOINPUT);
	assert_non_null(strstr(err, "no session with an id starting with \"zz\""));
	assert_int_equal(store_find_session(f->store, "", s, err, sizeof err), EX_USAGE);
	assert_non_null(strstr(err, "more than one session id starts with"));
}

static int history_count(struct fixture *f)
{
	char err[512];
	struct store_rec *recs;
	int n, total = 0;
	OK(store_recs_list(f->store, NULL, &recs, &n, err, sizeof err));
	for (int i = 0; i < n; i++)
		total += recs[i].n_history;
	store_recs_free(recs, n);
	return total;
}

static void test_bad_input(void **state)
{
	struct fixture *f = *state;
	char err[512] = "";
	assert_int_equal(recs_set_status(f->store, "aaaa1", "finished", NULL, "me", 0, NULL, err, sizeof err), EX_USAGE);
	assert_non_null(strstr(err, "unknown status \"finished\""));
	assert_non_null(strstr(err, "open, accepted, in-progress, done, declined"));
	assert_int_equal(recs_set_status(f->store, "aaaa1", "done", NULL, "", 0, NULL, err, sizeof err), EX_USAGE);
	assert_int_equal(recs_set_status(f->store, "aaaa", "done", NULL, "me", 0, NULL, err, sizeof err), EX_USAGE);
	assert_int_equal(recs_set_status(f->store, "ffff", "done", NULL, "me", 0, NULL, err, sizeof err), EX_NOINPUT);
	/* the store itself refuses a change of nothing, and a write outside a transaction */
	struct store_rec_change_row row = { .id = "x", .recommendation = "nothing", .at_ms = 1, .status = REC_DONE,
		.by = "me" };
	OK(store_begin(f->store, err, sizeof err));
	assert_int_equal(store_insert_rec_change(f->store, &row, err, sizeof err), EX_NOINPUT);
	row.recommendation = REC_A;
	row.status = (enum rec_status)REC_STATUS_COUNT;
	assert_int_equal(store_insert_rec_change(f->store, &row, err, sizeof err), EX_DATAERR);
	store_rollback(f->store);
	row.status = REC_DONE;
	assert_int_equal(store_insert_rec_change(f->store, &row, err, sizeof err), EX_SOFTWARE);
	assert_int_equal(history_count(f), 0);
}

/* The words of config/rec_status.h and the table's CHECK agree; the triggers refuse any
 * update or delete of a change. */
static void test_append_only(void **state)
{
	struct fixture *f = *state;
	char err[512];
	for (int s = 0; s < REC_STATUS_COUNT; s++)
		OK(recs_set_status(f->store, REC_B, rec_status_name((enum rec_status)s), "note", "me", 1000 + s, NULL, err,
			sizeof err));
	assert_int_equal(history_count(f), REC_STATUS_COUNT);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE recommendation_status SET note = 'rewritten'", NULL, NULL, NULL),
		SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_equal(sqlite3_exec(db, "DELETE FROM recommendation_status", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO recommendation_status (id, recommendation, at, status, changed_by)"
		" VALUES ('x', '" REC_B "', 1, 'finished', 'me')", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	/* a register without its rule is tampering: refused to a console */
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER recommendation_status_no_delete", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	store_close(f->store);
	f->store = NULL;
	assert_int_equal(store_open(f->path, &f->store, err, sizeof err), EX_DATAERR);
	assert_non_null(strstr(err, "recommendation_status_no_delete"));
	assert_non_null(strstr(err, "recommendations register append-only"));
	f->store = NULL;
}

/* Erasing a participant takes the changes of their recommendations along; erasing a
 * session takes every change of its recommendations; the rest stays, and the file
 * passes the full opening check afterwards (the triggers are back as they were). */
static void test_erasure(void **state)
{
	struct fixture *f = *state;
	char err[512];
	OK(recs_set_status(f->store, REC_A, "accepted", "a", "me", 1, NULL, err, sizeof err));
	OK(recs_set_status(f->store, f->contribution, "accepted", "c", "me", 2, NULL, err, sizeof err));
	OK(recs_set_status(f->store, REC_C, "done", "s2", "me", 3, NULL, err, sizeof err));
	struct store_erased erased = { 0 };
	OK(store_begin(f->store, err, sizeof err));
	OK(store_erase_begin(f->store, err, sizeof err));
	OK(store_erase_participant(f->store, f->s1, "E01", "session: {title: Evening}", 25, &erased, err, sizeof err));
	OK(store_erase_end(f->store, err, sizeof err));
	append(f->store, f->s1, EVENT_TYPE_ERASURE, "{\"scope\":\"participant\",\"participant\":\"E01\"}");
	OK(store_commit(f->store, err, sizeof err));
	assert_int_equal(history_count(f), 2);
	char id[STORE_UUID_LEN + 1];
	assert_int_equal(store_rec_find(f->store, f->contribution, id, err, sizeof err), EX_NOINPUT);

	OK(store_begin(f->store, err, sizeof err));
	OK(store_erase_begin(f->store, err, sizeof err));
	OK(store_erase_session(f->store, f->s1, 9000, &erased, err, sizeof err));
	OK(store_erase_end(f->store, err, sizeof err));
	append(f->store, f->s1, EVENT_TYPE_ERASURE, "{\"scope\":\"session\"}");
	OK(store_commit(f->store, err, sizeof err));
	struct store_rec *recs;
	int n;
	OK(store_recs_list(f->store, NULL, &recs, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_string_equal(recs[0].id, REC_C);
	assert_int_equal(recs[0].n_history, 1);
	store_recs_free(recs, n);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM recommendation_status", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 1); /* nothing of s1 is left in the table */
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM recommendation_status", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(db);
	store_close(f->store);
	f->store = NULL;
	OK(store_open_checked(f->path, STORE_CHECK_FULL, &f->store, err, sizeof err));
	assert_null(store_notice(f->store));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test_setup_teardown(test_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_organisation_and_earlier, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefixes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erasure, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
