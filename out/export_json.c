/* export_json: see export_json.h. The key order is part of the format: scripts and golden
 * files read it byte for byte. */
#include "out/export_json.h"

#include <errno.h>
#include <string.h>
#include <sysexits.h>

#include "out/iso_time.h"
#include "out/rec_text.h"
#include "sessions/json.h"
#include "sessions/tally_json.h"

static void json_time(struct json_buf *j, const char *key, int64_t ms)
{
	json_key(j, key);
	if (ms <= 0) {
		json_null(j);
		return;
	}
	char text[48];
	iso_time(ms, text, sizeof text);
	json_string(j, text);
}

static void write_session(struct json_buf *j, const struct export_session *s)
{
	json_key(j, "session");
	json_object_begin(j);
	json_member_string(j, "id", s->id);
	json_member_string(j, "title", s->title);
	json_member_string(j, "organisation", s->organisation);
	json_member_string(j, "location", s->location);
	json_member_string(j, "date", s->date);
	json_member_string(j, "status", s->ended ? "ended" : "open");
	json_time(j, "started_at", s->started_ms);
	json_time(j, "ended_at", s->ended_ms);
	json_member_string(j, "codebook", s->codebook);
	json_member_string(j, "current_item", s->current_item);
	json_object_end(j);
}

static void write_participants(struct json_buf *j, const struct export_doc *d)
{
	json_key(j, "participants");
	json_array_begin(j);
	for (int i = 0; i < d->n_participants; i++) {
		const struct export_participant *p = &d->participants[i];
		json_object_begin(j);
		json_member_string(j, "id", p->id);
		json_member_string(j, "role", participant_role_name(p->role));
		if (d->options.names)
			json_member_string(j, "name", p->name);
		if (d->options.communities)
			json_member_string(j, "community", p->community);
		json_member_bool(j, "consent_quotes", p->consent_quotes);
		json_member_bool(j, "added_live", p->added_live);
		json_member_int(j, "contributions", p->contributions);
		json_object_end(j);
	}
	json_array_end(j);
}

static void write_contribution(struct json_buf *j, const struct export_contribution *c)
{
	json_object_begin(j);
	json_member_int(j, "seq", c->seq);
	json_member_string(j, "id", c->id);
	json_time(j, "at", c->at_ms);
	json_member_string(j, "participant", c->participant);
	json_member_string(j, "kind", contribution_kind_name(c->kind));
	json_member_string(j, "text", c->text);
	json_member_strings(j, "tags", (const char *const *)c->tags, c->n_tags);
	json_member_bool(j, "retracted", c->retracted);
	json_member_int(j, "edits", c->edits);
	json_member_bool(j, "quotable", c->quotable);
	json_member_string(j, "console", c->console);
	if (c->entry)
		rec_text_json(j, c->entry);
	json_object_end(j);
}

static const char *vote_status_name(enum export_vote_status status)
{
	return status == EXPORT_VOTE_OPEN ? "open" : status == EXPORT_VOTE_CLOSED ? "closed" : "not_opened";
}

static const char *participant_id(const void *ctx, int participant)
{
	const struct export_doc *d = ctx;
	return participant >= 0 && participant < d->n_participants ? d->participants[participant].id : NULL;
}

static void write_vote(struct json_buf *j, const struct export_doc *d, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	json_object_begin(j);
	json_member_string(j, "id", def->id);
	json_member_string(j, "type", vote_type_name(def->type));
	json_member_string(j, "question", def->question);
	json_member_strings(j, "options", (const char *const *)def->options, def->n_options);
	json_member_string(j, "status", vote_status_name(v->status));
	json_member_bool(j, "anonymous", def->anonymous);
	json_member_bool(j, "adhoc", v->adhoc);
	if (def->anonymous) {
		json_key(j, "counts");
		json_array_begin(j);
		for (int c = 0; c < v->n_counts; c++)
			json_int(j, v->counts[c]);
		json_array_end(j);
	} else {
		json_key(j, "ballots");
		json_array_begin(j);
		for (int b = 0; b < v->n_ballots; b++) {
			const struct export_ballot *ballot = &v->ballots[b];
			json_object_begin(j);
			json_member_string(j, "participant", ballot->participant);
			json_member_ints(j, "choice", ballot->choices, ballot->n_choices);
			if (ballot->reason)
				json_member_string(j, "reason", ballot->reason);
			json_member_int(j, "seq", ballot->seq);
			json_object_end(j);
		}
		json_array_end(j);
	}
	json_key(j, "result");
	if (v->counted)
		tally_json_write(j, def, &v->result, participant_id, d);
	else
		json_null(j);
	json_object_end(j);
}

static void write_items(struct json_buf *j, const struct export_doc *d)
{
	json_key(j, "items");
	json_array_begin(j);
	for (int i = 0; i < d->n_items; i++) {
		const struct export_item *item = &d->items[i];
		json_object_begin(j);
		json_member_string(j, "id", item->id);
		json_member_string(j, "title", item->title);
		json_member_int(j, "planned_minutes", item->planned_minutes);
		json_member_int(j, "planned_seconds", item->planned_seconds);
		json_member_int(j, "actual_seconds", item->actual_seconds);
		json_member_strings(j, "domains", (const char *const *)item->domains, item->n_domains);
		json_key(j, "contributions");
		json_array_begin(j);
		for (int c = 0; c < d->n_contributions; c++)
			if (d->contributions[c].item == i)
				write_contribution(j, &d->contributions[c]);
		json_array_end(j);
		json_key(j, "votes");
		json_array_begin(j);
		for (int v = 0; v < d->n_votes; v++)
			if (d->votes[v].item == i)
				write_vote(j, d, &d->votes[v]);
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void write_recommendations(struct json_buf *j, const struct export_doc *d)
{
	json_key(j, "recommendations");
	json_array_begin(j);
	for (int r = 0; r < d->n_recommendations; r++) {
		const struct export_recommendation *rec = &d->recommendations[r];
		json_object_begin(j);
		json_member_int(j, "seq", rec->seq);
		json_member_string(j, "id", rec->id);
		json_member_string(j, "item", d->items[rec->item].id);
		json_member_string(j, "text", rec->text);
		if (rec->entry)
			rec_text_json(j, rec->entry);
		json_object_end(j);
	}
	json_array_end(j);
}

static void write_events(struct json_buf *j, const struct export_doc *d)
{
	json_key(j, "events");
	json_array_begin(j);
	for (int i = 0; i < d->n_events; i++) {
		const struct export_event *e = &d->events[i];
		json_object_begin(j);
		json_member_int(j, "seq", e->seq);
		json_time(j, "at", e->at_ms);
		json_member_string(j, "console", e->console);
		json_member_string(j, "type", e->type);
		json_key(j, "payload");
		if (e->payload)
			json_raw(j, e->payload);
		else
			json_null(j);
		if (e->problem)
			json_member_string(j, "unreadable", e->problem);
		json_object_end(j);
	}
	json_array_end(j);
}

int export_json_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen)
{
	struct json_buf j = { 0 };
	json_object_begin(&j);
	json_member_string(&j, "format", "klankbord-export");
	json_member_int(&j, "version", 1);
	write_session(&j, &doc->session);
	write_participants(&j, doc);
	write_items(&j, doc);
	write_recommendations(&j, doc);
	write_events(&j, doc);
	json_object_end(&j);
	int status = 0;
	if (j.failed) {
		snprintf(err, errlen, "out of memory while writing the export");
		status = EX_OSERR;
	} else if (fputs(j.data, out) == EOF || fputc('\n', out) == EOF || fflush(out) != 0) {
		snprintf(err, errlen, "cannot write the export: %s", strerror(ferror(out) ? errno : EIO));
		status = EX_IOERR;
	}
	json_buf_free(&j);
	return status;
}
