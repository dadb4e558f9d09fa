/* browse_search: the history browser's search hits (the engine of klankbord search).
 * See browse_search.c's opening comment; the state is tui/browse_view.h's. */
#ifndef KLANKBORD_BROWSE_SEARCH_H
#define KLANKBORD_BROWSE_SEARCH_H

#include "tui/browse_view.h"

int browse_search_run(struct browse *b, char *err, size_t errlen);
void browse_search_draw(const struct browse *b, struct view_rect r);
bool browse_search_handle(struct browse *b, enum browse_action action);
void browse_search_free(struct browse *b);

#endif
