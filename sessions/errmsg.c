/* errmsg: see errmsg.h. */
#include "sessions/errmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool errmsg_fail(char *err, size_t errlen, const char *format, ...)
{
	if (err && errlen > 0) {
		va_list args;
		va_start(args, format);
		int written = vsnprintf(err, errlen, format, args);
		va_end(args);
		errmsg_fit(err, errlen, written);
	}
	return false;
}

static const char ellipsis[] = "\xe2\x80\xa6"; /* … */

void errmsg_fit(char *buf, size_t size, int written)
{
	if (!buf || size == 0 || written < 0 || (size_t)written < size)
		return;
	size_t end = size - 1;                     /* vsnprintf kept size - 1 bytes */
	size_t room = sizeof ellipsis - 1;
	end = end > room ? end - room : 0;
	while (end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80)
		end--;                                 /* buf[end] is now a lead byte: cut before it */
	if (end + room < size) {
		memcpy(buf + end, ellipsis, room);
		buf[end + room] = '\0';
	} else {
		buf[end] = '\0';
	}
}

const char *errmsg_cut(const char *text, int max_chars, char *buf, size_t size)
{
	if (!buf || size == 0)
		return "";
	buf[0] = '\0';
	if (!text)
		return buf;
	size_t room = sizeof ellipsis - 1;
	size_t i = 0, chars = 0, cut = 0;
	while (text[i]) {
		size_t n = 1;
		while (((unsigned char)text[i + n] & 0xC0) == 0x80)
			n++;
		if ((int)chars == max_chars || i + n + 1 > size) {
			/* too long: keep what fits with the ellipsis */
			size_t keep = cut;
			while (keep > 0 && keep + room + 1 > size)
				keep--;
			while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
				keep--;
			memcpy(buf, text, keep);
			if (keep + room + 1 <= size) {
				memcpy(buf + keep, ellipsis, room);
				keep += room;
			}
			buf[keep] = '\0';
			return buf;
		}
		i += n;
		chars++;
		if ((int)chars < max_chars)
			cut = i;
	}
	memcpy(buf, text, i + 1);
	return buf;
}
