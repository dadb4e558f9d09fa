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
#include <sys/syscall.h>
#include <sysexits.h>
#include <unistd.h>

#include "sessions/event.h"
#include "sessions/json.h"
#include "storage/store.h"
#include "storage/store_cjk.h"
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
	store_close(store);
}

static void add_session(struct store *store, const char *id);

/* Every fdatasync this program makes, SQLite's included: this definition takes the place
 * of the C library's for libsqlite3 too, and passes the call on to the kernel. */
static int datasyncs;
int fdatasync(int fd)
{
	datasyncs++;
	return (int)syscall(SYS_fdatasync, fd);
}

/* An item move of session s-sync committed with store_begin_unsynced(), owed a sync. */
static void unsynced_move(struct store *store, int64_t at_ms)
{
	char err[512];
	int64_t seq = 0;
	OK(store_begin_unsynced(store, true, err, sizeof err));
	OK(store_append_event(store, "s-sync", at_ms, "test", "item.enter", "{\"item\":\"round\"}", &seq, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
}

/* store_begin_unsynced(): the commit is there at once (another connection reads it) but
 * nothing was synced; store_sync() syncs it, once; the connection is back at synchronous
 * FULL; a synced commit that writes syncs what came before it, one that writes nothing
 * does not; a checkpoint that copies the whole log leaves nothing to sync; a commit not
 * owed a sync is left to whatever syncs next; store_close() syncs what is left. */
static void test_unsynced_commit(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_session(store, "s-sync");
	OK(store_commit(store, err, sizeof err));
	assert_false(store_sync_owed(store));
	int64_t seq = 0, sync = -1;

	int before = datasyncs;
	OK(store_begin_unsynced(store, true, err, sizeof err));
	OK(store_append_event(store, "s-sync", 2000, "test", "item.enter", "{\"item\":\"round\"}", &seq, err, sizeof err));
	OK(store_pragma_int(store, STORE_PRAGMA_SYNCHRONOUS, &sync, err, sizeof err));
	assert_int_equal(sync, 1); /* NORMAL */
	OK(store_commit(store, err, sizeof err));
	assert_int_equal(datasyncs, before);
	assert_true(store_sync_owed(store));
	OK(store_pragma_int(store, STORE_PRAGMA_SYNCHRONOUS, &sync, err, sizeof err));
	assert_int_equal(sync, 2);
	char *count = other_connection_pragma(f->path, "SELECT count(*) FROM events WHERE type = 'item.enter'");
	assert_string_equal(count, "1");
	free(count);
	OK(store_sync(store, err, sizeof err));
	assert_int_equal(datasyncs, before + 1);
	assert_false(store_sync_owed(store));
	OK(store_sync(store, err, sizeof err)); /* nothing waits: no sync */
	assert_int_equal(datasyncs, before + 1);

	/* a synced commit that wrote synced the unsynced one before it */
	unsynced_move(store, 3000);
	OK(store_begin(store, err, sizeof err));
	OK(store_commit(store, err, sizeof err)); /* wrote nothing, synced nothing */
	assert_true(store_sync_owed(store));
	before = datasyncs;
	OK(store_begin(store, err, sizeof err));
	OK(store_append_event(store, "s-sync", 4000, "test", "note", "{}", &seq, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	assert_true(datasyncs > before);
	assert_false(store_sync_owed(store));

	/* what can be derived again (a projection) is not owed a sync */
	before = datasyncs;
	OK(store_begin_unsynced(store, false, err, sizeof err));
	OK(store_append_event(store, "s-sync", 5500, "test", "note", "{}", &seq, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	assert_int_equal(datasyncs, before);
	assert_false(store_sync_owed(store));

	/* a whole checkpoint syncs too; the first write after it starts the log again, and
	 * SQLite syncs the new log's header then, synced commit or not */
	unsynced_move(store, 5000);
	assert_true(store_sync_owed(store));
	OK(store_checkpoint(store, err, sizeof err));
	assert_false(store_sync_owed(store));

	/* a rollback puts FULL back as a commit does */
	OK(store_begin_unsynced(store, true, err, sizeof err));
	store_rollback(store);
	OK(store_pragma_int(store, STORE_PRAGMA_SYNCHRONOUS, &sync, err, sizeof err));
	assert_int_equal(sync, 2);
	assert_false(store_sync_owed(store));

	/* and closing */
	unsynced_move(store, 6000);
	before = datasyncs;
	store_close(store);
	assert_true(datasyncs > before);
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

/* Opens path with the given check; returns the status. */
static int open_with(const char *path, enum store_check check)
{
	struct store *store = NULL;
	char err[512] = "";
	int rc = store_open_checked(path, check, &store, err, sizeof err);
	if (rc == EX_DATAERR)
		assert_non_null(strstr(err, "damaged"));
	store_close(store);
	return rc;
}

/* quick_check runs at open when it is cheap (a small database) or when a non-empty -wal
 * file says the last writer did not close; a large database closed cleanly opens on the
 * identity checks alone. */
static void test_open_check_policy(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	store_close(store);
	/* damage the root page of the recommendations table: data that opening does not read
	 * (it reads the newest event, to know whether anything is left to project) */
	sqlite3 *db;
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'recommendations'", -1, &stmt,
		NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long page = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	assert_true(page > 1);
	char junk[4096];
	memset(junk, 0x5a, sizeof junk);
	FILE *fp = fopen(f->path, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, (page - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, fp), sizeof junk);
	fclose(fp);
	assert_int_equal(open_with(f->path, STORE_CHECK_AUTO), EX_DATAERR); /* small: checked */
	assert_int_equal(open_with(f->path, STORE_CHECK_IDENTITY), 0);      /* the damage is not read */
	/* past the size limit (the header's page count keeps SQLite on the real pages) */
	assert_int_equal(truncate(f->path, STORE_QUICK_CHECK_MAX_BYTES + 4096), 0);
	assert_int_equal(open_with(f->path, STORE_CHECK_AUTO), 0);
	assert_int_equal(open_with(f->path, STORE_CHECK_FULL), EX_DATAERR);
	/* a -wal file left by a writer that did not close brings the check back */
	char wal[400];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	write_file(wal, junk, 100);
	assert_int_equal(open_with(f->path, STORE_CHECK_AUTO), EX_DATAERR);
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static void copy_file(const char *from, const char *to)
{
	size_t len;
	FILE *fp = fopen(from, "rb");
	assert_non_null(fp);
	char *buf = malloc(8 << 20);
	len = fread(buf, 1, 8 << 20, fp);
	fclose(fp);
	write_file(to, buf, len);
	free(buf);
}

static void flip_byte(const char *path, long offset)
{
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, offset, SEEK_SET), 0);
	int c = fgetc(fp);
	assert_int_not_equal(c, EOF);
	assert_int_equal(fseek(fp, offset, SEEK_SET), 0);
	fputc(c ^ 0x20, fp);
	fclose(fp);
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Refused with EX_DATAERR, the message naming what to do, both files left byte for byte. */
static void assert_refused_kept(const char *path, const char *expect)
{
	char wal[400];
	snprintf(wal, sizeof wal, "%s-wal", path);
	bool had_wal = access(wal, F_OK) == 0;
	size_t db_len, wal_len = 0, len;
	char *db_before = read_file(path, &db_len);
	char *wal_before = had_wal ? read_file(wal, &wal_len) : NULL;
	struct store *store = NULL;
	char err[1024] = "";
	assert_int_equal(store_open(path, &store, err, sizeof err), EX_DATAERR);
	assert_null(store);
	if (!strstr(err, expect) || !strstr(err, "klankbord backup"))
		fail_msg("unexpected message: %s", err);
	char *after = read_file(path, &len);
	assert_int_equal(len, db_len);
	assert_memory_equal(after, db_before, len);
	free(after);
	if (had_wal) {
		after = read_file(wal, &len);
		assert_int_equal(len, wal_len);
		assert_memory_equal(after, wal_before, len);
		free(after);
	} else {
		assert_int_not_equal(access(wal, F_OK), 0);
	}
	free(db_before);
	free(wal_before);
}

static int count_events(const char *path)
{
	struct store *store;
	char err[512];
	OK(store_open(path, &store, err, sizeof err));
	char id[STORE_UUID_LEN + 1];
	OK(store_find_session(store, NULL, id, err, sizeof err));
	struct store_events *it;
	struct store_event ev;
	OK(store_events_open(store, id, 0, &it, err, sizeof err));
	int n = 0;
	while (store_events_next(it, &ev, err, sizeof err) == 1)
		n++;
	store_events_close(it);
	store_close(store);
	return n;
}

static int64_t append_contribution(struct store *store, const char *session, const char *id, const char *participant,
	const char *kind, const char *text, const char *tags_json);
static void add_session(struct store *store, const char *id);
static int64_t append_json(struct store *store, const char *session, const char *type, const char *payload);
static void append_edit(struct store *store, const char *session, const char *id, const char *kind, const char *text,
	const char *tags_json);
static int search_count(struct store *store, const char *session, const char *query);
static int64_t report_count(struct store *store, const struct store_report_filter *filter, const char *code,
	const char *kind);

/* A database whose lines are all still in its -wal (fewer than a checkpoint's worth, or a
 * writer killed before one): a copy of the main file alone, or the pair with one byte of
 * the -wal damaged, is refused and kept as it is, never set up as a new database. */
static void test_wal_damage_refused(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	char sid[UUID_TEXT_LEN + 1], cid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_session(store, sid);
	OK(store_commit(store, err, sizeof err));
	for (int i = 0; i < 100; i++) {
		assert_true(uuid_v4(cid));
		OK(store_begin(store, err, sizeof err));
		append_contribution(store, sid, cid, "E01", "idea", "a line only the log holds", "[]");
		OK(store_commit(store, err, sizeof err));
	}
	/* The store stays open: its -wal holds every line, as a killed writer leaves it. */
	char wal[320], copy[320], copy_wal[340];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	long wal_len = file_size(wal);
	assert_true(wal_len > 100 * 4096);

	snprintf(copy, sizeof copy, "%s/main-only.db", f->dir);
	copy_file(f->path, copy);
	assert_refused_kept(copy, "no tables");

	snprintf(copy, sizeof copy, "%s/whole.db", f->dir);
	snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
	copy_file(f->path, copy);
	copy_file(wal, copy_wal);
	assert_int_equal(count_events(copy), 100);

	long frame = 24 + 4096;
	snprintf(copy, sizeof copy, "%s/first-frame.db", f->dir);
	snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
	copy_file(f->path, copy);
	copy_file(wal, copy_wal);
	flip_byte(copy_wal, 32 + 24 + 200);
	assert_refused_kept(copy, "frame 1 of");

	snprintf(copy, sizeof copy, "%s/middle-frame.db", f->dir);
	snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
	copy_file(f->path, copy);
	copy_file(wal, copy_wal);
	long frames = (wal_len - 32) / frame;
	flip_byte(copy_wal, 32 + (frames / 2) * frame + 24 + 1000);
	assert_refused_kept(copy, "fails its checksum");

	/* The last frame torn, as a writer killed while writing it leaves it: opens. */
	snprintf(copy, sizeof copy, "%s/torn.db", f->dir);
	snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
	copy_file(f->path, copy);
	copy_file(wal, copy_wal);
	flip_byte(copy_wal, 32 + (frames - 1) * frame + 24 + 1000);
	assert_int_equal(count_events(copy), 99);
	store_close(store);

	/* Another program's SQLite file with no tables (here in WAL mode) is not set up either. */
	snprintf(copy, sizeof copy, "%s/empty-wal.db", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA journal_mode = WAL");
	sqlite3_close(db);
	assert_true(file_size(copy) > 0);
	assert_refused_kept(copy, "no tables");
}

/* STORE_READ_ONLY, what a read-only medium forces: every read works, nothing is written,
 * no -wal or -shm appears beside a database that had none, and every write is refused.
 * With a -wal left by a writer that is still open, its lines are read too. */
static void test_read_only_open(void **state)
{
	struct fixture *f = *state;
	struct store *store, *reader;
	char err[1024];
	char sid[UUID_TEXT_LEN + 1], cid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	assert_true(uuid_v4(cid));
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_session(store, sid);
	append_contribution(store, sid, cid, "E01", "obstacle", "waited nine months for lessons", "[\"language\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	store_close(store);
	char wal[320], shm[320];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	snprintf(shm, sizeof shm, "%s-shm", f->path);
	assert_int_not_equal(access(wal, F_OK), 0);
	size_t len, len2;
	char *before = read_file(f->path, &len);

	OK(store_open_mode(f->path, STORE_READ_ONLY, STORE_CHECK_FULL, &reader, err, sizeof err));
	assert_true(store_read_only(reader));
	assert_null(store_projection_problem(reader));
	assert_int_equal(search_count(reader, sid, "months"), 1);
	assert_int_equal(report_count(reader, NULL, "language", "obstacle"), 1);
	struct store_session_info *list;
	int n;
	OK(store_session_list(reader, &list, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_int_equal(list[0].n_contributions, 1);
	store_session_list_free(list, n);
	assert_int_not_equal(store_begin(reader, err, sizeof err), 0);
	assert_non_null(strstr(err, "read-only"));
	assert_int_not_equal(access(wal, F_OK), 0);
	assert_int_not_equal(access(shm, F_OK), 0);
	store_close(reader);
	assert_int_not_equal(access(wal, F_OK), 0);
	assert_int_not_equal(access(shm, F_OK), 0);
	char *after = read_file(f->path, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(before, after, len);
	free(before);
	free(after);

	/* A writer still has it open, with a line only in its -wal, not yet derived. */
	OK(store_open(f->path, &store, err, sizeof err));
	assert_true(uuid_v4(cid));
	OK(store_begin(store, err, sizeof err));
	append_contribution(store, sid, cid, "E01", "idea", "a language cafe", "[]");
	OK(store_commit(store, err, sizeof err));
	OK(store_open_mode(f->path, STORE_READ_ONLY, STORE_CHECK_FULL, &reader, err, sizeof err));
	struct store_events *it;
	struct store_event ev;
	OK(store_events_open(reader, sid, 0, &it, err, sizeof err));
	n = 0;
	while (store_events_next(it, &ev, err, sizeof err) == 1)
		n++;
	store_events_close(it);
	assert_int_equal(n, 2);
	assert_non_null(store_projection_problem(reader));
	assert_non_null(strstr(store_projection_problem(reader), "read-only"));
	store_close(reader);
	store_close(store);

	/* STORE_READ never creates a database. */
	char missing[320];
	snprintf(missing, sizeof missing, "%s/none.db", f->dir);
	assert_int_equal(store_open_mode(missing, STORE_READ, STORE_CHECK_AUTO, &reader, err, sizeof err), EX_NOINPUT);
	assert_int_not_equal(access(missing, F_OK), 0);
}

/* Changes made outside klankbord that the opening check can see: a writer is refused and
 * told what was found, a reader opens and is told; the file is left as it is. */
static void test_tampering_detected(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[1024];
	char sid[UUID_TEXT_LEN + 1], cid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	OK(store_open(f->path, &store, err, sizeof err));
	assert_null(store_notice(store));
	OK(store_begin(store, err, sizeof err));
	add_session(store, sid);
	for (int i = 0; i < 3; i++) {
		assert_true(uuid_v4(cid));
		append_contribution(store, sid, cid, "E01", "idea", "a line", "[]");
	}
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	store_close(store);
	static const struct { const char *sql, *expect; } cases[] = {
		{ "DROP TRIGGER events_no_update", "trigger events_no_update that keeps the log append-only is missing" },
		{ "DROP TRIGGER events_no_delete", "trigger events_no_delete that keeps the log append-only is missing" },
		{ "DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT 1; END",
		  "trigger events_no_delete was altered" },
		{ "CREATE TABLE copies (text TEXT)", "a table copies that is not klankbord's" },
		{ "DROP INDEX events_session", "index events_session is missing" },
		{ "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3; CREATE TRIGGER events_no_delete BEFORE"
		  " DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
		  "events 3 to 3 were deleted from the end of the log" },
		{ "DROP TRIGGER events_no_delete; PRAGMA foreign_keys = OFF; DELETE FROM events WHERE seq = 1;"
		  " CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are"
		  " append-only'); END", "1 stored rows refer to events that are no longer in the log" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[320];
		snprintf(path, sizeof path, "%s/tampered-%zu.db", f->dir, i);
		copy_file(f->path, path);
		sqlite3 *db;
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		exec_ok(db, cases[i].sql);
		sqlite3_close(db);
		size_t len, len2;
		char *before = read_file(path, &len);
		store = NULL;
		assert_int_equal(store_open(path, &store, err, sizeof err), EX_DATAERR);
		if (!strstr(err, cases[i].expect) || !strstr(err, "changed outside klankbord")
			|| !strstr(err, "klankbord backup"))
			fail_msg("case %zu: unexpected message: %s", i, err);
		OK(store_open_mode(path, STORE_READ, STORE_CHECK_AUTO, &store, err, sizeof err));
		if (!store_notice(store) || !strstr(store_notice(store), cases[i].expect))
			fail_msg("case %zu: reader's notice: %s", i, store_notice(store) ? store_notice(store) : "none");
		store_close(store);
		char *after = read_file(path, &len2);
		assert_int_equal(len, len2);
		assert_memory_equal(before, after, len);
		free(before);
		free(after);
	}
}

/* The append-only rule is lifted only inside an erasure's transaction: a rollback puts the
 * triggers and every event back; a committed erasure leaves the triggers as migration 1
 * made them, report counts and search in step, and passes the full opening check. */
static int all_events(const char *path)
{
	char *n = other_connection_pragma(path, "SELECT count(*) FROM events");
	int count = atoi(n);
	free(n);
	return count;
}

static void test_erasure_lifts_the_rule_only_inside(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[1024];
	char sid[UUID_TEXT_LEN + 1], cid[3][UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_session(store, sid);
	struct store_participant_row p = { .session = sid, .id = "E02", .role = "expert", .name = "Keep", .position = 1 };
	OK(store_insert_participant(store, &p, err, sizeof err));
	for (int i = 0; i < 3; i++) {
		assert_true(uuid_v4(cid[i]));
		append_contribution(store, sid, cid[i], i == 2 ? "E02" : "E01", "idea", i == 2 ? "keepword" : "goneword",
			"[\"work\"]");
	}
	append_edit(store, sid, cid[0], "obstacle", "goneword edited", "[]");
	OK(store_end_session(store, sid, 2000, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_int_equal(search_count(store, sid, "goneword"), 2);
	int events = all_events(f->path);

	/* lifted, then rolled back: nothing changed */
	OK(store_begin(store, err, sizeof err));
	OK(store_erase_begin(store, err, sizeof err));
	char *triggers = other_connection_pragma(f->path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'events_no_%'");
	assert_string_equal(triggers, "2"); /* other connections never see the log without its rule */
	free(triggers);
	struct store_erased erased = { 0 };
	OK(store_erase_participant(store, sid, "E01", "session: {title: Evening}", 25, &erased, err, sizeof err));
	assert_int_equal(erased.contributions, 2);
	assert_int_equal(erased.events, 3);
	store_rollback(store);
	assert_int_equal(all_events(f->path), events);
	assert_int_equal(search_count(store, sid, "goneword"), 2);
	triggers = other_connection_pragma(f->path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'events_no_%'");
	assert_string_equal(triggers, "2");
	free(triggers);

	/* committed */
	OK(store_begin(store, err, sizeof err));
	OK(store_erase_begin(store, err, sizeof err));
	erased = (struct store_erased){ 0 };
	OK(store_erase_participant(store, sid, "E01", "session: {title: Evening}", 25, &erased, err, sizeof err));
	OK(store_erase_end(store, err, sizeof err));
	append_json(store, sid, EVENT_TYPE_ERASURE, "{\"scope\":\"participant\",\"participant\":\"E01\"}");
	OK(store_commit(store, err, sizeof err));
	bool vacuumed = true;
	OK(store_scrub(store, false, &vacuumed, err, sizeof err));
	assert_false(vacuumed); /* written with secure_delete from the start */
	assert_int_equal(all_events(f->path), events - 3 + 1);
	assert_int_equal(search_count(store, sid, "goneword"), 0);
	assert_int_equal(search_count(store, sid, "keepword"), 1);
	char *counted = other_connection_pragma(f->path, "SELECT sum(idea + obstacle) FROM report_counts WHERE code = 'work'");
	assert_string_equal(counted, "1");
	free(counted);
	store_close(store);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_CONSTRAINT); /* the rule is back */
	sqlite3_close(db);
	store = NULL;
	OK(store_open_checked(f->path, STORE_CHECK_FULL, &store, err, sizeof err));
	assert_null(store_notice(store));
	store_close(store);
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

/* Writing outside a transaction is refused, even a write that would succeed inside one:
 * the session and its item exist, so only the transaction guard can say no. */
static void test_write_outside_transaction_refused(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512] = "";
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_session(store, "s1");
	OK(store_commit(store, err, sizeof err));
	int64_t seq = 0;
	assert_int_equal(store_append_event(store, "s1", 1, "test", "note", "{}", &seq, err, sizeof err), EX_SOFTWARE);
	assert_non_null(strstr(err, "internal error: a write to"));
	assert_non_null(strstr(err, f->path));
	assert_non_null(strstr(err, "outside a transaction"));
	assert_int_equal(seq, 0);
	err[0] = '\0';
	assert_int_equal(store_update_item(store, "s1", "round", 300, 60, err, sizeof err), EX_SOFTWARE);
	assert_non_null(strstr(err, "outside a transaction"));
	err[0] = '\0';
	assert_int_equal(store_end_session(store, "s1", 2000, err, sizeof err), EX_SOFTWARE);
	assert_non_null(strstr(err, "outside a transaction"));
	/* Nothing reached the file. */
	struct store_events *it;
	struct store_event ev;
	OK(store_events_open(store, "s1", 0, &it, err, sizeof err));
	assert_int_equal(store_events_next(it, &ev, err, sizeof err), 0);
	store_events_close(it);
	struct store_session_info info;
	OK(store_session_get(store, "s1", &info, err, sizeof err));
	assert_false(info.ended);
	store_session_info_free(&info);
	store_close(store);
}

static void add_report_session(struct store *store, const char *id, const char *organisation)
{
	char err[512];
	struct store_session_row row = { .id = id, .title = "Evening", .organisation = organisation, .console = "test",
		.agenda_yaml = "session: {title: Evening}", .agenda_len = 25, .started_ms = 1000 };
	OK(store_insert_session(store, &row, err, sizeof err));
	OK(store_insert_item(store, id, "round", 0, "One round", 300, err, sizeof err));
	struct store_participant_row yes = { .session = id, .id = "E01", .role = "expert", .consent_quotes = true };
	struct store_participant_row no = { .session = id, .id = "E02", .role = "expert", .position = 1 };
	OK(store_insert_participant(store, &yes, err, sizeof err));
	OK(store_insert_participant(store, &no, err, sizeof err));
}

static int64_t append_contribution(struct store *store, const char *session, const char *id, const char *participant,
	const char *kind, const char *text, const char *tags_json);
static void append_edit(struct store *store, const char *session, const char *id, const char *kind, const char *text,
	const char *tags_json);

/* A report shows the quotes, obstacles and successes of consenting speakers only, every
 * recommendation without its speaker; organisations are found by a part of their name;
 * an edit moves a contribution in the search index of text, codes and kinds. */
static void test_report_consent_and_organisation(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512] = "";
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "s1", "Gemeente Utrecht");
	add_report_session(store, "s3", "Utrechtse Heuvelrug");
	append_contribution(store, "s1", "c1", "E01", "quote", "consented words", "[\"language\"]");
	append_contribution(store, "s1", "c2", "E02", "quote", "private words", "[\"language\"]");
	append_contribution(store, "s1", "c3", "E02", "recommendation", "more lessons", "[]");
	append_contribution(store, "s1", "c4", "E02", "obstacle", "a hidden obstacle", "[\"housing\"]");
	append_contribution(store, "s1", "c5", "E01", "obstacle", "an open obstacle", "[\"housing\"]");
	append_edit(store, "s1", "c5", "success", "an open success", "[\"work\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));

	struct store_report_scope scope = { .organisation = "Gemeente Utrecht" };
	struct store_report_session *sessions;
	int n_sessions;
	OK(store_report_sessions(store, &scope, &sessions, &n_sessions, err, sizeof err));
	assert_int_equal(n_sessions, 1);
	assert_string_equal(sessions[0].id, "s1");
	assert_int_equal(sessions[0].contributions, 5);
	assert_false(sessions[0].dated);
	struct store_report_contribution *list;
	int n;
	OK(store_report_contributions(store, sessions, n_sessions, NULL, NULL, &list, &n, err, sizeof err));
	assert_int_equal(n, 3);
	assert_string_equal(list[0].text, "consented words");
	assert_true(list[0].quotable);
	assert_string_equal(list[0].participant, "E01");
	assert_string_equal(list[1].text, "more lessons");
	assert_null(list[1].participant);
	assert_false(list[1].quotable);
	assert_string_equal(list[2].text, "an open success");
	assert_string_equal(list[2].codes, "housing work");
	store_report_contributions_free(list, n);
	store_report_sessions_free(sessions, n_sessions);

	char *name = NULL;
	assert_int_equal(store_organisation_find(store, "utrecht", &name, err, sizeof err), EX_USAGE);
	assert_non_null(strstr(err, "Gemeente Utrecht"));
	assert_non_null(strstr(err, "Utrechtse Heuvelrug"));
	OK(store_organisation_find(store, "GEMEENTE utrecht", &name, err, sizeof err));
	assert_string_equal(name, "Gemeente Utrecht");
	free(name);
	OK(store_organisation_find(store, "heuvel", &name, err, sizeof err));
	assert_string_equal(name, "Utrechtse Heuvelrug");
	free(name);
	assert_int_equal(store_organisation_find(store, "Elders", &name, err, sizeof err), EX_NOINPUT);
	assert_null(name);

	struct store_search_match *hits;
	OK(store_search_filtered(store, "obstacle", NULL, NULL, 10, &hits, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].snippet, "a hidden [obstacle]"); /* c5, edited to success, is gone */
	store_search_matches_free(hits, n);
	struct store_search_filter filter = { .code = "work" };
	OK(store_search_filtered(store, "success", &filter, NULL, 10, &hits, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].codes, "housing work");
	assert_string_equal(hits[0].item, "round");
	store_search_matches_free(hits, n);
	store_close(store);
}

/* The seqs of a search's hits, newest first, as "9 7 4"; "" when none. */
static void search_seqs(struct store *store, const char *query, const struct store_search_filter *filter, int limit,
	char *out, size_t size)
{
	char err[512] = "";
	struct store_search_match *hits;
	int n;
	OK(store_search_filtered(store, query, filter, NULL, limit, &hits, &n, err, sizeof err));
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%lld", i ? " " : "", (long long)hits[i].seq);
	store_search_matches_free(hits, n);
}

/* Every way a steered search reads gives the newest hits that pass, whichever way it
 * reads: session by session (an organisation, a participant, an item: few sessions) with
 * two sessions written at the same time (their seqs interleave), across sessions, with a
 * kind and a code in the MATCH expression, and without a query at all. */
static void test_steered_search_ways(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512] = "";
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "a1", "Gemeente Utrecht");
	add_report_session(store, "b1", "Gemeente Zwolle");
	add_report_session(store, "a2", "Gemeente Utrecht");
	int64_t seq[9];
	seq[0] = append_contribution(store, "a1", "k0", "E01", "obstacle", "waited for lessons", "[\"language\"]");
	seq[1] = append_contribution(store, "a2", "k1", "E02", "idea", "lessons at night", "[\"language\"]");
	seq[2] = append_contribution(store, "b1", "k2", "E01", "obstacle", "lessons too far", "[\"work\"]");
	seq[3] = append_contribution(store, "a1", "k3", "E02", "obstacle", "no house", "[\"housing\"]");
	seq[4] = append_contribution(store, "a2", "k4", "E01", "success", "lessons helped", "[\"language\", \"work\"]");
	seq[5] = append_contribution(store, "a1", "k5", "E01", "idea", "a buddy", "[]");
	seq[6] = append_contribution(store, "b1", "k6", "E02", "obstacle", "lessons full", "[\"language\"]");
	seq[7] = append_contribution(store, "a2", "k7", "E02", "obstacle", "lessons late", "[\"language\"]");
	seq[8] = append_contribution(store, "a1", "k8", "E02", "quote", "lessons are the key", "[\"language\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	char got[256], want[256];
#define WANT(...) do { \
		int idx[] = { __VA_ARGS__ }; size_t used = 0; want[0] = '\0'; \
		for (size_t i = 0; i < sizeof idx / sizeof idx[0] && idx[i] >= 0; i++) \
			used += (size_t)snprintf(want + used, sizeof want - used, "%s%lld", i ? " " : "", (long long)seq[idx[i]]); \
	} while (0)
	struct store_search_filter utrecht = { .organisation = "Gemeente Utrecht" };
	search_seqs(store, "lessons", &utrecht, 3, got, sizeof got); /* a1 and a2 interleave */
	WANT(8, 7, 4);
	assert_string_equal(got, want);
	search_seqs(store, "lessons", &utrecht, 2, got, sizeof got); /* a1 alone has two, a2 a newer one */
	WANT(8, 7);
	assert_string_equal(got, want);
	search_seqs(store, NULL, &utrecht, 4, got, sizeof got);
	WANT(8, 7, 5, 4);
	assert_string_equal(got, want);
	struct store_search_filter obstacles = { .kind = "obstacle" };
	search_seqs(store, "lessons", &obstacles, 10, got, sizeof got); /* kind in the MATCH expression */
	WANT(7, 6, 2, 0);
	assert_string_equal(got, want);
	search_seqs(store, NULL, &obstacles, 10, got, sizeof got);
	WANT(7, 6, 3, 2, 0);
	assert_string_equal(got, want);
	struct store_search_filter work = { .code = "WORK" };
	search_seqs(store, NULL, &work, 10, got, sizeof got);
	WANT(4, 2);
	assert_string_equal(got, want);
	struct store_search_filter e01_utrecht = { .participant = "E01", .organisation = "Gemeente Utrecht" };
	search_seqs(store, NULL, &e01_utrecht, 10, got, sizeof got);
	WANT(5, 4, 0);
	assert_string_equal(got, want);
	struct store_search_filter nobody = { .participant = "E99" }, nowhere = { .item = "elsewhere" };
	search_seqs(store, "lessons", &nobody, 10, got, sizeof got);
	assert_string_equal(got, "");
	search_seqs(store, NULL, &nowhere, 10, got, sizeof got);
	assert_string_equal(got, "");
	struct store_search_filter round_b1 = { .item = "round", .session = "b1" };
	search_seqs(store, NULL, &round_b1, 10, got, sizeof got);
	WANT(6, 2);
	assert_string_equal(got, want);
	struct store_search_filter quoted_language = { .kind = "quote", .code = "language" };
	search_seqs(store, "key", &quoted_language, 10, got, sizeof got);
	WANT(8);
	assert_string_equal(got, want);
#undef WANT
	struct store_search_match *hits;
	int n;
	OK(store_search_filtered(store, NULL, &obstacles, NULL, 1, &hits, &n, err, sizeof err));
	assert_int_equal(n, 1);
	assert_string_equal(hits[0].snippet, "lessons late"); /* no query: the whole text */
	store_search_matches_free(hits, n);
	assert_int_equal(store_search_filtered(store, "  ", NULL, NULL, 10, &hits, &n, err, sizeof err), EX_USAGE);
	assert_int_equal(n, 0);
	store_close(store);
}

/* Appends the events session.c writes for a contribution, an edit and a retraction
 * (payloads: docs/schema.md); participant and kind may be NULL. */
static int64_t append_json(struct store *store, const char *session, const char *type, const char *payload)
{
	char err[512];
	int64_t seq = 0;
	if (store_append_event(store, session, 5, "c", type, payload, &seq, err, sizeof err) != 0)
		fail_msg("%s", err);
	return seq;
}

static int64_t append_contribution(struct store *store, const char *session, const char *id, const char *participant,
	const char *kind, const char *text, const char *tags_json)
{
	char payload[1024];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"item\":\"%s\",\"participant\":%s%s%s,\"kind\":\"%s\","
		"\"text\":\"%s\",\"tags\":%s}", id, strcmp(session, "s2") == 0 ? "i" : "round", participant ? "\"" : "",
		participant ? participant : "null", participant ? "\"" : "", kind, text, tags_json);
	return append_json(store, session, EVENT_TYPE_CONTRIBUTION, payload);
}

static void append_edit(struct store *store, const char *session, const char *id, const char *kind, const char *text,
	const char *tags_json)
{
	char payload[1024];
	snprintf(payload, sizeof payload, "{\"contribution\":\"%s\",\"ref\":1,\"text\":\"%s\",\"kind\":\"%s\","
		"\"tags\":%s}", id, text, kind, tags_json);
	append_json(store, session, EVENT_TYPE_EDIT, payload);
}

static void append_retract(struct store *store, const char *session, const char *id)
{
	char payload[256];
	snprintf(payload, sizeof payload, "{\"contribution\":\"%s\",\"ref\":1,\"undo\":false}", id);
	append_json(store, session, EVENT_TYPE_RETRACT, payload);
}

static int search_count(struct store *store, const char *session, const char *query)
{
	int64_t *found;
	int n;
	char err[512];
	if (store_search(store, session, query, &found, &n, err, sizeof err) != 0)
		fail_msg("%s", err);
	free(found);
	return n;
}

/* A contribution is written as its event; search sees it once store_project() has run
 * (by a console, or by the next store_open()), and follows its edits. */
static void test_projection_follows_events(void **state)
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
	int64_t seq = append_contribution(store, sid, cid, "E01", "obstacle", "waited nine months for lessons",
		"[\"language\"]");
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	assert_int_equal(search_count(store, sid, "months"), 0);

	int64_t projected = -1;
	assert_int_equal(store_project(store, &projected, err, sizeof err), 0);
	assert_int_equal(projected, 1);
	int64_t *found;
	int n;
	assert_int_equal(store_search(store, sid, "months", &found, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(found[0], seq);
	free(found);
	assert_int_equal(store_project(store, &projected, err, sizeof err), 0);
	assert_int_equal(projected, 0);

	/* An edit left unprojected when the console stops is derived by the next open. */
	assert_int_equal(store_begin(store, err, sizeof err), 0);
	append_edit(store, sid, cid, "obstacle", "waited a year for a course", "[]");
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	assert_int_equal(search_count(store, sid, "months"), 1);
	store_close(store);
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	assert_int_equal(search_count(store, sid, "months"), 0);
	assert_int_equal(search_count(store, sid, "year"), 1);

	struct store_session_info *list;
	assert_int_equal(store_session_list(store, &list, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].id, sid);
	assert_int_equal(list[0].n_contributions, 1);
	assert_int_equal(list[0].n_participants, 1);
	assert_false(list[0].ended);
	store_session_list_free(list, n);

	/* A retraction leaves the contribution out of the counts. */
	assert_int_equal(store_begin(store, err, sizeof err), 0);
	append_retract(store, sid, cid);
	assert_int_equal(store_project(store, &projected, err, sizeof err), 0);
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	assert_int_equal(projected, 1);
	assert_int_equal(store_session_list(store, &list, &n, err, sizeof err), 0);
	assert_int_equal(list[0].n_contributions, 0);
	store_session_list_free(list, n);
	store_close(store);
}

/* An edit or a retraction whose payload names its contribution by ref (seq) alone, with no
 * UUID, is resolved within its own database (sessions/event.h): the projection edits and
 * retracts the contribution with that seq. */
static void test_projection_resolves_ref_only(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512], payload[256];
	char sid[UUID_TEXT_LEN + 1], cid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	assert_true(uuid_v4(cid));
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	assert_int_equal(store_begin(store, err, sizeof err), 0);
	add_session(store, sid);
	int64_t seq = append_contribution(store, sid, cid, "E01", "note", "waited nine months", "[]");
	snprintf(payload, sizeof payload, "{\"ref\":%lld,\"text\":\"waited a whole year\",\"kind\":\"obstacle\","
		"\"tags\":[\"language\"]}", (long long)seq);
	append_json(store, sid, EVENT_TYPE_EDIT, payload);
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	assert_int_equal(store_project(store, NULL, err, sizeof err), 0);
	assert_int_equal(search_count(store, sid, "months"), 0);
	assert_int_equal(search_count(store, sid, "year"), 1);
	struct store_report_row *rows;
	int n;
	assert_int_equal(store_report(store, NULL, &rows, &n, err, sizeof err), 0);
	bool coded = false;
	for (int i = 0; i < n; i++)
		coded = coded || (strcmp(rows[i].code, "language") == 0 && strcmp(rows[i].kind, "obstacle") == 0);
	free(rows);
	assert_true(coded);

	assert_int_equal(store_begin(store, err, sizeof err), 0);
	snprintf(payload, sizeof payload, "{\"ref\":%lld,\"undo\":true}", (long long)seq);
	append_json(store, sid, EVENT_TYPE_RETRACT, payload);
	assert_int_equal(store_project(store, NULL, err, sizeof err), 0);
	assert_int_equal(store_commit(store, err, sizeof err), 0);
	struct store_session_info info;
	assert_int_equal(store_session_get(store, sid, &info, err, sizeof err), 0);
	assert_int_equal(info.n_contributions, 0);
	store_session_info_free(&info);
	store_close(store);
}

/* Events the projection cannot use, written past store_append_event() (by another
 * program, an older build, a hand edit): a contribution with payload {}, a duplicate id,
 * an edit of a contribution that is not stored, and the table projected emptied. Each is
 * named (session, seq, type, what is wrong) and left out; every other event stays usable,
 * on this open and on every later one. store_append_event() refuses each of them. */
static void test_bad_events_skipped_and_refused(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[1024];
	char sid[UUID_TEXT_LEN + 1], cid[UUID_TEXT_LEN + 1], other[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(sid));
	assert_true(uuid_v4(cid));
	assert_true(uuid_v4(other));
	OK(store_open(f->path, &store, err, sizeof err));
	assert_null(store_notice(store));
	OK(store_begin(store, err, sizeof err));
	add_session(store, sid);
	append_contribution(store, sid, cid, "E01", "obstacle", "waited nine months for lessons", "[\"language\"]");
	OK(store_commit(store, err, sizeof err));

	/* Refused at write time, with what is wrong. */
	char dup[256], fresh[UUID_TEXT_LEN + 1], nowhere[256], stranger[256], edit[256];
	assert_true(uuid_v4(fresh));
	snprintf(dup, sizeof dup, "{\"id\":\"%s\",\"item\":\"round\",\"text\":\"again\"}", cid);
	snprintf(nowhere, sizeof nowhere, "{\"id\":\"%s\",\"item\":\"nowhere\",\"text\":\"x\"}", fresh);
	snprintf(stranger, sizeof stranger, "{\"id\":\"%s\",\"item\":\"round\",\"participant\":\"E99\",\"text\":\"x\"}",
		fresh);
	snprintf(edit, sizeof edit, "{\"contribution\":\"%s\",\"text\":\"new\",\"tags\":[\"work\"]}", fresh);
	const struct { const char *type, *payload, *expect; } bad[] = {
		{ EVENT_TYPE_CONTRIBUTION, "{}", "field item is missing" },
		{ EVENT_TYPE_CONTRIBUTION, "{\"item\":\"round\",\"text\":\"no id\"}", "field id is missing" },
		{ EVENT_TYPE_CONTRIBUTION, "{\"id\":\"x\",\"item\":\"round\",\"text\":7}", "field text is not text" },
		{ EVENT_TYPE_CONTRIBUTION, dup, "already has the id" },
		{ EVENT_TYPE_CONTRIBUTION, nowhere, "not an item" },
		{ EVENT_TYPE_CONTRIBUTION, stranger, "participant \"E99\"" },
		{ EVENT_TYPE_EDIT, edit, "which is not stored" },
		{ EVENT_TYPE_RETRACT, "{\"ref\":999}", "contribution 999, which is not stored" },
		{ "note", "[1, 2]", "not a JSON object" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t seq = 0;
		OK(store_begin(store, err, sizeof err));
		assert_int_equal(store_append_event(store, sid, 5, "c", bad[i].type, bad[i].payload, &seq, err, sizeof err),
			EX_DATAERR);
		if (!strstr(err, bad[i].expect) || !strstr(err, sid))
			fail_msg("%s %s: unexpected message: %s", bad[i].type, bad[i].payload, err);
		store_rollback(store);
	}
	/* A duplicate of a contribution not yet projected is refused too. */
	OK(store_begin(store, err, sizeof err));
	append_contribution(store, sid, other, NULL, "idea", "a language cafe", "[]");
	OK(store_commit(store, err, sizeof err));
	char payload[256];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"item\":\"round\",\"text\":\"twice\"}", other);
	int64_t seq = 0;
	OK(store_begin(store, err, sizeof err));
	assert_int_equal(store_append_event(store, sid, 5, "c", EVENT_TYPE_CONTRIBUTION, payload, &seq, err, sizeof err),
		EX_DATAERR);
	store_rollback(store);
	/* A writer that never projects (an import in one transaction): a duplicate is still
	 * found after thousands of lines, without searching them all on every line. */
	OK(store_begin(store, err, sizeof err));
	char first_id[UUID_TEXT_LEN + 1];
	for (int i = 0; i < 4200; i++) {
		assert_true(uuid_v4(i == 0 ? first_id : fresh));
		append_contribution(store, sid, i == 0 ? first_id : fresh, NULL, "note", "an imported line", "[]");
	}
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"item\":\"round\",\"text\":\"twice\"}", first_id);
	assert_int_equal(store_append_event(store, sid, 5, "c", EVENT_TYPE_CONTRIBUTION, payload, &seq, err, sizeof err),
		EX_DATAERR);
	store_rollback(store);
	assert_true(uuid_v4(fresh));

	store_close(store);

	/* Written past the check. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char sql[2048];
	snprintf(sql, sizeof sql, "INSERT INTO events (session, at, console, type, payload) VALUES"
		" ('%s', 6, 'c', 'contribution', '{}'),"
		" ('%s', 7, 'c', 'contribution', '{\"id\":\"%s\",\"item\":\"round\",\"kind\":\"idea\",\"text\":\"dup\"}'),"
		" ('%s', 8, 'c', 'contribution.edit', '{\"contribution\":\"nobody\",\"text\":\"x\",\"tags\":[\"work\"]}'),"
		" ('%s', 9, 'c', 'contribution', '{\"id\":\"%s\",\"item\":\"round\",\"kind\":\"success\","
		"\"text\":\"a job at last\",\"tags\":[\"work\"]}')",
		sid, sid, cid, sid, sid, fresh);
	exec_ok(db, sql);
	sqlite3_close(db);

	for (int open = 0; open < 2; open++) {
		OK(store_open(f->path, &store, err, sizeof err));
		if (store_projection_problem(store)) fail_msg("%s", store_projection_problem(store));
		const char *notice = store_notice(store);
		assert_non_null(notice);
		char first[64];
		snprintf(first, sizeof first, "the first is event 3 (session %.8s, type contribution)", sid);
		if (!strstr(notice, "3 events") || !strstr(notice, first) || !strstr(notice, "field item is missing"))
			fail_msg("unexpected notice: %s", notice);
		assert_int_equal(search_count(store, sid, "months"), 1);
		assert_int_equal(search_count(store, sid, "job"), 1);
		assert_int_equal(search_count(store, sid, "dup"), 0);
		assert_int_equal(report_count(store, NULL, "work", "success"), 1);
		struct store_session_info *list;
		int n;
		OK(store_session_list(store, &list, &n, err, sizeof err));
		assert_int_equal(list[0].n_contributions, 3);
		store_session_list_free(list, n);
		store_close(store);
	}

	/* The bookmark deleted: the derived tables are derived again, nothing doubled. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "DELETE FROM projected");
	sqlite3_close(db);
	OK(store_open(f->path, &store, err, sizeof err));
	assert_null(store_projection_problem(store));
	assert_non_null(store_notice(store));
	assert_non_null(strstr(store_notice(store), "derived again"));
	assert_int_equal(search_count(store, sid, "months"), 1);
	assert_int_equal(report_count(store, NULL, "work", "success"), 1);
	assert_int_equal(report_count(store, NULL, "language", "obstacle"), 1);
	store_close(store);
	OK(store_open(f->path, &store, err, sizeof err));
	assert_null(strstr(store_notice(store), "derived again"));
	store_close(store);
}

static const struct store_report_row *report_find(const struct store_report_row *rows, int n, const char *code,
	const char *kind)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].code, code) == 0 && strcmp(rows[i].kind, kind) == 0)
			return &rows[i];
	return NULL;
}

static int64_t report_count(struct store *store, const struct store_report_filter *filter, const char *code,
	const char *kind)
{
	char err[512];
	struct store_report_row *rows;
	int n;
	OK(store_report(store, filter, &rows, &n, err, sizeof err));
	const struct store_report_row *row = report_find(rows, n, code, kind);
	int64_t count = row ? row->contributions : 0;
	free(rows);
	return count;
}


/* What schema 10 derives stays equal to what it is derived from: each session's first and
 * last event up to projected.seq (session_seqs) and each contribution's codes as
 * contribution_tags holds them (contributions.codes), and search_index, which reads the
 * codes through search_content, matches its content (FTS5's integrity-check). */
static void assert_derived_in_step(const char *path)
{
	char *bad = other_connection_pragma(path,
		"SELECT (SELECT count(*) FROM contributions c WHERE c.codes IS NOT coalesce((SELECT group_concat(t.code, ' ')"
		" FROM contribution_tags t WHERE t.contribution = c.id), '')) || ' ' || (SELECT count(*) FROM"
		" (SELECT session, min(seq), max(seq) FROM events WHERE seq <= (SELECT seq FROM projected) GROUP BY session"
		" EXCEPT SELECT session, first_seq, last_seq FROM session_seqs)) || ' ' || (SELECT count(*) FROM"
		" (SELECT session, first_seq, last_seq FROM session_seqs EXCEPT SELECT session, min(seq), max(seq) FROM events"
		" WHERE seq <= (SELECT seq FROM projected) GROUP BY session))");
	assert_string_equal(bad, "0 0 0");
	free(bad);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "INSERT INTO search_index (search_index) VALUES ('integrity-check')");
	sqlite3_close(db);
}

/* The codes a search shows for its hits, "seq:codes" newest first. */
static void search_codes(struct store *store, const char *query, const struct store_search_filter *filter, char *out,
	size_t size)
{
	char err[512] = "";
	struct store_search_match *hits;
	int n;
	OK(store_search_filtered(store, query, filter, NULL, 50, &hits, &n, err, sizeof err));
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%lld:%s", i ? " " : "", (long long)hits[i].seq,
			hits[i].codes ? hits[i].codes : "");
	store_search_matches_free(hits, n);
}

/* The trigram index holds exactly the contributions whose text has a CJK character (n of
 * them), and agrees with its content (FTS5's integrity-check against contributions_cjk). */
static void assert_trigram_holds(const char *path, int n)
{
	char want[32];
	snprintf(want, sizeof want, "%d", n);
	char *held = other_connection_pragma(path, "SELECT count(*) FROM contributions_trigram_docsize");
	assert_string_equal(held, want);
	free(held);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "INSERT INTO contributions_trigram (contributions_trigram, rank) VALUES ('integrity-check', 1)");
	sqlite3_close(db);
}

/* Schema 12: the projection chooses the texts of the trigram index with the C test of
 * STORE_CJK_CLASS (klankbord_cjk), while its view and its edit and deletion triggers use
 * SQLite's GLOB of the same class: they must agree on every text, or the index and its
 * content part. Checked at each range's ends and beside them, on code points of the
 * scripts of the room, on punctuation and emoji that start with the same UTF-8 bytes, and
 * on texts holding several. */
static void put_utf8(unsigned cp, char **out)
{
	unsigned char *p = (unsigned char *)*out;
	if (cp < 0x80)
		*p++ = (unsigned char)cp;
	else if (cp < 0x800)
		*p++ = (unsigned char)(0xc0 | cp >> 6), *p++ = (unsigned char)(0x80 | (cp & 63));
	else if (cp < 0x10000)
		*p++ = (unsigned char)(0xe0 | cp >> 12), *p++ = (unsigned char)(0x80 | (cp >> 6 & 63)),
		*p++ = (unsigned char)(0x80 | (cp & 63));
	else
		*p++ = (unsigned char)(0xf0 | cp >> 18), *p++ = (unsigned char)(0x80 | (cp >> 12 & 63)),
		*p++ = (unsigned char)(0x80 | (cp >> 6 & 63)), *p++ = (unsigned char)(0x80 | (cp & 63));
	*out = (char *)p;
}

static void test_cjk_function_agrees_with_glob(void **state)
{
	(void)state;
	static const unsigned edges[] = { 0x2e80, 0x9fff, 0xac00, 0xd7af, 0xf900, 0xfaff, 0xff66, 0xff9f, 0x20000, 0x3ffff };
	static const unsigned others[] = { 'a', 0xe9, 0x627, 0x6cc, 0x1208, 0x12a0, 0x2019, 0x2026, 0x20ac, 0x2ff0,
		0x3042, 0x30ab, 0x4e00, 0x1f642, 0x1f1f3, 0xfe0f, 0xffff, 0x10000, 0x40000, 0x10ffff };
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(store_cjk_register(db), SQLITE_OK);
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT " STORE_CJK_FUNCTION "(?1), ?1 GLOB " STORE_CJK_GLOB, -1, &stmt,
		NULL), SQLITE_OK);
	unsigned cps[3 * (sizeof edges / sizeof edges[0]) + sizeof others / sizeof others[0]];
	size_t n = 0;
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		cps[n++] = edges[i] - 1;
		cps[n++] = edges[i];
		cps[n++] = edges[i] + 1;
	}
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		cps[n++] = others[i];
	int agreed = 0, cjk = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j += 7) {
			char text[64], *p = text;
			memcpy(p, "wacht ", 6);
			p += 6;
			put_utf8(cps[i], &p);
			*p++ = ' ';
			put_utf8(cps[j], &p);
			*p = '\0';
			sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
			int ours = sqlite3_column_int(stmt, 0), glob = sqlite3_column_int(stmt, 1);
			if (ours != glob)
				fail_msg("U+%04X U+%04X: klankbord_cjk %d, GLOB %d", cps[i], cps[j], ours, glob);
			assert_int_equal(store_cjk_text(text), glob);
			sqlite3_reset(stmt);
			agreed++;
			cjk += glob;
		}
	/* both answers occur, so the comparison is not of two constant tests */
	assert_true(cjk > 0 && cjk < agreed);
	sqlite3_bind_null(stmt, 1);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* The trigram index (migration 11) holds only texts with a Chinese, Japanese or Korean
 * character, through contributions, edits from CJK to Latin and back, a retraction, the
 * erasure of a participant and of a session, and a rebuild; a CJK search finds the same. */
static void test_trigram_holds_cjk_only(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[1024] = "", got[512], want[512];
	OK(store_open(f->path, &store, err, sizeof err));
	assert_trigram_holds(f->path, 0);
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "a1", "Gemeente Utrecht");
	add_report_session(store, "b1", "Gemeente Zwolle");
	int64_t k0 = append_contribution(store, "a1", "k0", "E01", "obstacle", "第一周我住在临时住所", "[]");
	int64_t k1 = append_contribution(store, "a1", "k1", "E02", "obstacle", "lessons far", "[]");
	int64_t k2 = append_contribution(store, "b1", "k2", "E01", "idea", "临时住所 again, 한국어", "[]");
	append_contribution(store, "b1", "k3", "E02", "idea", "lessons online", "[]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_trigram_holds(f->path, 2);
	search_codes(store, "临时住所", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld: %lld:", (long long)k2, (long long)k0);
	assert_string_equal(got, want);

	/* CJK -> Latin, Latin -> CJK, CJK -> CJK */
	OK(store_begin(store, err, sizeof err));
	append_edit(store, "a1", "k0", "obstacle", "first week in temporary housing", "[]");
	append_edit(store, "a1", "k1", "obstacle", "lessons far from 临时住所", "[]");
	append_edit(store, "b1", "k2", "idea", "临时住所 once more", "[]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_trigram_holds(f->path, 2);
	search_codes(store, "临时住所", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld: %lld:", (long long)k2, (long long)k1);
	assert_string_equal(got, want);
	search_codes(store, "temporary", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld:", (long long)k0);
	assert_string_equal(got, want);

	/* a retraction keeps the text (and the index row); the search leaves it out */
	OK(store_begin(store, err, sizeof err));
	append_retract(store, "b1", "k2");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_trigram_holds(f->path, 2);
	search_codes(store, "临时住所", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld:", (long long)k1);
	assert_string_equal(got, want);

	/* erasing E02 of a1 (a CJK text) and E01 of a1 (a Latin one now), then session b1 */
	OK(store_begin(store, err, sizeof err));
	OK(store_erase_begin(store, err, sizeof err));
	struct store_erased erased = { 0 };
	OK(store_erase_participant(store, "a1", "E02", "session: {title: Evening}", 25, &erased, err, sizeof err));
	OK(store_erase_participant(store, "a1", "E01", "session: {title: Evening}", 25, &erased, err, sizeof err));
	OK(store_erase_end(store, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	assert_trigram_holds(f->path, 1);
	search_codes(store, "临时住所", NULL, got, sizeof got);
	assert_string_equal(got, "");
	OK(store_begin(store, err, sizeof err));
	OK(store_erase_begin(store, err, sizeof err));
	erased = (struct store_erased){ 0 };
	OK(store_erase_session(store, "b1", 3000, &erased, err, sizeof err));
	OK(store_erase_end(store, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	assert_trigram_holds(f->path, 0);

	/* a new CJK text, then everything derived again from the events */
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "c1", "Gemeente Utrecht");
	int64_t k5 = append_contribution(store, "c1", "k5", "E01", "quote", "ｱﾊﾟｰﾄ and 𠀀", "[]");
	append_contribution(store, "c1", "k6", "E02", "quote", "nothing of the kind", "[]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_trigram_holds(f->path, 1);
	store_close(store);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "DELETE FROM projected");
	sqlite3_close(db);
	OK(store_open(f->path, &store, err, sizeof err));
	assert_trigram_holds(f->path, 1);
	search_codes(store, "ｱﾊﾟｰﾄ", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld:", (long long)k5);
	assert_string_equal(got, want);
	store_close(store);
}

/* The per-session seq range and the codes column follow contributions, edits that add and
 * take off codes, retractions, events the projection has not passed yet, the erasure of a
 * participant whose line was the session's last, the erasure of a session, and a rebuild. */
static void test_seq_ranges_and_codes_follow(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[1024] = "", got[512], want[512];
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "a1", "Gemeente Utrecht");
	add_report_session(store, "b1", "Gemeente Zwolle");
	int64_t k0 = append_contribution(store, "a1", "k0", "E01", "obstacle", "lessons far", "[\"work\", \"language\", \"work\"]");
	int64_t k1 = append_contribution(store, "b1", "k1", "E01", "idea", "lessons online", "[]");
	int64_t k2 = append_contribution(store, "a1", "k2", "E02", "recommendation", "more lessons", "[\"language\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_derived_in_step(f->path);
	search_codes(store, "lessons", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld:language %lld: %lld:language work", (long long)k2, (long long)k1, (long long)k0);
	assert_string_equal(got, want);

	/* an edit that adds one code and takes another off, an edit of an uncoded one, a retraction */
	OK(store_begin(store, err, sizeof err));
	append_json(store, "a1", EVENT_TYPE_EDIT, "{\"contribution\":\"k0\",\"text\":\"lessons too far\","
		"\"tags\":[\"housing\"],\"removed\":[\"work\"]}");
	append_edit(store, "b1", "k1", "idea", "lessons online, at night", "[\"work\"]");
	append_retract(store, "a1", "k2");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_derived_in_step(f->path);
	search_codes(store, "lessons", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld:work %lld:housing language", (long long)k1, (long long)k0);
	assert_string_equal(got, want);
	struct store_search_filter housing = { .code = "housing" }, utrecht = { .organisation = "Gemeente Utrecht" };
	search_codes(store, NULL, &housing, got, sizeof got);
	snprintf(want, sizeof want, "%lld:housing language", (long long)k0);
	assert_string_equal(got, want);

	/* events after projected.seq: a /recommend in a session the projection has not seen yet
	 * is found session by session, and its session has no range until it is projected */
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "c1", "Gemeente Utrecht");
	int64_t rec = append_json(store, "c1", EVENT_TYPE_RECOMMENDATION, "{\"id\":\"r1\",\"item\":\"round\","
		"\"text\":\"lessons for parents\"}");
	OK(store_insert_recommendation(store, rec, "r1", "c1", "round", "lessons for parents", err, sizeof err));
	int64_t k3 = append_contribution(store, "a1", "k3", "E02", "quote", "lessons are the key", "[\"language\"]");
	OK(store_commit(store, err, sizeof err));
	char *ranged = other_connection_pragma(f->path, "SELECT count(*) FROM session_seqs WHERE session = 'c1'");
	assert_string_equal(ranged, "0");
	free(ranged);
	search_codes(store, "lessons", &utrecht, got, sizeof got);
	snprintf(want, sizeof want, "%lld: %lld:housing language", (long long)rec, (long long)k0);
	assert_string_equal(got, want);
	OK(store_project(store, NULL, err, sizeof err));
	assert_derived_in_step(f->path);
	search_codes(store, "lessons", &utrecht, got, sizeof got);
	snprintf(want, sizeof want, "%lld:language %lld: %lld:housing language", (long long)k3, (long long)rec,
		(long long)k0);
	assert_string_equal(got, want);

	/* erasing E02 of a1, whose quote was a1's last event: a1's range ends before it */
	OK(store_begin(store, err, sizeof err));
	OK(store_erase_begin(store, err, sizeof err));
	struct store_erased erased = { 0 };
	OK(store_erase_participant(store, "a1", "E02", "session: {title: Evening}", 25, &erased, err, sizeof err));
	OK(store_erase_end(store, err, sizeof err));
	append_json(store, "a1", EVENT_TYPE_ERASURE, "{\"scope\":\"participant\",\"participant\":\"E02\"}");
	OK(store_commit(store, err, sizeof err));
	assert_derived_in_step(f->path);
	char *last = other_connection_pragma(f->path, "SELECT last_seq FROM session_seqs WHERE session = 'a1'");
	assert_true(atoll(last) < k3);
	free(last);
	search_codes(store, "lessons", &utrecht, got, sizeof got);
	snprintf(want, sizeof want, "%lld: %lld:housing language", (long long)rec, (long long)k0);
	assert_string_equal(got, want);
	OK(store_project(store, NULL, err, sizeof err));
	assert_derived_in_step(f->path);

	/* erasing session b1: its range is its erasure event alone, once projected */
	OK(store_begin(store, err, sizeof err));
	OK(store_erase_begin(store, err, sizeof err));
	erased = (struct store_erased){ 0 };
	OK(store_erase_session(store, "b1", 3000, &erased, err, sizeof err));
	OK(store_erase_end(store, err, sizeof err));
	int64_t gone = append_json(store, "b1", EVENT_TYPE_ERASURE, "{\"scope\":\"session\"}");
	OK(store_commit(store, err, sizeof err));
	assert_derived_in_step(f->path);
	OK(store_project(store, NULL, err, sizeof err));
	assert_derived_in_step(f->path);
	char *b1 = other_connection_pragma(f->path, "SELECT first_seq || ' ' || last_seq FROM session_seqs WHERE session = 'b1'");
	snprintf(want, sizeof want, "%lld %lld", (long long)gone, (long long)gone);
	assert_string_equal(b1, want);
	free(b1);
	search_codes(store, "lessons", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld: %lld:housing language", (long long)rec, (long long)k0);
	assert_string_equal(got, want);
	store_close(store);

	/* the bookmark gone: everything is derived again from the events, the same */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "DELETE FROM projected");
	sqlite3_close(db);
	OK(store_open(f->path, &store, err, sizeof err));
	assert_derived_in_step(f->path);
	search_codes(store, "lessons", NULL, got, sizeof got);
	assert_string_equal(got, want);
	store_close(store);
}

/* A version-9 file opened read-only cannot be migrated: search (session by session and
 * across sessions) and the report read it through the TEMP views that stand in for
 * session_seqs and contributions.codes, and the file is left byte for byte as it was. */
static void test_read_only_version_9(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[1024] = "", got[512], want[512];
	OK(store_open(f->path, &store, err, sizeof err));
	OK(store_begin(store, err, sizeof err));
	add_report_session(store, "a1", "Gemeente Utrecht");
	add_report_session(store, "b1", "Gemeente Zwolle");
	int64_t k0 = append_contribution(store, "a1", "k0", "E01", "recommendation", "more lessons", "[\"work\", \"language\"]");
	int64_t k1 = append_contribution(store, "b1", "k1", "E01", "idea", "lessons online", "[\"work\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	store_close(store);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "BEGIN; DROP TABLE session_seqs; DROP VIEW search_content; ALTER TABLE contributions DROP COLUMN codes;"
		" CREATE VIEW search_content AS SELECT c.seq AS seq, c.text AS text, coalesce((SELECT group_concat(t.code, ' ')"
		" FROM contribution_tags t WHERE t.contribution = c.id), '') AS codes, c.kind AS kind FROM contributions c;"
		" PRAGMA user_version = 9; COMMIT; PRAGMA journal_mode = DELETE");
	sqlite3_close(db);
	size_t len, len2;
	char *before = read_file(f->path, &len);
	OK(store_open_mode(f->path, STORE_READ_ONLY, STORE_CHECK_AUTO, &store, err, sizeof err));
	struct store_search_filter utrecht = { .organisation = "Gemeente Utrecht" }, prefix = { .session = "b" };
	search_codes(store, "lessons", &utrecht, got, sizeof got);
	snprintf(want, sizeof want, "%lld:language work", (long long)k0);
	assert_string_equal(got, want);
	search_codes(store, NULL, &prefix, got, sizeof got);
	snprintf(want, sizeof want, "%lld:work", (long long)k1);
	assert_string_equal(got, want);
	search_codes(store, "lessons", NULL, got, sizeof got);
	snprintf(want, sizeof want, "%lld:work %lld:language work", (long long)k1, (long long)k0);
	assert_string_equal(got, want);
	struct store_report_scope scope = { 0 };
	struct store_report_session *sessions;
	struct store_report_contribution *list;
	int n_sessions, n;
	OK(store_report_sessions(store, &scope, &sessions, &n_sessions, err, sizeof err));
	OK(store_report_contributions(store, sessions, n_sessions, NULL, NULL, &list, &n, err, sizeof err));
	assert_int_equal(n, 1); /* the recommendation */
	assert_string_equal(list[0].codes, "language work");
	store_report_contributions_free(list, n);
	store_report_sessions_free(sessions, n_sessions);
	store_close(store);
	char *after = read_file(f->path, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(before, after, len);
	free(before);
	free(after);
}

/* A database written by a version-1 build (the schema without the report table and its
 * indexes, user_version 1) with contributions in it: opening it migrates to version 2
 * and fills report_counts from what is stored; the triggers keep it in step afterwards. */
static void test_migrates_version_1(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char err[512];
	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	store_close(store);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec_ok(db, "BEGIN;"
		"DROP TRIGGER report_contribution_update; DROP TABLE report_counts;"
		" DROP INDEX sessions_organisation; DROP INDEX sessions_date; DROP TABLE projected;"
		" DROP TABLE projection_skipped; DROP TABLE free_space; DROP TABLE recommendation_status; DROP TABLE consoles;"
		" ALTER TABLE events DROP COLUMN input_line;"
		" DROP TABLE search_index; DROP VIEW search_content;"
		" DROP TRIGGER contributions_trigram_delete; DROP TRIGGER contributions_trigram_update;"
		" DROP TABLE contributions_trigram; DROP VIEW contributions_cjk; DROP TRIGGER recommendations_fts_insert;"
		" DROP TRIGGER recommendations_fts_delete; DROP TABLE recommendations_fts; DROP VIEW recommendation_content;"
		" DROP INDEX contributions_recommended; DROP INDEX contributions_quotable; DROP INDEX recommendations_session;"
		" DROP INDEX participants_id; DROP INDEX items_id; DROP INDEX sessions_day;"
		" DROP TABLE session_seqs; ALTER TABLE contributions DROP COLUMN codes;"
		/* version 1's index of the text alone, which migration 13 drops */
		"CREATE VIRTUAL TABLE contributions_fts USING fts5("
		" text, content='contributions', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');"
		"CREATE TRIGGER contributions_fts_insert AFTER INSERT ON contributions BEGIN"
		" INSERT INTO contributions_fts(rowid, text) VALUES (new.seq, new.text); END;"
		"CREATE TRIGGER contributions_fts_delete AFTER DELETE ON contributions BEGIN"
		" INSERT INTO contributions_fts(contributions_fts, rowid, text) VALUES ('delete', old.seq, old.text); END;"
		"CREATE TRIGGER contributions_fts_update AFTER UPDATE OF text ON contributions BEGIN"
		" INSERT INTO contributions_fts(contributions_fts, rowid, text) VALUES ('delete', old.seq, old.text);"
		" INSERT INTO contributions_fts(rowid, text) VALUES (new.seq, new.text); END;"
		" PRAGMA user_version = 1;"
		"INSERT INTO sessions (id, title, organisation, date, started_at, agenda_yaml, console)"
		" VALUES ('s1', 'One', 'Nijmegen', '2024-03-01', 1, 'x', 'c'), ('s2', 'Two', 'Utrecht', '2025-05-01', 2, 'x', 'c');"
		"INSERT INTO items (session, id, position, title, planned_seconds) VALUES ('s1', 'i', 0, 'I', 60), ('s2', 'i', 0, 'I', 60);"
		"INSERT INTO events (seq, session, at, console, type, payload) VALUES (1, 's1', 1, 'c', 'contribution', '{}'),"
		" (2, 's1', 1, 'c', 'contribution', '{}'), (3, 's1', 1, 'c', 'contribution', '{}'), (4, 's2', 1, 'c', 'contribution', '{}');"
		"INSERT INTO contributions (seq, id, session, item, kind, text, at, console, retracted) VALUES"
		" (1, 'c1', 's1', 'i', 'obstacle', 'waited for lessons', 1, 'c', 0),"
		" (2, 'c2', 's1', 'i', 'obstacle', 'no childcare', 1, 'c', 0),"
		" (3, 'c3', 's1', 'i', 'obstacle', 'retracted one', 1, 'c', 1),"
		" (4, 'c4', 's2', 'i', 'idea', 'language cafe', 1, 'c', 0);"
		"INSERT INTO contribution_tags (contribution, code) VALUES ('c1', 'language'), ('c2', 'language'),"
		" ('c2', 'work'), ('c3', 'language'), ('c4', 'language');"
		"COMMIT;");
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'report%'", -1, &stmt,
		NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);

	assert_int_equal(store_open(f->path, &store, err, sizeof err), 0);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'contributions_fts%'",
		-1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);

	assert_int_equal(report_count(store, NULL, "language", "obstacle"), 2);
	assert_int_equal(report_count(store, NULL, "", "obstacle"), 2);
	/* The consoles' registry was filled from the log: console c of each session, not open. */
	struct store_console *consoles;
	int n_consoles;
	OK(store_consoles(store, "s1", &consoles, &n_consoles, err, sizeof err));
	assert_int_equal(n_consoles, 1);
	assert_string_equal(consoles[0].name, "c");
	assert_false(consoles[0].live);
	free(consoles);
	/* Migration 5 filled the search index of text, codes and kinds from what was stored. */
	struct store_search_match *matches;
	int n_hits;
	OK(store_search_filtered(store, "work", NULL, NULL, 10, &matches, &n_hits, err, sizeof err));
	assert_int_equal(n_hits, 1);
	assert_string_equal(matches[0].codes, "language work");
	store_search_matches_free(matches, n_hits);
	OK(store_search_filtered(store, "obstacle", NULL, NULL, 10, &matches, &n_hits, err, sizeof err));
	assert_int_equal(n_hits, 2);
	store_search_matches_free(matches, n_hits);
	assert_int_equal(report_count(store, NULL, "work", "obstacle"), 1);
	assert_int_equal(report_count(store, NULL, "language", "idea"), 1);
	struct store_report_filter nijmegen = { .organisation = "Nijmegen" };
	assert_int_equal(report_count(store, &nijmegen, "language", "idea"), 0);
	assert_int_equal(report_count(store, &nijmegen, "language", "obstacle"), 2);
	struct store_report_filter y2025 = { .date_from = "2025-01-01", .date_to = "2025-12-31" };
	assert_int_equal(report_count(store, &y2025, "language", "obstacle"), 0);
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 1);

	/* New writes, edits of kind and retractions move the counts once projected. */
	char cid[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(cid));
	OK(store_begin(store, err, sizeof err));
	append_contribution(store, "s2", cid, NULL, "idea", "a language cafe with neighbours",
		"[\"language\", \"bridges\"]");
	OK(store_commit(store, err, sizeof err));
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 1);
	OK(store_project(store, NULL, err, sizeof err));
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 2);
	assert_int_equal(report_count(store, &y2025, "bridges", "idea"), 1);
	assert_int_equal(report_count(store, &y2025, "", "idea"), 2);

	OK(store_begin(store, err, sizeof err));
	append_edit(store, "s2", cid, "success", "work at a language cafe", "[\"work\"]");
	OK(store_project(store, NULL, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 1);
	assert_int_equal(report_count(store, &y2025, "language", "success"), 1);
	assert_int_equal(report_count(store, &y2025, "work", "success"), 1);
	assert_int_equal(report_count(store, &y2025, "", "success"), 1);

	OK(store_begin(store, err, sizeof err));
	append_retract(store, "s2", cid);
	OK(store_project(store, NULL, err, sizeof err));
	OK(store_commit(store, err, sizeof err));
	assert_int_equal(report_count(store, &y2025, "language", "success"), 0);
	assert_int_equal(report_count(store, &y2025, "", "success"), 0);
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 1);

	/* The same three events projected at once leave the same counts. */
	char cid2[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(cid2));
	OK(store_begin(store, err, sizeof err));
	append_contribution(store, "s2", cid2, NULL, "idea", "a language cafe with neighbours",
		"[\"language\", \"bridges\"]");
	append_edit(store, "s2", cid2, "success", "work at a language cafe", "[\"work\"]");
	append_retract(store, "s2", cid2);
	OK(store_commit(store, err, sizeof err));
	int64_t projected;
	OK(store_project(store, &projected, err, sizeof err));
	assert_int_equal(projected, 3);
	assert_int_equal(report_count(store, &y2025, "language", "success"), 0);
	assert_int_equal(report_count(store, &y2025, "work", "success"), 0);
	assert_int_equal(report_count(store, &y2025, "bridges", "idea"), 0);
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 1);

	/* Schema 13: an edit that only adds a code counts it once, in the kind the contribution
	 * has, and leaves its other counts; one on a retracted contribution counts nothing. */
	char cid3[UUID_TEXT_LEN + 1];
	assert_true(uuid_v4(cid3));
	OK(store_begin(store, err, sizeof err));
	append_contribution(store, "s2", cid3, NULL, "idea", "evening lessons", "[\"language\"]");
	append_edit(store, "s2", cid3, "idea", "evening lessons", "[\"work\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 2);
	assert_int_equal(report_count(store, &y2025, "work", "idea"), 1);
	assert_int_equal(report_count(store, &y2025, "", "idea"), 2);
	OK(store_begin(store, err, sizeof err));
	append_retract(store, "s2", cid3);
	append_edit(store, "s2", cid3, "idea", "evening lessons", "[\"health\"]");
	OK(store_commit(store, err, sizeof err));
	OK(store_project(store, NULL, err, sizeof err));
	assert_int_equal(report_count(store, &y2025, "health", "idea"), 0);
	assert_int_equal(report_count(store, &y2025, "work", "idea"), 0);
	assert_int_equal(report_count(store, &y2025, "language", "idea"), 1);
	assert_int_equal(report_count(store, &y2025, "", "idea"), 1);

	/* Search across sessions: snippets with marks, newest first, retracted ones left out. */
	struct store_search_hit *hits;
	int n;
	OK(store_search_snippets(store, "language OR lessons OR retracted", NULL, 10, &hits, &n, err, sizeof err));
	assert_int_equal(n, 2);
	assert_int_equal(hits[0].seq, 4);
	assert_string_equal(hits[0].title, "Two");
	assert_string_equal(hits[0].organisation, "Utrecht");
	assert_string_equal(hits[0].date, "2025-05-01");
	assert_null(hits[0].participant);
	assert_string_equal(hits[0].kind, "idea");
	assert_string_equal(hits[0].snippet, "[language] cafe");
	assert_string_equal(hits[1].snippet, "waited for [lessons]");
	store_search_hits_free(hits, n);
	assert_int_equal(store_search_snippets(store, "\"unclosed", NULL, 10, &hits, &n, err, sizeof err), EX_DATAERR);
	assert_null(hits);
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
	assert_non_null(strstr(err, "HOME is not set"));
	setenv("HOME", "home/amal", 1);
	assert_null(store_default_path(err, sizeof err));
	assert_non_null(strstr(err, "HOME is not an absolute path"));
	unsetenv("HOME");
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
		cmocka_unit_test_setup_teardown(test_unsynced_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_outside_transaction_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_marked_foreign_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_check_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erasure_lifts_the_rule_only_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wal_damage_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampering_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_projection_follows_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_projection_resolves_ref_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_events_skipped_and_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_consent_and_organisation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steered_search_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seq_ranges_and_codes_follow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trigram_holds_cjk_only, setup, teardown),
		cmocka_unit_test(test_cjk_function_agrees_with_glob),
		cmocka_unit_test_setup_teardown(test_read_only_version_9, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_append_only_and_iterated, setup, teardown),
		cmocka_unit_test(test_uuids),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
