/* store_console: see store.h ("consoles"). The registry of console names (the consoles
 * table) and the locks that say which of them are live.
 *
 * Why a lock and not a heartbeat: a lock is the kernel's record of a running process. It
 * goes away the moment the process does, by SIGKILL too, with nothing written; a heartbeat
 * row has to be written every few seconds by a console that may be waiting on a busy
 * database, and a reader has to guess how old is too old (and whether a pid was reused).
 * The lock is an open-file-description lock (F_OFD_SETLK): it belongs to the open file,
 * not to the process, so two stores in one process (tests) see each other's locks like
 * two processes do, and closing another descriptor of the file never drops it. Where the
 * system has no such locks, classic fcntl locks (per process) serve. WAL needs one host,
 * and so do these locks: both are the local kernel's. */
#define _GNU_SOURCE 1 /* F_OFD_SETLK, F_OFD_GETLK */
#include "storage/store_db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "sessions/errmsg.h"

#ifdef F_OFD_SETLK
#define LOCK_SET F_OFD_SETLK
#define LOCK_GET F_OFD_GETLK
#else
#define LOCK_SET F_SETLK
#define LOCK_GET F_GETLK
#endif

static const char SQL_CONSOLE_INSERT[] =
	"INSERT INTO consoles (session, name, first_at, last_at, pid) VALUES (?1, ?2, ?3, ?3, NULL)"
	" ON CONFLICT (session, name) DO NOTHING";
static const char SQL_CONSOLE_ID[] =
	"SELECT id, coalesce(pid, 0) FROM consoles WHERE session = ?1 AND name = ?2";
static const char SQL_CONSOLE_OPENED[] =
	"UPDATE consoles SET last_at = ?2, pid = ?3 WHERE id = ?1";
static const char SQL_CONSOLES[] =
	"SELECT id, name, coalesce(pid, 0), first_at, last_at FROM consoles WHERE session = ?1 ORDER BY id";

static int open_lock_file(struct store *store, char *err, size_t errlen)
{
	if (store->console.open)
		return 0;
	size_t len = strlen(store->path) + sizeof "-consoles";
	char *path = malloc(len);
	if (!path) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	snprintf(path, len, "%s-consoles", store->path);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		errmsg_fail(err, errlen, "cannot open the consoles' lock file %s: %s", path, strerror(errno));
		free(path);
		return EX_CANTCREAT;
	}
	free(path);
	store->console = (struct store_console_lock){ .open = true, .fd = fd };
	return 0;
}

static struct flock byte_at(short type, int64_t slot)
{
	struct flock lock;
	memset(&lock, 0, sizeof lock);
	lock.l_type = type;
	lock.l_whence = SEEK_SET;
	lock.l_start = (off_t)slot;
	lock.l_len = 1;
	return lock;
}

/* Whether another open file holds byte slot. */
static int slot_held(struct store *store, int64_t slot, bool *held, char *err, size_t errlen)
{
	if (store->console.open && store->console.slot == slot) {
		*held = true;
		return 0;
	}
	int rc = open_lock_file(store, err, errlen);
	if (rc)
		return rc;
	struct flock lock = byte_at(F_WRLCK, slot);
	if (fcntl(store->console.fd, LOCK_GET, &lock) != 0) {
		errmsg_fail(err, errlen, "cannot read the consoles' locks beside %s: %s", store->path, strerror(errno));
		return EX_IOERR;
	}
	*held = lock.l_type != F_UNLCK;
	return 0;
}

void store_console_release(struct store *store)
{
	if (!store->console.open)
		return;
	close(store->console.fd); /* drops the lock */
	store->console = (struct store_console_lock){ 0 };
}

/* The row of name in session: its id and pid (0 when none); id 0 when there is none. */
static int console_row(struct store *store, const char *session, const char *name, int64_t *id, int64_t *pid,
	char *err, size_t errlen)
{
	int rc = 0;
	*id = *pid = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_CONSOLE_ID, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		*pid = sqlite3_column_int64(stmt, 1);
	} else if (r != SQLITE_DONE) {
		rc = store_db_fail(store, r, "read the consoles of", err, errlen);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* Inside the claim's transaction: registers, locks, records the pid. */
static int claim_in(struct store *store, const char *session, const char *name, int64_t now_ms, char *err,
	size_t errlen)
{
	int64_t id, pid;
	int rc = store_db_run(store, SQL_CONSOLE_INSERT, "register a console in", err, errlen, "tti", session, name,
		now_ms);
	if (!rc)
		rc = console_row(store, session, name, &id, &pid, err, errlen);
	if (!rc && id == 0) {
		errmsg_fail(err, errlen, "internal error: console %s was not registered in %s", name, store->path);
		rc = EX_SOFTWARE;
	}
	if (rc)
		return rc;
	if (store->console.slot == id)
		return 0; /* this store has it already */
	if ((rc = open_lock_file(store, err, errlen)))
		return rc;
	struct flock lock = byte_at(F_WRLCK, id);
	if (fcntl(store->console.fd, LOCK_SET, &lock) != 0) {
		if (errno != EAGAIN && errno != EACCES) {
			errmsg_fail(err, errlen, "cannot lock console %s beside %s: %s", name, store->path, strerror(errno));
			return EX_IOERR;
		}
		char echo[160];
		errmsg_fail(err, errlen, "console \"%s\" is already open on session %.8s (process %lld); open another"
			" console with klankbord join --as NAME, or leave that one first",
			errmsg_cut(name, 40, echo, sizeof echo), session, (long long)pid);
		return EX_TEMPFAIL;
	}
	if (store->console.slot) {
		struct flock old = byte_at(F_UNLCK, store->console.slot);
		fcntl(store->console.fd, LOCK_SET, &old);
	}
	store->console.slot = id;
	snprintf(store->console.session, sizeof store->console.session, "%s", session);
	snprintf(store->console.name, sizeof store->console.name, "%s", name);
	return store_db_run(store, SQL_CONSOLE_OPENED, "register a console in", err, errlen, "iii", id, now_ms,
		(int64_t)getpid());
}

int store_console_claim(struct store *store, const char *session, const char *name, int64_t now_ms,
	char *err, size_t errlen)
{
	int rc = store_begin(store, err, errlen);
	if (rc)
		return rc;
	rc = claim_in(store, session, name, now_ms, err, errlen);
	if (!rc)
		rc = store_commit(store, err, errlen);
	if (rc)
		store_rollback(store);
	return rc;
}

int store_consoles(struct store *store, const char *session, struct store_console **out, int *n,
	char *err, size_t errlen)
{
	int rc = 0, cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_CONSOLES, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	int r = SQLITE_DONE;
	while (!rc && (r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_console *more = store_db_grow_rows(*out, *n, &cap, sizeof *more);
		if (!more) {
			errmsg_fail(err, errlen, "out of memory");
			rc = EX_OSERR;
			break;
		}
		*out = more;
		struct store_console *c = &more[*n];
		int64_t id = sqlite3_column_int64(stmt, 0);
		const unsigned char *name = sqlite3_column_text(stmt, 1);
		*c = (struct store_console){ .pid = sqlite3_column_int64(stmt, 2), .first_ms = sqlite3_column_int64(stmt, 3),
			.last_ms = sqlite3_column_int64(stmt, 4), .here = store->console.slot == id };
		snprintf(c->name, sizeof c->name, "%s", name ? (const char *)name : "");
		rc = slot_held(store, id, &c->live, err, errlen);
		(*n)++;
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read the consoles of", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_console_live(struct store *store, const char *session, const char *name, bool *live,
	char *err, size_t errlen)
{
	int64_t id, pid;
	*live = false;
	int rc = console_row(store, session, name, &id, &pid, err, errlen);
	return rc || id == 0 ? rc : slot_held(store, id, live, err, errlen);
}
