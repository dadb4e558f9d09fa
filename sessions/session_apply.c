/* session_apply: see session_apply.h. */
#include "sessions/session_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "sessions/session_grow.h"
#include "sessions/vote_state.h"

static int item_index(const struct session *s, const char *id)
{
	return id ? agenda_item_index(s->agenda, id) : -1;
}

static void enter_item(struct session *s, int item, int64_t at)
{
	if (s->current_item >= 0) {
		struct session_item *old = &s->items[s->current_item];
		/* Consoles' clocks may differ a little: a stretch is never negative. */
		if (old->entered_ms && at > old->entered_ms)
			old->spent_ms += at - old->entered_ms;
		old->entered_ms = 0;
	}
	s->current_item = item;
	if (item >= 0)
		s->items[item].entered_ms = at ? at : 1;
}

static bool copy_strings(const char *const *from, int n, char ***out, int *n_out)
{
	*out = NULL;
	*n_out = 0;
	if (n == 0)
		return true;
	if (!(*out = calloc((size_t)n, sizeof **out)))
		return false;
	for (int i = 0; i < n; i++) {
		if (!((*out)[i] = strdup(from[i])))
			return false;
		(*n_out)++;
	}
	return true;
}

static bool apply_contribution(struct session *s, const struct event *ev)
{
	const struct event_contribution *e = &ev->as.contribution;
	int item = item_index(s, e->item);
	int participant = e->participant ? session_participant_index(s, e->participant) : -1;
	if (item < 0 || (e->participant && participant < 0))
		return true;
	struct session_contribution *more = session_grow(s->contributions, s->n_contributions, sizeof *more);
	if (!more)
		return false;
	s->contributions = more;
	struct session_item *on = &s->items[item];
	int *entries = session_grow(on->entries, on->n_entries, sizeof *entries);
	if (!entries)
		return false;
	on->entries = entries;
	on->entries[on->n_entries++] = s->n_contributions;
	struct session_contribution *c = &s->contributions[s->n_contributions];
	*c = (struct session_contribution){ .seq = ev->seq, .item = item, .participant = participant,
		.kind = e->kind, .at_ms = ev->at_ms };
	session_copy(c->id, sizeof c->id, e->id);
	session_copy(c->console, sizeof c->console, ev->console);
	c->text = strdup(e->text);
	bool ok = c->text && copy_strings(e->tags, e->n_tags, &c->tags, &c->n_tags);
	s->n_contributions++;
	if (participant >= 0) {
		struct session_participant *p = &s->participants[participant];
		p->n_contributions++;
		p->last_spoke_ms = ev->at_ms;
		if (!p->on_item && !(p->on_item = calloc((size_t)s->n_items, sizeof *p->on_item)))
			return false;
		p->on_item[item]++;
	}
	return ok;
}

/* The contribution an edit or retraction names: by UUID, or by seq in this database for
 * a payload that carries only ref (event.h). */
static struct session_contribution *referred(struct session *s, const char *uuid, int64_t ref)
{
	int i = uuid[0] ? session_contribution_find(s, uuid) : session_contribution_index(s, ref);
	return i >= 0 ? &s->contributions[i] : NULL;
}

static bool add_tag(struct session_contribution *c, const char *code)
{
	for (int k = 0; k < c->n_tags; k++)
		if (strcmp(c->tags[k], code) == 0)
			return true;
	char *copy = strdup(code);
	char **tags = copy ? realloc(c->tags, (size_t)(c->n_tags + 1) * sizeof *tags) : NULL;
	if (!tags) {
		free(copy);
		return false;
	}
	c->tags = tags;
	c->tags[c->n_tags++] = copy;
	return true;
}

static void remove_tag(struct session_contribution *c, const char *code)
{
	for (int k = 0; k < c->n_tags; k++)
		if (strcmp(c->tags[k], code) == 0) {
			free(c->tags[k]);
			memmove(&c->tags[k], &c->tags[k + 1], (size_t)(c->n_tags - k - 1) * sizeof *c->tags);
			c->n_tags--;
			return;
		}
}

/* The latest moment a participant's standing contributions were made at (0: none). */
static void last_spoke(struct session *s, int participant)
{
	if (participant < 0)
		return;
	struct session_participant *who = &s->participants[participant];
	who->last_spoke_ms = 0;
	for (int i = 0; i < s->n_contributions; i++)
		if (s->contributions[i].participant == participant && !s->contributions[i].retracted)
			who->last_spoke_ms = s->contributions[i].at_ms;
}

/* Puts a contribution into (by 1) or takes it out of (by -1) its speaker's counts of
 * what they said, in all and on its item. */
static bool count_spoken(struct session *s, const struct session_contribution *c, int by)
{
	if (c->participant < 0)
		return true;
	struct session_participant *who = &s->participants[c->participant];
	if (!who->on_item && !(who->on_item = calloc((size_t)s->n_items, sizeof *who->on_item)))
		return false;
	who->n_contributions += by;
	who->on_item[c->item] += by;
	return true;
}

/* An edit that names who spoke moves the entry to them ("", or an id the session does
 * not know: to the note-taker), with its place in the counts of who has spoken. */
static bool move_speaker(struct session *s, struct session_contribution *c, const char *participant)
{
	int from = c->participant, to = participant[0] ? session_participant_index(s, participant) : -1;
	if (to == from)
		return true;
	bool ok = c->retracted || count_spoken(s, c, -1);
	c->participant = to;
	ok = (c->retracted || count_spoken(s, c, 1)) && ok;
	last_spoke(s, from);
	last_spoke(s, to);
	return ok;
}

/* An edit that names the item moves the entry there: out of its item's list of entries,
 * into the other's in the order of the log, with its place in the counts of who spoke. */
static bool move_to_item(struct session *s, struct session_contribution *c, const char *item_id)
{
	int to = item_index(s, item_id), index = (int)(c - s->contributions);
	if (to < 0 || to == c->item)
		return true;
	struct session_item *from = &s->items[c->item], *on = &s->items[to];
	int *entries = session_grow(on->entries, on->n_entries, sizeof *entries);
	if (!entries)
		return false;
	on->entries = entries;
	int at = on->n_entries;
	while (at > 0 && on->entries[at - 1] > index)
		at--;
	memmove(&on->entries[at + 1], &on->entries[at], (size_t)(on->n_entries - at) * sizeof *on->entries);
	on->entries[at] = index;
	on->n_entries++;
	for (int k = 0; k < from->n_entries; k++)
		if (from->entries[k] == index) {
			memmove(&from->entries[k], &from->entries[k + 1], (size_t)(from->n_entries - k - 1) * sizeof *from->entries);
			from->n_entries--;
			break;
		}
	bool ok = c->retracted || count_spoken(s, c, -1);
	c->item = to;
	return (c->retracted || count_spoken(s, c, 1)) && ok;
}

static bool apply_edit(struct session *s, const struct event_edit *e)
{
	struct session_contribution *c = referred(s, e->contribution, e->ref);
	if (!c)
		return true;
	if (e->participant && !move_speaker(s, c, e->participant))
		return false;
	if (e->item && !move_to_item(s, c, e->item))
		return false;
	char *copy = strdup(e->text);
	if (!copy)
		return false;
	free(c->text);
	c->text = copy;
	c->n_edits++;
	if (e->has_kind)
		c->kind = e->kind;
	bool ok = true;
	for (int i = 0; i < e->n_removed; i++)
		remove_tag(c, e->removed[i]);
	for (int i = 0; i < e->n_tags; i++)
		ok = add_tag(c, e->tags[i]) && ok;
	return ok;
}

/* A retraction (retracted true) or its restore (false). */
static void set_retracted(struct session *s, struct session_contribution *c, bool retracted)
{
	if (!c || c->retracted == retracted)
		return;
	c->retracted = retracted;
	count_spoken(s, c, retracted ? -1 : 1); /* out of memory: the counts of who spoke lag */
	last_spoke(s, c->participant);
}

static bool apply_participant(struct session *s, const struct event_participant *e)
{
	if (strlen(e->id) > AGENDA_ID_MAX || session_participant_index(s, e->id) >= 0)
		return true;
	struct session_participant *more = session_grow(s->participants, s->n_participants, sizeof *more);
	if (!more)
		return false;
	s->participants = more;
	struct session_participant *n = &s->participants[s->n_participants++];
	*n = (struct session_participant){ .role = e->role, .added_live = true };
	snprintf(n->id, sizeof n->id, "%s", e->id);
	n->name = session_strdup(e->name);
	return n->name || !e->name;
}

static bool apply_vote_open(struct session *s, const struct event_vote_open *e)
{
	int v = session_vote_index(s, e->vote_id);
	if (e->poll && v < 0) {
		int item = item_index(s, e->item);
		if (item < 0)
			return true;
		struct agenda_vote *def = session_poll_copy(e->poll);
		struct session_vote *more = def ? session_grow(s->votes, s->n_votes, sizeof *more) : NULL;
		if (!more) {
			session_poll_free(def);
			return false;
		}
		s->votes = more;
		v = s->n_votes++;
		s->votes[v] = (struct session_vote){ .def = def, .item = item, .adhoc = true };
	}
	if (v < 0)
		return true;
	snprintf(s->votes[v].id, sizeof s->votes[v].id, "%s", e->vote);
	s->votes[v].status = SESSION_VOTE_OPEN;
	s->open_vote = v;
	return true;
}

static void apply_vote_reopen(struct session *s, const struct event_vote_close *e)
{
	int v = session_vote_index(s, e->vote_id);
	if (v < 0 || s->ended)
		return;
	if (s->open_vote >= 0 && s->open_vote != v)
		s->votes[s->open_vote].status = SESSION_VOTE_CLOSED;
	s->votes[v].status = SESSION_VOTE_OPEN;
	s->open_vote = v;
}

static void apply_withdraw(struct session *s, const struct event_withdraw *e)
{
	int v = session_vote_index(s, e->vote_id);
	int participant = session_participant_index(s, e->participant);
	if (v < 0 || participant < 0)
		return;
	struct session_vote *vote = &s->votes[v];
	int i = vote_state_ballot_index(vote, participant);
	if (i < 0)
		return;
	free(vote->ballots[i].choices);
	free(vote->ballots[i].reason);
	memmove(&vote->ballots[i], &vote->ballots[i + 1], (size_t)(vote->n_ballots - i - 1) * sizeof *vote->ballots);
	vote->n_ballots--;
}

static void apply_vote_close(struct session *s, const struct event_vote_close *e)
{
	int v = session_vote_index(s, e->vote_id);
	if (v < 0)
		return;
	s->votes[v].status = SESSION_VOTE_CLOSED;
	if (s->open_vote == v)
		s->open_vote = -1;
}

static bool apply_ballot(struct session *s, const struct event *ev)
{
	const struct event_ballot *e = &ev->as.ballot;
	int v = session_vote_index(s, e->vote_id);
	/* A ballot without participant is an erased participant's: anonymous, it replaces none. */
	int participant = e->participant ? session_participant_index(s, e->participant) : -1;
	if (v < 0 || (e->participant && participant < 0))
		return true;
	struct session_vote *vote = &s->votes[v];
	struct session_ballot b = { .participant = participant, .seq = ev->seq, .n_choices = e->n_choices };
	if (e->n_choices > 0 && !(b.choices = malloc((size_t)e->n_choices * sizeof *b.choices)))
		return false;
	if (e->n_choices > 0)
		memcpy(b.choices, e->choices, (size_t)e->n_choices * sizeof *b.choices);
	b.reason = session_strdup(e->reason);
	if (e->reason && !b.reason) {
		free(b.choices);
		return false;
	}
	int replaced = participant >= 0 ? vote_state_ballot_index(vote, participant) : -1;
	if (replaced >= 0) {
		free(vote->ballots[replaced].choices);
		free(vote->ballots[replaced].reason);
		vote->ballots[replaced] = b;
		return true;
	}
	struct session_ballot *more = session_grow(vote->ballots, vote->n_ballots, sizeof *more);
	if (!more) {
		free(b.choices);
		free(b.reason);
		return false;
	}
	vote->ballots = more;
	vote->ballots[vote->n_ballots++] = b;
	return true;
}

static bool apply_counts(struct session *s, const struct event_counts *e)
{
	int v = session_vote_index(s, e->vote_id);
	if (v < 0)
		return true;
	long *list = calloc((size_t)e->n_counts + 1, sizeof *list);
	if (!list)
		return false;
	if (e->n_counts > 0)
		memcpy(list, e->counts, (size_t)e->n_counts * sizeof *list);
	free(s->votes[v].counts);
	s->votes[v].counts = list;
	s->votes[v].n_counts = e->n_counts;
	return true;
}

static bool apply_recommendation(struct session *s, const struct event *ev)
{
	const struct event_recommendation *e = &ev->as.recommendation;
	int item = item_index(s, e->item);
	if (item < 0)
		return true;
	struct session_recommendation *more = session_grow(s->recommendations, s->n_recommendations, sizeof *more);
	if (!more)
		return false;
	s->recommendations = more;
	struct session_recommendation *r = &s->recommendations[s->n_recommendations];
	*r = (struct session_recommendation){ .seq = ev->seq, .item = item, .text = strdup(e->text) };
	snprintf(r->id, sizeof r->id, "%s", e->id);
	if (!r->text)
		return false;
	s->n_recommendations++;
	return true;
}

static void apply_end(struct session *s, int64_t at)
{
	enter_item(s, s->current_item, at);
	if (s->current_item >= 0)
		s->items[s->current_item].entered_ms = 0;
	if (s->open_vote >= 0)
		s->votes[s->open_vote].status = SESSION_VOTE_CLOSED;
	s->open_vote = -1;
	s->ended = true;
	s->ended_ms = at;
}

/* ---- what /undo needs (struct session_action) ---- */

static bool copy_ballot(const struct session_vote *vote, int participant, struct session_action *a)
{
	int i = participant >= 0 ? vote_state_ballot_index(vote, participant) : -1;
	if (i < 0)
		return true;
	const struct session_ballot *b = &vote->ballots[i];
	a->had_ballot = true;
	a->before = (struct session_ballot){ .participant = participant, .n_choices = b->n_choices, .seq = b->seq };
	if (b->n_choices > 0 && !(a->before.choices = malloc((size_t)b->n_choices * sizeof *b->choices)))
		return false;
	if (b->n_choices > 0)
		memcpy(a->before.choices, b->choices, (size_t)b->n_choices * sizeof *b->choices);
	a->before.reason = session_strdup(b->reason);
	return a->before.reason || !b->reason;
}

/* Fills the action with what the model holds before the event changes it. */
static bool action_before(struct session *s, const struct event *ev, struct session_action *a)
{
	*a = (struct session_action){ .seq = ev->seq, .type = ev->type, .contribution = -1, .vote = -1,
		.participant = -1, .item = -1, .from = s->current_item };
	session_copy(a->console, sizeof a->console, ev->console);
	switch (ev->type) {
	case EVENT_EDIT:
	case EVENT_RETRACT: {
		const char *uuid = ev->type == EVENT_EDIT ? ev->as.edit.contribution : ev->as.retract.contribution;
		int64_t ref = ev->type == EVENT_EDIT ? ev->as.edit.ref : ev->as.retract.ref;
		struct session_contribution *c = referred(s, uuid, ref);
		a->contribution = c ? (int)(c - s->contributions) : -1;
		if (c && ev->type == EVENT_EDIT) {
			a->kind_before = c->kind;
			a->speaker_before = c->participant;
			a->item_before = c->item;
			if (!(a->text_before = strdup(c->text)))
				return false;
			return copy_strings((const char *const *)c->tags, c->n_tags, &a->tags_before, &a->n_tags_before);
		}
		return true;
	}
	case EVENT_BALLOT:
	case EVENT_WITHDRAW: {
		const char *vote_id = ev->type == EVENT_BALLOT ? ev->as.ballot.vote_id : ev->as.withdraw.vote_id;
		const char *who = ev->type == EVENT_BALLOT ? ev->as.ballot.participant : ev->as.withdraw.participant;
		a->vote = session_vote_index(s, vote_id);
		a->participant = who ? session_participant_index(s, who) : -1;
		return a->vote < 0 || copy_ballot(&s->votes[a->vote], a->participant, a);
	}
	case EVENT_COUNTS: a->vote = session_vote_index(s, ev->as.counts.vote_id); return true;
	case EVENT_VOTE_CLOSE: a->vote = session_vote_index(s, ev->as.vote_close.vote_id); return true;
	case EVENT_VOTE_REOPEN: a->vote = session_vote_index(s, ev->as.vote_reopen.vote_id); return true;
	case EVENT_ITEM: a->item = item_index(s, ev->as.item.item); return true;
	case EVENT_EXTEND:
		a->item = item_index(s, ev->as.extend.item);
		a->minutes = ev->as.extend.minutes;
		return true;
	default: return true;
	}
}

static void action_drop(struct session_action *a)
{
	free(a->before.choices);
	free(a->before.reason);
	free(a->text_before);
	for (int k = 0; k < a->n_tags_before; k++)
		free(a->tags_before[k]);
	free(a->tags_before);
}

/* Keeps the action (or, for an event /undo wrote, marks the one it undoes). An old log's
 * /undo (a retraction with undo true, before `undoes`) takes back its contribution. */
static bool action_after(struct session *s, const struct event *ev, struct session_action *a, bool ok)
{
	bool legacy_undo = ev->type == EVENT_RETRACT && ev->as.retract.undo && ev->undoes == 0;
	if (ev->type == EVENT_CONTRIBUTION)
		a->contribution = s->n_contributions - 1;
	if (ev->undoes > 0 || legacy_undo) {
		for (int i = s->n_actions - 1; i >= 0; i--) {
			struct session_action *done = &s->actions[i];
			if (ev->undoes > 0 ? done->seq == ev->undoes
				: done->type == EVENT_CONTRIBUTION && done->contribution == a->contribution) {
				done->undone = true;
				break;
			}
		}
		action_drop(a);
		return true;
	}
	if (!ok || ev->type == EVENT_SESSION_START || ev->type == EVENT_SESSION_END || ev->type == EVENT_LEAD
		|| ev->type == EVENT_UNKNOWN) {
		action_drop(a);
		return true;
	}
	struct session_action *more = session_grow(s->actions, s->n_actions, sizeof *more);
	if (!more) {
		action_drop(a);
		return false;
	}
	s->actions = more;
	s->actions[s->n_actions++] = *a;
	return true;
}

int session_apply_event(struct session *s, const struct event *ev, char *err, size_t errlen)
{
	struct session_action action;
	bool ok = action_before(s, ev, &action);
	int item;
	switch (ev->type) {
	case EVENT_SESSION_START:
		snprintf(s->leader, sizeof s->leader, "%s", ev->console ? ev->console : "");
		s->started_ms = ev->at_ms;
		enter_item(s, s->n_items > 0 ? 0 : -1, ev->at_ms);
		break;
	case EVENT_SESSION_END: apply_end(s, ev->at_ms); break;
	case EVENT_CONTRIBUTION: ok = apply_contribution(s, ev); break;
	case EVENT_EDIT: ok = apply_edit(s, &ev->as.edit); break;
	case EVENT_RETRACT:
		set_retracted(s, referred(s, ev->as.retract.contribution, ev->as.retract.ref), true);
		break;
	case EVENT_RESTORE:
		set_retracted(s, referred(s, ev->as.restore.contribution, ev->as.restore.ref), false);
		break;
	case EVENT_WITHDRAW: apply_withdraw(s, &ev->as.withdraw); break;
	case EVENT_VOTE_REOPEN: apply_vote_reopen(s, &ev->as.vote_reopen); break;
	case EVENT_PARTICIPANT: ok = apply_participant(s, &ev->as.participant); break;
	case EVENT_ITEM:
		if ((item = item_index(s, ev->as.item.item)) >= 0)
			enter_item(s, item, ev->at_ms);
		break;
	case EVENT_EXTEND:
		if ((item = item_index(s, ev->as.extend.item)) >= 0)
			s->items[item].planned_seconds = (int)ev->as.extend.planned_seconds;
		break;
	case EVENT_VOTE_OPEN: ok = apply_vote_open(s, &ev->as.vote_open); break;
	case EVENT_VOTE_CLOSE: apply_vote_close(s, &ev->as.vote_close); break;
	case EVENT_BALLOT: ok = apply_ballot(s, ev); break;
	case EVENT_COUNTS: ok = apply_counts(s, &ev->as.counts); break;
	case EVENT_RECOMMENDATION: ok = apply_recommendation(s, ev); break;
	case EVENT_CONSENT: {
		int who = session_participant_index(s, ev->as.consent.participant);
		if (who >= 0)
			s->participants[who].consent_quotes = ev->as.consent.quotes;
		break;
	}
	case EVENT_LEAD: snprintf(s->leader, sizeof s->leader, "%s", ev->as.lead.leader); break;
	case EVENT_ERASURE: break; /* what was erased is gone from the log already */
	case EVENT_UNKNOWN: break;
	}
	ok = action_after(s, ev, &action, ok) && ok;
	if (ev->seq > s->last_seq)
		s->last_seq = ev->seq;
	if (!ok) {
		errmsg_fail(err, errlen, "out of memory while reading session %s", s->id);
		return EX_OSERR;
	}
	return 0;
}

/* Decodes one stored event and applies it; a damaged one is skipped like an event the
 * model cannot place, unless its payload is not JSON at all. */
static int replay_one(struct session *s, const struct store_event *row, char *err, size_t errlen)
{
	struct event ev;
	char problem[128];
	enum event_decoded decoded = event_decode(row->type, row->payload, strlen(row->payload), &ev, problem,
		sizeof problem);
	ev.seq = row->seq;
	ev.at_ms = row->at_ms;
	ev.console = row->console;
	switch (decoded) {
	case EVENT_DECODED: break;
	case EVENT_NOT_AN_OBJECT:
		errmsg_fail(err, errlen, "event %lld of session %s in %s is damaged (its payload is not a JSON object);"
			" restore the database from a backup", (long long)row->seq, s->id, store_path(s->store));
		return EX_DATAERR;
	case EVENT_NO_MEMORY:
		errmsg_fail(err, errlen, "out of memory while reading session %s", s->id);
		return EX_OSERR;
	case EVENT_UNKNOWN_TYPE:
	case EVENT_DAMAGED:
		ev = (struct event){ .type = EVENT_UNKNOWN, .seq = row->seq }; /* moves last_seq on */
		break;
	}
	int rc = session_apply_event(s, &ev, err, errlen);
	event_free(&ev);
	return rc;
}

int session_replay(struct session *s, bool *changed, char *err, size_t errlen)
{
	struct store_events *it;
	struct store_event row;
	if (changed)
		*changed = false;
	int rc = store_events_open(s->store, s->id, s->last_seq, &it, err, errlen);
	if (rc)
		return rc;
	int more;
	while ((more = store_events_next(it, &row, err, errlen)) == 1) {
		if ((rc = replay_one(s, &row, err, errlen)))
			break;
		if (changed)
			*changed = true;
	}
	if (!rc && more > 1)
		rc = more;
	store_events_close(it);
	return rc;
}
