/* export_doc: what an export shows of one session, built once, with the privacy options
 * applied once. Every writer (export_json.c, export_md.c, export_html.c, export_csv.c;
 * REFI-QDA next) writes from this document and from nothing else, so none of them can
 * show a name or a community the options leave out: the document does not hold them.
 *
 * What it holds: the session and its codebook, the participants (names only with names,
 * communities only with communities; their languages), the items with their prompts and
 * their planned and spent time, the
 * contributions (each marked quotable when its speaker consented), the votes with their
 * current ballots and their counted results (session_tally.h, the one place that counts),
 * the recommendations with their register entries (status and history, storage/store.h),
 * and every event of the log, each payload decoded and encoded again
 * with the same options (event.h), so that participant.add carries a name only with names.
 *
 * Borrows the session's strings and its agenda's (codebook entries, prompts, languages):
 * the session must outlive the document. Owns the rest;
 * export_doc_free(NULL) is safe. Reads the store's events and register; writes nothing, never prints,
 * never includes SQLite or curses. docs/architecture.md tells how to add a format. */
#ifndef KLANKBORD_EXPORT_DOC_H
#define KLANKBORD_EXPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sessions/session.h"
#include "sessions/tally.h"

struct export_options {
	bool names;          /* participants' names */
	bool communities;    /* participants' communities (close to ethnic origin: GDPR art. 9) */
};

struct export_session {
	const char *id, *title, *organisation, *location, *date; /* NULL when the agenda has none */
	const char *codebook;        /* its name, NULL for a custom one */
	const struct codebook_entry *codes; /* the codebook's entries, in its order */
	int n_codes;
	bool ended;
	int64_t started_ms, ended_ms; /* ended_ms 0 while open */
	const char *current_item;    /* its id */
	int64_t now_ms;              /* when the document was built (open sessions' times run to it) */
};

struct export_participant {
	const char *id;
	enum participant_role role;
	const char *name;            /* NULL unless names were asked for (and one was given) */
	const char *community;       /* NULL unless communities were asked for (and one was given) */
	char *const *languages;      /* as the agenda gives them; none for one added live */
	int n_languages;
	bool consent_quotes, added_live;
	int contributions;           /* not retracted */
};

struct export_contribution {
	int64_t seq, at_ms;
	const char *id;
	int item;                    /* index into items */
	const char *participant;     /* id; NULL for the note-taker's note */
	enum contribution_kind kind;
	const char *text;            /* the latest version */
	char *const *tags;
	int n_tags;
	bool retracted;
	int edits;
	bool quotable;               /* its speaker consents to be quoted */
	const char *console;
	const struct store_rec *entry; /* kind recommendation: its register entry (status, history); else NULL */
};

struct export_ballot {
	const char *participant;     /* id */
	const int *choices;
	int n_choices;
	const char *reason;          /* NULL when none */
	int64_t seq;
};

enum export_vote_status { EXPORT_VOTE_NOT_OPENED, EXPORT_VOTE_OPEN, EXPORT_VOTE_CLOSED };

struct export_vote {
	const struct agenda_vote *def; /* type, question, options, ... */
	int item;
	enum export_vote_status status;
	bool adhoc;                  /* a /poll */
	const long *counts;          /* anonymous votes: the counts given (n_counts 0 before any) */
	int n_counts;
	struct export_ballot *ballots; /* named votes: each voter's current ballot */
	int n_ballots;
	bool counted;                /* result is valid: the vote was opened and could be counted */
	struct tally_result result;
};

struct export_item {
	const char *id, *title;
	int planned_minutes, planned_seconds;
	int64_t actual_seconds;
	char *const *domains;
	int n_domains;
	char *const *prompts;        /* the questions the facilitator asks, as the agenda gives them */
	int n_prompts;
};

struct export_recommendation {
	int64_t seq;
	const char *id;
	int item;                    /* index into items */
	const char *text;
	int64_t at_ms;               /* when it was recorded (its event's time) */
	const struct store_rec *entry; /* its register entry (status, history); NULL when not found */
};

struct export_event {
	int64_t seq, at_ms;
	char console[STORE_NAME_MAX + 1];
	char type[STORE_NAME_MAX + 1];
	char *payload;               /* JSON object; NULL when it could not be read */
	char *problem;               /* why it could not be read, or NULL */
};

struct export_doc {
	struct export_options options;
	struct export_session session;
	struct export_participant *participants;
	int n_participants;
	struct export_item *items;
	int n_items;
	struct export_contribution *contributions; /* in the order of the log */
	int n_contributions;
	struct export_vote *votes;   /* agenda votes in agenda order, then polls */
	int n_votes;
	struct export_recommendation *recommendations;
	int n_recommendations;
	struct export_event *events; /* the whole log, in order */
	int n_events;
	struct store_rec *register_entries; /* the register's entries of the session's recommendations */
	int n_register;
};

/* Builds the document. options NULL means neither names nor communities. Returns 0, or
 * the store's code with a message when reading the log failed, or EX_OSERR. */
int export_doc_build(const struct session *session, const struct export_options *options,
	struct export_doc **out, char *err, size_t errlen);
void export_doc_free(struct export_doc *doc);

#endif
