/* store: the one SQLite database that holds every session (schema in docs/schema.md).
 *
 * The API of storage/, the only layer that includes sqlite3.h: every SQL statement of the
 * program lives there, next to the code that runs it, and this header is all that other
 * layers see. storage/store.c is the connection (opening, settings, transactions,
 * checkpoints), store_files.c the checks on the files' bytes before SQLite reads them,
 * store_schema.c the schema and its migrations, store_write.c the writes,
 * store_project.c the projection, store_read.c the reads, store_query.c search and
 * the counts per code and kind, store_report.c the reports across sessions, store_recs.c
 * the recommendations register, store_browse.c the history browser's pages; they share
 * the connection and its cache of prepared statements through
 * storage/store_db.h, which is private to storage/.
 *
 * Opening checks that the file is a klankbord database of a schema this build knows,
 * migrates older ones forward, and refuses anything else without writing to it. Before
 * SQLite reads it, the -wal is checked frame by frame (storage/store_files.h): a damaged
 * one is refused and kept, never checkpointed or deleted. An SQLite file with no tables
 * is set up as a new database only when it was missing or empty with nothing beside it. Each
 * connection runs in WAL mode with synchronous=FULL, foreign_keys=ON and a 10 s busy
 * timeout.
 *
 * Writes happen between store_begin() (BEGIN IMMEDIATE) and store_commit(); a write
 * function called outside a transaction is an error. Every function returns 0 or a
 * sysexits code and puts a message a person can act on in err (the path, what failed,
 * what to do, and SQLite's own words in parentheses). Never prints, never exits.
 * Times are Unix milliseconds. store_close(NULL) is safe. */
#ifndef KLANKBORD_STORE_H
#define KLANKBORD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/kinds.h"
#include "config/rec_status.h"

enum {
	STORE_APPLICATION_ID = 0x6b6c6e6b, /* "klnk" in PRAGMA application_id */
	STORE_SCHEMA_VERSION = 13,          /* PRAGMA user_version this build writes */
	STORE_BUSY_TIMEOUT_MS = 10000,
	STORE_UUID_LEN = 36,
	STORE_NAME_MAX = 32,               /* console names and event types */
};

struct store;

/* The default database path, $XDG_DATA_HOME/klankbord/klankbord.db or
 * ~/.local/share/klankbord/klankbord.db. Returns a malloc'd string, or NULL with a
 * message when neither XDG_DATA_HOME nor HOME is set to an absolute path. */
char *store_default_path(char *err, size_t errlen);

/* Opens (creating when missing) the database at path; the folders leading to it are
 * created 0700, the database and its -wal and -shm files 0600. Returns EX_DATAERR for
 * a damaged or foreign file or one from a newer klankbord, EX_CANTCREAT when the folder
 * or file cannot be created, EX_IOERR / EX_TEMPFAIL otherwise. */
int store_open(const char *path, struct store **out, char *err, size_t errlen);
/* How much opening reads before it trusts a file. Every open checks the header, the
 * application_id, the schema version and the tables. PRAGMA quick_check reads every page,
 * so its cost grows with the history (seconds for a million contributions):
 *   STORE_CHECK_AUTO      quick_check when it is cheap (a database of at most
 *                         STORE_QUICK_CHECK_MAX_BYTES) or when damage is likeliest: a
 *                         non-empty -wal file is left, so the last writer crashed (or
 *                         another console has the database open). What store_open() does.
 *   STORE_CHECK_FULL      quick_check always.
 *   STORE_CHECK_IDENTITY  never; damage is found, and refused with EX_DATAERR, when a
 *                         damaged page is read. */
enum store_check { STORE_CHECK_AUTO, STORE_CHECK_FULL, STORE_CHECK_IDENTITY };
enum { STORE_QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024 };
/* For a command that only reads and is about to read much of the file (a report across
 * most sessions): the file is mapped into memory instead of each page being copied from
 * the kernel, a third of such a report's time (docs/benchmarks.md). Not for small reads:
 * a first touch of a mapped page costs more than a copy (a search took 12 ms instead of
 * 7). Does nothing on a connection that writes. */
void store_read_in_bulk(struct store *store);

/* store_open() is store_open_checked(path, STORE_CHECK_AUTO, ...). */
int store_open_checked(const char *path, enum store_check check, struct store **out, char *err, size_t errlen);
/* Who opens, and what opening may do to the files:
 *   STORE_WRITE      consoles: creates the folders and the file when missing, sets up an
 *                    empty one, migrates an older one. What store_open() does.
 *   STORE_READ       commands that only read (list, search, report, export): never creates
 *                    anything, EX_NOINPUT when there is no file. When the file and its
 *                    folder can be written it opens as STORE_WRITE does (so that it derives
 *                    what a killed console left); on read-only media (a USB stick) as
 *                    STORE_READ_ONLY.
 *   STORE_READ_ONLY  never writes a byte: without a -wal, SQLite's immutable open (no -wal
 *                    or -shm is created, no lock taken); with one, a read-only connection
 *                    that reads the log through its -shm. Search, reports and counts then
 *                    show what was derived so far (store_projection_problem() says what is
 *                    missing); every write is refused. */
enum store_mode { STORE_WRITE, STORE_READ, STORE_READ_ONLY };
int store_open_mode(const char *path, enum store_mode mode, enum store_check check, struct store **out,
	char *err, size_t errlen);
/* Whether the store was opened read-only. */
bool store_read_only(const struct store *store);
void store_close(struct store *store);
const char *store_path(const struct store *store);

/* Per-connection settings, read back for checks and diagnostics. */
enum store_pragma { STORE_PRAGMA_FOREIGN_KEYS, STORE_PRAGMA_SYNCHRONOUS, STORE_PRAGMA_BUSY_TIMEOUT };
int store_pragma_int(struct store *store, enum store_pragma pragma, int64_t *out, char *err, size_t errlen);

/* PRAGMA data_version: changes when another connection has committed. */
int store_data_version(struct store *store, int64_t *out, char *err, size_t errlen);

/* How many transactions this connection has committed: data_version does not change
 * for a connection's own commits, so a reader sharing the connection checks both. */
int64_t store_commit_count(const struct store *store);

/* While another connection holds the write lock, a write waits for it up to
 * STORE_BUSY_TIMEOUT_MS. A console that must show it is waiting gives a notice: called
 * about every quarter of a second of such a wait with how long it has lasted (from a
 * quarter second on), from inside the waiting call; it may draw, but must not use the
 * store. NULL takes the notice away. */
typedef void (*store_busy_notice)(void *ctx, int waited_ms);
void store_set_busy_notice(struct store *store, store_busy_notice notice, void *ctx);
/* How long a write waits for another connection's write lock from now on (max_ms, 0: not
 * at all; STORE_BUSY_TIMEOUT_MS when opened); returns the wait it replaces. */
int store_set_busy_wait(struct store *store, int max_ms);

int store_begin(struct store *store, char *err, size_t errlen);
int store_commit(struct store *store, char *err, size_t errlen);
void store_rollback(struct store *store); /* safe when no transaction is open */
/* store_begin() for a transaction whose commit does not wait for the disk (synchronous
 * NORMAL): what it writes survives the process however it ends, since the -wal has it,
 * but a power loss may take it back until the next synced commit that writes (which
 * syncs the log with it, in order) or a checkpoint of the whole log. With owe_sync (an
 * item move) store_sync() and store_close() sync it too; without (a projection, which
 * can always be derived again) it waits for whatever syncs next. Never for what a person
 * said. */
int store_begin_unsynced(struct store *store, bool owe_sync, char *err, size_t errlen);
/* Whether an unsynced commit still waits for store_sync(); and the sync itself (the log's
 * fdatasync), which does nothing when none waits. store_close() syncs too. */
bool store_sync_owed(const struct store *store);
int store_sync(struct store *store, char *err, size_t errlen);

/* ---- writes (inside store_begin/store_commit; storage/store_write.c) ---- */

struct store_session_row {
	const char *id, *title, *organisation, *location, *date, *console;
	const char *agenda_yaml;
	size_t agenda_len;
	int64_t started_ms;
};
int store_insert_session(struct store *store, const struct store_session_row *row, char *err, size_t errlen);
int store_end_session(struct store *store, const char *session, int64_t ended_ms, char *err, size_t errlen);

/* Appends one event; *seq gets its sequence number. payload is a JSON object. A
 * contribution, contribution.edit or contribution.retract that the projection could not
 * use (a payload event_decode() refuses, no id, an item or participant the session does
 * not have, an id already used, an edit or retraction of no stored contribution) is
 * refused with EX_DATAERR and a message naming what is wrong. */
int store_append_event(struct store *store, const char *session, int64_t at_ms, const char *console,
	const char *type, const char *payload, int64_t *seq, char *err, size_t errlen);

/* store_append_event() for a line of --batch input: input_line (> 0) is its line number,
 * kept in the event's envelope (events.input_line) for store_last_input_line(). */
int store_append_input_event(struct store *store, const char *session, int64_t at_ms, const char *console,
	const char *type, const char *payload, int64_t input_line, int64_t *seq, char *err, size_t errlen);

struct store_participant_row {
	const char *session, *id, *name, *role, *community;
	bool consent_quotes, added_live;
	int position;
};
int store_insert_participant(struct store *store, const struct store_participant_row *row, char *err, size_t errlen);

/* A consent event's effect on the participants row (consent_quotes). */
int store_update_consent(struct store *store, const char *session, const char *participant, bool quotes,
	char *err, size_t errlen);

int store_insert_item(struct store *store, const char *session, const char *id, int position,
	const char *title, int planned_seconds, char *err, size_t errlen);
int store_update_item(struct store *store, const char *session, const char *id, int planned_seconds,
	int actual_seconds, char *err, size_t errlen);

/* ---- the projection (storage/store_project.c; store_projection_problem() and
 * store_checkpoint(), which follow it, are the connection's: storage/store.c) ---- */


/* Brings contributions, contribution_tags, report_counts and the search index up to date
 * with the events: a contribution is written as its event alone, and these tables are
 * derived from the events after the commit, many events at a time (docs/schema.md).
 * Runs inside the open transaction, or in one of its own; does nothing when every event
 * is projected. *projected (may be NULL) gets the number of events it read. Opening a
 * store projects what a console that stopped or crashed left, so every reader sees every
 * committed contribution. */
int store_project(struct store *store, int64_t *projected, char *err, size_t errlen);
/* store_project() in a small step: derives at most max_events of the events not yet
 * derived (the oldest), in one short transaction of its own whose commit is not synced
 * (the projection can always be derived again, and the next synced commit syncs the log
 * with it, in order), so that a writer can derive between lines without a line waiting
 * long for it (cli/batch.c). *projected (may be NULL) gets how many events it read,
 * *more whether events are left for another step. */
int store_project_step(struct store *store, int max_events, int64_t *projected, bool *more, char *err,
	size_t errlen);
/* When the projection store_open() runs failed (the disk is full, another console kept the
 * database busy, ...), why; NULL when it succeeded. The open itself still succeeds: the
 * events are complete, only search, reports and counts miss the newest contributions
 * until a later projection. */
const char *store_projection_problem(const struct store *store);
/* What opening saw that a person should know although the open succeeded: events the
 * projection left out (the first named: session, seq, type and what is wrong; they stay
 * in the log and in exports), a rebuilt projection, signs that events were deleted. NULL
 * when nothing. */
const char *store_notice(const struct store *store);
/* Copies what the write-ahead log holds into the database file, as far as readers allow
 * (a passive checkpoint), outside any transaction. SQLite also does this by itself once
 * the log passes 1,000 pages, inside whichever commit crosses the mark; doing it here,
 * after a projection, keeps that cost off the lines a note-taker waits for. */
int store_checkpoint(struct store *store, char *err, size_t errlen);

/* ---- more writes (inside store_begin/store_commit; storage/store_write.c) ---- */

struct store_vote_row {
	int64_t seq;
	const char *id, *session, *item, *vote_id;
	const char *definition;      /* JSON for an ad-hoc poll, NULL for an agenda vote */
	int64_t opened_ms;
};
int store_insert_vote(struct store *store, const struct store_vote_row *row, char *err, size_t errlen);
int store_close_vote(struct store *store, const char *vote, int64_t closed_ms, char *err, size_t errlen);
/* A closed vote open again (vote.reopen): status open, closed_at cleared. */
int store_reopen_vote(struct store *store, const char *vote, char *err, size_t errlen);

/* A named ballot (participant set) or anonymous counts (participant NULL, choices are the
 * counts); a withdrawn ballot is a row with choices [] (ballot.withdraw). Marks the earlier current ballot of the same voter (or the earlier counts) as
 * replaced by this one. choices is a JSON array. */
int store_insert_ballot(struct store *store, int64_t seq, const char *vote, const char *participant,
	const char *choices, const char *reason, char *err, size_t errlen);

int store_insert_recommendation(struct store *store, int64_t seq, const char *id, const char *session,
	const char *item, const char *text, char *err, size_t errlen);

/* ---- erasure and copies (storage/store_erase.c; docs/privacy.md) ---- */

/* What one erasure removed, for its erasure event (no personal data: counts only). */
struct store_erased {
	int64_t contributions;       /* contributions erased, every version with them */
	int64_t events;              /* events deleted from the log */
	int64_t ballots;             /* named ballots made anonymous (the result stays) */
	int64_t rewritten;           /* events whose payload was rewritten without personal data */
};
/* Inside store_begin()/store_commit(): brings the projection up to date, turns on
 * secure_delete and lifts the append-only rule on events (drops events_no_update and
 * events_no_delete) for this transaction only. */
int store_erase_begin(struct store *store, char *err, size_t errlen);
/* Between store_erase_begin() and store_erase_end(). Erases participant of session:
 * their contributions with every edit and retraction (events, derived rows, search
 * index; report counts follow), their replaced ballots; their current ballots stay as
 * anonymous ballots (participant and reason null), so every result stays as it was; the
 * register's changes of status of their recommendations go with them; the
 * participant's row and participant.add event keep the id without name and community;
 * the session's agenda text becomes agenda_yaml. *out (added to) says how much. */
int store_erase_participant(struct store *store, const char *session, const char *participant,
	const char *agenda_yaml, size_t agenda_len, struct store_erased *out, char *err, size_t errlen);
/* Erases session: every event, every row derived from it (the register's changes of its
 * recommendations too), its agenda text; the sessions
 * row stays as a tombstone (title "erased session", no organisation, location, date or
 * agenda text; ended at ended_ms when it was open) to hold the erasure event. */
int store_erase_session(struct store *store, const char *session, int64_t ended_ms, struct store_erased *out,
	char *err, size_t errlen);
/* Rewrites the search index as one segment (FTS5 'optimize'), so no old segment keeps an
 * erased word, and puts the append-only triggers back. The caller then appends the
 * erasure event and commits. */
int store_erase_end(struct store *store, char *err, size_t errlen);
/* After the commit: copies the log into the file and empties it (checkpoint TRUNCATE), so
 * that no erased byte is left in the database, its -wal or its -shm. Every connection
 * runs with secure_delete on, so what the erasure deleted is zeros already; a database
 * written before schema version 5 (without secure_delete: its free space may hold old
 * text) is also rewritten once (VACUUM), and so is any when vacuum is set.
 * EX_TEMPFAIL when another connection kept the log from being emptied (a console has
 * the database open): the erasure is committed, and running store_scrub() again (or
 * klankbord erase --scrub) finishes it. */
int store_scrub(struct store *store, bool vacuum, bool *vacuumed, char *err, size_t errlen);
/* The sessions that ended before before_ms and are not erased yet, oldest first; *ids is
 * malloc'd (free()). */
int store_sessions_ended_before(struct store *store, int64_t before_ms, char (**ids)[STORE_UUID_LEN + 1], int *n,
	char *err, size_t errlen);
/* Copies the database to path with SQLite's online backup API (a consistent copy while
 * consoles write), created 0600 and refused when path exists; the copy is checked with
 * PRAGMA integrity_check before this returns 0. *pages gets the pages copied. */
int store_backup(struct store *store, const char *path, int64_t *pages, char *err, size_t errlen);

/* ---- reads (storage/store_read.c) ---- */

/* Finds a session by a unique prefix of its id, or the most recently started open one
 * when prefix is NULL; id gets the full id. EX_NOINPUT: none; EX_USAGE: ambiguous. */
int store_find_session(struct store *store, const char *prefix, char id[STORE_UUID_LEN + 1],
	char *err, size_t errlen);

struct store_session_info {
	char id[STORE_UUID_LEN + 1];
	char *title, *organisation;  /* organisation NULL when none */
	char *date;                  /* the agenda's date, NULL when none */
	char day[11];                /* the agenda's date, or the day it started (local time) */
	char *agenda_yaml;           /* filled by store_session_get() only, else NULL */
	size_t agenda_len;
	bool ended;
	bool erased;                 /* erased with klankbord erase: a tombstone holding its erasure event */
	int64_t started_ms, ended_ms;
	char console[STORE_NAME_MAX + 1];
	int n_participants, n_contributions, n_votes; /* contributions: not retracted */
};
/* One session, agenda text included; free with store_session_info_free(). */
int store_session_get(struct store *store, const char *id, struct store_session_info *out,
	char *err, size_t errlen);
void store_session_info_free(struct store_session_info *info);
/* The same without the counts (n_participants, n_contributions and n_votes are 0): what
 * loading a session needs; counting a long log's contributions read all their rows. */
int store_session_get_uncounted(struct store *store, const char *id, struct store_session_info *out,
	char *err, size_t errlen);
/* Every session, most recently started first, without agenda text, for `klankbord list`.
 * Free with store_session_list_free(). */
int store_session_list(struct store *store, struct store_session_info **out, int *n, char *err, size_t errlen);
void store_session_list_free(struct store_session_info *list, int n);

struct store_event {
	int64_t seq, at_ms;
	char console[STORE_NAME_MAX + 1];
	char type[STORE_NAME_MAX + 1];
	const char *payload;         /* JSON object; owned by the iterator until the next call */
};
struct store_events;
/* Iterates a session's events with seq > after_seq in seq order. Only one iterator may
 * be open per store at a time; other store calls are allowed meanwhile. */
int store_events_open(struct store *store, const char *session, int64_t after_seq,
	struct store_events **out, char *err, size_t errlen);
/* Returns 1 and fills *event, 0 at the end, or a sysexits code (> 1) on error. */
int store_events_next(struct store_events *it, struct store_event *event, char *err, size_t errlen);
void store_events_close(struct store_events *it);

/* The highest input line number of the events console wrote in session (0: none), for
 * --batch --skip-stored. */
int store_last_input_line(struct store *store, const char *session, const char *console, int64_t *line,
	char *err, size_t errlen);

/* ---- consoles (storage/store_console.c; docs/console.md) ---- */

/* A console is live while the process that opened it runs. It holds a lock on one byte
 * of the file PATH-consoles beside the database (an open-file-description lock, fcntl
 * F_OFD_SETLK): the kernel drops it when the process ends, however it ends (SIGKILL, a
 * lost SSH connection), so there is no heartbeat to miss and no stale entry to clean up.
 * The consoles table names each console a session had, once; its id is the byte. */
struct store_console {
	char name[STORE_NAME_MAX + 1];
	bool live;                   /* a process holds its lock now (this one included) */
	bool here;                   /* this store holds it */
	int64_t pid;                 /* the process that opened it last (0: none recorded) */
	int64_t first_ms, last_ms;   /* first and last opened */
};
/* Makes this process console name of session, for as long as the store stays open (or
 * until the next claim, which releases this one): registers the name (once) and takes its
 * lock. EX_TEMPFAIL with a message naming the process when a live console holds the
 * name. Runs its own transaction: call it outside one. */
int store_console_claim(struct store *store, const char *session, const char *name, int64_t now_ms,
	char *err, size_t errlen);
/* Every console session had, first opened first, each with whether it is live now.
 * *out is malloc'd (free()); *n may be 0. */
int store_consoles(struct store *store, const char *session, struct store_console **out, int *n,
	char *err, size_t errlen);
/* Whether console name of session is live now; false for a name it never had. */
int store_console_live(struct store *store, const char *session, const char *name, bool *live,
	char *err, size_t errlen);

/* ---- search and reports (storage/store_query.c) ---- */

/* Seqs of the contributions whose text matches an FTS5 query, in seq order, for search.
 * *out is malloc'd. */
int store_search(struct store *store, const char *session, const char *query, int64_t **out, int *n,
	char *err, size_t errlen);

/* Across sessions, for consultants. */

/* How search hits mark the matched words, and how many words a snippet shows. */
struct store_snippet_marks {
	const char *open, *close;    /* around each matched word, e.g. "[" "]" */
	int tokens;                  /* words per snippet, 1..64 */
};
struct store_search_hit {
	int64_t seq;                 /* the contribution's event */
	char session[STORE_UUID_LEN + 1];
	char *title, *organisation, *date;  /* the session's; organisation and date NULL when none */
	char *participant;           /* NULL for a note-taker's note */
	bool quotable;               /* its speaker consents now to be quoted (participants.consent_quotes) */
	char kind[STORE_NAME_MAX + 1];
	char *snippet;               /* the matching words in context */
};
/* The newest limit (<= 0: 50) contributions of every session whose text matches an FTS5
 * query, retracted ones left out, newest first, each with a snippet; marks NULL means
 * "[", "]", 12 words. EX_DATAERR when the query is not valid FTS5 syntax. Free with
 * store_search_hits_free(). */
int store_search_snippets(struct store *store, const char *query, const struct store_snippet_marks *marks, int limit,
	struct store_search_hit **out, int *n, char *err, size_t errlen);
void store_search_hits_free(struct store_search_hit *hits, int n);

/* What a steered search keeps: NULL fields match everything. session is a prefix of a
 * session id, organisation an organisation's whole name (store_organisation_find()), dates
 * YYYY-MM-DD, inclusive, compared with each session's day (its agenda's date, or the day
 * it started, local time). Recommendations (/recommend) have no speaker and no codes: a
 * code or participant filter leaves them out, a kind filter keeps them for
 * "recommendation" only. */
struct store_search_filter {
	const char *code, *kind, *participant, *item, *session, *organisation;
	const char *date_from, *date_to;
};
struct store_search_match {
	int64_t seq;                 /* the contribution's or the recommendation's event */
	char session[STORE_UUID_LEN + 1];
	char *title, *organisation;  /* the session's; organisation NULL when none */
	char day[11];                /* the session's day */
	char *item;
	char *participant;           /* NULL for a note-taker's note and a recommendation */
	char kind[STORE_NAME_MAX + 1];
	char *codes;                 /* space-separated, "" when none */
	char *snippet;               /* the matching words in context, marked */
	bool recommendation;         /* from /recommend (the recommendations table) */
	bool quotable;               /* its speaker consents now to be quoted (consent events change it) */
};
/* The newest limit (<= 0: 50) contributions and recommendations whose text, codes or kind
 * match an FTS5 query (`housing` finds what carries #housing, `obstacle` what is of that
 * kind), with the filter applied, newest first. A query with Chinese, Japanese or Korean
 * characters is matched against the trigram index instead (text only, words inside a run;
 * a single word of one or two characters, shorter than a trigram, is looked for in the
 * texts newest first, its snippet the whole text). query NULL or blank: the newest that
 * pass the filter, each with its whole text (EX_USAGE when the filter is empty too).
 * marks NULL: "[", "]", 12 words. EX_DATAERR for a
 * query that is not valid FTS5. Free with store_search_matches_free(). */
int store_search_filtered(struct store *store, const char *query, const struct store_search_filter *filter,
	const struct store_snippet_marks *marks, int limit, struct store_search_match **out, int *n,
	char *err, size_t errlen);
void store_search_matches_free(struct store_search_match *matches, int n);

/* The whole name of the organisation whose name is, or contains, part (case-insensitive,
 * ASCII letters; a whole-name match wins over a part), malloc'd in *name. EX_NOINPUT when
 * none matches, EX_USAGE naming two of them when part is in several. */
int store_organisation_find(struct store *store, const char *part, char **name, char *err, size_t errlen);

/* ---- the recommendations register (storage/store_recs.c; docs/recommendations.md) ---- */

/* Every recommendation is an entry of the register, by its UUID: a /recommend (the
 * recommendations table) and a contribution of kind recommendation that is not retracted
 * (its latest text; the speaker is never shown). Its status is that of its newest change
 * (REC_OPEN when it has none); the changes are append-only (recommendation_status). */
struct store_rec_change {
	char id[STORE_UUID_LEN + 1]; /* the change's own UUID */
	int64_t at_ms;
	enum rec_status status;
	char *note;                  /* "" when none */
	char *by;                    /* who made the change */
};
struct store_rec {
	char id[STORE_UUID_LEN + 1];
	char session[STORE_UUID_LEN + 1];
	char *title, *organisation;  /* the session's; organisation NULL when none */
	char day[11];                /* the session's day (STORE_DB_SESSION_DAY) */
	int64_t started_ms;          /* when its session started */
	char *item;                  /* the agenda item's id */
	char *text;
	int64_t seq;                 /* its event */
	bool recommend;              /* from /recommend; else a contribution of kind recommendation */
	enum rec_status status;      /* the newest change's, REC_OPEN when none */
	struct store_rec_change *history; /* oldest first (by time, then as written) */
	int n_history;
};
/* Which entries store_recs_list() gives: NULL / 0 / false fields match everything. */
struct store_rec_filter {
	const char *id;              /* one entry, by its whole id (store_rec_find()) */
	const char *session;         /* one session's whole id */
	const char *organisation;    /* a whole name (store_organisation_find()), ASCII case ignored */
	int64_t started_before_ms;   /* > 0: only sessions started before this time */
	bool by_status;              /* only entries whose status is status */
	enum rec_status status;
};
/* The entries the filter (NULL: all) keeps, in the order of their sessions' days, then
 * starts, then seq, each with its history. A database of schema 6 or older opened
 * read-only has no changes: every entry is open. Free with store_recs_free(). */
int store_recs_list(struct store *store, const struct store_rec_filter *filter, struct store_rec **out, int *n,
	char *err, size_t errlen);
void store_recs_free(struct store_rec *recs, int n);
/* Attaches to entries the caller built (id set, status REC_OPEN, no history) the register's
 * changes of each, and the newest change's status, as store_recs_list() does: a report,
 * which has read its recommendations already, reads the register alone. */
int store_recs_history(struct store *store, struct store_rec *recs, int n, char *err, size_t errlen);
/* Finds an entry by a unique prefix of its id, as store_find_session() finds a session;
 * id gets the whole id. EX_NOINPUT: none; EX_USAGE: more than one. */
int store_rec_find(struct store *store, const char *prefix, char id[STORE_UUID_LEN + 1], char *err, size_t errlen);

/* One change of status, for store_insert_rec_change(). note NULL is "". */
struct store_rec_change_row {
	const char *id;              /* the change's own UUID */
	const char *recommendation;  /* the entry's whole id */
	int64_t at_ms;
	enum rec_status status;
	const char *note, *by;
};
/* Appends a change (inside store_begin/store_commit). EX_NOINPUT when no entry has that
 * id, EX_DATAERR for a status outside the vocabulary or an empty by. */
int store_insert_rec_change(struct store *store, const struct store_rec_change_row *row, char *err, size_t errlen);

/* ---- reports across sessions (storage/store_report.c) ---- */

/* Which sessions a report covers: organisation a whole name (store_organisation_find()),
 * dates inclusive against each session's day; sessions, when n_sessions > 0, id prefixes
 * (each must name one session). NULL fields match everything. */
struct store_report_scope {
	const char *organisation;
	const char *date_from, *date_to;
	const char *const *sessions;
	int n_sessions;
};
struct store_report_session {
	char id[STORE_UUID_LEN + 1];
	char *title, *organisation;  /* organisation NULL when none */
	char day[11];                /* the agenda's date, or the day it started (local time) */
	bool dated;                  /* the day is the agenda's date */
	int64_t started_ms;
	int64_t contributions;       /* not retracted */
};
/* The sessions of the scope, in date order (day, then start). EX_NOINPUT when a session
 * prefix names none, EX_USAGE when it names several. Free with store_report_sessions_free(). */
int store_report_sessions(struct store *store, const struct store_report_scope *scope,
	struct store_report_session **out, int *n, char *err, size_t errlen);
void store_report_sessions_free(struct store_report_session *sessions, int n);

/* One row of report_counts: contributions (not retracted) of each kind (in the order of
 * CONTRIBUTION_KINDS) carrying code in one session; code "" counts every contribution. */
struct store_report_cell {
	int session;                 /* index into the sessions given */
	char code[STORE_NAME_MAX + 1];
	int64_t kinds[KIND_COUNT];
};
/* The cells of the given sessions (as store_report_sessions() returned them), in no
 * particular order; cells that count nothing are left out. *out is malloc'd (free()). */
int store_report_cells(struct store *store, const struct store_report_session *sessions, int n_sessions,
	struct store_report_cell **out, int *n, char *err, size_t errlen);

/* A contribution the report shows: every recommendation (kind recommendation, and each
 * /recommend), and the obstacles, successes and quotes whose speaker consents to be quoted
 * (store_report_contributions() is the one place that reads consent). */
struct store_report_contribution {
	int session;                 /* index into the sessions given */
	int64_t seq;
	char *item;
	char *participant;           /* NULL for a note and a /recommend; set only when quotable */
	char kind[STORE_NAME_MAX + 1];
	char *codes;                 /* space-separated, "" when none */
	char *text;
	bool quotable;               /* its speaker consents to be quoted (never set for a recommendation) */
	bool recommend;              /* from /recommend (the recommendations table) */
	bool item_voted;             /* a vote was opened on its item */
	char id[STORE_UUID_LEN + 1]; /* its UUID (a recommendation's register entry is named by it) */
};
/* In session order, then seq. progress (may be NULL) is called with how many sessions of
 * n_sessions were read so far. Free with store_report_contributions_free(). */
int store_report_contributions(struct store *store, const struct store_report_session *sessions, int n_sessions,
	void (*progress)(void *ctx, int done, int total), void *ctx,
	struct store_report_contribution **out, int *n, char *err, size_t errlen);
void store_report_contributions_free(struct store_report_contribution *list, int n);

/* Which sessions a report covers: NULL fields match everything. Dates are YYYY-MM-DD and
 * inclusive; with a date bound, sessions without a date are left out. */
struct store_report_filter {
	const char *organisation;
	const char *date_from, *date_to;
};
struct store_report_row {
	char code[STORE_NAME_MAX + 1];   /* a codebook code; "" for all contributions, coded or not */
	char kind[STORE_NAME_MAX + 1];
	int64_t contributions;           /* not retracted */
	int64_t sessions;                /* sessions with at least one */
};
/* Contributions per code and kind over the sessions the filter (NULL: all) selects,
 * ordered by code, then by kind in the order of docs/capture.md; pairs with no
 * contribution are left out. Reads the summary table report_counts (docs/schema.md): one
 * row per session and code. *out is malloc'd (free()). */
int store_report(struct store *store, const struct store_report_filter *filter, struct store_report_row **out,
	int *n, char *err, size_t errlen);

/* ---- the history browser (storage/store_browse.c) ---- */

/* Where a page starts. Sessions: (started_ms, row); contributions: (seq, 0). */
struct store_browse_key {
	int64_t a, b;
};
/* STORE_BROWSE_FROM: the rows from the key on, in the list's order (key NULL: from its
 * start). STORE_BROWSE_BEFORE: the rows before the key, nearest first (key NULL: the
 * list's last rows, the last one first). */
enum store_browse_dir { STORE_BROWSE_FROM, STORE_BROWSE_BEFORE };

struct store_browse_session {
	struct store_browse_key key;
	char id[STORE_UUID_LEN + 1];
	char *title, *organisation;  /* organisation NULL when none */
	char day[11];                /* the agenda's date, or the day it started (local time) */
	bool ended, erased;
	int64_t contributions;       /* not retracted (report_counts) */
};
/* At most limit sessions, newest first (started, then row), of organisation (a whole
 * name, store_organisation_find(); NULL: every one). Free with store_browse_sessions_free(). */
int store_browse_sessions(struct store *store, const char *organisation, const struct store_browse_key *key,
	enum store_browse_dir dir, int limit, struct store_browse_session **out, int *n, char *err, size_t errlen);
void store_browse_sessions_free(struct store_browse_session *rows, int n);

struct store_browse_item {
	char *id, *title;
	int planned_seconds, actual_seconds;
	int64_t contributions;       /* not retracted */
	int votes;
};
/* The items of a session in agenda order (an agenda's few). Free with store_browse_items_free(). */
int store_browse_items(struct store *store, const char *session, struct store_browse_item **out, int *n,
	char *err, size_t errlen);
void store_browse_items_free(struct store_browse_item *rows, int n);

/* What an item's contributions are narrowed to; NULL fields match everything. code and
 * kind are compared in lower case, participant is an id (E03). */
struct store_browse_filter {
	const char *code, *kind, *participant;
};
struct store_browse_entry {
	struct store_browse_key key;  /* (seq, 0) */
	int64_t number;               /* the entry number in the session (1, 2, ...: what /edit takes) */
	int64_t at_ms;
	char *participant;            /* NULL for a note-taker's note */
	char kind[STORE_NAME_MAX + 1];
	char *codes;                  /* space-separated, "" when none */
	char *text;
	bool retracted;
};
/* At most limit contributions of item in session, retracted ones included, in seq order
 * (see enum store_browse_dir). Free with store_browse_entries_free(). */
int store_browse_entries(struct store *store, const char *session, const char *item,
	const struct store_browse_filter *filter, const struct store_browse_key *key, enum store_browse_dir dir,
	int limit, struct store_browse_entry **out, int *n, char *err, size_t errlen);
void store_browse_entries_free(struct store_browse_entry *rows, int n);

#endif
