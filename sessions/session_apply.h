/* session_apply: the one way the model changes. Applies a typed event (event.h) to the
 * model, whether it was just committed by this console, is replayed from the store when
 * a session is loaded, or was committed by another console meanwhile; so a reloaded model
 * is the live one by construction.
 *
 * An event this model cannot place (an unknown item or participant, a reference to a
 * contribution it does not have) is skipped rather than losing the session; an event of
 * a type this build does not know is skipped too (the store refuses newer schemas, so
 * such a type can only be an addition this model does not show). Never writes to the
 * store, never prints, never exits. */
#ifndef KLANKBORD_SESSION_APPLY_H
#define KLANKBORD_SESSION_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "sessions/event.h"
#include "sessions/session_model.h"

/* Applies one event (its envelope included: seq, at_ms, console). Returns 0, or EX_OSERR
 * with a message when out of memory. */
int session_apply_event(struct session *session, const struct event *event, char *err, size_t errlen);

/* Reads the session's events after session->last_seq from the store and applies them.
 * *changed (may be NULL) tells whether any were. Returns 0 or a sysexits code: the
 * store's, or EX_DATAERR naming the event whose payload is damaged. */
int session_replay(struct session *session, bool *changed, char *err, size_t errlen);

#endif
