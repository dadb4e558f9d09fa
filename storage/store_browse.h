/* store_browse: the pages the history browser (`klankbord browse`) reads.
 *
 * Owns keyset paging over the sessions (newest first) and over an item's contributions
 * (in seq order), and the items of one session with their counts. Each call reads the
 * rows of one screen plus what it was asked for, never a whole list: a page starts at a
 * key through an index (sessions_started, contributions_session) and stops at its limit;
 * contribution counts come from report_counts. Never writes, never projects. Its
 * functions are the store_browse_* ones in storage/store.h; it shares nothing else. */
#ifndef KLANKBORD_STORE_BROWSE_H
#define KLANKBORD_STORE_BROWSE_H

#include "storage/store.h"

#endif
