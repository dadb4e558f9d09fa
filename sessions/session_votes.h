/* session_votes: the handlers of capture lines about votes: /vote, /close, a named ballot
 * ("E03: 2"), counts for a show of hands ("= 5 3 1") and /poll. Each checks the line
 * against the model and the vote's definition, builds its event and writes it and the
 * vote's rows through session_line.h, inside the transaction session.c opened; a refusal
 * writes nothing. What the room may read on the status line of a vote whose results are
 * hidden is decided here. Never prints, never exits. */
#ifndef KLANKBORD_SESSION_VOTES_H
#define KLANKBORD_SESSION_VOTES_H

#include "sessions/capture.h"
#include "sessions/session_line.h"

int command_vote(struct line_ctx *x, const struct capture_line *cl);
int command_close(struct line_ctx *x);
/* A line "ID: text" while a vote is open. */
int command_ballot(struct line_ctx *x, const struct capture_line *cl);
/* /ballot ID BALLOT: a ballot even where the line would read as a contribution. */
int command_ballot_forced(struct line_ctx *x, const struct capture_line *cl);
/* /withdraw ID and /reopen ID. */
int command_withdraw(struct line_ctx *x, const struct capture_line *cl);
int command_reopen(struct line_ctx *x, const struct capture_line *cl);
/* The voter's ballot set to choices (undoes > 0: /undo restoring an earlier ballot), or
 * withdrawn (choices NULL); for session_undo.c. */
int line_set_ballot(struct line_ctx *x, int vote, int participant, const struct session_ballot *ballot,
	int64_t undoes);
/* vote.reopen (open true) or vote.close of vote, written by /undo (undoes) or /reopen. */
int line_vote_status(struct line_ctx *x, int vote, bool open, int64_t undoes);
int command_counts(struct line_ctx *x, const struct capture_line *cl);
int command_poll(struct line_ctx *x, const struct capture_line *cl);

#endif
