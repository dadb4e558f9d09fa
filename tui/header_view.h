/* header_view: the top row: session title, organisation, wall clock, time since start;
 * once a second console joined the session, this console's name and the leading one's. */
#ifndef KLANKBORD_HEADER_VIEW_H
#define KLANKBORD_HEADER_VIEW_H

#include "tui/view.h"

extern const struct view_ops header_view_ops;

#endif
