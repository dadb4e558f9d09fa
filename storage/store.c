/* store: see store.h. This file is the connection: finding, creating and opening the
 * file, the checks before trusting it, its settings, transactions and checkpoints. The
 * schema is storage/store_schema.c; writes, the projection, reads and queries have a
 * file each (storage/store_write.c, store_project.c, store_read.c, store_query.c). */
#include "storage/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "sessions/errmsg.h"
#include "storage/store_cjk.h"
#include "storage/store_db.h"
#include "storage/store_files.h"
#include "storage/store_project.h"
#include "storage/store_schema.h"

static const char SQL_BEGIN[] =
	"BEGIN IMMEDIATE";
static const char SQL_COMMIT[] =
	"COMMIT";
static const char SQL_ROLLBACK[] =
	"ROLLBACK";
static const char SQL_SYNCHRONOUS_NORMAL[] =
	"PRAGMA synchronous = NORMAL";
static const char SQL_SYNCHRONOUS_FULL[] =
	"PRAGMA synchronous = FULL";
static const char SQL_DATA_VERSION[] =
	"PRAGMA data_version";

/* ---- paths ---- */

char *store_default_path(char *err, size_t errlen)
{
	const char *base = getenv("XDG_DATA_HOME");
	const char *suffix = "/klankbord/klankbord.db";
	if (!base || base[0] != '/') {
		base = getenv("HOME");
		suffix = "/.local/share/klankbord/klankbord.db";
		if (!base || base[0] != '/') {
			errmsg_fail(err, errlen, "cannot find a place for the database: HOME is %s;"
				" give one with --db PATH or KLANKBORD_DB", !base || !base[0] ? "not set" : "not an absolute path");
			return NULL;
		}
	}
	size_t len = strlen(base) + strlen(suffix) + 1;
	char *path = malloc(len);
	if (!path) {
		errmsg_fail(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(path, len, "%s%s", base, suffix);
	return path;
}

/* Creates the folders leading to path (not path itself) with mode 0700. */
static int make_parents(const char *path, char *err, size_t errlen)
{
	char *dir = strdup(path);
	if (!dir) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; rc == 0; p++) {
			bool last = *p == '\0';
			if (*p != '/' && !last)
				continue;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				errmsg_fail(err, errlen, "cannot create the folder %s for the database: %s", dir, strerror(errno));
				rc = EX_CANTCREAT;
			}
			if (last)
				break;
			*p = '/';
		}
	}
	free(dir);
	return rc;
}

/* ---- opening ---- */

static int quick_check(struct store *store, char *err, size_t errlen)
{
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "PRAGMA quick_check", -1, &stmt, NULL);
	if (r != SQLITE_OK)
		return store_db_fail(store, r, "check", err, errlen);
	r = sqlite3_step(stmt);
	int rc = 0;
	if (r != SQLITE_ROW) {
		rc = store_db_fail(store, r, "check", err, errlen);
	} else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
		errmsg_fail(err, errlen, "the database %s is damaged; restore it from a backup (SQLite quick_check: %s)",
			store->path, (const char *)sqlite3_column_text(stmt, 0));
		rc = EX_DATAERR;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Commits to PRAGMA journal_mode = WAL, which a network folder cannot give. */
static int use_wal(struct store *store, char *err, size_t errlen)
{
	sqlite3_stmt *stmt;
	int rc = 0;
	int r = sqlite3_prepare_v2(store->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
	if (r == SQLITE_OK && (r = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(stmt, 0), "wal") != 0) {
			errmsg_fail(err, errlen, "cannot use write-ahead logging for the database %s; keep it on a local"
				" disk, not a network folder", store->path);
			rc = EX_IOERR;
		}
	} else {
		rc = store_db_fail(store, r, "configure", err, errlen);
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int64_t monotonic_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* SQLite's busy handler while a notice is set: waits in short steps as busy_timeout does,
 * and tells the notice how long the wait has lasted. */
static int wait_for_lock(void *arg, int tries)
{
	enum { STEP_MS = 10, FIRST_NOTICE_MS = 250, NOTICE_EVERY_MS = 250 };
	struct store *store = arg;
	int64_t now = monotonic_ms();
	if (tries == 0)
		store->busy_since_ms = store->busy_noticed_ms = now;
	int64_t waited = now - store->busy_since_ms;
	if (waited >= store->busy_wait_ms)
		return 0;
	if (store->busy_notice && waited >= FIRST_NOTICE_MS && now - store->busy_noticed_ms >= NOTICE_EVERY_MS) {
		store->busy_noticed_ms = now;
		store->busy_notice(store->busy_ctx, (int)waited);
	}
	sqlite3_sleep(STEP_MS);
	return 1;
}

void store_set_busy_notice(struct store *store, store_busy_notice notice, void *ctx)
{
	store->busy_notice = notice;
	store->busy_ctx = ctx;
	if (notice)
		sqlite3_busy_handler(store->db, wait_for_lock, store);
	else
		sqlite3_busy_timeout(store->db, store->busy_wait_ms);
}

int store_set_busy_wait(struct store *store, int max_ms)
{
	int was = store->busy_wait_ms;
	store->busy_wait_ms = max_ms;
	if (!store->busy_notice)
		sqlite3_busy_timeout(store->db, max_ms);
	return was;
}

static int configure(struct store *store, enum store_check check, char *err, size_t errlen)
{
	store->busy_wait_ms = STORE_BUSY_TIMEOUT_MS;
	sqlite3_busy_timeout(store->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(store->db, 1);
	int rc = store_schema_identify(store, err, errlen);
	if (!rc && check == STORE_CHECK_FULL)
		rc = quick_check(store, err, errlen);
	if (!rc && !store->read_only)
		rc = store_db_exec(store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
			/* Deleted and replaced content is overwritten with zeros, freed pages too, so
			 * that an erasure leaves nothing behind without a VACUUM (docs/privacy.md). */
			" PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;"
			/* A session's writer checkpoints when it settles (sessions/session.h), every
			 * 256 lines of a stream: SQLite's own checkpoint at 1,000 pages of log came
			 * first, on whatever line crossed it (a line writes about four pages). This one
			 * only catches a writer that never settles. */
			" PRAGMA wal_autocheckpoint = 4000", "configure", err, errlen);
	if (!rc && !store->read_only)
		rc = use_wal(store, err, errlen);
	if (!rc && !store->read_only)
		rc = store_schema_upgrade(store, err, errlen);
	if (!rc)
		rc = store_schema_check_objects(store, check == STORE_CHECK_FULL, err, errlen);
	if (!rc && store->read_only)
		rc = store_schema_read_older(store, err, errlen);
	if (rc)
		return rc;
	/* Trusted from here: closing may checkpoint and remove the -wal again, as SQLite does. */
	if (!store->read_only)
		sqlite3_db_config(store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, (int *)NULL);

	/* Catch up on what a console that stopped (or crashed) left unprojected, so that every
	 * reader sees every committed contribution. A failure (a full disk, a busy database)
	 * does not stop the open: the events are all there, and export needs nothing else. */
	if (store->tampered)
		return 0; /* nothing runs its triggers: the notice says why */
	if (store->read_only)
		store_project_pending(store, store->projection_problem, sizeof store->projection_problem);
	else if (store_project(store, NULL, store->projection_problem, sizeof store->projection_problem) == 0)
		store->projection_problem[0] = '\0';
	else if (!store->projection_problem[0])
		snprintf(store->projection_problem, sizeof store->projection_problem, "unknown error");
	if (store->version >= 4)
		store_project_notice(store);
	return 0;
}

int store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	return store_open_mode(path, STORE_WRITE, STORE_CHECK_AUTO, out, err, errlen);
}

int store_open_checked(const char *path, enum store_check check, struct store **out, char *err, size_t errlen)
{
	return store_open_mode(path, STORE_WRITE, check, out, err, errlen);
}

/* STORE_CHECK_AUTO decided before SQLite opens (and recovers) the file: a full check
 * for a small database, or when a non-empty -wal file says the last writer did not close. */
static enum store_check decide_check(const struct store_files *files, enum store_check check)
{
	if (check != STORE_CHECK_AUTO)
		return check;
	if (files->size <= STORE_QUICK_CHECK_MAX_BYTES || (files->wal && files->wal_size > 0))
		return STORE_CHECK_FULL;
	return STORE_CHECK_IDENTITY;
}

/* Whether the reader can write the file and its folder (a read-only mount says no even
 * to root). */
static bool writable(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		return false;
	char *slash = strrchr(dir, '/');
	const char *folder = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	bool ok = access(path, W_OK) == 0 && access(folder, W_OK) == 0;
	free(dir);
	return ok;
}

/* file:PATH?QUERY with the path percent-encoded (SQLite's URI rules). */
static char *read_only_uri(const char *path, const char *query)
{
	size_t len = strlen(path);
	char *uri = malloc(len * 3 + strlen(query) + 16);
	if (!uri)
		return NULL;
	char *p = uri + sprintf(uri, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || strchr("/._-~", *c))
			*p++ = (char)*c;
		else
			p += sprintf(p, "%%%02X", *c);
	}
	sprintf(p, "?%s", query);
	return uri;
}

/* Opens the connection: read-write (creating the file), or read-only. Without a -wal,
 * read-only is SQLite's immutable open, which creates no -wal or -shm and takes no lock
 * (nothing is writing: a writer keeps its -wal while it has the database open); with
 * one, mode=ro, which reads the log through the -shm beside it. */
static int connect(struct store *store, const struct store_files *files, char *err, size_t errlen)
{
	/* A connection is used by one thread only (klankbord has one): without its mutex,
	 * reading a column is a call, not a lock and an unlock (a report reads millions).
	 * Nothing reads SQLite's memory statistics, which lock a global mutex at every
	 * allocation (8,000 times to load a 2,000-entry log); the setting only takes before
	 * SQLite's first initialisation (the first open), and is refused harmlessly after. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (!store->read_only) {
		int r = sqlite3_open_v2(store->path, &store->db,
			SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
		if (r == SQLITE_OK)
			r = store_cjk_register(store->db);
		if (r == SQLITE_OK)
			return 0;
		errmsg_fail(err, errlen, "cannot open the database %s: %s", store->path,
			store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(r));
		return files->exists ? EX_IOERR : EX_CANTCREAT;
	}
	char *uri = read_only_uri(store->path, files->wal ? "mode=ro" : "immutable=1");
	if (!uri) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	int r = sqlite3_open_v2(uri, &store->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (r == SQLITE_OK)
		return 0;
	errmsg_fail(err, errlen, "cannot read the database %s: %s", store->path,
		store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(r));
	return EX_IOERR;
}

int store_open_mode(const char *path, enum store_mode mode, enum store_check check, struct store **out,
	char *err, size_t errlen)
{
	*out = NULL;
	struct store_files files;
	int rc = mode == STORE_WRITE ? make_parents(path, err, errlen) : 0;
	if (!rc)
		rc = store_files_look(path, &files, err, errlen);
	if (rc)
		return rc;
	if (!files.exists && mode != STORE_WRITE) {
		errmsg_fail(err, errlen, "there is no database %s: nothing was recorded there yet; give the database"
			" with --db PATH or KLANKBORD_DB", path);
		return EX_NOINPUT;
	}
	/* Nothing in the main file and no log beside it: SQLite would see an empty database. */
	if (files.size > 0 && files.no_schema && !(files.wal && files.wal_size > 0))
		return store_files_refuse_no_schema(path, err, errlen);
	if ((rc = store_files_check_wal(path, err, errlen)))
		return rc;
	check = decide_check(&files, check);
	struct store *store = calloc(1, sizeof *store);
	if (!store || !(store->path = strdup(path))) {
		free(store);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	store->reader = mode != STORE_WRITE;
	store->read_only = mode == STORE_READ_ONLY || (mode == STORE_READ && !writable(path));
	store->fresh = files.size == 0 && !files.wal && !files.shm;
	store->side_files = files.wal || files.shm;
	/* The database, -wal and -shm are created under this mask: readable by the owner only. */
	mode_t old_mask = umask(077);
	rc = connect(store, &files, err, errlen);
	/* Until the file is known to be ours and sound, closing must not checkpoint what SQLite
	 * read of the -wal into the file and then delete the -wal. */
	if (!rc)
		sqlite3_db_config(store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	if (!rc)
		rc = configure(store, check, err, errlen);
	umask(old_mask);
	if (!rc && !files.exists && chmod(path, 0600) != 0) {
		errmsg_fail(err, errlen, "cannot make the database %s private (chmod 0600): %s", path, strerror(errno));
		rc = EX_IOERR;
	}
	if (rc) {
		store_close(store);
		return rc;
	}
	*out = store;
	return 0;
}

bool store_read_only(const struct store *store)
{
	return store->read_only;
}

void store_close(struct store *store)
{
	if (!store)
		return;
	store_sync(store, NULL, 0); /* whatever was committed unsynced is on the disk before it goes */
	store_console_release(store);
	store_db_statements_free(store);
	sqlite3_close(store->db);
	free(store->pending.ids);
	free(store->path);
	free(store);
}

const char *store_path(const struct store *store)
{
	return store->path;
}

const char *store_notice(const struct store *store)
{
	return store->notice[0] ? store->notice : NULL;
}

const char *store_projection_problem(const struct store *store)
{
	return store->projection_problem[0] ? store->projection_problem : NULL;
}

int store_pragma_int(struct store *store, enum store_pragma pragma, int64_t *out, char *err, size_t errlen)
{
	static const char *const sql[] = {
		[STORE_PRAGMA_FOREIGN_KEYS] = "PRAGMA foreign_keys",
		[STORE_PRAGMA_SYNCHRONOUS] = "PRAGMA synchronous",
		[STORE_PRAGMA_BUSY_TIMEOUT] = "PRAGMA busy_timeout",
	};
	return store_db_pragma_int(store, sql[pragma], out, err, errlen);
}

int store_data_version(struct store *store, int64_t *out, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_DATA_VERSION, err, errlen, &rc);
	if (!stmt)
		return rc;
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	return rc;
}

int64_t store_commit_count(const struct store *store)
{
	return store->commits;
}

/* Puts synchronous back to FULL after a transaction begun unsynced. A pragma that touches
 * no file does not fail in practice; if it did, every synced transaction would refuse to
 * begin until it works, rather than run unsynced without anyone knowing. */
static int synchronous_full(struct store *store, char *err, size_t errlen)
{
	int rc = store->synchronous_normal ? store_db_run(store, SQL_SYNCHRONOUS_FULL, "configure", err, errlen, "") : 0;
	if (!rc)
		store->synchronous_normal = false;
	return rc;
}

/* store_begin() and store_begin_unsynced(). SQLite takes a change of synchronous only
 * between transactions, so it is set before BEGIN and put back after the end. */
static int begin(struct store *store, bool synced, bool owe_sync, char *err, size_t errlen)
{
	if (store->read_only) {
		errmsg_fail(err, errlen, "internal error: a write to %s, which was opened read-only", store->path);
		return EX_SOFTWARE;
	}
	if (store->in_transaction) {
		errmsg_fail(err, errlen, "internal error: a transaction on %s is already open", store->path);
		return EX_SOFTWARE;
	}
	int rc = 0;
	if (!synced && store_db_run(store, SQL_SYNCHRONOUS_NORMAL, "configure", NULL, 0, "") == 0)
		store->synchronous_normal = true; /* else synced after all: slower, never less safe */
	else
		rc = synchronous_full(store, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_BEGIN, "write to", err, errlen, "");
	store->in_transaction = rc == 0;
	store->changes_at_begin = sqlite3_total_changes64(store->db);
	store->owe_sync = owe_sync;
	if (rc)
		synchronous_full(store, NULL, 0);
	return rc;
}

int store_begin(struct store *store, char *err, size_t errlen)
{
	return begin(store, true, false, err, errlen);
}

int store_begin_unsynced(struct store *store, bool owe_sync, char *err, size_t errlen)
{
	return begin(store, false, owe_sync, err, errlen);
}

int store_commit(struct store *store, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_COMMIT, "write to", err, errlen, "");
	if (rc) {
		store_rollback(store);
	} else {
		store->commits++;
		/* a synced commit that wrote synced the log, and with it every unsynced one before */
		bool wrote = sqlite3_total_changes64(store->db) > store->changes_at_begin;
		if (store->synchronous_normal)
			store->sync_owed = store->sync_owed || (wrote && store->owe_sync);
		else
			store->sync_owed = store->sync_owed && !wrote;
	}
	store->in_transaction = false;
	synchronous_full(store, NULL, 0);
	return rc;
}

bool store_sync_owed(const struct store *store)
{
	return store->sync_owed;
}

int store_sync(struct store *store, char *err, size_t errlen)
{
	if (!store->sync_owed)
		return 0;
	/* In WAL mode the journal SQLite keeps open is the -wal (SQLITE_FCNTL_JOURNAL_POINTER);
	 * its xSync is the fdatasync a synced commit ends with. */
	sqlite3_file *log = NULL;
	int r = sqlite3_file_control(store->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log);
	if (r == SQLITE_OK && log && log->pMethods)
		r = log->pMethods->xSync(log, SQLITE_SYNC_NORMAL);
	if (r != SQLITE_OK)
		return store_db_fail(store, r, "write to", err, errlen);
	store->sync_owed = false;
	return 0;
}

void store_rollback(struct store *store)
{
	if (store)
		store->pending.valid = false; /* rows it read may be gone */
	if (store && !sqlite3_get_autocommit(store->db))
		store_db_run(store, SQL_ROLLBACK, "roll back", NULL, 0, "");
	if (store) {
		store->in_transaction = false;
		synchronous_full(store, NULL, 0);
	}
}

int store_checkpoint(struct store *store, char *err, size_t errlen)
{
	int in_log = -1, copied = -1;
	int r = sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &in_log, &copied);
	/* A checkpoint that copied the whole log synced the log and the database file first */
	if (r == SQLITE_OK && in_log >= 0 && copied == in_log)
		store->sync_owed = false;
	/* BUSY: another connection is checkpointing; it copies the same pages. */
	return r == SQLITE_OK || r == SQLITE_BUSY ? 0 : store_db_fail(store, r, "write to", err, errlen);
}

void store_read_in_bulk(struct store *store)
{
	/* Up to SQLite's limit (2 GB in Debian's build). Only for a reader: a writer keeps
	 * plain reads, so that a failing disk is an error to report, never a signal. */
	if (store->reader)
		sqlite3_exec(store->db, "PRAGMA mmap_size = 2147418112", NULL, NULL, NULL);
}
