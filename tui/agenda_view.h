/* agenda_view: the agenda items with planned and spent time; the current item's timer
 * counts down and turns amber at 20% left, red (+mm:ss) once overrun. With focus, Up/Down
 * choose an item and Enter sends "/item ID". When the panel is tall enough for every
 * title whole (the console gives it that height on a wide screen), a title too long for
 * its row wraps onto the rows below it; otherwise each item keeps one row and a long
 * title ends with "…". */
#ifndef KLANKBORD_AGENDA_VIEW_H
#define KLANKBORD_AGENDA_VIEW_H

#include "tui/view.h"

extern const struct view_ops agenda_view_ops;

/* The rows the panel needs at width with every title whole: its title row, each item's
 * wrapped title, and the three rows of the totals under them. */
int agenda_view_rows(const struct session *session, int width);

#endif
