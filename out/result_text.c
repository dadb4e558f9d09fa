/* result_text: see result_text.h. */
#include "out/result_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/capture.h"

static const char middle_dot[] = " \xc2\xb7 ";

/* Drops a UTF-8 character that snprintf cut short at the end of buf. */
static void utf8_whole(char *buf)
{
	size_t n = strlen(buf), lead = n;
	while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0 || (unsigned char)buf[lead - 1] < 0xc0)
		return;
	unsigned char c = (unsigned char)buf[lead - 1];
	size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (n - (lead - 1) < need)
		buf[lead - 1] = 0;
}

/* snprintf that never leaves half a character at the end; returns what snprintf does. */
static int __attribute__((format(printf, 3, 4))) put(char *buf, size_t size, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(buf, size, format, ap);
	va_end(ap);
	if (size > 0 && n >= 0 && (size_t)n >= size)
		utf8_whole(buf);
	return n;
}

static bool add_owned(struct result_text *out, char *text, enum result_role role)
{
	if (!text) {
		out->failed = true;
		return false;
	}
	if (out->n == out->cap) {
		int cap = out->cap ? out->cap * 2 : 8;
		struct result_segment *more = realloc(out->segments, (size_t)cap * sizeof *more);
		if (!more) {
			free(text);
			out->failed = true;
			return false;
		}
		out->segments = more;
		out->cap = cap;
	}
	out->segments[out->n++] = (struct result_segment){text, role};
	return true;
}

static bool __attribute__((format(printf, 3, 4))) add(struct result_text *out, enum result_role role,
	const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (text) {
		va_start(ap, format);
		vsnprintf(text, (size_t)n + 1, format, ap);
		va_end(ap);
	}
	return add_owned(out, text, role);
}

static const char *scale_label(const struct agenda_vote *vote, int value)
{
	for (int l = 0; l < vote->n_labels; l++)
		if (vote->labels[l].value == value)
			return vote->labels[l].text;
	return NULL;
}

int result_text_label(const struct agenda_vote *vote, int row, char *buf, size_t size)
{
	if (vote->type == VOTE_CONSENT)
		return put(buf, size, "%s", capture_consent_name((enum consent_position)row));
	if (vote->type == VOTE_SCALE) {
		const char *text = scale_label(vote, vote->min + row);
		return text ? put(buf, size, "%d %s", vote->min + row, text) : put(buf, size, "%d", vote->min + row);
	}
	return put(buf, size, "%d %s", row + 1, vote->options[row]);
}

/* The whole label as a segment, however long the option text. */
static bool add_label(struct result_text *out, const struct agenda_vote *vote, int row, enum result_role role)
{
	int n = result_text_label(vote, row, NULL, 0);
	char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (text)
		result_text_label(vote, row, text, (size_t)n + 1);
	return add_owned(out, text, role);
}

static long top_value(const long *values, int n)
{
	long top = 0;
	for (int i = 0; i < n; i++)
		top = values[i] > top ? values[i] : top;
	return top;
}

/* One method's result: the winning option, a tie naming every option on top, or no
 * winner. first: it opens the line (a capital letter). */
static bool add_winner(struct result_text *out, const struct agenda_vote *vote, const long *values, int n,
	int winner, bool tie, bool first)
{
	if (winner >= 0)
		return add_label(out, vote, winner, RESULT_WINNER);
	if (!tie)
		return add(out, RESULT_MUTED, "%s", first ? "No winner" : "no winner");
	long top = top_value(values, n);
	int n_top = 0, k = 0;
	for (int i = 0; i < n; i++)
		n_top += values[i] == top;
	bool ok = add(out, RESULT_TIE, "%s", first ? "Tie between " : "tie between ");
	for (int i = 0; i < n && ok; i++) {
		if (values[i] != top)
			continue;
		if (k > 0)
			ok = add(out, RESULT_TIE, "%s", k == n_top - 1 ? " and " : ", ");
		ok = ok && add_label(out, vote, i, RESULT_TIE);
		k++;
	}
	return ok;
}

/* Points and the runoff: one winner when they agree, each method's result when not. */
static bool rank_outcome(struct result_text *out, const struct agenda_vote *vote, const struct tally_result *r)
{
	if (r->winner >= 0 && r->winner == r->borda_winner)
		return add(out, RESULT_WINNER, "Winner: ") && add_label(out, vote, r->winner, RESULT_WINNER)
			&& add(out, RESULT_MUTED, " (points and runoff agree)");
	const long *last = r->n_rounds > 0 ? r->rounds[r->n_rounds - 1].counts : r->counts;
	return add(out, RESULT_NORMAL, "Borda: ")
		&& add_winner(out, vote, r->borda, r->n_options, r->borda_winner, r->borda_tie, false)
		&& add(out, RESULT_NORMAL, "%srunoff: ", middle_dot)
		&& add_winner(out, vote, last, r->n_options, r->winner, r->tie, false);
}

static bool scale_outcome(struct result_text *out, const struct agenda_vote *vote, const struct tally_result *r)
{
	char median[32], mean[32];
	result_text_number(r->median, median, sizeof median);
	result_text_number(r->mean, mean, sizeof mean);
	const char *label = (double)(long)r->median == r->median ? scale_label(vote, (int)r->median) : NULL;
	bool ok = label ? add(out, RESULT_WINNER, "Median %s (%s)", median, label)
		: add(out, RESULT_WINNER, "Median %s", median);
	return ok && add(out, RESULT_NORMAL, "%smean %s%sn %ld", middle_dot, mean, middle_dot, r->voters);
}

static bool consent_outcome(struct result_text *out, const struct tally_result *r)
{
	if (!add(out, RESULT_NORMAL, "Outcome: "))
		return false;
	if (r->outcome == TALLY_BLOCKED)
		return add(out, RESULT_OBJECTION, "blocked");
	if (!add(out, RESULT_WINNER, "passed"))
		return false;
	return r->outcome != TALLY_PASSED_WITH_OBJECTIONS || add(out, RESULT_OBJECTION, " with objections");
}

const char *result_text_empty(const struct agenda_vote *vote, const struct tally_result *result)
{
	if (!result)
		return vote->anonymous ? "no counts were given" : "no ballots";
	bool empty = result->type == VOTE_SCALE || result->type == VOTE_CONSENT ? result->voters <= 0
		: result->total <= 0;
	if (!empty)
		return NULL;
	return vote->anonymous ? "no hands" : "no ballots";
}

bool result_text_outcome(struct result_text *out, const struct agenda_vote *vote, const struct tally_result *result)
{
	const char *empty = result_text_empty(vote, result);
	if (empty)
		return add(out, RESULT_MUTED, "%s", empty);
	switch (vote->type) {
	case VOTE_RANK:
		return rank_outcome(out, vote, result);
	case VOTE_SCALE:
		return scale_outcome(out, vote, result);
	case VOTE_CONSENT:
		return consent_outcome(out, result);
	default:
		if (result->winner >= 0 && !add(out, RESULT_WINNER, "Winner: "))
			return false;
		return add_winner(out, vote, result->counts, result->n_options, result->winner, result->tie, true);
	}
}

/* " (position): text", after who gave the reason. */
static bool reason_tail(struct result_text *out, const struct tally_reason *reason)
{
	bool against = reason->position == CONSENT_DISAGREE || reason->position == CONSENT_BLOCK;
	return add(out, RESULT_NORMAL, " (")
		&& add(out, against ? RESULT_OBJECTION : RESULT_NORMAL, "%s", capture_consent_name(reason->position))
		&& add(out, RESULT_NORMAL, "): ")
		&& add(out, RESULT_NORMAL, "%s", reason->text ? reason->text : "");
}

bool result_text_reason(struct result_text *out, const struct tally_reason *reason, const char *id,
	const char *name)
{
	return add(out, RESULT_SPEAKER, "%s", id ? id : "?")
		&& (!name || (add(out, RESULT_NORMAL, " ") && add(out, RESULT_NORMAL, "%s", name)))
		&& reason_tail(out, reason);
}

bool result_text_reason_unattributed(struct result_text *out, const struct tally_reason *reason)
{
	return add(out, RESULT_MUTED, "%s", RESULT_TEXT_SOMEONE) && reason_tail(out, reason);
}

bool result_text_not_quoted(struct result_text *out)
{
	return add(out, RESULT_MUTED, " %s", RESULT_TEXT_NOT_QUOTED);
}

char *result_text_join(const struct result_text *text)
{
	size_t len = 0;
	for (int i = 0; i < text->n; i++)
		len += strlen(text->segments[i].text);
	char *joined = malloc(len + 1), *at = joined;
	if (!joined)
		return NULL;
	for (int i = 0; i < text->n; i++) {
		size_t n = strlen(text->segments[i].text);
		memcpy(at, text->segments[i].text, n);
		at += n;
	}
	*at = 0;
	return joined;
}

void result_text_free(struct result_text *text)
{
	if (!text)
		return;
	for (int i = 0; i < text->n; i++)
		free(text->segments[i].text);
	free(text->segments);
	*text = (struct result_text){0};
}

void result_text_summary(const struct agenda_vote *vote, const struct tally_result *result, char *buf,
	size_t size)
{
	bool hands = vote->anonymous;
	const char *what = vote->type == VOTE_MULTI ? "choices" : "dots";
	switch (vote->type) {
	case VOTE_MULTI:
	case VOTE_DOTS:
		if (hands)
			put(buf, size, "%ld %s by hands%svoters unknown", result->total, what, middle_dot);
		else
			put(buf, size, "%ld voters%s%ld %s", result->voters, middle_dot, result->total, what);
		return;
	case VOTE_SINGLE:
		put(buf, size, "%ld %s", result->total, hands ? "hands" : result->total == 1 ? "vote" : "votes");
		return;
	default:
		put(buf, size, "%s", "");
		return;
	}
}

void result_text_runoff_cell(const struct tally_result *result, int round, int option, bool transfers,
	char *buf, size_t size)
{
	long count = result->rounds[round].counts[option];
	long moved = round > 0 ? result->rounds[round - 1].transfers[option] : 0;
	if (count == TALLY_ELIMINATED)
		put(buf, size, "-");
	else if (transfers && moved > 0)
		put(buf, size, "%ld +%ld", count, moved);
	else
		put(buf, size, "%ld", count);
}

bool result_text_has_rounds(const struct tally_result *result)
{
	return result->n_rounds > 1;
}

void result_text_runoff_note(const struct tally_result *result, bool transfers, char *buf, size_t size)
{
	if (!result_text_has_rounds(result)) {
		put(buf, size, "%ld ballots%s%s", result->voters, middle_dot, result->winner >= 0
			? "no runoff needed: more than half chose the winner first" : "no runoff round: the first choices are tied");
		return;
	}
	put(buf, size, "%ld ballots%s- dropped out%s%s", result->voters, middle_dot, transfers ? middle_dot : "",
		transfers ? "+n moved in from the option that dropped out" : "");
}

void result_text_rounds_left_out(int first, int last, const char *why, char *buf, size_t size)
{
	put(buf, size, "rounds %d-%d left out: %s", first, last, why);
}

/* Puts '.' where the locale's decimal point went: "%.1f" writes [-]digits, the point
 * (one byte or several), then one digit. */
static void decimal_point(char *buf)
{
	char *point = buf + (buf[0] == '-');
	while (*point >= '0' && *point <= '9')
		point++;
	size_t n = strlen(point);
	if (n < 2 || point == buf + (buf[0] == '-') || point[n - 1] < '0' || point[n - 1] > '9'
		|| (point[0] == '.' && n == 2))
		return;
	point[0] = '.';
	memmove(point + 1, point + n - 1, 2);
}

void result_text_number(double value, char *buf, size_t size)
{
	char text[320]; /* DBL_MAX has 309 digits */
	snprintf(text, sizeof text, "%.1f", value);
	decimal_point(text);
	size_t n = strlen(text);
	if (n >= 2 && strcmp(text + n - 2, ".0") == 0)
		text[n - 2] = 0;
	put(buf, size, "%s", strcmp(text, "-0") == 0 ? "0" : text);
}

void result_text_share(double share, char *buf, size_t size)
{
	put(buf, size, "%.0f%%", share * 100);
}
