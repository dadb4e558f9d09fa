/* Tests for sessions/ballot.c: the one definition of a valid ballot, the faults it
 * reports as facts, the console's words for them, and that capture and tally agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sessions/ballot.h"
#include "sessions/capture.h"
#include "sessions/tally.h"

static char *options[AGENDA_OPTIONS_MAX] = {
	"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
};

static struct agenda_vote vote_of(enum vote_type type, int n_options)
{
	return (struct agenda_vote){
		.id = "v", .question = "?", .type = type, .options = options, .n_options = n_options,
		.max_choices = n_options, .dots = 3, .min = 1, .max = 5,
	};
}

#define CHECK(vote, ...) check_of((vote), (int[]){ __VA_ARGS__ }, \
	(int)(sizeof (int[]){ __VA_ARGS__ } / sizeof(int)))

static struct ballot_check check_of(const struct agenda_vote *vote, const int *choices, int n)
{
	return ballot_check(vote, choices, n);
}

static void assert_fault(struct ballot_check c, enum ballot_fault fault, int at, long value)
{
	assert_int_equal(c.fault, fault);
	assert_int_equal(c.at, at);
	assert_int_equal(c.value, value);
}

static void test_range(void **state)
{
	(void)state;
	long lo, hi;
	struct agenda_vote v = vote_of(VOTE_SINGLE, 4);
	ballot_range(&v, &lo, &hi);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 4);
	assert_true(ballot_choice_fits(&v, 4));
	assert_false(ballot_choice_fits(&v, 5));
	assert_false(ballot_choice_fits(&v, 0));
	assert_false(ballot_choice_fits(&v, 4000000000L));
	v = vote_of(VOTE_SCALE, 0);
	v.min = -2;
	v.max = 3;
	ballot_range(&v, &lo, &hi);
	assert_int_equal(lo, -2);
	assert_int_equal(hi, 3);
	v = vote_of(VOTE_CONSENT, 0);
	ballot_range(&v, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, CONSENT_COUNT - 1);
}

static void test_max_choices(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_MULTI, 5);
	v.max_choices = 3;
	assert_int_equal(ballot_max_choices(&v), 3);
	v.type = VOTE_DOTS;
	assert_int_equal(ballot_max_choices(&v), 3);
	v.dots = 7;
	assert_int_equal(ballot_max_choices(&v), 7);
	v.type = VOTE_RANK;
	assert_int_equal(ballot_max_choices(&v), 5);
	for (enum vote_type t = VOTE_SINGLE; t <= VOTE_CONSENT; t++) {
		if (t == VOTE_MULTI || t == VOTE_DOTS || t == VOTE_RANK)
			continue;
		v.type = t;
		assert_int_equal(ballot_max_choices(&v), 1);
	}
}

static void test_valid_ballots(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_SINGLE, 4);
	assert_fault(CHECK(&v, 4), BALLOT_VALID, 0, 0);
	v = vote_of(VOTE_MULTI, 5);
	v.max_choices = 3;
	assert_fault(CHECK(&v, 5, 1, 3), BALLOT_VALID, 0, 0);
	v = vote_of(VOTE_DOTS, 4);
	assert_fault(CHECK(&v, 2, 2, 2), BALLOT_VALID, 0, 0);
	v.max_per_option = 2;
	assert_fault(CHECK(&v, 2, 1, 2), BALLOT_VALID, 0, 0);
	v = vote_of(VOTE_RANK, 4);
	assert_fault(CHECK(&v, 4, 3, 2, 1), BALLOT_VALID, 0, 0);
	assert_fault(CHECK(&v, 3), BALLOT_VALID, 0, 0);
	v = vote_of(VOTE_SCALE, 0);
	assert_fault(CHECK(&v, 5), BALLOT_VALID, 0, 0);
	v = vote_of(VOTE_CONSENT, 0);
	assert_fault(CHECK(&v, CONSENT_BLOCK), BALLOT_VALID, 0, 0);
}

static void test_faults(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_SINGLE, 4);
	assert_fault(CHECK(&v, 2, 5, 0), BALLOT_OUT_OF_RANGE, 1, 5);
	assert_fault(ballot_check(&v, NULL, 0), BALLOT_EMPTY, 0, 0);
	struct ballot_check c = CHECK(&v, 1, 1);
	assert_int_equal(c.fault, BALLOT_TOO_MANY);
	assert_int_equal(c.count, 2);
	assert_int_equal(c.limit, 1);
	v = vote_of(VOTE_MULTI, 5);
	v.max_choices = 2;
	c = CHECK(&v, 1, 2, 3);
	assert_int_equal(c.fault, BALLOT_TOO_MANY);
	assert_int_equal(c.count, 3);
	assert_int_equal(c.limit, 2);
	assert_fault(CHECK(&v, 4, 4), BALLOT_REPEATED, 0, 4);
	v = vote_of(VOTE_RANK, 3);
	assert_fault(CHECK(&v, 1, 2, 3, 2), BALLOT_REPEATED, 1, 2); /* too long a ranking repeats */
	v = vote_of(VOTE_DOTS, 4);
	c = CHECK(&v, 1, 1, 1, 1);
	assert_int_equal(c.fault, BALLOT_TOO_MANY);
	assert_int_equal(c.limit, 3);
	v.max_per_option = 2;
	v.dots = 4;
	c = CHECK(&v, 3, 1, 1, 1);
	assert_fault(c, BALLOT_OVER_CAP, 1, 1);
	assert_int_equal(c.count, 3);
	assert_int_equal(c.limit, 2);
	v = vote_of(VOTE_SCALE, 0);
	assert_fault(CHECK(&v, 6), BALLOT_OUT_OF_RANGE, 0, 6);
	c = CHECK(&v, 2, 3);
	assert_int_equal(c.fault, BALLOT_TOO_MANY);
	v = vote_of(VOTE_CONSENT, 0);
	assert_fault(CHECK(&v, 4), BALLOT_OUT_OF_RANGE, 0, 4);
	assert_fault(CHECK(&v, -1), BALLOT_OUT_OF_RANGE, 0, -1);
	/* a vote without options takes no ballot */
	v = vote_of(VOTE_SINGLE, 0);
	assert_fault(CHECK(&v, 1), BALLOT_OUT_OF_RANGE, 0, 1);
}

static void assert_words(const struct agenda_vote *v, struct ballot_check c, const char *expected)
{
	char err[256] = "";
	assert_false(ballot_describe(v, &c, err, sizeof err));
	assert_string_equal(err, expected);
}

static void test_describe(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_SINGLE, 4);
	assert_words(&v, CHECK(&v, 7), "option 7 does not exist: choose 1 to 4");
	assert_words(&v, CHECK(&v, 1, 2), "single: choose one option, you gave 2");
	assert_words(&v, ballot_check(&v, NULL, 0), "empty ballot: give one option number from 1 to 4");
	v = vote_of(VOTE_MULTI, 5);
	v.max_choices = 3;
	assert_words(&v, CHECK(&v, 1, 2, 3, 4), "multi: choose at most 3 options, you gave 4");
	assert_words(&v, CHECK(&v, 2, 2), "multi: option 2 given more than once");
	v = vote_of(VOTE_RANK, 4);
	assert_words(&v, CHECK(&v, 1, 2, 1), "rank: option 1 given more than once");
	v = vote_of(VOTE_DOTS, 4);
	assert_words(&v, CHECK(&v, 1, 1, 3, 4), "dots: you gave 4 dots, each voter has 3; one option number per dot:"
		" \"1 1 3\" is two dots on 1 and one on 3");
	/* counts per option, as someone might think of them, are told how a dots ballot goes */
	assert_words(&v, CHECK(&v, 2, 1, 0), "option 0 does not exist: choose 1 to 4; one option number per dot:"
		" \"1 1 3\" is two dots on 1 and one on 3");
	v.max_per_option = 2;
	assert_words(&v, CHECK(&v, 2, 2, 2), "dots: 3 dots on option 2, at most 2 on one option");
	v = vote_of(VOTE_SCALE, 0);
	assert_words(&v, CHECK(&v, 0), "0 is outside the scale: choose 1 to 5");
	assert_words(&v, CHECK(&v, 2, 3), "scale: give one number from 1 to 5, you gave 2");
	v = vote_of(VOTE_CONSENT, 0);
	assert_words(&v, CHECK(&v, 9), "consent: position 9 does not exist");
}

/* Every list of up to 4 choices from -1 to 6: capture accepts a typed ballot exactly when
 * ballot_check() does, and tally counts exactly those. */
static void test_capture_and_tally_agree(void **state)
{
	(void)state;
	for (enum vote_type t = VOTE_SINGLE; t <= VOTE_SCALE; t++) {
		struct agenda_vote v = vote_of(t, t == VOTE_SCALE ? 0 : 4);
		v.max_choices = 2;
		v.max_per_option = t == VOTE_DOTS ? 2 : 0;
		for (int n = 1; n <= 4; n++) {
			int total = 1;
			for (int k = 0; k < n; k++)
				total *= 8;
			for (int code = 0; code < total; code++) {
				int choices[4];
				char body[64] = "";
				for (int k = 0, c = code; k < n; k++, c /= 8) {
					choices[k] = c % 8 - 1;
					snprintf(body + strlen(body), sizeof body - strlen(body), "%s%d", k ? " " : "", choices[k]);
				}
				bool valid = ballot_check(&v, choices, n).fault == BALLOT_VALID;
				int *parsed = NULL, n_parsed = 0;
				char err[256] = "";
				bool accepted = capture_parse_ballot(body, &v, &parsed, &n_parsed, NULL, err, sizeof err);
				if (accepted != valid)
					fail_msg("type %s, ballot \"%s\": ballot_check says %d, capture %d (%s)", vote_type_name(t), body,
						valid, accepted, err);
				struct tally_ballot b = { .choices = choices, .n_choices = n };
				struct tally_result r;
				bool counted = tally_count(&v, &b, 1, &r, err, sizeof err);
				if (counted != valid)
					fail_msg("type %s, ballot \"%s\": ballot_check says %d, tally %d (%s)", vote_type_name(t), body,
						valid, counted, err);
				if (counted)
					tally_free(&r);
				free(parsed);
			}
		}
	}
}

static void test_tally_refuses_what_capture_refuses(void **state)
{
	(void)state;
	struct tally_result r;
	char err[256] = "";
	struct agenda_vote v = vote_of(VOTE_MULTI, 4);
	v.max_choices = 2;
	struct tally_ballot b = { .choices = (int[]){ 1, 2, 3 }, .n_choices = 3 };
	assert_false(tally_count(&v, &b, 1, &r, err, sizeof err));
	assert_string_equal(err, "vote v, ballot 1: 3 choices, which this type of vote does not take");
	b = (struct tally_ballot){ .choices = (int[]){ 3, 3 }, .n_choices = 2 };
	assert_false(tally_count(&v, &b, 1, &r, err, sizeof err));
	assert_string_equal(err, "vote v, ballot 1: option 3 chosen twice");
	v = vote_of(VOTE_DOTS, 4);
	v.max_per_option = 1;
	b = (struct tally_ballot){ .choices = (int[]){ 2, 2 }, .n_choices = 2 };
	assert_false(tally_count(&v, &b, 1, &r, err, sizeof err));
	assert_string_equal(err, "vote v, ballot 1: 2 dots on option 2, at most 1 on one option");
	b = (struct tally_ballot){ .choices = NULL, .n_choices = 0 };
	assert_false(tally_count(&v, &b, 1, &r, err, sizeof err));
	assert_string_equal(err, "vote v, ballot 1: 0 choices, which this type of vote does not take");
	b = (struct tally_ballot){ .choices = NULL, .n_choices = 2 };
	assert_false(tally_count(&v, &b, 1, &r, err, sizeof err));
	assert_string_equal(err, "vote v, ballot 1: 2 choices, which this type of vote does not take");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_max_choices),
		cmocka_unit_test(test_valid_ballots),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_capture_and_tally_agree),
		cmocka_unit_test(test_tally_refuses_what_capture_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
