/* store_schema: the schema of the database and the way a file reaches it.
 *
 * Owns the list of migrations (schema version N is reached by running migrations[N - 1]
 * on version N - 1; docs/schema.md documents every table and column), the check that a
 * file is ours (application_id, schema version, tables) and migrating an older one
 * forward. Never opens or configures the connection (storage/store.c does), never touches
 * the rows of a session. */
#ifndef KLANKBORD_STORE_SCHEMA_H
#define KLANKBORD_STORE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* Tells ours from an empty file and from anyone else's database: 0 for an empty file or
 * a klankbord database of this build's version or older (one of this version must have
 * every table); EX_DATAERR, with a message, for another program's database, one from a
 * newer klankbord or one missing a table. Writes nothing. */
int store_schema_identify(struct store *store, char *err, size_t errlen);

/* Brings an empty or older database to STORE_SCHEMA_VERSION in one transaction (and marks
 * a new one with STORE_APPLICATION_ID), then checks its tables; does nothing to one that
 * is current. */
int store_schema_upgrade(struct store *store, char *err, size_t errlen);

/* A file older than version 10 opened read-only (it cannot be migrated) gets, for this
 * connection only, TEMP views in place of what version 10 added: session_seqs from the
 * events, and contributions with its codes column from contribution_tags, so that search
 * and reports read it with the same statements. Does nothing to a current file. */
int store_schema_read_older(struct store *store, char *err, size_t errlen);

/* The opening check of a current database against tampering: every table, index and
 * trigger of the schema present and nothing else (an extra table or trigger), the
 * triggers that keep events append-only as they were created, and no sign of deleted
 * events (sqlite_sequence ahead of the newest event; with full, derived rows whose event
 * is gone). A writer is refused (EX_DATAERR, with what was found); a reader
 * (store->reader) gets it in store_notice() and store->tampered is set. Writes nothing. */
int store_schema_check_objects(struct store *store, bool full, char *err, size_t errlen);

/* The append-only rule on events, lifted and put back by an erasure inside its own
 * transaction (storage/store_erase.c; docs/schema.md): drops events_no_update and
 * events_no_delete, and creates them again exactly as migration 1 did, so that the
 * opening check sees them unaltered. Refused outside a transaction. */
int store_schema_lift_append_only(struct store *store, char *err, size_t errlen);
int store_schema_restore_append_only(struct store *store, char *err, size_t errlen);

#endif
