/* batch: feeds a session from lines of text, as `klankbord run|resume --batch FILE`.
 *
 * Each line goes through session_apply_line(), exactly as the console's capture line.
 * Prints "ok SEQ" on out (flushed) once the line's entry is committed, or
 * "error LINE: message" on err; blank lines are skipped; /quit stops reading. A refused
 * line never stops the run; a store failure does (nothing acknowledged is lost). After
 * each acknowledgement, while the input pauses (more than BATCH_PAUSE_MS, batch.c), search
 * and reports are derived in small steps, checking for the next line between steps; when
 * it never pauses, whole every SESSION_SETTLE_EVERY lines (session_settle_step()); at the
 * end whole (session_settle()). Each line's number is kept with its event; with skip_stored, the
 * lines up to the highest number this console already stored in the session are skipped
 * (said on err), so that input sent again after a kill is stored exactly once. */
#ifndef KLANKBORD_CLI_BATCH_H
#define KLANKBORD_CLI_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "sessions/session.h"

/* Returns 0 when every line was accepted, EX_DATAERR when some were refused, or the
 * store's sysexits code when it failed. */
int batch_run(struct session *session, FILE *in, bool skip_stored, FILE *out, FILE *err);

#endif
