/* session_line: see session_line.h. */
#include "sessions/session_line.h"

#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "sessions/json.h"
#include "sessions/uuid.h"

int line_refuse(struct line_ctx *x, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int written = vsnprintf(x->result->message, sizeof x->result->message, format, args);
	va_end(args);
	errmsg_fit(x->result->message, sizeof x->result->message, written);
	return EX_DATAERR;
}

int line_say(struct line_ctx *x, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int written = vsnprintf(x->result->message, sizeof x->result->message, format, args);
	va_end(args);
	errmsg_fit(x->result->message, sizeof x->result->message, written);
	return 0;
}

int line_emit(struct line_ctx *x)
{
	struct json_buf payload = { 0 };
	event_encode(&x->event, &event_keep_everything, &payload);
	int rc;
	if (payload.failed || !payload.data) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		rc = EX_OSERR;
	} else {
		rc = store_append_input_event(x->s->store, x->s->id, x->now, x->s->console, event_type_name(x->event.type),
			payload.data, x->input_line, &x->seq, LINE_MSG(x));
	}
	json_buf_free(&payload);
	return rc;
}

int line_new_uuid(struct line_ctx *x, char out[EVENT_UUID_LEN + 1])
{
	if (uuid_v4(out))
		return 0;
	errmsg_fail(LINE_MSG(x), "cannot make an id: the system gave no random bytes");
	return EX_OSERR;
}

const char *line_item_id(const struct session *s, int item)
{
	return s->items[item].def->id;
}

const char *line_speaker(const struct session *s, int participant)
{
	return participant >= 0 ? s->participants[participant].id : "note";
}

const char *line_who(const struct session *s, int participant)
{
	return participant >= 0 ? s->participants[participant].id : "the note-taker";
}

int line_write_item_times(struct line_ctx *x, int item)
{
	struct session *s = x->s;
	return store_update_item(s->store, s->id, line_item_id(s, item), s->items[item].planned_seconds,
		(int)(session_item_elapsed_ms(s, item, x->now) / 1000), LINE_MSG(x));
}

int line_unknown_participant(struct line_ctx *x, const char *id)
{
	return line_refuse(x, "unknown participant %s (add with /participant %s NAME)", id, id);
}
