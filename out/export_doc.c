/* export_doc: see export_doc.h. */
#include "out/export_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "sessions/event.h"
#include "sessions/json.h"

static void *array(int n, size_t size)
{
	return calloc(n > 0 ? (size_t)n : 1, size);
}

static void build_session(struct export_doc *d, const struct session *s)
{
	const struct agenda_session *a = &s->agenda->session;
	d->session = (struct export_session){ .id = s->id, .title = a->title, .organisation = a->organisation,
		.location = a->location, .date = a->date, .codebook = s->agenda->codebook.name,
		.codes = s->agenda->codebook.entries, .n_codes = s->agenda->codebook.n_entries, .ended = s->ended,
		.started_ms = s->started_ms, .ended_ms = s->ended ? s->ended_ms : 0,
		.current_item = s->current_item >= 0 ? s->items[s->current_item].def->id : NULL,
		.now_ms = s->clock.now_ms(s->clock.ctx) };
}

static bool build_participants(struct export_doc *d, const struct session *s)
{
	if (!(d->participants = array(s->n_participants, sizeof *d->participants)))
		return false;
	for (int i = 0; i < s->n_participants; i++) {
		const struct session_participant *p = &s->participants[i];
		int in_agenda = agenda_participant_index(s->agenda, p->id);
		const struct agenda_participant *a = in_agenda >= 0 ? &s->agenda->participants[in_agenda] : NULL;
		d->participants[i] = (struct export_participant){ .id = p->id, .role = p->role,
			.name = d->options.names ? p->name : NULL,
			.community = d->options.communities ? p->community : NULL,
			.languages = a ? a->languages : NULL, .n_languages = a ? a->n_languages : 0,
			.consent_quotes = p->consent_quotes, .added_live = p->added_live,
			.contributions = p->n_contributions };
	}
	d->n_participants = s->n_participants;
	return true;
}

static bool build_items(struct export_doc *d, const struct session *s)
{
	int64_t now = s->ended ? s->ended_ms : d->session.now_ms;
	if (!(d->items = array(s->n_items, sizeof *d->items)))
		return false;
	for (int i = 0; i < s->n_items; i++) {
		const struct session_item *item = &s->items[i];
		d->items[i] = (struct export_item){ .id = item->def->id, .title = item->def->title,
			.planned_minutes = item->def->minutes, .planned_seconds = item->planned_seconds,
			.actual_seconds = session_item_elapsed_ms(s, i, now) / 1000, .domains = item->def->domains,
			.n_domains = item->def->n_domains, .prompts = item->def->prompts,
			.n_prompts = item->def->n_prompts };
	}
	d->n_items = s->n_items;
	return true;
}

static bool build_contributions(struct export_doc *d, const struct session *s)
{
	if (!(d->contributions = array(s->n_contributions, sizeof *d->contributions)))
		return false;
	for (int i = 0; i < s->n_contributions; i++) {
		const struct session_contribution *c = &s->contributions[i];
		const struct session_participant *p = c->participant >= 0 ? &s->participants[c->participant] : NULL;
		d->contributions[i] = (struct export_contribution){ .seq = c->seq, .at_ms = c->at_ms, .id = c->id,
			.item = c->item, .participant = p ? p->id : NULL, .kind = c->kind, .text = c->text,
			.tags = c->tags, .n_tags = c->n_tags, .retracted = c->retracted, .edits = c->n_edits,
			.quotable = p && p->consent_quotes, .console = c->console };
	}
	d->n_contributions = s->n_contributions;
	return true;
}

static bool build_vote(struct export_vote *out, const struct session *s, const struct session_vote *v)
{
	*out = (struct export_vote){ .def = v->def, .item = v->item, .adhoc = v->adhoc,
		.status = v->status == SESSION_VOTE_OPEN ? EXPORT_VOTE_OPEN
			: v->status == SESSION_VOTE_CLOSED ? EXPORT_VOTE_CLOSED : EXPORT_VOTE_NOT_OPENED,
		.counts = v->counts, .n_counts = v->counts ? v->n_counts : 0 };
	if (!(out->ballots = array(v->n_ballots, sizeof *out->ballots)))
		return false;
	for (int b = 0; b < v->n_ballots; b++) {
		const struct session_ballot *ballot = &v->ballots[b];
		out->ballots[b] = (struct export_ballot){
			.participant = ballot->participant >= 0 ? s->participants[ballot->participant].id : NULL,
			.choices = ballot->choices, .n_choices = ballot->n_choices, .reason = ballot->reason,
			.seq = ballot->seq };
	}
	out->n_ballots = v->n_ballots;
	char message[256];
	out->counted = v->status != SESSION_VOTE_PENDING && session_vote_tally(s, v, &out->result, message,
		sizeof message);
	return true;
}

static bool build_votes(struct export_doc *d, const struct session *s)
{
	if (!(d->votes = array(s->n_votes, sizeof *d->votes)))
		return false;
	for (int v = 0; v < s->n_votes; v++) {
		if (!build_vote(&d->votes[v], s, &s->votes[v]))
			return false;
		d->n_votes++;
	}
	return true;
}

static bool build_recommendations(struct export_doc *d, const struct session *s)
{
	if (!(d->recommendations = array(s->n_recommendations, sizeof *d->recommendations)))
		return false;
	for (int r = 0; r < s->n_recommendations; r++) {
		const struct session_recommendation *rec = &s->recommendations[r];
		d->recommendations[r] = (struct export_recommendation){ .seq = rec->seq, .id = rec->id,
			.item = rec->item, .text = rec->text };
	}
	d->n_recommendations = s->n_recommendations;
	return true;
}

/* The payload as the options allow it: decoded, then encoded again without what they
 * leave out. An event this build cannot read keeps no payload, only why. */
static bool filter_event(struct export_event *out, const struct store_event *row, const struct event_privacy *privacy)
{
	struct event ev;
	char problem[128];
	enum event_decoded decoded = event_decode(row->type, row->payload, strlen(row->payload), &ev, problem,
		sizeof problem);
	if (decoded == EVENT_NO_MEMORY)
		return false;
	if (decoded != EVENT_DECODED) {
		out->problem = strdup(decoded == EVENT_UNKNOWN_TYPE ? "a type this build does not know" : problem);
		return out->problem != NULL;
	}
	struct json_buf payload = { 0 };
	event_encode(&ev, privacy, &payload);
	event_free(&ev);
	if (payload.failed) {
		json_buf_free(&payload);
		return false;
	}
	out->payload = payload.data;
	return true;
}

static int build_events(struct export_doc *d, const struct session *s, char *err, size_t errlen)
{
	struct store_events *it;
	int rc = store_events_open(s->store, s->id, 0, &it, err, errlen);
	if (rc)
		return rc;
	const struct event_privacy privacy = { .names = d->options.names };
	struct store_event row;
	int more, cap = 0;
	while ((more = store_events_next(it, &row, err, errlen)) == 1) {
		if (d->n_events == cap) {
			int grown = cap ? cap * 2 : 64;
			struct export_event *events = realloc(d->events, (size_t)grown * sizeof *events);
			if (!events)
				break;
			d->events = events;
			cap = grown;
		}
		struct export_event *e = &d->events[d->n_events];
		*e = (struct export_event){ .seq = row.seq, .at_ms = row.at_ms };
		snprintf(e->console, sizeof e->console, "%s", row.console);
		snprintf(e->type, sizeof e->type, "%s", row.type);
		d->n_events++;
		if (!filter_event(e, &row, &privacy))
			break;
	}
	store_events_close(it);
	if (more > 1)
		return more;
	if (more == 1) {
		errmsg_fail(err, errlen, "out of memory while reading session %s", s->id);
		return EX_OSERR;
	}
	return 0;
}

/* Each recommendation's time is its event's: events are in seq order. */
static void recommendation_times(struct export_doc *d)
{
	for (int r = 0; r < d->n_recommendations; r++) {
		int lo = 0, hi = d->n_events - 1;
		while (lo <= hi) {
			int mid = lo + (hi - lo) / 2;
			if (d->events[mid].seq == d->recommendations[r].seq) {
				d->recommendations[r].at_ms = d->events[mid].at_ms;
				break;
			}
			if (d->events[mid].seq < d->recommendations[r].seq)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
}

static const struct store_rec *entry_of(const struct export_doc *d, const char *id)
{
	for (int i = 0; i < d->n_register; i++)
		if (strcmp(d->register_entries[i].id, id) == 0)
			return &d->register_entries[i];
	return NULL;
}

/* The register's entries of the session's recommendations, both kinds. */
static int build_register(struct export_doc *d, const struct session *s, char *err, size_t errlen)
{
	struct store_rec_filter filter = { .session = s->id };
	int rc = store_recs_list(s->store, &filter, &d->register_entries, &d->n_register, err, errlen);
	for (int r = 0; !rc && r < d->n_recommendations; r++)
		d->recommendations[r].entry = entry_of(d, d->recommendations[r].id);
	for (int c = 0; !rc && c < d->n_contributions; c++)
		if (d->contributions[c].kind == KIND_RECOMMENDATION && !d->contributions[c].retracted)
			d->contributions[c].entry = entry_of(d, d->contributions[c].id);
	return rc;
}

int export_doc_build(const struct session *session, const struct export_options *options,
	struct export_doc **out, char *err, size_t errlen)
{
	struct export_doc *d = calloc(1, sizeof *d);
	*out = NULL;
	if (!d) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	if (options)
		d->options = *options;
	build_session(d, session);
	bool ok = build_participants(d, session) && build_items(d, session) && build_contributions(d, session)
		&& build_votes(d, session) && build_recommendations(d, session);
	int rc = ok ? build_events(d, session, err, errlen) : EX_OSERR;
	if (!rc)
		rc = build_register(d, session, err, errlen);
	if (!ok)
		errmsg_fail(err, errlen, "out of memory while reading session %s", session->id);
	if (rc) {
		export_doc_free(d);
		return rc;
	}
	recommendation_times(d);
	*out = d;
	return 0;
}

void export_doc_free(struct export_doc *doc)
{
	if (!doc)
		return;
	free(doc->participants);
	free(doc->items);
	free(doc->contributions);
	for (int v = 0; v < doc->n_votes; v++) {
		free(doc->votes[v].ballots);
		if (doc->votes[v].counted)
			tally_free(&doc->votes[v].result);
	}
	free(doc->votes);
	free(doc->recommendations);
	for (int e = 0; e < doc->n_events; e++) {
		free(doc->events[e].payload);
		free(doc->events[e].problem);
	}
	free(doc->events);
	store_recs_free(doc->register_entries, doc->n_register);
	free(doc);
}
