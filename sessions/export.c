/* export: see export.h. */
#include "sessions/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "sessions/json.h"
#include "sessions/tally.h"
#include "sessions/tally_json.h"

void export_iso_time(int64_t ms, char *out, size_t size)
{
	time_t seconds = (time_t)(ms / 1000);
	struct tm local;
	if (!localtime_r(&seconds, &local)) {
		snprintf(out, size, "%s", "1970-01-01T00:00:00.000+00:00");
		return;
	}
	char date[32], zone[8];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
	strftime(zone, sizeof zone, "%z", &local); /* +0100 */
	snprintf(out, size, "%s.%03d%.3s:%.2s", date, (int)(ms % 1000), zone, zone + 3);
}

static void json_time(struct json_buf *j, const char *key, int64_t ms)
{
	json_key(j, key);
	if (ms <= 0) {
		json_null(j);
		return;
	}
	char text[48];
	export_iso_time(ms, text, sizeof text);
	json_string(j, text);
}

static void write_session(struct json_buf *j, const struct session *s)
{
	const struct agenda_session *a = &s->agenda->session;
	json_key(j, "session");
	json_object_begin(j);
	json_key(j, "id"), json_string(j, s->id);
	json_key(j, "title"), json_string(j, a->title);
	json_key(j, "organisation"), json_string(j, a->organisation);
	json_key(j, "location"), json_string(j, a->location);
	json_key(j, "date"), json_string(j, a->date);
	json_key(j, "status"), json_string(j, s->ended ? "ended" : "open");
	json_time(j, "started_at", s->started_ms);
	json_time(j, "ended_at", s->ended ? s->ended_ms : 0);
	json_key(j, "codebook"), json_string(j, s->agenda->codebook.name);
	json_key(j, "current_item"), json_string(j, s->items[s->current_item].def->id);
	json_object_end(j);
}

static void write_participants(struct json_buf *j, const struct session *s, const struct export_options *o)
{
	json_key(j, "participants");
	json_array_begin(j);
	for (int i = 0; i < s->n_participants; i++) {
		const struct session_participant *p = &s->participants[i];
		json_object_begin(j);
		json_key(j, "id"), json_string(j, p->id);
		json_key(j, "role"), json_string(j, participant_role_name(p->role));
		if (o->names)
			json_key(j, "name"), json_string(j, p->name);
		if (o->communities)
			json_key(j, "community"), json_string(j, p->community);
		json_key(j, "consent_quotes"), json_bool(j, p->consent_quotes);
		json_key(j, "added_live"), json_bool(j, p->added_live);
		json_key(j, "contributions"), json_int(j, p->n_contributions);
		json_object_end(j);
	}
	json_array_end(j);
}

static void write_contribution(struct json_buf *j, const struct session *s, const struct session_contribution *c)
{
	const struct session_participant *p = c->participant >= 0 ? &s->participants[c->participant] : NULL;
	json_object_begin(j);
	json_key(j, "seq"), json_int(j, c->seq);
	json_key(j, "id"), json_string(j, c->id);
	json_time(j, "at", c->at_ms);
	json_key(j, "participant"), json_string(j, p ? p->id : NULL);
	json_key(j, "kind"), json_string(j, contribution_kind_name(c->kind));
	json_key(j, "text"), json_string(j, c->text);
	json_key(j, "tags");
	json_array_begin(j);
	for (int t = 0; t < c->n_tags; t++)
		json_string(j, c->tags[t]);
	json_array_end(j);
	json_key(j, "retracted"), json_bool(j, c->retracted);
	json_key(j, "edits"), json_int(j, c->n_edits);
	json_key(j, "quotable"), json_bool(j, p && p->consent_quotes);
	json_key(j, "console"), json_string(j, c->console);
	json_object_end(j);
}

static const char *vote_status_name(enum session_vote_status status)
{
	return status == SESSION_VOTE_OPEN ? "open" : status == SESSION_VOTE_CLOSED ? "closed" : "not_opened";
}

static const char *participant_id(const void *ctx, int participant)
{
	const struct session *s = ctx;
	return participant >= 0 && participant < s->n_participants ? s->participants[participant].id : NULL;
}

/* The counted result of an opened vote, or null before it was opened. */
static void write_result(struct json_buf *j, const struct session *s, const struct session_vote *v)
{
	json_key(j, "result");
	struct tally_result result;
	char message[256];
	if (v->status == SESSION_VOTE_PENDING || !session_vote_tally(s, v, &result, message, sizeof message)) {
		json_null(j);
		return;
	}
	tally_json_write(j, v->def, &result, participant_id, s);
	tally_free(&result);
}

static void write_vote(struct json_buf *j, const struct session *s, const struct session_vote *v)
{
	const struct agenda_vote *d = v->def;
	json_object_begin(j);
	json_key(j, "id"), json_string(j, d->id);
	json_key(j, "type"), json_string(j, vote_type_name(d->type));
	json_key(j, "question"), json_string(j, d->question);
	json_key(j, "options");
	json_array_begin(j);
	for (int o = 0; o < d->n_options; o++)
		json_string(j, d->options[o]);
	json_array_end(j);
	json_key(j, "status"), json_string(j, vote_status_name(v->status));
	json_key(j, "anonymous"), json_bool(j, d->anonymous);
	json_key(j, "adhoc"), json_bool(j, v->adhoc);
	if (d->anonymous) {
		json_key(j, "counts");
		json_array_begin(j);
		for (int c = 0; c < v->n_counts; c++)
			json_int(j, v->counts[c]);
		json_array_end(j);
	} else {
		json_key(j, "ballots");
		json_array_begin(j);
		for (int b = 0; b < v->n_ballots; b++) {
			const struct session_ballot *ballot = &v->ballots[b];
			json_object_begin(j);
			json_key(j, "participant"), json_string(j, s->participants[ballot->participant].id);
			json_key(j, "choice");
			json_array_begin(j);
			for (int c = 0; c < ballot->n_choices; c++)
				json_int(j, ballot->choices[c]);
			json_array_end(j);
			if (ballot->reason)
				json_key(j, "reason"), json_string(j, ballot->reason);
			json_key(j, "seq"), json_int(j, ballot->seq);
			json_object_end(j);
		}
		json_array_end(j);
	}
	write_result(j, s, v);
	json_object_end(j);
}

static void write_items(struct json_buf *j, const struct session *s)
{
	int64_t now = s->ended ? s->ended_ms : s->clock.now_ms(s->clock.ctx);
	json_key(j, "items");
	json_array_begin(j);
	for (int i = 0; i < s->n_items; i++) {
		const struct session_item *item = &s->items[i];
		json_object_begin(j);
		json_key(j, "id"), json_string(j, item->def->id);
		json_key(j, "title"), json_string(j, item->def->title);
		json_key(j, "planned_minutes"), json_int(j, item->def->minutes);
		json_key(j, "planned_seconds"), json_int(j, item->planned_seconds);
		json_key(j, "actual_seconds"), json_int(j, session_item_elapsed_ms(s, i, now) / 1000);
		json_key(j, "domains");
		json_array_begin(j);
		for (int d = 0; d < item->def->n_domains; d++)
			json_string(j, item->def->domains[d]);
		json_array_end(j);
		json_key(j, "contributions");
		json_array_begin(j);
		for (int c = 0; c < s->n_contributions; c++)
			if (s->contributions[c].item == i)
				write_contribution(j, s, &s->contributions[c]);
		json_array_end(j);
		json_key(j, "votes");
		json_array_begin(j);
		for (int v = 0; v < s->n_votes; v++)
			if (s->votes[v].item == i)
				write_vote(j, s, &s->votes[v]);
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void write_recommendations(struct json_buf *j, const struct session *s)
{
	json_key(j, "recommendations");
	json_array_begin(j);
	for (int r = 0; r < s->n_recommendations; r++) {
		const struct session_recommendation *rec = &s->recommendations[r];
		json_object_begin(j);
		json_key(j, "seq"), json_int(j, rec->seq);
		json_key(j, "id"), json_string(j, rec->id);
		json_key(j, "item"), json_string(j, s->items[rec->item].def->id);
		json_key(j, "text"), json_string(j, rec->text);
		json_object_end(j);
	}
	json_array_end(j);
}

static int write_events(struct json_buf *j, const struct session *s, char *err, size_t errlen)
{
	struct store_events *it;
	int status = store_events_open(s->store, s->id, 0, &it, err, errlen);
	if (status != 0)
		return status;
	json_key(j, "events");
	json_array_begin(j);
	struct store_event e;
	while ((status = store_events_next(it, &e, err, errlen)) == 1) {
		json_object_begin(j);
		json_key(j, "seq"), json_int(j, e.seq);
		json_time(j, "at", e.at_ms);
		json_key(j, "console"), json_string(j, e.console);
		json_key(j, "type"), json_string(j, e.type);
		json_key(j, "payload"), json_raw(j, e.payload);
		json_object_end(j);
	}
	json_array_end(j);
	store_events_close(it);
	return status == 0 ? 0 : status;
}

int export_json(const struct session *session, const struct export_options *options, FILE *out,
	char *err, size_t errlen)
{
	struct json_buf j = { 0 };
	json_object_begin(&j);
	json_key(&j, "format"), json_string(&j, "klankbord-export");
	json_key(&j, "version"), json_int(&j, 1);
	write_session(&j, session);
	static const struct export_options defaults = { 0 };
	write_participants(&j, session, options ? options : &defaults);
	write_items(&j, session);
	write_recommendations(&j, session);
	int status = write_events(&j, session, err, errlen);
	json_object_end(&j);
	if (status == 0 && j.failed) {
		snprintf(err, errlen, "out of memory while writing the export");
		status = EX_OSERR;
	}
	if (status == 0 && (fputs(j.data, out) == EOF || fputc('\n', out) == EOF || fflush(out) != 0)) {
		snprintf(err, errlen, "cannot write the export: %s", strerror(ferror(out) ? errno : EIO));
		status = EX_IOERR;
	}
	json_buf_free(&j);
	return status;
}
