/* help_view: the help screen, generated from the action table (keys and what they do),
 * the capture commands' usage and the contribution kinds. */
#ifndef KLANKBORD_HELP_VIEW_H
#define KLANKBORD_HELP_VIEW_H

#include "tui/view.h"

extern const struct view_ops help_view_ops;

/* Closes help (and the recommendations list) for text typed or pasted while it is open,
 * the capture line focused: the ? that opened it on an empty line is put back first, as
 * the start of that text ("?who decides"). */
void help_view_close_for_text(struct view_state *state);

#endif
