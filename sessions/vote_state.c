/* vote_state: see vote_state.h. */
#include "sessions/vote_state.h"

int vote_state_ballot_index(const struct session_vote *vote, int participant)
{
	for (int b = 0; b < vote->n_ballots; b++)
		if (vote->ballots[b].participant == participant)
			return b;
	return -1;
}

bool vote_state_has_ballot(const struct session_vote *vote, int participant)
{
	return vote_state_ballot_index(vote, participant) >= 0;
}

bool vote_state_results_visible(const struct session_vote *vote)
{
	return !vote->def->hide_results || vote->status == SESSION_VOTE_CLOSED;
}

bool vote_state_may_vote(const struct session_vote *vote, enum participant_role role)
{
	return vote->def->voter_roles[role];
}
