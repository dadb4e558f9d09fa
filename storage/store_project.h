/* store_project: the tables derived from the events.
 *
 * Owns bringing contributions, contribution_tags, report_counts (through its triggers)
 * and the search index up to date with the events, and projected.seq, the last event they
 * include (docs/schema.md). Reads only the event types contribution, contribution.edit
 * and contribution.retract, naming their types and fields as sessions/event.h does.
 * Never writes an event or a row a console writes directly
 * (storage/store_write.c), never decides what an event means beyond those three types.
 * Its function is store_project() in storage/store.h; it shares only
 * store_project_pending() with storage/store.c. */
#ifndef KLANKBORD_STORE_PROJECT_H
#define KLANKBORD_STORE_PROJECT_H

#include <stddef.h>

#include "storage/store.h"

/* For a store opened read-only, which cannot project: when events wait to be projected,
 * says how many in message (for store_projection_problem()); else leaves it as it is. */
void store_project_pending(struct store *store, char *message, size_t len);

#endif
