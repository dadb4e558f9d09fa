/* prompt_view: the two bottom rows: a status line (last message, or the keys that matter
 * now, generated from the action table) and the capture line editor with Tab completion. */
#ifndef KLANKBORD_PROMPT_VIEW_H
#define KLANKBORD_PROMPT_VIEW_H

#include "tui/view.h"

extern const struct view_ops prompt_view_ops;
/* Where the terminal cursor belongs: on the capture line at the edit position. */
void prompt_view_cursor(const struct view *view, const struct view_state *state, int *y, int *x);

#endif
