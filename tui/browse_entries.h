/* browse_entries: level 3 of the history browser: an item's contributions a page at a time, and its votes.
 * See browse_entries.c's opening comment; the state is tui/browse_view.h's. */
#ifndef KLANKBORD_BROWSE_ENTRIES_H
#define KLANKBORD_BROWSE_ENTRIES_H

#include "tui/browse_view.h"

int browse_entries_open(struct browse *b, int item, char *err, size_t errlen);
int browse_entries_load(struct browse *b, char *err, size_t errlen);
void browse_entries_draw(const struct browse *b, struct view_rect r);
bool browse_entries_handle(struct browse *b, enum browse_action action);
void browse_entries_free(struct browse *b);

#endif
