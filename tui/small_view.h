/* small_view: shown instead of the panels when the terminal is below 80x24 (the status
 * and capture line stay below it from 20x6: tui/console.c). */
#ifndef KLANKBORD_SMALL_VIEW_H
#define KLANKBORD_SMALL_VIEW_H

#include "tui/view.h"

extern const struct view_ops small_view_ops;

#endif
