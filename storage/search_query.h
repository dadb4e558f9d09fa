/* search_query: a search query as a person types it, made into the FTS5 MATCH expression
 * the search indexes read (docs/search.md).
 *
 * The query language is what `klankbord help search` describes: words, "a phrase",
 * prefix* (a word or a phrase), OR, AND and NOT (upper case) between two of them,
 * parentheses, and a column filter on what follows (codes:housing, kind:idea,
 * text:"a phrase", codes:(work OR housing)). Everything else is text. A word with punctuation in it (re-integratie,
 * e-mail, 1.5, 9:30, #housing, wmo/jeugd, lessen?) is searched for as the words the index
 * holds for it, side by side: it is put in double quotes, so FTS5 never reads it as its
 * own syntax (a column filter, `-` excluding a column, `^`, `+`, NEAR). Words side by side
 * must all be found (AND), as in FTS5.
 *
 * Pure: no SQLite, no I/O. */
#ifndef KLANKBORD_SEARCH_QUERY_H
#define KLANKBORD_SEARCH_QUERY_H

#include <stdbool.h>
#include <stddef.h>

/* Parentheses inside each other a query may hold (FTS5's parser overflows far deeper). */
enum { SEARCH_QUERY_DEPTH_MAX = 32 };

/* Makes *out (malloc'd) the MATCH expression of query, and *codes_or_kind true when it
 * filters on the column codes or kind (which the trigram index of Chinese, Japanese and
 * Korean text does not have). Returns 0; or EX_DATAERR with
 * err saying what is wrong and at which character (counted from 1, in characters, not
 * bytes): a double quote or a parenthesis not closed, a ")" that closes nothing, an
 * operator or a column filter without a word on each side, empty parentheses, parentheses nested deeper
 * than SEARCH_QUERY_DEPTH_MAX, or no word at all (only punctuation); or EX_OSERR when out
 * of memory. *out is NULL on failure. */
int search_query_expression(const char *query, char **out, bool *codes_or_kind, char *err, size_t errlen);

#endif
