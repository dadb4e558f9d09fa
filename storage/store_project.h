/* store_project: the tables derived from the events.
 *
 * Owns bringing contributions (with their codes column), contribution_tags,
 * report_counts (through its triggers), the search index and session_seqs (each session's
 * first and last event, of any type) up to date with the events, and projected.seq, the
 * last event they include (docs/schema.md). Reads the payloads only of the event types
 * contribution, contribution.edit and contribution.retract, naming their types and fields
 * as sessions/event.h does.
 * Never writes an event or a row a console writes directly
 * (storage/store_write.c), never decides what an event means beyond those three types.
 * Its function is store_project() in storage/store.h; it shares store_project_check()
 * with storage/store_write.c and store_project_pending() with storage/store.c. */
#ifndef KLANKBORD_STORE_PROJECT_H
#define KLANKBORD_STORE_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "storage/store.h"

/* Whether the projection can use an event of session: for the types contribution,
 * contribution.edit and contribution.retract, a payload event_decode() reads, an id, an
 * item and a participant of the session, an id no other contribution has, and for an
 * edit or retraction a stored contribution to change; other types always pass. pending:
 * also count contributions among the events not yet projected (as a write must).
 * Returns 0, EX_DATAERR with what is wrong in problem, or another sysexits code (the
 * database failed; problem says how). store_append_event() refuses what fails here, and
 * store_project() skips it (table projection_skipped). */
int store_project_check(struct store *store, const char *session, const char *type, const char *payload,
	bool pending, char *problem, size_t len);

/* Adds to store->notice how many events projection_skipped holds, naming the first. */
void store_project_notice(struct store *store);

/* For a store opened read-only, which cannot project: when events wait to be projected,
 * says how many in message (for store_projection_problem()); else leaves it as it is. */
void store_project_pending(struct store *store, char *message, size_t len);

#endif
