/* browse_items: level 2 of the history browser: a session's agenda items.
 * See browse_items.c's opening comment; the state is tui/browse_view.h's. */
#ifndef KLANKBORD_BROWSE_ITEMS_H
#define KLANKBORD_BROWSE_ITEMS_H

#include "tui/browse_view.h"

int browse_items_open(struct browse *b, const struct store_browse_session *s, char *err, size_t errlen);
int browse_items_open_id(struct browse *b, const char *session, char *err, size_t errlen);
void browse_items_draw(const struct browse *b, struct view_rect r);
bool browse_items_handle(struct browse *b, enum browse_action action);
void browse_items_free(struct browse *b);

#endif
