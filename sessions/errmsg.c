/* errmsg: see errmsg.h. */
#include "sessions/errmsg.h"

#include <stdarg.h>
#include <stdio.h>

bool errmsg_fail(char *err, size_t errlen, const char *format, ...)
{
	if (err && errlen > 0) {
		va_list args;
		va_start(args, format);
		vsnprintf(err, errlen, format, args);
		va_end(args);
	}
	return false;
}
