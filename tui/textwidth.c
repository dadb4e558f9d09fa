/* textwidth: see textwidth.h. */
#include "tui/textwidth.h"

#include "config/textsafe.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/textscan.h"

enum { TW_REPLACEMENT = 0xFFFD };

/* Printable ASCII is visible as itself and one column wide in every locale: most text
 * is, and it skips wcwidth(), the largest single cost of drawing a screen. */
static bool printable_ascii(wchar_t c)
{
	return c >= 0x20 && c < 0x7f;
}

wchar_t tw_visible(wchar_t c)
{
	if (printable_ascii(c) || c == L'\n')
		return c;
	if (c < 0 || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return TW_REPLACEMENT;
	/* the one rule for what may reach a terminal (config/textsafe.h) */
	wchar_t shown = (wchar_t)textsafe_visible((unsigned)c);
	if (shown == c && wcwidth(c) < 0)
		return TW_REPLACEMENT;
	return shown;
}

/* Decodes one UTF-8 sequence at s (n bytes left); returns bytes used, *c the character. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *c)
{
	static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t need;
	uint32_t v;
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) { need = 2; v = s[0] & 0x1f; }
	else if ((s[0] & 0xf0) == 0xe0) { need = 3; v = s[0] & 0x0f; }
	else if ((s[0] & 0xf8) == 0xf0) { need = 4; v = s[0] & 0x07; }
	else { *c = TW_REPLACEMENT; return 1; }
	for (size_t i = 1; i < need; i++) {
		if (i >= n || (s[i] & 0xc0) != 0x80) {
			*c = TW_REPLACEMENT;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	*c = v < min_for_len[need] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ? TW_REPLACEMENT : v;
	return need;
}

wchar_t tw_first_char(const char *text, size_t len, size_t *used)
{
	uint32_t c;
	*used = utf8_decode((const unsigned char *)text, len, &c);
	return tw_visible((wchar_t)c);
}

wchar_t *tw_from_utf8(const char *text, size_t len, size_t *out_len)
{
	wchar_t *out = malloc((len + 1) * sizeof *out);
	size_t n = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_decode((const unsigned char *)text + i, len - i, &c);
		out[n++] = tw_visible((wchar_t)c);
	}
	out[n] = 0;
	if (out_len)
		*out_len = n;
	return out;
}

char *tw_to_utf8(const wchar_t *text, size_t n, size_t *out_len)
{
	char *out = malloc(n * 4 + 1);
	size_t len = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = (uint32_t)text[i];
		if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			c = TW_REPLACEMENT;
		len += textscan_encode((unsigned)c, out + len);
	}
	out[len] = 0;
	if (out_len)
		*out_len = len;
	return out;
}

int tw_char_width(wchar_t c)
{
	if (printable_ascii(c))
		return 1;
	int w = wcwidth(c);
	if (w > 0)
		return w;
	/* no width of its own: a control or format character that tw_visible() shows as a
	 * mark takes the mark's column (so that a cursor after it is where it is drawn) */
	return w < 0 || tw_visible(c) != c ? 1 : 0;
}

int tw_width(const wchar_t *text, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += tw_char_width(text[i]);
	return w;
}

size_t tw_cut(const wchar_t *text, size_t n, int cols, int *used)
{
	int w = 0;
	size_t i = 0;
	while (i < n && text[i] != L'\n') {
		int cw = tw_char_width(text[i]);
		if (w + cw > cols)
			break;
		w += cw;
		i++;
	}
	if (used)
		*used = w;
	return i;
}

size_t tw_skip(const wchar_t *text, size_t n, int cols)
{
	int w = 0;
	size_t i = 0;
	while (i < n && w < cols)
		w += tw_char_width(text[i++]);
	while (i < n && tw_char_width(text[i]) == 0)
		i++;
	return i;
}

size_t tw_wrap(const wchar_t *text, size_t n, int cols, size_t *next)
{
	size_t fit = tw_cut(text, n, cols < 1 ? 1 : cols, NULL);
	size_t end = fit;
	if (fit == 0 && n > 0 && text[0] != L'\n')
		fit = end = 1; /* a character wider than the line still goes somewhere */
	if (fit < n && text[fit] != L'\n' && text[fit] != L' ') {
		size_t space = fit;
		while (space > 0 && text[space - 1] != L' ')
			space--;
		if (space > 0)
			end = fit = space;
	}
	while (end > 0 && text[end - 1] == L' ')
		end--;
	while (fit < n && text[fit] == L' ')
		fit++;
	if (fit < n && text[fit] == L'\n')
		fit++;
	*next = fit;
	return end;
}

int tw_wrap_count(const wchar_t *text, size_t n, int cols)
{
	int lines = 0;
	size_t pos = 0;
	do {
		size_t next;
		tw_wrap(text + pos, n - pos, cols, &next);
		pos += next;
		lines++;
	} while (pos < n);
	return lines;
}
