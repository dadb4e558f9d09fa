/* vote_state: what a vote's state says to the people in the room, said once.
 *
 * Rules that the console's panels and the session's handlers must agree on: whether a
 * participant may vote, whether they have a (current) ballot on a vote, and whether the
 * room may see a vote's results while it runs (hide_results holds until the vote closes). Reads the
 * session model only: pure, no I/O, no allocation, never includes curses or SQLite.
 * The vote is borrowed and never changed; it must not be NULL. */
#ifndef KLANKBORD_VOTE_STATE_H
#define KLANKBORD_VOTE_STATE_H

#include <stdbool.h>

#include "sessions/session.h"

/* Index into vote->ballots of the participant's current ballot, or -1 when none (a
 * show of hands has no named ballots, so always -1 there). */
int vote_state_ballot_index(const struct session_vote *vote, int participant);
/* True when the participant (an index into the session's participants) has voted. */
bool vote_state_has_ballot(const struct session_vote *vote, int participant);
/* True when a participant of this role may cast a named ballot on the vote. */
bool vote_state_may_vote(const struct session_vote *vote, enum participant_role role);
/* True when counts, bars and chosen options may be shown to the room: always, unless
 * the vote hides its results and has not closed yet. */
bool vote_state_results_visible(const struct session_vote *vote);

#endif
