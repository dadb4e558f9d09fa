/* qda_guid: see qda_guid.h. */
#include "out/qda_guid.h"

#include <stdarg.h>
#include <stdio.h>

void qda_guid(char out[QDA_GUID_LEN + 1], const char *format, ...)
{
	unsigned char ns[16];
	char path[1024];
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(path, sizeof path, format, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof path)
		n = (int)sizeof path - 1;
	uuid_parse(QDA_GUID_NAMESPACE, ns);
	uuid_v5(ns, path, (size_t)n, out);
}
