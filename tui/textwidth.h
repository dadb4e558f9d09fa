/* textwidth: display width of text on a terminal, for every script.
 *
 * Converts stored UTF-8 to wchar_t with control characters made visible (ESC becomes
 * U+241B, other C0 controls their Control Pictures, DEL U+2421, C1 controls and invalid
 * bytes U+FFFD), so nothing read from the store can reach the terminal as an escape
 * sequence. Measures, cuts and wraps by display columns (wcwidth), never inside a
 * character, keeping combining marks with their base. Pure: no curses, no I/O.
 * Needs a UTF-8 LC_CTYPE for wcwidth (the console sets one). */
#ifndef KLANKBORD_TEXTWIDTH_H
#define KLANKBORD_TEXTWIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Decodes len bytes of UTF-8 into a malloc'd, NUL-terminated, visible-only wide string
 * (caller frees); *out_len (may be NULL) gets its length. NULL only when out of memory. */
wchar_t *tw_from_utf8(const char *text, size_t len, size_t *out_len);
/* The first character of len > 0 bytes of UTF-8, made visible as tw_from_utf8() does;
 * *used gets the bytes it takes (at least 1). For key scripts read a character at a time. */
wchar_t tw_first_char(const char *text, size_t len, size_t *used);
/* Encodes n wide characters as malloc'd NUL-terminated UTF-8; *out_len may be NULL. */
char *tw_to_utf8(const wchar_t *text, size_t n, size_t *out_len);
/* The visible stand-in for a character (itself when printable). */
wchar_t tw_visible(wchar_t c);
/* Columns one character takes: 0 for combining marks, 1 or 2 otherwise. */
int tw_char_width(wchar_t c);
int tw_width(const wchar_t *text, size_t n);
/* How many characters of text fit in cols columns (combining marks stay with their
 * base); *used (may be NULL) gets the columns they take. */
size_t tw_cut(const wchar_t *text, size_t n, int cols, int *used);
/* Characters to skip from the start so that what remains starts at column >= cols. */
size_t tw_skip(const wchar_t *text, size_t n, int cols);
/* One line of word wrap: returns how many characters of text go on a line of cols
 * columns (breaking after the last space that fits, else inside a word, never inside a
 * character; at least one character when n > 0); *next gets where the next line starts
 * (spaces at the break skipped). A '\n' ends a line. */
size_t tw_wrap(const wchar_t *text, size_t n, int cols, size_t *next);
/* Number of lines tw_wrap makes of text (at least 1). */
int tw_wrap_count(const wchar_t *text, size_t n, int cols);

#endif
