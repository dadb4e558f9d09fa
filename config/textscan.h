/* textscan: checks raw bytes before any YAML parser sees them, and turns byte offsets
 * into the 1-based line and column (in characters) that messages show.
 *
 * Pure: no allocation, no I/O. Lines end at LF, CR LF or a lone CR, as in YAML. */
#ifndef KLANKBORD_TEXTSCAN_H
#define KLANKBORD_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>

struct text_position {
	int line; /* 1-based */
	int col;  /* 1-based, in Unicode code points */
};

/* The position of byte offset in text (offset <= len). */
struct text_position textscan_position(const char *text, size_t len, size_t offset);

/* Length of a UTF-8 byte-order mark at the start of text (3 or 0). */
size_t textscan_bom_length(const char *text, size_t len);

/* Finds the first byte sequence that is not valid UTF-8 (overlong forms, surrogates and
 * code points above U+10FFFF count as invalid) or is a character an agenda may not hold:
 * C0 controls other than tab, line feed and carriage return, DEL, C1 controls, and the
 * non-characters U+FFFE and U+FFFF. Returns true when the text is clean; otherwise false
 * with *offset at the first bad byte and problem set to a short description such as
 * "invalid UTF-8 (byte 0xE9)" or "control character U+0007 not allowed". */
bool textscan_check(const char *text, size_t len, size_t *offset, char *problem, size_t problem_size);

/* Decodes one UTF-8 character at text[0..len); returns its length (0 when invalid or
 * truncated) and stores the code point. */
size_t textscan_decode(const char *text, size_t len, unsigned *code_point);

/* Encodes code point c (at most U+10FFFF) as UTF-8 into out (room for 4 bytes); returns its length. */
size_t textscan_encode(unsigned c, char *out);

#endif
