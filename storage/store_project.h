/* store_project: the tables derived from the events.
 *
 * Owns bringing contributions, contribution_tags, report_counts (through its triggers)
 * and the search index up to date with the events, and projected.seq, the last event they
 * include (docs/schema.md). Reads only the event types contribution, contribution.edit
 * and contribution.retract, naming their types and fields as sessions/event.h does.
 * Never writes an event or a row a console writes directly
 * (storage/store_write.c), never decides what an event means beyond those three types.
 * Its function is store_project() in storage/store.h; it shares nothing else across
 * storage/. */
#ifndef KLANKBORD_STORE_PROJECT_H
#define KLANKBORD_STORE_PROJECT_H

#include "storage/store.h"

#endif
