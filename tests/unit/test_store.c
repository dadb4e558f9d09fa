/* test_store: the SQLite store as a user of the database file sees it: where files go and
 * with which permissions, what a connection runs with, which files are refused (and left
 * alone), full-text search kept in step with edits, and the keys it hands out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "sessions/json.h"
#include "sessions/store.h"
#include "sessions/uuid.h"

/* Fails the test with the store's message when a call does not return 0. */
#define OK(call) do { int rc_ = (call); if (rc_ != 0) fail_msg("%s returned %d: %s", #call, rc_, err); } while (0)

struct fixture {
	char dir[256];
	char path[300];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp";
	snprintf(f->dir, sizeof f->dir, "%s/test_store.XXXXXX", tmp);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/a/b/klankbord.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static int mode_of(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	return (int)(st.st_mode & 0777);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *buf = malloc(1 << 16);
	*len = fread(buf, 1, 1 << 16, fp);
	fclose(fp);
	return buf;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

static void test_open_creates_private_files(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512] = "";
	int rc = store_open(f->path, &store, err, sizeof err);
	assert_int_equal(rc, 0);
	char dir[300];
	snprintf(dir, sizeof dir, "%s/a", f->dir);
	assert_int_equal(mode_of(dir), 0700);
	snprintf(dir, sizeof dir, "%s/a/b", f->dir);
	assert_int_equal(mode_of(dir), 0700);
	assert_int_equal(mode_of(f->path), 0600);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", f->path);
	assert_int_equal(mode_of(side), 0600);
	snprintf(side, sizeof side, "%s-shm", f->path);
	assert_int_equal(mode_of(side), 0600);
	assert_string_equal(store_path(store), f->path);
	store_close(store);
	/* Opening again finds its own database. */
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	store_close(store);
	store_close(NULL);
}

/* A pragma's value as a second connection (not the store's) reads it. */
static char *other_connection_pragma(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *value = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return value;
}

/* What the file keeps: WAL mode, our application id, our schema version. */
static void test_pragmas_in_effect(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	store_close(store);
	char *mode = other_connection_pragma(f->path, "PRAGMA journal_mode");
	char *app = other_connection_pragma(f->path, "PRAGMA application_id");
	char *version = other_connection_pragma(f->path, "PRAGMA user_version");
	assert_string_equal(mode, "wal");
	assert_int_equal(atoi(app), STORE_APPLICATION_ID);
	assert_int_equal(atoi(version), STORE_SCHEMA_VERSION);
	free(mode);
	free(app);
	free(version);
}

/* foreign_keys, synchronous and the busy timeout are per connection: read them back from
 * the store's own connection, and see a foreign key refuse a write. */
static void test_connection_pragmas(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	int64_t fk = -1, sync = -1, timeout = -1;
	assert_int_equal(store_pragma_int(store, STORE_PRAGMA_FOREIGN_KEYS, &fk, err, sizeof err), 0);
	assert_int_equal(store_pragma_int(store, STORE_PRAGMA_SYNCHRONOUS, &sync, err, sizeof err), 0);
	assert_int_equal(store_pragma_int(store, STORE_PRAGMA_BUSY_TIMEOUT, &timeout, err, sizeof err), 0);
	assert_int_equal(fk, 1);
	assert_int_equal(sync, 2);
	assert_true(timeout >= 5000);
	/* A contribution for a session that does not exist breaks a foreign key. */
	assert_int_equal(store_begin(store, err, sizeof err), 0);
	int64_t seq = 0;
	int rc = store_append_event(store, "no-such-session", 1, "test", "note", "{}", &seq, err, sizeof err);
	assert_int_equal(rc, EX_DATAERR);
	assert_non_null(strstr(err, f->path));
	store_rollback(store);
	/* Writing outside a transaction is refused. */
	rc = store_append_event(store, "x", 1, "test", "note", "{}", &seq, err, sizeof err);
	assert_int_not_equal(rc, 0);
	store_close(store);
}

static void assert_refused_unchanged(const char *path, const char *expect)
{
	size_t before_len, after_len;
	char *before = read_file(path, &before_len);
	struct store *store = (struct store *)1;
	char err[512] = "";
	assert_int_equal(store_open(path, &store, err, sizeof err), EX_DATAERR);
	assert_null(store);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, expect));
	char *after = read_file(path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
	char side[400];
	snprintf(side, sizeof side, "%s-wal", path);
	assert_int_not_equal(access(side, F_OK), 0);
}

static void test_text_file_refused(void **state)
{
	struct fixture *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/notes.txt", f->dir);
	const char text[] = "shopping list: bread, tea\n";
	write_file(path, text, sizeof text - 1);
	assert_refused_unchanged(path, "not a klankbord database");
}

static void test_foreign_sqlite_refused(void **state)
{
	struct fixture *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/other.db", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('soup');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_refused_unchanged(path, "another program");
}

/* Our mark on a database without our tables. */
static void test_marked_foreign_schema_refused(void **state)
{
	struct fixture *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/marked.db", f->dir);
	sqlite3 *db;
	char sql[200];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d; CREATE TABLE recipes(name TEXT);",
		STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_refused_unchanged(path, "has no table sessions");
}

static void test_damaged_file_refused(void **state)
{
	struct fixture *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/damaged.db", f->dir);
	/* An SQLite header followed by garbage. */
	char junk[4096];
	memset(junk, 0x5a, sizeof junk);
	memcpy(junk, "SQLite format 3", 16);
	write_file(path, junk, sizeof junk);
	size_t len;
	char *before = read_file(path, &len);
	struct store *store;
	char err[512] = "";
	assert_int_equal(store_open(path, &store, err, sizeof err), EX_DATAERR);
	assert_non_null(strstr(err, path));
	size_t len2;
	char *after = read_file(path, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(before, after, len);
	free(before);
	free(after);
}

static void test_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	store_close(store);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, &store, err, sizeof err), EX_DATAERR);
	assert_non_null(strstr(err, "newer klankbord"));
	assert_non_null(strstr(err, "99"));
}

static void add_session(struct store *store, const char *id)
{
	char err[512];
	struct store_session_row row = { .id = id, .title = "Evening", .console = "test",
		.agenda_yaml = "session: {title: Evening}", .agenda_len = 25, .started_ms = 1000 };
	OK(store_insert_session(store, &row, err, sizeof err));
	OK(store_insert_item(store, id, "round", 0, "One round", 300, err, sizeof err));
	struct store_participant_row p = { .session = id, .id = "E01", .role = "expert" };
	OK(store_insert_participant(store, &p, err, sizeof err));
}

static void test_fts_follows_edits(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	char sid[UUID_TEXT_LEN + 1], cid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	assert_true(uuid_v4(cid));
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	assert_int_equal(store_begin(store, err, sizeof err), 0);
	add_session(store, sid);
	int64_t seq;
	assert_int_equal(store_append_event(store, sid, 2000, "test", "contribution", "{}", &seq, err, sizeof err), 0);
	const char *tags[] = { "language" };
	struct store_contribution_row row = { .seq = seq, .id = cid, .session = sid, .item = "round",
		.participant = "E01", .kind = "obstacle", .text = "waited nine months for lessons",
		.console = "test", .tags = tags, .n_tags = 1, .at_ms = 2000 };
	assert_int_equal(store_insert_contribution(store, &row, err, sizeof err), 0);
	assert_int_equal(store_commit(store, err, sizeof err), 0);

	int64_t *found;
	int n;
	assert_int_equal(store_search(store, sid, "months", &found, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(found[0], seq);
	free(found);

	assert_int_equal(store_begin(store, err, sizeof err), 0);
	assert_int_equal(store_edit_contribution(store, cid, "waited a year for a course", NULL, NULL, 0, err, sizeof err), 0);
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	assert_int_equal(store_search(store, sid, "months", &found, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	free(found);
	assert_int_equal(store_search(store, sid, "year", &found, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	free(found);

	struct store_session_info *list;
	assert_int_equal(store_session_list(store, &list, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, sid);
	assert_int_equal(list[0].n_contributions, 1);
	assert_int_equal(list[0].n_participants, 1);
	assert_false(list[0].ended);
	store_session_list_free(list, n);
	store_close(store);
}

static void test_events_append_only_and_iterated(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	char sid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	assert_int_equal(store_begin(store, err, sizeof err), 0);
	add_session(store, sid);
	int64_t s1, s2;
	assert_int_equal(store_append_event(store, sid, 10, "hall", "a", "{\"x\":1}", &s1, err, sizeof err), 0);
	assert_int_equal(store_append_event(store, sid, 20, "side", "b", "{\"x\":2}", &s2, err, sizeof err), 0);
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	assert_true(s2 > s1);

	struct store_events *it;
	struct store_event ev;
	assert_int_equal(store_events_open(store, sid, s1, &it, err, sizeof err), 0);
	assert_int_equal(store_events_next(it, &ev, err, sizeof err), 1);
	assert_int_equal(ev.seq, s2);
	assert_int_equal(ev.at_ms, 20);
	assert_string_equal(ev.console, "side");
	assert_string_equal(ev.type, "b");
	assert_string_equal(ev.payload, "{\"x\":2}");
	assert_int_equal(store_events_next(it, &ev, err, sizeof err), 0);
	store_events_close(it);
	store_events_close(NULL);
	store_close(store);

	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET type = 'z'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_uuids(void **state)
{
	(void)state;
	enum { N = 2000 };
	static char ids[N][UUID_TEXT_LEN + 1];
	for (int i = 0; i < N; i++) {
		assert_true(uuid_v4(ids[i]));
		assert_true(uuid_valid_v4(ids[i]));
		assert_int_equal(ids[i][14], '4');
	}
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			assert_string_not_equal(ids[i], ids[j]);
	assert_false(uuid_valid_v4("not-a-uuid"));
	assert_false(uuid_valid_v4("123e4567-e89b-12d3-a456-426614174000")); /* version 1 */
}

/* Event payloads: what the writer escapes, the reader gives back byte for byte. */
static void test_json_round_trip(void **state)
{
	(void)state;
	const char *text = "tab\there \"q\" \\ \x01\x1f\x7f \xd8\xa7\xd9\x84 \xf0\x9f\x98\x80 end";
	struct json_buf b = { 0 };
	json_object_begin(&b);
	json_key(&b, "text");
	json_string(&b, text);
	json_key(&b, "n");
	json_int(&b, -42);
	json_key(&b, "list");
	json_array_begin(&b);
	json_int(&b, 1);
	json_string(&b, NULL);
	json_bool(&b, true);
	json_array_end(&b);
	json_object_end(&b);
	assert_false(b.failed);
	for (const char *p = b.data; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	struct json_value *v = json_parse(b.data, b.len);
	assert_non_null(v);
	assert_string_equal(json_get_string(v, "text"), text);
	assert_int_equal(json_get_int(v, "n", 0), -42);
	const struct json_value *list = json_get(v, "list");
	assert_non_null(list);
	assert_int_equal(list->n_items, 3);
	assert_int_equal(list->items[1].type, JSON_NULL);
	assert_null(json_get(v, "missing"));
	json_free(v);
	json_buf_free(&b);
	json_buf_free(NULL);
	json_free(NULL);

	const char *escaped = "{\"s\":\"\\u00e9\\ud83d\\ude00\"}";
	v = json_parse(escaped, strlen(escaped));
	assert_non_null(v);
	assert_string_equal(json_get_string(v, "s"), "\xc3\xa9\xf0\x9f\x98\x80");
	json_free(v);
	static const char *const bad[] = { "", "{", "{\"a\":}", "[1,]", "\"\\u0000\"", "{\"a\":1} x", "nul" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_null(json_parse(bad[i], strlen(bad[i])));
	char deep[200];
	memset(deep, '[', sizeof deep);
	assert_null(json_parse(deep, sizeof deep));
}

static void test_default_path(void **state)
{
	(void)state;
	char err[256];
	char *saved_xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
	char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	setenv("XDG_DATA_HOME", "/data/x", 1);
	char *path = store_default_path(err, sizeof err);
	assert_string_equal(path, "/data/x/klankbord/klankbord.db");
	free(path);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/amal", 1);
	path = store_default_path(err, sizeof err);
	assert_string_equal(path, "/home/amal/.local/share/klankbord/klankbord.db");
	free(path);
	unsetenv("HOME");
	assert_null(store_default_path(err, sizeof err));
	assert_non_null(strstr(err, "--db"));
	if (saved_xdg)
		setenv("XDG_DATA_HOME", saved_xdg, 1);
	if (saved_home)
		setenv("HOME", saved_home, 1);
	free(saved_xdg);
	free(saved_home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_private_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pragmas_in_effect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_pragmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marked_foreign_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fts_follows_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_append_only_and_iterated, setup, teardown),
		cmocka_unit_test(test_uuids),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
