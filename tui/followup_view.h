/* followup_view: the follow-up in the room (docs/recommendations.md). When `run` starts a
 * session for an organisation that has recommendations from earlier sessions, the
 * console's first screen shows them without a key press: what the group advised, by
 * session, each with its status and last change ("accepted 2026-11-02: NOTE",
 * out/rec_text.h), until the facilitator moves on. Any key closes it and then does what
 * it always does (typing starts the capture line, F3 moves on); Esc and the follow-up key
 * (ACT_FOLLOWUP, F12 or Shift-F9 by default) only close it; Up/Down/PgUp/PgDn scroll; the key
 * brings it back.
 *
 * Owns struct followup: the register's entries of the organisation's earlier sessions,
 * read once from the store when the console starts (never per frame). Draws through
 * view.h; never writes the store or the session. */
#ifndef KLANKBORD_FOLLOWUP_VIEW_H
#define KLANKBORD_FOLLOWUP_VIEW_H

#include "tui/view.h"

extern const struct view_ops followup_view_ops;

/* ACT_FOLLOWUP when the list is not shown: shows it again (read from the store the first
 * time when the console did not start with it; a status message when there is nothing
 * to show). */
unsigned followup_view_show(struct view_state *state);
/* The theme role a status is drawn in (here and in the history browser's register). */
enum tui_role followup_status_role(enum rec_status status);
/* Frees what the view read (state->followup); the console calls it when it ends. */
void followup_view_release(struct view_state *state);

#endif
