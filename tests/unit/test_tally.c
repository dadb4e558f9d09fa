/* Tests for sessions/tally.c: textbook counts with published answers, ties, empty votes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sessions/capture.h"
#include "sessions/json.h"
#include "sessions/tally.h"
#include "sessions/tally_json.h"

enum { GROUPS_MAX = 16, BALLOTS_MAX = 128 };

/* Ballots as a room would cast them: each group is `times` voters typing the same body,
 * read by capture_parse_ballot() as the console would. */
struct group {
	int times;
	const char *body;
};

struct box {
	int *choices[GROUPS_MAX];
	char *reasons[GROUPS_MAX];
	int n_groups;
	struct tally_ballot ballots[BALLOTS_MAX];
	int n;
};

static void box_fill(struct box *box, const struct agenda_vote *vote, const struct group *groups)
{
	memset(box, 0, sizeof *box);
	for (int g = 0; groups[g].body; g++) {
		int n_choices = 0;
		char err[256] = "";
		if (!capture_parse_ballot(groups[g].body, vote, &box->choices[g], &n_choices, &box->reasons[g], err, sizeof err))
			fail_msg("ballot \"%s\" refused: %s", groups[g].body, err);
		box->n_groups++;
		for (int t = 0; t < groups[g].times; t++) {
			assert_true(box->n < BALLOTS_MAX);
			box->ballots[box->n] = (struct tally_ballot){
				.participant = box->n, .choices = box->choices[g], .n_choices = n_choices,
				.reason = box->reasons[g],
			};
			box->n++;
		}
	}
}

static void box_free(struct box *box)
{
	for (int g = 0; g < box->n_groups; g++) {
		free(box->choices[g]);
		free(box->reasons[g]);
	}
}

static struct tally_result count(const struct agenda_vote *vote, const struct group *groups)
{
	struct box box;
	struct tally_result result;
	char err[256] = "";
	box_fill(&box, vote, groups);
	if (!tally_count(vote, box.ballots, box.n, &result, err, sizeof err))
		fail_msg("tally refused: %s", err);
	box_free(&box);
	return result;
}

static char *option_names[AGENDA_OPTIONS_MAX] = {
	"Memphis", "Nashville", "Chattanooga", "Knoxville", "e", "f", "g", "h", "i", "j",
	"k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
};

static struct agenda_vote vote_of(enum vote_type type, int n_options)
{
	return (struct agenda_vote){
		.id = "v1", .question = "?", .type = type, .options = option_names, .n_options = n_options,
		.max_choices = n_options, .dots = 3, .min = 1, .max = 5,
	};
}

static void assert_longs(const long *got, int n, ...)
{
	va_list args;
	va_start(args, n);
	for (int i = 0; i < n; i++) {
		long want = va_arg(args, long);
		if (got[i] != want)
			fail_msg("entry %d is %ld, expected %ld", i, got[i], want);
	}
	va_end(args);
}
#define LONGS(got, n, ...) assert_longs((got), (n), __VA_ARGS__)

/* ---- the Tennessee capital election (Wikipedia, "Instant-runoff voting") ---- */

static const struct group tennessee[] = {
	{ 42, "1 2 3 4" }, /* Memphis > Nashville > Chattanooga > Knoxville */
	{ 26, "2 3 4 1" }, /* Nashville > Chattanooga > Knoxville > Memphis */
	{ 15, "3 4 2 1" }, /* Chattanooga > Knoxville > Nashville > Memphis */
	{ 17, "4 3 2 1" }, /* Knoxville > Chattanooga > Nashville > Memphis */
	{ 0, NULL },
};

static void test_tennessee_instant_runoff(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_RANK, 4);
	struct tally_result r = count(&vote, tennessee);
	assert_int_equal(r.voters, 100);
	assert_int_equal(r.n_rounds, 3);
	LONGS(r.rounds[0].counts, 4, 42L, 26L, 15L, 17L);
	assert_int_equal(r.rounds[0].eliminated, 2); /* Chattanooga */
	LONGS(r.rounds[0].transfers, 4, 0L, 0L, 0L, 15L);
	LONGS(r.rounds[1].counts, 4, 42L, 26L, (long)TALLY_ELIMINATED, 32L);
	assert_int_equal(r.rounds[1].eliminated, 1); /* Nashville */
	LONGS(r.rounds[1].transfers, 4, 0L, 0L, 0L, 26L);
	LONGS(r.rounds[2].counts, 4, 42L, (long)TALLY_ELIMINATED, (long)TALLY_ELIMINATED, 58L);
	assert_int_equal(r.rounds[2].eliminated, TALLY_NONE);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(r.rounds[i].active, 100);
		assert_int_equal(r.rounds[i].exhausted, 0);
	}
	assert_int_equal(r.winner, 3); /* Knoxville */
	assert_false(r.tie);
	/* first preferences: Memphis has the most (plurality) without a majority */
	LONGS(r.counts, 4, 42L, 26L, 15L, 17L);
	assert_int_equal(r.total, 100);
	assert_true(r.shares[0] > 0.419 && r.shares[0] < 0.421);
	tally_free(&r);
}

static void test_tennessee_borda(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_RANK, 4);
	struct tally_result r = count(&vote, tennessee);
	LONGS(r.borda, 4, 126L, 194L, 173L, 107L);
	assert_int_equal(r.borda_winner, 1); /* Nashville */
	assert_false(r.borda_tie);
	tally_free(&r);
}

static void test_tennessee_plurality(void **state)
{
	(void)state;
	static const struct group first[] = { { 42, "1" }, { 26, "2" }, { 15, "3" }, { 17, "4" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_SINGLE, 4);
	struct tally_result r = count(&vote, first);
	assert_int_equal(r.winner, 0); /* Memphis */
	assert_int_equal(r.voters, 100);
	LONGS(r.counts, 4, 42L, 26L, 15L, 17L);
	assert_true(r.shares[3] > 0.169 && r.shares[3] < 0.171);
	tally_free(&r);
}

/* ---- instant-runoff details ---- */

static void test_runoff_exhausted_ballots(void **state)
{
	(void)state;
	/* A wins with 4 of the 7 ballots still in play, though 4 is not half of all 9 */
	static const struct group g[] = { { 4, "1" }, { 3, "2 3" }, { 2, "3" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_RANK, 3);
	struct tally_result r = count(&vote, g);
	assert_int_equal(r.n_rounds, 2);
	LONGS(r.rounds[0].counts, 3, 4L, 3L, 2L);
	assert_int_equal(r.rounds[0].eliminated, 2);
	assert_int_equal(r.rounds[0].transfers_exhausted, 2);
	LONGS(r.rounds[0].transfers, 3, 0L, 0L, 0L);
	LONGS(r.rounds[1].counts, 3, 4L, 3L, (long)TALLY_ELIMINATED);
	assert_int_equal(r.rounds[1].active, 7);
	assert_int_equal(r.rounds[1].exhausted, 2);
	assert_int_equal(r.winner, 0);
	/* Borda with partial rankings: ranked options get 2, 1, ... by position, unranked 0 */
	LONGS(r.borda, 3, 8L, 6L, 7L);
	assert_int_equal(r.borda_winner, 0);
	tally_free(&r);
}

static void test_runoff_tie_break_looks_back(void **state)
{
	(void)state;
	/* round 2: B and C tie on 4; in round 1 B had 3 and C 4, so B goes out (the agenda
	 * order alone would have dropped C) */
	static const struct group g[] = {
		{ 5, "1" }, { 3, "2 3" }, { 4, "3 2" }, { 1, "4 2" }, { 1, "4 1" }, { 0, NULL },
	};
	struct agenda_vote vote = vote_of(VOTE_RANK, 4);
	struct tally_result r = count(&vote, g);
	assert_int_equal(r.n_rounds, 3);
	LONGS(r.rounds[0].counts, 4, 5L, 3L, 4L, 2L);
	assert_int_equal(r.rounds[0].eliminated, 3);
	LONGS(r.rounds[0].transfers, 4, 1L, 1L, 0L, 0L);
	LONGS(r.rounds[1].counts, 4, 6L, 4L, 4L, (long)TALLY_ELIMINATED);
	assert_int_equal(r.rounds[1].eliminated, 1);
	LONGS(r.rounds[1].transfers, 4, 0L, 0L, 3L, 0L);
	assert_int_equal(r.rounds[1].transfers_exhausted, 1);
	LONGS(r.rounds[2].counts, 4, 6L, (long)TALLY_ELIMINATED, 7L, (long)TALLY_ELIMINATED);
	assert_int_equal(r.rounds[2].exhausted, 1);
	assert_int_equal(r.rounds[2].active, 13);
	assert_int_equal(r.winner, 2);
	tally_free(&r);
}

static void test_runoff_tie_break_agenda_order(void **state)
{
	(void)state;
	/* A and B tie on fewest in the first round: nothing to look back on, so B (later in
	 * the agenda) goes out and its ballots make A the winner */
	static const struct group g[] = { { 2, "1" }, { 2, "2 1" }, { 3, "3" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_RANK, 3);
	struct tally_result r = count(&vote, g);
	assert_int_equal(r.rounds[0].eliminated, 1);
	LONGS(r.rounds[1].counts, 3, 4L, (long)TALLY_ELIMINATED, 3L);
	assert_int_equal(r.winner, 0);
	tally_free(&r);
}

static void test_runoff_final_tie(void **state)
{
	(void)state;
	static const struct group two[] = { { 2, "1 2" }, { 2, "2 1" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_RANK, 2);
	struct tally_result r = count(&vote, two);
	assert_int_equal(r.n_rounds, 1);
	assert_int_equal(r.winner, TALLY_NONE);
	assert_true(r.tie);
	assert_int_equal(r.rounds[0].eliminated, TALLY_NONE);
	LONGS(r.borda, 2, 2L, 2L);
	assert_int_equal(r.borda_winner, TALLY_NONE);
	assert_true(r.borda_tie);
	tally_free(&r);

	/* C goes out first; its ballot is exhausted; A and B then tie */
	static const struct group three[] = { { 2, "1" }, { 2, "2" }, { 1, "3" }, { 0, NULL } };
	vote = vote_of(VOTE_RANK, 3);
	r = count(&vote, three);
	assert_int_equal(r.n_rounds, 2);
	assert_int_equal(r.rounds[0].eliminated, 2);
	LONGS(r.rounds[1].counts, 3, 2L, 2L, (long)TALLY_ELIMINATED);
	assert_int_equal(r.winner, TALLY_NONE);
	assert_true(r.tie);
	tally_free(&r);
}

static void test_runoff_majority_in_first_round(void **state)
{
	(void)state;
	static const struct group g[] = { { 3, "2 1" }, { 2, "1 2" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_RANK, 3);
	struct tally_result r = count(&vote, g);
	assert_int_equal(r.n_rounds, 1);
	assert_int_equal(r.winner, 1);
	/* exactly half is not a majority: 2 of 4 */
	static const struct group half[] = { { 2, "1" }, { 1, "2" }, { 1, "3" }, { 0, NULL } };
	tally_free(&r);
	r = count(&vote, half);
	assert_int_equal(r.rounds[0].eliminated, 2);
	assert_int_equal(r.n_rounds, 2);
	assert_int_equal(r.winner, 0); /* 2 of the 3 still in play */
	tally_free(&r);
}

/* ---- single, multi, dots ---- */

static void test_single_tie_and_winner(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SINGLE, 3);
	static const struct group tie[] = { { 3, "1" }, { 3, "3" }, { 1, "2" }, { 0, NULL } };
	struct tally_result r = count(&vote, tie);
	assert_int_equal(r.winner, TALLY_NONE);
	assert_true(r.tie);
	assert_int_equal(r.voters, 7);
	tally_free(&r);
	static const struct group win[] = { { 3, "1" }, { 4, "3" }, { 0, NULL } };
	r = count(&vote, win);
	assert_int_equal(r.winner, 2);
	assert_false(r.tie);
	tally_free(&r);
}

static void test_multi_approvals(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_MULTI, 4);
	vote.max_choices = 2;
	static const struct group g[] = { { 2, "1 2" }, { 1, "2 4" }, { 1, "3" }, { 0, NULL } };
	struct tally_result r = count(&vote, g);
	assert_int_equal(r.voters, 4);
	LONGS(r.counts, 4, 2L, 3L, 1L, 1L);
	assert_int_equal(r.total, 7);
	assert_int_equal(r.winner, 1);
	tally_free(&r);
	static const struct group tie[] = { { 1, "1 2" }, { 0, NULL } };
	r = count(&vote, tie);
	assert_int_equal(r.winner, TALLY_NONE);
	assert_true(r.tie);
	tally_free(&r);
}

static void test_dots_total_share_and_overspending(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_DOTS, 3);
	vote.max_per_option = 2;
	static const struct group g[] = { { 2, "1 1 2" }, { 1, "3 3 2" }, { 1, "2" }, { 0, NULL } };
	struct tally_result r = count(&vote, g);
	assert_int_equal(r.voters, 4);
	assert_int_equal(r.total, 10);
	LONGS(r.counts, 3, 4L, 4L, 2L);
	assert_true(r.shares[0] > 0.399 && r.shares[0] < 0.401);
	assert_true(r.shares[2] > 0.199 && r.shares[2] < 0.201);
	assert_int_equal(r.winner, TALLY_NONE);
	assert_true(r.tie);
	tally_free(&r);

	/* a ballot that overspends never reaches the count */
	int *choices = NULL, n = 0;
	char err[256];
	assert_false(capture_parse_ballot("1 2 3 1", &vote, &choices, &n, NULL, err, sizeof err));
	assert_string_equal(err, "dots: you gave 4 dots, each voter has 3; one option number per dot: \"1 1 3\" is two"
		" dots on 1 and one on 3");
	assert_null(choices);
}

/* ---- scale ---- */

static void test_scale_median_and_mean(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SCALE, 0);
	static const struct group even[] = { { 2, "2" }, { 1, "3" }, { 1, "5" }, { 0, NULL } };
	struct tally_result r = count(&vote, even);
	assert_int_equal(r.voters, 4);
	assert_true(r.median > 2.49 && r.median < 2.51); /* 2 2 | 3 5 */
	assert_true(r.mean > 2.99 && r.mean < 3.01);
	assert_int_equal(r.min, 1);
	assert_int_equal(r.max, 5);
	LONGS(r.distribution, 5, 0L, 2L, 1L, 0L, 1L);
	assert_int_equal(r.winner, TALLY_NONE);
	tally_free(&r);

	static const struct group odd[] = { { 1, "1" }, { 1, "4" }, { 1, "5" }, { 0, NULL } };
	r = count(&vote, odd);
	assert_true(r.median > 3.99 && r.median < 4.01);
	assert_true(r.mean > 3.33 && r.mean < 3.34);
	tally_free(&r);

	vote.min = -2;
	vote.max = 2;
	static const struct group negative[] = { { 1, "-2" }, { 1, "-1" }, { 0, NULL } };
	r = count(&vote, negative);
	assert_true(r.median > -1.51 && r.median < -1.49);
	LONGS(r.distribution, 5, 1L, 1L, 0L, 0L, 0L);
	tally_free(&r);
}

/* ---- consent ---- */

static void test_consent_outcomes(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_CONSENT, 0);
	static const struct group passed[] = { { 5, "agree" }, { 2, "abstain not my topic" }, { 0, NULL } };
	struct tally_result r = count(&vote, passed);
	assert_int_equal(r.outcome, TALLY_PASSED);
	assert_string_equal(tally_outcome_name(r.outcome), "passed");
	LONGS(r.positions, 4, 5L, 2L, 0L, 0L);
	assert_int_equal(r.voters, 7);
	assert_int_equal(r.n_reasons, 2);
	tally_free(&r);

	static const struct group objections[] = { { 5, "agree" }, { 1, "disagree too fast" }, { 0, NULL } };
	r = count(&vote, objections);
	assert_int_equal(r.outcome, TALLY_PASSED_WITH_OBJECTIONS);
	assert_string_equal(tally_outcome_name(r.outcome), "passed_with_objections");
	tally_free(&r);

	static const struct group blocked[] = {
		{ 1, "agree fine by me" }, { 1, "disagree too fast" }, { 1, "agree" }, { 1, "block unfair to families" },
		{ 8, "agree" }, { 0, NULL },
	};
	r = count(&vote, blocked);
	assert_int_equal(r.outcome, TALLY_BLOCKED);
	assert_string_equal(tally_outcome_name(r.outcome), "blocked");
	LONGS(r.positions, 4, 10L, 0L, 1L, 1L);
	assert_int_equal(r.n_reasons, 3);
	assert_int_equal(r.reasons[0].position, CONSENT_BLOCK);
	assert_int_equal(r.reasons[0].participant, 3);
	assert_string_equal(r.reasons[0].text, "unfair to families");
	assert_int_equal(r.reasons[1].position, CONSENT_DISAGREE);
	assert_int_equal(r.reasons[1].participant, 1);
	assert_string_equal(r.reasons[1].text, "too fast");
	assert_int_equal(r.reasons[2].position, CONSENT_AGREE);
	assert_int_equal(r.reasons[2].participant, 0);
	tally_free(&r);
}

/* ---- empty votes ---- */

static void test_empty_votes(void **state)
{
	(void)state;
	for (int t = VOTE_SINGLE; t <= VOTE_CONSENT; t++) {
		struct agenda_vote vote = vote_of((enum vote_type)t, 3);
		struct tally_result r;
		char err[256] = "";
		if (!tally_count(&vote, NULL, 0, &r, err, sizeof err))
			fail_msg("empty vote of type %d refused: %s", t, err);
		assert_int_equal(r.voters, 0);
		assert_int_equal(r.total, 0);
		assert_int_equal(r.winner, TALLY_NONE);
		assert_false(r.tie);
		assert_int_equal(r.borda_winner, TALLY_NONE);
		assert_int_equal(r.n_rounds, 0);
		for (int i = 0; i < r.n_options; i++)
			assert_true(r.shares[i] == 0.0);
		assert_true(r.median == 0.0 && r.mean == 0.0);
		assert_int_equal(r.outcome, TALLY_NO_VOTES);
		tally_free(&r);
	}
}

/* ---- shows of hands ---- */

static void test_anonymous_votes(void **state)
{
	(void)state;
	struct tally_result r;
	char err[256] = "";
	struct agenda_vote vote = vote_of(VOTE_SINGLE, 3);
	vote.anonymous = true;
	long hands[] = { 4, 9, 2 };
	assert_true(tally_count_anonymous(&vote, hands, 3, &r, err, sizeof err));
	assert_true(r.anonymous);
	assert_int_equal(r.voters, 15);
	assert_int_equal(r.winner, 1);
	assert_true(r.shares[1] > 0.599 && r.shares[1] < 0.601);
	tally_free(&r);

	vote.type = VOTE_MULTI;
	assert_true(tally_count_anonymous(&vote, hands, 3, &r, err, sizeof err));
	assert_int_equal(r.voters, TALLY_UNKNOWN);
	assert_int_equal(r.total, 15);
	tally_free(&r);

	vote = vote_of(VOTE_SCALE, 0);
	long values[] = { 1, 0, 2, 0, 1 }; /* 1 3 3 5 */
	assert_int_equal(tally_count_slots(&vote), 5);
	assert_true(tally_count_anonymous(&vote, values, 5, &r, err, sizeof err));
	assert_int_equal(r.voters, 4);
	assert_true(r.median > 2.99 && r.median < 3.01);
	assert_true(r.mean > 2.99 && r.mean < 3.01);
	tally_free(&r);

	vote = vote_of(VOTE_CONSENT, 0);
	long positions[] = { 12, 3, 1, 0 };
	assert_int_equal(tally_count_slots(&vote), 4);
	assert_true(tally_count_anonymous(&vote, positions, 4, &r, err, sizeof err));
	assert_int_equal(r.outcome, TALLY_PASSED_WITH_OBJECTIONS);
	assert_int_equal(r.voters, 16);
	assert_int_equal(r.n_reasons, 0);
	tally_free(&r);

	long none[] = { 0, 0, 0, 0 };
	assert_true(tally_count_anonymous(&vote, none, 4, &r, err, sizeof err));
	assert_int_equal(r.outcome, TALLY_NO_VOTES);
	tally_free(&r);
}

static void test_anonymous_refusals(void **state)
{
	(void)state;
	struct tally_result r;
	char err[256] = "";
	struct agenda_vote vote = vote_of(VOTE_RANK, 3);
	long hands[] = { 4, 9, 2 };
	assert_int_equal(tally_count_slots(&vote), 0);
	assert_false(tally_count_anonymous(&vote, hands, 3, &r, err, sizeof err));
	assert_non_null(strstr(err, "ranking cannot be counted from a show of hands"));
	vote.type = VOTE_SINGLE;
	assert_false(tally_count_anonymous(&vote, hands, 2, &r, err, sizeof err));
	assert_non_null(strstr(err, "2 counts given, the vote takes 3"));
	hands[1] = -1;
	assert_false(tally_count_anonymous(&vote, hands, 3, &r, err, sizeof err));
	assert_non_null(strstr(err, "count 2 is negative"));
}

static void test_damaged_ballots_refused(void **state)
{
	(void)state;
	struct tally_result r;
	char err[256] = "";
	struct agenda_vote vote = vote_of(VOTE_SINGLE, 3);
	int four[] = { 4 }, two[] = { 1, 2 }, repeat[] = { 2, 2 };
	struct tally_ballot b = { .choices = four, .n_choices = 1 };
	assert_false(tally_count(&vote, &b, 1, &r, err, sizeof err));
	assert_non_null(strstr(err, "choice 4 is outside 1 to 3"));
	b = (struct tally_ballot){ .choices = two, .n_choices = 2 };
	assert_false(tally_count(&vote, &b, 1, &r, err, sizeof err));
	assert_non_null(strstr(err, "2 choices"));
	vote.type = VOTE_RANK;
	b = (struct tally_ballot){ .choices = repeat, .n_choices = 2 };
	assert_false(tally_count(&vote, &b, 1, &r, err, sizeof err));
	assert_non_null(strstr(err, "option 2 ranked twice"));
	vote.type = VOTE_CONSENT;
	b = (struct tally_ballot){ .choices = four, .n_choices = 1 };
	assert_false(tally_count(&vote, &b, 1, &r, err, sizeof err));
	assert_non_null(strstr(err, "outside 0 to 3"));
}

static void test_free_is_safe(void **state)
{
	(void)state;
	tally_free(NULL);
	struct agenda_vote vote = vote_of(VOTE_RANK, 4);
	struct tally_result r = count(&vote, tennessee);
	tally_free(&r);
	tally_free(&r);
	assert_null(r.rounds);
	assert_int_equal(r.winner, TALLY_NONE);
}

/* ---- the export's JSON ---- */

static char *to_json(const struct agenda_vote *vote, const struct tally_result *r, tally_json_participant_fn names,
	const void *ctx)
{
	struct json_buf buf = { 0 };
	tally_json_write(&buf, vote, r, names, ctx);
	assert_false(buf.failed);
	return buf.data;
}

static void test_json_single(void **state)
{
	(void)state;
	static const struct group g[] = { { 1, "1" }, { 2, "2" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_SINGLE, 2);
	struct tally_result r = count(&vote, g);
	char *json = to_json(&vote, &r, NULL, NULL);
	assert_string_equal(json, "{\"type\":\"single\",\"anonymous\":false,\"voters\":3,\"total\":3,"
		"\"counts\":[1,2],\"shares\":[0.3333,0.6667],\"winner\":\"Nashville\",\"winner_option\":2,\"tie\":false}");
	free(json);
	tally_free(&r);
}

static void test_json_rank_rounds(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_RANK, 4);
	struct tally_result r = count(&vote, tennessee);
	char *text = to_json(&vote, &r, NULL, NULL);
	struct json_value *json = json_parse(text, strlen(text));
	assert_non_null(json);
	const struct json_value *irv = json_get(json, "irv");
	assert_non_null(irv);
	assert_string_equal(json_get_string(irv, "winner"), "Knoxville");
	assert_int_equal(json_get_int(irv, "winner_option", 0), 4);
	assert_string_equal(json_get_string(json, "borda_winner"), "Nashville");
	assert_null(json_get(json, "winner")); /* for rank, the winners are borda's and irv's */
	const struct json_value *rounds = json_get(irv, "rounds");
	assert_non_null(rounds);
	assert_int_equal(rounds->n_items, 3);
	const struct json_value *counts = &rounds->items[1];
	assert_int_equal(counts->type, JSON_ARRAY);
	assert_int_equal(counts->items[2].type, JSON_NULL);
	assert_true(counts->items[3].number == 32);
	const struct json_value *steps = json_get(irv, "steps");
	assert_int_equal(json_get_int(&steps->items[0], "eliminated", 0), 3);
	assert_int_equal(json_get(&steps->items[2], "eliminated")->type, JSON_NULL);
	const struct json_value *shares = json_get(json, "shares");
	assert_true(shares->items[0].number == 0.42);
	json_free(json);
	free(text);
	tally_free(&r);
}

static void test_json_empty_scale_and_unknown_voters(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SCALE, 0);
	struct tally_result r;
	char err[128];
	assert_true(tally_count(&vote, NULL, 0, &r, err, sizeof err));
	char *json = to_json(&vote, &r, NULL, NULL);
	assert_string_equal(json, "{\"type\":\"scale\",\"anonymous\":false,\"voters\":0,\"n\":0,\"min\":1,"
		"\"max\":5,\"distribution\":[0,0,0,0,0],\"median\":null,\"mean\":null}");
	free(json);
	tally_free(&r);

	static const struct group g[] = { { 1, "-2" }, { 1, "-1" }, { 1, "2" }, { 0, NULL } };
	vote.min = -2;
	vote.max = 2;
	r = count(&vote, g);
	json = to_json(&vote, &r, NULL, NULL);
	assert_non_null(strstr(json, "\"median\":-1,\"mean\":-0.3333}"));
	free(json);
	tally_free(&r);

	vote = vote_of(VOTE_DOTS, 2);
	long hands[] = { 3, 4 };
	assert_true(tally_count_anonymous(&vote, hands, 2, &r, err, sizeof err));
	json = to_json(&vote, &r, NULL, NULL);
	assert_non_null(strstr(json, "\"anonymous\":true,\"voters\":null,\"total\":7"));
	free(json);
	tally_free(&r);
}

static const char *participant_name(const void *ctx, int participant)
{
	const char *const *ids = ctx;
	return participant < 2 ? ids[participant] : NULL;
}

static void test_json_consent(void **state)
{
	(void)state;
	static const struct group g[] = { { 1, "block unfair" }, { 1, "agree" }, { 1, "disagree \"fast\"" }, { 0, NULL } };
	struct agenda_vote vote = vote_of(VOTE_CONSENT, 0);
	struct tally_result r = count(&vote, g);
	const char *ids[] = { "E01", "E02" };
	char *json = to_json(&vote, &r, participant_name, ids);
	assert_string_equal(json, "{\"type\":\"consent\",\"anonymous\":false,\"voters\":3,"
		"\"agree\":1,\"abstain\":0,\"disagree\":1,\"block\":1,\"outcome\":\"blocked\",\"reasons\":["
		"{\"participant\":\"E01\",\"position\":\"block\",\"text\":\"unfair\"},"
		"{\"participant\":2,\"position\":\"disagree\",\"text\":\"\\\"fast\\\"\"}]}");
	free(json);
	tally_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tennessee_instant_runoff),
		cmocka_unit_test(test_tennessee_borda),
		cmocka_unit_test(test_tennessee_plurality),
		cmocka_unit_test(test_runoff_exhausted_ballots),
		cmocka_unit_test(test_runoff_tie_break_looks_back),
		cmocka_unit_test(test_runoff_tie_break_agenda_order),
		cmocka_unit_test(test_runoff_final_tie),
		cmocka_unit_test(test_runoff_majority_in_first_round),
		cmocka_unit_test(test_single_tie_and_winner),
		cmocka_unit_test(test_multi_approvals),
		cmocka_unit_test(test_dots_total_share_and_overspending),
		cmocka_unit_test(test_scale_median_and_mean),
		cmocka_unit_test(test_consent_outcomes),
		cmocka_unit_test(test_empty_votes),
		cmocka_unit_test(test_anonymous_votes),
		cmocka_unit_test(test_anonymous_refusals),
		cmocka_unit_test(test_damaged_ballots_refused),
		cmocka_unit_test(test_free_is_safe),
		cmocka_unit_test(test_json_single),
		cmocka_unit_test(test_json_rank_rounds),
		cmocka_unit_test(test_json_empty_scale_and_unknown_voters),
		cmocka_unit_test(test_json_consent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
