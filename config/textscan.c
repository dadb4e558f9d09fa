/* textscan: see textscan.h. */
#include "config/textscan.h"

#include <stdio.h>

size_t textscan_decode(const char *text, size_t len, unsigned *code_point)
{
	const unsigned char *s = (const unsigned char *)text;
	if (len == 0)
		return 0;
	unsigned c = s[0];
	size_t need;
	unsigned min;
	if (c < 0x80) {
		*code_point = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		need = 2, min = 0x80, c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3, min = 0x800, c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (len < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*code_point = c;
	return need;
}

size_t textscan_encode(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

size_t textscan_bom_length(const char *text, size_t len)
{
	return len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
			(unsigned char)text[2] == 0xBF ? 3 : 0;
}

static bool forbidden(unsigned c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return false;
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

bool textscan_check(const char *text, size_t len, size_t *offset, char *problem, size_t problem_size)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)text[i];
		if ((b >= 0x20 && b < 0x7F) || b == '\n') { /* most of an agenda: printable ASCII */
			i++;
			continue;
		}
		unsigned c;
		size_t n = textscan_decode(text + i, len - i, &c);
		if (n == 0) {
			*offset = i;
			snprintf(problem, problem_size, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
				(unsigned char)text[i]);
			return false;
		}
		if (forbidden(c)) {
			*offset = i;
			snprintf(problem, problem_size, "control character U+%04X not allowed", c);
			return false;
		}
		i += n;
	}
	return true;
}

struct text_position textscan_position(const char *text, size_t len, size_t offset)
{
	struct text_position p = { 1, 1 };
	if (offset > len)
		offset = len;
	size_t i = 0;
	while (i < offset) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < len && text[i + 1] == '\n') {
				if (i + 1 == offset) /* inside CR LF: still on this line */
					break;
				i++;
			}
			p.line++;
			p.col = 1;
			i++;
			continue;
		}
		if ((c & 0xC0) != 0x80)
			p.col++;
		i++;
	}
	/* the loop counted the character at offset's lead byte only if offset passed it */
	return p;
}
