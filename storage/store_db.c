/* store_db: see store_db.h. */
#include "storage/store_db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"

int store_db_fail(struct store *store, int rc, const char *doing, char *err, size_t errlen)
{
	const char *detail = store && store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc);
	const char *path = store ? store->path : "?";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		errmsg_fail(err, errlen, "cannot %s the database %s: another console or program kept it busy for more"
			" than %g s; try again (SQLite: %s)", doing, path,
			(store ? store->busy_wait_ms : STORE_BUSY_TIMEOUT_MS) / 1000.0, detail);
		return EX_TEMPFAIL;
	case SQLITE_FULL:
		errmsg_fail(err, errlen, "cannot %s the database %s: the disk is full; free some space and try again"
			" (SQLite: %s)", doing, path, detail);
		return EX_IOERR;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		errmsg_fail(err, errlen, "cannot %s the database %s: this user may not write to the file or its folder,"
			" which SQLite needs to record and even to read a database in use; check their permissions"
			" (list, search, report and export only read) (SQLite: %s)", doing, path, detail);
		return EX_IOERR;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		errmsg_fail(err, errlen, "cannot %s the database %s: the file is damaged; restore it from a backup"
			" (SQLite: %s)", doing, path, detail);
		return EX_DATAERR;
	case SQLITE_CANTOPEN:
		errmsg_fail(err, errlen, "cannot %s the database %s: the file cannot be opened (SQLite: %s)",
			doing, path, detail);
		return EX_CANTCREAT;
	case SQLITE_CONSTRAINT:
		errmsg_fail(err, errlen, "cannot %s the database %s: the change conflicts with what is stored;"
			" nothing was written (SQLite: %s)", doing, path, detail);
		return EX_DATAERR;
	default:
		errmsg_fail(err, errlen, "cannot %s the database %s (SQLite: %s)", doing, path, detail);
		return EX_IOERR;
	}
}

sqlite3_stmt *store_db_statement(struct store *store, const char *sql, char *err, size_t errlen, int *rc)
{
	/* About 40 entries at most, compared by address: nothing next to sqlite3_step(). */
	for (int i = 0; i < store->n_stmt; i++) {
		if (store->stmt[i].sql == sql)
			return store->stmt[i].stmt;
	}
	if (store->n_stmt == STORE_DB_MAX_STATEMENTS) {
		errmsg_fail(err, errlen, "internal error: more than %d statements on %s; raise STORE_DB_MAX_STATEMENTS",
			STORE_DB_MAX_STATEMENTS, store->path);
		*rc = EX_SOFTWARE;
		return NULL;
	}
	sqlite3_stmt *stmt = NULL;
	int r = sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (r != SQLITE_OK) {
		*rc = store_db_fail(store, r, "read", err, errlen);
		return NULL;
	}
	store->stmt[store->n_stmt++] = (struct store_db_statement){ .sql = sql, .stmt = stmt };
	return stmt;
}

void store_db_statements_free(struct store *store)
{
	for (int i = 0; i < store->n_stmt; i++)
		sqlite3_finalize(store->stmt[i].stmt);
	store->n_stmt = 0;
}

/* Binds arguments by a format: 't' text (NULL binds null), 'i' int64, 'b' bool (int). */
static int bind_args(sqlite3_stmt *stmt, const char *format, va_list args)
{
	int rc = SQLITE_OK;
	for (int i = 0; format[i] && rc == SQLITE_OK; i++) {
		if (format[i] == 't') {
			const char *text = va_arg(args, const char *);
			rc = text ? sqlite3_bind_text(stmt, i + 1, text, -1, SQLITE_STATIC) : sqlite3_bind_null(stmt, i + 1);
		} else if (format[i] == 'i') {
			rc = sqlite3_bind_int64(stmt, i + 1, va_arg(args, int64_t));
		} else {
			rc = sqlite3_bind_int(stmt, i + 1, va_arg(args, int) ? 1 : 0);
		}
	}
	return rc;
}

int store_db_run(struct store *store, const char *sql, const char *doing, char *err, size_t errlen,
	const char *format, ...)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	va_list args;
	va_start(args, format);
	int r = bind_args(stmt, format, args);
	va_end(args);
	if (r == SQLITE_OK)
		r = sqlite3_step(stmt);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = store_db_fail(store, r, doing, err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* Only constant SQL goes through sqlite3_exec. */
int store_db_exec(struct store *store, const char *sql, const char *doing, char *err, size_t errlen)
{
	int r = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	return r == SQLITE_OK ? 0 : store_db_fail(store, r, doing, err, errlen);
}

int store_db_pragma_int(struct store *store, const char *sql, int64_t *out, char *err, size_t errlen)
{
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (r == SQLITE_OK) {
		r = sqlite3_step(stmt);
		if (r == SQLITE_ROW) {
			*out = sqlite3_column_int64(stmt, 0);
			r = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return r == SQLITE_OK ? 0 : store_db_fail(store, r, "read", err, errlen);
}

int store_db_need_transaction(struct store *store, char *err, size_t errlen)
{
	if (store->in_transaction)
		return 0;
	errmsg_fail(err, errlen, "internal error: a write to %s outside a transaction", store->path);
	return EX_SOFTWARE;
}

int store_db_find_prefix(struct store *store, const char *sql, const char *prefix, const char *noun,
	char id[STORE_UUID_LEN + 1], char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_STATIC);
	int found = 0, r;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW)
		if (found++ == 0)
			snprintf(id, STORE_UUID_LEN + 1, "%s", (const char *)sqlite3_column_text(stmt, 0));
	if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	else if (found == 0)
		errmsg_fail(err, errlen, "no %s with an id starting with \"%s\" in %s", noun, prefix, store->path);
	else if (found > 1)
		errmsg_fail(err, errlen, "more than one %s id starts with \"%s\"; give more characters", noun, prefix);
	if (!rc && found != 1)
		rc = found == 0 ? EX_NOINPUT : EX_USAGE;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

char *store_db_dup_text(const char *text)
{
	return text ? strdup(text) : NULL;
}

void *store_db_grow_rows(void *rows, int n, int *cap, size_t size)
{
	if (n < *cap)
		return rows;
	int new_cap = *cap ? *cap * 2 : 16;
	void *grown = realloc(rows, (size_t)new_cap * size);
	if (grown)
		*cap = new_cap;
	return grown;
}
