/* session_model: see session_model.h. */
#include "sessions/session_model.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sessions/session_grow.h"

/* ---- lookups ---- */

bool session_leads(const struct session *session)
{
	return strcmp(session->leader, session->console) == 0;
}

int session_participant_index(const struct session *session, const char *id)
{
	/* Ids share their first bytes (E01, E02, ...): the first three are compared in place
	 * (each only when the ones before it are the same, so never past either string's end),
	 * a call only for the id that may be it. Every contribution looks its speaker up. */
	for (int i = 0; i < session->n_participants; i++) {
		const char *p = session->participants[i].id;
		if (p[0] == id[0] && (!id[0] || (p[1] == id[1] && (!id[1] || p[2] == id[2]))) && strcmp(p, id) == 0)
			return i;
	}
	return -1;
}

/* Of n ids (id_at(session, i)), the one id names as a person typed it: the same, else the
 * only one that differs from it in upper and lower case alone; -1 for none or two. */
static int typed_index(const struct session *session, int n, const char *(*id_at)(const struct session *, int),
	const char *id)
{
	int found = -1;
	for (int i = 0; i < n; i++)
		if (strcmp(id_at(session, i), id) == 0)
			return i;
	for (int i = 0; i < n; i++)
		if (strcasecmp(id_at(session, i), id) == 0) {
			if (found >= 0)
				return -1;
			found = i;
		}
	return found;
}

static const char *participant_id_at(const struct session *session, int i)
{
	return session->participants[i].id;
}

static const char *item_id_at(const struct session *session, int i)
{
	return session->items[i].def->id;
}

static const char *vote_id_at(const struct session *session, int i)
{
	return session->votes[i].def->id;
}

/* Whether two ids are the same once upper and lower case and the zeros that lead each
 * run of digits are set aside: E3, e003 and E03 are. */
static bool same_but_zeros(const char *a, const char *b)
{
	for (bool in_digits = false;; a++, b++) {
		if (!in_digits) { /* a run of digits starts: its value, without its leading zeros */
			while (a[0] == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (b[0] == '0' && isdigit((unsigned char)b[1]))
				b++;
		}
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		if (!*a)
			return true;
		in_digits = isdigit((unsigned char)*a);
	}
}

int session_participant_typed(const struct session *session, const char *id)
{
	int found = typed_index(session, session->n_participants, participant_id_at, id);
	if (found >= 0)
		return found;
	/* E3 for E03, typed in a hurry: the only participant it can be */
	for (int i = 0; i < session->n_participants; i++)
		if (same_but_zeros(session->participants[i].id, id)) {
			if (found >= 0)
				return -1;
			found = i;
		}
	return found;
}

int session_item_typed(const struct session *session, const char *id)
{
	return typed_index(session, session->n_items, item_id_at, id);
}

int session_vote_typed(const struct session *session, const char *id)
{
	return typed_index(session, session->n_votes, vote_id_at, id);
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

int session_entry_index(const struct session *session, long long number)
{
	return number >= 1 && number <= session->n_contributions ? (int)(number - 1) : -1;
}

int session_contribution_find(const struct session *session, const char *uuid)
{
	/* newest first: edits and retractions are mostly of recent entries */
	for (int i = session->n_contributions - 1; i >= 0; i--)
		if (strcmp(session->contributions[i].id, uuid) == 0)
			return i;
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
	const int *on_item = session->participants[participant].on_item;
	return on_item && item >= 0 && item < session->n_items && on_item[item] > 0;
}

/* ---- poll definitions ---- */

void session_poll_free(struct agenda_vote *def)
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

struct agenda_vote *session_poll_copy(const struct agenda_vote *from)
{
	struct agenda_vote *def = calloc(1, sizeof *def);
	if (!def)
		return NULL;
	*def = *from;
	def->id = session_strdup(from->id);
	def->question = session_strdup(from->question);
	def->labels = NULL; /* a poll has no labels */
	def->n_labels = 0;
	def->options = from->n_options ? calloc((size_t)from->n_options, sizeof *def->options) : NULL;
	def->n_options = 0;
	bool ok = def->id && def->question && (def->options || from->n_options == 0);
	for (int i = 0; ok && i < from->n_options; i++)
		ok = (def->options[def->n_options++] = strdup(from->options[i])) != NULL;
	if (!ok) {
		session_poll_free(def);
		return NULL;
	}
	return def;
}

/* ---- freeing ---- */

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
		free(session->participants[i].on_item);
	}
	free(session->participants);
	for (int i = 0; i < session->n_items; i++)
		free(session->items[i].entries);
	free(session->items);
	for (int i = 0; i < session->n_contributions; i++)
		free_contribution(&session->contributions[i]);
	free(session->contributions);
	for (int i = 0; i < session->n_votes; i++) {
		struct session_vote *v = &session->votes[i];
		for (int k = 0; k < v->n_ballots; k++) {
			free(v->ballots[k].choices);
			free(v->ballots[k].reason);
		}
		free(v->ballots);
		free(v->counts);
		if (v->adhoc)
			session_poll_free((struct agenda_vote *)v->def);
	}
	free(session->votes);
	for (int i = 0; i < session->n_recommendations; i++)
		free(session->recommendations[i].text);
	free(session->recommendations);
	free(session->consoles);
	for (int i = 0; i < session->n_actions; i++) {
		struct session_action *a = &session->actions[i];
		free(a->before.choices);
		free(a->before.reason);
		free(a->text_before);
		for (int k = 0; k < a->n_tags_before; k++)
			free(a->tags_before[k]);
		free(a->tags_before);
	}
	free(session->actions);
	agenda_free(session->agenda);
	free(session);
}

/* ---- the model from the agenda ---- */

static bool add_agenda_participants(struct session *s)
{
	const struct agenda *a = s->agenda;
	for (int i = 0; i < a->n_participants; i++) {
		const struct agenda_participant *ap = &a->participants[i];
		struct session_participant *more = session_grow(s->participants, s->n_participants, sizeof *more);
		if (!more)
			return false;
		s->participants = more;
		struct session_participant *p = &s->participants[s->n_participants++];
		*p = (struct session_participant){ 0 };
		snprintf(p->id, sizeof p->id, "%s", ap->id);
		p->name = session_strdup(ap->name);
		p->community = session_strdup(ap->community);
		p->role = ap->role;
		p->consent_quotes = ap->consent_quotes;
		if ((ap->name && !p->name) || (ap->community && !p->community))
			return false;
	}
	return true;
}

static bool add_agenda_items(struct session *s)
{
	const struct agenda *a = s->agenda;
	if (a->n_items > 0 && !(s->items = calloc((size_t)a->n_items, sizeof *s->items)))
		return false;
	for (int i = 0; i < a->n_items; i++) {
		s->items[i].def = &a->items[i];
		s->items[i].planned_seconds = a->items[i].minutes * 60;
	}
	s->n_items = a->n_items;
	for (int i = 0; i < a->n_items; i++) {
		for (int k = 0; k < a->items[i].n_votes; k++) {
			struct session_vote *more = session_grow(s->votes, s->n_votes, sizeof *more);
			if (!more)
				return false;
			s->votes = more;
			s->votes[s->n_votes++] = (struct session_vote){ .def = &a->items[i].votes[k], .item = i };
		}
	}
	return true;
}

struct session *session_model_new(struct agenda *agenda, const char *console, struct session_clock clock,
	struct store *store)
{
	struct session *s = calloc(1, sizeof *s);
	if (!s) {
		agenda_free(agenda);
		return NULL;
	}
	s->agenda = agenda;
	s->store = store;
	s->clock = clock.now_ms ? clock : session_clock_system();
	s->current_item = -1;
	s->open_vote = -1;
	snprintf(s->console, sizeof s->console, "%s", console);
	if (!add_agenda_participants(s) || !add_agenda_items(s)) {
		session_free(s);
		return NULL;
	}
	return s;
}
