/* store_cjk: the one definition of "a Chinese, Japanese or Korean character", for the C
 * test of a query or a text (store_cjk_text(), also the SQL function STORE_CJK_FUNCTION
 * through which the projection fills the trigram index, storage/store_project.c) and the
 * SQL test of a text in the schema (migration 11: the trigram index holds only the
 * contributions whose text matches it; its view and the triggers of an edit or a deletion
 * test with GLOB). The two must agree on every text (test_store checks it over the
 * ranges' edges and many texts). STORE_CJK_CLASS is
 * a GLOB character class of code point ranges (SQLite's GLOB compares code points; each
 * range checked with sqlite3 3.40.1, both ends in, the code points beside them out):
 * CJK radicals to unified ideographs (U+2E80-9FFF), Hangul syllables (U+AC00-D7AF),
 * compatibility ideographs (U+F900-FAFF), half-width katakana (U+FF66-FF9F) and the
 * supplementary ideographic planes (U+20000-3FFFF). A change here is a new migration
 * (the index must be refilled with the new predicate). */
#ifndef KLANKBORD_STORE_CJK_H
#define KLANKBORD_STORE_CJK_H

#define STORE_CJK_CLASS "[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]"
/* The SQL test that a text holds one: text GLOB STORE_CJK_GLOB. */
#define STORE_CJK_GLOB "'*" STORE_CJK_CLASS "*'"

#include <sqlite3.h>
#include <stdbool.h>

/* Whether text (UTF-8) holds a code point of STORE_CJK_CLASS. */
bool store_cjk_text(const char *text);

/* The SQL function STORE_CJK_FUNCTION(text): 1 when store_cjk_text(), else 0 (NULL too).
 * Registered on every connection klankbord opens (storage/store.c); never named in the
 * schema, so that any SQLite can still open and change the file. Returns SQLite's code. */
#define STORE_CJK_FUNCTION "klankbord_cjk"
int store_cjk_register(sqlite3 *db);

#endif
