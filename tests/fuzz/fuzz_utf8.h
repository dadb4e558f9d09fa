/* fuzz_utf8: what the harnesses ask of a text they were given or made: is it valid UTF-8
 * (config/textscan.h decodes it)? One definition for every harness. */
#ifndef KLANKBORD_FUZZ_UTF8_H
#define KLANKBORD_FUZZ_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "config/textscan.h"

static inline bool fuzz_valid_utf8(const char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t n = textscan_decode(text + i, len - i, &c);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

#endif
