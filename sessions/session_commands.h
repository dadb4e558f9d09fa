/* session_commands: the handlers of capture lines that record what was said and move
 * through the agenda: contributions, /edit, /retract, /undo, /recommend, /participant,
 * /next, /prev, /item, /extend and /end. Each checks the line against the model, builds
 * its event and writes it through session_line.h, inside the transaction session.c
 * opened; a refusal writes nothing. Never prints, never exits. */
#ifndef KLANKBORD_SESSION_COMMANDS_H
#define KLANKBORD_SESSION_COMMANDS_H

#include "sessions/capture.h"
#include "sessions/session_line.h"

int command_contribution(struct line_ctx *x, const struct capture_line *cl);
int command_edit(struct line_ctx *x, const struct capture_line *cl);
int command_move_entry(struct line_ctx *x, const struct capture_line *cl);
int command_retract(struct line_ctx *x, const struct capture_line *cl);
/* Writes the retraction of contribution index; undoes > 0 when /undo takes back that
 * event (session_undo.c). */
int line_retract(struct line_ctx *x, int index, int64_t undoes);
/* /undo: session_undo.c. */
int command_undo(struct line_ctx *x);
int command_recommend(struct line_ctx *x, const struct capture_line *cl);
int command_participant(struct line_ctx *x, const struct capture_line *cl);
/* /consent ID quotes yes|no: a consent event; the participants row follows. */
int command_consent(struct line_ctx *x, const struct capture_line *cl);
/* /next, /prev and /item ID */
int command_move(struct line_ctx *x, const struct capture_line *cl);
int command_extend(struct line_ctx *x, const struct capture_line *cl);
int command_end(struct line_ctx *x);

#endif
