/* bigtext: big block letters for the room display (tui/display.c), from a small bitmap
 * font of klankbord's own.
 *
 * Owns the font: printable ASCII and the Latin-1 letters (À-ÿ) as capitals 5 cells wide
 * and 5 high, with a row above them for accents (so a line of big text is BIGTEXT_ROWS
 * rows high and the accent row keeps lines apart), one empty column between letters.
 * Lowercase letters are drawn as capitals, as on signs; typographic quotes and dashes as
 * their ASCII forms. Every letter advances BIGTEXT_ADVANCE columns, so text wraps as
 * plain text does (tui/textwidth.h's tw_wrap) at bigtext_per_line() characters, and
 * words are never broken: text with a character the font lacks (Arabic, CJK, emoji ...)
 * or a word longer than a line is not big text; the caller shows it plain.
 * scale (1, 2, 3 ...) multiplies every cell into scale x scale cells.
 * Pure: no curses, no I/O, no allocation; the font is static. */
#ifndef KLANKBORD_BIGTEXT_H
#define KLANKBORD_BIGTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum {
	BIGTEXT_GLYPH_W = 5,
	BIGTEXT_GLYPH_H = 5,
	BIGTEXT_ROWS = BIGTEXT_GLYPH_H + 1,     /* the accent row, then the letter */
	BIGTEXT_ADVANCE = BIGTEXT_GLYPH_W + 1,  /* the letter, then a column between letters */
	BIGTEXT_INK = 0x2588,                   /* FULL BLOCK: a cell of a letter */
};

/* True when the font has a glyph for c (a space and a line break count). */
bool bigtext_has(wchar_t c);
/* True when every character of text has a glyph. */
bool bigtext_supports(const wchar_t *text, size_t n);
/* Columns a line of `chars` big characters takes (no gap after the last); 0 for none. */
int bigtext_line_width(size_t chars, int scale);
/* How many big characters fit on a line of cols columns (0 when not one). */
int bigtext_per_line(int cols, int scale);
/* One line of word wrap in big text: as tw_wrap() at bigtext_per_line(cols, scale). */
size_t bigtext_wrap(const wchar_t *text, size_t n, int cols, int scale, size_t *next);
/* Lines text takes in big letters in cols columns; 0 when it cannot be big text there
 * (a character the font lacks, a word longer than a line, or no room for a letter). */
int bigtext_lines(const wchar_t *text, size_t n, int cols, int scale);
/* Rows `lines` lines of big text take at this scale. */
int bigtext_height(int lines, int scale);
/* Row `row` (0 .. bigtext_height(1, scale) - 1) of one line of big text (n characters,
 * no line break) into out, which holds bigtext_line_width(n, scale) characters and a
 * NUL: BIGTEXT_INK where a letter has ink, spaces elsewhere. Returns the characters
 * written. A character without a glyph is drawn as a blank. */
size_t bigtext_row(const wchar_t *text, size_t n, int scale, int row, wchar_t *out);

#endif
