/* bigtext: see bigtext.h. The font: each glyph is five rows of five cells ('#' ink);
 * accented letters are their base letter with an accent in the row above. */
#include "tui/bigtext.h"

#include "tui/textwidth.h"

#define GLYPH_ROWS BIGTEXT_GLYPH_H

/* Printable ASCII from ' ' to '`' (lowercase letters and {|}~ follow below). */
static const char ascii[][GLYPH_ROWS][BIGTEXT_GLYPH_W + 1] = {
	{".....", ".....", ".....", ".....", "....."}, /* space */
	{"..#..", "..#..", "..#..", ".....", "..#.."}, /* ! */
	{".#.#.", ".#.#.", ".....", ".....", "....."}, /* " */
	{".#.#.", "#####", ".#.#.", "#####", ".#.#."}, /* # */
	{".####", "#.#..", ".###.", "..#.#", "####."}, /* $ */
	{"##..#", "##.#.", "..#..", ".#.##", "#..##"}, /* % */
	{".##..", "#..#.", ".##.#", "#..#.", ".##.#"}, /* & */
	{"..#..", "..#..", ".....", ".....", "....."}, /* ' */
	{"...#.", "..#..", "..#..", "..#..", "...#."}, /* ( */
	{".#...", "..#..", "..#..", "..#..", ".#..."}, /* ) */
	{"#.#.#", ".###.", "#####", ".###.", "#.#.#"}, /* * */
	{".....", "..#..", "#####", "..#..", "....."}, /* + */
	{".....", ".....", ".....", "..#..", ".#..."}, /* , */
	{".....", ".....", ".###.", ".....", "....."}, /* - */
	{".....", ".....", ".....", ".....", "..#.."}, /* . */
	{"....#", "...#.", "..#..", ".#...", "#...."}, /* / */
	{".###.", "#...#", "#.#.#", "#...#", ".###."}, /* 0 */
	{"..#..", ".##..", "..#..", "..#..", ".###."}, /* 1 */
	{".###.", "#...#", "..##.", ".#...", "#####"}, /* 2 */
	{"####.", "....#", "..##.", "....#", "####."}, /* 3 */
	{"#..#.", "#..#.", "#####", "...#.", "...#."}, /* 4 */
	{"#####", "#....", "####.", "....#", "####."}, /* 5 */
	{".###.", "#....", "####.", "#...#", ".###."}, /* 6 */
	{"#####", "....#", "...#.", "..#..", "..#.."}, /* 7 */
	{".###.", "#...#", ".###.", "#...#", ".###."}, /* 8 */
	{".###.", "#...#", ".####", "....#", ".###."}, /* 9 */
	{".....", "..#..", ".....", "..#..", "....."}, /* : */
	{".....", "..#..", ".....", "..#..", ".#..."}, /* ; */
	{"...#.", "..#..", ".#...", "..#..", "...#."}, /* < */
	{".....", "#####", ".....", "#####", "....."}, /* = */
	{".#...", "..#..", "...#.", "..#..", ".#..."}, /* > */
	{".###.", "#...#", "..##.", ".....", "..#.."}, /* ? */
	{".###.", "#...#", "#.###", "#....", ".###."}, /* @ */
	{".###.", "#...#", "#####", "#...#", "#...#"}, /* A */
	{"####.", "#...#", "####.", "#...#", "####."}, /* B */
	{".####", "#....", "#....", "#....", ".####"}, /* C */
	{"####.", "#...#", "#...#", "#...#", "####."}, /* D */
	{"#####", "#....", "####.", "#....", "#####"}, /* E */
	{"#####", "#....", "####.", "#....", "#...."}, /* F */
	{".####", "#....", "#..##", "#...#", ".###."}, /* G */
	{"#...#", "#...#", "#####", "#...#", "#...#"}, /* H */
	{".###.", "..#..", "..#..", "..#..", ".###."}, /* I */
	{"..###", "...#.", "...#.", "#..#.", ".##.."}, /* J */
	{"#...#", "#..#.", "###..", "#..#.", "#...#"}, /* K */
	{"#....", "#....", "#....", "#....", "#####"}, /* L */
	{"#...#", "##.##", "#.#.#", "#...#", "#...#"}, /* M */
	{"#...#", "##..#", "#.#.#", "#..##", "#...#"}, /* N */
	{".###.", "#...#", "#...#", "#...#", ".###."}, /* O */
	{"####.", "#...#", "####.", "#....", "#...."}, /* P */
	{".###.", "#...#", "#.#.#", "#..#.", ".##.#"}, /* Q */
	{"####.", "#...#", "####.", "#..#.", "#...#"}, /* R */
	{".####", "#....", ".###.", "....#", "####."}, /* S */
	{"#####", "..#..", "..#..", "..#..", "..#.."}, /* T */
	{"#...#", "#...#", "#...#", "#...#", ".###."}, /* U */
	{"#...#", "#...#", "#...#", ".#.#.", "..#.."}, /* V */
	{"#...#", "#...#", "#.#.#", "##.##", "#...#"}, /* W */
	{"#...#", ".#.#.", "..#..", ".#.#.", "#...#"}, /* X */
	{"#...#", ".#.#.", "..#..", "..#..", "..#.."}, /* Y */
	{"#####", "...#.", "..#..", ".#...", "#####"}, /* Z */
	{".###.", ".#...", ".#...", ".#...", ".###."}, /* [ */
	{"#....", ".#...", "..#..", "...#.", "....#"}, /* \ */
	{".###.", "...#.", "...#.", "...#.", ".###."}, /* ] */
	{"..#..", ".#.#.", "#...#", ".....", "....."}, /* ^ */
	{".....", ".....", ".....", ".....", "#####"}, /* _ */
	{".#...", "..#..", ".....", ".....", "....."}, /* ` */
};

/* '{' to '~'. */
static const char ascii_tail[][GLYPH_ROWS][BIGTEXT_GLYPH_W + 1] = {
	{"..##.", "..#..", ".##..", "..#..", "..##."}, /* { */
	{"..#..", "..#..", "..#..", "..#..", "..#.."}, /* | */
	{".##..", "..#..", "..##.", "..#..", ".##.."}, /* } */
	{".....", ".#...", "#.#.#", "...#.", "....."}, /* ~ */
};

/* Latin-1 letters with a shape of their own. */
static const struct {
	wchar_t c;
	char rows[GLYPH_ROWS][BIGTEXT_GLYPH_W + 1];
} own[] = {
	{0xC6, {".####", "#.#..", "####.", "#.#..", "#.###"}}, /* Æ */
	{0xC7, {".####", "#....", "#....", ".####", "..#.."}}, /* Ç */
	{0xD0, {"####.", "#...#", "###.#", "#...#", "####."}}, /* Ð */
	{0xD8, {".####", "#..##", "#.#.#", "##..#", "####."}}, /* Ø */
	{0xDE, {"#....", "####.", "#...#", "####.", "#...."}}, /* Þ */
	{0xDF, {".##..", "#..#.", "#.#..", "#..#.", "#.##."}}, /* ß */
};

enum accent { NO_ACCENT, GRAVE, ACUTE, CIRCUMFLEX, TILDE, DIAERESIS, RING };

static const char accent_rows[][BIGTEXT_GLYPH_W + 1] = {
	[NO_ACCENT] = ".....", [GRAVE] = ".#...", [ACUTE] = "...#.", [CIRCUMFLEX] = "..#..",
	[TILDE] = "#.#.#", [DIAERESIS] = ".#.#.", [RING] = ".###.",
};

/* U+00C0 to U+00DF: the base letter and its accent (0: a shape of its own, or none). */
static const struct {
	char base;
	enum accent accent;
} latin1[32] = {
	{'A', GRAVE}, {'A', ACUTE}, {'A', CIRCUMFLEX}, {'A', TILDE}, {'A', DIAERESIS}, {'A', RING},
	{0, NO_ACCENT}, {0, NO_ACCENT},
	{'E', GRAVE}, {'E', ACUTE}, {'E', CIRCUMFLEX}, {'E', DIAERESIS},
	{'I', GRAVE}, {'I', ACUTE}, {'I', CIRCUMFLEX}, {'I', DIAERESIS},
	{0, NO_ACCENT}, {'N', TILDE},
	{'O', GRAVE}, {'O', ACUTE}, {'O', CIRCUMFLEX}, {'O', TILDE}, {'O', DIAERESIS},
	{0, NO_ACCENT}, /* × is no letter */
	{0, NO_ACCENT},
	{'U', GRAVE}, {'U', ACUTE}, {'U', CIRCUMFLEX}, {'U', DIAERESIS},
	{'Y', ACUTE}, {0, NO_ACCENT}, {0, NO_ACCENT},
};

/* A glyph found: its five rows and the accent row above them. */
struct glyph {
	const char (*rows)[BIGTEXT_GLYPH_W + 1];
	const char *accent;
};

/* What a character is drawn as: lowercase as capitals, typographic marks as ASCII. */
static wchar_t fold(wchar_t c)
{
	if (c >= L'a' && c <= L'z')
		return c - 0x20;
	if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
		return c - 0x20;
	switch (c) {
	case 0x2018: case 0x2019: return L'\'';
	case 0x201C: case 0x201D: return L'"';
	case 0x2010: case 0x2011: case 0x2013: case 0x2014: return L'-';
	default: return c;
	}
}

static bool find_glyph(wchar_t c, struct glyph *g)
{
	if (c == 0xFF) { /* ÿ: Latin-1 has no capital of it */
		find_glyph(L'Y', g);
		g->accent = accent_rows[DIAERESIS];
		return true;
	}
	c = fold(c);
	g->accent = accent_rows[NO_ACCENT];
	if (c >= L' ' && c <= L'`') {
		g->rows = ascii[c - L' '];
		return true;
	}
	if (c >= L'{' && c <= L'~') {
		g->rows = ascii_tail[c - L'{'];
		return true;
	}
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (own[i].c == c) {
			g->rows = own[i].rows;
			return true;
		}
	if (c >= 0xC0 && c <= 0xDF && latin1[c - 0xC0].base) {
		g->rows = ascii[latin1[c - 0xC0].base - ' '];
		g->accent = accent_rows[latin1[c - 0xC0].accent];
		return true;
	}
	return false;
}

bool bigtext_has(wchar_t c)
{
	struct glyph g;
	return c == L'\n' || find_glyph(c, &g);
}

bool bigtext_supports(const wchar_t *text, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!bigtext_has(text[i]))
			return false;
	return true;
}

int bigtext_line_width(size_t chars, int scale)
{
	return chars ? ((int)chars * BIGTEXT_ADVANCE - 1) * scale : 0;
}

int bigtext_per_line(int cols, int scale)
{
	if (scale < 1 || cols < BIGTEXT_GLYPH_W * scale)
		return 0;
	return (cols + scale) / (BIGTEXT_ADVANCE * scale);
}

size_t bigtext_wrap(const wchar_t *text, size_t n, int cols, int scale, size_t *next)
{
	return tw_wrap(text, n, bigtext_per_line(cols, scale), next);
}

int bigtext_lines(const wchar_t *text, size_t n, int cols, int scale)
{
	int per_line = bigtext_per_line(cols, scale);
	if (per_line < 1 || !bigtext_supports(text, n))
		return 0;
	int word = 0;
	for (size_t i = 0; i < n; i++) {
		word = text[i] == L' ' || text[i] == L'\n' ? 0 : word + 1;
		if (word > per_line)
			return 0;
	}
	return tw_wrap_count(text, n, per_line);
}

int bigtext_height(int lines, int scale)
{
	return lines * BIGTEXT_ROWS * scale;
}

size_t bigtext_row(const wchar_t *text, size_t n, int scale, int row, wchar_t *out)
{
	size_t len = (size_t)bigtext_line_width(n, scale);
	int cell_row = scale > 0 ? row / scale : 0;
	for (size_t i = 0; i < len; i++)
		out[i] = L' ';
	out[len] = 0;
	for (size_t k = 0; k < n; k++) {
		struct glyph g;
		if (!find_glyph(text[k], &g) || cell_row < 0 || cell_row >= BIGTEXT_ROWS)
			continue;
		const char *cells = cell_row == 0 ? g.accent : g.rows[cell_row - 1];
		for (int x = 0; x < BIGTEXT_GLYPH_W; x++)
			if (cells[x] == '#')
				for (int s = 0; s < scale; s++)
					out[(k * BIGTEXT_ADVANCE + (size_t)x) * (size_t)scale + (size_t)s] = BIGTEXT_INK;
	}
	return len;
}
