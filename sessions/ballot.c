/* ballot: see ballot.h. The rules of a valid ballot and the console's words for a
 * ballot that breaks them; docs/votes.md explains them for facilitators. */
#include "sessions/ballot.h"

#include <stdio.h>

#include "sessions/errmsg.h"

void ballot_range(const struct agenda_vote *vote, long *lo, long *hi)
{
	switch (vote->type) {
	case VOTE_SCALE:
		*lo = vote->min;
		*hi = vote->max;
		return;
	case VOTE_CONSENT:
		*lo = 0;
		*hi = CONSENT_COUNT - 1;
		return;
	case VOTE_SINGLE:
	case VOTE_MULTI:
	case VOTE_DOTS:
	case VOTE_RANK:
		break;
	}
	*lo = 1;
	*hi = vote->n_options;
}

bool ballot_choice_fits(const struct agenda_vote *vote, long value)
{
	long lo, hi;
	ballot_range(vote, &lo, &hi);
	return value >= lo && value <= hi;
}

int ballot_max_choices(const struct agenda_vote *vote)
{
	switch (vote->type) {
	case VOTE_MULTI:
		return vote->max_choices;
	case VOTE_DOTS:
		return vote->dots;
	case VOTE_RANK:
		return vote->n_options;
	case VOTE_SINGLE:
	case VOTE_SCALE:
	case VOTE_CONSENT:
		break;
	}
	return 1;
}

struct ballot_check ballot_check(const struct agenda_vote *vote, const int *choices, int n_choices)
{
	for (int i = 0; i < n_choices; i++)
		if (!ballot_choice_fits(vote, choices[i]))
			return (struct ballot_check){ BALLOT_OUT_OF_RANGE, .at = i, .value = choices[i] };
	if (n_choices <= 0)
		return (struct ballot_check){ BALLOT_EMPTY };
	int most = ballot_max_choices(vote);
	if (n_choices > most && vote->type != VOTE_RANK) /* a ranking too long repeats an option: say that */
		return (struct ballot_check){ BALLOT_TOO_MANY, .count = n_choices, .limit = most };
	bool once = vote->type == VOTE_MULTI || vote->type == VOTE_RANK;
	int cap = vote->type == VOTE_DOTS ? vote->max_per_option : 0;
	if (!once && cap <= 0)
		return (struct ballot_check){ BALLOT_VALID };
	for (int i = 0; i < n_choices; i++) {
		int same = 0;
		for (int k = 0; k < n_choices; k++)
			same += choices[k] == choices[i];
		if (once && same > 1)
			return (struct ballot_check){ BALLOT_REPEATED, .at = i, .value = choices[i], .count = same };
		if (cap > 0 && same > cap)
			return (struct ballot_check){ BALLOT_OVER_CAP, .at = i, .value = choices[i], .count = same,
				.limit = cap };
	}
	return (struct ballot_check){ BALLOT_VALID };
}

void ballot_hint(const struct agenda_vote *vote, char *out, size_t outlen)
{
	int n = vote->n_options;
	switch (vote->type) {
	case VOTE_SINGLE:
		snprintf(out, outlen, "give one option number from 1 to %d", n);
		return;
	case VOTE_MULTI:
		snprintf(out, outlen, "give up to %d different option numbers from 1 to %d", vote->max_choices, n);
		return;
	case VOTE_DOTS:
		if (vote->max_per_option > 0)
			snprintf(out, outlen, "give up to %d option numbers from 1 to %d, one per dot (\"1 1 3\"), at most %d on one option",
				vote->dots, n, vote->max_per_option);
		else
			snprintf(out, outlen, "give up to %d option numbers from 1 to %d, one per dot (\"1 1 3\")", vote->dots, n);
		return;
	case VOTE_RANK:
		snprintf(out, outlen, "give option numbers from 1 to %d in order of preference, each once", n);
		return;
	case VOTE_SCALE:
		snprintf(out, outlen, "give one number from %d to %d", vote->min, vote->max);
		return;
	case VOTE_CONSENT:
		snprintf(out, outlen, "give agree, abstain, disagree (or object) or block; a reason must follow disagree or block");
		return;
	}
	snprintf(out, outlen, "unknown vote type");
}

/* How a dots ballot is typed, after a refusal that may come of typing it otherwise. */
#define DOTS_FORM "one option number per dot: \"1 1 3\" is two dots on 1 and one on 3"

static bool describe_too_many(const struct agenda_vote *vote, const struct ballot_check *c, char *err, size_t errlen)
{
	switch (vote->type) {
	case VOTE_SINGLE:
		return errmsg_fail(err, errlen, "single: choose one option, you gave %d", c->count);
	case VOTE_SCALE:
		return errmsg_fail(err, errlen, "scale: give one number from %d to %d, you gave %d", vote->min, vote->max,
			c->count);
	case VOTE_MULTI:
		return errmsg_fail(err, errlen, "multi: choose at most %d options, you gave %d", c->limit, c->count);
	case VOTE_DOTS:
		return errmsg_fail(err, errlen, "dots: you gave %d dots, each voter has %d; %s", c->count, c->limit,
			DOTS_FORM);
	case VOTE_RANK:
	case VOTE_CONSENT:
		break;
	}
	return errmsg_fail(err, errlen, "%s: give at most %d, you gave %d", vote_type_name(vote->type), c->limit,
		c->count);
}

bool ballot_describe(const struct agenda_vote *vote, const struct ballot_check *check, char *err, size_t errlen)
{
	char hint[200];
	long lo, hi;
	ballot_range(vote, &lo, &hi);
	switch (check->fault) {
	case BALLOT_VALID:
		break;
	case BALLOT_EMPTY:
		ballot_hint(vote, hint, sizeof hint);
		return errmsg_fail(err, errlen, "empty ballot: %s", hint);
	case BALLOT_OUT_OF_RANGE:
		if (vote->type == VOTE_SCALE)
			return errmsg_fail(err, errlen, "%ld is outside the scale: choose %ld to %ld", check->value, lo, hi);
		if (vote->type == VOTE_CONSENT)
			return errmsg_fail(err, errlen, "consent: position %ld does not exist", check->value);
		if (vote->type == VOTE_DOTS) /* "2 1 0" is how many dots on each option, in someone's head */
			return errmsg_fail(err, errlen, "option %ld does not exist: choose 1 to %ld; %s", check->value, hi,
				DOTS_FORM);
		return errmsg_fail(err, errlen, "option %ld does not exist: choose 1 to %ld", check->value, hi);
	case BALLOT_TOO_MANY:
		return describe_too_many(vote, check, err, errlen);
	case BALLOT_REPEATED:
		return errmsg_fail(err, errlen, "%s: option %ld given more than once", vote_type_name(vote->type),
			check->value);
	case BALLOT_OVER_CAP:
		return errmsg_fail(err, errlen, "dots: %d dots on option %ld, at most %d on one option", check->count,
			check->value, check->limit);
	}
	return errmsg_fail(err, errlen, "valid ballot");
}
