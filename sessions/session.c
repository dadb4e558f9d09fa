/* session: see session.h.
 *
 * The model is event-sourced: every accepted line becomes one event in the store, and
 * the model changes only by model_apply() on an event, whether the event was just
 * committed here, is replayed by session_load(), or was written by another console and
 * folded in by session_refresh(). So a reloaded model is the live one by construction.
 * The other tables (votes, ballots, items, ...) are written in the same transaction as
 * the event, for reports and search; contributions, their codes, the report counts and
 * the search index are derived from the events later (session_settle()). The model never
 * reads any of them.
 *
 * A line is handled inside one BEGIN IMMEDIATE transaction: first the events other
 * consoles committed are folded in, then the line is checked against the up-to-date
 * model, then the event and its rows are written and committed, and only then applied.
 * A refused line rolls back and writes nothing. Never prints, never exits. */
#include "sessions/session.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "sessions/errmsg.h"
#include "sessions/json.h"
#include "sessions/uuid.h"

/* Event types; payloads are documented in docs/schema.md. */
#define EV_START "session.start"
#define EV_END "session.end"
#define EV_CONTRIBUTION STORE_EV_CONTRIBUTION /* these three are projected by store.c */
#define EV_EDIT STORE_EV_EDIT
#define EV_RETRACT STORE_EV_RETRACT
#define EV_PARTICIPANT "participant.add"
#define EV_ITEM "item.enter"
#define EV_EXTEND "item.extend"
#define EV_VOTE_OPEN "vote.open"
#define EV_VOTE_CLOSE "vote.close"
#define EV_BALLOT "ballot"
#define EV_COUNTS "counts"
#define EV_RECOMMENDATION "recommendation"

enum {
	POLL_DOTS = 3,       /* dots per voter in a /poll of type dots */
	POLL_SCALE_MIN = 1,  /* a /poll of type scale runs 1-5 */
	POLL_SCALE_MAX = 5,
};

/* Makes room for one more element in an array that holds n: returns the array itself,
 * a bigger one (the old one is then freed) or NULL when out of memory. Capacity is 4,
 * then doubles whenever n reaches a power of two; every growing array goes through this. */
static void *grow(void *array, int n, size_t size)
{
	if (n >= 4 && (n & (n - 1)) != 0)
		return array;
	return realloc(array, (n < 4 ? 4 : (size_t)n * 2) * size);
}

static char *dup_or_null(const char *text)
{
	return text ? strdup(text) : NULL;
}

/* ---- clock ---- */

static int64_t system_now_ms(void *ctx)
{
	(void)ctx;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct session_clock session_clock_system(void)
{
	return (struct session_clock){ system_now_ms, NULL };
}

static int64_t now_ms(const struct session *s)
{
	return s->clock.now_ms(s->clock.ctx);
}

/* ---- lookups ---- */

int session_participant_index(const struct session *session, const char *id)
{
	for (int i = 0; i < session->n_participants; i++)
		if (strcmp(session->participants[i].id, id) == 0)
			return i;
	return -1;
}

int session_contribution_index(const struct session *session, int64_t seq)
{
	int lo = 0, hi = session->n_contributions - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (session->contributions[mid].seq == seq)
			return mid;
		if (session->contributions[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int session_vote_index(const struct session *session, const char *vote_id)
{
	for (int i = 0; i < session->n_votes; i++)
		if (strcmp(session->votes[i].def->id, vote_id) == 0)
			return i;
	return -1;
}

int64_t session_item_elapsed_ms(const struct session *session, int item, int64_t now)
{
	if (item < 0 || item >= session->n_items)
		return 0;
	const struct session_item *it = &session->items[item];
	return it->spent_ms + (it->entered_ms && now > it->entered_ms ? now - it->entered_ms : 0);
}

bool session_participant_spoke_on(const struct session *session, int participant, int item)
{
	for (int i = 0; i < session->n_contributions; i++) {
		const struct session_contribution *c = &session->contributions[i];
		if (c->participant == participant && c->item == item && !c->retracted)
			return true;
	}
	return false;
}

static const char *item_id(const struct session *s, int item)
{
	return s->items[item].def->id;
}

/* ---- freeing ---- */

static void free_poll_def(struct agenda_vote *def)
{
	if (!def)
		return;
	free(def->id);
	free(def->question);
	for (int i = 0; i < def->n_options; i++)
		free(def->options[i]);
	free(def->options);
	free(def);
}

static void free_ballot(struct session_ballot *b)
{
	free(b->choices);
	free(b->reason);
}

static void free_contribution(struct session_contribution *c)
{
	free(c->text);
	for (int i = 0; i < c->n_tags; i++)
		free(c->tags[i]);
	free(c->tags);
}

void session_free(struct session *session)
{
	if (!session)
		return;
	for (int i = 0; i < session->n_participants; i++) {
		free(session->participants[i].name);
		free(session->participants[i].community);
	}
	free(session->participants);
	free(session->items);
	for (int i = 0; i < session->n_contributions; i++)
		free_contribution(&session->contributions[i]);
	free(session->contributions);
	for (int i = 0; i < session->n_votes; i++) {
		struct session_vote *v = &session->votes[i];
		for (int k = 0; k < v->n_ballots; k++)
			free_ballot(&v->ballots[k]);
		free(v->ballots);
		free(v->counts);
		if (v->adhoc)
			free_poll_def((struct agenda_vote *)v->def);
	}
	free(session->votes);
	for (int i = 0; i < session->n_recommendations; i++)
		free(session->recommendations[i].text);
	free(session->recommendations);
	agenda_free(session->agenda);
	free(session);
}

/* ---- the model from the agenda ---- */

static bool model_init(struct session *s)
{
	const struct agenda *a = s->agenda;
	s->current_item = -1;
	s->open_vote = -1;
	for (int i = 0; i < a->n_participants; i++) {
		const struct agenda_participant *ap = &a->participants[i];
		struct session_participant *more = grow(s->participants, s->n_participants, sizeof *more);
		if (!more)
			return false;
		s->participants = more;
		struct session_participant *p = &s->participants[s->n_participants++];
		*p = (struct session_participant){ 0 };
		snprintf(p->id, sizeof p->id, "%s", ap->id);
		p->name = dup_or_null(ap->name);
		p->community = dup_or_null(ap->community);
		p->role = ap->role;
		p->consent_quotes = ap->consent_quotes;
		if ((ap->name && !p->name) || (ap->community && !p->community))
			return false;
	}
	if (a->n_items > 0) {
		s->items = calloc((size_t)a->n_items, sizeof *s->items);
		if (!s->items)
			return false;
	}
	for (int i = 0; i < a->n_items; i++) {
		s->items[i].def = &a->items[i];
		s->items[i].planned_seconds = a->items[i].minutes * 60;
	}
	s->n_items = a->n_items;
	for (int i = 0; i < a->n_items; i++) {
		for (int k = 0; k < a->items[i].n_votes; k++) {
			struct session_vote *more = grow(s->votes, s->n_votes, sizeof *more);
			if (!more)
				return false;
			s->votes = more;
			s->votes[s->n_votes++] = (struct session_vote){ .def = &a->items[i].votes[k], .item = i };
		}
	}
	return true;
}

/* ---- applying events to the model ---- */

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

static int item_from(const struct session *s, const struct json_value *p, const char *key)
{
	const char *id = json_get_string(p, key);
	return id ? agenda_item_index(s->agenda, id) : -1;
}

static bool strings_from(const struct json_value *array, char ***out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!array || array->type != JSON_ARRAY || array->n_items == 0)
		return true;
	*out = calloc((size_t)array->n_items, sizeof **out);
	if (!*out)
		return false;
	for (int i = 0; i < array->n_items; i++) {
		if (array->items[i].type != JSON_STRING)
			continue;
		if (!((*out)[*n] = strdup(array->items[i].string)))
			return false;
		(*n)++;
	}
	return true;
}

static bool ints_from(const struct json_value *array, int **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!array || array->type != JSON_ARRAY || array->n_items == 0)
		return true;
	*out = calloc((size_t)array->n_items, sizeof **out);
	if (!*out)
		return false;
	for (int i = 0; i < array->n_items; i++)
		if (array->items[i].type == JSON_NUMBER)
			(*out)[(*n)++] = (int)array->items[i].number;
	return true;
}

static bool apply_contribution(struct session *s, const struct store_event *ev, const struct json_value *p)
{
	int item = item_from(s, p, "item");
	const char *who = json_get_string(p, "participant");
	int participant = who ? session_participant_index(s, who) : -1;
	const char *text = json_get_string(p, "text");
	enum contribution_kind kind = KIND_NOTE;
	const char *kind_name = json_get_string(p, "kind");
	if (item < 0 || !text || (who && participant < 0) || (kind_name && !contribution_kind_parse(kind_name, &kind)))
		return true; /* not ours to understand: skip rather than lose the session */
	struct session_contribution *more = grow(s->contributions, s->n_contributions, sizeof *more);
	if (!more)
		return false;
	s->contributions = more;
	struct session_contribution *c = &s->contributions[s->n_contributions];
	*c = (struct session_contribution){ .seq = ev->seq, .item = item, .participant = participant,
		.kind = kind, .at_ms = ev->at_ms };
	snprintf(c->id, sizeof c->id, "%s", json_get_string(p, "id") ? json_get_string(p, "id") : "");
	snprintf(c->console, sizeof c->console, "%s", ev->console);
	c->text = strdup(text);
	bool ok = c->text && strings_from(json_get(p, "tags"), &c->tags, &c->n_tags);
	s->n_contributions++;
	if (participant >= 0) {
		s->participants[participant].n_contributions++;
		s->participants[participant].last_spoke_ms = ev->at_ms;
	}
	return ok;
}

static struct session_contribution *contribution_ref(struct session *s, const struct json_value *p)
{
	int i = session_contribution_index(s, json_get_int(p, "ref", 0));
	return i >= 0 ? &s->contributions[i] : NULL;
}

static bool apply_edit(struct session *s, const struct json_value *p)
{
	struct session_contribution *c = contribution_ref(s, p);
	const char *text = json_get_string(p, "text");
	const char *kind = json_get_string(p, "kind");
	if (!c || !text)
		return true;
	char *copy = strdup(text);
	if (!copy)
		return false;
	free(c->text);
	c->text = copy;
	c->n_edits++;
	if (kind)
		contribution_kind_parse(kind, &c->kind);
	char **added;
	int n_added;
	if (!strings_from(json_get(p, "tags"), &added, &n_added))
		return false;
	for (int i = 0; i < n_added; i++) {
		bool known = false;
		for (int k = 0; k < c->n_tags; k++)
			known = known || strcmp(c->tags[k], added[i]) == 0;
		char **tags = known ? NULL : realloc(c->tags, (size_t)(c->n_tags + 1) * sizeof *tags);
		if (tags) {
			c->tags = tags;
			c->tags[c->n_tags++] = added[i];
		} else {
			free(added[i]);
		}
	}
	free(added);
	return true;
}

static void apply_retract(struct session *s, const struct json_value *p)
{
	struct session_contribution *c = contribution_ref(s, p);
	if (!c || c->retracted)
		return;
	c->retracted = true;
	if (c->participant >= 0) {
		struct session_participant *who = &s->participants[c->participant];
		who->n_contributions--;
		who->last_spoke_ms = 0;
		for (int i = 0; i < s->n_contributions; i++)
			if (s->contributions[i].participant == c->participant && !s->contributions[i].retracted)
				who->last_spoke_ms = s->contributions[i].at_ms;
	}
}

static bool apply_participant(struct session *s, const struct json_value *p)
{
	const char *id = json_get_string(p, "id");
	if (!id || strlen(id) > AGENDA_ID_MAX || session_participant_index(s, id) >= 0)
		return true;
	struct session_participant *more = grow(s->participants, s->n_participants, sizeof *more);
	if (!more)
		return false;
	s->participants = more;
	struct session_participant *n = &s->participants[s->n_participants++];
	*n = (struct session_participant){ .role = ROLE_EXPERT, .added_live = true };
	snprintf(n->id, sizeof n->id, "%s", id);
	const char *role = json_get_string(p, "role");
	if (role)
		participant_role_parse(role, &n->role);
	n->name = dup_or_null(json_get_string(p, "name"));
	return n->name || !json_get_string(p, "name");
}

static struct agenda_vote *poll_from(const struct json_value *d)
{
	struct agenda_vote *def = calloc(1, sizeof *def);
	const char *type = json_get_string(d, "type");
	if (!def)
		return NULL;
	def->id = dup_or_null(json_get_string(d, "id"));
	def->question = dup_or_null(json_get_string(d, "question"));
	bool ok = def->id && def->question && type && vote_type_parse(type, &def->type)
		&& strings_from(json_get(d, "options"), &def->options, &def->n_options);
	def->max_choices = (int)json_get_int(d, "max_choices", def->n_options);
	def->dots = (int)json_get_int(d, "dots", POLL_DOTS);
	def->max_per_option = (int)json_get_int(d, "max_per_option", 0);
	def->min = (int)json_get_int(d, "min", POLL_SCALE_MIN);
	def->max = (int)json_get_int(d, "max", POLL_SCALE_MAX);
	def->anonymous = json_get_bool(d, "anonymous", false);
	const struct json_value *roles = json_get(d, "voter_roles");
	for (int i = 0; roles && roles->type == JSON_ARRAY && i < roles->n_items; i++) {
		enum participant_role role;
		if (roles->items[i].type == JSON_STRING && participant_role_parse(roles->items[i].string, &role))
			def->voter_roles[role] = true;
	}
	if (!roles)
		def->voter_roles[ROLE_EXPERT] = true;
	if (!ok) {
		free_poll_def(def);
		return NULL;
	}
	return def;
}

static bool apply_vote_open(struct session *s, const struct json_value *p)
{
	const char *vote_id = json_get_string(p, "vote_id");
	const struct json_value *poll = json_get(p, "poll");
	int v = vote_id ? session_vote_index(s, vote_id) : -1;
	if (poll && v < 0) {
		int item = item_from(s, p, "item");
		struct agenda_vote *def = poll_from(poll);
		struct session_vote *more = item >= 0 && def ? grow(s->votes, s->n_votes, sizeof *more) : NULL;
		if (!more) {
			bool oom = def != NULL && item >= 0;
			free_poll_def(def);
			return !oom;
		}
		s->votes = more;
		v = s->n_votes++;
		s->votes[v] = (struct session_vote){ .def = def, .item = item, .adhoc = true };
	}
	if (v < 0)
		return true;
	snprintf(s->votes[v].id, sizeof s->votes[v].id, "%s", json_get_string(p, "vote") ? json_get_string(p, "vote") : "");
	s->votes[v].status = SESSION_VOTE_OPEN;
	s->open_vote = v;
	return true;
}

static void apply_vote_close(struct session *s, const struct json_value *p)
{
	const char *vote_id = json_get_string(p, "vote_id");
	int v = vote_id ? session_vote_index(s, vote_id) : -1;
	if (v < 0)
		return;
	s->votes[v].status = SESSION_VOTE_CLOSED;
	if (s->open_vote == v)
		s->open_vote = -1;
}

static bool apply_ballot(struct session *s, const struct store_event *ev, const struct json_value *p)
{
	const char *vote_id = json_get_string(p, "vote_id");
	const char *who = json_get_string(p, "participant");
	int v = vote_id ? session_vote_index(s, vote_id) : -1;
	int participant = who ? session_participant_index(s, who) : -1;
	if (v < 0 || participant < 0)
		return true;
	struct session_vote *vote = &s->votes[v];
	struct session_ballot b = { .participant = participant, .seq = ev->seq };
	if (!ints_from(json_get(p, "choices"), &b.choices, &b.n_choices))
		return false;
	b.reason = dup_or_null(json_get_string(p, "reason"));
	for (int i = 0; i < vote->n_ballots; i++) {
		if (vote->ballots[i].participant == participant) {
			free_ballot(&vote->ballots[i]);
			vote->ballots[i] = b;
			return true;
		}
	}
	struct session_ballot *more = grow(vote->ballots, vote->n_ballots, sizeof *more);
	if (!more) {
		free_ballot(&b);
		return false;
	}
	vote->ballots = more;
	vote->ballots[vote->n_ballots++] = b;
	return true;
}

static bool apply_counts(struct session *s, const struct json_value *p)
{
	const char *vote_id = json_get_string(p, "vote_id");
	const struct json_value *counts = json_get(p, "counts");
	int v = vote_id ? session_vote_index(s, vote_id) : -1;
	if (v < 0 || !counts || counts->type != JSON_ARRAY)
		return true;
	long *list = calloc((size_t)counts->n_items + 1, sizeof *list);
	if (!list)
		return false;
	for (int i = 0; i < counts->n_items; i++)
		list[i] = (long)counts->items[i].number;
	free(s->votes[v].counts);
	s->votes[v].counts = list;
	s->votes[v].n_counts = counts->n_items;
	return true;
}

static bool apply_recommendation(struct session *s, const struct store_event *ev, const struct json_value *p)
{
	int item = item_from(s, p, "item");
	const char *text = json_get_string(p, "text");
	if (item < 0 || !text)
		return true;
	struct session_recommendation *more = grow(s->recommendations, s->n_recommendations, sizeof *more);
	if (!more)
		return false;
	s->recommendations = more;
	struct session_recommendation *r = &s->recommendations[s->n_recommendations];
	*r = (struct session_recommendation){ .seq = ev->seq, .item = item, .text = strdup(text) };
	snprintf(r->id, sizeof r->id, "%s", json_get_string(p, "id") ? json_get_string(p, "id") : "");
	if (!r->text)
		return false;
	s->n_recommendations++;
	return true;
}

static int model_apply(struct session *s, const struct store_event *ev, char *err, size_t errlen)
{
	struct json_value *p = json_parse(ev->payload, strlen(ev->payload));
	if (!p || p->type != JSON_OBJECT) {
		json_free(p);
		errmsg_fail(err, errlen, "event %lld of session %s in %s is damaged (its payload is not a JSON object);"
			" restore the database from a backup", (long long)ev->seq, s->id, store_path(s->store));
		return EX_DATAERR;
	}
	const char *t = ev->type;
	bool ok = true;
	if (strcmp(t, EV_START) == 0) {
		s->started_ms = ev->at_ms;
		enter_item(s, s->n_items > 0 ? 0 : -1, ev->at_ms);
	} else if (strcmp(t, EV_END) == 0) {
		enter_item(s, s->current_item, ev->at_ms);
		if (s->current_item >= 0)
			s->items[s->current_item].entered_ms = 0;
		if (s->open_vote >= 0)
			s->votes[s->open_vote].status = SESSION_VOTE_CLOSED;
		s->open_vote = -1;
		s->ended = true;
		s->ended_ms = ev->at_ms;
	} else if (strcmp(t, EV_CONTRIBUTION) == 0) {
		ok = apply_contribution(s, ev, p);
	} else if (strcmp(t, EV_EDIT) == 0) {
		ok = apply_edit(s, p);
	} else if (strcmp(t, EV_RETRACT) == 0) {
		apply_retract(s, p);
	} else if (strcmp(t, EV_PARTICIPANT) == 0) {
		ok = apply_participant(s, p);
	} else if (strcmp(t, EV_ITEM) == 0) {
		int item = item_from(s, p, "item");
		if (item >= 0)
			enter_item(s, item, ev->at_ms);
	} else if (strcmp(t, EV_EXTEND) == 0) {
		int item = item_from(s, p, "item");
		if (item >= 0)
			s->items[item].planned_seconds = (int)json_get_int(p, "planned_seconds",
				s->items[item].planned_seconds);
	} else if (strcmp(t, EV_VOTE_OPEN) == 0) {
		ok = apply_vote_open(s, p);
	} else if (strcmp(t, EV_VOTE_CLOSE) == 0) {
		apply_vote_close(s, p);
	} else if (strcmp(t, EV_BALLOT) == 0) {
		ok = apply_ballot(s, ev, p);
	} else if (strcmp(t, EV_COUNTS) == 0) {
		ok = apply_counts(s, p);
	} else if (strcmp(t, EV_RECOMMENDATION) == 0) {
		ok = apply_recommendation(s, ev, p);
	}
	/* Unknown types (from a newer build) are skipped: the store refuses newer schemas,
	 * so they can only be additions that this model does not show. */
	json_free(p);
	if (ev->seq > s->last_seq)
		s->last_seq = ev->seq;
	if (!ok) {
		errmsg_fail(err, errlen, "out of memory while reading session %s", s->id);
		return EX_OSERR;
	}
	return 0;
}

/* Folds in every event after last_seq. */
static int catch_up(struct session *s, bool *changed, char *err, size_t errlen)
{
	struct store_events *it;
	struct store_event ev;
	if (changed)
		*changed = false;
	int rc = store_events_open(s->store, s->id, s->last_seq, &it, err, errlen);
	if (rc)
		return rc;
	int more;
	while ((more = store_events_next(it, &ev, err, errlen)) == 1) {
		rc = model_apply(s, &ev, err, errlen);
		if (rc)
			break;
		if (changed)
			*changed = true;
	}
	if (!rc && more > 1)
		rc = more;
	store_events_close(it);
	return rc;
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
	rc = catch_up(session, changed, err, errlen);
	if (!rc) {
		session->seen_data_version = version;
		session->seen_commits = commits;
	}
	return rc;
}

/* ---- starting and loading ---- */

static int new_session(struct store *store, const char *source, size_t len, const char *console,
	struct session_clock clock, struct session **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!console || !console[0])
		console = "console";
	if (strlen(console) > SESSION_CONSOLE_MAX) {
		errmsg_fail(err, errlen, "console name \"%.40s\" is too long: at most %d bytes", console, SESSION_CONSOLE_MAX);
		return EX_USAGE;
	}
	struct session *s = calloc(1, sizeof *s);
	if (!s) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	s->store = store;
	s->clock = clock.now_ms ? clock : session_clock_system();
	snprintf(s->console, sizeof s->console, "%s", console);
	struct diag_list diags;
	diag_list_init(&diags);
	s->agenda = agenda_load_buffer(source, len, &diags);
	if (!s->agenda) {
		errmsg_fail(err, errlen, "the agenda text does not load (%d problems; first: %d:%d: %s)", diags.count,
			diags.count ? diags.items[0].line : 0, diags.count ? diags.items[0].col : 0,
			diags.count ? diags.items[0].message : "unknown");
		diag_list_free(&diags);
		session_free(s);
		return EX_DATAERR;
	}
	diag_list_free(&diags);
	if (!model_init(s)) {
		session_free(s);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	*out = s;
	return 0;
}

/* Remembers the store's state so that the first session_refresh() is cheap. */
static int mark_seen(struct session *s, char *err, size_t errlen)
{
	s->seen_commits = store_commit_count(s->store);
	return store_data_version(s->store, &s->seen_data_version, err, errlen);
}

static int write_start(struct session *s, const struct agenda *a, int64_t now, int64_t *seq, char *err, size_t errlen)
{
	struct store_session_row row = { .id = s->id, .title = a->session.title,
		.organisation = a->session.organisation, .location = a->session.location, .date = a->session.date,
		.console = s->console, .agenda_yaml = a->source, .agenda_len = a->source_len, .started_ms = now };
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
	json_object_begin(&payload);
	json_key(&payload, "title");
	json_string(&payload, a->session.title);
	json_key(&payload, "item");
	json_string(&payload, a->n_items > 0 ? a->items[0].id : NULL);
	json_object_end(&payload);
	if (payload.failed) {
		json_buf_free(&payload);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	rc = store_append_event(s->store, s->id, now, s->console, EV_START, payload.data, seq, err, errlen);
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
	int64_t now = now_ms(s), seq = 0;
	rc = store_begin(store, err, errlen);
	if (!rc)
		rc = write_start(s, s->agenda, now, &seq, err, errlen);
	if (!rc)
		rc = store_commit(store, err, errlen);
	else
		store_rollback(store);
	struct store_event ev = { .seq = seq, .at_ms = now, .type = EV_START, .payload = "{}" };
	snprintf(ev.console, sizeof ev.console, "%s", s->console);
	if (!rc)
		rc = model_apply(s, &ev, err, errlen);
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
	rc = store_session_get(store, id, &info, err, errlen);
	if (rc)
		return rc;
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
		rc = catch_up(s, NULL, err, errlen);
	if (rc) {
		session_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* ---- applying a line ---- */

/* One line being handled: what it will write, and where the result goes. */
struct line_ctx {
	struct session *s;
	struct session_result *result;
	int64_t now;
	const char *type;          /* the event's type */
	struct json_buf payload;   /* the event's payload, built by the handler */
	int64_t seq;               /* set by emit() */
};

static int refuse(struct line_ctx *x, const char *format, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct line_ctx *x, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vsnprintf(x->result->message, sizeof x->result->message, format, args);
	va_end(args);
	return EX_DATAERR;
}

#define MSG(x) (x)->result->message, sizeof (x)->result->message

/* Appends the event built in x->payload; the handler then writes its rows. */
static int emit(struct line_ctx *x, const char *type)
{
	x->type = type;
	if (x->payload.failed || !x->payload.data) {
		errmsg_fail(MSG(x), "out of memory");
		return EX_OSERR;
	}
	return store_append_event(x->s->store, x->s->id, x->now, x->s->console, type, x->payload.data,
		&x->seq, MSG(x));
}

static void key_string(struct json_buf *b, const char *key, const char *value)
{
	json_key(b, key);
	json_string(b, value);
}

static void key_int(struct json_buf *b, const char *key, int64_t value)
{
	json_key(b, key);
	json_int(b, value);
}

static int new_uuid(struct line_ctx *x, char id[UUID_TEXT_LEN + 1])
{
	if (uuid_v4(id))
		return 0;
	errmsg_fail(MSG(x), "cannot make an id: the system gave no random bytes");
	return EX_OSERR;
}

static const char *speaker_name(const struct session *s, int participant)
{
	return participant >= 0 ? s->participants[participant].id : "note";
}

/* Time spent on the current item, with the running stretch, in whole seconds. */
static int actual_seconds(const struct session *s, int item, int64_t now)
{
	return (int)(session_item_elapsed_ms(s, item, now) / 1000);
}

static int write_item_times(struct line_ctx *x, int item)
{
	struct session *s = x->s;
	return store_update_item(s->store, s->id, item_id(s, item), s->items[item].planned_seconds,
		actual_seconds(s, item, x->now), MSG(x));
}

static int unknown_participant(struct line_ctx *x, const char *id)
{
	return refuse(x, "unknown participant %s (add with /participant %s NAME)", id, id);
}

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
		return refuse(x, "unknown code #%s at column %d: not in the codebook %s (codes: %s)",
			cl->tags[i].code, cl->tags[i].column, book->name ? book->name : "of this agenda", codes);
	}
	return 0;
}

static int do_contribution(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int participant = -1;
	if (cl->speaker[0] && (participant = session_participant_index(s, cl->speaker)) < 0)
		return unknown_participant(x, cl->speaker);
	if (s->current_item < 0)
		return refuse(x, "this agenda has no items to record on");
	int rc = check_tags(x, cl);
	if (rc)
		return rc;
	enum contribution_kind kind = cl->kind; /* KIND_NOTE unless a !kind marker was given */
	char id[UUID_TEXT_LEN + 1];
	if ((rc = new_uuid(x, id)))
		return rc;
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "id", id);
	key_string(b, "item", item_id(s, s->current_item));
	key_string(b, "participant", participant >= 0 ? cl->speaker : NULL);
	key_string(b, "kind", contribution_kind_name(kind));
	key_string(b, "text", cl->text);
	json_key(b, "tags");
	json_array_begin(b);
	for (int i = 0; i < cl->n_tags; i++)
		json_string(b, cl->tags[i].code);
	json_array_end(b);
	json_object_end(b);
	if (!(rc = emit(x, EV_CONTRIBUTION))) {
		size_t used = (size_t)snprintf(MSG(x), "recorded %s %s", speaker_name(s, participant),
			contribution_kind_name(kind));
		for (int i = 0; i < cl->n_tags && used < sizeof x->result->message; i++)
			used += (size_t)snprintf(x->result->message + used, sizeof x->result->message - used, " #%s",
				cl->tags[i].code);
	}
	return rc;
}

/* The contribution named by a /edit or /retract argument. */
static int find_contribution(struct line_ctx *x, const char *arg, int *index)
{
	char *end;
	errno = 0;
	long long seq = strtoll(arg, &end, 10);
	*index = errno || *end ? -1 : session_contribution_index(x->s, seq);
	if (*index < 0)
		return refuse(x, "no contribution %s in this session (the number is the one shown before it)", arg);
	if (x->s->contributions[*index].retracted)
		return refuse(x, "contribution %s was already taken back", arg);
	return 0;
}

static int retract(struct line_ctx *x, int index, bool undo)
{
	struct session *s = x->s;
	const struct session_contribution *c = &s->contributions[index];
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "contribution", c->id);
	key_int(b, "ref", c->seq);
	json_key(b, "undo");
	json_bool(b, undo);
	json_object_end(b);
	int rc = emit(x, EV_RETRACT);
	if (!rc)
		errmsg_fail(MSG(x), "took back %lld %s: %.60s", (long long)c->seq, speaker_name(s, c->participant), c->text);
	return rc;
}

static int do_undo(struct line_ctx *x)
{
	struct session *s = x->s;
	for (int i = s->n_contributions - 1; i >= 0; i--)
		if (!s->contributions[i].retracted && strcmp(s->contributions[i].console, s->console) == 0)
			return retract(x, i, true);
	return refuse(x, "nothing to undo: no contribution of this console (%s) is left to take back", s->console);
}

static int do_retract(struct line_ctx *x, const struct capture_line *cl)
{
	int index;
	int rc = find_contribution(x, cl->args[0], &index);
	return rc ? rc : retract(x, index, false);
}

/* /edit SEQ TEXT: TEXT is read like the words of a contribution, so its !kind changes the
 * kind and its #codes are added to the contribution's codes. */
static int do_edit(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int index;
	int rc = find_contribution(x, cl->args[0], &index);
	if (rc)
		return rc;
	const struct session_contribution *c = &s->contributions[index];
	const char *speaker = speaker_name(s, c->participant);
	const char *typed = cl->n_args > 1 ? cl->args[1] : "";
	size_t len = strlen(speaker) + 2 + strlen(typed);
	char *line = malloc(len + 1);
	if (!line) {
		errmsg_fail(MSG(x), "out of memory");
		return EX_OSERR;
	}
	snprintf(line, len + 1, "%s: %s", speaker, typed);
	struct capture_line edit;
	bool parsed = capture_parse(line, len, &edit, MSG(x));
	free(line);
	if (!parsed)
		return EX_DATAERR;
	rc = check_tags(x, &edit);
	bool new_tag = false;
	for (int i = 0; !rc && i < edit.n_tags; i++) {
		bool known = false;
		for (int k = 0; k < c->n_tags; k++)
			known = known || strcmp(c->tags[k], edit.tags[i].code) == 0;
		new_tag = new_tag || !known;
	}
	bool new_kind = edit.kind_given && edit.kind != c->kind;
	if (!rc && strcmp(edit.text, c->text) == 0 && !new_tag && !new_kind)
		rc = refuse(x, "contribution %lld already says that; nothing changed", (long long)c->seq);
	if (rc) {
		capture_line_free(&edit);
		return rc;
	}
	enum contribution_kind kind = new_kind ? edit.kind : c->kind;
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "contribution", c->id);
	key_int(b, "ref", c->seq);
	key_string(b, "text", edit.text);
	key_string(b, "kind", contribution_kind_name(kind));
	json_key(b, "tags");
	json_array_begin(b);
	for (int i = 0; i < edit.n_tags; i++)
		json_string(b, edit.tags[i].code);
	json_array_end(b);
	json_object_end(b);
	rc = emit(x, EV_EDIT);
	if (!rc)
		errmsg_fail(MSG(x), "edited %lld %s (the earlier text stays in the log)", (long long)c->seq, speaker);
	capture_line_free(&edit);
	return rc;
}

static int do_recommend(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->current_item < 0)
		return refuse(x, "this agenda has no items to record on");
	char id[UUID_TEXT_LEN + 1];
	int rc = new_uuid(x, id);
	if (rc)
		return rc;
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "id", id);
	key_string(b, "item", item_id(s, s->current_item));
	key_string(b, "text", cl->args[0]);
	json_object_end(b);
	if ((rc = emit(x, EV_RECOMMENDATION))
		|| (rc = store_insert_recommendation(s->store, x->seq, id, s->id, item_id(s, s->current_item),
			cl->args[0], MSG(x))))
		return rc;
	errmsg_fail(MSG(x), "recommendation %d recorded on item %d/%d", s->n_recommendations + 1, s->current_item + 1,
		s->n_items);
	return 0;
}

/* ---- participants and items ---- */

static int do_participant(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const char *id = cl->args[0];
	const char *name = cl->n_args > 1 ? cl->args[1] : NULL;
	if (!agenda_valid_participant_id(id))
		return refuse(x, "participant id \"%.20s\" is not valid: use 1-%d letters, digits, _ or -, e.g. E21",
			id, AGENDA_ID_MAX);
	int existing = session_participant_index(s, id);
	if (existing >= 0)
		return refuse(x, "participant %s already exists%s%s%s", id, s->participants[existing].name ? " (" : "",
			s->participants[existing].name ? s->participants[existing].name : "",
			s->participants[existing].name ? ")" : "");
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "id", id);
	key_string(b, "name", name);
	key_string(b, "role", participant_role_name(ROLE_EXPERT));
	json_object_end(b);
	int rc = emit(x, EV_PARTICIPANT);
	struct store_participant_row row = { .session = s->id, .id = id, .name = name,
		.role = participant_role_name(ROLE_EXPERT), .added_live = true, .position = s->n_participants };
	if (rc || (rc = store_insert_participant(s->store, &row, MSG(x))))
		return rc;
	errmsg_fail(MSG(x), "added participant %s%s%s", id, name ? ": " : "", name ? name : "");
	return 0;
}

static int go_to_item(struct line_ctx *x, int item, const char *command)
{
	struct session *s = x->s;
	if (s->open_vote >= 0)
		return refuse(x, "vote %s is still open; /close it before leaving the item", s->votes[s->open_vote].def->id);
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "item", item_id(s, item));
	key_string(b, "from", s->current_item >= 0 ? item_id(s, s->current_item) : NULL);
	key_string(b, "command", command);
	json_object_end(b);
	int rc = emit(x, EV_ITEM);
	if (!rc && s->current_item >= 0)
		rc = write_item_times(x, s->current_item);
	if (rc)
		return rc;
	errmsg_fail(MSG(x), "item %d/%d: %s", item + 1, s->n_items, s->items[item].def->title);
	return 0;
}

static int do_move(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int cur = s->current_item;
	if (cl->command == CMD_NEXT) {
		if (cur + 1 >= s->n_items)
			return refuse(x, "already at the last item (%d/%d); /end ends the session", cur + 1, s->n_items);
		return go_to_item(x, cur + 1, "next");
	}
	if (cl->command == CMD_PREV) {
		if (cur <= 0)
			return refuse(x, "already at the first item (1/%d)", s->n_items);
		return go_to_item(x, cur - 1, "prev");
	}
	int item = agenda_item_index(s->agenda, cl->args[0]);
	if (item < 0) {
		char ids[300] = "";
		size_t used = 0;
		for (int i = 0; i < s->n_items && used < sizeof ids - 40; i++)
			used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", i ? ", " : "", item_id(s, i));
		return refuse(x, "unknown item %.40s (items: %s)", cl->args[0], ids);
	}
	if (item == cur)
		return refuse(x, "already on item %d/%d: %s", item + 1, s->n_items, s->items[item].def->title);
	return go_to_item(x, item, "item");
}

static int do_extend(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	long minutes = strtol(cl->args[0], NULL, 10);
	int item = s->current_item;
	if (item < 0)
		return refuse(x, "this agenda has no items");
	long planned = (long)s->items[item].planned_seconds + minutes * 60;
	if (planned < 60)
		return refuse(x, "item %d/%d has %d minutes planned; it cannot be shortened by %ld", item + 1, s->n_items,
			s->items[item].planned_seconds / 60, -minutes);
	if (planned > 24L * 3600)
		return refuse(x, "item %d/%d cannot be planned for more than 24 hours", item + 1, s->n_items);
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "item", item_id(s, item));
	key_int(b, "minutes", minutes);
	key_int(b, "planned_seconds", planned);
	json_object_end(b);
	int rc = emit(x, EV_EXTEND);
	if (!rc)
		rc = store_update_item(s->store, s->id, item_id(s, item), (int)planned, actual_seconds(s, item, x->now),
			MSG(x));
	if (!rc)
		errmsg_fail(MSG(x), "item %d/%d: %+ld min, now %ld min planned", item + 1, s->n_items, minutes, planned / 60);
	return rc;
}

static int do_end(struct line_ctx *x)
{
	struct session *s = x->s;
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "item", s->current_item >= 0 ? item_id(s, s->current_item) : NULL);
	key_string(b, "closed_vote", s->open_vote >= 0 ? s->votes[s->open_vote].def->id : NULL);
	json_object_end(b);
	int rc = emit(x, EV_END);
	if (!rc && s->current_item >= 0)
		rc = write_item_times(x, s->current_item);
	if (!rc && s->open_vote >= 0)
		rc = store_close_vote(s->store, s->votes[s->open_vote].id, x->now, MSG(x));
	if (!rc)
		rc = store_end_session(s->store, s->id, x->now, MSG(x));
	if (!rc)
		errmsg_fail(MSG(x), "session ended");
	return rc;
}

/* ---- votes ---- */

static int open_vote(struct line_ctx *x, const struct agenda_vote *def, const char *poll_json)
{
	struct session *s = x->s;
	char id[UUID_TEXT_LEN + 1];
	int rc = new_uuid(x, id);
	if (rc)
		return rc;
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "vote", id);
	key_string(b, "vote_id", def->id);
	key_string(b, "item", item_id(s, s->current_item));
	if (poll_json) {
		json_key(b, "poll");
		json_raw(b, poll_json);
	}
	json_object_end(b);
	struct store_vote_row row = { .id = id, .session = s->id, .item = item_id(s, s->current_item),
		.vote_id = def->id, .definition = poll_json, .opened_ms = x->now };
	if ((rc = emit(x, EV_VOTE_OPEN)))
		return rc;
	row.seq = x->seq;
	if ((rc = store_insert_vote(s->store, &row, MSG(x))))
		return rc;
	errmsg_fail(MSG(x), "vote %s open (%s%s): %s", def->id, vote_type_name(def->type),
		def->anonymous ? ", anonymous: give counts with = n1 n2 ..." : "", def->question);
	return 0;
}

static int do_vote(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int v = session_vote_index(s, cl->args[0]);
	if (s->open_vote >= 0)
		return refuse(x, "vote %s is still open; /close it first", s->votes[s->open_vote].def->id);
	if (v < 0 || s->votes[v].adhoc) {
		char ids[300] = "";
		size_t used = 0;
		for (int i = 0; i < s->n_votes && used < sizeof ids - 40; i++)
			if (s->votes[i].item == s->current_item && !s->votes[i].adhoc)
				used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", used ? ", " : "",
					s->votes[i].def->id);
		return refuse(x, "unknown vote %.40s (votes of this item: %s)", cl->args[0], used ? ids : "none");
	}
	if (s->votes[v].item != s->current_item)
		return refuse(x, "vote %s belongs to item %s; go there first with /item %s", cl->args[0],
			item_id(s, s->votes[v].item), item_id(s, s->votes[v].item));
	if (s->votes[v].status == SESSION_VOTE_CLOSED)
		return refuse(x, "vote %s was already held and is closed", cl->args[0]);
	return open_vote(x, s->votes[v].def, NULL);
}

static int do_close(struct line_ctx *x)
{
	struct session *s = x->s;
	if (s->open_vote < 0)
		return refuse(x, "no vote is open");
	const struct session_vote *v = &s->votes[s->open_vote];
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "vote", v->id);
	key_string(b, "vote_id", v->def->id);
	json_object_end(b);
	int rc = emit(x, EV_VOTE_CLOSE);
	if (!rc)
		rc = store_close_vote(s->store, v->id, x->now, MSG(x));
	if (rc)
		return rc;
	if (v->def->anonymous)
		errmsg_fail(MSG(x), "vote %s closed (%s)", v->def->id, v->counts ? "counts given" : "no counts given");
	else
		errmsg_fail(MSG(x), "vote %s closed: %d ballot%s", v->def->id, v->n_ballots, v->n_ballots == 1 ? "" : "s");
	return 0;
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

static void ints_json(struct json_buf *b, const int *values, int n)
{
	json_array_begin(b);
	for (int i = 0; i < n; i++)
		json_int(b, values[i]);
	json_array_end(b);
}

static int do_ballot(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const struct session_vote *v = &s->votes[s->open_vote];
	int participant = session_participant_index(s, cl->speaker);
	if (participant < 0)
		return unknown_participant(x, cl->speaker);
	const struct session_participant *who = &s->participants[participant];
	if (v->def->anonymous)
		return refuse(x, "vote %s is anonymous: no named ballots; give the counts with = n1 n2 ...", v->def->id);
	if (!v->def->voter_roles[who->role]) {
		char roles[100];
		roles_list(v->def, roles, sizeof roles);
		return refuse(x, "%s is %s %s and may not vote on %s (voters: %s)", who->id,
			who->role == ROLE_EXPERT || who->role == ROLE_INTERPRETER || who->role == ROLE_OBSERVER ? "an" : "a",
			participant_role_name(who->role), v->def->id, roles);
	}
	int *choices, n;
	char *reason = NULL, why[SESSION_MESSAGE_MAX - 40];
	if (!capture_parse_ballot(cl->body, v->def, &choices, &n, &reason, why, sizeof why))
		return refuse(x, "ballot of %s on %s: %s", who->id, v->def->id, why);
	bool replaces = false;
	for (int i = 0; i < v->n_ballots; i++)
		replaces = replaces || v->ballots[i].participant == participant;
	struct json_buf list = { 0 };
	ints_json(&list, choices, n);
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "vote", v->id);
	key_string(b, "vote_id", v->def->id);
	key_string(b, "participant", who->id);
	json_key(b, "choices");
	json_raw(b, list.data ? list.data : "[]");
	key_string(b, "reason", reason);
	json_object_end(b);
	int rc = list.failed ? (errmsg_fail(MSG(x), "out of memory"), EX_OSERR) : emit(x, EV_BALLOT);
	if (!rc)
		rc = store_insert_ballot(s->store, x->seq, v->id, who->id, list.data, reason, MSG(x));
	/* the status line is seen by the room: a hidden vote's choices stay hidden */
	if (!rc && v->def->hide_results)
		errmsg_fail(MSG(x), "%s %s on %s (results hidden until the vote closes)",
			replaces ? "replaced the ballot of" : "ballot of", who->id, v->def->id);
	else if (!rc)
		errmsg_fail(MSG(x), "%s %s on %s: %s", replaces ? "replaced the ballot of" : "ballot of", who->id,
			v->def->id, cl->body);
	json_buf_free(&list);
	free(choices);
	free(reason);
	return rc;
}

static int do_counts(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->open_vote < 0)
		return refuse(x, "no vote is open; counts (= n1 n2 ...) are for an open anonymous vote");
	const struct session_vote *v = &s->votes[s->open_vote];
	if (!v->def->anonymous)
		return refuse(x, "vote %s is not anonymous: record each ballot as ID: choice", v->def->id);
	int slots = tally_count_slots(v->def);
	if (cl->n_counts != slots) {
		if (v->def->type == VOTE_SCALE)
			return refuse(x, "vote %s needs %d counts, one per value from %d to %d; you gave %d", v->def->id,
				slots, v->def->min, v->def->max, cl->n_counts);
		if (v->def->type == VOTE_CONSENT)
			return refuse(x, "vote %s needs 4 counts (agree, abstain, disagree, block); you gave %d",
				v->def->id, cl->n_counts);
		return refuse(x, "vote %s has %d options: give %d counts; you gave %d", v->def->id, slots, slots,
			cl->n_counts);
	}
	for (int i = 0; i < cl->n_counts; i++)
		if (cl->counts[i] < 0)
			return refuse(x, "counts cannot be negative (count %d is %ld)", i + 1, cl->counts[i]);
	struct json_buf list = { 0 };
	json_array_begin(&list);
	for (int i = 0; i < cl->n_counts; i++)
		json_int(&list, cl->counts[i]);
	json_array_end(&list);
	struct json_buf *b = &x->payload;
	json_object_begin(b);
	key_string(b, "vote", v->id);
	key_string(b, "vote_id", v->def->id);
	json_key(b, "counts");
	json_raw(b, list.data ? list.data : "[]");
	json_object_end(b);
	int rc = list.failed ? (errmsg_fail(MSG(x), "out of memory"), EX_OSERR) : emit(x, EV_COUNTS);
	if (!rc)
		rc = store_insert_ballot(s->store, x->seq, v->id, NULL, list.data, NULL, MSG(x));
	if (!rc && v->def->hide_results)
		errmsg_fail(MSG(x), "counts for %s recorded (results hidden until the vote closes)", v->def->id);
	else if (!rc)
		errmsg_fail(MSG(x), "counts for %s: %s", v->def->id, list.data);
	json_buf_free(&list);
	return rc;
}

/* A poll's definition as JSON, checked as the agenda loader checks a vote. */
static int poll_definition(struct line_ctx *x, const struct capture_line *cl, struct json_buf *def)
{
	struct session *s = x->s;
	enum vote_type type;
	if (!vote_type_parse(cl->args[0], &type))
		return refuse(x, "poll: unknown type %.20s (types: single, multi, dots, rank, scale, consent)", cl->args[0]);
	int n_options = cl->n_args - 2;
	bool needs_options = type != VOTE_SCALE && type != VOTE_CONSENT;
	if (needs_options && (n_options < AGENDA_OPTIONS_MIN || n_options > AGENDA_OPTIONS_MAX))
		return refuse(x, "poll: a %s poll needs %d to %d options separated by |; you gave %d", cl->args[0],
			AGENDA_OPTIONS_MIN, AGENDA_OPTIONS_MAX, n_options);
	if (!needs_options && n_options > 0)
		return refuse(x, "poll: a %s poll takes no options%s", cl->args[0],
			type == VOTE_SCALE ? " (it runs from 1 to 5)" : " (agree, abstain, disagree, block)");
	for (int i = 2; i < cl->n_args; i++)
		for (int k = 2; k < i; k++)
			if (strcmp(cl->args[i], cl->args[k]) == 0)
				return refuse(x, "poll: option \"%.40s\" is given twice", cl->args[i]);
	char id[AGENDA_ID_MAX + 1];
	for (int n = 1;; n++) {
		snprintf(id, sizeof id, "poll-%d", n);
		if (session_vote_index(s, id) < 0)
			break;
	}
	json_object_begin(def);
	key_string(def, "id", id);
	key_string(def, "question", cl->args[1]);
	key_string(def, "type", vote_type_name(type));
	json_key(def, "options");
	json_array_begin(def);
	for (int i = 2; i < cl->n_args; i++)
		json_string(def, cl->args[i]);
	json_array_end(def);
	if (type == VOTE_MULTI)
		key_int(def, "max_choices", n_options);
	if (type == VOTE_DOTS) {
		key_int(def, "dots", POLL_DOTS);
		key_int(def, "max_per_option", 0);
	}
	if (type == VOTE_SCALE) {
		key_int(def, "min", POLL_SCALE_MIN);
		key_int(def, "max", POLL_SCALE_MAX);
	}
	json_key(def, "anonymous");
	json_bool(def, false);
	json_key(def, "voter_roles");
	json_array_begin(def);
	json_string(def, participant_role_name(ROLE_EXPERT));
	json_array_end(def);
	json_object_end(def);
	if (def->failed) {
		errmsg_fail(MSG(x), "out of memory");
		return EX_OSERR;
	}
	return 0;
}

static int do_poll(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->open_vote >= 0)
		return refuse(x, "vote %s is still open; /close it first", s->votes[s->open_vote].def->id);
	if (s->current_item < 0)
		return refuse(x, "this agenda has no items to hold a poll on");
	struct json_buf def = { 0 };
	int rc = poll_definition(x, cl, &def);
	struct json_value *parsed = rc ? NULL : json_parse(def.data, def.len);
	struct agenda_vote *vote = parsed ? poll_from(parsed) : NULL;
	if (!rc && !vote) {
		errmsg_fail(MSG(x), "out of memory");
		rc = EX_OSERR;
	}
	if (!rc)
		rc = open_vote(x, vote, def.data);
	free_poll_def(vote);
	json_free(parsed);
	json_buf_free(&def);
	return rc;
}

/* ---- the line ---- */

static int dispatch(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (cl->type == CAPTURE_COUNTS)
		return do_counts(x, cl);
	if (cl->type == CAPTURE_TEXT)
		return s->open_vote >= 0 && cl->speaker[0] ? do_ballot(x, cl) : do_contribution(x, cl);
	switch (cl->command) {
	case CMD_NEXT:
	case CMD_PREV:
	case CMD_ITEM: return do_move(x, cl);
	case CMD_PARTICIPANT: return do_participant(x, cl);
	case CMD_VOTE: return do_vote(x, cl);
	case CMD_CLOSE: return do_close(x);
	case CMD_UNDO: return do_undo(x);
	case CMD_END: return do_end(x);
	case CMD_POLL: return do_poll(x, cl);
	case CMD_EXTEND: return do_extend(x, cl);
	case CMD_EDIT: return do_edit(x, cl);
	case CMD_RETRACT: return do_retract(x, cl);
	case CMD_RECOMMEND: return do_recommend(x, cl);
	case CMD_QUIT: break;
	}
	return refuse(x, "internal error: unhandled command");
}

int session_apply_line(struct session *session, const char *line, size_t len, struct session_result *result)
{
	*result = (struct session_result){ 0 };
	struct capture_line cl;
	if (!capture_parse(line, len, &cl, result->message, sizeof result->message))
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
	struct line_ctx x = { .s = session, .result = result };
	int rc = store_begin(session->store, result->message, sizeof result->message);
	if (!rc)
		rc = catch_up(session, NULL, result->message, sizeof result->message);
	x.now = now_ms(session);
	if (!rc && session->ended)
		rc = refuse(&x, "session has ended");
	if (!rc)
		rc = dispatch(&x, &cl);
	if (!rc)
		rc = store_commit(session->store, result->message, sizeof result->message);
	if (rc) {
		store_rollback(session->store);
		result->seq = 0;
	} else {
		struct store_event ev = { .seq = x.seq, .at_ms = x.now, .payload = x.payload.data };
		snprintf(ev.type, sizeof ev.type, "%s", x.type);
		snprintf(ev.console, sizeof ev.console, "%s", session->console);
		char confirmation[SESSION_MESSAGE_MAX];
		memcpy(confirmation, result->message, sizeof confirmation);
		result->seq = x.seq;
		rc = model_apply(session, &ev, result->message, sizeof result->message);
		session->unsettled++;
		if (!rc)
			memcpy(result->message, confirmation, sizeof confirmation);
	}
	json_buf_free(&x.payload);
	capture_line_free(&cl);
	return rc;
}

int session_settle(struct session *session, int min_events, char *err, size_t errlen)
{
	if (session->unsettled == 0 || session->unsettled < min_events)
		return 0;
	int rc = store_project(session->store, NULL, err, errlen);
	if (!rc)
		rc = store_checkpoint(session->store, err, errlen);
	if (!rc)
		session->unsettled = 0;
	return rc;
}

bool session_vote_tally(const struct session *session, const struct session_vote *vote, struct tally_result *out,
	char *err, size_t errlen)
{
	(void)session;
	if (vote->def->anonymous)
		return tally_count_anonymous(vote->def, vote->counts, vote->counts ? vote->n_counts : 0, out, err, errlen);
	struct tally_ballot *ballots = calloc((size_t)vote->n_ballots + 1, sizeof *ballots);
	if (!ballots) {
		snprintf(err, errlen, "out of memory while counting vote %s", vote->def->id);
		return false;
	}
	for (int b = 0; b < vote->n_ballots; b++)
		ballots[b] = (struct tally_ballot){
			.participant = vote->ballots[b].participant,
			.choices = vote->ballots[b].choices,
			.n_choices = vote->ballots[b].n_choices,
			.reason = vote->ballots[b].reason,
		};
	bool ok = tally_count(vote->def, ballots, vote->n_ballots, out, err, errlen);
	free(ballots);
	return ok;
}
