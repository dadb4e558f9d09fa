/* session_votes: see session_votes.h. */
#include "sessions/session_votes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config/vote_rules.h"
#include "sessions/errmsg.h"
#include "sessions/json.h"
#include "sessions/tally.h"
#include "sessions/vote_state.h"

static int open_vote(struct line_ctx *x, const struct agenda_vote *def, bool poll)
{
	struct session *s = x->s;
	x->event.type = EVENT_VOTE_OPEN;
	struct event_vote_open *e = &x->event.as.vote_open;
	*e = (struct event_vote_open){ .vote_id = def->id, .item = line_item_id(s, s->current_item),
		.poll = poll ? def : NULL };
	int rc = line_new_uuid(x, e->vote);
	struct json_buf definition = { 0 };
	if (!rc && poll) {
		event_encode_poll(def, &definition);
		if (definition.failed) {
			errmsg_fail(LINE_MSG(x), "out of memory");
			rc = EX_OSERR;
		}
	}
	struct store_vote_row row = { .id = e->vote, .session = s->id, .item = e->item, .vote_id = def->id,
		.definition = poll ? definition.data : NULL, .opened_ms = x->now };
	if (!rc && !(rc = line_emit(x))) {
		row.seq = x->seq;
		rc = store_insert_vote(s->store, &row, LINE_MSG(x));
	}
	json_buf_free(&definition);
	if (rc)
		return rc;
	return line_say(x, "vote %s open (%s%s): %s", def->id, vote_type_name(def->type),
		def->anonymous ? ", anonymous: give counts with = n1 n2 ..." : "", def->question);
}

int command_vote(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int v = session_vote_typed(s, cl->args[0]);
	if (s->open_vote >= 0)
		return line_refuse(x, "vote %s is still open; /close it first", s->votes[s->open_vote].def->id);
	if (v < 0 || s->votes[v].adhoc) {
		char ids[300] = "";
		size_t used = 0;
		for (int i = 0; i < s->n_votes && used < sizeof ids - 40; i++)
			if (s->votes[i].item == s->current_item && !s->votes[i].adhoc)
				used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", used ? ", " : "",
					s->votes[i].def->id);
		char echo[LINE_ECHO_SIZE];
		return line_refuse(x, "unknown vote %s (votes of this item: %s)", errmsg_cut(cl->args[0], LINE_ECHO_CHARS,
			echo, sizeof echo), used ? ids : "none");
	}
	if (s->votes[v].item != s->current_item)
		return line_refuse(x, "vote %s belongs to item %s; go there first with /item %s", s->votes[v].def->id,
			line_item_id(s, s->votes[v].item), line_item_id(s, s->votes[v].item));
	if (s->votes[v].status == SESSION_VOTE_CLOSED)
		return line_refuse(x, "vote %s was already held and is closed", s->votes[v].def->id);
	return open_vote(x, s->votes[v].def, false);
}

int command_close(struct line_ctx *x)
{
	struct session *s = x->s;
	if (s->open_vote < 0)
		return line_refuse(x, "no vote is open");
	const struct session_vote *v = &s->votes[s->open_vote];
	int rc = line_vote_status(x, s->open_vote, false, 0);
	if (rc)
		return rc;
	if (v->def->anonymous)
		return line_say(x, "vote %s closed (%s)", v->def->id, v->counts ? "counts given" : "no counts given");
	return line_say(x, "vote %s closed: %d ballot%s", v->def->id, v->n_ballots, v->n_ballots == 1 ? "" : "s");
}

static void roles_list(const struct agenda_vote *def, char *out, size_t outlen)
{
	size_t used = 0;
	out[0] = '\0';
	for (int r = 0; r < ROLE_COUNT && used < outlen; r++)
		if (def->voter_roles[r])
			used += (size_t)snprintf(out + used, outlen - used, "%s%ss", used ? ", " : "",
				participant_role_name((enum participant_role)r));
}

static int may_vote(struct line_ctx *x, const struct session_vote *v, const struct session_participant *who)
{
	if (v->def->anonymous)
		return line_refuse(x, "vote %s is anonymous: no named ballots; give the counts with = n1 n2 ...",
			v->def->id);
	if (vote_state_may_vote(v, who->role))
		return 0;
	char roles[100];
	roles_list(v->def, roles, sizeof roles);
	/* as a sentence says it: an interpreter, an observer, staff */
	const char *as = who->role == ROLE_STAFF ? "" : who->role == ROLE_EXPERT || who->role == ROLE_INTERPRETER
		|| who->role == ROLE_OBSERVER ? "an " : "a ";
	return line_refuse(x, "%s is %s%s and may not vote on %s (voters: %s)", who->id, as,
		participant_role_name(who->role), v->def->id, roles);
}

static int ballot_of(struct line_ctx *x, const char *speaker, const char *body);

int command_ballot(struct line_ctx *x, const struct capture_line *cl)
{
	return ballot_of(x, cl->speaker, cl->body);
}

int command_ballot_forced(struct line_ctx *x, const struct capture_line *cl)
{
	if (x->s->open_vote < 0)
		return line_refuse(x, "no vote is open: /ballot is for the open vote");
	return ballot_of(x, cl->args[0], cl->args[1]);
}

static int ballot_of(struct line_ctx *x, const char *speaker, const char *body)
{
	struct session *s = x->s;
	const struct session_vote *v = &s->votes[s->open_vote];
	int participant = session_participant_typed(s, speaker);
	if (participant < 0)
		return line_unknown_participant(x, speaker);
	const struct session_participant *who = &s->participants[participant];
	int rc = may_vote(x, v, who);
	if (rc)
		return rc;
	int *choices, n;
	char *reason = NULL, why[SESSION_MESSAGE_MAX - 40];
	if (!capture_parse_ballot(body, v->def, &choices, &n, &reason, why, sizeof why))
		return line_refuse(x, "ballot of %s on %s: %s", who->id, v->def->id, why);
	bool kept = event_keep(&x->event, choices) != NULL;
	if ((reason && !event_keep(&x->event, reason)) || !kept) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	bool replaces = vote_state_has_ballot(v, participant);
	x->event.type = EVENT_BALLOT;
	x->event.as.ballot = (struct event_ballot){ .vote = v->id, .vote_id = v->def->id, .participant = who->id,
		.choices = choices, .n_choices = n, .reason = reason };
	struct json_buf list = { 0 };
	json_array_begin(&list);
	for (int i = 0; i < n; i++)
		json_int(&list, choices[i]);
	json_array_end(&list);
	rc = list.failed ? (errmsg_fail(LINE_MSG(x), "out of memory"), EX_OSERR) : line_emit(x);
	if (!rc)
		rc = store_insert_ballot(s->store, x->seq, v->id, who->id, list.data, reason, LINE_MSG(x));
	json_buf_free(&list);
	if (rc)
		return rc;
	/* the status line is seen by the room: a hidden vote's choices stay hidden */
	const char *what = replaces ? "replaced the ballot of" : "ballot of";
	if (!vote_state_results_visible(v))
		return line_say(x, "%s %s on %s (results hidden until the vote closes)", what, who->id, v->def->id);
	char echo[LINE_ECHO_SIZE];
	return line_say(x, "%s %s on %s: %s", what, who->id, v->def->id, errmsg_cut(body, LINE_ECHO_CHARS, echo,
		sizeof echo));
}

static int ballot_json(struct line_ctx *x, const int *choices, int n, struct json_buf *list)
{
	*list = (struct json_buf){ 0 };
	json_array_begin(list);
	for (int i = 0; i < n; i++)
		json_int(list, choices[i]);
	json_array_end(list);
	if (!list->failed)
		return 0;
	json_buf_free(list);
	errmsg_fail(LINE_MSG(x), "out of memory");
	return EX_OSERR;
}

int line_set_ballot(struct line_ctx *x, int vote, int participant, const struct session_ballot *ballot,
	int64_t undoes)
{
	struct session *s = x->s;
	const struct session_vote *v = &s->votes[vote];
	const char *who = s->participants[participant].id;
	x->event.undoes = undoes;
	if (ballot) {
		x->event.type = EVENT_BALLOT;
		x->event.as.ballot = (struct event_ballot){ .vote = v->id, .vote_id = v->def->id, .participant = who,
			.choices = ballot->choices, .n_choices = ballot->n_choices, .reason = ballot->reason };
	} else {
		x->event.type = EVENT_WITHDRAW;
		x->event.as.withdraw = (struct event_withdraw){ .vote = v->id, .vote_id = v->def->id, .participant = who };
	}
	struct json_buf list;
	int rc = ballot_json(x, ballot ? ballot->choices : NULL, ballot ? ballot->n_choices : 0, &list);
	if (!rc)
		rc = line_emit(x);
	if (!rc)
		rc = store_insert_ballot(s->store, x->seq, v->id, who, list.data, ballot ? ballot->reason : NULL,
			LINE_MSG(x));
	json_buf_free(&list);
	return rc;
}

int command_withdraw(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->open_vote < 0)
		return line_refuse(x, "no vote is open: only a ballot on the open vote can be withdrawn");
	int participant = session_participant_typed(s, cl->args[0]);
	if (participant < 0)
		return line_unknown_participant(x, cl->args[0]);
	const struct session_vote *v = &s->votes[s->open_vote];
	if (!vote_state_has_ballot(v, participant))
		return line_refuse(x, "%s has no ballot on %s to withdraw", s->participants[participant].id, v->def->id);
	int rc = line_set_ballot(x, s->open_vote, participant, NULL, 0);
	return rc ? rc : line_say(x, "withdrew the ballot of %s on %s (/undo brings it back)",
		s->participants[participant].id, v->def->id);
}

int line_vote_status(struct line_ctx *x, int vote, bool open, int64_t undoes)
{
	struct session *s = x->s;
	const struct session_vote *v = &s->votes[vote];
	x->event.type = open ? EVENT_VOTE_REOPEN : EVENT_VOTE_CLOSE;
	x->event.undoes = undoes;
	x->event.as.vote_close = (struct event_vote_close){ .vote = v->id, .vote_id = v->def->id };
	int rc = line_emit(x);
	if (!rc)
		rc = open ? store_reopen_vote(s->store, v->id, LINE_MSG(x)) : store_close_vote(s->store, v->id, x->now,
			LINE_MSG(x));
	return rc;
}

int command_reopen(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int v = session_vote_typed(s, cl->args[0]);
	char echo[LINE_ECHO_SIZE];
	if (v < 0 || s->votes[v].item != s->current_item || s->votes[v].status != SESSION_VOTE_CLOSED) {
		char ids[300] = "";
		size_t used = 0;
		for (int i = 0; i < s->n_votes && used < sizeof ids - 40; i++)
			if (s->votes[i].item == s->current_item && s->votes[i].status == SESSION_VOTE_CLOSED)
				used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", used ? ", " : "",
					s->votes[i].def->id);
		return line_refuse(x, "no closed vote %s on this item (closed votes here: %s)",
			errmsg_cut(cl->args[0], LINE_ECHO_CHARS, echo, sizeof echo), used ? ids : "none");
	}
	if (s->open_vote >= 0)
		return line_refuse(x, "vote %s is still open; /close it first", s->votes[s->open_vote].def->id);
	int rc = line_vote_status(x, v, true, 0);
	if (rc)
		return rc;
	if (s->votes[v].def->anonymous)
		return line_say(x, "vote %s is open again: %s", s->votes[v].def->id,
			s->votes[v].counts ? "its counts stand; new counts replace them" : "give the counts with = n1 n2 ...");
	return line_say(x, "vote %s is open again: its %d ballot%s stand; new ones replace them",
		s->votes[v].def->id, s->votes[v].n_ballots, s->votes[v].n_ballots == 1 ? "" : "s");
}

static int wrong_counts(struct line_ctx *x, const struct agenda_vote *def, int slots, int given)
{
	if (def->type == VOTE_SCALE)
		return line_refuse(x, "vote %s needs %d counts, one per value from %d to %d; you gave %d", def->id, slots,
			def->min, def->max, given);
	if (def->type == VOTE_CONSENT)
		return line_refuse(x, "vote %s needs 4 counts (agree, abstain, disagree, block); you gave %d", def->id,
			given);
	return line_refuse(x, "vote %s has %d options: give %d counts; you gave %d", def->id, slots, slots, given);
}

int command_counts(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->open_vote < 0)
		return line_refuse(x, "no vote is open; counts (= n1 n2 ...) are for an open anonymous vote");
	const struct session_vote *v = &s->votes[s->open_vote];
	if (!v->def->anonymous)
		return line_refuse(x, "vote %s is not anonymous: record each ballot as ID: choice", v->def->id);
	int slots = tally_count_slots(v->def);
	if (cl->n_counts != slots)
		return wrong_counts(x, v->def, slots, cl->n_counts);
	for (int i = 0; i < cl->n_counts; i++)
		if (cl->counts[i] < 0)
			return line_refuse(x, "counts cannot be negative (count %d is %ld)", i + 1, cl->counts[i]);
	x->event.type = EVENT_COUNTS;
	x->event.as.counts = (struct event_counts){ .vote = v->id, .vote_id = v->def->id, .counts = cl->counts,
		.n_counts = cl->n_counts };
	struct json_buf list = { 0 };
	json_array_begin(&list);
	for (int i = 0; i < cl->n_counts; i++)
		json_int(&list, cl->counts[i]);
	json_array_end(&list);
	int rc = list.failed ? (errmsg_fail(LINE_MSG(x), "out of memory"), EX_OSERR) : line_emit(x);
	if (!rc)
		rc = store_insert_ballot(s->store, x->seq, v->id, NULL, list.data, NULL, LINE_MSG(x));
	if (!rc && !vote_state_results_visible(v))
		line_say(x, "counts for %s recorded (results hidden until the vote closes)", v->def->id);
	else if (!rc)
		line_say(x, "counts for %s: %s", v->def->id, list.data);
	json_buf_free(&list);
	return rc;
}

/* A poll's definition from the line, checked by the rules the agenda loader checks a vote
 * by (config/vote_rules.h); it
 * borrows the line's strings and is freed with the line (x->poll). */
static int poll_definition(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	enum vote_type type;
	if (!vote_type_parse(cl->args[0], &type))
	{
		char echo[LINE_ECHO_SIZE];
		return line_refuse(x, "poll: unknown type %s (types: single, multi, dots, rank, scale, consent)",
			errmsg_cut(cl->args[0], 20, echo, sizeof echo));
	}
	int n_options = cl->n_args - 2;
	struct agenda_vote probe = { .type = type, .options = n_options > 0 ? (char **)&cl->args[2] : NULL,
		.n_options = n_options, .max_choices = n_options, .dots = EVENT_POLL_DOTS, .min = EVENT_POLL_SCALE_MIN,
		.max = EVENT_POLL_SCALE_MAX };
	struct vote_problem p;
	if (vote_rules_check(&probe, &p, 1) > 0) {
		if (p.rule == VOTE_RULE_OPTION_COUNT)
			return line_refuse(x, "poll: a %s poll needs %ld to %ld options separated by |; you gave %ld",
				cl->args[0], p.lo, p.hi, p.value);
		if (p.rule == VOTE_RULE_NO_OPTIONS)
			return line_refuse(x, "poll: a %s poll takes no options%s", cl->args[0],
				type == VOTE_SCALE ? " (it runs from 1 to 5)" : " (agree, abstain, disagree, block)");
		if (p.rule == VOTE_RULE_DUPLICATE_OPTION)
		{
			char echo[LINE_ECHO_SIZE];
			return line_refuse(x, "poll: option \"%s\" is given twice", errmsg_cut(probe.options[p.index],
				LINE_ECHO_CHARS, echo, sizeof echo));
		}
		return line_refuse(x, "poll: %s", p.message);
	}
	struct agenda_vote *def = x->poll = calloc(1, sizeof *def);
	char *id = def ? event_keep(&x->event, malloc(AGENDA_ID_MAX + 1)) : NULL;
	if (!id) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	for (int n = 1;; n++) {
		snprintf(id, AGENDA_ID_MAX + 1, "poll-%d", n);
		if (session_vote_index(s, id) < 0)
			break;
	}
	*def = probe;
	def->id = id;
	def->question = cl->args[1];
	def->voter_roles[ROLE_EXPERT] = true;
	return 0;
}

int command_poll(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->open_vote >= 0)
		return line_refuse(x, "vote %s is still open; /close it first", s->votes[s->open_vote].def->id);
	if (s->current_item < 0)
		return line_refuse(x, "this agenda has no items to hold a poll on");
	int rc = poll_definition(x, cl);
	return rc ? rc : open_vote(x, x->poll, true);
}
