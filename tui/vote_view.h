/* vote_view: the open vote: question, numbered options, live result bars (from
 * sessions/tally.h; hidden while hide_results is set), who has voted and who not (never
 * for the room: state->room leaves the names and ids out, the count stays). */
#ifndef KLANKBORD_VOTE_VIEW_H
#define KLANKBORD_VOTE_VIEW_H

#include "tui/view.h"

extern const struct view_ops vote_view_ops;
/* Rows the panel wants at this width for the open vote (title, options, a note, who
 * voted unless state->room); 0 when none is open. */
int vote_view_rows(const struct view_state *state, int width);

#endif
