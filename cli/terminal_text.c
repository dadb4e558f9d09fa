/* terminal_text: see terminal_text.h. */
#include "cli/terminal_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/textsafe.h"
#include "config/textscan.h"

char *text_for_terminal(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len * 3 + 1); /* a mark is at most 3 bytes for each byte */
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		unsigned c;
		bool valid;
		size_t n = textsafe_next(text + i, len - i, &c, &valid);
		unsigned shown = textsafe_visible(c);
		if (valid && shown == c) {
			memcpy(out + o, text + i, n);
			o += n;
		} else {
			o += textscan_encode(shown, out + o);
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

bool output_is_terminal(FILE *out)
{
	int fd = fileno(out);
	return isatty(fd >= 0 ? fd : STDOUT_FILENO) == 1;
}
