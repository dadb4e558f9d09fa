/* session_lead: which console leads a session, and the commands that pass the lead.
 *
 * One console leads: the one that started the session, until /handover NAME passes the
 * lead to another console that is open on the session, or /lead takes it at a console
 * while the leading one is not open any more (killed, its connection lost). Only the
 * leading console moves through the agenda, changes an item's time, opens, closes and
 * reopens votes and polls, ends the session and passes the lead (the commands that
 * capture_command_leads() names, and /undo of such a step); every console records
 * contributions, notes, ballots, counts, edits and recommendations, and follows the
 * current item. The lead belongs to a name: a leader that opens its console again under
 * its name (klankbord join --as NAME) leads again. Which consoles are open is the
 * store's to say (store_console_live()). The leader is in the model (session->leader),
 * rebuilt by replay from session.start and the console.lead events (event.h);
 * session_leads() (session_model.h) says whether this console leads.
 * Never prints, never exits. */
#ifndef KLANKBORD_SESSION_LEAD_H
#define KLANKBORD_SESSION_LEAD_H

#include <stdbool.h>

#include "sessions/capture.h"
#include "sessions/session_line.h"

/* Refuses command at a console that does not lead, saying who leads and how the lead
 * passes: "only the leading console (console) moves through the agenda; /handover
 * console-2 there passes the lead to this console", or, when the leader is not open,
 * "... and it is not open now: /lead takes the lead". Returns EX_DATAERR (or the
 * store's code when it cannot tell). */
int line_refuse_not_leading(struct line_ctx *x, enum capture_command command);

/* /handover NAME: the lead passes to console NAME, which must be open on the session
 * (a lead given to a console nobody runs would leave the evening without one). */
int command_handover(struct line_ctx *x, const struct capture_line *cl);
/* /lead: this console takes the lead, when the leading console is not open. */
int command_lead(struct line_ctx *x);

#endif
