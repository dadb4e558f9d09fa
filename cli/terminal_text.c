/* terminal_text: see terminal_text.h. */
#include "cli/terminal_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/textscan.h"

char *text_for_terminal(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len * 8 + 1); /* the longest form, <U+XXXX>, is 8 bytes for 2 */
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t n = textscan_decode(text + i, len - i, &c);
		if (n == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3); /* U+FFFD */
			o += 3;
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			out[o++] = '^';
			out[o++] = (char)(c == 0x7f ? '?' : c + '@');
			i += n;
		} else if (c >= 0x80 && c <= 0x9f) {
			o += (size_t)sprintf(out + o, "<U+%04X>", c);
			i += n;
		} else {
			memcpy(out + o, text + i, n);
			o += n;
			i += n;
		}
	}
	out[o] = '\0';
	return out;
}
