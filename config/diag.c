/* diag: see diag.h. */
#include "config/diag.h"

#include <stdlib.h>
#include <string.h>

void diag_list_init(struct diag_list *list)
{
	list->items = NULL;
	list->count = 0;
	list->capacity = 0;
}

void diag_list_free(struct diag_list *list)
{
	if (!list)
		return;
	free(list->items);
	diag_list_init(list);
}

/* Cuts s so that it does not end inside a UTF-8 sequence. */
static void cut_at_character(char *s)
{
	size_t n = strlen(s);
	size_t start = n;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	unsigned char lead = (unsigned char)s[start - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (start - 1) < want)
		s[start - 1] = '\0';
}

void diag_addv(struct diag_list *list, int line, int col, const char *format, va_list args)
{
	if (list->count == list->capacity) {
		int capacity = list->capacity ? list->capacity * 2 : 8;
		struct diag *items = realloc(list->items, (size_t)capacity * sizeof *items);
		if (!items)
			return; /* out of memory: the problems found so far still stand */
		list->items = items;
		list->capacity = capacity;
	}
	struct diag *d = &list->items[list->count++];
	d->line = line;
	d->col = col;
	int n = vsnprintf(d->message, sizeof d->message, format, args);
	if (n >= (int)sizeof d->message)
		cut_at_character(d->message);
}

void diag_add(struct diag_list *list, int line, int col, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	diag_addv(list, line, col, format, args);
	va_end(args);
}

static int position_cmp(const struct diag *a, const struct diag *b)
{
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void diag_sort(struct diag_list *list)
{
	/* Insertion sort: stable, and lists are short. */
	for (int i = 1; i < list->count; i++) {
		struct diag key = list->items[i];
		int j = i - 1;
		while (j >= 0 && position_cmp(&list->items[j], &key) > 0) {
			list->items[j + 1] = list->items[j];
			j--;
		}
		list->items[j + 1] = key;
	}
}

void diag_print(const struct diag_list *list, const char *file, FILE *out)
{
	int shown = list->count < DIAG_PRINT_MAX ? list->count : DIAG_PRINT_MAX;
	for (int i = 0; i < shown; i++) {
		const struct diag *d = &list->items[i];
		fprintf(out, "%s:%d:%d: %s\n", file, d->line > 0 ? d->line : 1, d->col > 0 ? d->col : 1,
			d->message);
	}
	if (list->count > shown)
		fprintf(out, "%s: %d more problems not shown\n", file, list->count - shown);
}
