/* unsaved: see unsaved.h. */
#include "tui/unsaved.h"

#include <stdlib.h>
#include <string.h>

bool unsaved_push(struct unsaved *u, const char *line)
{
	if (u->n == u->cap) {
		int cap = u->cap ? u->cap * 2 : 8;
		char **lines = realloc(u->lines, (size_t)cap * sizeof *lines);
		if (!lines)
			return false;
		u->lines = lines;
		u->cap = cap;
	}
	char *copy = strdup(line);
	if (!copy)
		return false;
	u->lines[u->n++] = copy;
	return true;
}

const char *unsaved_head(const struct unsaved *u)
{
	return u->n > 0 ? u->lines[0] : NULL;
}

void unsaved_pop(struct unsaved *u)
{
	if (u->n == 0)
		return;
	free(u->lines[0]);
	memmove(u->lines, u->lines + 1, (size_t)(u->n - 1) * sizeof *u->lines);
	u->n--;
}

void unsaved_free(struct unsaved *u)
{
	for (int i = 0; i < u->n; i++)
		free(u->lines[i]);
	free(u->lines);
	*u = (struct unsaved){0};
}
