/* event: see event.h. The key order of every payload is part of the format: the store
 * keeps the bytes, and exports must stay byte-identical across builds. */
#include "sessions/event.h"

#include "config/vote_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct event_privacy event_keep_everything = { .names = true };

#define EVENT_AS_NAME(name, text) [name] = text,
static const char *const type_names[] = { [EVENT_UNKNOWN] = NULL, EVENT_TYPES(EVENT_AS_NAME) };
#undef EVENT_AS_NAME
enum { N_TYPES = (int)(sizeof type_names / sizeof type_names[0]) };

const char *event_type_name(enum event_type type)
{
	return (int)type > 0 && (int)type < N_TYPES ? type_names[type] : NULL;
}

enum event_type event_type_parse(const char *name)
{
	for (int t = 1; name && t < N_TYPES; t++)
		if (strcmp(type_names[t], name) == 0)
			return (enum event_type)t;
	return EVENT_UNKNOWN;
}

/* ---- encoding ---- */

void event_encode_poll(const struct agenda_vote *d, struct json_buf *b)
{
	json_object_begin(b);
	json_member_string(b, "id", d->id);
	json_member_string(b, "question", d->question);
	json_member_string(b, "type", vote_type_name(d->type));
	json_member_strings(b, "options", (const char *const *)d->options, d->n_options);
	if (d->type == VOTE_MULTI)
		json_member_int(b, "max_choices", d->max_choices);
	if (d->type == VOTE_DOTS) {
		json_member_int(b, "dots", d->dots);
		json_member_int(b, "max_per_option", d->max_per_option);
	}
	if (d->type == VOTE_SCALE) {
		json_member_int(b, "min", d->min);
		json_member_int(b, "max", d->max);
	}
	json_member_bool(b, "anonymous", d->anonymous);
	json_key(b, "voter_roles");
	json_array_begin(b);
	for (int r = 0; r < ROLE_COUNT; r++)
		if (d->voter_roles[r])
			json_string(b, participant_role_name((enum participant_role)r));
	json_array_end(b);
	json_object_end(b);
}

static void encode_vote_ref(struct json_buf *b, const char *vote, const char *vote_id)
{
	json_member_string(b, "vote", vote);
	json_member_string(b, "vote_id", vote_id);
}

void event_encode(const struct event *e, const struct event_privacy *privacy, struct json_buf *b)
{
	if (!privacy)
		privacy = &event_keep_everything;
	json_object_begin(b);
	switch (e->type) {
	case EVENT_SESSION_START:
		json_member_string(b, "title", e->as.start.title);
		json_member_string(b, EVENT_KEY_ITEM, e->as.start.item);
		break;
	case EVENT_SESSION_END:
		json_member_string(b, EVENT_KEY_ITEM, e->as.end.item);
		json_member_string(b, "closed_vote", e->as.end.closed_vote);
		break;
	case EVENT_CONTRIBUTION: {
		const struct event_contribution *c = &e->as.contribution;
		json_member_string(b, EVENT_KEY_ID, c->id);
		json_member_string(b, EVENT_KEY_ITEM, c->item);
		json_member_string(b, EVENT_KEY_PARTICIPANT, c->participant);
		json_member_string(b, EVENT_KEY_KIND, contribution_kind_name(c->kind));
		json_member_string(b, EVENT_KEY_TEXT, c->text);
		json_member_strings(b, EVENT_KEY_TAGS, c->tags, c->n_tags);
		break;
	}
	case EVENT_EDIT: {
		const struct event_edit *c = &e->as.edit;
		json_member_string(b, EVENT_KEY_CONTRIBUTION, c->contribution[0] ? c->contribution : NULL);
		json_member_int(b, EVENT_KEY_REF, c->ref);
		json_member_string(b, EVENT_KEY_TEXT, c->text);
		if (c->has_kind)
			json_member_string(b, EVENT_KEY_KIND, contribution_kind_name(c->kind));
		json_member_strings(b, EVENT_KEY_TAGS, c->tags, c->n_tags);
		if (c->n_removed > 0)
			json_member_strings(b, EVENT_KEY_REMOVED, c->removed, c->n_removed);
		if (c->participant)
			json_member_string(b, EVENT_KEY_PARTICIPANT, c->participant);
		if (c->item)
			json_member_string(b, EVENT_KEY_ITEM, c->item);
		break;
	}
	case EVENT_RESTORE:
		json_member_string(b, EVENT_KEY_CONTRIBUTION, e->as.restore.contribution[0] ? e->as.restore.contribution : NULL);
		json_member_int(b, EVENT_KEY_REF, e->as.restore.ref);
		break;
	case EVENT_WITHDRAW:
		encode_vote_ref(b, e->as.withdraw.vote, e->as.withdraw.vote_id);
		json_member_string(b, EVENT_KEY_PARTICIPANT, e->as.withdraw.participant);
		break;
	case EVENT_VOTE_REOPEN:
		encode_vote_ref(b, e->as.vote_reopen.vote, e->as.vote_reopen.vote_id);
		break;
	case EVENT_RETRACT:
		json_member_string(b, EVENT_KEY_CONTRIBUTION, e->as.retract.contribution[0] ? e->as.retract.contribution : NULL);
		json_member_int(b, EVENT_KEY_REF, e->as.retract.ref);
		json_member_bool(b, "undo", e->as.retract.undo);
		break;
	case EVENT_PARTICIPANT:
		json_member_string(b, EVENT_KEY_ID, e->as.participant.id);
		if (privacy->names)
			json_member_string(b, "name", e->as.participant.name);
		json_member_string(b, "role", participant_role_name(e->as.participant.role));
		break;
	case EVENT_ITEM:
		json_member_string(b, EVENT_KEY_ITEM, e->as.item.item);
		json_member_string(b, "from", e->as.item.from);
		json_member_string(b, "command", e->as.item.command);
		break;
	case EVENT_EXTEND:
		json_member_string(b, EVENT_KEY_ITEM, e->as.extend.item);
		json_member_int(b, "minutes", e->as.extend.minutes);
		json_member_int(b, "planned_seconds", e->as.extend.planned_seconds);
		break;
	case EVENT_VOTE_OPEN:
		encode_vote_ref(b, e->as.vote_open.vote, e->as.vote_open.vote_id);
		json_member_string(b, EVENT_KEY_ITEM, e->as.vote_open.item);
		if (e->as.vote_open.poll) {
			json_key(b, "poll");
			event_encode_poll(e->as.vote_open.poll, b);
		}
		break;
	case EVENT_VOTE_CLOSE:
		encode_vote_ref(b, e->as.vote_close.vote, e->as.vote_close.vote_id);
		break;
	case EVENT_BALLOT: {
		const struct event_ballot *v = &e->as.ballot;
		encode_vote_ref(b, v->vote, v->vote_id);
		json_member_string(b, EVENT_KEY_PARTICIPANT, v->participant);
		json_key(b, "choices");
		json_array_begin(b);
		for (int i = 0; i < v->n_choices; i++)
			json_int(b, v->choices[i]);
		json_array_end(b);
		json_member_string(b, "reason", v->reason);
		break;
	}
	case EVENT_COUNTS:
		encode_vote_ref(b, e->as.counts.vote, e->as.counts.vote_id);
		json_key(b, "counts");
		json_array_begin(b);
		for (int i = 0; i < e->as.counts.n_counts; i++)
			json_int(b, e->as.counts.counts[i]);
		json_array_end(b);
		break;
	case EVENT_RECOMMENDATION:
		json_member_string(b, EVENT_KEY_ID, e->as.recommendation.id);
		json_member_string(b, EVENT_KEY_ITEM, e->as.recommendation.item);
		json_member_string(b, EVENT_KEY_TEXT, e->as.recommendation.text);
		break;
	case EVENT_CONSENT:
		json_member_string(b, EVENT_KEY_PARTICIPANT, e->as.consent.participant);
		json_member_bool(b, "quotes", e->as.consent.quotes);
		break;
	case EVENT_LEAD:
		json_member_string(b, "leader", e->as.lead.leader);
		json_member_string(b, "from", e->as.lead.from);
		json_member_bool(b, "taken", e->as.lead.taken);
		break;
	case EVENT_ERASURE: {
		const struct event_erasure *x = &e->as.erasure;
		json_member_string(b, "scope", x->scope);
		json_member_string(b, EVENT_KEY_PARTICIPANT, x->participant);
		json_member_int(b, "contributions", x->contributions);
		json_member_int(b, "events", x->events);
		json_member_int(b, "ballots", x->ballots);
		json_member_int(b, "rewritten", x->rewritten);
		json_member_string(b, "by", x->by);
		break;
	}
	case EVENT_UNKNOWN:
		break;
	}
	if (e->undoes > 0)
		json_member_int(b, EVENT_KEY_UNDOES, e->undoes);
	json_object_end(b);
}

/* ---- decoding ---- */

void *event_keep(struct event *event, void *block)
{
	enum { HERE = (int)(sizeof event->owned_here / sizeof event->owned_here[0]) };
	if (!block)
		return NULL;
	if (event->n_owned < HERE) {
		event->owned_here[event->n_owned++] = block;
		return block;
	}
	void **more = realloc(event->owned, (size_t)(event->n_owned - HERE + 1) * sizeof *more);
	if (!more) {
		free(block);
		return NULL;
	}
	event->owned = more;
	event->owned[event->n_owned++ - HERE] = block;
	return block;
}

void event_free(struct event *event)
{
	enum { HERE = (int)(sizeof event->owned_here / sizeof event->owned_here[0]) };
	if (!event)
		return;
	for (int i = 0; i < event->n_owned; i++)
		free(i < HERE ? event->owned_here[i] : event->owned[i - HERE]);
	free(event->owned);
	event->owned = NULL;
	event->n_owned = 0;
}

/* One decoding: the payload's members (read in place, json_scan_object()), where its
 * strings go, and the first problem met. Each string the event keeps is copied once, with
 * its escapes resolved, into one block the size of the payload: each is at least its
 * quotes long in the payload, so those read (each member once) always fit. */
struct decoder {
	struct event *event;
	const struct json_members *payload;
	char *pool;
	size_t pool_used, pool_cap;
	char *problem;
	size_t problem_len;
	bool damaged, no_memory;
	bool strings_here_used;     /* event->strings_here holds a list already */
};

static void damaged(struct decoder *d, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void damaged(struct decoder *d, const char *format, ...)
{
	if (!d->damaged && d->problem && d->problem_len) {
		va_list args;
		va_start(args, format);
		vsnprintf(d->problem, d->problem_len, format, args);
		va_end(args);
	}
	d->damaged = true;
}

static void *keep(struct decoder *d, size_t count, size_t size)
{
	void *block = event_keep(d->event, calloc(count ? count : 1, size));
	if (!block)
		d->no_memory = true;
	return block;
}

/* A string slice's text, in the event's block. */
static const char *text_of(struct decoder *d, const struct json_slice *v)
{
	bool in_pool = v->len + 1 <= d->pool_cap - d->pool_used;
	char *out = in_pool ? d->pool + d->pool_used : keep(d, v->len + 1, 1);
	if (!out)
		return NULL;
	size_t n = json_slice_text(v, out);
	if (in_pool)
		d->pool_used += n + 1; /* what the escapes saved stays free */
	return out;
}

/* A string member, NULL when null or absent; required ones must be strings. */
static const char *string_at(struct decoder *d, const struct json_members *object, const char *key, bool required)
{
	const struct json_slice *v = json_members_get(object, key);
	if (v && v->type == JSON_STRING)
		return text_of(d, v);
	if (required && (!v || v->type == JSON_NULL))
		damaged(d, "field %s is missing", key);
	else if (v && v->type != JSON_NULL)
		damaged(d, "field %s is not text", key);
	return NULL;
}

/* The widest number a payload's integer may be: a double beyond it does not convert. */
#define INT64_RANGE 9.0e18
/* Whether number fits an integer of +-limit; one that does not damages the payload (the
 * conversion would be undefined). */
static bool in_range(struct decoder *d, const char *key, double number, double limit)
{
	if (number > -limit && number < limit)
		return true;
	damaged(d, "field %s holds a number out of range", key);
	return false;
}

static int64_t int_at(struct decoder *d, const struct json_members *object, const char *key, bool required,
	int64_t fallback)
{
	const struct json_slice *v = json_members_get(object, key);
	if (v && v->type == JSON_NUMBER && in_range(d, key, v->number, INT64_RANGE))
		return (int64_t)v->number;
	if (v && v->type == JSON_NUMBER)
		return fallback;
	if (required || v)
		damaged(d, v ? "field %s is not a number" : "field %s is missing", key);
	return fallback;
}

static bool bool_at(struct decoder *d, const struct json_members *object, const char *key, bool fallback)
{
	const struct json_slice *v = json_members_get(object, key);
	if (v && v->type == JSON_BOOL)
		return v->boolean;
	if (v)
		damaged(d, "field %s is not true or false", key);
	return fallback;
}

/* A UUID member into a fixed buffer: "" when absent. */
static void uuid_at(struct decoder *d, const struct json_members *object, const char *key, bool required,
	char out[EVENT_UUID_LEN + 1])
{
	const struct json_slice *v = json_members_get(object, key);
	out[0] = '\0';
	if (v && v->type == JSON_STRING && !v->escaped) { /* the common UUID: straight into out */
		if (v->len > EVENT_UUID_LEN)
			damaged(d, "field %s is not a UUID", key);
		else
			json_slice_text(v, out);
		return;
	}
	const char *text = string_at(d, object, key, required);
	size_t len = text ? strlen(text) : 0;
	if (len > EVENT_UUID_LEN)
		damaged(d, "field %s is not a UUID", key);
	else if (text)
		memcpy(out, text, len + 1);
}

static const struct json_slice *array_at(struct decoder *d, const struct json_members *object, const char *key,
	bool required)
{
	const struct json_slice *v = json_members_get(object, key);
	if (v && v->type == JSON_ARRAY)
		return v;
	if (required || (v && v->type != JSON_NULL))
		damaged(d, v ? "field %s is not a list" : "field %s is missing", key);
	return NULL;
}

/* The strings of a list (other elements are skipped, as they always were). */
static const char *const *strings_at(struct decoder *d, const struct json_members *object, const char *key, int *n)
{
	const struct json_slice *list = array_at(d, object, key, false);
	*n = 0;
	if (!list || list->n_items == 0)
		return NULL;
	enum { HERE = (int)(sizeof d->event->strings_here / sizeof d->event->strings_here[0]) };
	bool here = list->n_items <= HERE && !d->strings_here_used;
	const char **out = here ? d->event->strings_here : keep(d, (size_t)list->n_items, sizeof *out);
	d->strings_here_used = d->strings_here_used || here;
	struct json_slice item;
	for (size_t at = 0; out && json_slice_next(list, &at, &item);)
		if (item.type == JSON_STRING && (out[*n] = text_of(d, &item)))
			(*n)++;
	return out;
}

static int *ints_at(struct decoder *d, const struct json_members *object, const char *key, int *n)
{
	const struct json_slice *list = array_at(d, object, key, true);
	*n = 0;
	if (!list)
		return NULL;
	int *out = keep(d, (size_t)list->n_items, sizeof *out);
	struct json_slice item;
	for (size_t at = 0; out && json_slice_next(list, &at, &item);)
		if (item.type == JSON_NUMBER && in_range(d, key, item.number, 2147483648.0))
			out[(*n)++] = (int)item.number;
	return out;
}

static long *longs_at(struct decoder *d, const struct json_members *object, const char *key, int *n)
{
	const struct json_slice *list = array_at(d, object, key, true);
	*n = 0;
	if (!list)
		return NULL;
	long *out = keep(d, (size_t)list->n_items, sizeof *out);
	struct json_slice item;
	for (size_t at = 0; out && json_slice_next(list, &at, &item);)
		out[(*n)++] = item.type == JSON_NUMBER && in_range(d, key, item.number, INT64_RANGE) ? (long)item.number : 0;
	return out;
}

static enum contribution_kind kind_at(struct decoder *d, const struct json_members *object, bool *given)
{
	enum contribution_kind kind = KIND_NOTE;
	const char *name = string_at(d, object, EVENT_KEY_KIND, false);
	*given = name != NULL;
	for (int k = 0; name && k < KIND_COUNT; k++) /* the stored name: as contribution_kind_parse() reads it */
		if (strcmp(contribution_kind_name((enum contribution_kind)k), name) == 0)
			return (enum contribution_kind)k;
	if (name && !contribution_kind_parse(name, &kind))
		damaged(d, "field %s names no kind", EVENT_KEY_KIND);
	return kind;
}

static void poll_fields(struct decoder *d, const struct json_members *p, struct agenda_vote *def);

static const struct agenda_vote *poll_at(struct decoder *d, const struct json_members *object)
{
	const struct json_slice *slice = json_members_get(object, "poll");
	if (!slice || slice->type == JSON_NULL)
		return NULL;
	if (slice->type != JSON_OBJECT) {
		damaged(d, "field %s is not an object", "poll");
		return NULL;
	}
	struct agenda_vote *def = keep(d, 1, sizeof *def);
	struct json_members p;
	if (!def)
		return NULL;
	if (!json_scan_object(slice->text, slice->len, &p)) { /* checked with the payload: only out of memory */
		d->no_memory = true;
		return def;
	}
	poll_fields(d, &p, def);
	json_members_free(&p);
	return def;
}

static void poll_fields(struct decoder *d, const struct json_members *p, struct agenda_vote *def)
{
	def->id = (char *)string_at(d, p, "id", true);
	def->question = (char *)string_at(d, p, "question", true);
	const char *type = string_at(d, p, "type", true);
	if (type && !vote_type_parse(type, &def->type))
		damaged(d, "poll field %s names no vote type", "type");
	def->options = (char **)strings_at(d, p, "options", &def->n_options);
	def->max_choices = (int)int_at(d, p, "max_choices", false, def->n_options);
	def->dots = (int)int_at(d, p, "dots", false, EVENT_POLL_DOTS);
	def->max_per_option = (int)int_at(d, p, "max_per_option", false, 0);
	def->min = (int)int_at(d, p, "min", false, EVENT_POLL_SCALE_MIN);
	def->max = (int)int_at(d, p, "max", false, EVENT_POLL_SCALE_MAX);
	def->anonymous = bool_at(d, p, "anonymous", false);
	const struct json_slice *roles = array_at(d, p, "voter_roles", false);
	struct json_slice item;
	for (size_t at = 0; roles && json_slice_next(roles, &at, &item);) {
		enum participant_role role;
		const char *name = item.type == JSON_STRING ? text_of(d, &item) : NULL;
		if (name && participant_role_parse(name, &role))
			def->voter_roles[role] = true;
	}
	if (!roles)
		def->voter_roles[ROLE_EXPERT] = true;
	struct vote_problem problem;
	if (!d->damaged && vote_rules_check(def, &problem, 1) > 0) /* the rules /poll checked when it was written */
		damaged(d, "poll: %s", problem.message);
}

static void decode_fields(struct decoder *d)
{
	struct event *e = d->event;
	const struct json_members *p = d->payload;
	bool given;
	switch (e->type) {
	case EVENT_SESSION_START:
		e->as.start.title = string_at(d, p, "title", false);
		e->as.start.item = string_at(d, p, EVENT_KEY_ITEM, false);
		break;
	case EVENT_SESSION_END:
		e->as.end.item = string_at(d, p, EVENT_KEY_ITEM, false);
		e->as.end.closed_vote = string_at(d, p, "closed_vote", false);
		break;
	case EVENT_CONTRIBUTION: {
		struct event_contribution *c = &e->as.contribution;
		uuid_at(d, p, EVENT_KEY_ID, false, c->id);
		c->item = string_at(d, p, EVENT_KEY_ITEM, true);
		c->participant = string_at(d, p, EVENT_KEY_PARTICIPANT, false);
		c->kind = kind_at(d, p, &given);
		c->text = string_at(d, p, EVENT_KEY_TEXT, true);
		c->tags = strings_at(d, p, EVENT_KEY_TAGS, &c->n_tags);
		break;
	}
	case EVENT_EDIT: {
		struct event_edit *c = &e->as.edit;
		uuid_at(d, p, EVENT_KEY_CONTRIBUTION, false, c->contribution);
		c->ref = int_at(d, p, EVENT_KEY_REF, !c->contribution[0], 0);
		c->text = string_at(d, p, EVENT_KEY_TEXT, true);
		c->kind = kind_at(d, p, &c->has_kind);
		c->tags = strings_at(d, p, EVENT_KEY_TAGS, &c->n_tags);
		c->removed = strings_at(d, p, EVENT_KEY_REMOVED, &c->n_removed);
		c->participant = string_at(d, p, EVENT_KEY_PARTICIPANT, false);
		c->item = string_at(d, p, EVENT_KEY_ITEM, false);
		break;
	}
	case EVENT_RESTORE:
		uuid_at(d, p, EVENT_KEY_CONTRIBUTION, false, e->as.restore.contribution);
		e->as.restore.ref = int_at(d, p, EVENT_KEY_REF, !e->as.restore.contribution[0], 0);
		break;
	case EVENT_WITHDRAW:
		e->as.withdraw.vote = string_at(d, p, "vote", false);
		e->as.withdraw.vote_id = string_at(d, p, "vote_id", true);
		e->as.withdraw.participant = string_at(d, p, EVENT_KEY_PARTICIPANT, true);
		break;
	case EVENT_VOTE_REOPEN:
		e->as.vote_reopen.vote = string_at(d, p, "vote", false);
		e->as.vote_reopen.vote_id = string_at(d, p, "vote_id", true);
		break;
	case EVENT_RETRACT:
		uuid_at(d, p, EVENT_KEY_CONTRIBUTION, false, e->as.retract.contribution);
		e->as.retract.ref = int_at(d, p, EVENT_KEY_REF, !e->as.retract.contribution[0], 0);
		e->as.retract.undo = bool_at(d, p, "undo", false);
		break;
	case EVENT_PARTICIPANT: {
		const char *role = string_at(d, p, "role", false);
		e->as.participant.id = string_at(d, p, EVENT_KEY_ID, true);
		e->as.participant.name = string_at(d, p, "name", false);
		e->as.participant.role = ROLE_EXPERT; /* a role this build does not know reads as expert */
		if (role && !participant_role_parse(role, &e->as.participant.role))
			e->as.participant.role = ROLE_EXPERT;
		break;
	}
	case EVENT_ITEM:
		e->as.item.item = string_at(d, p, EVENT_KEY_ITEM, true);
		e->as.item.from = string_at(d, p, "from", false);
		e->as.item.command = string_at(d, p, "command", false);
		break;
	case EVENT_EXTEND:
		e->as.extend.item = string_at(d, p, EVENT_KEY_ITEM, true);
		e->as.extend.minutes = int_at(d, p, "minutes", false, 0);
		e->as.extend.planned_seconds = int_at(d, p, "planned_seconds", true, 0);
		break;
	case EVENT_VOTE_OPEN:
		uuid_at(d, p, "vote", false, e->as.vote_open.vote);
		e->as.vote_open.vote_id = string_at(d, p, "vote_id", true);
		e->as.vote_open.item = string_at(d, p, EVENT_KEY_ITEM, false);
		e->as.vote_open.poll = poll_at(d, p);
		break;
	case EVENT_VOTE_CLOSE:
		e->as.vote_close.vote = string_at(d, p, "vote", false);
		e->as.vote_close.vote_id = string_at(d, p, "vote_id", true);
		break;
	case EVENT_BALLOT:
		e->as.ballot.vote = string_at(d, p, "vote", false);
		e->as.ballot.vote_id = string_at(d, p, "vote_id", true);
		e->as.ballot.participant = string_at(d, p, EVENT_KEY_PARTICIPANT, false); /* null: erased */
		e->as.ballot.choices = ints_at(d, p, "choices", &e->as.ballot.n_choices);
		e->as.ballot.reason = string_at(d, p, "reason", false);
		break;
	case EVENT_COUNTS:
		e->as.counts.vote = string_at(d, p, "vote", false);
		e->as.counts.vote_id = string_at(d, p, "vote_id", true);
		e->as.counts.counts = longs_at(d, p, "counts", &e->as.counts.n_counts);
		break;
	case EVENT_RECOMMENDATION:
		uuid_at(d, p, EVENT_KEY_ID, false, e->as.recommendation.id);
		e->as.recommendation.item = string_at(d, p, EVENT_KEY_ITEM, true);
		e->as.recommendation.text = string_at(d, p, EVENT_KEY_TEXT, true);
		break;
	case EVENT_CONSENT: {
		e->as.consent.participant = string_at(d, p, EVENT_KEY_PARTICIPANT, true);
		const struct json_slice *q = json_members_get(p, "quotes");
		if (!q || q->type != JSON_BOOL)
			damaged(d, q ? "field %s is not true or false" : "field %s is missing", "quotes");
		else
			e->as.consent.quotes = q->boolean;
		break;
	}
	case EVENT_LEAD:
		e->as.lead.leader = string_at(d, p, "leader", true);
		e->as.lead.from = string_at(d, p, "from", false);
		e->as.lead.taken = bool_at(d, p, "taken", false);
		break;
	case EVENT_ERASURE: {
		struct event_erasure *x = &e->as.erasure;
		x->scope = string_at(d, p, "scope", true);
		x->participant = string_at(d, p, EVENT_KEY_PARTICIPANT, false);
		x->contributions = int_at(d, p, "contributions", false, 0);
		x->events = int_at(d, p, "events", false, 0);
		x->ballots = int_at(d, p, "ballots", false, 0);
		x->rewritten = int_at(d, p, "rewritten", false, 0);
		x->by = string_at(d, p, "by", false);
		break;
	}
	case EVENT_UNKNOWN:
		break;
	}
	e->undoes = int_at(d, p, EVENT_KEY_UNDOES, false, 0);
}

enum event_decoded event_decode(const char *type, const char *payload, size_t len, struct event *out,
	char *problem, size_t problem_len)
{
	*out = (struct event){ .type = event_type_parse(type) };
	if (problem && problem_len)
		problem[0] = '\0';
	if (out->type == EVENT_UNKNOWN)
		return EVENT_UNKNOWN_TYPE;
	struct json_members members;
	struct decoder d = { .event = out, .payload = &members, .problem = problem, .problem_len = problem_len };
	if (!json_scan_object(payload, len, &members)) {
		damaged(&d, "the payload is not a JSON object%s", "");
		return EVENT_NOT_AN_OBJECT;
	}
	d.pool = event_keep(out, malloc(len + 1));
	d.pool_cap = d.pool ? len + 1 : 0;
	d.no_memory = !d.pool;
	if (d.pool)
		decode_fields(&d);
	json_members_free(&members);
	if (d.damaged || d.no_memory) {
		event_free(out);
		if (d.no_memory && !d.damaged && problem && problem_len)
			snprintf(problem, problem_len, "out of memory");
		return d.damaged ? EVENT_DAMAGED : EVENT_NO_MEMORY;
	}
	return EVENT_DECODED;
}
