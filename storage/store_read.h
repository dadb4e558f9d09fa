/* store_read: reading sessions and their events back.
 *
 * Owns finding a session by an id prefix, one session with its agenda text, the list of
 * sessions, and the iterator over a session's events (struct store_events, one open per
 * store). Returned strings are malloc'd and freed by the *_free functions of
 * storage/store.h. Never writes, never searches or counts across sessions
 * (storage/store_query.c). Its functions are the "reads" of storage/store.h; it shares
 * nothing else across storage/. */
#ifndef KLANKBORD_STORE_READ_H
#define KLANKBORD_STORE_READ_H

#include "storage/store.h"

#endif
