/* store_db: what the storage modules share, and nothing outside storage/ includes.
 *
 * Owns the definition of struct store, the cache of prepared statements, the mapping of
 * an SQLite result to a sysexits code and a message, binding and running a statement, and
 * the transaction guard of every write. Holds no SQL of its own: each module declares its
 * statements as `static const char SQL_NAME[]` next to the code that runs them and asks
 * the cache by that pointer. Never opens, closes or migrates a database (storage/store.c
 * and storage/store_schema.c do), never prints, never exits. */
#ifndef KLANKBORD_STORE_DB_H
#define KLANKBORD_STORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storage/store.h"

/* Room for every statement the modules prepare (about 45 today); one more is refused as an
 * internal error, so raise this when adding statements. */
enum { STORE_DB_MAX_STATEMENTS = 96 };

/* One cached statement: sql is the module's SQL_NAME array, compared by address. */
struct store_db_statement {
	const char *sql;
	sqlite3_stmt *stmt;
};

/* The ids of contribution events after projected.seq, as far as seq upto (storage/
 * store_project.c: the duplicate check of a write reads only what was added since). */
struct store_pending {
	char (*ids)[STORE_UUID_LEN + 1];
	int n, cap;
	int64_t from, upto;
	bool valid;
};

/* This process's console (storage/store_console.c): the lock file and the byte it holds. */
struct store_console_lock {
	bool open;                    /* fd is the lock file, opened once */
	int fd;
	int64_t slot;                 /* the byte locked (consoles.id); 0 while none is */
	char session[STORE_UUID_LEN + 1], name[STORE_NAME_MAX + 1];
};

struct store {
	sqlite3 *db;
	char *path;
	struct store_db_statement stmt[STORE_DB_MAX_STATEMENTS];
	int n_stmt;
	bool read_only;               /* opened read-only (STORE_READ_ONLY, or STORE_READ on read-only media) */
	bool fresh;                   /* the file was missing or empty, nothing beside it: may be set up */
	bool side_files;              /* a -wal or -shm sat beside the file before it was opened */
	bool reader;                  /* opened by a command that only reads (STORE_READ, STORE_READ_ONLY) */
	bool tampered;                /* the opening check found changes made outside klankbord */
	int64_t version;              /* the schema version, once identified (and migrated) */
	bool in_transaction;
	bool iterating;               /* an event iterator is open (storage/store_read.c) */
	int64_t commits;
	bool sync_owed;               /* a commit was not synced yet (store_begin_unsynced()) */
	int64_t changes_at_begin;     /* sqlite3_total_changes64() when the transaction began */
	bool owe_sync;                /* the transaction's commit, unsynced, is owed a sync */
	bool synchronous_normal;      /* PRAGMA synchronous is NORMAL, to be put back to FULL */
	char projection_problem[512]; /* why opening could not project; "" when it could */
	char notice[768];             /* what opening saw and a person should know; "" when nothing */
	struct store_pending pending;
	store_busy_notice busy_notice; /* store_set_busy_notice(); NULL: SQLite's own busy timeout */
	void *busy_ctx;
	int64_t busy_since_ms, busy_noticed_ms; /* the wait under way (monotonic clock) */
	int busy_wait_ms;             /* the longest wait for the lock (store_set_busy_wait()) */
	struct store_console_lock console;
};

/* Closes the console lock file, which releases this process's console (store_close()). */
void store_console_release(struct store *store);

/* The day of session alias s: its agenda's date, or else the day it started in local time
 * (one rule for list, search and report). */
#define STORE_DB_SESSION_DAY(s) "coalesce(" s ".date, date(" s ".started_at / 1000, 'unixepoch', 'localtime'))"

/* Maps an SQLite result to a sysexits code and puts a message saying what to do in err;
 * doing is the verb of "cannot DOING the database PATH". */
int store_db_fail(struct store *store, int rc, const char *doing, char *err, size_t errlen);

/* The prepared statement for sql (a module's static SQL_NAME array: found by its address,
 * prepared on first use, kept until store_db_statements_free()). NULL with *rc set and a
 * message in err when it cannot be prepared. Whoever steps it resets it (and clears
 * its bindings) when done, so that the next user finds it fresh. */
sqlite3_stmt *store_db_statement(struct store *store, const char *sql, char *err, size_t errlen, int *rc);
/* Finalizes every cached statement. */
void store_db_statements_free(struct store *store);

/* Runs a cached statement that returns no rows (or whose rows are ignored), after binding
 * arguments by format: 't' text (NULL binds null), 'i' int64_t, 'b' bool (passed as int).
 * Resets the statement and clears its bindings afterwards. */
int store_db_run(struct store *store, const char *sql, const char *doing, char *err, size_t errlen,
	const char *format, ...);

/* Runs constant SQL (one or more statements, not cached) through sqlite3_exec. */
int store_db_exec(struct store *store, const char *sql, const char *doing, char *err, size_t errlen);
/* Runs constant SQL returning one integer (a pragma, a count), not cached. */
int store_db_pragma_int(struct store *store, const char *sql, int64_t *out, char *err, size_t errlen);

/* The transaction guard: 0 inside store_begin()/store_commit(), else EX_SOFTWARE and an
 * "internal error" message. Every write calls it first. */
int store_db_need_transaction(struct store *store, char *err, size_t errlen);

/* Finds the one row whose id starts with prefix: sql is a module's SQL_NAME selecting ids,
 * ?1 the prefix, at most 2 rows (reading the key range of the prefix, as store_read.c's
 * SQL_FIND_PREFIX does). noun names what is looked for in the messages ("session",
 * "recommendation"). EX_NOINPUT: none; EX_USAGE: more than one. */
int store_db_find_prefix(struct store *store, const char *sql, const char *prefix, const char *noun,
	char id[STORE_UUID_LEN + 1], char *err, size_t errlen);

/* strdup() that keeps NULL as NULL. */
char *store_db_dup_text(const char *text);
/* Grows an array of rows of size bytes, holding n of *cap, so that one more fits; returns
 * the (maybe moved) array, or NULL when out of memory (the array stays as it was). */
void *store_db_grow_rows(void *rows, int n, int *cap, size_t size);

#endif
