/* tally_json: see tally_json.h. */
#include "sessions/tally_json.h"

#include <math.h>
#include <stdio.h>

/* A number with up to 4 decimals, trailing zeros dropped, independent of LC_NUMERIC. */
static void put_decimal(struct json_buf *buf, double value)
{
	long long scaled = llround(value * 10000.0);
	long long whole = (scaled < 0 ? -scaled : scaled) / 10000, part = (scaled < 0 ? -scaled : scaled) % 10000;
	char text[48];
	int n = snprintf(text, sizeof text, "%s%lld", scaled < 0 ? "-" : "", whole);
	if (part > 0) {
		n += snprintf(text + n, sizeof text - (size_t)n, ".%04lld", part);
		while (text[n - 1] == '0')
			text[--n] = '\0';
	}
	json_raw(buf, text);
}

/* An option index as a 1-based number, or null. */
static void put_option(struct json_buf *buf, int option)
{
	if (option == TALLY_NONE)
		json_null(buf);
	else
		json_int(buf, option + 1);
}

/* An option index as the option's text, or null. */
static void put_option_text(struct json_buf *buf, const struct agenda_vote *vote, int option)
{
	if (option == TALLY_NONE || option >= vote->n_options)
		json_null(buf);
	else
		json_string(buf, vote->options[option]);
}

/* counts with TALLY_ELIMINATED written as null */
static void put_counts(struct json_buf *buf, const char *key, const long *values, int n)
{
	json_key(buf, key);
	json_array_begin(buf);
	for (int i = 0; i < n; i++) {
		if (values[i] < 0)
			json_null(buf);
		else
			json_int(buf, values[i]);
	}
	json_array_end(buf);
}

/* Instant-runoff: rounds as count rows aligned with the options (null once an option is
 * out), the winner, and per round what happened next (steps). */
static void put_irv(struct json_buf *buf, const struct agenda_vote *vote, const struct tally_result *r)
{
	json_key(buf, "irv");
	json_object_begin(buf);
	json_key(buf, "rounds");
	json_array_begin(buf);
	for (int k = 0; k < r->n_rounds; k++) {
		json_array_begin(buf);
		for (int i = 0; i < r->n_options; i++)
			if (r->rounds[k].counts[i] < 0)
				json_null(buf);
			else
				json_int(buf, r->rounds[k].counts[i]);
		json_array_end(buf);
	}
	json_array_end(buf);
	json_key(buf, "winner"), put_option_text(buf, vote, r->winner);
	json_key(buf, "winner_option"), put_option(buf, r->winner);
	json_key(buf, "tie"), json_bool(buf, r->tie);
	json_key(buf, "steps");
	json_array_begin(buf);
	for (int k = 0; k < r->n_rounds; k++) {
		const struct tally_round *round = &r->rounds[k];
		json_object_begin(buf);
		json_key(buf, "active"), json_int(buf, round->active);
		json_key(buf, "exhausted"), json_int(buf, round->exhausted);
		json_key(buf, "eliminated"), put_option(buf, round->eliminated);
		put_counts(buf, "transfers", round->transfers, r->n_options);
		json_key(buf, "transfers_exhausted"), json_int(buf, round->transfers_exhausted);
		json_object_end(buf);
	}
	json_array_end(buf);
	json_object_end(buf);
}

static void put_options(struct json_buf *buf, const struct agenda_vote *vote, const struct tally_result *r)
{
	json_key(buf, "total"), json_int(buf, r->total);
	put_counts(buf, "counts", r->counts, r->n_options);
	json_key(buf, "shares");
	json_array_begin(buf);
	for (int i = 0; i < r->n_options; i++)
		put_decimal(buf, r->shares[i]);
	json_array_end(buf);
	if (r->type != VOTE_RANK) {
		json_key(buf, "winner"), put_option_text(buf, vote, r->winner);
		json_key(buf, "winner_option"), put_option(buf, r->winner);
		json_key(buf, "tie"), json_bool(buf, r->tie);
		return;
	}
	put_counts(buf, "borda", r->borda, r->n_options);
	json_key(buf, "borda_winner"), put_option_text(buf, vote, r->borda_winner);
	json_key(buf, "borda_winner_option"), put_option(buf, r->borda_winner);
	json_key(buf, "borda_tie"), json_bool(buf, r->borda_tie);
	put_irv(buf, vote, r);
}

static void put_scale(struct json_buf *buf, const struct tally_result *r)
{
	json_key(buf, "n"), json_int(buf, r->voters);
	json_key(buf, "min"), json_int(buf, r->min);
	json_key(buf, "max"), json_int(buf, r->max);
	put_counts(buf, "distribution", r->distribution, r->max - r->min + 1);
	json_key(buf, "median");
	if (r->voters > 0)
		put_decimal(buf, r->median);
	else
		json_null(buf);
	json_key(buf, "mean");
	if (r->voters > 0)
		put_decimal(buf, r->mean);
	else
		json_null(buf);
}

static void put_consent(struct json_buf *buf, const struct tally_result *r,
	tally_json_participant_fn participant_id, const void *ctx)
{
	for (int p = 0; p < CONSENT_COUNT; p++)
		json_key(buf, capture_consent_name((enum consent_position)p)), json_int(buf, r->positions[p]);
	json_key(buf, "outcome"), json_string(buf, tally_outcome_name(r->outcome));
	json_key(buf, "reasons");
	json_array_begin(buf);
	for (int i = 0; i < r->n_reasons; i++) {
		const struct tally_reason *reason = &r->reasons[i];
		const char *id = participant_id ? participant_id(ctx, reason->participant) : NULL;
		json_object_begin(buf);
		json_key(buf, "participant");
		if (id)
			json_string(buf, id);
		else
			json_int(buf, reason->participant);
		json_key(buf, "position"), json_string(buf, capture_consent_name(reason->position));
		json_key(buf, "text"), json_string(buf, reason->text);
		json_object_end(buf);
	}
	json_array_end(buf);
}

void tally_json_write(struct json_buf *buf, const struct agenda_vote *vote, const struct tally_result *result,
	tally_json_participant_fn participant_id, const void *ctx)
{
	json_object_begin(buf);
	json_key(buf, "type"), json_string(buf, vote_type_name(result->type));
	json_key(buf, "anonymous"), json_bool(buf, result->anonymous);
	json_key(buf, "voters");
	if (result->voters == TALLY_UNKNOWN)
		json_null(buf);
	else
		json_int(buf, result->voters);
	if (result->type == VOTE_SCALE)
		put_scale(buf, result);
	else if (result->type == VOTE_CONSENT)
		put_consent(buf, result, participant_id, ctx);
	else
		put_options(buf, vote, result);
	json_object_end(buf);
}
