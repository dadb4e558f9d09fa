/* test_result_text: the words of a closed vote's result, as the console's result panel
 * and the report writers say them (out/result_text.h).
 *
 * Results come from tally_count() on small ballot boxes read by capture_parse_ballot(),
 * or from tally_count_anonymous() for shows of hands; one hand-made result covers "No
 * winner", which counting never gives with votes cast. Each outcome is checked both as
 * the line a reader sees and as segments with their roles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "out/result_text.h"
#include "sessions/capture.h"
#include "sessions/tally.h"

enum { GROUPS_MAX = 8, BALLOTS_MAX = 128 };

/* `times` voters typing the same ballot body. */
struct group {
	int times;
	const char *body;
};

static struct tally_result count(const struct agenda_vote *vote, const struct group *groups)
{
	int *choices[GROUPS_MAX] = {0};
	char *reasons[GROUPS_MAX] = {0};
	struct tally_ballot ballots[BALLOTS_MAX] = {{0}};
	int n = 0, g = 0;
	char err[256] = "";
	for (; groups[g].body; g++) {
		int n_choices = 0;
		assert_true(g < GROUPS_MAX);
		if (!capture_parse_ballot(groups[g].body, vote, &choices[g], &n_choices, &reasons[g], err, sizeof err))
			fail_msg("ballot \"%s\" refused: %s", groups[g].body, err);
		for (int t = 0; t < groups[g].times; t++, n++) {
			assert_true(n < BALLOTS_MAX);
			ballots[n] = (struct tally_ballot){
				.participant = n, .choices = choices[g], .n_choices = n_choices, .reason = reasons[g],
			};
		}
	}
	struct tally_result result;
	if (!tally_count(vote, ballots, n, &result, err, sizeof err))
		fail_msg("tally refused: %s", err);
	for (int i = 0; i < g; i++) {
		free(choices[i]);
		free(reasons[i]);
	}
	return result;
}

static struct tally_result hands(const struct agenda_vote *vote, const long *counts, int n)
{
	struct tally_result result;
	char err[256] = "";
	if (!tally_count_anonymous(vote, counts, n, &result, err, sizeof err))
		fail_msg("tally refused the hands: %s", err);
	return result;
}

static char *abc[] = {"A", "B", "C", "D"};
static char *places[] = {"Spreekuur", "Taalcaf\xc3\xa9", "Buddy"};
static char *tennessee_cities[] = {"Memphis", "Nashville", "Chattanooga", "Knoxville"};
static struct scale_label fit_labels[] = {{1, "not at all"}, {3, "partly"}, {5, "very well"}};

static struct agenda_vote vote_of(enum vote_type type, char **options, int n_options)
{
	return (struct agenda_vote){
		.id = "v", .question = "?", .type = type, .options = options, .n_options = n_options,
		.max_choices = n_options, .dots = 3, .min = 1, .max = 5,
	};
}

/* The outcome line as a reader sees it. */
static void assert_outcome(const struct agenda_vote *vote, const struct tally_result *result, const char *want)
{
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, vote, result));
	assert_false(words.failed);
	char *line = result_text_join(&words);
	assert_non_null(line);
	assert_string_equal(line, want);
	free(line);
	result_text_free(&words);
}

/* The segments of a text: pairs of text and role, then NULL. */
static void assert_segments(const struct result_text *words, ...)
{
	va_list args;
	va_start(args, words);
	int i = 0;
	for (const char *text; (text = va_arg(args, const char *)); i++) {
		enum result_role role = (enum result_role)va_arg(args, int);
		if (i >= words->n)
			fail_msg("segment %d (\"%s\") missing: only %d", i, text, words->n);
		if (strcmp(words->segments[i].text, text) != 0 || words->segments[i].role != role)
			fail_msg("segment %d is \"%s\" (role %d), expected \"%s\" (role %d)", i, words->segments[i].text,
				(int)words->segments[i].role, text, (int)role);
	}
	va_end(args);
	assert_int_equal(words->n, i);
}

static void assert_summary(const struct agenda_vote *vote, const struct tally_result *result, const char *want)
{
	char buf[256];
	result_text_summary(vote, result, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void assert_label(const struct agenda_vote *vote, int row, const char *want)
{
	char buf[256];
	assert_int_equal(result_text_label(vote, row, buf, sizeof buf), (int)strlen(want));
	assert_string_equal(buf, want);
}

static void test_single_winner(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SINGLE, places, 3);
	struct tally_result r = count(&vote, (const struct group[]){{2, "2"}, {1, "1"}, {0, NULL}});
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Winner: ", RESULT_WINNER, "2 Taalcaf\xc3\xa9", RESULT_WINNER, NULL);
	result_text_free(&words);
	assert_null(result_text_empty(&vote, &r));
	assert_summary(&vote, &r, "3 votes");
	assert_label(&vote, 0, "1 Spreekuur");
	assert_label(&vote, 1, "2 Taalcaf\xc3\xa9");
	tally_free(&r);
	r = count(&vote, (const struct group[]){{1, "3"}, {0, NULL}});
	assert_outcome(&vote, &r, "Winner: 3 Buddy");
	assert_summary(&vote, &r, "1 vote");
	tally_free(&r);
}

static void test_single_ties(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SINGLE, abc, 3);
	struct tally_result r = count(&vote, (const struct group[]){{2, "1"}, {2, "2"}, {2, "3"}, {0, NULL}});
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Tie between ", RESULT_TIE, "1 A", RESULT_TIE, ", ", RESULT_TIE, "2 B", RESULT_TIE,
		" and ", RESULT_TIE, "3 C", RESULT_TIE, NULL);
	char *line = result_text_join(&words);
	assert_string_equal(line, "Tie between 1 A, 2 B and 3 C");
	free(line);
	result_text_free(&words);
	assert_summary(&vote, &r, "6 votes");
	tally_free(&r);

	r = count(&vote, (const struct group[]){{1, "1"}, {2, "2"}, {2, "3"}, {0, NULL}});
	assert_outcome(&vote, &r, "Tie between 2 B and 3 C");
	tally_free(&r);

	/* a result without a winner and without a tie (counting gives none with votes cast) */
	long counts[] = {1, 1, 0};
	double shares[] = {0.5, 0.5, 0};
	struct tally_result none = {
		.type = VOTE_SINGLE, .voters = 2, .n_options = 3, .total = 2, .counts = counts, .shares = shares,
		.winner = TALLY_NONE, .tie = false,
	};
	assert_true(result_text_outcome(&words, &vote, &none));
	assert_segments(&words, "No winner", RESULT_MUTED, NULL);
	result_text_free(&words);
}

static void test_multi_and_dots_summaries(void **state)
{
	(void)state;
	struct agenda_vote multi = vote_of(VOTE_MULTI, abc, 3);
	struct tally_result r = count(&multi, (const struct group[]){{1, "1 2"}, {1, "2 3"}, {1, "2"}, {0, NULL}});
	assert_summary(&multi, &r, "3 voters \xc2\xb7 5 choices");
	assert_outcome(&multi, &r, "Winner: 2 B");
	tally_free(&r);

	struct agenda_vote dots = vote_of(VOTE_DOTS, abc, 4);
	r = count(&dots, (const struct group[]){{1, "1 1 2"}, {1, "2 2 3"}, {1, "3 4 4"}, {1, "1 2"}, {0, NULL}});
	assert_summary(&dots, &r, "4 voters \xc2\xb7 11 dots");
	assert_outcome(&dots, &r, "Winner: 2 B");
	tally_free(&r);

	multi.anonymous = dots.anonymous = true;
	r = hands(&multi, (const long[]){4, 3, 2}, 3);
	assert_summary(&multi, &r, "9 choices by hands \xc2\xb7 voters unknown");
	tally_free(&r);
	r = hands(&dots, (const long[]){5, 3, 2, 1}, 4);
	assert_summary(&dots, &r, "11 dots by hands \xc2\xb7 voters unknown");
	assert_outcome(&dots, &r, "Winner: 1 A");
	tally_free(&r);

	struct agenda_vote single = vote_of(VOTE_SINGLE, abc, 3);
	single.anonymous = true;
	r = hands(&single, (const long[]){1, 3, 1}, 3);
	assert_summary(&single, &r, "5 hands");
	tally_free(&r);
}

static void test_rank_points_and_runoff_agree(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_RANK, abc, 3);
	struct tally_result r = count(&vote, (const struct group[]){{3, "1 2 3"}, {1, "2 1 3"}, {0, NULL}});
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Winner: ", RESULT_WINNER, "1 A", RESULT_WINNER, " (points and runoff agree)",
		RESULT_MUTED, NULL);
	result_text_free(&words);
	char buf[128];
	result_text_runoff_cell(&r, 0, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "3");
	/* 3 of 4 chose A first: the first round decides, no round columns to show */
	assert_false(result_text_has_rounds(&r));
	result_text_runoff_note(&r, false, buf, sizeof buf);
	assert_string_equal(buf, "4 ballots \xc2\xb7 no runoff needed: more than half chose the winner first");
	assert_summary(&vote, &r, ""); /* the runoff note says how much was cast */
	tally_free(&r);
	/* no majority at first: a second round, and its columns with "- dropped out" */
	r = count(&vote, (const struct group[]){{2, "1 2 3"}, {2, "2 1 3"}, {1, "3 1 2"}, {0, NULL}});
	assert_true(result_text_has_rounds(&r));
	result_text_runoff_note(&r, false, buf, sizeof buf);
	assert_string_equal(buf, "5 ballots \xc2\xb7 - dropped out");
	tally_free(&r);
}

/* The Tennessee capital election: Nashville wins on points, Knoxville in the runoff. */
static void test_rank_points_and_runoff_disagree(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_RANK, tennessee_cities, 4);
	struct tally_result r = count(&vote, (const struct group[]){
		{42, "1 2 3 4"}, {26, "2 3 4 1"}, {15, "3 4 2 1"}, {17, "4 3 2 1"}, {0, NULL}});
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Borda: ", RESULT_NORMAL, "2 Nashville", RESULT_WINNER, " \xc2\xb7 runoff: ",
		RESULT_NORMAL, "4 Knoxville", RESULT_WINNER, NULL);
	result_text_free(&words);
	char buf[160];
	result_text_runoff_cell(&r, 1, 3, true, buf, sizeof buf); /* Chattanooga's 15 moved to Knoxville */
	assert_string_equal(buf, "32 +15");
	result_text_runoff_cell(&r, 1, 3, false, buf, sizeof buf);
	assert_string_equal(buf, "32");
	result_text_runoff_cell(&r, 1, 2, true, buf, sizeof buf);
	assert_string_equal(buf, "-");
	result_text_runoff_cell(&r, 0, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "42");
	result_text_runoff_note(&r, true, buf, sizeof buf);
	assert_string_equal(buf, "100 ballots \xc2\xb7 - dropped out \xc2\xb7 +n moved in from the option that dropped out");
	result_text_rounds_left_out(2, r.n_rounds - 1, "the panel is too narrow", buf, sizeof buf);
	assert_string_equal(buf, "rounds 2-2 left out: the panel is too narrow");
	tally_free(&r);

	/* both methods tie: each says so, in lower case after the first words */
	vote = vote_of(VOTE_RANK, abc, 2);
	r = count(&vote, (const struct group[]){{1, "1 2"}, {1, "2 1"}, {0, NULL}});
	assert_outcome(&vote, &r, "Borda: tie between 1 A and 2 B \xc2\xb7 runoff: tie between 1 A and 2 B");
	assert_false(result_text_has_rounds(&r));
	result_text_runoff_note(&r, false, buf, sizeof buf);
	assert_string_equal(buf, "2 ballots \xc2\xb7 no runoff round: the first choices are tied");
	tally_free(&r);
}

static void test_scale(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SCALE, NULL, 0);
	vote.labels = fit_labels;
	vote.n_labels = 3;
	struct tally_result r = count(&vote, (const struct group[]){{1, "1"}, {3, "3"}, {0, NULL}});
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Median 3 (partly)", RESULT_WINNER, " \xc2\xb7 mean 2.5 \xc2\xb7 n 4", RESULT_NORMAL, NULL);
	result_text_free(&words);
	assert_label(&vote, 0, "1 not at all");
	assert_label(&vote, 1, "2");
	assert_label(&vote, 2, "3 partly");
	tally_free(&r);

	/* a median without a label: on a value without one, or between two values */
	r = count(&vote, (const struct group[]){{2, "2"}, {0, NULL}});
	assert_outcome(&vote, &r, "Median 2 \xc2\xb7 mean 2 \xc2\xb7 n 2");
	tally_free(&r);
	r = count(&vote, (const struct group[]){{1, "3"}, {1, "4"}, {0, NULL}});
	assert_outcome(&vote, &r, "Median 3.5 \xc2\xb7 mean 3.5 \xc2\xb7 n 2");
	tally_free(&r);
	vote.n_labels = 0;
	r = count(&vote, (const struct group[]){{1, "3"}, {0, NULL}});
	assert_outcome(&vote, &r, "Median 3 \xc2\xb7 mean 3 \xc2\xb7 n 1");
	assert_label(&vote, 2, "3");
	tally_free(&r);
}

static void test_consent(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_CONSENT, NULL, 0);
	struct tally_result r = count(&vote, (const struct group[]){{3, "agree"}, {1, "abstain"}, {0, NULL}});
	struct result_text words = {0};
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Outcome: ", RESULT_NORMAL, "passed", RESULT_WINNER, NULL);
	result_text_free(&words);
	tally_free(&r);

	r = count(&vote, (const struct group[]){{2, "agree"}, {1, "disagree the room was not asked"}, {0, NULL}});
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Outcome: ", RESULT_NORMAL, "passed", RESULT_WINNER, " with objections",
		RESULT_OBJECTION, NULL);
	result_text_free(&words);
	assert_int_equal(r.n_reasons, 1);
	assert_true(result_text_reason(&words, &r.reasons[0], "E03", NULL));
	assert_segments(&words, "E03", RESULT_SPEAKER, " (", RESULT_NORMAL, "disagree", RESULT_OBJECTION, "): ",
		RESULT_NORMAL, "the room was not asked", RESULT_NORMAL, NULL);
	result_text_free(&words);
	tally_free(&r);

	r = count(&vote, (const struct group[]){{1, "agree fine by me"}, {1, "block childcare is missing"}, {0, NULL}});
	assert_outcome(&vote, &r, "Outcome: blocked");
	assert_true(result_text_outcome(&words, &vote, &r));
	assert_segments(&words, "Outcome: ", RESULT_NORMAL, "blocked", RESULT_OBJECTION, NULL);
	result_text_free(&words);
	assert_int_equal(r.n_reasons, 2); /* the block first */
	assert_true(result_text_reason(&words, &r.reasons[0], "E03", "Amal"));
	char *line = result_text_join(&words);
	assert_string_equal(line, "E03 Amal (block): childcare is missing");
	free(line);
	result_text_free(&words);
	assert_true(result_text_reason(&words, &r.reasons[1], NULL, NULL));
	assert_segments(&words, "?", RESULT_SPEAKER, " (", RESULT_NORMAL, "agree", RESULT_NORMAL, "): ", RESULT_NORMAL,
		"fine by me", RESULT_NORMAL, NULL);
	result_text_free(&words);
	/* a report's reason whose speaker did not consent to quotes: no id, no name */
	assert_true(result_text_reason_unattributed(&words, &r.reasons[0]));
	assert_segments(&words, "A participant", RESULT_MUTED, " (", RESULT_NORMAL, "block", RESULT_OBJECTION, "): ",
		RESULT_NORMAL, "childcare is missing", RESULT_NORMAL, NULL);
	result_text_free(&words);
	assert_label(&vote, CONSENT_AGREE, "agree");
	assert_label(&vote, CONSENT_BLOCK, "block");
	tally_free(&r);
}

static void test_empty_cases(void **state)
{
	(void)state;
	struct agenda_vote single = vote_of(VOTE_SINGLE, abc, 3), scale = vote_of(VOTE_SCALE, NULL, 0),
		consent = vote_of(VOTE_CONSENT, NULL, 0), rank = vote_of(VOTE_RANK, abc, 3);
	const struct agenda_vote *named[] = {&single, &scale, &consent, &rank};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		struct tally_result r = count(named[i], (const struct group[]){{0, NULL}});
		assert_string_equal(result_text_empty(named[i], &r), "no ballots");
		struct result_text words = {0};
		assert_true(result_text_outcome(&words, named[i], &r));
		assert_segments(&words, "no ballots", RESULT_MUTED, NULL);
		result_text_free(&words);
		tally_free(&r);
	}
	single.anonymous = consent.anonymous = true;
	struct tally_result r = hands(&single, (const long[]){0, 0, 0}, 3);
	assert_outcome(&single, &r, "no hands");
	tally_free(&r);
	r = hands(&consent, (const long[]){0, 0, 0, 0}, 4);
	assert_string_equal(result_text_empty(&consent, &r), "no hands");
	tally_free(&r);
	/* a show of hands whose counts were never given has no result at all */
	assert_string_equal(result_text_empty(&single, NULL), "no counts were given");
	assert_outcome(&single, NULL, "no counts were given");
}

static void test_numbers_and_shares(void **state)
{
	(void)state;
	char buf[32];
	const struct {
		double value;
		const char *want;
	} numbers[] = {{2.5, "2.5"}, {3, "3"}, {0, "0"}, {-1.5, "-1.5"}, {-0.04, "0"}, {1000, "1000"},
		{2.0 / 3.0, "0.7"}, {11.0 / 4.0, "2.8"}};
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		result_text_number(numbers[i].value, buf, sizeof buf);
		assert_string_equal(buf, numbers[i].want);
	}
	result_text_share(5.0 / 12.0, buf, sizeof buf);
	assert_string_equal(buf, "42%");
	result_text_share(1, buf, sizeof buf);
	assert_string_equal(buf, "100%");
	result_text_share(0, buf, sizeof buf);
	assert_string_equal(buf, "0%");
	result_text_number(2.5, buf, 2); /* cut, and terminated */
	assert_string_equal(buf, "2");
}

/* A short buffer cuts a label at a whole character and says what it needs. */
static void test_label_cut(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SINGLE, places, 3);
	char buf[11];
	assert_int_equal(result_text_label(&vote, 1, buf, sizeof buf), 11); /* "2 Taalcafé" */
	assert_string_equal(buf, "2 Taalcaf");
	assert_int_equal(result_text_label(&vote, 1, NULL, 0), 11);
	struct result_text words = {0};
	result_text_free(&words);
	result_text_free(NULL);
	char *line = result_text_join(&words);
	assert_string_equal(line, "");
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_winner),
		cmocka_unit_test(test_single_ties),
		cmocka_unit_test(test_multi_and_dots_summaries),
		cmocka_unit_test(test_rank_points_and_runoff_agree),
		cmocka_unit_test(test_rank_points_and_runoff_disagree),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_consent),
		cmocka_unit_test(test_empty_cases),
		cmocka_unit_test(test_numbers_and_shares),
		cmocka_unit_test(test_label_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
