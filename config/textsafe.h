/* textsafe: the one rule for text that came from outside (an agenda, a capture line, the
 * database, the command line) on its way to a terminal or into JSON.
 *
 * Some characters can steer a terminal or the order in which a line is read, or hide
 * themselves: C0 controls and DEL (ESC starts every escape sequence), C1 controls
 * (U+0080-U+009F: U+009B is an 8-bit CSI), the bidirectional embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069: one U+202E reverses the rest of a line), and
 * the invisible format characters (U+200B zero-width space, U+2060-U+2064, U+FEFF). These
 * are "unsafe". Bytes that are not UTF-8 are unsafe too. The zero-width joiner and
 * non-joiner (U+200C, U+200D: Persian words and emoji need them) and the left-to-right and
 * right-to-left marks (U+200E, U+200F, U+061C: they order one neutral character and cannot
 * reverse a line) are kept.
 *
 * On a terminal an unsafe character is shown as a visible mark: C0 and DEL as their control
 * pictures (ESC as U+241B "␛", DEL as "␡"), everything else as U+FFFD "�". In JSON it is
 * written as a \u escape (nothing is lost); a byte that is not UTF-8 becomes U+FFFD.
 * The console (tui/textwidth.c), the command line's text output (cli/terminal_text.c) and
 * the JSON writer (sessions/json.c) all ask this module. Pure: no allocation, no I/O. */
#ifndef KLANKBORD_TEXTSAFE_H
#define KLANKBORD_TEXTSAFE_H

#include <stdbool.h>
#include <stddef.h>

enum { TEXTSAFE_REPLACEMENT = 0xfffd };

/* True for a code point that must not reach a terminal or a JSON string as it is. Tab and
 * line feed count as unsafe here: callers that keep line structure handle them first. */
bool textsafe_unsafe(unsigned code_point);
/* The code point a terminal shows instead of an unsafe one (itself when it is safe). */
unsigned textsafe_visible(unsigned code_point);
/* Decodes the character at text[0..len) (len > 0): returns its length in bytes, 1 for a
 * byte that does not start valid UTF-8 (then *code_point is TEXTSAFE_REPLACEMENT and
 * *valid false). */
size_t textsafe_next(const char *text, size_t len, unsigned *code_point, bool *valid);

#endif
