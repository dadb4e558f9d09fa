/* session: one running (or ended) expert-pool session, as consoles and scripts see it.
 *
 * The single way to change a session: session_apply_line() takes a capture line
 * (see capture.h) exactly as typed in the console or read from --batch, checks it
 * against the session's state, commits it to the store and only then updates the
 * in-memory model below. The console's keys (next item, add time, undo, edit, ballot
 * by number) are sent as the equivalent command lines, so both paths behave alike.
 *
 * The model is read-only for callers: the console draws from it, export reads it.
 * session_refresh() folds in what other consoles committed meanwhile.
 * Owns everything it points to; session_free(NULL) is safe. Never includes curses.
 * Times are Unix milliseconds from the session's clock, so tests can control time. */
#ifndef KLANKBORD_SESSION_H
#define KLANKBORD_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "config/agenda.h"
#include "sessions/capture.h"
#include "storage/store.h"
#include "sessions/tally.h"

enum { SESSION_ID_LEN = 36, SESSION_CONSOLE_MAX = 32, SESSION_MESSAGE_MAX = 512 };

struct session_clock {
	int64_t (*now_ms)(void *ctx);
	void *ctx;
};
/* The real clock (CLOCK_REALTIME in milliseconds). */
struct session_clock session_clock_system(void);

struct session_participant {
	char id[AGENDA_ID_MAX + 1];
	char *name;                 /* NULL when none was given */
	char *community;            /* NULL when none */
	enum participant_role role;
	bool consent_quotes;
	bool added_live;            /* added with /participant during the session */
	int n_contributions;        /* not counting retracted ones */
	int64_t last_spoke_ms;      /* 0 when never */
};

struct session_contribution {
	int64_t seq;                /* event sequence number that recorded it */
	char id[SESSION_ID_LEN + 1];
	int item;                   /* index into items */
	int participant;            /* index into participants; -1 for a note-taker's note */
	enum contribution_kind kind;
	char *text;                 /* the latest version (after edits) */
	char **tags;                /* codebook codes */
	int n_tags;
	int64_t at_ms;
	char console[SESSION_CONSOLE_MAX + 1];
	bool retracted;
	int n_edits;
};

struct session_ballot {
	int participant;            /* index into participants */
	int *choices;               /* as capture_parse_ballot() gives them */
	int n_choices;
	char *reason;               /* consent reason or NULL */
	int64_t seq;
};

enum session_vote_status { SESSION_VOTE_PENDING, SESSION_VOTE_OPEN, SESSION_VOTE_CLOSED };

struct session_vote {
	char id[SESSION_ID_LEN + 1];  /* the store's key */
	const struct agenda_vote *def;/* into the agenda, or into owned storage for a /poll */
	int item;
	bool adhoc;                   /* created with /poll */
	enum session_vote_status status;
	struct session_ballot *ballots; /* the current ballot of each voter; replaced ones are only in the log */
	int n_ballots;
	long *counts;                 /* anonymous votes: per option (scale: per value min..max); NULL before any */
	int n_counts;
};

struct session_item {
	const struct agenda_item *def;
	int planned_seconds;          /* minutes * 60 plus every /extend */
	int64_t spent_ms;             /* time in finished stretches as the current item */
	int64_t entered_ms;           /* start of the current stretch; 0 when not current */
};

struct session_recommendation {
	int64_t seq;
	char id[SESSION_ID_LEN + 1];
	int item;
	char *text;
};

struct session {
	char id[SESSION_ID_LEN + 1];
	char console[SESSION_CONSOLE_MAX + 1]; /* this console's name, stored with each event */
	struct agenda *agenda;        /* parsed from the YAML text kept in the store */
	bool ended;
	int64_t started_ms, ended_ms; /* ended_ms is 0 while open */
	struct session_participant *participants;
	int n_participants;
	struct session_item *items;
	int n_items;
	int current_item;
	struct session_contribution *contributions; /* in seq order */
	int n_contributions;
	struct session_vote *votes;   /* agenda votes in agenda order, then polls */
	int n_votes;
	int open_vote;                /* index into votes, -1 when none is open */
	struct session_recommendation *recommendations;
	int n_recommendations;
	int64_t last_seq;             /* newest event folded into this model */
	struct session_clock clock;
	struct store *store;          /* borrowed: the caller keeps it open while the session lives */
	/* private to session.c: what session_refresh() saw last */
	int64_t seen_data_version, seen_commits;
	int unsettled;                /* events committed here since the last session_settle() */
};

/* What applying one line did. */
struct session_result {
	int64_t seq;                  /* the committed event's seq; 0 when nothing was written */
	bool quit;                    /* /quit: stop this console, the session stays open */
	char message[SESSION_MESSAGE_MAX]; /* on refusal: why; on success: a short confirmation */
};

/* Starts a new session from a loaded agenda; source/len is the YAML text to keep. */
int session_start(struct store *store, const struct agenda *agenda, const char *source, size_t len,
	const char *console, struct session_clock clock, struct session **out, char *err, size_t errlen);
/* Reopens a session: id_prefix is a unique prefix of its id, or NULL for the most recently
 * started open session. Rebuilds the model, timers included, from the store. Returns
 * EX_NOINPUT when nothing matches, EX_USAGE when the prefix is ambiguous, EX_DATAERR when
 * the session has ended and open_only is set. */
int session_load(struct store *store, const char *id_prefix, bool open_only, const char *console,
	struct session_clock clock, struct session **out, char *err, size_t errlen);
void session_free(struct session *session);

/* Applies one capture line. Returns 0 when it was committed (or was blank), EX_DATAERR when
 * it was refused (result->message says why; nothing was written), or EX_IOERR / EX_TEMPFAIL
 * when the store failed (message says what to do; nothing was lost). */
int session_apply_line(struct session *session, const char *line, size_t len, struct session_result *result);

/* A line writes only its event; the tables that search and reports read are derived
 * afterwards, many events at a time (store_project()). session_settle() does that when
 * at least min_events events were committed here since it last did. Callers call it with
 * SESSION_SETTLE_EVERY after each line, with 1 when input is idle and before they stop.
 * Returns 0 or a sysexits code with a message; a failure loses nothing: the events are
 * kept, and the next settle, or the next open of the database, derives what is missing. */
enum { SESSION_SETTLE_EVERY = 256 };
int session_settle(struct session *session, int min_events, char *err, size_t errlen);

/* Folds in events other consoles committed since last_seq. *changed tells whether any did.
 * Cheap when nothing changed (PRAGMA data_version). */
int session_refresh(struct session *session, bool *changed, char *err, size_t errlen);

/* Seconds spent on an item up to now_ms, counting the running stretch. */
int64_t session_item_elapsed_ms(const struct session *session, int item, int64_t now_ms);
int session_participant_index(const struct session *session, const char *id);
/* True when the participant has a contribution (not retracted) on this item. */
bool session_participant_spoke_on(const struct session *session, int participant, int item);
/* Index into contributions of the one recorded by event seq, or -1. */
int session_contribution_index(const struct session *session, int64_t seq);
/* Index into votes of the vote (agenda vote or poll) with this id, or -1. */
int session_vote_index(const struct session *session, const char *vote_id);
/* Counts a vote's current ballots, or its show-of-hands counts, with tally.h: the one
 * place the console and the export get results from. The caller frees *out with
 * tally_free(). False, with a message, when the stored ballots cannot be counted. */
bool session_vote_tally(const struct session *session, const struct session_vote *vote, struct tally_result *out,
	char *err, size_t errlen);

/* Reading the log back (export, audit): store_events_open(session->store, session->id,
 * 0, ...) from store.h iterates every event of the session in seq order. Event types and
 * payloads are documented in docs/schema.md. */

#endif
