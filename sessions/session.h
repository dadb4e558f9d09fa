/* session: one running (or ended) expert-pool session, as consoles and scripts see it.
 *
 * The single way to change a session: session_apply_line() takes a capture line
 * (see capture.h) exactly as typed in the console or read from --batch, checks it
 * against the session's state, commits it to the store and only then updates the
 * in-memory model (session_model.h) with the same typed event (event.h). The console's
 * keys (next item, add time, undo, edit, ballot by number) are sent as the equivalent
 * command lines, so both paths behave alike. This header is the whole API: it includes
 * the model, the clock and the vote count.
 *
 * The model is read-only for callers: the console draws from it, export reads it.
 * session_refresh() folds in what other consoles committed meanwhile.
 * Owns everything it points to; session_free(NULL) is safe. Never includes curses.
 * Times are Unix milliseconds from the session's clock, so tests can control time. */
#ifndef KLANKBORD_SESSION_H
#define KLANKBORD_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "config/agenda.h"
#include "sessions/capture.h"
#include "sessions/session_clock.h"
#include "sessions/session_model.h"
#include "sessions/session_tally.h"
#include "storage/store.h"

/* What applying one line did. */
struct session_result {
	int64_t seq;                  /* the committed event's seq; 0 when nothing was written */
	bool quit;                    /* /quit: stop this console, the session stays open */
	char message[SESSION_MESSAGE_MAX]; /* on refusal: why; on success: a short confirmation */
};

/* Starts a new session from a loaded agenda; source/len is the YAML text to keep. */
int session_start(struct store *store, const struct agenda *agenda, const char *source, size_t len,
	const char *console, struct session_clock clock, struct session **out, char *err, size_t errlen);
/* Reopens a session: id_prefix is a unique prefix of its id, or NULL for the most recently
 * started open session. Rebuilds the model, timers included, from the store. Returns
 * EX_NOINPUT when nothing matches, EX_USAGE when the prefix is ambiguous, EX_DATAERR when
 * the session has ended and open_only is set. */
int session_load(struct store *store, const char *id_prefix, bool open_only, const char *console,
	struct session_clock clock, struct session **out, char *err, size_t errlen);
void session_free(struct session *session);

/* Makes this process the live console session->console of the session (store.h,
 * "consoles": a lock the kernel drops when the process ends, however it ends), so that a
 * second console of the same name is refused while this one runs. fresh_name (klankbord
 * join without --as): the name becomes the first console-N (N from 2) the session never
 * had. Returns EX_TEMPFAIL with a message when a live console has the name. Fills
 * session->consoles. Call it outside a line, before the first. */
int session_claim(struct session *session, bool fresh_name, char *err, size_t errlen);

/* Applies one capture line. Returns 0 when it was committed (or was blank), EX_DATAERR when
 * it was refused (result->message says why; nothing was written), or EX_IOERR / EX_TEMPFAIL
 * when the store failed (message says what to do; nothing was lost). */
int session_apply_line(struct session *session, const char *line, size_t len, struct session_result *result);

/* session_apply_line() for line input_line (from 1) of a --batch input: the number is
 * kept with the event, and session_last_input_line() gives back the highest this console
 * stored in the session, so that a script killed between a commit and its "ok" can send
 * its input again and skip what is stored (--skip-stored). */
int session_apply_input_line(struct session *session, const char *line, size_t len, int64_t input_line,
	struct session_result *result);
int session_last_input_line(struct session *session, int64_t *line, char *err, size_t errlen);

/* Every line is synced to the disk before session_apply_line() returns (it survives a
 * power loss from then on), but with unsynced moves on, an item move (/next, /prev, /item,
 * F3/F2) is not: it survives the process however it ends, yet a power loss may take it back
 * until the next line (whose sync syncs the move with it, in order) or session_sync(). The
 * console turns it on so that a facilitator's key does not wait for the disk, and syncs once
 * keys pause; --batch leaves it off, its "ok" meaning synced. session_sync() does nothing
 * when nothing waits (store_sync()). */
void session_set_unsynced_moves(struct session *session, bool unsynced);
int session_sync(struct session *session, char *err, size_t errlen);

/* A line writes only its event; the tables that search and reports read are derived
 * afterwards, many events at a time (store_project()). session_settle() does that when
 * at least min_events events were committed here since it last did. Callers call it with
 * SESSION_SETTLE_EVERY after each line, with 1 when input is idle and before they stop.
 * Returns 0 or a sysexits code with a message; a failure loses nothing: the events are
 * kept, and the next settle, or the next open of the database, derives what is missing. */
/* Settling also checkpoints the write-ahead log into the database file: a settle with
 * min_events 1 (input pauses, or stops) always, one of a stream once
 * SESSION_CHECKPOINT_EVERY events were committed here since the last checkpoint (every
 * other one: a line then waits for 128 events derived and a checkpoint, never 256 of
 * each; one line in 128 waits at all). Until then a line lives only in the -wal, which a
 * copy of the main file alone (the commonest backup) leaves behind; so a session also
 * settles and checkpoints early, whatever min_events says: after its first line here,
 * and after the first line once SESSION_SETTLE_EARLY_MS have passed since it was started
 * or loaded. Two checkpoints more per run, never more, on the acknowledgement path.
 * The checkpoint runs before the settle derives: the lines are then in the database file
 * and what was derived of them follows at the next checkpoint (an open derives it again
 * if it is missing). */
enum { SESSION_SETTLE_EVERY = 128, SESSION_CHECKPOINT_EVERY = 256, SESSION_SETTLE_EARLY = 2,
	SESSION_SETTLE_EARLY_MS = 3000 };
int session_settle(struct session *session, int min_events, char *err, size_t errlen);

/* session_settle() in small steps, for a writer that can settle between lines while its
 * input pauses (--batch): each call derives at most SESSION_SETTLE_STEP events in one
 * short transaction whose commit is not synced (store_project_step()), so a line that
 * arrives meanwhile waits for one step at most. With input_waiting it is session_settle()
 * with SESSION_SETTLE_EVERY: a stream of lines that never pauses is settled whole every
 * so many lines, as before. An early settle that is due (above) runs whole too. The
 * checkpoint follows a step that derived the last waiting event, once
 * SESSION_CHECKPOINT_EVERY lines were committed since the last one. *more tells whether
 * another step has work. Returns as session_settle() does. */
enum { SESSION_SETTLE_STEP = 32 };
int session_settle_step(struct session *session, bool input_waiting, bool *more, char *err, size_t errlen);

/* Folds in events other consoles committed since last_seq, and (after session_claim())
 * the consoles that joined. *changed tells whether any did. Cheap when nothing changed
 * (PRAGMA data_version). */
int session_refresh(struct session *session, bool *changed, char *err, size_t errlen);

/* Reading the log back (export, audit): store_events_open(session->store, session->id,
 * 0, ...) from store.h iterates every event of the session in seq order, and
 * event_decode() (event.h, where the format is documented) reads each one. */

#endif
