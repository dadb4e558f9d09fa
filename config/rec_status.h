/* rec_status: the vocabulary of a recommendation's status in the register, said once.
 *
 * REC_STATUSES(X) calls X(NAME, "word") for every status, in the order a recommendation
 * usually moves through them: NAME gives the enum constant REC_NAME, word is the status
 * as typed (`klankbord recs set REC accepted`), stored in recommendation_status.status
 * and written in exports and reports. A recommendation with no change of status is
 * REC_OPEN. Generate from it; never list the statuses again (docs/recommendations.md).
 * Owns nothing; never touches SQLite or curses. */
#ifndef KLANKBORD_REC_STATUS_H
#define KLANKBORD_REC_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#define REC_STATUSES(X) \
	X(OPEN, "open") \
	X(ACCEPTED, "accepted") \
	X(IN_PROGRESS, "in-progress") \
	X(DONE, "done") \
	X(DECLINED, "declined")

#define REC_STATUS_ENUM_(name, word) REC_##name,
enum rec_status { REC_STATUSES(REC_STATUS_ENUM_) REC_STATUS_COUNT };
#undef REC_STATUS_ENUM_

/* The word of a status ("in-progress"); "open" for a value out of range. */
const char *rec_status_name(enum rec_status status);
/* The status whose word is word (exactly, lower case); false when none is. */
bool rec_status_parse(const char *word, enum rec_status *status);
/* "open, accepted, in-progress, done, declined": every word, for messages and help. */
const char *rec_status_list(void);

#endif
