/* report_parts: see report_parts.h. */
#include "out/report_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/textsafe.h"
#include "out/iso_time.h"

void report_date(const struct export_doc *doc, char *buf, size_t size)
{
	char recorded[11];
	iso_day(doc->session.started_ms, recorded);
	bool known = strcmp(recorded, "unknown") != 0;
	if (!doc->session.date)
		snprintf(buf, size, "%s", known ? recorded : "");
	else if (known && strcmp(recorded, doc->session.date) != 0) /* a reused agenda, or notes typed in later */
		snprintf(buf, size, "%s (recorded %s)", doc->session.date, recorded);
	else
		snprintf(buf, size, "%s", doc->session.date);
}

void report_duration(int64_t seconds, char *buf, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	long long minutes = (seconds + 30) / 60; /* to the nearest minute */
	if (seconds > 0 && seconds < 60)
		snprintf(buf, size, "%lld s", (long long)seconds);
	else if (minutes < 60)
		snprintf(buf, size, "%lld min", minutes);
	else if (minutes % 60 == 0)
		snprintf(buf, size, "%lld h", minutes / 60);
	else
		snprintf(buf, size, "%lld h %lld min", minutes / 60, minutes % 60);
}

const char *report_kind_heading(enum contribution_kind kind)
{
	switch (kind) {
	case KIND_EXPERIENCE: return "Experiences";
	case KIND_OBSTACLE: return "Obstacles";
	case KIND_SUCCESS: return "Successes";
	case KIND_IDEA: return "Ideas";
	case KIND_RECOMMENDATION: return "Recommendations";
	case KIND_QUESTION: return "Questions";
	case KIND_QUOTE: return "Quotes";
	case KIND_NOTE: return "Notes";
	}
	return "Other";
}

/* Where a code goes in a report: its place in the codebook, or after every code of it. */
static int code_rank(const struct export_session *s, const char *code)
{
	if (!code)
		return s->n_codes + 1;
	for (int i = 0; i < s->n_codes; i++)
		if (strcmp(s->codes[i].code, code) == 0)
			return i;
	return s->n_codes;
}

static const char *code_label(const struct export_session *s, const char *code)
{
	int rank = code_rank(s, code);
	return rank < s->n_codes ? s->codes[rank].label : NULL;
}

/* A contribution with the keys it is sorted by. */
struct sort_entry {
	const struct export_contribution *c;
	int rank;
};

static int compare_entries(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;
	if (x->c->kind != y->c->kind)
		return x->c->kind < y->c->kind ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->c->n_tags > 0 && y->c->n_tags > 0) {
		int by_code = strcmp(x->c->tags[0], y->c->tags[0]);
		if (by_code != 0)
			return by_code;
	}
	return x->c->seq < y->c->seq ? -1 : x->c->seq > y->c->seq;
}

static const char *first_code(const struct export_contribution *c)
{
	return c->n_tags > 0 ? c->tags[0] : NULL;
}

static bool same_code(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool report_groups_build(const struct export_doc *doc, int item, struct report_groups *out)
{
	*out = (struct report_groups){ 0 };
	int n = 0;
	for (int i = 0; i < doc->n_contributions; i++)
		n += doc->contributions[i].item == item && !doc->contributions[i].retracted;
	struct sort_entry *entries = calloc((size_t)n + 1, sizeof *entries);
	out->list = calloc((size_t)n + 1, sizeof *out->list);
	out->groups = calloc((size_t)n + 1, sizeof *out->groups);
	if (!entries || !out->list || !out->groups) {
		free(entries);
		report_groups_free(out);
		return false;
	}
	int k = 0;
	for (int i = 0; i < doc->n_contributions; i++) {
		const struct export_contribution *c = &doc->contributions[i];
		if (c->item == item && !c->retracted)
			entries[k++] = (struct sort_entry){ c, code_rank(&doc->session, first_code(c)) };
	}
	qsort(entries, (size_t)n, sizeof *entries, compare_entries);
	for (int i = 0; i < n; i++) {
		const struct export_contribution *c = entries[i].c;
		struct report_group *last = out->n_groups ? &out->groups[out->n_groups - 1] : NULL;
		if (!last || last->kind != c->kind || !same_code(last->code, first_code(c)))
			out->groups[out->n_groups++] = (struct report_group){ .kind = c->kind, .code = first_code(c),
				.label = code_label(&doc->session, first_code(c)), .first = i };
		out->groups[out->n_groups - 1].n++;
		out->list[i] = c;
	}
	out->n_list = n;
	free(entries);
	return true;
}

void report_groups_free(struct report_groups *groups)
{
	if (!groups)
		return;
	free(groups->list);
	free(groups->groups);
	*groups = (struct report_groups){ 0 };
}

static int compare_counts(const void *a, const void *b)
{
	const struct report_code_count *x = a, *y = b;
	return strcmp(x->code, y->code);
}

/* The entry for code in counts[0..*n), added (with count 0) when it is not there yet. */
static struct report_code_count *count_of(struct report_code_count *counts, int *n, const char *code,
	const struct export_session *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(counts[i].code, code) == 0)
			return &counts[i];
	counts[*n] = (struct report_code_count){ .code = code, .label = code_label(s, code) };
	return &counts[(*n)++];
}

/* True when the contribution's tag t already appeared among its tags before t. */
static bool repeated_tag(const struct export_contribution *c, int t)
{
	for (int u = 0; u < t; u++)
		if (strcmp(c->tags[u], c->tags[t]) == 0)
			return true;
	return false;
}

bool report_code_counts(const struct export_doc *doc, struct report_code_count **out, int *n)
{
	const struct export_session *s = &doc->session;
	size_t cap = (size_t)s->n_codes + 1;
	for (int i = 0; i < doc->n_contributions; i++)
		cap += (size_t)doc->contributions[i].n_tags;
	struct report_code_count *counts = calloc(cap, sizeof *counts);
	*out = NULL;
	*n = 0;
	if (!counts)
		return false;
	int used = 0;
	for (int i = 0; i < s->n_codes; i++)
		counts[used++] = (struct report_code_count){ .code = s->codes[i].code, .label = s->codes[i].label };
	for (int i = 0; i < doc->n_contributions; i++) {
		const struct export_contribution *c = &doc->contributions[i];
		for (int t = 0; t < c->n_tags && !c->retracted; t++)
			if (!repeated_tag(c, t))
				count_of(counts, &used, c->tags[t], s)->count++;
	}
	qsort(counts + s->n_codes, (size_t)(used - s->n_codes), sizeof *counts, compare_counts);
	*out = counts;
	*n = used;
	return true;
}

enum report_vote_shows report_vote_shows(const struct export_vote *vote)
{
	if (vote->status == EXPORT_VOTE_NOT_OPENED)
		return REPORT_VOTE_NOT_OPENED;
	if (vote->status == EXPORT_VOTE_OPEN && vote->def->hide_results)
		return REPORT_VOTE_HIDDEN;
	if (vote->def->anonymous && vote->n_counts == 0)
		return REPORT_VOTE_NO_COUNTS;
	return vote->counted ? REPORT_VOTE_RESULT : REPORT_VOTE_UNREADABLE;
}

const char *report_vote_status(const struct export_vote *vote)
{
	switch (vote->status) {
	case EXPORT_VOTE_OPEN: return "open";
	case EXPORT_VOTE_CLOSED: return "closed";
	case EXPORT_VOTE_NOT_OPENED: break;
	}
	return "not opened";
}

const char *report_vote_missing(enum report_vote_shows shows)
{
	switch (shows) {
	case REPORT_VOTE_NOT_OPENED: return "The vote was not opened.";
	case REPORT_VOTE_HIDDEN: return "The vote is open; its results stay hidden until it closes.";
	case REPORT_VOTE_UNREADABLE: return "Its stored ballots could not be counted (see the JSON export).";
	case REPORT_VOTE_RESULT:
	case REPORT_VOTE_NO_COUNTS: break;
	}
	return NULL;
}

static long top_of(const long *values, int n)
{
	long top = 0;
	for (int i = 0; i < n; i++)
		top = values[i] > top ? values[i] : top;
	return top;
}

void report_vote_bars(const struct export_vote *vote, struct report_bars *out)
{
	const struct tally_result *r = &vote->result;
	switch (vote->def->type) {
	case VOTE_RANK:
		*out = (struct report_bars){ .values = r->borda, .n = r->n_options,
			.highlight = r->winner >= 0 && r->winner == r->borda_winner ? r->winner : -1 };
		break;
	case VOTE_SCALE:
		*out = (struct report_bars){ .values = r->distribution, .n = r->max - r->min + 1, .highlight = -1 };
		break;
	case VOTE_CONSENT:
		*out = (struct report_bars){ .values = r->positions, .n = CONSENT_COUNT, .highlight = -1 };
		break;
	default:
		*out = (struct report_bars){ .values = r->counts, .shares = r->shares, .n = r->n_options,
			.highlight = r->winner };
		break;
	}
	out->top = top_of(out->values, out->n);
}

void report_char_next(const char *text, size_t len, size_t *at, struct report_char *out)
{
	const char *p = text + *at;
	unsigned c = 0;
	bool valid;
	size_t n = textsafe_next(p, len - *at, &c, &valid);
	if (!valid)
		*out = (struct report_char){ REPORT_CHAR_CONTROL, p, n, TEXTSAFE_REPLACEMENT };
	else if (c == '\r' && *at + 1 < len && p[1] == '\n')
		*out = (struct report_char){ REPORT_CHAR_BREAK, p, 2, '\n' };
	else if (c == '\r' || c == '\n')
		*out = (struct report_char){ REPORT_CHAR_BREAK, p, 1, c };
	else if (c == '\t')
		*out = (struct report_char){ REPORT_CHAR_TAB, p, 1, c };
	else
		*out = (struct report_char){ textsafe_unsafe(c) ? REPORT_CHAR_CONTROL : REPORT_CHAR_TEXT, p, n, c };
	*at += out->len;
}

bool report_reason_words(const struct export_doc *doc, const struct tally_reason *reason,
	enum report_audience audience, struct result_text *out)
{
	const struct export_participant *who = reason->participant >= 0 && reason->participant < doc->n_participants
		? &doc->participants[reason->participant] : NULL;
	bool consents = who && who->consent_quotes;
	if (audience == REPORT_FOR_READERS && !consents)
		return result_text_reason_unattributed(out, reason);
	if (!result_text_reason(out, reason, who ? who->id : NULL, who ? who->name : NULL))
		return false;
	if (consents)
		return true;
	return result_text_not_quoted(out);
}
