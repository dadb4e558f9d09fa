/* store_checkpointer: copying a writer's log into its database file on a thread of its own.
 *
 * A checkpoint copies the pages of the write-ahead log into the database file and syncs
 * it: 1-7 ms every 256 lines of a `--batch` run, which the next line used to wait for. A
 * passive checkpoint needs no write lock, so another connection can run it while the
 * writer goes on: store_checkpoint_later() (storage/store.h) starts, at its first call, a
 * thread with a connection of its own that only ever checkpoints (it writes nothing, so
 * the writer's page cache stays valid), and from then on asks it for one checkpoint and
 * returns at once; a request while one is under way is merged with it. From that first
 * call the writer's commits no longer checkpoint by themselves (SQLite's automatic
 * checkpoint at 1,000 pages of log, about every 250 lines, was the same wait inside a
 * line): the writer asks for one as often (session_settle_step()).
 *
 * While the thread copies, the writer appends, and SQLite starts the log again from its
 * beginning only once every page of it is in the file: so when the thread's checkpoint
 * has ended, the writer's next store_checkpoint_catch_up() copies what was appended
 * meanwhile (a few pages) itself, and the log does not grow without end (it did: 26 MB
 * after 1,500 lines instead of 4 MB). The thread keeps
 * the first problem it meets, given back by the next request. store_close() stops the
 * thread (store_checkpointer_stop()): it waits for the checkpoint under way, then closes
 * the thread's connection, before the writer's own. */
#ifndef KLANKBORD_STORE_CHECKPOINTER_H
#define KLANKBORD_STORE_CHECKPOINTER_H

#include "storage/store.h"

void store_checkpointer_stop(struct store *store);

#endif
