/* store_write: the rows a console writes with each event: sessions, participants, items,
 * votes, ballots and recommendations, and the events themselves.
 *
 * Owns the INSERT and UPDATE statements of those tables; every function refuses to run
 * outside store_begin()/store_commit() (EX_SOFTWARE) and leaves committing to the caller.
 * Never writes what the projection derives (contributions, their tags, report_counts,
 * the search index: storage/store_project.c), never reads. Its functions are the
 * "writes" of storage/store.h; it shares nothing else across storage/. */
#ifndef KLANKBORD_STORE_WRITE_H
#define KLANKBORD_STORE_WRITE_H

#include "storage/store.h"

#endif
