/* session_commands: see session_commands.h. */
#include "sessions/session_commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"

/* ---- contributions ---- */

static int check_tags(struct line_ctx *x, const struct capture_line *cl)
{
	const struct codebook *book = &x->s->agenda->codebook;
	for (int i = 0; i < cl->n_tags; i++) {
		if (codebook_find(book, cl->tags[i].code))
			continue;
		char codes[300] = "";
		size_t used = 0;
		for (int k = 0; k < book->n_entries && used < sizeof codes - 40; k++)
			used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%s", k ? ", " : "",
				book->entries[k].code);
		return line_refuse(x, "unknown code #%s at column %d: not in the codebook %s (codes: %s)",
			cl->tags[i].code, cl->tags[i].column, book->name ? book->name : "of this agenda", codes);
	}
	return 0;
}

/* The codes of a parsed line as the list an event holds; the event keeps the array. */
static int tag_list(struct line_ctx *x, const struct capture_line *cl, const char *const **out)
{
	*out = NULL;
	if (cl->n_tags == 0)
		return 0;
	const char **codes = event_keep(&x->event, calloc((size_t)cl->n_tags, sizeof *codes));
	if (!codes) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	for (int i = 0; i < cl->n_tags; i++)
		codes[i] = cl->tags[i].code;
	*out = codes;
	return 0;
}

int command_contribution(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int participant = -1;
	if (cl->speaker[0] && (participant = session_participant_index(s, cl->speaker)) < 0)
		return line_unknown_participant(x, cl->speaker);
	if (s->current_item < 0)
		return line_refuse(x, "this agenda has no items to record on");
	int rc = check_tags(x, cl);
	if (rc)
		return rc;
	x->event.type = EVENT_CONTRIBUTION;
	struct event_contribution *e = &x->event.as.contribution;
	*e = (struct event_contribution){ .item = line_item_id(s, s->current_item),
		.participant = participant >= 0 ? cl->speaker : NULL, .kind = cl->kind, .text = cl->text,
		.n_tags = cl->n_tags };
	if ((rc = line_new_uuid(x, e->id)) || (rc = tag_list(x, cl, &e->tags)) || (rc = line_emit(x)))
		return rc;
	size_t used = (size_t)snprintf(LINE_MSG(x), "recorded %s %s", line_speaker(s, participant),
		contribution_kind_name(cl->kind));
	for (int i = 0; i < cl->n_tags && used < sizeof x->result->message; i++)
		used += (size_t)snprintf(x->result->message + used, sizeof x->result->message - used, " #%s",
			cl->tags[i].code);
	return 0;
}

/* The contribution named by a /edit or /retract argument. */
static int find_contribution(struct line_ctx *x, const char *arg, int *index)
{
	char *end;
	errno = 0;
	long long seq = strtoll(arg, &end, 10);
	*index = errno || *end ? -1 : session_contribution_index(x->s, seq);
	if (*index < 0)
		return line_refuse(x, "no contribution %s in this session (the number is the one shown before it)", arg);
	if (x->s->contributions[*index].retracted)
		return line_refuse(x, "contribution %s was already taken back", arg);
	return 0;
}

static int retract(struct line_ctx *x, int index, bool undo)
{
	struct session *s = x->s;
	const struct session_contribution *c = &s->contributions[index];
	x->event.type = EVENT_RETRACT;
	struct event_retract *e = &x->event.as.retract;
	*e = (struct event_retract){ .ref = c->seq, .undo = undo };
	snprintf(e->contribution, sizeof e->contribution, "%s", c->id);
	int rc = line_emit(x);
	return rc ? rc : line_say(x, "took back %lld %s: %.60s", (long long)c->seq, line_speaker(s, c->participant),
		c->text);
}

int command_undo(struct line_ctx *x)
{
	struct session *s = x->s;
	for (int i = s->n_contributions - 1; i >= 0; i--)
		if (!s->contributions[i].retracted && strcmp(s->contributions[i].console, s->console) == 0)
			return retract(x, i, true);
	return line_refuse(x, "nothing to undo: no contribution of this console (%s) is left to take back", s->console);
}

int command_retract(struct line_ctx *x, const struct capture_line *cl)
{
	int index;
	int rc = find_contribution(x, cl->args[0], &index);
	return rc ? rc : retract(x, index, false);
}

/* Parses /edit's TEXT like the words of a contribution by the same speaker, into x->edit. */
static int parse_edit(struct line_ctx *x, const char *speaker, const char *typed)
{
	size_t len = strlen(speaker) + 2 + strlen(typed);
	char *line = malloc(len + 1);
	if (!line) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	snprintf(line, len + 1, "%s: %s", speaker, typed);
	bool parsed = capture_parse(line, len, &x->edit, LINE_MSG(x));
	free(line);
	return parsed ? 0 : EX_DATAERR;
}

static bool has_tag(const struct session_contribution *c, const char *code)
{
	for (int k = 0; k < c->n_tags; k++)
		if (strcmp(c->tags[k], code) == 0)
			return true;
	return false;
}

/* /edit SEQ TEXT: TEXT is read like the words of a contribution, so its !kind changes the
 * kind and its #codes are added to the contribution's codes. */
int command_edit(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int index;
	int rc = find_contribution(x, cl->args[0], &index);
	if (rc)
		return rc;
	const struct session_contribution *c = &s->contributions[index];
	const char *speaker = line_speaker(s, c->participant);
	if ((rc = parse_edit(x, speaker, cl->n_args > 1 ? cl->args[1] : "")) || (rc = check_tags(x, &x->edit)))
		return rc;
	const struct capture_line *edit = &x->edit;
	bool new_tag = false;
	for (int i = 0; i < edit->n_tags; i++)
		new_tag = new_tag || !has_tag(c, edit->tags[i].code);
	bool new_kind = edit->kind_given && edit->kind != c->kind;
	if (strcmp(edit->text, c->text) == 0 && !new_tag && !new_kind)
		return line_refuse(x, "contribution %lld already says that; nothing changed", (long long)c->seq);
	x->event.type = EVENT_EDIT;
	struct event_edit *e = &x->event.as.edit;
	*e = (struct event_edit){ .ref = c->seq, .text = edit->text, .has_kind = true,
		.kind = new_kind ? edit->kind : c->kind, .n_tags = edit->n_tags };
	snprintf(e->contribution, sizeof e->contribution, "%s", c->id);
	if ((rc = tag_list(x, edit, &e->tags)) || (rc = line_emit(x)))
		return rc;
	return line_say(x, "edited %lld %s (the earlier text stays in the log)", (long long)c->seq, speaker);
}

int command_recommend(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->current_item < 0)
		return line_refuse(x, "this agenda has no items to record on");
	x->event.type = EVENT_RECOMMENDATION;
	struct event_recommendation *e = &x->event.as.recommendation;
	*e = (struct event_recommendation){ .item = line_item_id(s, s->current_item), .text = cl->args[0] };
	int rc;
	if ((rc = line_new_uuid(x, e->id)) || (rc = line_emit(x))
		|| (rc = store_insert_recommendation(s->store, x->seq, e->id, s->id, e->item, e->text, LINE_MSG(x))))
		return rc;
	return line_say(x, "recommendation %d recorded on item %d/%d", s->n_recommendations + 1, s->current_item + 1,
		s->n_items);
}

/* ---- participants ---- */

int command_participant(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const char *id = cl->args[0];
	const char *name = cl->n_args > 1 ? cl->args[1] : NULL;
	if (!agenda_valid_participant_id(id))
		return line_refuse(x, "participant id \"%.20s\" is not valid: use 1-%d letters, digits, _ or -, e.g. E21",
			id, AGENDA_ID_MAX);
	int existing = session_participant_index(s, id);
	if (existing >= 0) {
		const char *known = s->participants[existing].name;
		return line_refuse(x, "participant %s already exists%s%s%s", id, known ? " (" : "", known ? known : "",
			known ? ")" : "");
	}
	x->event.type = EVENT_PARTICIPANT;
	x->event.as.participant = (struct event_participant){ .id = id, .name = name, .role = ROLE_EXPERT };
	struct store_participant_row row = { .session = s->id, .id = id, .name = name,
		.role = participant_role_name(ROLE_EXPERT), .added_live = true, .position = s->n_participants };
	int rc;
	if ((rc = line_emit(x)) || (rc = store_insert_participant(s->store, &row, LINE_MSG(x))))
		return rc;
	return line_say(x, "added participant %s%s%s", id, name ? ": " : "", name ? name : "");
}

int command_consent(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const char *id = cl->args[0];
	bool quotes = strcmp(cl->args[1], "yes") == 0;
	int who = session_participant_index(s, id);
	if (who < 0)
		return line_refuse(x, "consent: no participant %.20s in this session", id);
	x->event.type = EVENT_CONSENT;
	x->event.as.consent = (struct event_consent){ .participant = id, .quotes = quotes };
	int rc;
	if ((rc = line_emit(x)) || (rc = store_update_consent(s->store, s->id, id, quotes, LINE_MSG(x))))
		return rc;
	return line_say(x, "%s %s", id, quotes ? "may be quoted from now on" : "is no longer quoted: contributions"
		" are shown without attribution");
}

/* ---- the agenda ---- */

static int go_to_item(struct line_ctx *x, int item, const char *command)
{
	struct session *s = x->s;
	if (s->open_vote >= 0)
		return line_refuse(x, "vote %s is still open; /close it before leaving the item",
			s->votes[s->open_vote].def->id);
	x->event.type = EVENT_ITEM;
	x->event.as.item = (struct event_item){ .item = line_item_id(s, item),
		.from = s->current_item >= 0 ? line_item_id(s, s->current_item) : NULL, .command = command };
	int rc = line_emit(x);
	if (!rc && s->current_item >= 0)
		rc = line_write_item_times(x, s->current_item);
	return rc ? rc : line_say(x, "item %d/%d: %s", item + 1, s->n_items, s->items[item].def->title);
}

int command_move(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int cur = s->current_item;
	if (cl->command == CMD_NEXT) {
		if (cur + 1 >= s->n_items)
			return line_refuse(x, "already at the last item (%d/%d); /end ends the session", cur + 1, s->n_items);
		return go_to_item(x, cur + 1, "next");
	}
	if (cl->command == CMD_PREV) {
		if (cur <= 0)
			return line_refuse(x, "already at the first item (1/%d)", s->n_items);
		return go_to_item(x, cur - 1, "prev");
	}
	int item = agenda_item_index(s->agenda, cl->args[0]);
	if (item < 0) {
		char ids[300] = "";
		size_t used = 0;
		for (int i = 0; i < s->n_items && used < sizeof ids - 40; i++)
			used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", i ? ", " : "", line_item_id(s, i));
		return line_refuse(x, "unknown item %.40s (items: %s)", cl->args[0], ids);
	}
	if (item == cur)
		return line_refuse(x, "already on item %d/%d: %s", item + 1, s->n_items, s->items[item].def->title);
	return go_to_item(x, item, "item");
}

int command_extend(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	long minutes = strtol(cl->args[0], NULL, 10);
	int item = s->current_item;
	if (item < 0)
		return line_refuse(x, "this agenda has no items");
	long planned = (long)s->items[item].planned_seconds + minutes * 60;
	if (planned < 60)
		return line_refuse(x, "item %d/%d has %d minutes planned; it cannot be shortened by %ld", item + 1,
			s->n_items, s->items[item].planned_seconds / 60, -minutes);
	if (planned > 24L * 3600)
		return line_refuse(x, "item %d/%d cannot be planned for more than 24 hours", item + 1, s->n_items);
	x->event.type = EVENT_EXTEND;
	x->event.as.extend = (struct event_extend){ .item = line_item_id(s, item), .minutes = minutes,
		.planned_seconds = planned };
	int rc = line_emit(x);
	if (!rc)
		rc = store_update_item(s->store, s->id, line_item_id(s, item), (int)planned,
			(int)(session_item_elapsed_ms(s, item, x->now) / 1000), LINE_MSG(x));
	return rc ? rc : line_say(x, "item %d/%d: %+ld min, now %ld min planned", item + 1, s->n_items, minutes,
		planned / 60);
}

int command_end(struct line_ctx *x)
{
	struct session *s = x->s;
	x->event.type = EVENT_SESSION_END;
	x->event.as.end = (struct event_end){
		.item = s->current_item >= 0 ? line_item_id(s, s->current_item) : NULL,
		.closed_vote = s->open_vote >= 0 ? s->votes[s->open_vote].def->id : NULL };
	int rc = line_emit(x);
	if (!rc && s->current_item >= 0)
		rc = line_write_item_times(x, s->current_item);
	if (!rc && s->open_vote >= 0)
		rc = store_close_vote(s->store, s->votes[s->open_vote].id, x->now, LINE_MSG(x));
	if (!rc)
		rc = store_end_session(s->store, s->id, x->now, LINE_MSG(x));
	return rc ? rc : line_say(x, "session ended");
}
