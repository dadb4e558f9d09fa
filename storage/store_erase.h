/* store_erase: erasing a participant or a session from every table, the log and the
 * search index, and the copies of the database (the online backup).
 *
 * Owns the only statements that delete or rewrite events: they run between
 * store_erase_begin() and store_erase_end(), inside the caller's transaction, with the
 * append-only triggers dropped (storage/store_schema.c lifts and restores them, exactly as
 * migration 1 created them); a rollback puts everything back. store_scrub() then removes
 * what the files may still hold (docs/privacy.md). Its functions are the "erasure" part
 * of storage/store.h. */
#ifndef KLANKBORD_STORE_ERASE_H
#define KLANKBORD_STORE_ERASE_H

#include "storage/store.h"

#endif
