/* store: see store.h. The schema and its migrations are the list `migrations` below;
 * docs/schema.md documents every table and column. */
#include "storage/store.h"

#include "sessions/errmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "sessions/errmsg.h"

/* Schema version N is reached by running migrations[N - 1] on version N - 1. Adding
 * version 2 means appending one string here. Each runs inside one transaction. */
static const char *const migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE sessions ("
	" id TEXT PRIMARY KEY,"
	" title TEXT NOT NULL,"
	" organisation TEXT,"
	" location TEXT,"
	" date TEXT,"
	" status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended')),"
	" started_at INTEGER NOT NULL,"
	" ended_at INTEGER,"
	" agenda_yaml TEXT NOT NULL,"
	" console TEXT NOT NULL);"
	"CREATE INDEX sessions_started ON sessions(started_at);"
	"CREATE TABLE events ("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" at INTEGER NOT NULL,"
	" console TEXT NOT NULL,"
	" type TEXT NOT NULL,"
	" payload TEXT NOT NULL CHECK (json_valid(payload)));"
	"CREATE INDEX events_session ON events(session, seq);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	" BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	" BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	"CREATE TABLE participants ("
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" id TEXT NOT NULL,"
	" position INTEGER NOT NULL,"
	" name TEXT,"
	" role TEXT NOT NULL CHECK (role IN ('expert', 'interpreter', 'observer', 'staff')),"
	" community TEXT,"
	" consent_quotes INTEGER NOT NULL DEFAULT 0,"
	" added_live INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (session, id)) WITHOUT ROWID;"
	"CREATE TABLE items ("
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" id TEXT NOT NULL,"
	" position INTEGER NOT NULL,"
	" title TEXT NOT NULL,"
	" planned_seconds INTEGER NOT NULL,"
	" actual_seconds INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (session, id)) WITHOUT ROWID;"
	"CREATE TABLE contributions ("
	" seq INTEGER PRIMARY KEY REFERENCES events(seq),"
	" id TEXT NOT NULL UNIQUE,"
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" item TEXT NOT NULL,"
	" participant TEXT,"
	" kind TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" console TEXT NOT NULL,"
	" retracted INTEGER NOT NULL DEFAULT 0,"
	" edits INTEGER NOT NULL DEFAULT 0,"
	" FOREIGN KEY (session, item) REFERENCES items(session, id),"
	" FOREIGN KEY (session, participant) REFERENCES participants(session, id));"
	"CREATE INDEX contributions_session ON contributions(session, item);"
	"CREATE TABLE contribution_tags ("
	" contribution TEXT NOT NULL REFERENCES contributions(id),"
	" code TEXT NOT NULL,"
	" PRIMARY KEY (contribution, code)) WITHOUT ROWID;"
	"CREATE INDEX contribution_tags_code ON contribution_tags(code, contribution);"
	"CREATE VIRTUAL TABLE contributions_fts USING fts5("
	" text, content='contributions', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');"
	"CREATE TRIGGER contributions_fts_insert AFTER INSERT ON contributions BEGIN"
	" INSERT INTO contributions_fts(rowid, text) VALUES (new.seq, new.text); END;"
	"CREATE TRIGGER contributions_fts_delete AFTER DELETE ON contributions BEGIN"
	" INSERT INTO contributions_fts(contributions_fts, rowid, text) VALUES ('delete', old.seq, old.text); END;"
	"CREATE TRIGGER contributions_fts_update AFTER UPDATE OF text ON contributions BEGIN"
	" INSERT INTO contributions_fts(contributions_fts, rowid, text) VALUES ('delete', old.seq, old.text);"
	" INSERT INTO contributions_fts(rowid, text) VALUES (new.seq, new.text); END;"
	"CREATE TABLE votes ("
	" id TEXT PRIMARY KEY,"
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" item TEXT NOT NULL,"
	" vote_id TEXT NOT NULL,"
	" definition TEXT CHECK (definition IS NULL OR json_valid(definition)),"
	" status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),"
	" opened_at INTEGER NOT NULL,"
	" closed_at INTEGER,"
	" seq INTEGER NOT NULL REFERENCES events(seq),"
	" UNIQUE (session, vote_id),"
	" FOREIGN KEY (session, item) REFERENCES items(session, id));"
	"CREATE TABLE ballots ("
	" seq INTEGER PRIMARY KEY REFERENCES events(seq),"
	" vote TEXT NOT NULL REFERENCES votes(id),"
	" participant TEXT,"
	" choices TEXT NOT NULL CHECK (json_valid(choices)),"
	" reason TEXT,"
	" replaced_by INTEGER REFERENCES ballots(seq));"
	"CREATE INDEX ballots_vote ON ballots(vote, participant);"
	"CREATE TABLE recommendations ("
	" seq INTEGER PRIMARY KEY REFERENCES events(seq),"
	" id TEXT NOT NULL UNIQUE,"
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" item TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" FOREIGN KEY (session, item) REFERENCES items(session, id));",
	/* 2: what consultants' reports read. report_counts holds, per session and code, the
	 * number of contributions (not retracted) of each kind, one column per kind; code ''
	 * counts every contribution, coded or not. Triggers keep it in step with contributions
	 * and contribution_tags, so a report over years of sessions sums about fifteen rows per
	 * session instead of joining every tag to its contribution. The indexes on sessions
	 * serve the report's filters. Frozen: a later change is a new migration. */
	"CREATE INDEX sessions_organisation ON sessions(organisation, date);"
	"CREATE INDEX sessions_date ON sessions(date);"
	"CREATE TABLE report_counts ("
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" code TEXT NOT NULL,"
	" experience INTEGER NOT NULL DEFAULT 0, obstacle INTEGER NOT NULL DEFAULT 0,"
	" success INTEGER NOT NULL DEFAULT 0, idea INTEGER NOT NULL DEFAULT 0,"
	" recommendation INTEGER NOT NULL DEFAULT 0, question INTEGER NOT NULL DEFAULT 0,"
	" quote INTEGER NOT NULL DEFAULT 0, note INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (session, code)) WITHOUT ROWID;"
	"CREATE TRIGGER report_contribution_insert AFTER INSERT ON contributions WHEN NOT new.retracted BEGIN"
	" INSERT INTO report_counts"
	" (session, code, experience, obstacle, success, idea, recommendation, question, quote, note)"
	" VALUES (new.session, '', new.kind = 'experience', new.kind = 'obstacle',"
	" new.kind = 'success', new.kind = 'idea', new.kind = 'recommendation',"
	" new.kind = 'question', new.kind = 'quote', new.kind = 'note')"
	" ON CONFLICT DO UPDATE SET experience = experience + excluded.experience,"
	" obstacle = obstacle + excluded.obstacle, success = success + excluded.success,"
	" idea = idea + excluded.idea,"
	" recommendation = recommendation + excluded.recommendation,"
	" question = question + excluded.question, quote = quote + excluded.quote,"
	" note = note + excluded.note; END;"
	"CREATE TRIGGER report_tag_insert AFTER INSERT ON contribution_tags BEGIN"
	" INSERT INTO report_counts"
	" (session, code, experience, obstacle, success, idea, recommendation, question, quote, note)"
	" SELECT c.session, new.code, c.kind = 'experience', c.kind = 'obstacle',"
	" c.kind = 'success', c.kind = 'idea', c.kind = 'recommendation',"
	" c.kind = 'question', c.kind = 'quote', c.kind = 'note'"
	" FROM contributions c WHERE c.id = new.contribution AND NOT c.retracted"
	" ON CONFLICT DO UPDATE SET experience = experience + excluded.experience,"
	" obstacle = obstacle + excluded.obstacle, success = success + excluded.success,"
	" idea = idea + excluded.idea,"
	" recommendation = recommendation + excluded.recommendation,"
	" question = question + excluded.question, quote = quote + excluded.quote,"
	" note = note + excluded.note; END;"
	"CREATE TRIGGER report_contribution_update AFTER UPDATE OF kind, retracted ON contributions BEGIN"
	" UPDATE report_counts SET experience = experience - (old.kind = 'experience'),"
	" obstacle = obstacle - (old.kind = 'obstacle'),"
	" success = success - (old.kind = 'success'), idea = idea - (old.kind = 'idea'),"
	" recommendation = recommendation - (old.kind = 'recommendation'),"
	" question = question - (old.kind = 'question'),"
	" quote = quote - (old.kind = 'quote'), note = note - (old.kind = 'note')"
	" WHERE NOT old.retracted AND session = old.session"
	" AND (code = '' OR code IN (SELECT t.code FROM contribution_tags t WHERE t.contribution = old.id));"
	" INSERT INTO report_counts"
	" (session, code, experience, obstacle, success, idea, recommendation, question, quote, note)"
	" SELECT new.session, '', new.kind = 'experience', new.kind = 'obstacle',"
	" new.kind = 'success', new.kind = 'idea', new.kind = 'recommendation',"
	" new.kind = 'question', new.kind = 'quote',"
	" new.kind = 'note' WHERE NOT new.retracted"
	" UNION ALL SELECT new.session, t.code, new.kind = 'experience',"
	" new.kind = 'obstacle', new.kind = 'success', new.kind = 'idea',"
	" new.kind = 'recommendation', new.kind = 'question', new.kind = 'quote',"
	" new.kind = 'note'"
	" FROM contribution_tags t WHERE t.contribution = new.id AND NOT new.retracted"
	" ON CONFLICT DO UPDATE SET experience = experience + excluded.experience,"
	" obstacle = obstacle + excluded.obstacle, success = success + excluded.success,"
	" idea = idea + excluded.idea,"
	" recommendation = recommendation + excluded.recommendation,"
	" question = question + excluded.question, quote = quote + excluded.quote,"
	" note = note + excluded.note; END;"
	"INSERT INTO report_counts"
	" (session, code, experience, obstacle, success, idea, recommendation, question, quote, note)"
	" SELECT session, '', sum(kind = 'experience'), sum(kind = 'obstacle'),"
	" sum(kind = 'success'), sum(kind = 'idea'), sum(kind = 'recommendation'),"
	" sum(kind = 'question'), sum(kind = 'quote'), sum(kind = 'note')"
	" FROM contributions WHERE NOT retracted GROUP BY session;"
	"INSERT INTO report_counts"
	" (session, code, experience, obstacle, success, idea, recommendation, question, quote, note)"
	" SELECT c.session, t.code, sum(c.kind = 'experience'), sum(c.kind = 'obstacle'),"
	" sum(c.kind = 'success'), sum(c.kind = 'idea'), sum(c.kind = 'recommendation'),"
	" sum(c.kind = 'question'), sum(c.kind = 'quote'), sum(c.kind = 'note')"
	" FROM contribution_tags t JOIN contributions c ON c.id = t.contribution"
	" WHERE NOT c.retracted GROUP BY c.session, t.code;",
	/* 3: a capture line writes only its event. contributions, contribution_tags,
	 * report_counts and the search index are derived from the events afterwards, many at
	 * a time, by store_project(); projected.seq is the last event they include. A
	 * version-2 database wrote them with each event, so it is projected up to its last. */
	"CREATE TABLE projected (seq INTEGER NOT NULL);"
	"INSERT INTO projected (seq) SELECT coalesce(max(seq), 0) FROM events;",
};
enum { N_MIGRATIONS = (int)(sizeof migrations / sizeof migrations[0]) };
_Static_assert((int)N_MIGRATIONS == (int)STORE_SCHEMA_VERSION, "one migration per schema version");

/* The kinds, in the order of report_counts' columns; a report reads, per code, each
 * kind's total and the number of sessions where it is above 0. */
#define REPORT_KINDS(X) X(experience) X(obstacle) X(success) X(idea) X(recommendation) X(question) X(quote) X(note)
#define REPORT_SUM(kind) ", sum(" #kind "), sum(" #kind " > 0)"
#define REPORT_SUMS REPORT_KINDS(REPORT_SUM)
#define REPORT_NAME(kind) #kind,
static const char *const report_kinds[] = { REPORT_KINDS(REPORT_NAME) };
enum { N_REPORT_KINDS = (int)(sizeof report_kinds / sizeof report_kinds[0]) };

/* What list_sessions() reads of a session; ?1 says whether with the agenda text. One
 * session is looked up by its key (SESSION_GET): an "id = ?2 OR ?2 IS NULL" filter would
 * scan every session. Likewise FIND_PREFIX reads the key range of the prefix ('~' sorts
 * after every character of an id) instead of testing substr() on every id. */
#define SESSION_COLUMNS "SELECT s.id, s.title, s.organisation, s.date, s.status, s.started_at, s.ended_at," \
	" s.console, CASE WHEN ?1 THEN s.agenda_yaml END," \
	" (SELECT count(*) FROM participants p WHERE p.session = s.id)," \
	" (SELECT count(*) FROM contributions c WHERE c.session = s.id AND NOT c.retracted)," \
	" (SELECT count(*) FROM votes v WHERE v.session = s.id)"

#define STATEMENTS(X) \
	X(BEGIN, "BEGIN IMMEDIATE") \
	X(COMMIT, "COMMIT") \
	X(ROLLBACK, "ROLLBACK") \
	X(DATA_VERSION, "PRAGMA data_version") \
	X(INSERT_SESSION, "INSERT INTO sessions (id, title, organisation, location, date, started_at," \
		" agenda_yaml, console) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") \
	X(END_SESSION, "UPDATE sessions SET status = 'ended', ended_at = ?2 WHERE id = ?1") \
	X(APPEND_EVENT, "INSERT INTO events (session, at, console, type, payload) VALUES (?1, ?2, ?3, ?4, ?5)") \
	X(INSERT_PARTICIPANT, "INSERT INTO participants (session, id, position, name, role, community," \
		" consent_quotes, added_live) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") \
	X(INSERT_ITEM, "INSERT INTO items (session, id, position, title, planned_seconds) VALUES (?1, ?2, ?3, ?4, ?5)") \
	X(UPDATE_ITEM, "UPDATE items SET planned_seconds = ?3, actual_seconds = ?4 WHERE session = ?1 AND id = ?2") \
	X(PROJECTED, "SELECT (SELECT seq FROM projected), (SELECT coalesce(max(seq), 0) FROM events)") \
	X(PROJECT_CONTRIBUTIONS, "INSERT INTO contributions (seq, id, session, item, participant, kind, text," \
		" at, console) SELECT seq, json_extract(payload, '$.id'), session, json_extract(payload, '$.item')," \
		" json_extract(payload, '$.participant'), json_extract(payload, '$.kind'), json_extract(payload, '$.text')," \
		" at, console FROM events WHERE seq > ?1 AND seq <= ?2 AND type = '" STORE_EV_CONTRIBUTION "' ORDER BY seq") \
	X(PROJECT_TAGS, "INSERT OR IGNORE INTO contribution_tags (contribution, code)" \
		" SELECT json_extract(e.payload, '$.id'), t.value FROM events e, json_each(e.payload, '$.tags') t" \
		" WHERE e.seq > ?1 AND e.seq <= ?2 AND e.type = '" STORE_EV_CONTRIBUTION "'") \
	X(PROJECT_CHANGES, "SELECT type, payload FROM events WHERE seq > ?1 AND seq <= ?2" \
		" AND type IN ('" STORE_EV_EDIT "', '" STORE_EV_RETRACT "') ORDER BY seq") \
	X(EDIT_CONTRIBUTION, "UPDATE contributions SET text = json_extract(?1, '$.text')," \
		" kind = coalesce(json_extract(?1, '$.kind'), kind), edits = edits + 1" \
		" WHERE id = json_extract(?1, '$.contribution')") \
	X(EDIT_TAGS, "INSERT OR IGNORE INTO contribution_tags (contribution, code)" \
		" SELECT json_extract(?1, '$.contribution'), value FROM json_each(?1, '$.tags')") \
	X(RETRACT_CONTRIBUTION, "UPDATE contributions SET retracted = 1 WHERE id = json_extract(?1, '$.contribution')") \
	X(SET_PROJECTED, "UPDATE projected SET seq = ?1") \
	X(INSERT_VOTE, "INSERT INTO votes (id, session, item, vote_id, definition, opened_at, seq)" \
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") \
	X(CLOSE_VOTE, "UPDATE votes SET status = 'closed', closed_at = ?2 WHERE id = ?1") \
	X(REPLACE_BALLOT, "UPDATE ballots SET replaced_by = ?3 WHERE vote = ?1 AND participant IS ?2" \
		" AND replaced_by IS NULL AND seq <> ?3") \
	X(INSERT_BALLOT, "INSERT INTO ballots (seq, vote, participant, choices, reason) VALUES (?1, ?2, ?3, ?4, ?5)") \
	X(INSERT_RECOMMENDATION, "INSERT INTO recommendations (seq, id, session, item, text) VALUES (?1, ?2, ?3, ?4, ?5)") \
	X(FIND_PREFIX, "SELECT id FROM sessions WHERE id >= ?1 AND id < ?1 || '~' AND substr(id, 1, length(?1)) = ?1" \
		" LIMIT 2") \
	X(FIND_LATEST_OPEN, "SELECT id FROM sessions WHERE status = 'open' ORDER BY started_at DESC, rowid DESC LIMIT 1") \
	X(SESSION_LIST, SESSION_COLUMNS " FROM sessions s ORDER BY s.started_at DESC, s.rowid DESC") \
	X(SESSION_GET, SESSION_COLUMNS " FROM sessions s WHERE s.id = ?2") \
	X(EVENTS, "SELECT seq, at, console, type, payload FROM events WHERE session = ?1 AND seq > ?2 ORDER BY seq") \
	X(SEARCH, "SELECT c.seq FROM contributions_fts f JOIN contributions c ON c.seq = f.rowid" \
		" WHERE contributions_fts MATCH ?2 AND c.session = ?1 ORDER BY c.seq") \
	X(SEARCH_ALL, "SELECT c.seq, c.session, s.title, s.organisation, s.date, c.participant, c.kind," \
		" snippet(contributions_fts, 0, ?3, ?4, '...', ?5)" \
		" FROM contributions_fts f JOIN contributions c ON c.seq = f.rowid JOIN sessions s ON s.id = c.session" \
		" WHERE contributions_fts MATCH ?1 AND NOT c.retracted ORDER BY f.rowid DESC LIMIT ?2") \
	X(REPORT_ALL, "SELECT code" REPORT_SUMS " FROM report_counts GROUP BY code ORDER BY code") \
	X(REPORT_ORGANISATION, "SELECT r.code" REPORT_SUMS " FROM sessions s JOIN report_counts r ON r.session = s.id" \
		" WHERE s.organisation = ?1 AND coalesce(s.date, '') >= coalesce(?2, '')" \
		" AND coalesce(s.date, '') <= coalesce(?3, '~') GROUP BY r.code ORDER BY r.code") \
	X(REPORT_DATES, "SELECT r.code" REPORT_SUMS " FROM sessions s JOIN report_counts r ON r.session = s.id" \
		" WHERE s.date >= coalesce(?2, '') AND s.date <= coalesce(?3, '~') GROUP BY r.code ORDER BY r.code")

#define AS_ENUM(name, sql) ST_##name,
#define AS_SQL(name, sql) sql,
enum statement { STATEMENTS(AS_ENUM) ST_COUNT };
static const char *const statement_sql[] = { STATEMENTS(AS_SQL) };

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[ST_COUNT];
	bool in_transaction;
	bool iterating;
	int64_t commits;
	char projection_problem[512]; /* why opening could not project; "" when it could */
};

struct store_events {
	struct store *store;
	sqlite3_stmt *stmt;
	char *payload;
};

/* Maps an SQLite result to a sysexits code and a message saying what to do. */
static int fail(struct store *store, int rc, const char *doing, char *err, size_t errlen)
{
	const char *detail = store && store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc);
	const char *path = store ? store->path : "?";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		errmsg_fail(err, errlen, "cannot %s the database %s: another console kept it busy for more than %d s;"
			" try again (SQLite: %s)", doing, path, STORE_BUSY_TIMEOUT_MS / 1000, detail);
		return EX_TEMPFAIL;
	case SQLITE_FULL:
		errmsg_fail(err, errlen, "cannot %s the database %s: the disk is full; free some space and try again"
			" (SQLite: %s)", doing, path, detail);
		return EX_IOERR;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		errmsg_fail(err, errlen, "cannot %s the database %s: it is read-only; check the permissions of the file"
			" and its folder (SQLite: %s)", doing, path, detail);
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

static sqlite3_stmt *statement(struct store *store, enum statement id, char *err, size_t errlen, int *rc)
{
	if (!store->stmt[id]) {
		int r = sqlite3_prepare_v3(store->db, statement_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
			&store->stmt[id], NULL);
		if (r != SQLITE_OK) {
			*rc = fail(store, r, "read", err, errlen);
			return NULL;
		}
	}
	return store->stmt[id];
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

/* Runs a statement that returns no rows. */
static int run(struct store *store, enum statement id, const char *doing, char *err, size_t errlen,
	const char *format, ...)
{
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, id, err, errlen, &rc);
	if (!stmt)
		return rc;
	va_list args;
	va_start(args, format);
	int r = bind_args(stmt, format, args);
	va_end(args);
	if (r == SQLITE_OK)
		r = sqlite3_step(stmt);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = fail(store, r, doing, err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int need_transaction(struct store *store, char *err, size_t errlen)
{
	if (store->in_transaction)
		return 0;
	errmsg_fail(err, errlen, "internal error: a write to %s outside a transaction", store->path);
	return EX_SOFTWARE;
}

static char *dup_text(const char *text)
{
	return text ? strdup(text) : NULL;
}

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

static int pragma_int(struct store *store, const char *sql, int64_t *out, char *err, size_t errlen)
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
	return r == SQLITE_OK ? 0 : fail(store, r, "read", err, errlen);
}

static int quick_check(struct store *store, char *err, size_t errlen)
{
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "PRAGMA quick_check", -1, &stmt, NULL);
	if (r != SQLITE_OK)
		return fail(store, r, "check", err, errlen);
	r = sqlite3_step(stmt);
	int rc = 0;
	if (r != SQLITE_ROW) {
		rc = fail(store, r, "check", err, errlen);
	} else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0) {
		errmsg_fail(err, errlen, "the database %s is damaged; restore it from a backup (SQLite quick_check: %s)",
			store->path, (const char *)sqlite3_column_text(stmt, 0));
		rc = EX_DATAERR;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Only constant SQL goes through sqlite3_exec. */
static int exec_constant(struct store *store, const char *sql, const char *doing, char *err, size_t errlen)
{
	int r = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	return r == SQLITE_OK ? 0 : fail(store, r, doing, err, errlen);
}

/* A file with our mark must also have our tables: refuses one that was tampered with. */
static int check_tables(struct store *store, char *err, size_t errlen)
{
	static const char *const tables[] = {
		"sessions", "events", "participants", "items", "contributions", "contribution_tags",
		"contributions_fts", "votes", "ballots", "recommendations", "report_counts", "projected",
	};
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
		-1, &stmt, NULL);
	if (r != SQLITE_OK)
		return fail(store, r, "check", err, errlen);
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
		sqlite3_bind_text(stmt, 1, tables[i], -1, SQLITE_STATIC);
		r = sqlite3_step(stmt);
		if (r != SQLITE_ROW)
			rc = fail(store, r, "check", err, errlen);
		else if (sqlite3_column_int(stmt, 0) != 1) {
			errmsg_fail(err, errlen, "%s is marked as a klankbord database but has no table %s; it was left as it is."
				" Restore it from a backup or give another path with --db", store->path, tables[i]);
			rc = EX_DATAERR;
		}
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Tells ours (application_id) from an empty file and from anyone else's database. */
static int check_identity(struct store *store, char *err, size_t errlen)
{
	int64_t app_id, version, objects;
	int rc = pragma_int(store, "PRAGMA application_id", &app_id, err, errlen);
	if (!rc)
		rc = pragma_int(store, "PRAGMA user_version", &version, err, errlen);
	if (!rc)
		rc = pragma_int(store, "SELECT count(*) FROM sqlite_schema", &objects, err, errlen);
	if (rc)
		return rc;
	if (app_id == 0 && version == 0 && objects == 0)
		return 0;
	if (app_id != STORE_APPLICATION_ID) {
		errmsg_fail(err, errlen, "%s is an SQLite database of another program (application_id %lld, %lld schema"
			" objects), not a klankbord database; it was left as it is. Give another path with --db",
			store->path, (long long)app_id, (long long)objects);
		return EX_DATAERR;
	}
	if (version > STORE_SCHEMA_VERSION) {
		errmsg_fail(err, errlen, "%s was written by a newer klankbord (schema version %lld; this build knows up to %d);"
			" upgrade klankbord to use it", store->path, (long long)version, STORE_SCHEMA_VERSION);
		return EX_DATAERR;
	}
	return version == STORE_SCHEMA_VERSION ? check_tables(store, err, errlen) : 0;
}

static int migrate(struct store *store, char *err, size_t errlen)
{
	int rc = exec_constant(store, "BEGIN IMMEDIATE", "prepare", err, errlen);
	if (rc)
		return rc;
	int64_t version;
	/* Read again inside the transaction: another console may have just migrated. */
	rc = pragma_int(store, "PRAGMA user_version", &version, err, errlen);
	for (int v = (int)version; !rc && v < STORE_SCHEMA_VERSION; v++) {
		rc = exec_constant(store, migrations[v], "set up", err, errlen);
		if (!rc) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
			rc = exec_constant(store, sql, "set up", err, errlen);
		}
	}
	if (!rc && version == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
		rc = exec_constant(store, sql, "set up", err, errlen);
	}
	if (!rc)
		rc = exec_constant(store, "COMMIT", "set up", err, errlen);
	if (rc)
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int configure(struct store *store, enum store_check check, char *err, size_t errlen)
{
	sqlite3_busy_timeout(store->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(store->db, 1);
	int rc = check_identity(store, err, errlen);
	if (!rc && check == STORE_CHECK_FULL)
		rc = quick_check(store, err, errlen);
	if (!rc)
		rc = exec_constant(store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", "configure", err, errlen);
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
		rc = fail(store, r, "configure", err, errlen);
	}
	sqlite3_finalize(stmt);
	if (rc)
		return rc;
	int64_t version;
	rc = pragma_int(store, "PRAGMA user_version", &version, err, errlen);
	if (!rc && version < STORE_SCHEMA_VERSION) {
		rc = migrate(store, err, errlen);
		if (!rc)
			rc = check_tables(store, err, errlen);
	}
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
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(store->stmt[i]);
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
	return pragma_int(store, sql[pragma], out, err, errlen);
}

int store_data_version(struct store *store, int64_t *out, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, ST_DATA_VERSION, err, errlen, &rc);
	if (!stmt)
		return rc;
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		rc = fail(store, r, "read", err, errlen);
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
	int rc = run(store, ST_BEGIN, "write to", err, errlen, "");
	store->in_transaction = rc == 0;
	return rc;
}

int store_commit(struct store *store, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	if (!rc)
		rc = run(store, ST_COMMIT, "write to", err, errlen, "");
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
		run(store, ST_ROLLBACK, "roll back", NULL, 0, "");
	if (store)
		store->in_transaction = false;
}

/* ---- writes ---- */

int store_insert_session(struct store *store, const struct store_session_row *row, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	if (rc)
		return rc;
	sqlite3_stmt *stmt = statement(store, ST_INSERT_SESSION, err, errlen, &rc);
	if (!stmt)
		return rc;
	/* Bound by hand: the agenda text has a length and need not be NUL-terminated. */
	int r = sqlite3_bind_text(stmt, 1, row->id, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 2, row->title, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 3, row->organisation, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 4, row->location, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 5, row->date, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_int64(stmt, 6, row->started_ms);
	if (r == SQLITE_OK) r = sqlite3_bind_text64(stmt, 7, row->agenda_yaml, row->agenda_len, SQLITE_STATIC, SQLITE_UTF8);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 8, row->console, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_step(stmt);
	if (r != SQLITE_DONE)
		rc = fail(store, r, "write to", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

int store_end_session(struct store *store, const char *session, int64_t ended_ms, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_END_SESSION, "write to", err, errlen, "ti", session, ended_ms);
}

int store_append_event(struct store *store, const char *session, int64_t at_ms, const char *console,
	const char *type, const char *payload, int64_t *seq, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	if (!rc)
		rc = run(store, ST_APPEND_EVENT, "write to", err, errlen, "tittt", session, at_ms, console, type, payload);
	if (!rc)
		*seq = sqlite3_last_insert_rowid(store->db);
	return rc;
}

int store_insert_participant(struct store *store, const struct store_participant_row *row, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_INSERT_PARTICIPANT, "write to", err, errlen, "ttitttbb", row->session,
		row->id, (int64_t)row->position, row->name, row->role, row->community, (int)row->consent_quotes,
		(int)row->added_live);
}

int store_insert_item(struct store *store, const char *session, const char *id, int position,
	const char *title, int planned_seconds, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_INSERT_ITEM, "write to", err, errlen, "ttiti", session, id,
		(int64_t)position, title, (int64_t)planned_seconds);
}

int store_update_item(struct store *store, const char *session, const char *id, int planned_seconds,
	int actual_seconds, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_UPDATE_ITEM, "write to", err, errlen, "ttii", session, id,
		(int64_t)planned_seconds, (int64_t)actual_seconds);
}

int store_checkpoint(struct store *store, char *err, size_t errlen)
{
	int r = sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	/* BUSY: another connection is checkpointing; it copies the same pages. */
	return r == SQLITE_OK || r == SQLITE_BUSY ? 0 : fail(store, r, "write to", err, errlen);
}

/* Reads projected.seq and the last event's seq. */
static int projection_range(struct store *store, int64_t *from, int64_t *to, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, ST_PROJECTED, err, errlen, &rc);
	if (!stmt)
		return rc;
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW) {
		*from = sqlite3_column_int64(stmt, 0);
		*to = sqlite3_column_int64(stmt, 1);
	} else {
		rc = fail(store, r, "read", err, errlen);
	}
	sqlite3_reset(stmt);
	return rc;
}

/* Applies the edits and retractions among events (from, to], in their order. */
static int project_changes(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, ST_PROJECT_CHANGES, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, to);
	int r = SQLITE_DONE;
	while (!rc && (r = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(stmt, 0);
		const char *payload = (const char *)sqlite3_column_text(stmt, 1);
		if (strcmp(type, STORE_EV_EDIT) == 0) {
			rc = run(store, ST_EDIT_CONTRIBUTION, "write to", err, errlen, "t", payload);
			if (!rc)
				rc = run(store, ST_EDIT_TAGS, "write to", err, errlen, "t", payload);
		} else {
			rc = run(store, ST_RETRACT_CONTRIBUTION, "write to", err, errlen, "t", payload);
		}
	}
	if (!rc && r != SQLITE_DONE)
		rc = fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	return rc;
}

static int project_range(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = run(store, ST_PROJECT_CONTRIBUTIONS, "write to", err, errlen, "ii", from, to);
	if (!rc)
		rc = run(store, ST_PROJECT_TAGS, "write to", err, errlen, "ii", from, to);
	if (!rc)
		rc = project_changes(store, from, to, err, errlen);
	if (!rc)
		rc = run(store, ST_SET_PROJECTED, "write to", err, errlen, "i", to);
	return rc;
}

int store_project(struct store *store, int64_t *projected, char *err, size_t errlen)
{
	int64_t from, to;
	int rc = projection_range(store, &from, &to, err, errlen);
	if (rc || from >= to) {
		if (projected)
			*projected = 0;
		return rc;
	}
	bool own_transaction = !store->in_transaction;
	if (own_transaction && (rc = store_begin(store, err, errlen)))
		return rc;
	/* Read again inside the transaction: another connection may have projected meanwhile. */
	rc = projection_range(store, &from, &to, err, errlen);
	if (!rc && from < to)
		rc = project_range(store, from, to, err, errlen);
	if (own_transaction) {
		if (!rc)
			rc = store_commit(store, err, errlen);
		else
			store_rollback(store);
	}
	if (projected)
		*projected = rc || from >= to ? 0 : to - from;
	return rc;
}

int store_insert_vote(struct store *store, const struct store_vote_row *row, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_INSERT_VOTE, "write to", err, errlen, "tttttii", row->id, row->session,
		row->item, row->vote_id, row->definition, row->opened_ms, row->seq);
}

int store_close_vote(struct store *store, const char *vote, int64_t closed_ms, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_CLOSE_VOTE, "write to", err, errlen, "ti", vote, closed_ms);
}

int store_insert_ballot(struct store *store, int64_t seq, const char *vote, const char *participant,
	const char *choices, const char *reason, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	if (!rc)
		rc = run(store, ST_INSERT_BALLOT, "write to", err, errlen, "itttt", seq, vote, participant, choices, reason);
	if (!rc)
		rc = run(store, ST_REPLACE_BALLOT, "write to", err, errlen, "tti", vote, participant, seq);
	return rc;
}

int store_insert_recommendation(struct store *store, int64_t seq, const char *id, const char *session,
	const char *item, const char *text, char *err, size_t errlen)
{
	int rc = need_transaction(store, err, errlen);
	return rc ? rc : run(store, ST_INSERT_RECOMMENDATION, "write to", err, errlen, "itttt", seq, id, session,
		item, text);
}

/* ---- reads ---- */

int store_find_session(struct store *store, const char *prefix, char id[STORE_UUID_LEN + 1],
	char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, prefix ? ST_FIND_PREFIX : ST_FIND_LATEST_OPEN, err, errlen, &rc);
	if (!stmt)
		return rc;
	if (prefix)
		sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_STATIC);
	int found = 0, r;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (found++ == 0)
			snprintf(id, STORE_UUID_LEN + 1, "%s", (const char *)sqlite3_column_text(stmt, 0));
	}
	if (r != SQLITE_DONE)
		rc = fail(store, r, "read", err, errlen);
	else if (found == 0 && prefix)
		errmsg_fail(err, errlen, "no session with an id starting with \"%s\" in %s", prefix, store->path);
	else if (found == 0)
		errmsg_fail(err, errlen, "no open session in %s; start one with an agenda", store->path);
	else if (found > 1)
		errmsg_fail(err, errlen, "more than one session id starts with \"%s\"; give more characters", prefix);
	if (!rc && found != 1)
		rc = found == 0 ? EX_NOINPUT : EX_USAGE;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

void store_session_info_free(struct store_session_info *info)
{
	if (!info)
		return;
	free(info->title);
	free(info->organisation);
	free(info->date);
	free(info->agenda_yaml);
	*info = (struct store_session_info){ 0 };
}

static bool read_info(sqlite3_stmt *stmt, struct store_session_info *info)
{
	*info = (struct store_session_info){ 0 };
	snprintf(info->id, sizeof info->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
	info->title = dup_text((const char *)sqlite3_column_text(stmt, 1));
	info->organisation = dup_text((const char *)sqlite3_column_text(stmt, 2));
	info->date = dup_text((const char *)sqlite3_column_text(stmt, 3));
	info->ended = strcmp((const char *)sqlite3_column_text(stmt, 4), "ended") == 0;
	info->started_ms = sqlite3_column_int64(stmt, 5);
	info->ended_ms = sqlite3_column_int64(stmt, 6);
	snprintf(info->console, sizeof info->console, "%s", (const char *)sqlite3_column_text(stmt, 7));
	if (sqlite3_column_type(stmt, 8) != SQLITE_NULL) {
		const char *yaml = (const char *)sqlite3_column_text(stmt, 8);
		info->agenda_len = (size_t)sqlite3_column_bytes(stmt, 8);
		if ((info->agenda_yaml = malloc(info->agenda_len + 1)))
			memcpy(info->agenda_yaml, yaml, info->agenda_len + 1);
		else
			return false;
	}
	info->n_participants = sqlite3_column_int(stmt, 9);
	info->n_contributions = sqlite3_column_int(stmt, 10);
	info->n_votes = sqlite3_column_int(stmt, 11);
	return info->title != NULL;
}

/* Grows an array of rows of size bytes by one; NULL when out of memory (the array stays). */
static void *grow_rows(void *rows, int n, int *cap, size_t size)
{
	if (n < *cap)
		return rows;
	int new_cap = *cap ? *cap * 2 : 16;
	void *grown = realloc(rows, (size_t)new_cap * size);
	if (grown)
		*cap = new_cap;
	return grown;
}

static int list_sessions(struct store *store, const char *id, bool with_agenda,
	struct store_session_info **out, int *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, id ? ST_SESSION_GET : ST_SESSION_LIST, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_int(stmt, 1, with_agenda);
	if (id)
		sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_session_info *list = grow_rows(*out, *n, &cap, sizeof *list);
		if (!list) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = list;
		bool ok = read_info(stmt, &(*out)[*n]);
		(*n)++;
		if (!ok) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE) {
		rc = fail(store, r, "read", err, errlen);
		store_session_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

int store_session_get(struct store *store, const char *id, struct store_session_info *out,
	char *err, size_t errlen)
{
	struct store_session_info *list;
	int n;
	*out = (struct store_session_info){ 0 };
	int rc = list_sessions(store, id, true, &list, &n, err, errlen);
	if (rc)
		return rc;
	if (n == 0) {
		errmsg_fail(err, errlen, "no session %s in %s", id, store->path);
		return EX_NOINPUT;
	}
	*out = list[0];
	free(list);
	return 0;
}

int store_session_list(struct store *store, struct store_session_info **out, int *n, char *err, size_t errlen)
{
	return list_sessions(store, NULL, false, out, n, err, errlen);
}

void store_session_list_free(struct store_session_info *list, int n)
{
	for (int i = 0; list && i < n; i++)
		store_session_info_free(&list[i]);
	free(list);
}

int store_events_open(struct store *store, const char *session, int64_t after_seq,
	struct store_events **out, char *err, size_t errlen)
{
	*out = NULL;
	if (store->iterating) {
		errmsg_fail(err, errlen, "internal error: two event iterators on %s", store->path);
		return EX_SOFTWARE;
	}
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, ST_EVENTS, err, errlen, &rc);
	if (!stmt)
		return rc;
	struct store_events *it = calloc(1, sizeof *it);
	char *sid = strdup(session);
	if (!it || !sid) {
		free(it);
		free(sid);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	/* The iterator owns its copy of the id: the statement reads the binding while stepping. */
	sqlite3_bind_text(stmt, 1, sid, -1, free);
	sqlite3_bind_int64(stmt, 2, after_seq);
	it->store = store;
	it->stmt = stmt;
	store->iterating = true;
	*out = it;
	return 0;
}

int store_events_next(struct store_events *it, struct store_event *event, char *err, size_t errlen)
{
	free(it->payload);
	it->payload = NULL;
	int r = sqlite3_step(it->stmt);
	if (r == SQLITE_DONE)
		return 0;
	if (r != SQLITE_ROW) {
		int rc = fail(it->store, r, "read", err, errlen);
		return rc > 1 ? rc : EX_IOERR;
	}
	event->seq = sqlite3_column_int64(it->stmt, 0);
	event->at_ms = sqlite3_column_int64(it->stmt, 1);
	snprintf(event->console, sizeof event->console, "%s", (const char *)sqlite3_column_text(it->stmt, 2));
	snprintf(event->type, sizeof event->type, "%s", (const char *)sqlite3_column_text(it->stmt, 3));
	it->payload = dup_text((const char *)sqlite3_column_text(it->stmt, 4));
	event->payload = it->payload;
	if (!it->payload) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	return 1;
}

void store_events_close(struct store_events *it)
{
	if (!it)
		return;
	sqlite3_reset(it->stmt);
	sqlite3_clear_bindings(it->stmt);
	it->store->iterating = false;
	free(it->payload);
	free(it);
}

/* Reads one text column as a malloc'd string (NULL stays NULL); false when out of memory. */
static bool column_dup(sqlite3_stmt *stmt, int column, char **out)
{
	*out = NULL;
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return true;
	return (*out = dup_text((const char *)sqlite3_column_text(stmt, column))) != NULL;
}

/* A failed MATCH is the query's fault (bad FTS5 syntax), anything else the database's. */
static int search_failed(struct store *store, int r, const char *query, char *err, size_t errlen)
{
	if ((r & 0xff) == SQLITE_ERROR) {
		errmsg_fail(err, errlen, "cannot search for \"%s\": %s", query, sqlite3_errmsg(store->db));
		return EX_DATAERR;
	}
	return fail(store, r, "search", err, errlen);
}

int store_search(struct store *store, const char *session, const char *query, int64_t **out, int *n,
	char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, ST_SEARCH, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, query, -1, SQLITE_STATIC);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t *seqs = grow_rows(*out, *n, &cap, sizeof *seqs);
		if (!seqs) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = seqs;
		(*out)[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	if (r != SQLITE_DONE) {
		rc = search_failed(store, r, query, err, errlen);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

void store_search_hits_free(struct store_search_hit *hits, int n)
{
	for (int i = 0; hits && i < n; i++) {
		free(hits[i].title);
		free(hits[i].organisation);
		free(hits[i].date);
		free(hits[i].participant);
		free(hits[i].snippet);
	}
	free(hits);
}

int store_search_snippets(struct store *store, const char *query, const struct store_snippet_marks *marks, int limit,
	struct store_search_hit **out, int *n, char *err, size_t errlen)
{
	static const struct store_snippet_marks plain = { "[", "]", 12 };
	*out = NULL;
	*n = 0;
	if (!marks)
		marks = &plain;
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, ST_SEARCH_ALL, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit > 0 ? limit : 50);
	sqlite3_bind_text(stmt, 3, marks->open, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, marks->close, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, marks->tokens > 0 && marks->tokens <= 64 ? marks->tokens : 12);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_search_hit *hits = grow_rows(*out, *n, &cap, sizeof *hits);
		if (!hits) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = hits;
		struct store_search_hit *h = &hits[(*n)++];
		*h = (struct store_search_hit){ .seq = sqlite3_column_int64(stmt, 0) };
		snprintf(h->session, sizeof h->session, "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(h->kind, sizeof h->kind, "%s", (const char *)sqlite3_column_text(stmt, 6));
		bool ok = column_dup(stmt, 2, &h->title) && column_dup(stmt, 3, &h->organisation)
			&& column_dup(stmt, 4, &h->date) && column_dup(stmt, 5, &h->participant)
			&& column_dup(stmt, 7, &h->snippet);
		if (!ok) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE) {
		rc = search_failed(store, r, query, err, errlen);
		store_search_hits_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

int store_report(struct store *store, const struct store_report_filter *filter, struct store_report_row **out,
	int *n, char *err, size_t errlen)
{
	static const struct store_report_filter everything = { 0 };
	*out = NULL;
	*n = 0;
	if (!filter)
		filter = &everything;
	enum statement id = filter->organisation ? ST_REPORT_ORGANISATION
		: filter->date_from || filter->date_to ? ST_REPORT_DATES : ST_REPORT_ALL;
	int rc = 0;
	sqlite3_stmt *stmt = statement(store, id, err, errlen, &rc);
	if (!stmt)
		return rc;
	if (id != ST_REPORT_ALL) {
		sqlite3_bind_text(stmt, 1, filter->organisation, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, filter->date_from, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, filter->date_to, -1, SQLITE_STATIC);
	}
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int k = 0; k < N_REPORT_KINDS && r == SQLITE_ROW; k++) {
			int64_t contributions = sqlite3_column_int64(stmt, 1 + 2 * k);
			if (contributions <= 0)
				continue;
			struct store_report_row *rows = grow_rows(*out, *n, &cap, sizeof *rows);
			if (!rows) {
				r = SQLITE_NOMEM;
				break;
			}
			*out = rows;
			struct store_report_row *row = &rows[(*n)++];
			snprintf(row->code, sizeof row->code, "%s", (const char *)sqlite3_column_text(stmt, 0));
			snprintf(row->kind, sizeof row->kind, "%s", report_kinds[k]);
			row->contributions = contributions;
			row->sessions = sqlite3_column_int64(stmt, 2 + 2 * k);
		}
		if (r != SQLITE_ROW)
			break;
	}
	if (r != SQLITE_DONE) {
		rc = fail(store, r, "read", err, errlen);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}
