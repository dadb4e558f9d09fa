/* session: see session.h. Starting, loading, refreshing and settling a session, and the
 * transaction around one capture line; the handlers are in session_commands.c and
 * session_votes.c, the model in session_model.c and session_apply.c.
 *
 * A line is handled inside one BEGIN IMMEDIATE transaction: first the events other
 * consoles committed are folded in, then the line is checked against the up-to-date
 * model, then the event and its rows are written and committed, and only then is the same
 * typed event applied to the model. A refused line rolls back and writes nothing. The
 * other tables (votes, ballots, items, ...) are written in the same transaction as the
 * event, for reports and search; contributions, their codes, the report counts and the
 * search index are derived from the events later (session_settle()). The model never
 * reads any of them. Never prints, never exits. */
#include "sessions/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "sessions/session_apply.h"
#include "sessions/session_commands.h"
#include "sessions/session_lead.h"
#include "sessions/session_line.h"
#include "sessions/session_votes.h"
#include "sessions/uuid.h"

/* ---- starting and loading ---- */

static int new_session(struct store *store, const char *source, size_t len, const char *console,
	struct session_clock clock, struct session **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!console || !console[0])
		console = "console";
	if (strlen(console) > SESSION_CONSOLE_MAX) {
		char echo[160];
		errmsg_fail(err, errlen, "console name \"%s\" is too long: at most %d bytes",
			errmsg_cut(console, 40, echo, sizeof echo), SESSION_CONSOLE_MAX);
		return EX_USAGE;
	}
	for (const char *p = console; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			char echo[160];
			errmsg_fail(err, errlen, "console name \"%s\" must be one word, without spaces or control characters"
				" (/handover takes it)", errmsg_cut(console, 40, echo, sizeof echo));
			return EX_USAGE;
		}
	struct diag_list diags;
	diag_list_init(&diags);
	struct agenda *agenda = agenda_load_buffer(source, len, &diags);
	if (!agenda) {
		errmsg_fail(err, errlen, "the agenda text does not load (%d problems; first: %d:%d: %s)", diags.count,
			diags.count ? diags.items[0].line : 0, diags.count ? diags.items[0].col : 0,
			diags.count ? diags.items[0].message : "unknown");
		diag_list_free(&diags);
		return EX_DATAERR;
	}
	diag_list_free(&diags);
	if (!(*out = session_model_new(agenda, console, clock, store))) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	(*out)->opened_ms = clock.now_ms(clock.ctx);
	return 0;
}

/* Remembers the store's state so that the first session_refresh() is cheap. */
static int mark_seen(struct session *s, char *err, size_t errlen)
{
	s->seen_commits = store_commit_count(s->store);
	return store_data_version(s->store, &s->seen_data_version, err, errlen);
}

static int write_start(struct session *s, const struct event *start, char *err, size_t errlen)
{
	const struct agenda *a = s->agenda;
	struct store_session_row row = { .id = s->id, .title = a->session.title,
		.organisation = a->session.organisation, .location = a->session.location, .date = a->session.date,
		.console = s->console, .agenda_yaml = a->source, .agenda_len = a->source_len, .started_ms = start->at_ms };
	int rc = store_insert_session(s->store, &row, err, errlen);
	for (int i = 0; !rc && i < a->n_items; i++)
		rc = store_insert_item(s->store, s->id, a->items[i].id, i, a->items[i].title,
			a->items[i].minutes * 60, err, errlen);
	for (int i = 0; !rc && i < a->n_participants; i++) {
		const struct agenda_participant *p = &a->participants[i];
		struct store_participant_row prow = { .session = s->id, .id = p->id, .name = p->name,
			.role = participant_role_name(p->role), .community = p->community,
			.consent_quotes = p->consent_quotes, .position = i };
		rc = store_insert_participant(s->store, &prow, err, errlen);
	}
	if (rc)
		return rc;
	struct json_buf payload = { 0 };
	event_encode(start, &event_keep_everything, &payload);
	if (payload.failed) {
		json_buf_free(&payload);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	int64_t seq;
	rc = store_append_event(s->store, s->id, start->at_ms, s->console, event_type_name(start->type), payload.data,
		&seq, err, errlen);
	json_buf_free(&payload);
	return rc;
}

int session_start(struct store *store, const struct agenda *agenda, const char *source, size_t len,
	const char *console, struct session_clock clock, struct session **out, char *err, size_t errlen)
{
	if (!source) {
		source = agenda->source;
		len = agenda->source_len;
	}
	struct session *s;
	int rc = new_session(store, source, len, console, clock, &s, err, errlen);
	if (rc)
		return rc;
	if (!uuid_v4(s->id)) {
		session_free(s);
		errmsg_fail(err, errlen, "cannot make a session id: the system gave no random bytes");
		return EX_OSERR;
	}
	const struct agenda *a = s->agenda;
	struct event start = { .type = EVENT_SESSION_START, .at_ms = s->clock.now_ms(s->clock.ctx),
		.console = s->console, .as.start = { .title = a->session.title,
		.item = a->n_items > 0 ? a->items[0].id : NULL } };
	rc = store_begin(store, err, errlen);
	if (!rc)
		rc = write_start(s, &start, err, errlen);
	if (!rc)
		rc = store_commit(store, err, errlen);
	else
		store_rollback(store);
	if (!rc)
		rc = session_apply_event(s, &start, err, errlen);
	if (!rc)
		rc = mark_seen(s, err, errlen);
	if (rc) {
		session_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int session_load(struct store *store, const char *id_prefix, bool open_only, const char *console,
	struct session_clock clock, struct session **out, char *err, size_t errlen)
{
	*out = NULL;
	char id[STORE_UUID_LEN + 1];
	int rc = store_find_session(store, id_prefix, id, err, errlen);
	if (rc)
		return rc;
	struct store_session_info info;
	/* without the counts, which read every contribution's row (docs/benchmarks.md) */
	rc = store_session_get_uncounted(store, id, &info, err, errlen);
	if (rc)
		return rc;
	if (info.erased) {
		errmsg_fail(err, errlen, "session %.8s was erased (klankbord erase): only its erasure event is kept", id);
		store_session_info_free(&info);
		return EX_NOINPUT;
	}
	if (open_only && info.ended) {
		errmsg_fail(err, errlen, "session %.8s (%s) has ended; it can be exported but not continued", id, info.title);
		store_session_info_free(&info);
		return EX_DATAERR;
	}
	struct session *s;
	rc = new_session(store, info.agenda_yaml, info.agenda_len, console, clock, &s, err, errlen);
	store_session_info_free(&info);
	if (rc)
		return rc;
	snprintf(s->id, sizeof s->id, "%s", id);
	rc = mark_seen(s, err, errlen);
	if (!rc)
		rc = session_replay(s, NULL, err, errlen);
	if (rc) {
		session_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* The store's registry of the session's consoles into the model; *changed (may be NULL)
 * tells whether a console was added. */
static int read_consoles(struct session *s, bool *changed, char *err, size_t errlen)
{
	struct store_console *list;
	int n;
	int rc = store_consoles(s->store, s->id, &list, &n, err, errlen);
	if (rc)
		return rc;
	if (changed && n != s->n_consoles)
		*changed = true;
	free(s->consoles);
	s->consoles = list;
	s->n_consoles = n;
	return 0;
}

int session_claim(struct session *session, bool fresh_name, char *err, size_t errlen)
{
	struct session *s = session;
	int64_t now = s->clock.now_ms(s->clock.ctx);
	int rc = fresh_name ? read_consoles(s, NULL, err, errlen) : 0;
	if (!rc && !fresh_name)
		rc = store_console_claim(s->store, s->id, s->console, now, err, errlen);
	/* The first console-N the session never had; one taken meanwhile by another join is
	 * refused by its lock, and the next is tried. */
	for (int number = 2, tries = 0; !rc && fresh_name; number++) {
		char name[SESSION_CONSOLE_MAX + 1];
		snprintf(name, sizeof name, "console-%d", number);
		bool used = false;
		for (int i = 0; i < s->n_consoles && !used; i++)
			used = strcmp(s->consoles[i].name, name) == 0;
		if (used)
			continue;
		rc = store_console_claim(s->store, s->id, name, now, err, errlen);
		if (rc == EX_TEMPFAIL && ++tries < 10) {
			rc = 0;
			continue;
		}
		if (!rc)
			snprintf(s->console, sizeof s->console, "%s", name);
		break;
	}
	return rc ? rc : read_consoles(s, NULL, err, errlen);
}

int session_refresh(struct session *session, bool *changed, char *err, size_t errlen)
{
	int64_t version;
	*changed = false;
	int rc = store_data_version(session->store, &version, err, errlen);
	if (rc)
		return rc;
	int64_t commits = store_commit_count(session->store);
	if (version == session->seen_data_version && commits == session->seen_commits)
		return 0;
	rc = session_replay(session, changed, err, errlen);
	if (!rc && session->n_consoles > 0)
		rc = read_consoles(session, changed, err, errlen);
	if (!rc) {
		session->seen_data_version = version;
		session->seen_commits = commits;
	}
	return rc;
}

/* Whether one of the SESSION_SETTLE_EARLY settles is due. */
static bool early_settle_due(const struct session *session)
{
	int64_t now = session->clock.now_ms(session->clock.ctx);
	return session->early_settles == 0
		|| (session->early_settles < SESSION_SETTLE_EARLY && now - session->opened_ms >= SESSION_SETTLE_EARLY_MS);
}

void session_set_unsynced_moves(struct session *session, bool unsynced)
{
	session->unsynced_moves = unsynced;
}

int session_sync(struct session *session, char *err, size_t errlen)
{
	return store_sync(session->store, err, errlen);
}

int session_settle(struct session *session, int min_events, char *err, size_t errlen)
{
	bool early = early_settle_due(session);
	if (session->unsettled == 0 || (session->unsettled < min_events && !early))
		return 0;
	/* the checkpoint rides on every other settle of a stream (SESSION_CHECKPOINT_EVERY),
	 * and on every early one and every settle in a pause */
	bool checkpoint = early || min_events <= 1 || session->unchecked >= SESSION_CHECKPOINT_EVERY;
	/* The checkpoint comes first. The first write after a checkpoint of the whole log
	 * starts the log again, and SQLite syncs its new header: that write is then the
	 * projection's, here, and not the next line's or item move's, which waited for that
	 * sync before (a move that waits for no disk otherwise, session_set_unsynced_moves()). */
	int rc = checkpoint ? store_checkpoint(session->store, err, errlen) : 0;
	if (!rc)
		rc = store_project(session->store, NULL, err, errlen);
	if (!rc) {
		session->unsettled = 0;
		if (checkpoint)
			session->unchecked = 0;
		if (early)
			session->early_settles++;
	}
	return rc;
}

int session_settle_step(struct session *session, bool input_waiting, bool *more, char *err, size_t errlen)
{
	*more = false;
	if (session->unsettled == 0)
		return 0;
	if (early_settle_due(session))
		return session_settle(session, 1, err, errlen);
	/* a stream that never pauses settles as before: whole, every SESSION_SETTLE_EVERY lines
	 * (smaller steps made more lines wait, and the next line's sync pays for theirs) */
	if (input_waiting)
		return session_settle(session, SESSION_SETTLE_EVERY, err, errlen);
	bool left;
	int64_t projected;
	int rc = store_project_step(session->store, SESSION_SETTLE_STEP, &projected, &left, err, errlen);
	if (rc)
		return rc;
	if ((*more = left)) {
		/* what is left waits for the next step, or the next whole settle */
		session->unsettled = projected < session->unsettled ? session->unsettled - (int)projected : 1;
		return 0;
	}
	session->unsettled = 0;
	if (session->unchecked >= SESSION_CHECKPOINT_EVERY && !(rc = store_checkpoint(session->store, err, errlen)))
		session->unchecked = 0;
	return rc;
}

/* ---- the line ---- */

static int dispatch(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (cl->type == CAPTURE_COUNTS)
		return command_counts(x, cl);
	if (cl->type == CAPTURE_TEXT)
		return s->open_vote >= 0 && cl->speaker[0] && !cl->kind_given
			&& capture_is_ballot(cl->body, s->votes[s->open_vote].def)
			? command_ballot(x, cl) : command_contribution(x, cl);
	switch (cl->command) {
	case CMD_NEXT:
	case CMD_PREV:
	case CMD_ITEM: return command_move(x, cl);
	case CMD_PARTICIPANT: return command_participant(x, cl);
	case CMD_VOTE: return command_vote(x, cl);
	case CMD_CLOSE: return command_close(x);
	case CMD_UNDO: return command_undo(x);
	case CMD_END: return command_end(x);
	case CMD_POLL: return command_poll(x, cl);
	case CMD_EXTEND: return command_extend(x, cl);
	case CMD_EDIT: return command_edit(x, cl);
	case CMD_RETRACT: return command_retract(x, cl);
	case CMD_MOVE_ENTRY: return command_move_entry(x, cl);
	case CMD_RECOMMEND: return command_recommend(x, cl);
	case CMD_CONSENT: return command_consent(x, cl);
	case CMD_BALLOT: return command_ballot_forced(x, cl);
	case CMD_WITHDRAW: return command_withdraw(x, cl);
	case CMD_REOPEN: return command_reopen(x, cl);
	case CMD_HANDOVER: return command_handover(x, cl);
	case CMD_LEAD: return command_lead(x);
	case CMD_QUIT: break;
	}
	return line_refuse(x, "internal error: unhandled command");
}

/* After the commit: the same typed event goes into the model. */
static int apply_committed(struct line_ctx *x)
{
	struct session *s = x->s;
	x->event.seq = x->seq;
	x->event.at_ms = x->now;
	x->event.console = s->console;
	char confirmation[SESSION_MESSAGE_MAX];
	memcpy(confirmation, x->result->message, sizeof confirmation);
	x->result->seq = x->seq;
	int rc = session_apply_event(s, &x->event, LINE_MSG(x));
	s->unsettled++;
	s->unchecked++;
	if (!rc)
		memcpy(x->result->message, confirmation, sizeof confirmation);
	return rc;
}

int session_apply_line(struct session *session, const char *line, size_t len, struct session_result *result)
{
	return session_apply_input_line(session, line, len, 0, result);
}

int session_last_input_line(struct session *session, int64_t *line, char *err, size_t errlen)
{
	return store_last_input_line(session->store, session->id, session->console, line, err, errlen);
}

/* A note that starts with a participant's id and a colon with no space after it
 * ("E03:waited", "e03:2") is that participant's line: it is read again as "E03: waited".
 * The parser alone cannot tell it from "10:30 break" or a URL, which name nobody
 * (docs/capture.md). Returns whether cl was read again (and its result in *parsed). */
static bool reread_glued_speaker(const struct session *session, const char *line, size_t len,
	struct capture_line *cl, bool *parsed, char *err, size_t errlen)
{
	char id[AGENDA_ID_MAX + 1];
	size_t colon = cl->type == CAPTURE_TEXT && !cl->speaker[0] ? capture_glued_speaker(line, len, id) : 0;
	if (!colon || session_participant_typed(session, id) < 0)
		return false;
	char *spaced = malloc(len + 2);
	if (!spaced)
		return false;
	memcpy(spaced, line, colon + 1);
	spaced[colon + 1] = ' ';
	memcpy(spaced + colon + 2, line + colon + 1, len - colon - 1);
	spaced[len + 1] = '\0';
	capture_line_free(cl);
	*parsed = capture_parse(spaced, len + 1, cl, err, errlen);
	free(spaced);
	return true;
}

/* The lines session_set_unsynced_moves() concerns: /next, /prev, /item (F3/F2 send them). */
static bool moves_item(const struct capture_line *cl)
{
	return cl->type == CAPTURE_COMMAND && (cl->command == CMD_NEXT || cl->command == CMD_PREV || cl->command == CMD_ITEM);
}

int session_apply_input_line(struct session *session, const char *line, size_t len, int64_t input_line,
	struct session_result *result)
{
	*result = (struct session_result){ 0 };
	struct capture_line cl;
	if (!capture_parse(line, len, &cl, result->message, sizeof result->message))
		return EX_DATAERR;
	bool parsed = true;
	if (reread_glued_speaker(session, line, len, &cl, &parsed, result->message, sizeof result->message) && !parsed)
		return EX_DATAERR;
	if (cl.type == CAPTURE_BLANK) {
		capture_line_free(&cl);
		return 0;
	}
	if (cl.type == CAPTURE_COMMAND && cl.command == CMD_QUIT) {
		capture_line_free(&cl);
		result->quit = true;
		errmsg_fail(result->message, sizeof result->message, "left this console; the session stays open");
		return 0;
	}
	struct line_ctx x = { .s = session, .result = result, .input_line = input_line };
	int rc = session->unsynced_moves && moves_item(&cl) ? store_begin_unsynced(session->store, true, LINE_MSG(&x))
		: store_begin(session->store, LINE_MSG(&x));
	if (!rc)
		rc = session_replay(session, NULL, LINE_MSG(&x));
	x.now = session->clock.now_ms(session->clock.ctx);
	/* Consent may change after the session (klankbord consent): nothing else may. */
	if (!rc && session->ended && !(cl.type == CAPTURE_COMMAND && cl.command == CMD_CONSENT))
		rc = line_refuse(&x, "session has ended");
	if (!rc && cl.type == CAPTURE_COMMAND && capture_command_leads(cl.command) && !session_leads(session))
		rc = line_refuse_not_leading(&x, cl.command);
	if (!rc)
		rc = dispatch(&x, &cl);
	if (!rc)
		rc = store_commit(session->store, LINE_MSG(&x));
	if (rc) {
		store_rollback(session->store);
		result->seq = 0;
	} else {
		rc = apply_committed(&x);
	}
	event_free(&x.event);
	free(x.poll);
	capture_line_free(&x.edit);
	capture_line_free(&cl);
	return rc;
}
