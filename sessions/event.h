/* event: the one owner of the session log's format. Every event type, every payload
 * field and its JSON name is defined here and nowhere else; this header is the format's
 * documentation (docs/schema.md points here).
 *
 * An event is one typed struct (struct event, tagged by type). The command handlers
 * build one and encode it (event_encode) for the store; the model applies the same
 * struct after the commit without parsing anything back; replay and export decode the
 * stored JSON into it (event_decode). SQL that reads payload fields for speed (the
 * projection in storage/) names them with the EVENT_KEY_* and EVENT_TYPE_* macros.
 *
 * Payloads, by type (ids are agenda ids unless marked UUID; every key is always written,
 * null where the value is absent, except where "optional" says so):
 *   session.start         title, item (the first item, which starts now; null without items)
 *   session.end           item (its clock stops), closed_vote (vote id the end closed, or null)
 *   contribution          id (UUID), item, participant (null: the note-taker's note), kind,
 *                         text (markers resolved), tags (codes, in the order given)
 *   contribution.edit     contribution (UUID), ref (its seq, for display), text, kind,
 *                         tags (codes added), removed (optional, written when not empty:
 *                         codes taken off)
 *   contribution.retract  contribution (UUID), ref (its seq, for display), undo (true for
 *                         /undo, false for /retract)
 *   contribution.restore  contribution (UUID), ref (its seq): a retraction taken back by /undo
 *   participant.add       id, name (or null; personal data: left out of an export unless
 *                         names are asked for), role
 *   item.enter            item (entered now), from (left now), command (next, prev, item)
 *   item.extend           item, minutes (signed), planned_seconds (the new total)
 *   vote.open             vote (UUID), vote_id, item, poll (optional: a /poll's definition:
 *                         id, question, type, options, max_choices (multi), dots and
 *                         max_per_option (dots), min and max (scale), anonymous, voter_roles)
 *   vote.close            vote (UUID), vote_id
 *   ballot                vote (UUID), vote_id, participant, choices (see capture.h),
 *                         reason (consent, or null)
 *   ballot.withdraw       vote (UUID), vote_id, participant: the voter has no ballot any more
 *   vote.reopen           vote (UUID), vote_id: a closed vote is open again (/reopen, /undo)
 *   counts                vote (UUID), vote_id, counts (per option; scale: per value
 *                         min..max; consent: agree, abstain, disagree, block)
 *   recommendation        id (UUID), item, text
 *   consent               participant, quotes (true: may be quoted with attribution from
 *                         now on; false: from now on only without it)
 *   console.lead          leader (the console that leads from now on: moves through the
 *                         agenda, changes times, opens and closes votes, ends the session),
 *                         from (the one that led before), taken (false: /handover by the
 *                         leader; true: /lead by a console while the leader was not open)
 *   erasure               scope ("participant" or "session"), participant (the agenda id
 *                         whose data was erased, null for a session), contributions,
 *                         events (deleted from the log), ballots (made anonymous),
 *                         rewritten (events rewritten without personal data), by (who
 *                         erased: the operator's login name). Written by klankbord erase
 *                         in the transaction that erased; holds no personal data of
 *                         participants (docs/privacy.md)
 *
 * An erased participant's current ballots stay as ballot events with participant and
 * reason null: an anonymous ballot, counted like any other, replacing none.
 *
 * Any payload may end with `undoes` (optional: written only by /undo): the seq of the event
 * this one takes back, in the database that wrote it. /undo writes an ordinary event that
 * reverses the earlier one (a retraction, a restore, a ballot or a withdrawal, an item move
 * back, an extension by the opposite minutes, a reopen, an edit back), never a deletion;
 * `undoes` tells replay which earlier event is now taken back, so that the next /undo
 * goes further back.
 *
 * References between events: an edit or a retraction names its contribution by UUID,
 * which survives moving a session to another database; `ref`, the contribution's seq in
 * the database that wrote it, is kept for people reading the log. A payload without
 * `contribution` (none has been written so far, but the rule is fixed) is resolved by
 * `ref` within its own database: event_decode() leaves contribution empty and keeps ref.
 *
 * Ownership: an encoded event borrows every pointer it holds. A decoded event owns what
 * it points to until event_free(); event_free() of an encoded (not decoded) event frees
 * only the blocks given to event_keep(). A decoded event points into itself: use it where
 * it was decoded, never a copy of the struct. Never prints, never exits, no SQLite. */
#ifndef KLANKBORD_EVENT_H
#define KLANKBORD_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/agenda.h"
#include "sessions/capture.h"
#include "sessions/json.h"

/* The type names stored in events.type, as string literals so that SQL built at compile
 * time can name them. */
#define EVENT_TYPE_SESSION_START "session.start"
#define EVENT_TYPE_SESSION_END "session.end"
#define EVENT_TYPE_CONTRIBUTION "contribution"
#define EVENT_TYPE_EDIT "contribution.edit"
#define EVENT_TYPE_RETRACT "contribution.retract"
#define EVENT_TYPE_PARTICIPANT "participant.add"
#define EVENT_TYPE_ITEM "item.enter"
#define EVENT_TYPE_EXTEND "item.extend"
#define EVENT_TYPE_VOTE_OPEN "vote.open"
#define EVENT_TYPE_VOTE_CLOSE "vote.close"
#define EVENT_TYPE_BALLOT "ballot"
#define EVENT_TYPE_COUNTS "counts"
#define EVENT_TYPE_RECOMMENDATION "recommendation"
#define EVENT_TYPE_CONSENT "consent"
#define EVENT_TYPE_ERASURE "erasure"
#define EVENT_TYPE_RESTORE "contribution.restore"
#define EVENT_TYPE_WITHDRAW "ballot.withdraw"
#define EVENT_TYPE_VOTE_REOPEN "vote.reopen"
#define EVENT_TYPE_LEAD "console.lead"

/* The types: enum name and stored name. */
#define EVENT_TYPES(X) \
	X(EVENT_SESSION_START, EVENT_TYPE_SESSION_START) \
	X(EVENT_SESSION_END, EVENT_TYPE_SESSION_END) \
	X(EVENT_CONTRIBUTION, EVENT_TYPE_CONTRIBUTION) \
	X(EVENT_EDIT, EVENT_TYPE_EDIT) \
	X(EVENT_RETRACT, EVENT_TYPE_RETRACT) \
	X(EVENT_PARTICIPANT, EVENT_TYPE_PARTICIPANT) \
	X(EVENT_ITEM, EVENT_TYPE_ITEM) \
	X(EVENT_EXTEND, EVENT_TYPE_EXTEND) \
	X(EVENT_VOTE_OPEN, EVENT_TYPE_VOTE_OPEN) \
	X(EVENT_VOTE_CLOSE, EVENT_TYPE_VOTE_CLOSE) \
	X(EVENT_BALLOT, EVENT_TYPE_BALLOT) \
	X(EVENT_COUNTS, EVENT_TYPE_COUNTS) \
	X(EVENT_RECOMMENDATION, EVENT_TYPE_RECOMMENDATION) \
	X(EVENT_RESTORE, EVENT_TYPE_RESTORE) \
	X(EVENT_WITHDRAW, EVENT_TYPE_WITHDRAW) \
	X(EVENT_VOTE_REOPEN, EVENT_TYPE_VOTE_REOPEN) \
	X(EVENT_CONSENT, EVENT_TYPE_CONSENT) \
	X(EVENT_ERASURE, EVENT_TYPE_ERASURE) \
	X(EVENT_LEAD, EVENT_TYPE_LEAD)

#define EVENT_AS_ENUM(name, text) name,
enum event_type { EVENT_UNKNOWN, EVENT_TYPES(EVENT_AS_ENUM) };
#undef EVENT_AS_ENUM

/* Payload keys that SQL reads: json_extract(payload, EVENT_PATH(EVENT_KEY_TEXT)). */
#define EVENT_KEY_ID "id"
#define EVENT_KEY_ITEM "item"
#define EVENT_KEY_PARTICIPANT "participant"
#define EVENT_KEY_KIND "kind"
#define EVENT_KEY_TEXT "text"
#define EVENT_KEY_TAGS "tags"
#define EVENT_KEY_CONTRIBUTION "contribution"
#define EVENT_KEY_REF "ref"
#define EVENT_KEY_REMOVED "removed"
#define EVENT_KEY_UNDOES "undoes"
#define EVENT_PATH(key) "$." key

enum {
	EVENT_UUID_LEN = 36,
	/* A /poll's definition leaves out what its type does not use; these are what /poll
	 * gives, and what a definition without the key means. */
	EVENT_POLL_DOTS = 3,
	EVENT_POLL_SCALE_MIN = 1,
	EVENT_POLL_SCALE_MAX = 5,
};

struct event_start { const char *title, *item; };
struct event_end { const char *item, *closed_vote; };
struct event_contribution {
	char id[EVENT_UUID_LEN + 1];
	const char *item, *participant, *text;
	enum contribution_kind kind;
	const char *const *tags;
	int n_tags;
};
struct event_edit {
	char contribution[EVENT_UUID_LEN + 1]; /* "" when only ref was stored */
	int64_t ref;
	const char *text;
	bool has_kind;              /* false: the kind stays (a payload without kind) */
	enum contribution_kind kind;
	const char *const *tags;    /* codes added */
	int n_tags;
	const char *const *removed; /* codes taken off */
	int n_removed;
	const char *participant;    /* who spoke, when the edit changes it ("" for the
	                             * note-taker: an undo of a note given a speaker); NULL:
	                             * the speaker stays (a payload without participant) */
	const char *item;           /* the agenda item it was said on, when the edit moves it
	                             * there (/move); NULL: it stays (a payload without item) */
};
struct event_retract {
	char contribution[EVENT_UUID_LEN + 1]; /* "" when only ref was stored */
	int64_t ref;
	bool undo;
};
struct event_participant { const char *id, *name; enum participant_role role; };
struct event_item { const char *item, *from, *command; };
struct event_extend { const char *item; int64_t minutes, planned_seconds; };
struct event_vote_open {
	char vote[EVENT_UUID_LEN + 1];
	const char *vote_id, *item;
	const struct agenda_vote *poll; /* a /poll's definition, or NULL for an agenda vote */
};
struct event_vote_close { const char *vote, *vote_id; };
struct event_restore { char contribution[EVENT_UUID_LEN + 1]; int64_t ref; };
struct event_withdraw { const char *vote, *vote_id, *participant; };
struct event_ballot {
	const char *vote, *vote_id, *participant;
	const int *choices;
	int n_choices;
	const char *reason;
};
struct event_counts { const char *vote, *vote_id; const long *counts; int n_counts; };
struct event_recommendation { char id[EVENT_UUID_LEN + 1]; const char *item, *text; };
struct event_consent { const char *participant; bool quotes; };
struct event_lead { const char *leader, *from; bool taken; };
struct event_erasure {
	const char *scope;          /* EVENT_ERASURE_PARTICIPANT or EVENT_ERASURE_SESSION */
	const char *participant;    /* NULL for a session */
	int64_t contributions, events, ballots, rewritten;
	const char *by;
};
#define EVENT_ERASURE_PARTICIPANT "participant"
#define EVENT_ERASURE_SESSION "session"

struct event {
	enum event_type type;
	/* the envelope: the store's row around the payload (not encoded in it) */
	int64_t seq, at_ms;
	const char *console;
	union {
		struct event_start start;
		struct event_end end;
		struct event_contribution contribution;
		struct event_edit edit;
		struct event_retract retract;
		struct event_participant participant;
		struct event_item item;
		struct event_extend extend;
		struct event_vote_open vote_open;
		struct event_vote_close vote_close;
		struct event_ballot ballot;
		struct event_counts counts;
		struct event_recommendation recommendation;
		struct event_consent consent;
		struct event_erasure erasure;
		struct event_restore restore;
		struct event_withdraw withdraw;
		struct event_vote_close vote_reopen;
		struct event_lead lead;
	} as;
	int64_t undoes;                 /* the payload's `undoes`: seq of the event taken back, 0 none */
	/* private: what event_decode() or event_keep() allocated; the first few blocks are
	 * kept in place (a replayed log decodes thousands of events) */
	const char *strings_here[8];    /* a decoded event's one short list of strings (tags) */
	void *owned_here[4];
	void **owned;
	int n_owned;
};

/* What an encoding may hold. The store keeps everything; an export leaves out what its
 * options do not ask for. */
struct event_privacy {
	bool names;                 /* participant.add's name */
};
extern const struct event_privacy event_keep_everything;

/* "session.start", ...; NULL for EVENT_UNKNOWN. */
const char *event_type_name(enum event_type type);
/* EVENT_UNKNOWN for a type this build does not know. */
enum event_type event_type_parse(const char *name);

/* Appends the payload (one JSON object) to buf. buf->failed reports running out of memory. */
void event_encode(const struct event *event, const struct event_privacy *privacy, struct json_buf *buf);

/* Appends a /poll's definition alone: what vote.open's poll holds, and the votes table's
 * definition column. */
void event_encode_poll(const struct agenda_vote *poll, struct json_buf *buf);

enum event_decoded {
	EVENT_DECODED,              /* *out is filled; event_free() it */
	EVENT_UNKNOWN_TYPE,         /* a type this build does not know: nothing to free */
	EVENT_NOT_AN_OBJECT,        /* the payload is not a JSON object at all */
	EVENT_DAMAGED,              /* a field is missing or of the wrong type */
	EVENT_NO_MEMORY,
};
/* Decodes a stored payload. On EVENT_DAMAGED and EVENT_NOT_AN_OBJECT, problem (may be NULL) says what is wrong,
 * e.g. "field text is missing"; nothing is left to free. */
enum event_decoded event_decode(const char *type, const char *payload, size_t len, struct event *out,
	char *problem, size_t problem_len);

/* Makes the event own a malloc'd block (freed by event_free()); returns block, or NULL
 * after freeing it when out of memory. */
void *event_keep(struct event *event, void *block);
void event_free(struct event *event);

#endif
