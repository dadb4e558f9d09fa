/* recs: changing a recommendation's status in the register (docs/recommendations.md).
 *
 * The one write of the register, for `klankbord recs set` and the history browser: finds
 * the recommendation by a prefix of its id, checks the status against the vocabulary
 * (config/rec_status.h), and appends the change (its own UUID, the time, the note, who)
 * in one transaction. Never prints, never exits, no SQL (storage/store.h). */
#ifndef KLANKBORD_RECS_H
#define KLANKBORD_RECS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/store.h"

/* Sets the status of the recommendation whose id starts with rec_prefix to status (a
 * word of config/rec_status.h) with note (NULL: none) by by (a name, not empty), at at_ms
 * (0: now). id (may be NULL) gets the recommendation's whole id. Returns 0, or a
 * sysexits code with a message: EX_USAGE an unknown status, an empty by or an ambiguous
 * prefix, EX_NOINPUT no recommendation starts so, others from the store. */
int recs_set_status(struct store *store, const char *rec_prefix, const char *status, const char *note,
	const char *by, int64_t at_ms, char id[STORE_UUID_LEN + 1], char *err, size_t errlen);

#endif
