/* people_view: the participants, each with contributions and time since they last spoke;
 * experts who have not spoken on the current item are marked with a bullet so the
 * facilitator can invite them; during a vote a check mark shows who has voted. With focus,
 * Up/Down choose, Enter puts "ID: " on the capture line, a digit during an open vote
 * sends the ballot "ID: N". */
#ifndef KLANKBORD_PEOPLE_VIEW_H
#define KLANKBORD_PEOPLE_VIEW_H

#include "tui/view.h"

extern const struct view_ops people_view_ops;

#endif
