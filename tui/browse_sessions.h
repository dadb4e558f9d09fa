/* browse_sessions: level 1 of the history browser: the sessions, newest first, a page at a time.
 * See browse_sessions.c's opening comment; the state is tui/browse_view.h's. */
#ifndef KLANKBORD_BROWSE_SESSIONS_H
#define KLANKBORD_BROWSE_SESSIONS_H

#include "tui/browse_view.h"

int browse_sessions_load(struct browse *b, char *err, size_t errlen);
void browse_sessions_draw(const struct browse *b, struct view_rect r);
bool browse_sessions_handle(struct browse *b, enum browse_action action);
void browse_sessions_free(struct browse *b);

#endif
