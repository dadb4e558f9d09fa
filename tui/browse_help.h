/* browse_help: the history browser's help screen, generated from its action table.
 * See browse_help.c's opening comment; the state is tui/browse_view.h's. */
#ifndef KLANKBORD_BROWSE_HELP_H
#define KLANKBORD_BROWSE_HELP_H

#include "tui/browse_view.h"

/* The help screen, generated from the action table (browse_help.c). */
void browse_help_draw(const struct browse *b, struct view_rect r);
bool browse_help_handle(struct browse *b, enum browse_action action);

#endif
