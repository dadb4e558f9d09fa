/* tally: see tally.h. Counting rules in one place; docs/votes.md explains them.
 *
 * Named and anonymous votes share one path: each first fills the raw numbers (counts per
 * option, scale distribution, consent positions), then finish() derives totals, shares,
 * winners, the median and the consent outcome from them. Ranked votes add the Borda
 * points and the instant-runoff rounds, which need the ballots themselves. Which ballots
 * are valid is ballot.c's to say. */
#include "sessions/tally.h"

#include "sessions/ballot.h"
#include "sessions/errmsg.h"

#include <stdlib.h>
#include <string.h>

enum { SCALE_VALUES_MAX = 1001 };

static bool has_options(enum vote_type type)
{
	return type != VOTE_SCALE && type != VOTE_CONSENT;
}

int tally_count_slots(const struct agenda_vote *vote)
{
	switch (vote->type) {
	case VOTE_RANK:
		return 0;
	case VOTE_SCALE:
		return vote->max - vote->min + 1;
	case VOTE_CONSENT:
		return CONSENT_COUNT;
	case VOTE_SINGLE:
	case VOTE_MULTI:
	case VOTE_DOTS:
		break;
	}
	return vote->n_options;
}

const char *tally_outcome_name(enum tally_outcome outcome)
{
	switch (outcome) {
	case TALLY_NO_VOTES:
		return "no_votes";
	case TALLY_PASSED:
		return "passed";
	case TALLY_PASSED_WITH_OBJECTIONS:
		return "passed_with_objections";
	case TALLY_BLOCKED:
		return "blocked";
	}
	return "?";
}

bool tally_runoff_moved(const struct tally_result *r)
{
	for (int round = 0; round < r->n_rounds; round++)
		for (int i = 0; i < r->n_options; i++)
			if (r->rounds[round].transfers[i] > 0)
				return true;
	return false;
}

void tally_free(struct tally_result *result)
{
	if (!result)
		return;
	free(result->counts);
	free(result->shares);
	free(result->borda);
	for (int r = 0; r < result->n_rounds; r++) {
		free(result->rounds[r].counts);
		free(result->rounds[r].transfers);
	}
	free(result->rounds);
	free(result->distribution);
	for (int i = 0; i < result->n_reasons; i++)
		free(result->reasons[i].text);
	free(result->reasons);
	memset(result, 0, sizeof *result);
	result->winner = result->borda_winner = TALLY_NONE;
}

/* ---- setting up and finishing a result ---- */

static long *new_longs(int n)
{
	return calloc(n > 0 ? (size_t)n : 1, sizeof(long));
}

/* Checks the vote's shape and allocates the arrays its type fills. */
static bool result_init(const struct agenda_vote *vote, struct tally_result *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	out->type = vote->type;
	out->winner = out->borda_winner = TALLY_NONE;
	out->outcome = TALLY_NO_VOTES;
	if (vote->type == VOTE_SCALE) {
		if (vote->min > vote->max || (long)vote->max - vote->min + 1 > SCALE_VALUES_MAX)
			return errmsg_fail(err, errlen, "vote %s: a scale from %d to %d cannot be counted",
				vote->id, vote->min, vote->max);
		out->min = vote->min;
		out->max = vote->max;
		out->distribution = new_longs(vote->max - vote->min + 1);
		return out->distribution ? true : errmsg_fail(err, errlen, "out of memory");
	}
	if (!has_options(vote->type))
		return true;
	if (vote->n_options < 1 || vote->n_options > AGENDA_OPTIONS_MAX)
		return errmsg_fail(err, errlen, "vote %s: %d options cannot be counted (1 to %d)",
			vote->id, vote->n_options, AGENDA_OPTIONS_MAX);
	out->n_options = vote->n_options;
	out->counts = new_longs(vote->n_options);
	out->shares = calloc((size_t)vote->n_options, sizeof *out->shares);
	if (vote->type == VOTE_RANK)
		out->borda = new_longs(vote->n_options);
	if (!out->counts || !out->shares || (vote->type == VOTE_RANK && !out->borda)) {
		tally_free(out);
		return errmsg_fail(err, errlen, "out of memory");
	}
	return true;
}

/* The index of the single largest value, or TALLY_NONE when the largest is 0 (nothing
 * counted) or shared (then *tie is set). */
static int unique_max(const long *values, int n, bool *tie)
{
	int best = TALLY_NONE, at_best = 0;
	long max = 0;
	for (int i = 0; i < n; i++) {
		if (values[i] > max) {
			max = values[i];
			best = i;
			at_best = 1;
		} else if (values[i] == max && max > 0) {
			at_best++;
		}
	}
	*tie = at_best > 1;
	return at_best == 1 ? best : TALLY_NONE;
}

/* The value at 0-based position k when the answers are sorted. */
static long scale_value_at(const struct tally_result *out, long k)
{
	long seen = 0;
	for (int v = 0; v <= out->max - out->min; v++) {
		seen += out->distribution[v];
		if (k < seen)
			return out->min + v;
	}
	return out->max;
}

static void finish_scale(struct tally_result *out)
{
	long n = 0;
	double sum = 0;
	for (int v = 0; v <= out->max - out->min; v++) {
		n += out->distribution[v];
		sum += (double)out->distribution[v] * (out->min + v);
	}
	out->voters = n;
	if (n == 0)
		return;
	out->mean = sum / (double)n;
	out->median = ((double)scale_value_at(out, (n - 1) / 2) + (double)scale_value_at(out, n / 2)) / 2.0;
}

static void finish_consent(struct tally_result *out)
{
	long all = 0;
	for (int p = 0; p < CONSENT_COUNT; p++)
		all += out->positions[p];
	if (out->anonymous)
		out->voters = all;
	if (all == 0)
		out->outcome = TALLY_NO_VOTES;
	else if (out->positions[CONSENT_BLOCK] > 0)
		out->outcome = TALLY_BLOCKED;
	else if (out->positions[CONSENT_DISAGREE] > 0)
		out->outcome = TALLY_PASSED_WITH_OBJECTIONS;
	else
		out->outcome = TALLY_PASSED;
}

/* Totals, shares and winners from the raw numbers. For rank the winner is already
 * set by the instant-runoff count. */
static void finish(struct tally_result *out)
{
	if (out->type == VOTE_SCALE) {
		finish_scale(out);
		return;
	}
	if (out->type == VOTE_CONSENT) {
		finish_consent(out);
		return;
	}
	out->total = 0;
	for (int i = 0; i < out->n_options; i++)
		out->total += out->counts[i];
	for (int i = 0; i < out->n_options; i++)
		out->shares[i] = out->total > 0 ? (double)out->counts[i] / (double)out->total : 0.0;
	if (out->type == VOTE_RANK) {
		out->borda_winner = unique_max(out->borda, out->n_options, &out->borda_tie);
		return;
	}
	out->winner = unique_max(out->counts, out->n_options, &out->tie);
	if (out->anonymous)
		out->voters = out->type == VOTE_SINGLE ? out->total : TALLY_UNKNOWN;
}

/* ---- anonymous votes ---- */

bool tally_count_anonymous(const struct agenda_vote *vote, const long *counts, int n_counts,
	struct tally_result *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (vote->type == VOTE_RANK)
		return errmsg_fail(err, errlen, "vote %s: a ranking cannot be counted from a show of hands", vote->id);
	int slots = tally_count_slots(vote);
	if (n_counts != slots)
		return errmsg_fail(err, errlen, "vote %s: %d counts given, the vote takes %d", vote->id, n_counts, slots);
	for (int i = 0; i < n_counts; i++)
		if (counts[i] < 0)
			return errmsg_fail(err, errlen, "vote %s: count %d is negative", vote->id, i + 1);
	if (!result_init(vote, out, err, errlen))
		return false;
	out->anonymous = true;
	long *target = vote->type == VOTE_SCALE ? out->distribution
		: vote->type == VOTE_CONSENT ? out->positions : out->counts;
	memcpy(target, counts, (size_t)n_counts * sizeof *counts);
	finish(out);
	return true;
}

/* ---- named ballots ---- */

/* A ballot that capture_parse_ballot() could have produced for this vote: ballot_check()
 * says which; a stored ballot it refuses is damaged data. */
static bool ballot_fits(const struct agenda_vote *vote, const struct tally_ballot *ballot, int index,
	char *err, size_t errlen)
{
	if (ballot->n_choices > 0 && !ballot->choices)
		return errmsg_fail(err, errlen, "vote %s, ballot %d: %d choices, which this type of vote does not take",
			vote->id, index + 1, ballot->n_choices);
	struct ballot_check c = ballot_check(vote, ballot->choices, ballot->n_choices);
	long lo, hi;
	ballot_range(vote, &lo, &hi);
	switch (c.fault) {
	case BALLOT_VALID:
		return true;
	case BALLOT_EMPTY:
	case BALLOT_TOO_MANY:
		return errmsg_fail(err, errlen, "vote %s, ballot %d: %d choices, which this type of vote does not take",
			vote->id, index + 1, ballot->n_choices);
	case BALLOT_OUT_OF_RANGE:
		return errmsg_fail(err, errlen, "vote %s, ballot %d: choice %ld is outside %ld to %ld",
			vote->id, index + 1, c.value, lo, hi);
	case BALLOT_REPEATED:
		return errmsg_fail(err, errlen, "vote %s, ballot %d: option %ld %s twice", vote->id, index + 1, c.value,
			vote->type == VOTE_RANK ? "ranked" : "chosen");
	case BALLOT_OVER_CAP:
		return errmsg_fail(err, errlen, "vote %s, ballot %d: %d dots on option %ld, at most %d on one option",
			vote->id, index + 1, c.count, c.value, c.limit);
	}
	return errmsg_fail(err, errlen, "vote %s, ballot %d: not a ballot", vote->id, index + 1);
}

/* Consent reasons, blocks first, then disagree, abstain, agree; ballot order within. */
static bool collect_reasons(const struct tally_ballot *ballots, int n_ballots, struct tally_result *out)
{
	out->reasons = calloc(n_ballots > 0 ? (size_t)n_ballots : 1, sizeof *out->reasons);
	if (!out->reasons)
		return false;
	for (int p = CONSENT_COUNT - 1; p >= 0; p--) {
		for (int b = 0; b < n_ballots; b++) {
			if (ballots[b].choices[0] != p || !ballots[b].reason)
				continue;
			char *text = strdup(ballots[b].reason);
			if (!text)
				return false;
			out->reasons[out->n_reasons++] = (struct tally_reason){
				.participant = ballots[b].participant, .position = (enum consent_position)p, .text = text,
			};
		}
	}
	return true;
}

/* ---- instant-runoff ---- */

/* Moves *at past the choices of ballot that are out of the count; returns the option
 * index the ballot now counts for, or TALLY_NONE when it is exhausted. */
static int current_choice(const struct tally_ballot *ballot, const bool *out_of_count, int *at)
{
	while (*at < ballot->n_choices && out_of_count[ballot->choices[*at] - 1])
		(*at)++;
	return *at < ballot->n_choices ? ballot->choices[*at] - 1 : TALLY_NONE;
}

/* Which of the options tied on fewest votes in round r goes out: the one with fewest
 * votes in the earliest round where the tied options differ (narrowing the tie round by
 * round), and if they never differ, the one latest in the agenda. */
static int pick_elimination(const struct tally_result *out, int r, long fewest, const bool *out_of_count)
{
	bool tied[AGENDA_OPTIONS_MAX] = { false };
	int n_tied = 0;
	for (int i = 0; i < out->n_options; i++) {
		tied[i] = !out_of_count[i] && out->rounds[r].counts[i] == fewest;
		n_tied += tied[i];
	}
	for (int k = 0; k < r && n_tied > 1; k++) {
		long least = -1;
		for (int i = 0; i < out->n_options; i++)
			if (tied[i] && (least < 0 || out->rounds[k].counts[i] < least))
				least = out->rounds[k].counts[i];
		n_tied = 0;
		for (int i = 0; i < out->n_options; i++) {
			tied[i] = tied[i] && out->rounds[k].counts[i] == least;
			n_tied += tied[i];
		}
	}
	for (int i = out->n_options - 1; i >= 0; i--)
		if (tied[i])
			return i;
	return TALLY_NONE;
}

/* Counts one round into out->rounds[r]. */
static void count_round(const struct tally_ballot *ballots, int n_ballots, int *at,
	const bool *out_of_count, struct tally_result *out, int r)
{
	struct tally_round *round = &out->rounds[r];
	round->eliminated = TALLY_NONE;
	for (int b = 0; b < n_ballots; b++) {
		int choice = current_choice(&ballots[b], out_of_count, &at[b]);
		if (choice == TALLY_NONE)
			round->exhausted++;
		else
			round->counts[choice]++;
	}
	round->active = n_ballots - round->exhausted;
	for (int i = 0; i < out->n_options; i++)
		if (out_of_count[i])
			round->counts[i] = TALLY_ELIMINATED;
}

/* Runs rounds until an option has more than half of the ballots in play, every option
 * left is tied, or no ballot is left in play. */
static bool run_off(const struct tally_ballot *ballots, int n_ballots, struct tally_result *out)
{
	int n = out->n_options;
	bool out_of_count[AGENDA_OPTIONS_MAX] = { false };
	int *at = calloc((size_t)n_ballots, sizeof *at);
	out->rounds = calloc((size_t)n, sizeof *out->rounds);
	if (!at || !out->rounds) {
		free(at);
		return false;
	}
	for (int r = 0; r < n; r++) {
		struct tally_round *round = &out->rounds[r];
		round->counts = new_longs(n);
		round->transfers = new_longs(n);
		out->n_rounds++;
		if (!round->counts || !round->transfers) {
			free(at);
			return false;
		}
		count_round(ballots, n_ballots, at, out_of_count, out, r);
		long most = -1, fewest = -1;
		int leader = TALLY_NONE;
		for (int i = 0; i < n; i++) {
			if (out_of_count[i])
				continue;
			if (round->counts[i] > most) {
				most = round->counts[i];
				leader = i;
			}
			if (fewest < 0 || round->counts[i] < fewest)
				fewest = round->counts[i];
		}
		if (round->active == 0)
			break;
		if (most * 2 > round->active) {
			out->winner = leader;
			break;
		}
		if (most == fewest) {
			out->tie = true;
			break;
		}
		int e = pick_elimination(out, r, fewest, out_of_count);
		round->eliminated = e;
		out_of_count[e] = true;
		for (int b = 0; b < n_ballots; b++) {
			if (at[b] >= ballots[b].n_choices || ballots[b].choices[at[b]] - 1 != e)
				continue;
			int next = current_choice(&ballots[b], out_of_count, &at[b]);
			if (next == TALLY_NONE)
				round->transfers_exhausted++;
			else
				round->transfers[next]++;
		}
	}
	free(at);
	return true;
}

bool tally_count(const struct agenda_vote *vote, const struct tally_ballot *ballots, int n_ballots,
	struct tally_result *out, char *err, size_t errlen)
{
	if (n_ballots < 0 || (n_ballots > 0 && !ballots))
		return errmsg_fail(err, errlen, "vote %s: no ballots given", vote->id);
	for (int b = 0; b < n_ballots; b++)
		if (!ballot_fits(vote, &ballots[b], b, err, errlen))
			return false;
	if (!result_init(vote, out, err, errlen))
		return false;
	out->voters = n_ballots;
	for (int b = 0; b < n_ballots; b++) {
		const struct tally_ballot *ballot = &ballots[b];
		int first = ballot->choices[0];
		if (vote->type == VOTE_SCALE) {
			out->distribution[first - vote->min]++;
		} else if (vote->type == VOTE_CONSENT) {
			out->positions[first]++;
		} else if (vote->type == VOTE_RANK) {
			out->counts[first - 1]++;
			for (int c = 0; c < ballot->n_choices; c++)
				out->borda[ballot->choices[c] - 1] += vote->n_options - 1 - c;
		} else {
			for (int c = 0; c < ballot->n_choices; c++)
				out->counts[ballot->choices[c] - 1]++;
		}
	}
	bool ok = true;
	if (vote->type == VOTE_CONSENT)
		ok = collect_reasons(ballots, n_ballots, out);
	else if (vote->type == VOTE_RANK && n_ballots > 0)
		ok = run_off(ballots, n_ballots, out);
	if (!ok) {
		tally_free(out);
		return errmsg_fail(err, errlen, "out of memory");
	}
	finish(out);
	return true;
}
