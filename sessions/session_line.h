/* session_line: one capture line being handled, shared by the command handlers
 * (session_commands.c, session_votes.c) and the transaction around them (session.c).
 *
 * A handler checks the line against the model, fills `event` (event.h) and calls
 * line_emit(), which encodes and appends it; the handler then writes its rows and puts a
 * confirmation in the result. After the commit, session.c applies the same `event` to
 * the model: nothing is parsed back. What the event borrows must live until then: the
 * parsed line does, and whatever a handler allocates for it is given to event_keep(),
 * freed with the line. Never prints, never exits. */
#ifndef KLANKBORD_SESSION_LINE_H
#define KLANKBORD_SESSION_LINE_H

#include <stdbool.h>
#include <stdint.h>

#include "sessions/capture.h"
#include "sessions/event.h"
#include "sessions/session.h"

struct line_ctx {
	struct session *s;
	struct session_result *result;
	int64_t now;
	struct event event;           /* what the line writes; EVENT_UNKNOWN until a handler sets it */
	struct capture_line edit;     /* /edit's text, parsed like a contribution; freed with the line */
	struct agenda_vote *poll;     /* a /poll's definition; freed with the line */
	int64_t seq;                  /* set by line_emit() */
	int64_t input_line;           /* the --batch input's line number, 0 from the console */
};

/* Puts the message in the result and returns EX_DATAERR: nothing was written. */
int line_refuse(struct line_ctx *x, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Writes a confirmation (or a store's message) into the result; returns 0. */
int line_say(struct line_ctx *x, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Encodes x->event and appends it to the store; x->seq gets its seq. */
int line_emit(struct line_ctx *x);
/* A fresh UUID into out, or EX_OSERR with a message. */
int line_new_uuid(struct line_ctx *x, char out[EVENT_UUID_LEN + 1]);
/* The result's message buffer and size, for the store's functions. */
#define LINE_MSG(x) (x)->result->message, sizeof (x)->result->message

const char *line_item_id(const struct session *s, int item);
/* The speaker's id, or "note" for the note-taker's note (participant -1). */
const char *line_speaker(const struct session *s, int participant);
/* Who said it, for a message: the id, or "the note-taker" for a note. */
const char *line_who(const struct session *s, int participant);
/* Room for a piece of user text cut for a message (errmsg_cut). */
enum { LINE_ECHO_CHARS = 40, LINE_ECHO_SIZE = 4 * 60 + 4 };
/* Writes the planned and spent time of an item to the items table. */
int line_write_item_times(struct line_ctx *x, int item);
int line_unknown_participant(struct line_ctx *x, const char *id);

#endif
