/* result_view: the frozen result of a closed vote, shown where the vote panel was.
 *
 * Draws state->result_vote (console.c sets it when the open vote closes and clears it
 * when another vote opens or the item changes): the outcome first (the winner, a tie,
 * what points and the runoff each give when they disagree, the consent outcome, the
 * median), then per type the bars with counts and shares, the instant-runoff rounds, or
 * the consent reasons with who gave them. Every number comes from session_vote_tally()
 * and every word from out/result_text.h (its roles drawn with theme roles): nothing is
 * counted or worded here, only laid out. Fits by display width; with fewer rows than it wants it keeps
 * the outcome and ends a cut list with a "... more" line, and a runoff table too wide
 * for the panel shows its first and last rounds. For the room (state->room) a consent
 * reason is shown without who gave it. Owns nothing between calls. */
#ifndef KLANKBORD_RESULT_VIEW_H
#define KLANKBORD_RESULT_VIEW_H

#include "tui/view.h"

extern const struct view_ops result_view_ops;
/* Rows the panel wants at this width for the result shown; 0 when none is shown. */
int result_view_rows(const struct view_state *state, int width);
/* F7: shows the next closed vote of the current item after the one shown, or none after
 * the last; says in the status line what it did. Returns view_flag bits. */
unsigned result_view_next(struct view_state *state);
/* Which result shows, called whenever the model may have changed: a vote that closed
 * (here or at another console) since *last_open_vote was looked at keeps its result on
 * screen (state->result_vote) until another vote opens or the item changes.
 * *last_open_vote is the caller's memory of the session's open_vote. */
void result_view_follow(struct view_state *state, int *last_open_vote);
/* Esc on an empty line: hides the result shown. Returns 0 when none was shown. */
unsigned result_view_hide(struct view_state *state);
/* The outcome line of a vote, as this panel shows it (its words from out/result_text.h,
 * their roles as theme roles), appended to out; the history browser shows the same line.
 * Returns true when the vote was counted into *r (free it with tally_free()); false for a
 * show of hands without counts, or when counting failed (out then says why). */
bool result_view_outcome(const struct session *session, const struct session_vote *vote, struct tally_result *r,
	struct view_styled *out);

#endif
