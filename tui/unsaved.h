/* unsaved: the lines a console could not save yet, because the database could not be
 * written (the disk full, another program holding it past the wait, an I/O error), kept
 * in the order they were entered so that the console saves them in that order once it
 * can (docs/console.md, "When the database cannot be written"). Only what the room said
 * waits here (contributions, notes, ballots), never a command. The list is in memory
 * only: the console asks before it leaves with lines here, and prints them when it ends.
 * Owns the strings it holds. */
#ifndef KLANKBORD_UNSAVED_H
#define KLANKBORD_UNSAVED_H

#include <stdbool.h>

struct unsaved {
	char **lines; /* lines[0] is the oldest */
	int n, cap;
};

/* Adds a copy of line after the others; false when out of memory (nothing added). */
bool unsaved_push(struct unsaved *u, const char *line);
/* The oldest line, or NULL when there is none. */
const char *unsaved_head(const struct unsaved *u);
/* Drops the oldest line. */
void unsaved_pop(struct unsaved *u);
void unsaved_free(struct unsaved *u);

#endif
