/* log_view: the current item: title, timer, prompts, facilitator notes, and its
 * contributions as a log, newest at the bottom, wrapped by display width. Retracted
 * entries stay visible, dim and marked "retracted", so an undo is visible. With focus,
 * Up/Down select an entry, Enter/F5 loads "/edit SEQ TEXT" into the capture line and
 * Delete sends "/retract SEQ". */
#ifndef KLANKBORD_LOG_VIEW_H
#define KLANKBORD_LOG_VIEW_H

#include "tui/view.h"

extern const struct view_ops log_view_ops;

#endif
