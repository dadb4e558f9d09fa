/* session_model: the in-memory model of one session, as consoles, exports and scripts
 * read it, with its set-up from the agenda, its lookups and its freeing.
 *
 * The model is read-only for everyone but the sessions modules: it changes only by
 * session_apply_event() (session_apply.h), whether the event was just committed here,
 * is replayed from the store, or was written by another console. Owns everything it
 * points to except the agenda's definitions it refers to (def pointers), which live in
 * session->agenda; session_free(NULL) is safe. Never includes curses, never prints. */
#ifndef KLANKBORD_SESSION_MODEL_H
#define KLANKBORD_SESSION_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "config/agenda.h"
#include "sessions/capture.h"
#include "sessions/event.h"
#include "sessions/session_clock.h"
#include "storage/store.h"

enum { SESSION_ID_LEN = 36, SESSION_CONSOLE_MAX = 32, SESSION_MESSAGE_MAX = 512 };

struct session_participant {
	char id[AGENDA_ID_MAX + 1];
	char *name;                 /* NULL when none was given */
	char *community;            /* NULL when none */
	enum participant_role role;
	bool consent_quotes;
	bool added_live;            /* added with /participant during the session */
	int n_contributions;        /* not counting retracted ones */
	int64_t last_spoke_ms;      /* 0 when never */
	int *on_item;               /* per item (n_items): their contributions on it, not counting
	                             * retracted ones; NULL until they first speak */
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
	int *entries;                 /* indices into contributions of those on this item, oldest
	                               * first (retracted ones too: the log shows them) */
	int n_entries;
};

struct session_recommendation {
	int64_t seq;
	char id[SESSION_ID_LEN + 1];
	int item;
	char *text;
};

/* One thing done at a console, as /undo sees it: every event but session.start,
 * session.end, console.lead and the events /undo wrote itself, in seq order, with what it takes to
 * reverse it (what the model held before). Undone ones stay, marked. */
struct session_action {
	int64_t seq;
	enum event_type type;
	char console[SESSION_CONSOLE_MAX + 1];
	bool undone;
	int contribution;             /* contribution, edit, retract: index into contributions */
	int vote, participant;        /* ballot, withdraw, vote.*: indexes; participant -1 for counts */
	int item, from;               /* item.enter: entered and left (-1 none); item.extend: item */
	int64_t minutes;              /* item.extend */
	bool had_ballot;              /* ballot, withdraw: the voter's ballot before it */
	struct session_ballot before;
	char *text_before;            /* edit: the contribution before it */
	enum contribution_kind kind_before;
	char **tags_before;
	int n_tags_before;
	int speaker_before;           /* edit: who spoke before it (participant index, -1 none) */
	int item_before;              /* edit: the item it was on before it (an index) */
};

struct session {
	char id[SESSION_ID_LEN + 1];
	char console[SESSION_CONSOLE_MAX + 1]; /* this console's name, stored with each event */
	char leader[SESSION_CONSOLE_MAX + 1];  /* the leading console (session_lead.h): who started
	                                        * the session, or the last console.lead's leader */
	struct store_console *consoles; /* every console the session had (the store's registry),
	                                 * first opened first; live as when last read */
	int n_consoles;
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
	struct session_action *actions; /* in seq order */
	int n_actions;
	int64_t last_seq;             /* newest event folded into this model */
	struct session_clock clock;
	struct store *store;          /* borrowed: the caller keeps it open while the session lives */
	/* private to session.c and session_line.c: what session_refresh() saw last, and what
	 * session_settle() has still to derive */
	int64_t seen_data_version, seen_commits;
	int unsettled;                /* events committed here since the last session_settle() */
	int unchecked;                /* events committed here since the last checkpoint */
	int early_settles;            /* how many of the SESSION_SETTLE_EARLY settles were done */
	int64_t opened_ms;            /* when this process started or loaded the session */
	bool unsynced_moves;          /* session_set_unsynced_moves() */
};

/* An empty model for the agenda (which it takes over): its participants, items and votes,
 * nothing current yet. NULL when out of memory (the agenda is then freed). */
struct session *session_model_new(struct agenda *agenda, const char *console, struct session_clock clock,
	struct store *store);
void session_free(struct session *session);

/* Time spent on an item up to now_ms, counting the running stretch. */
int64_t session_item_elapsed_ms(const struct session *session, int item, int64_t now_ms);
int session_participant_index(const struct session *session, const char *id);
/* The participant an id typed by the note-taker names: the one with that id, else the
 * only one whose id differs from it in upper and lower case alone (d01 for D01), else the
 * only one whose id differs from it also in the zeros before a number (E3, e003 for E03);
 * -1 for none, or when two ids differ from it so. Events always carry the participant's own id:
 * replay uses session_participant_index(). */
int session_participant_typed(const struct session *session, const char *id);
/* The same for the agenda item and the vote ids of /item, /vote and /reopen (LANGUAGE
 * for language); events carry the agenda's ids. */
int session_item_typed(const struct session *session, const char *id);
int session_vote_typed(const struct session *session, const char *id);
/* Whether this console (session->console) leads the session (sessions/session_lead.h). */
bool session_leads(const struct session *session);
/* True when the participant has a contribution (not retracted) on this item. */
bool session_participant_spoke_on(const struct session *session, int participant, int item);
/* Index into contributions of the one recorded by event seq, or -1. */
int session_contribution_index(const struct session *session, int64_t seq);
/* Index into contributions of entry number `number` (1, 2, 3 ... in the order they were
 * recorded in this session: what the log shows and /edit and /retract take), or -1. */
int session_entry_index(const struct session *session, long long number);
/* Index into contributions of the one with this UUID, or -1. */
int session_contribution_find(const struct session *session, const char *uuid);
/* Index into votes of the vote (agenda vote or poll) with this id, or -1. */
int session_vote_index(const struct session *session, const char *vote_id);
/* A deep copy of a vote definition (for a /poll the model keeps), and its freeing. */
struct agenda_vote *session_poll_copy(const struct agenda_vote *def);
void session_poll_free(struct agenda_vote *def);

#endif
