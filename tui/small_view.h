/* small_view: shown instead of everything when the terminal is below 80x24. */
#ifndef KLANKBORD_SMALL_VIEW_H
#define KLANKBORD_SMALL_VIEW_H

#include "tui/view.h"

extern const struct view_ops small_view_ops;

#endif
