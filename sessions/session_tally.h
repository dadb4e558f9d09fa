/* session_tally: a vote of the model counted with tally.h. The one place the console, the
 * export document and every report get a vote's result from; nothing else counts.
 * Owns nothing; the caller frees the result with tally_free(). */
#ifndef KLANKBORD_SESSION_TALLY_H
#define KLANKBORD_SESSION_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "sessions/session_model.h"
#include "sessions/tally.h"

/* Counts a vote's current ballots, or its show-of-hands counts. False, with a message,
 * when the stored ballots cannot be counted. */
bool session_vote_tally(const struct session *session, const struct session_vote *vote, struct tally_result *out,
	char *err, size_t errlen);

#endif
