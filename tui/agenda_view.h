/* agenda_view: the agenda items with planned and spent time; the current item's timer
 * counts down and turns amber at 20% left, red (+mm:ss) once overrun. With focus, Up/Down
 * choose an item and Enter sends "/item ID". */
#ifndef KLANKBORD_AGENDA_VIEW_H
#define KLANKBORD_AGENDA_VIEW_H

#include "tui/view.h"

extern const struct view_ops agenda_view_ops;

#endif
