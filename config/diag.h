/* diag: the problems found in one input file, each at a 1-based line and column.
 *
 * Owns its messages. Collects every problem, sorts them by position and prints
 * at most DIAG_PRINT_MAX as "FILE:LINE:COL: message", then a count of the rest.
 * Never prints on its own and never exits: the caller decides where output goes. */
#ifndef KLANKBORD_DIAG_H
#define KLANKBORD_DIAG_H

#include <stdarg.h>
#include <stdio.h>

enum { DIAG_PRINT_MAX = 20, DIAG_MESSAGE_MAX = 300 };

struct diag {
	int line;   /* 1-based; 0 when the problem has no position (then printed as 1:1) */
	int col;    /* 1-based, counted in characters (code points), as libyaml counts */
	char message[DIAG_MESSAGE_MAX];
};

struct diag_list {
	struct diag *items;
	int count;
	int capacity;
};

void diag_list_init(struct diag_list *list);
void diag_list_free(struct diag_list *list);
/* Adds a problem; a message longer than DIAG_MESSAGE_MAX is cut at a character boundary. */
void diag_add(struct diag_list *list, int line, int col, const char *format, ...)
	__attribute__((format(printf, 4, 5)));
void diag_addv(struct diag_list *list, int line, int col, const char *format, va_list args);
/* Sorts by line, then column; problems at the same place keep the order they were added in. */
void diag_sort(struct diag_list *list);
/* Prints the first DIAG_PRINT_MAX problems as "FILE:LINE:COL: message" lines, then
 * "FILE: N more problems not shown" when there were more. */
void diag_print(const struct diag_list *list, const char *file, FILE *out);

#endif
