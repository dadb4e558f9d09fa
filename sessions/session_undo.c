/* session_undo: /undo. Takes back the last thing done at this console that is not taken
 * back yet, one at a time, by writing the event that reverses it (event.h: `undoes`);
 * nothing is ever deleted from the log. What each event needs to be reversed is kept in
 * the model's actions (session_model.h). Some steps cannot be taken back this way
 * (opening a vote or a poll, counts, a participant, a recommendation): /undo says so and
 * how to correct them, and does not reach past them. Never prints, never exits. */
#include "sessions/session_commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "sessions/session_lead.h"
#include "sessions/session_votes.h"
#include "sessions/vote_state.h"

static const char *vote_name(const struct session *s, int v)
{
	return v >= 0 ? s->votes[v].def->id : "?";
}

static int undo_ballot(struct line_ctx *x, const struct session_action *a)
{
	struct session *s = x->s;
	if (a->vote < 0 || a->participant < 0)
		return line_refuse(x, "nothing to undo: that ballot's vote is gone");
	const char *who = s->participants[a->participant].id;
	if (s->votes[a->vote].status != SESSION_VOTE_OPEN)
		return line_refuse(x, "the last thing done here was the ballot of %s on %s, and that vote is closed;"
			" /reopen %s first to change it", who, vote_name(s, a->vote), vote_name(s, a->vote));
	int rc = line_set_ballot(x, a->vote, a->participant, a->had_ballot ? &a->before : NULL, a->seq);
	if (rc)
		return rc;
	if (a->had_ballot)
		return line_say(x, "took back the %s of %s on %s: their earlier ballot stands again",
			a->type == EVENT_WITHDRAW ? "withdrawal of the ballot" : "new ballot", who, vote_name(s, a->vote));
	return line_say(x, "took back the ballot of %s on %s", who, vote_name(s, a->vote));
}

static int undo_move(struct line_ctx *x, const struct session_action *a)
{
	struct session *s = x->s;
	if (s->open_vote >= 0)
		return line_refuse(x, "vote %s is open; /close it before taking back the move to item %d",
			vote_name(s, s->open_vote), a->item + 1);
	if (a->from < 0 || a->item != s->current_item)
		return line_refuse(x, "nothing to undo: the current item has changed since this console moved to item %d",
			a->item + 1);
	x->event.type = EVENT_ITEM;
	x->event.undoes = a->seq;
	x->event.as.item = (struct event_item){ .item = line_item_id(s, a->from), .from = line_item_id(s, a->item),
		.command = "undo" };
	int rc = line_emit(x);
	if (!rc)
		rc = line_write_item_times(x, a->item);
	return rc ? rc : line_say(x, "took back the move to item %d: back on item %d/%d: %s", a->item + 1,
		a->from + 1, s->n_items, s->items[a->from].def->title);
}

static int undo_extend(struct line_ctx *x, const struct session_action *a)
{
	struct session *s = x->s;
	if (a->item < 0)
		return line_refuse(x, "nothing to undo: that item is gone");
	long planned = (long)s->items[a->item].planned_seconds - (long)a->minutes * 60;
	if (planned < 60 || planned > 24L * 3600)
		return line_refuse(x, "item %d cannot be planned for %ld minutes; change it with /extend", a->item + 1,
			planned / 60);
	x->event.type = EVENT_EXTEND;
	x->event.undoes = a->seq;
	x->event.as.extend = (struct event_extend){ .item = line_item_id(s, a->item), .minutes = -a->minutes,
		.planned_seconds = planned };
	int rc = line_emit(x);
	if (!rc)
		rc = store_update_item(s->store, s->id, line_item_id(s, a->item), (int)planned,
			(int)(session_item_elapsed_ms(s, a->item, x->now) / 1000), LINE_MSG(x));
	return rc ? rc : line_say(x, "took back %+lld min on item %d: now %ld min planned", (long long)a->minutes,
		a->item + 1, planned / 60);
}

static int undo_restore(struct line_ctx *x, const struct session_action *a)
{
	struct session *s = x->s;
	const struct session_contribution *c = &s->contributions[a->contribution];
	x->event.type = EVENT_RESTORE;
	x->event.undoes = a->seq;
	x->event.as.restore = (struct event_restore){ .ref = c->seq };
	snprintf(x->event.as.restore.contribution, sizeof x->event.as.restore.contribution, "%s", c->id);
	int rc = line_emit(x);
	char text[LINE_ECHO_SIZE];
	return rc ? rc : line_say(x, "took back the retraction of entry %d by %s: %s", a->contribution + 1,
		line_who(s, c->participant), errmsg_cut(c->text, LINE_ECHO_CHARS, text, sizeof text));
}

static bool has(char *const *list, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return true;
	return false;
}

/* An edit back to the text, kind and codes the entry had before. */
static int undo_edit(struct line_ctx *x, const struct session_action *a)
{
	struct session *s = x->s;
	const struct session_contribution *c = &s->contributions[a->contribution];
	const char **added = event_keep(&x->event, calloc((size_t)a->n_tags_before + 1, sizeof *added));
	const char **removed = event_keep(&x->event, calloc((size_t)c->n_tags + 1, sizeof *removed));
	if (!added || !removed) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	int n_added = 0, n_removed = 0;
	for (int i = 0; i < a->n_tags_before; i++)
		if (!has(c->tags, c->n_tags, a->tags_before[i]))
			added[n_added++] = a->tags_before[i];
	for (int i = 0; i < c->n_tags; i++)
		if (!has(a->tags_before, a->n_tags_before, c->tags[i]))
			removed[n_removed++] = c->tags[i];
	x->event.type = EVENT_EDIT;
	x->event.undoes = a->seq;
	x->event.as.edit = (struct event_edit){ .ref = c->seq, .text = a->text_before, .has_kind = true,
		.kind = a->kind_before, .tags = added, .n_tags = n_added, .removed = removed, .n_removed = n_removed };
	if (a->speaker_before != c->participant) /* the entry goes back to who it was by ("": the note-taker) */
		x->event.as.edit.participant = a->speaker_before >= 0 ? s->participants[a->speaker_before].id : "";
	if (a->item_before != c->item) /* and to the item it was on (/move) */
		x->event.as.edit.item = line_item_id(s, a->item_before);
	snprintf(x->event.as.edit.contribution, sizeof x->event.as.edit.contribution, "%s", c->id);
	int entry = a->contribution + 1, before = a->speaker_before, item = a->item_before;
	/* c is read before line_emit() applies the event */
	bool moved = before != c->participant, moved_item = item != c->item;
	int rc = line_emit(x);
	if (rc)
		return rc;
	if (moved_item)
		return line_say(x, "took back the move of entry %d: it is on item %d/%d again", entry, item + 1, s->n_items);
	return moved ? line_say(x, "took back the edit of entry %d: it is by %s again", entry, line_who(s, before))
		: line_say(x, "took back the edit of entry %d by %s", entry, line_who(s, c->participant));
}

/* Steps /undo does not reverse: what to do instead. */
static int cannot(struct line_ctx *x, const struct session_action *a)
{
	struct session *s = x->s;
	switch (a->type) {
	case EVENT_VOTE_OPEN:
		return line_refuse(x, "the last thing done here opened a vote, which /undo does not take back:"
			" /close it (its ballots stay in the log)");
	case EVENT_COUNTS:
		return line_refuse(x, "the last thing done here gave counts for %s: give the right counts again"
			" with = n1 n2 ... (the new counts replace them)", vote_name(s, a->vote));
	case EVENT_PARTICIPANT:
		return line_refuse(x, "the last thing done here added a participant, which /undo does not take back");
	case EVENT_RECOMMENDATION:
		return line_refuse(x, "the last thing done here recorded a recommendation, which /undo does not take back");
	default:
		return line_refuse(x, "the last thing done here cannot be taken back with /undo");
	}
}

int command_undo(struct line_ctx *x)
{
	struct session *s = x->s;
	for (int i = s->n_actions - 1; i >= 0; i--) {
		const struct session_action *a = &s->actions[i];
		if (a->undone || strcmp(a->console, s->console) != 0)
			continue;
		const struct session_contribution *c = a->contribution >= 0 ? &s->contributions[a->contribution] : NULL;
		switch (a->type) {
		case EVENT_CONTRIBUTION:
			if (!c || c->retracted)
				continue; /* retracted meanwhile (elsewhere, or by an earlier build's /undo) */
			return line_retract(x, a->contribution, a->seq);
		case EVENT_RETRACT:
			if (!c || !c->retracted)
				continue;
			return undo_restore(x, a);
		case EVENT_EDIT:
			if (!c)
				continue;
			return undo_edit(x, a);
		case EVENT_BALLOT:
		case EVENT_WITHDRAW:
			return undo_ballot(x, a);
		case EVENT_ITEM:
			return session_leads(s) ? undo_move(x, a) : line_refuse_not_leading(x, CMD_ITEM);
		case EVENT_EXTEND:
			return session_leads(s) ? undo_extend(x, a) : line_refuse_not_leading(x, CMD_EXTEND);
		case EVENT_VOTE_CLOSE:
			if (a->vote < 0 || s->votes[a->vote].status != SESSION_VOTE_CLOSED)
				continue;
			if (!session_leads(s))
				return line_refuse_not_leading(x, CMD_REOPEN);
			if (s->open_vote >= 0)
				return line_refuse(x, "vote %s is open; /close it before reopening %s", vote_name(s, s->open_vote),
					vote_name(s, a->vote));
			if (line_vote_status(x, a->vote, true, a->seq))
				return EX_IOERR;
			return line_say(x, "took back the close of %s: the vote is open again", vote_name(s, a->vote));
		case EVENT_VOTE_REOPEN:
			if (a->vote < 0 || s->votes[a->vote].status != SESSION_VOTE_OPEN)
				continue;
			if (!session_leads(s))
				return line_refuse_not_leading(x, CMD_CLOSE);
			{
				int rc = line_vote_status(x, a->vote, false, a->seq);
				return rc ? rc : line_say(x, "took back the reopening of %s: it is closed again", vote_name(s, a->vote));
			}
		default:
			return cannot(x, a);
		}
	}
	return line_refuse(x, "nothing to undo: this console (%s) has done nothing that is not taken back", s->console);
}
