/* store_schema: see store_schema.h. The schema and its migrations are the list
 * `migrations` below; docs/schema.md documents every table and column. */
#include "storage/store_schema.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "storage/store_cjk.h"
#include "storage/store_db.h"
#include "storage/store_files.h"

/* Schema version N is reached by running migrations[N - 1] on version N - 1. Adding
 * a version means appending one string here. Each runs inside one transaction. */
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
	/* 4: damaged input. projection_skipped holds the events the projection could not use
	 * (a payload event_decode() refuses, a duplicate id, an edit of nothing), with why, so
	 * that one bad event never blocks the others. events.input_line is the line of the
	 * --batch input that wrote the event (NULL from the console), for --skip-stored. */
	"CREATE TABLE projection_skipped ("
	" seq INTEGER PRIMARY KEY REFERENCES events(seq),"
	" problem TEXT NOT NULL);"
	"ALTER TABLE events ADD COLUMN input_line INTEGER;",
	/* 5: search a consultant can steer. search_index indexes each contribution's text,
	 * codes and kind (unicode61, like contributions_fts), over the view search_content,
	 * so that `search housing` finds what carries #housing; store_project() keeps it in
	 * step (a view has no triggers). contributions_trigram indexes the text by trigrams,
	 * so that Chinese and Japanese words are found inside a run; recommendations_fts
	 * makes /recommend searchable with the same columns (no codes, kind recommendation).
	 * Each is filled here from what is stored. */
	"CREATE VIEW search_content AS SELECT c.seq AS seq, c.text AS text,"
	" coalesce((SELECT group_concat(t.code, ' ') FROM contribution_tags t WHERE t.contribution = c.id), '') AS codes,"
	" c.kind AS kind FROM contributions c;"
	"CREATE VIRTUAL TABLE search_index USING fts5("
	" text, codes, kind, content='search_content', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');"
	"INSERT INTO search_index (rowid, text, codes, kind) SELECT seq, text, codes, kind FROM search_content;"
	"CREATE VIRTUAL TABLE contributions_trigram USING fts5("
	" text, content='contributions', content_rowid='seq', tokenize='trigram');"
	"CREATE TRIGGER contributions_trigram_insert AFTER INSERT ON contributions BEGIN"
	" INSERT INTO contributions_trigram(rowid, text) VALUES (new.seq, new.text); END;"
	"CREATE TRIGGER contributions_trigram_delete AFTER DELETE ON contributions BEGIN"
	" INSERT INTO contributions_trigram(contributions_trigram, rowid, text) VALUES ('delete', old.seq, old.text); END;"
	"CREATE TRIGGER contributions_trigram_update AFTER UPDATE OF text ON contributions BEGIN"
	" INSERT INTO contributions_trigram(contributions_trigram, rowid, text) VALUES ('delete', old.seq, old.text);"
	" INSERT INTO contributions_trigram(rowid, text) VALUES (new.seq, new.text); END;"
	"INSERT INTO contributions_trigram(contributions_trigram) VALUES ('rebuild');"
	"CREATE VIEW recommendation_content AS SELECT seq, text, '' AS codes, 'recommendation' AS kind"
	" FROM recommendations;"
	"CREATE VIRTUAL TABLE recommendations_fts USING fts5(text, codes, kind, content='recommendation_content',"
	" content_rowid='seq', tokenize='unicode61 remove_diacritics 2');"
	"CREATE TRIGGER recommendations_fts_insert AFTER INSERT ON recommendations BEGIN"
	" INSERT INTO recommendations_fts(rowid, text, codes, kind) VALUES (new.seq, new.text, '', 'recommendation'); END;"
	"CREATE TRIGGER recommendations_fts_delete AFTER DELETE ON recommendations BEGIN"
	" INSERT INTO recommendations_fts(recommendations_fts, rowid, text, codes, kind)"
	" VALUES ('delete', old.seq, old.text, '', 'recommendation'); END;"
	"INSERT INTO recommendations_fts(recommendations_fts) VALUES ('rebuild');"
	/* What a report shows of a session's contributions (storage/store_report.c): its
	 * recommendations, and the obstacles, successes and quotes a consenting speaker may
	 * have; partial indexes, so that a report reads those rows and not every one; and its
	 * /recommend rows by session. */
	"CREATE INDEX contributions_recommended ON contributions(session, seq) WHERE kind = 'recommendation';"
	"CREATE INDEX contributions_quotable ON contributions(session, seq) WHERE kind IN ('obstacle', 'success', 'quote');"
	"CREATE INDEX recommendations_session ON recommendations(session, seq);",
	/* 6: erasure. Every connection now runs with secure_delete on; free_space.unscrubbed
	 * says that the file was written without it (a file of version 5 or older with events), so its
	 * free space may still hold deleted text, and the next erasure rewrites it (VACUUM). */
	"CREATE TABLE free_space (unscrubbed INTEGER NOT NULL);"
	"INSERT INTO free_space (unscrubbed) SELECT EXISTS (SELECT 1 FROM events);",
	/* 7: the recommendations register (docs/recommendations.md). Every recommendation (a
	 * recommendations row, a contribution of kind recommendation) is an entry, by its UUID;
	 * recommendation_status holds each change of its status, append-only as events are
	 * (erasure alone lifts its triggers). No foreign key: an entry is in either table,
	 * and its changes name it by UUID, so they survive a move to another database. The
	 * CHECK lists config/rec_status.h's words as they are at version 7 (test_store checks
	 * that they agree); a new status is a new migration. */
	"CREATE TABLE recommendation_status ("
	" id TEXT PRIMARY KEY,"
	" recommendation TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'in-progress', 'done', 'declined')),"
	" note TEXT NOT NULL DEFAULT '',"
	" changed_by TEXT NOT NULL);"
	"CREATE INDEX recommendation_status_recommendation ON recommendation_status(recommendation, at);"
	"CREATE TRIGGER recommendation_status_no_update BEFORE UPDATE ON recommendation_status"
	" BEGIN SELECT RAISE(ABORT, 'the recommendations register is append-only'); END;"
	"CREATE TRIGGER recommendation_status_no_delete BEFORE DELETE ON recommendation_status"
	" BEGIN SELECT RAISE(ABORT, 'the recommendations register is append-only'); END;",
	/* 8: consoles by name. consoles names each console of a
	 * session once; a console is live while a process holds the lock on byte id of the
	 * file beside the database (storage/store_console.c), so the row outlives a killed
	 * console without saying it is open. Filled from the log for older sessions. */
	"CREATE TABLE consoles ("
	" id INTEGER PRIMARY KEY,"
	" session TEXT NOT NULL REFERENCES sessions(id),"
	" name TEXT NOT NULL,"
	" first_at INTEGER NOT NULL,"
	" last_at INTEGER NOT NULL,"
	" pid INTEGER,"
	" UNIQUE (session, name));"
	"INSERT INTO consoles (session, name, first_at, last_at)"
	" SELECT session, console, min(at), max(at) FROM events GROUP BY session, console ORDER BY min(seq);",
	/* 9: a steered search finds the sessions where a
	 * participant id or an item id occurs from these indexes, instead of reading every
	 * participant and item, and the ids of the sessions of some days from sessions_day
	 * alone, without reading each session's row (storage/store_query.c); about 10 MiB for
	 * 10,000 sessions. */
	"CREATE INDEX participants_id ON participants(id);"
	"CREATE INDEX items_id ON items(id);"
	"CREATE INDEX sessions_day ON sessions(date, id);",
	/* 10: what a steered search and a report read per session and per contribution without
	 * seeking elsewhere. session_seqs holds each session's first and last event seq up to
	 * projected.seq (store_project() moves it with the projection; erasure recomputes it),
	 * so a search reads a session's range with one seek instead of two in events_session
	 * per session. contributions.codes holds the contribution's codes as search_content
	 * gave them (space-separated, in the order of contribution_tags' key), kept by the
	 * projection, so that a report and a search read them with the row instead of seeking
	 * contribution_tags by UUID; search_content reads the column from now on (the same
	 * values). Both are filled here from what is stored. */
	"CREATE TABLE session_seqs ("
	" session TEXT PRIMARY KEY REFERENCES sessions(id),"
	" first_seq INTEGER NOT NULL,"
	" last_seq INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO session_seqs (session, first_seq, last_seq) SELECT session, min(seq), max(seq) FROM events"
	" WHERE seq <= coalesce((SELECT max(seq) FROM projected), 0) GROUP BY session;"
	"ALTER TABLE contributions ADD COLUMN codes TEXT NOT NULL DEFAULT '';"
	"UPDATE contributions SET codes = g.codes FROM (SELECT contribution, group_concat(code, ' ') AS codes"
	" FROM contribution_tags GROUP BY contribution) g WHERE g.contribution = contributions.id;"
	"DROP VIEW search_content;"
	"CREATE VIEW search_content AS SELECT seq, text, codes, kind FROM contributions;",
	/* 11: the trigram index holds only the contributions whose text has a Chinese,
	 * Japanese or Korean character (STORE_CJK_CLASS): only a query holding one reads it,
	 * and such a query matches only such a text (its optimize at each erasure took 7 s
	 * of the 1,000,000-contribution history). Its external content becomes the view
	 * contributions_cjk of those rows, so that 'rebuild' and 'integrity-check' read the
	 * same rows as the triggers write (deleting from it a row it never held would corrupt
	 * it): each trigger inserts and deletes only a text that matches. */
	"DROP TRIGGER contributions_trigram_insert; DROP TRIGGER contributions_trigram_delete;"
	" DROP TRIGGER contributions_trigram_update; DROP TABLE contributions_trigram;"
	"CREATE VIEW contributions_cjk AS SELECT seq, text FROM contributions WHERE text GLOB " STORE_CJK_GLOB ";"
	"CREATE VIRTUAL TABLE contributions_trigram USING fts5("
	" text, content='contributions_cjk', content_rowid='seq', tokenize='trigram');"
	"CREATE TRIGGER contributions_trigram_insert AFTER INSERT ON contributions"
	" WHEN new.text GLOB " STORE_CJK_GLOB " BEGIN"
	" INSERT INTO contributions_trigram(rowid, text) VALUES (new.seq, new.text); END;"
	"CREATE TRIGGER contributions_trigram_delete AFTER DELETE ON contributions"
	" WHEN old.text GLOB " STORE_CJK_GLOB " BEGIN"
	" INSERT INTO contributions_trigram(contributions_trigram, rowid, text) VALUES ('delete', old.seq, old.text); END;"
	"CREATE TRIGGER contributions_trigram_update AFTER UPDATE OF text ON contributions BEGIN"
	" INSERT INTO contributions_trigram(contributions_trigram, rowid, text)"
	" SELECT 'delete', old.seq, old.text WHERE old.text GLOB " STORE_CJK_GLOB ";"
	" INSERT INTO contributions_trigram(rowid, text) SELECT new.seq, new.text WHERE new.text GLOB " STORE_CJK_GLOB ";"
	" END;"
	"INSERT INTO contributions_trigram(contributions_trigram) VALUES ('rebuild');",
	/* 12: the projection puts a new contribution's text in the trigram index itself, with
	 * the C test of STORE_CJK_CLASS (storage/store_cjk.c), instead of this trigger: its GLOB
	 * read the whole class again at each character of every text, a quarter of the
	 * projection's work (about 60,000 instructions a contribution). The triggers of an
	 * edit and a deletion, rare, keep their GLOB. */
	"DROP TRIGGER contributions_trigram_insert;",
	/* 13: what each derived contribution cost and needs not. contributions_fts goes, with
	 * its three triggers: search_index (version 5) holds the same text by the same
	 * tokenizer in its column text, and nothing but store_search() read it, which reads
	 * search_index's text column now; each text was tokenized twice (a sixth of the
	 * projection's work). contributions_quotable says its kinds with OR instead of IN: the
	 * list of an IN is a temporary b-tree that SQLite built and cleared again for every
	 * row inserted (a tenth); the report's query says them the same way, so that it still
	 * reads the index. The report's counts of new contributions and their codes are added
	 * by the projection, a statement per range, instead of a trigger per row (a quarter);
	 * the trigger of an edit's kind and of a retraction stays. */
	"DROP TRIGGER contributions_fts_insert; DROP TRIGGER contributions_fts_delete;"
	" DROP TRIGGER contributions_fts_update; DROP TABLE contributions_fts;"
	"DROP INDEX contributions_quotable;"
	"CREATE INDEX contributions_quotable ON contributions(session, seq)"
	" WHERE kind = 'obstacle' OR kind = 'success' OR kind = 'quote';"
	"DROP TRIGGER report_contribution_insert; DROP TRIGGER report_tag_insert;",
};
enum { N_MIGRATIONS = (int)(sizeof migrations / sizeof migrations[0]) };
_Static_assert((int)N_MIGRATIONS == (int)STORE_SCHEMA_VERSION, "one migration per schema version");

/* Every schema object of the current version, by type and name; SQLite's own
 * (sqlite_sequence, sqlite_autoindex_*, sqlite_stat*) are not listed. A fresh database
 * must match exactly (test_store opens one), so extend this with each migration. */
static const char *const schema_objects[][2] = {
	{ "table", "sessions" }, { "table", "events" }, { "table", "participants" }, { "table", "items" },
	{ "table", "contributions" }, { "table", "contribution_tags" }, { "table", "votes" },
	{ "table", "ballots" }, { "table", "recommendations" }, { "table", "report_counts" },
	{ "table", "projected" }, { "table", "projection_skipped" }, { "table", "free_space" },
	{ "table", "consoles" }, { "table", "session_seqs" },
	{ "index", "sessions_started" }, { "index", "events_session" }, { "index", "contributions_session" },
	{ "index", "contribution_tags_code" }, { "index", "ballots_vote" }, { "index", "sessions_organisation" },
	{ "index", "sessions_date" }, { "index", "contributions_recommended" }, { "index", "contributions_quotable" },
	{ "index", "recommendations_session" }, { "index", "participants_id" }, { "index", "items_id" },
	{ "index", "sessions_day" },
	{ "view", "search_content" }, { "view", "recommendation_content" },
	{ "table", "search_index" }, { "table", "search_index_config" }, { "table", "search_index_data" },
	{ "table", "search_index_docsize" }, { "table", "search_index_idx" },
	{ "table", "contributions_trigram" }, { "table", "contributions_trigram_config" },
	{ "table", "contributions_trigram_data" }, { "table", "contributions_trigram_docsize" },
	{ "table", "contributions_trigram_idx" }, { "view", "contributions_cjk" },
	{ "table", "recommendations_fts" }, { "table", "recommendations_fts_config" },
	{ "table", "recommendations_fts_data" }, { "table", "recommendations_fts_docsize" },
	{ "table", "recommendations_fts_idx" },
	{ "trigger", "contributions_trigram_delete" },
	{ "trigger", "contributions_trigram_update" }, { "trigger", "recommendations_fts_insert" },
	{ "trigger", "recommendations_fts_delete" },
	{ "trigger", "events_no_update" }, { "trigger", "events_no_delete" },
	{ "trigger", "report_contribution_update" },
	{ "table", "recommendation_status" }, { "index", "recommendation_status_recommendation" },
	{ "trigger", "recommendation_status_no_update" }, { "trigger", "recommendation_status_no_delete" },
};
enum { N_SCHEMA_OBJECTS = (int)(sizeof schema_objects / sizeof schema_objects[0]) };
/* What keeps the log (migration 1) and the recommendations register (migration 7)
 * append-only, as those migrations created it; with the statement that drops it. */
static const char *const append_only[][3] = {
	{ "events_no_update", "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	  " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END", "DROP TRIGGER events_no_update" },
	{ "events_no_delete", "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	  " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END", "DROP TRIGGER events_no_delete" },
	{ "recommendation_status_no_update", "CREATE TRIGGER recommendation_status_no_update BEFORE UPDATE ON"
	  " recommendation_status BEGIN SELECT RAISE(ABORT, 'the recommendations register is append-only'); END",
	  "DROP TRIGGER recommendation_status_no_update" },
	{ "recommendation_status_no_delete", "CREATE TRIGGER recommendation_status_no_delete BEFORE DELETE ON"
	  " recommendation_status BEGIN SELECT RAISE(ABORT, 'the recommendations register is append-only'); END",
	  "DROP TRIGGER recommendation_status_no_delete" },
};
enum { N_APPEND_ONLY = (int)(sizeof append_only / sizeof append_only[0]) };

static bool append_only_guard(const char *name)
{
	for (int t = 0; t < N_APPEND_ONLY; t++)
		if (strcmp(name, append_only[t][0]) == 0)
			return true;
	return false;
}

int store_schema_lift_append_only(struct store *store, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	for (int t = 0; !rc && t < N_APPEND_ONLY; t++)
		rc = store_db_exec(store, append_only[t][2], "erase in", err, errlen);
	return rc;
}

int store_schema_restore_append_only(struct store *store, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	for (int t = 0; !rc && t < N_APPEND_ONLY; t++)
		rc = store_db_exec(store, append_only[t][1], "erase in", err, errlen);
	return rc;
}

static bool sqlite_own(const char *name)
{
	return strcmp(name, "sqlite_sequence") == 0 || strncmp(name, "sqlite_autoindex_", 17) == 0
		|| strncmp(name, "sqlite_stat", 11) == 0;
}

/* Appends one change to the list in buf. */
static void add_change(char *buf, size_t len, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void add_change(char *buf, size_t len, const char *format, ...)
{
	size_t used = strlen(buf);
	if (used + 4 >= len)
		return;
	if (used)
		used += (size_t)snprintf(buf + used, len - used, "; ");
	va_list args;
	va_start(args, format);
	vsnprintf(buf + used, len - used, format, args);
	va_end(args);
}

/* Compares sqlite_schema with schema_objects: changes gets what is missing, extra or
 * altered ("" when nothing). */
static int schema_changes(struct store *store, char *changes, size_t len, char *err, size_t errlen)
{
	bool seen[N_SCHEMA_OBJECTS] = { false };
	changes[0] = '\0';
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "SELECT type, name, sql FROM sqlite_schema ORDER BY rowid", -1, &stmt, NULL);
	if (r != SQLITE_OK)
		return store_db_fail(store, r, "check", err, errlen);
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(stmt, 0);
		const char *name = (const char *)sqlite3_column_text(stmt, 1);
		const char *sql = (const char *)sqlite3_column_text(stmt, 2);
		if (!type || !name || sqlite_own(name))
			continue;
		int found = -1;
		for (int i = 0; i < N_SCHEMA_OBJECTS && found < 0; i++)
			if (strcmp(schema_objects[i][0], type) == 0 && strcmp(schema_objects[i][1], name) == 0)
				found = i;
		if (found < 0) {
			add_change(changes, len, "a %s %.40s that is not klankbord's", type, name);
			continue;
		}
		seen[found] = true;
		for (int t = 0; t < N_APPEND_ONLY; t++)
			if (strcmp(name, append_only[t][0]) == 0 && (!sql || strcmp(sql, append_only[t][1]) != 0))
				add_change(changes, len, "the trigger %s was altered, so %s no longer append-only", name,
					strncmp(name, "events", 6) == 0 ? "the log is" : "the recommendations register is");
	}
	sqlite3_finalize(stmt);
	if (r != SQLITE_DONE)
		return store_db_fail(store, r, "check", err, errlen);
	for (int i = 0; i < N_SCHEMA_OBJECTS; i++) {
		if (seen[i])
			continue;
		const char *name = schema_objects[i][1];
		add_change(changes, len, "the %s %s%s is missing", schema_objects[i][0], name,
			!append_only_guard(name) ? "" : strncmp(name, "events", 6) == 0 ? " that keeps the log append-only"
			: " that keeps the recommendations register append-only");
	}
	return 0;
}

/* Events deleted from the end of the log leave sqlite_sequence ahead of max(seq); rows
 * derived from an event deleted elsewhere break a foreign key (checked with the full
 * check only: it reads every derived row). */
static int deleted_events(struct store *store, bool full, char *found, size_t len, char *err, size_t errlen)
{
	int64_t sequence = 0, newest = 0, orphans = 0;
	found[0] = '\0';
	/* one statement, one snapshot: another console may commit a line between two */
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),"
		" coalesce((SELECT max(seq) FROM events), 0)", -1, &stmt, NULL);
	if (r == SQLITE_OK && (r = sqlite3_step(stmt)) == SQLITE_ROW) {
		sequence = sqlite3_column_int64(stmt, 0);
		newest = sqlite3_column_int64(stmt, 1);
		r = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	int rc = r == SQLITE_OK ? 0 : store_db_fail(store, r, "check", err, errlen);
	if (!rc && full)
		rc = store_db_pragma_int(store, "SELECT (SELECT count(*) FROM pragma_foreign_key_check('contributions'))"
			" + (SELECT count(*) FROM pragma_foreign_key_check('ballots'))"
			" + (SELECT count(*) FROM pragma_foreign_key_check('recommendations'))", &orphans, err, errlen);
	if (rc)
		return rc;
	if (sequence > newest)
		snprintf(found, len, "events %lld to %lld were deleted from the end of the log (SQLite's counter says"
			" event %lld was written, the newest stored is %lld)", (long long)(newest + 1), (long long)sequence,
			(long long)sequence, (long long)newest);
	else if (newest > 0 && sequence < newest)
		snprintf(found, len, "SQLite's counter of events (sqlite_sequence) was changed: it says %lld, the newest"
			" event is %lld", (long long)sequence, (long long)newest);
	else if (orphans > 0)
		snprintf(found, len, "%lld stored rows refer to events that are no longer in the log: events were deleted",
			(long long)orphans);
	return 0;
}

int store_schema_check_objects(struct store *store, bool full, char *err, size_t errlen)
{
	if (store->version != STORE_SCHEMA_VERSION)
		return 0; /* read-only and older: its objects are an older version's */
	char changes[512], deleted[256];
	int rc = schema_changes(store, changes, sizeof changes, err, errlen);
	if (!rc)
		rc = deleted_events(store, full, deleted, sizeof deleted, err, errlen);
	if (rc || (!changes[0] && !deleted[0]))
		return rc;
	store->tampered = true;
	char what[600];
	snprintf(what, sizeof what, "%.340s%s%.250s", changes, changes[0] && deleted[0] ? "; " : "", deleted);
	if (store->reader) {
		snprintf(store->notice, sizeof store->notice, "%s was changed outside klankbord: %s. What it holds is"
			" shown as it is, and nothing derived was brought up to date; restore it from a copy made with"
			" klankbord backup", store->path, what);
		return 0;
	}
	errmsg_fail(err, errlen, "%s was changed outside klankbord: %s. It was left as it is, so that this stays"
		" visible; nothing can be recorded in it. Restore it from a copy made with klankbord backup (klankbord"
		" list and export still read it as it is)", store->path, what);
	return EX_DATAERR;
}

/* A file with our mark must also have our tables: refuses one that was tampered with. */
static int check_tables(struct store *store, char *err, size_t errlen)
{
	static const char *const tables[] = {
		"sessions", "events", "participants", "items", "contributions", "contribution_tags",
		"votes", "ballots", "recommendations", "report_counts", "projected",
		"projection_skipped", "search_index", "contributions_trigram", "recommendations_fts",
		"projection_skipped", "free_space", "recommendation_status", "session_seqs",
	};
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
		-1, &stmt, NULL);
	if (r != SQLITE_OK)
		return store_db_fail(store, r, "check", err, errlen);
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
		sqlite3_bind_text(stmt, 1, tables[i], -1, SQLITE_STATIC);
		r = sqlite3_step(stmt);
		if (r != SQLITE_ROW)
			rc = store_db_fail(store, r, "check", err, errlen);
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

int store_schema_identify(struct store *store, char *err, size_t errlen);

/* A file with no schema is set up only when it is new: missing or empty, with no -wal or
 * -shm beside it. Otherwise it may be a copy whose data is in a -wal that is missing or
 * damaged, and setting it up would hide that. One case only looks like that: another
 * console is setting up the same new file right now; it holds the write lock meanwhile. */
static int empty_file(struct store *store, char *err, size_t errlen)
{
	if (store->fresh && !store->read_only)
		return 0;
	if (store->side_files && !store->read_only
		&& sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
		int64_t objects = 0;
		int rc = store_db_pragma_int(store, "SELECT count(*) FROM sqlite_schema", &objects, err, errlen);
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		if (!rc && objects > 0)
			return store_schema_identify(store, err, errlen);
	}
	return store_files_refuse_no_schema(store->path, err, errlen);
}

int store_schema_identify(struct store *store, char *err, size_t errlen)
{
	int64_t app_id, version, objects;
	int rc = store_db_pragma_int(store, "PRAGMA application_id", &app_id, err, errlen);
	if (!rc)
		rc = store_db_pragma_int(store, "PRAGMA user_version", &version, err, errlen);
	if (!rc)
		rc = store_db_pragma_int(store, "SELECT count(*) FROM sqlite_schema", &objects, err, errlen);
	if (rc)
		return rc;
	if (app_id == 0 && version == 0 && objects == 0)
		return empty_file(store, err, errlen);
	if (app_id != STORE_APPLICATION_ID) {
		errmsg_fail(err, errlen, "%s is an SQLite database of another program (application_id %lld, %lld schema"
			" objects), not a klankbord database; it was left as it is. Give another path with --db",
			store->path, (long long)app_id, (long long)objects);
		return EX_DATAERR;
	}
	store->version = version;
	if (store->read_only && version < 3) {
		errmsg_fail(err, errlen, "%s was written by an older klankbord (schema version %lld) and is opened"
			" read-only, so it cannot be upgraded; copy it to a folder you can write to", store->path,
			(long long)version);
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
	int rc = store_db_exec(store, "BEGIN IMMEDIATE", "prepare", err, errlen);
	if (rc)
		return rc;
	int64_t version;
	/* Read again inside the transaction: another console may have just migrated. */
	rc = store_db_pragma_int(store, "PRAGMA user_version", &version, err, errlen);
	for (int v = (int)version; !rc && v < STORE_SCHEMA_VERSION; v++) {
		rc = store_db_exec(store, migrations[v], "set up", err, errlen);
		if (!rc) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
			rc = store_db_exec(store, sql, "set up", err, errlen);
		}
	}
	if (!rc && version == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
		rc = store_db_exec(store, sql, "set up", err, errlen);
	}
	if (!rc)
		rc = store_db_exec(store, "COMMIT", "set up", err, errlen);
	if (rc)
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_schema_read_older(struct store *store, char *err, size_t errlen)
{
	if (store->version >= 10 || store->version < 1)
		return 0;
	/* TEMP objects shadow main's of the same name in unqualified SQL; the views flatten
	 * into the statements that read them, so they cost what version 9's statements did. */
	return store_db_exec(store, "PRAGMA temp_store = MEMORY;"
		"CREATE TEMP VIEW session_seqs AS SELECT s.id AS session,"
		" (SELECT min(e.seq) FROM main.events e WHERE e.session = s.id) AS first_seq,"
		" (SELECT max(e.seq) FROM main.events e WHERE e.session = s.id) AS last_seq FROM main.sessions s;"
		"CREATE TEMP VIEW contributions AS SELECT c.*, coalesce((SELECT group_concat(t.code, ' ')"
		" FROM main.contribution_tags t WHERE t.contribution = c.id), '') AS codes FROM main.contributions c",
		"read", err, errlen);
}

int store_schema_upgrade(struct store *store, char *err, size_t errlen)
{
	int64_t version;
	int rc = store_db_pragma_int(store, "PRAGMA user_version", &version, err, errlen);
	if (!rc && version < STORE_SCHEMA_VERSION) {
		rc = migrate(store, err, errlen);
		if (!rc)
			rc = check_tables(store, err, errlen);
		if (!rc)
			store->version = STORE_SCHEMA_VERSION;
	}
	return rc;
}
