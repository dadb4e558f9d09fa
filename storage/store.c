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
#include <unistd.h>

#include "sessions/errmsg.h"
#include "storage/store_db.h"
#include "storage/store_schema.h"

static const char SQL_BEGIN[] =
	"BEGIN IMMEDIATE";
static const char SQL_COMMIT[] =
	"COMMIT";
static const char SQL_ROLLBACK[] =
	"ROLLBACK";
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
			errmsg_fail(err, errlen, "cannot find a place for the database: HOME is not set;"
				" give one with --db PATH or KLANKBORD_DB");
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

/* Refuses a non-empty file that does not start with SQLite's header, before SQLite
 * gets a chance to touch it. */
static int check_header(const char *path, bool *exists, char *err, size_t errlen)
{
	static const char magic[16] = "SQLite format 3";
	*exists = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT)
			return 0;
		errmsg_fail(err, errlen, "cannot open the database %s: %s", path, strerror(e));
		return e == EACCES ? EX_NOPERM : e == ENOTDIR ? EX_CANTCREAT : EX_IOERR;
	}
	*exists = true;
	struct stat st;
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		errmsg_fail(err, errlen, "cannot use %s as the database: it is not a regular file; give the path of a"
			" file with --db", path);
		return EX_CANTCREAT;
	}
	char head[16];
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0) {
		errmsg_fail(err, errlen, "%s is not a klankbord database (not an SQLite file); it was left as it is."
			" Give another path with --db", path);
		return EX_DATAERR;
	}
	return 0;
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

static int configure(struct store *store, enum store_check check, char *err, size_t errlen)
{
	sqlite3_busy_timeout(store->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(store->db, 1);
	int rc = store_schema_identify(store, err, errlen);
	if (!rc && check == STORE_CHECK_FULL)
		rc = quick_check(store, err, errlen);
	if (!rc)
		rc = store_db_exec(store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", "configure", err, errlen);
	if (rc)
		return rc;
	sqlite3_stmt *stmt;
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
	if (rc)
		return rc;
	rc = store_schema_upgrade(store, err, errlen);
	/* Catch up on what a console that stopped (or crashed) left unprojected, so that every
	 * reader sees every committed contribution. A failure (a full disk, a busy database)
	 * does not stop the open: the events are all there, and export needs nothing else. */
	if (!rc && store_project(store, NULL, store->projection_problem, sizeof store->projection_problem) != 0
		&& !store->projection_problem[0])
		snprintf(store->projection_problem, sizeof store->projection_problem, "unknown error");
	return rc;
}

int store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	return store_open_checked(path, STORE_CHECK_AUTO, out, err, errlen);
}

/* STORE_CHECK_AUTO decided before SQLite opens (and recovers) the file: a full check
 * for a small database, or when a non-empty -wal file says the last writer did not close. */
static enum store_check decide_check(const char *path, enum store_check check)
{
	if (check != STORE_CHECK_AUTO)
		return check;
	struct stat db, wal;
	if (stat(path, &db) != 0 || db.st_size <= STORE_QUICK_CHECK_MAX_BYTES)
		return STORE_CHECK_FULL;
	char wal_path[PATH_MAX];
	int n = snprintf(wal_path, sizeof wal_path, "%s-wal", path);
	if (n < 0 || (size_t)n >= sizeof wal_path || (stat(wal_path, &wal) == 0 && wal.st_size > 0))
		return STORE_CHECK_FULL;
	return STORE_CHECK_IDENTITY;
}

int store_open_checked(const char *path, enum store_check check, struct store **out, char *err, size_t errlen)
{
	*out = NULL;
	int rc = make_parents(path, err, errlen);
	bool exists;
	if (!rc)
		rc = check_header(path, &exists, err, errlen);
	if (rc)
		return rc;
	check = decide_check(path, check);
	struct store *store = calloc(1, sizeof *store);
	if (!store || !(store->path = strdup(path))) {
		free(store);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	/* The database, -wal and -shm are created under this mask: readable by the owner only. */
	mode_t old_mask = umask(077);
	int r = sqlite3_open_v2(path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (r != SQLITE_OK) {
		errmsg_fail(err, errlen, "cannot open the database %s: %s", path,
			store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(r));
		rc = exists ? EX_IOERR : EX_CANTCREAT;
	} else {
		rc = configure(store, check, err, errlen);
	}
	umask(old_mask);
	if (!rc && !exists && chmod(path, 0600) != 0) {
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

void store_close(struct store *store)
{
	if (!store)
		return;
	store_db_statements_free(store);
	sqlite3_close(store->db);
	free(store->path);
	free(store);
}

const char *store_path(const struct store *store)
{
	return store->path;
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

int store_begin(struct store *store, char *err, size_t errlen)
{
	if (store->in_transaction) {
		errmsg_fail(err, errlen, "internal error: a transaction on %s is already open", store->path);
		return EX_SOFTWARE;
	}
	int rc = store_db_run(store, SQL_BEGIN, "write to", err, errlen, "");
	store->in_transaction = rc == 0;
	return rc;
}

int store_commit(struct store *store, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_COMMIT, "write to", err, errlen, "");
	if (rc)
		store_rollback(store);
	else
		store->commits++;
	store->in_transaction = false;
	return rc;
}

void store_rollback(struct store *store)
{
	if (store && !sqlite3_get_autocommit(store->db))
		store_db_run(store, SQL_ROLLBACK, "roll back", NULL, 0, "");
	if (store)
		store->in_transaction = false;
}

int store_checkpoint(struct store *store, char *err, size_t errlen)
{
	int r = sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	/* BUSY: another connection is checkpointing; it copies the same pages. */
	return r == SQLITE_OK || r == SQLITE_BUSY ? 0 : store_db_fail(store, r, "write to", err, errlen);
}
