/* textsafe: see textsafe.h. */
#include "config/textsafe.h"

#include "config/textscan.h"

bool textsafe_unsafe(unsigned c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return true;
	if (c < 0x200b)
		return false;
	return c == 0x200b || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064)
		|| (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

unsigned textsafe_visible(unsigned c)
{
	if (!textsafe_unsafe(c))
		return c;
	if (c < 0x20)
		return 0x2400 + c;
	if (c == 0x7f)
		return 0x2421;
	return TEXTSAFE_REPLACEMENT;
}

size_t textsafe_next(const char *text, size_t len, unsigned *code_point, bool *valid)
{
	size_t n = textscan_decode(text, len, code_point);
	*valid = n > 0;
	if (n == 0) {
		*code_point = TEXTSAFE_REPLACEMENT;
		return 1;
	}
	return n;
}
