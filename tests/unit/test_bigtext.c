/* test_bigtext: the room display's big letters (tui/bigtext.h): widths, wrapping without
 * breaking words, the glyphs of ASCII and Latin-1 letters, and the fallback for text the
 * font lacks (Arabic, CJK, emoji), which the display then shows as plain text. */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "tui/bigtext.h"

static int setup(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	return 0;
}

/* One row of a line as UTF-8-free ASCII art: '#' for ink, '.' for a blank. */
static void row_art(const wchar_t *text, int scale, int row, char *out)
{
	wchar_t buf[512];
	size_t n = bigtext_row(text, wcslen(text), scale, row, buf);
	for (size_t i = 0; i < n; i++)
		out[i] = buf[i] == BIGTEXT_INK ? '#' : buf[i] == L' ' ? '.' : '?';
	out[n] = 0;
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(bigtext_line_width(0, 1), 0);
	assert_int_equal(bigtext_line_width(1, 1), 5);
	assert_int_equal(bigtext_line_width(5, 1), 29);  /* "25:00": 5 letters and 4 gaps */
	assert_int_equal(bigtext_line_width(5, 2), 58);
	assert_int_equal(bigtext_per_line(80, 1), 13);
	assert_int_equal(bigtext_per_line(47, 1), 8);    /* 8 letters take 47 columns */
	assert_int_equal(bigtext_per_line(46, 1), 7);
	assert_int_equal(bigtext_per_line(4, 1), 0);
	assert_int_equal(bigtext_per_line(200, 2), 16);
	assert_int_equal(bigtext_height(2, 1), 12);
	assert_int_equal(bigtext_height(1, 3), 18);
}

static void test_glyphs(void **state)
{
	(void)state;
	char art[64];
	row_art(L"A", 1, 0, art);
	assert_string_equal(art, ".....");            /* the accent row is empty */
	row_art(L"A", 1, 1, art);
	assert_string_equal(art, ".###.");
	row_art(L"A", 1, 3, art);
	assert_string_equal(art, "#####");
	row_art(L"a", 1, 3, art);                      /* lowercase is drawn as a capital */
	assert_string_equal(art, "#####");
	row_art(L"\u00e9", 1, 0, art);                 /* é: E with an acute above */
	assert_string_equal(art, "...#.");
	row_art(L"\u00c9", 1, 1, art);
	assert_string_equal(art, "#####");
	row_art(L"\u00eb", 1, 0, art);                 /* ë, as in "financiële" */
	assert_string_equal(art, ".#.#.");
	row_art(L"IJ", 1, 1, art);                     /* a column between letters */
	assert_string_equal(art, ".###....###"); /* I, the gap, J */
	row_art(L"1", 2, 2, art);                      /* scale 2: each cell twice, both ways */
	assert_string_equal(art, "....##....");
	row_art(L"1", 2, 3, art);
	assert_string_equal(art, "....##....");
	row_art(L"1", 2, 4, art);
	assert_string_equal(art, "..####....");
	row_art(L"\u2019", 1, 1, art);                 /* ’ is drawn as ' */
	row_art(L"'", 1, 1, art + 8);
	assert_string_equal(art, art + 8);
}

static void test_coverage(void **state)
{
	(void)state;
	for (wchar_t c = 0x20; c < 0x7f; c++)
		if (!bigtext_has(c))
			fail_msg("no glyph for ASCII %#x", (unsigned)c);
	for (wchar_t c = 0xc0; c <= 0xff; c++)
		if ((c != 0xd7 && c != 0xf7) != bigtext_has(c))
			fail_msg("Latin-1 letter %#x: glyph %d", (unsigned)c, bigtext_has(c));
	/* every printable glyph but the space has ink */
	for (wchar_t c = 0x21; c <= 0xff; c = c == 0x7e ? 0xc0 : c + 1) {
		if (!bigtext_has(c))
			continue;
		wchar_t text[2] = {c, 0};
		char art[16];
		bool ink = false;
		for (int r = 0; r < BIGTEXT_ROWS; r++) {
			row_art(text, 1, r, art);
			ink = ink || strchr(art, '#');
		}
		if (!ink)
			fail_msg("glyph %#x is blank", (unsigned)c);
	}
}

/* Characters the font lacks: the text is not big text; the display shows it plain. */
static void test_fallback(void **state)
{
	(void)state;
	static const wchar_t *const foreign[] = {
		L"Taal leren \u2014 \u062a\u0639\u0644\u0651\u0645", /* Arabic */
		L"\u5468\u672b\u8bfe\u7a0b",                            /* CJK */
		L"caf\u00e9 \U0001F337",                                /* emoji */
		L"\u1240\u1295\u1243",                                  /* Ethiopic */
		L"e\u0301",                                             /* a combining accent */
		L"3 \u00d7 4",                                          /* × is no letter */
	};
	for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++) {
		assert_false(bigtext_supports(foreign[i], wcslen(foreign[i])));
		assert_int_equal(bigtext_lines(foreign[i], wcslen(foreign[i]), 200, 1), 0);
	}
	const wchar_t *dutch = L"Financi\u00eble zorgen \u2013 \u2018eerst\u2019 wonen?";
	assert_true(bigtext_supports(dutch, wcslen(dutch)));
}

/* Words are never broken: a word longer than a line is not big text at that size. */
static void test_wrap(void **state)
{
	(void)state;
	const wchar_t *title = L"Learning Dutch";
	size_t n = wcslen(title);
	assert_int_equal(bigtext_lines(title, n, 200, 1), 1);
	assert_int_equal(bigtext_lines(title, n, 80, 1), 2);   /* LEARNING / DUTCH */
	assert_int_equal(bigtext_lines(title, n, 47, 1), 2);
	assert_int_equal(bigtext_lines(title, n, 46, 1), 0);   /* LEARNING needs 47 columns */
	assert_int_equal(bigtext_lines(title, n, 80, 2), 0);   /* 6 letters a line at scale 2 */
	size_t next;
	size_t len = bigtext_wrap(title, n, 80, 1, &next);
	assert_int_equal(len, 8);
	assert_int_equal(next, 9);
	const wchar_t *prompts = L"What helped you?\nWhat got in the way?";
	assert_int_equal(bigtext_lines(prompts, wcslen(prompts), 200, 1), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_glyphs),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
