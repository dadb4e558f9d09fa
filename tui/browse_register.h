/* browse_register: the recommendations register from the history browser, and its one write.
 * See browse_register.c's opening comment; the state is tui/browse_view.h's. */
#ifndef KLANKBORD_BROWSE_REGISTER_H
#define KLANKBORD_BROWSE_REGISTER_H

#include "tui/browse_view.h"

/* The register of a session (session NULL: of the organisation), and its one write
 * (browse_register.c). */
int browse_register_open(struct browse *b, const char *session, const char *scope, char *err, size_t errlen);
void browse_register_draw(const struct browse *b, struct view_rect r);
bool browse_register_handle(struct browse *b, enum browse_action action);
/* The status line's text "STATUS [note]" for the entry under the cursor. */
void browse_register_set(struct browse *b, const char *text);
void browse_register_free(struct browse *b);

#endif
