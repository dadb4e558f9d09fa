/* test_vote_rules: config/vote_rules.c, the one definition of a valid vote, on structs
 * as the agenda loader and /poll build them; and that both callers can frame its
 * problems in their own words (the loader's are checked in test_agenda and agendas.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/agenda.h"
#include "config/vote_rules.h"

static char *abc[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
	"s", "t", "u", "v" };

static struct agenda_vote vote_of(enum vote_type type, int n_options)
{
	struct agenda_vote v = {
		.id = "v", .question = "?", .type = type, .options = n_options ? abc : NULL, .n_options = n_options,
		.max_choices = n_options, .dots = 3, .min = 1, .max = 5,
	};
	v.voter_roles[ROLE_EXPERT] = true;
	return v;
}

/* Checks vote and asserts the problems found, as "RULE:message" strings joined by "\n". */
static void assert_problems(const struct agenda_vote *v, const char *expected)
{
	struct vote_problem found[VOTE_PROBLEMS_MAX];
	int n = vote_rules_check(v, found, VOTE_PROBLEMS_MAX);
	char got[4096] = "";
	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%d:%s", i ? "\n" : "", (int)found[i].rule,
			found[i].message);
	assert_string_equal(got, expected);
}

static void test_valid_votes(void **state)
{
	(void)state;
	for (enum vote_type t = VOTE_SINGLE; t <= VOTE_CONSENT; t++) {
		struct agenda_vote v = vote_of(t, vote_rules_takes_options(t) ? 2 : 0);
		assert_problems(&v, "");
		v.n_options = vote_rules_takes_options(t) ? AGENDA_OPTIONS_MAX : 0;
		v.max_choices = v.n_options;
		assert_problems(&v, "");
	}
	struct agenda_vote v = vote_of(VOTE_DOTS, 3);
	v.dots = AGENDA_DOTS_MAX;
	v.max_per_option = AGENDA_DOTS_MAX;
	assert_problems(&v, "");
	v.max_per_option = 0; /* no cap */
	assert_problems(&v, "");
	v = vote_of(VOTE_SCALE, 0);
	v.min = -VOTE_SCALE_LIMIT;
	v.max = -VOTE_SCALE_LIMIT + VOTE_SCALE_SPAN_MAX;
	assert_problems(&v, "");
	v = vote_of(VOTE_MULTI, 3);
	v.max_choices = 1;
	v.anonymous = true;
	assert_problems(&v, "");
}

static void test_option_counts(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_SINGLE, 1);
	assert_problems(&v, "0:a single vote needs 2 to 20 options, this one has 1");
	v = vote_of(VOTE_RANK, 0);
	assert_problems(&v, "0:a rank vote needs 2 to 20 options, this one has 0");
	v = vote_of(VOTE_DOTS, 21);
	assert_problems(&v, "0:a dots vote needs 2 to 20 options, this one has 21");
	v = vote_of(VOTE_SCALE, 2);
	assert_problems(&v, "1:a scale vote takes no options, this one has 2");
	v = vote_of(VOTE_CONSENT, 1);
	assert_problems(&v, "1:a consent vote takes no options, this one has 1");
	struct vote_problem p;
	v = vote_of(VOTE_MULTI, 21);
	assert_int_equal(vote_rules_check(&v, &p, 1), 1);
	assert_int_equal(p.rule, VOTE_RULE_OPTION_COUNT);
	assert_int_equal(p.value, 21);
	assert_int_equal(p.lo, AGENDA_OPTIONS_MIN);
	assert_int_equal(p.hi, AGENDA_OPTIONS_MAX);
}

static void test_duplicate_options(void **state)
{
	(void)state;
	char *options[] = { "ja", "nee", "ja", "نعم", "nee", "ja", NULL, NULL, "نعم" };
	struct agenda_vote v = vote_of(VOTE_SINGLE, 9);
	v.options = options;
	struct vote_problem found[VOTE_PROBLEMS_MAX];
	int n = vote_rules_check(&v, found, VOTE_PROBLEMS_MAX);
	assert_int_equal(n, 4);
	int index[] = { 2, 4, 5, 8 }, first[] = { 0, 1, 0, 3 };
	for (int i = 0; i < n; i++) {
		assert_int_equal(found[i].rule, VOTE_RULE_DUPLICATE_OPTION);
		assert_int_equal(found[i].index, index[i]);
		assert_int_equal(found[i].first, first[i]);
	}
	assert_string_equal(found[0].message, "duplicate option ja");
	assert_string_equal(found[3].message, "duplicate option نعم");
	/* only among a valid number of options */
	char *one[] = { "x" };
	v.options = one;
	v.n_options = 1;
	assert_problems(&v, "0:a single vote needs 2 to 20 options, this one has 1");
	/* a long option is cut at 60 bytes in the message, as the loader always did */
	char long_option[100];
	memset(long_option, 'x', sizeof long_option - 1);
	long_option[99] = '\0';
	char *twice[] = { long_option, long_option };
	v.options = twice;
	v.n_options = 2;
	assert_int_equal(vote_rules_check(&v, found, VOTE_PROBLEMS_MAX), 1);
	assert_int_equal(strlen(found[0].message), strlen("duplicate option ") + 60);
	/* max bounds what is filled */
	v.options = options;
	v.n_options = 9;
	assert_int_equal(vote_rules_check(&v, found, 2), 2);
	assert_int_equal(vote_rules_check(&v, found, 0), 0);
}

static void test_numbers(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_MULTI, 3);
	v.max_choices = 4;
	assert_problems(&v, "3:max_choices must be a whole number from 1 to 3");
	v.max_choices = 0;
	assert_problems(&v, "3:max_choices must be a whole number from 1 to 3");
	v = vote_of(VOTE_DOTS, 2);
	v.dots = 0;
	v.max_per_option = 99; /* not checked against dots that are not valid */
	assert_problems(&v, "4:dots must be a whole number from 1 to 20");
	v.dots = 21;
	assert_problems(&v, "4:dots must be a whole number from 1 to 20");
	v.dots = 3;
	v.max_per_option = 4;
	assert_problems(&v, "5:max_per_option must be a whole number from 1 to 3");
	v.max_per_option = -1;
	assert_problems(&v, "5:max_per_option must be a whole number from 1 to 3");
	/* fields of other types are not looked at */
	v = vote_of(VOTE_SINGLE, 2);
	v.dots = -5;
	v.max_choices = 99;
	v.min = 9;
	v.max = 1;
	assert_problems(&v, "");
}

static void test_scales(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_SCALE, 0);
	v.min = -1001;
	v.max = 1001;
	assert_problems(&v, "6:min must be a whole number from -1000 to 1000\n7:max must be a whole number from -1000 to 1000");
	v.min = 5;
	v.max = 5;
	assert_problems(&v, "8:scale max must be greater than min (min is 5)");
	v.max = 1;
	assert_problems(&v, "8:scale max must be greater than min (min is 5)");
	v.min = 0;
	v.max = 101;
	assert_problems(&v, "9:a scale may span at most 100 steps (from 0 to 101 is 101)");
	struct scale_label labels[] = { { 0, "low" }, { 1, "one" }, { 5, "five" }, { 6, "six" } };
	v.min = 1;
	v.max = 5;
	v.labels = labels;
	v.n_labels = 4;
	struct vote_problem found[VOTE_PROBLEMS_MAX];
	assert_int_equal(vote_rules_check(&v, found, VOTE_PROBLEMS_MAX), 2);
	assert_int_equal(found[0].rule, VOTE_RULE_LABEL);
	assert_int_equal(found[0].index, 0);
	assert_string_equal(found[0].message, "label 0 is outside the scale 1 to 5");
	assert_int_equal(found[1].index, 3);
	assert_string_equal(found[1].message, "label 6 is outside the scale 1 to 5");
	v.max = 0; /* labels wait for a valid scale */
	assert_problems(&v, "8:scale max must be greater than min (min is 1)");
}

static void test_anonymous_rank(void **state)
{
	(void)state;
	struct agenda_vote v = vote_of(VOTE_RANK, 1);
	v.anonymous = true;
	assert_problems(&v, "0:a rank vote needs 2 to 20 options, this one has 1\n"
		"11:a rank vote cannot be anonymous: a show of hands cannot give a ranking");
}

/* How /poll frames the problems (sessions/session.c, poll_definition()): its messages
 * stay what they were before the rules moved here. */
static void poll_message(const char *type_word, const struct agenda_vote *v, char *out, size_t outlen)
{
	struct vote_problem p;
	out[0] = '\0';
	if (vote_rules_check(v, &p, 1) == 0)
		return;
	if (p.rule == VOTE_RULE_OPTION_COUNT)
		snprintf(out, outlen, "poll: a %s poll needs %ld to %ld options separated by |; you gave %ld", type_word,
			p.lo, p.hi, p.value);
	else if (p.rule == VOTE_RULE_NO_OPTIONS)
		snprintf(out, outlen, "poll: a %s poll takes no options%s", type_word,
			v->type == VOTE_SCALE ? " (it runs from 1 to 5)" : " (agree, abstain, disagree, block)");
	else if (p.rule == VOTE_RULE_DUPLICATE_OPTION)
		snprintf(out, outlen, "poll: option \"%.40s\" is given twice", v->options[p.index]);
	else
		snprintf(out, outlen, "poll: %s", p.message);
}

static void test_poll_framing(void **state)
{
	(void)state;
	char message[256];
	struct agenda_vote v = vote_of(VOTE_SINGLE, 1);
	poll_message("single", &v, message, sizeof message);
	assert_string_equal(message, "poll: a single poll needs 2 to 20 options separated by |; you gave 1");
	v = vote_of(VOTE_SCALE, 2);
	poll_message("scale", &v, message, sizeof message);
	assert_string_equal(message, "poll: a scale poll takes no options (it runs from 1 to 5)");
	v = vote_of(VOTE_CONSENT, 1);
	poll_message("consent", &v, message, sizeof message);
	assert_string_equal(message, "poll: a consent poll takes no options (agree, abstain, disagree, block)");
	char *options[] = { "Lessons", "Work", "Lessons", "Work" };
	v = vote_of(VOTE_DOTS, 4);
	v.options = options;
	poll_message("dots", &v, message, sizeof message);
	assert_string_equal(message, "poll: option \"Lessons\" is given twice");
	v = vote_of(VOTE_MULTI, 3); /* as /poll builds it: max_choices = every option */
	poll_message("multi", &v, message, sizeof message);
	assert_string_equal(message, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_votes),
		cmocka_unit_test(test_option_counts),
		cmocka_unit_test(test_duplicate_options),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_scales),
		cmocka_unit_test(test_anonymous_rank),
		cmocka_unit_test(test_poll_framing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
