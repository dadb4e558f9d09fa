/* store_recs: the recommendations register (docs/recommendations.md).
 *
 * Owns reading the register's entries (the recommendations table and the contributions
 * of kind recommendation, by UUID) with their status history, finding one by an id
 * prefix, and appending a change of status (recommendation_status, append-only by its
 * triggers). The words of a status are config/rec_status.h's. Its functions are "the
 * recommendations register" of storage/store.h; it shares nothing else across storage/.
 * Never prints, never exits, never deletes (erasure is storage/store_erase.c's). */
#ifndef KLANKBORD_STORE_RECS_H
#define KLANKBORD_STORE_RECS_H

#include "storage/store.h"

#endif
