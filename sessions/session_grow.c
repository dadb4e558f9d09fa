/* session_grow: see session_grow.h. */
#include "sessions/session_grow.h"

#include <stdlib.h>
#include <string.h>

void *session_grow(void *array, int n, size_t size)
{
	if (n >= 4 && (n & (n - 1)) != 0)
		return array;
	return realloc(array, (n < 4 ? 4 : (size_t)n * 2) * size);
}

char *session_strdup(const char *text)
{
	return text ? strdup(text) : NULL;
}

void session_copy(char *field, size_t size, const char *text)
{
	if (size == 0)
		return;
	size_t n = text ? strnlen(text, size - 1) : 0;
	memcpy(field, text ? text : "", n);
	field[n] = '\0';
}
