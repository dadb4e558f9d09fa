/* session_lead: see session_lead.h. */
#include "sessions/session_lead.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"

/* What only the leader does, in the words of a refusal. */
static const char *leader_step(enum capture_command command)
{
	switch (command) {
	case CMD_NEXT:
	case CMD_PREV:
	case CMD_ITEM: return "moves through the agenda";
	case CMD_EXTEND: return "changes an item's time";
	case CMD_VOTE:
	case CMD_POLL:
	case CMD_CLOSE:
	case CMD_REOPEN: return "opens and closes votes";
	case CMD_END: return "ends the session";
	case CMD_HANDOVER: return "passes the lead";
	default: return "does that";
	}
}

int line_refuse_not_leading(struct line_ctx *x, enum capture_command command)
{
	struct session *s = x->s;
	bool live = false;
	int rc = store_console_live(s->store, s->id, s->leader, &live, LINE_MSG(x));
	if (rc)
		return rc;
	if (!live)
		return line_refuse(x, "only the leading console (%s) %s, and it is not open now: /lead takes the lead",
			s->leader, leader_step(command));
	return line_refuse(x, "only the leading console (%s) %s; /handover %s there passes the lead to this console",
		s->leader, leader_step(command), s->console);
}

/* The open consoles but this one, for a message: "console, console-2" or "none". */
static int open_others(struct line_ctx *x, char *out, size_t len)
{
	struct session *s = x->s;
	struct store_console *list;
	int n;
	int rc = store_consoles(s->store, s->id, &list, &n, LINE_MSG(x));
	if (rc)
		return rc;
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n && used < len; i++)
		if (list[i].live && strcmp(list[i].name, s->console) != 0)
			used += (size_t)snprintf(out + used, len - used, "%s%s", used ? ", " : "", list[i].name);
	if (!out[0])
		snprintf(out, len, "none");
	free(list);
	return 0;
}

static int emit_lead(struct line_ctx *x, const char *leader, bool taken)
{
	struct session *s = x->s;
	x->event.type = EVENT_LEAD;
	x->event.as.lead = (struct event_lead){ .leader = leader, .from = s->leader[0] ? s->leader : NULL,
		.taken = taken };
	return line_emit(x);
}

int command_handover(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const char *name = cl->args[0];
	char echo[LINE_ECHO_SIZE], others[256];
	errmsg_cut(name, LINE_ECHO_CHARS, echo, sizeof echo);
	if (strcmp(name, s->console) == 0)
		return line_refuse(x, "this console (%s) leads already", s->console);
	bool live = false;
	int rc = store_console_live(s->store, s->id, name, &live, LINE_MSG(x));
	if (!rc && !live && !(rc = open_others(x, others, sizeof others)))
		rc = line_refuse(x, "console %s is not open on this session (open: %s); the lead passes only to an open"
			" console: klankbord join --as %s opens one", echo, others, echo);
	if (rc)
		return rc;
	if ((rc = emit_lead(x, name, false)))
		return rc;
	return line_say(x, "console %s leads now: it moves through the agenda, times and votes; this console records",
		echo);
}

int command_lead(struct line_ctx *x)
{
	struct session *s = x->s;
	if (session_leads(s))
		return line_refuse(x, "this console (%s) leads already", s->console);
	bool live = false;
	int rc = store_console_live(s->store, s->id, s->leader, &live, LINE_MSG(x));
	if (rc)
		return rc;
	if (live)
		return line_refuse(x, "console %s leads and is open; /handover %s there passes the lead to this console",
			s->leader, s->console);
	char before[SESSION_CONSOLE_MAX + 1];
	snprintf(before, sizeof before, "%s", s->leader);
	if ((rc = emit_lead(x, s->console, true)))
		return rc;
	return line_say(x, "this console (%s) leads now: %s is not open", s->console, before);
}
