/* store_query: search and reports, the questions asked of the derived tables.
 *
 * Owns full-text search within a session and across sessions (with snippets), the
 * steered search (store_search_filtered(): across sessions within a seq range, or
 * session by session when the filter chooses few; a kind and a code in the MATCH
 * expression; without a query, the newest that pass) and the counts per code and kind
 * that consultants' reports read from report_counts. Reads only
 * what storage/store_project.c derived, and of the log only the seqs of the events the
 * projection has not passed yet (to widen session_seqs' ranges); a query that is not valid FTS5 syntax is the
 * caller's error (EX_DATAERR). Never writes, never projects. Its functions are
 * store_search(), store_search_snippets(), store_search_filtered() and store_report() in
 * storage/store.h; it shares
 * nothing else across storage/. */
#ifndef KLANKBORD_STORE_QUERY_H
#define KLANKBORD_STORE_QUERY_H

#include "storage/store.h"

#endif
