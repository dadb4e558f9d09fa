/* session_tally: see session_tally.h. */
#include "sessions/session_tally.h"

#include <stdio.h>
#include <stdlib.h>

bool session_vote_tally(const struct session *session, const struct session_vote *vote, struct tally_result *out,
	char *err, size_t errlen)
{
	(void)session;
	if (vote->def->anonymous)
		return tally_count_anonymous(vote->def, vote->counts, vote->counts ? vote->n_counts : 0, out, err, errlen);
	struct tally_ballot *ballots = calloc((size_t)vote->n_ballots + 1, sizeof *ballots);
	if (!ballots) {
		snprintf(err, errlen, "out of memory while counting vote %s", vote->def->id);
		return false;
	}
	for (int b = 0; b < vote->n_ballots; b++)
		ballots[b] = (struct tally_ballot){
			.participant = vote->ballots[b].participant,
			.choices = vote->ballots[b].choices,
			.n_choices = vote->ballots[b].n_choices,
			.reason = vote->ballots[b].reason,
		};
	bool ok = tally_count(vote->def, ballots, vote->n_ballots, out, err, errlen);
	free(ballots);
	return ok;
}
