/* help_view: the help screen, generated from the action table (keys and what they do),
 * the capture commands' usage and the contribution kinds. */
#ifndef KLANKBORD_HELP_VIEW_H
#define KLANKBORD_HELP_VIEW_H

#include "tui/view.h"

extern const struct view_ops help_view_ops;

#endif
