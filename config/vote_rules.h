/* vote_rules: what a valid vote definition is, said once.
 *
 * A vote comes from an agenda file (config/agenda.c) or from a /poll line typed during a
 * session (sessions/session.c); both build a struct agenda_vote and ask vote_rules_check()
 * whether it is one a room can vote on: option counts, duplicate options, scale bounds,
 * which types take options, max_choices, dots and max_per_option, scale labels, anonymous
 * rankings. It reports each problem as a rule, the facts and a core message a person can
 * act on ("a single vote needs 2 to 20 options, this one has 1"); each caller frames it
 * (a file position, "poll: ..."). What the YAML looks like (keys, types of values) stays
 * the loader's; vote_rules sees only the struct.
 *
 * Pure: no allocation, no I/O, no state. Never touches SQLite or curses. */
#ifndef KLANKBORD_VOTE_RULES_H
#define KLANKBORD_VOTE_RULES_H

#include <stdbool.h>

#include "config/agenda.h"

enum {
	VOTE_SCALE_LIMIT = 1000,     /* scale bounds lie in -1000..1000 */
	VOTE_SCALE_SPAN_MAX = 100,   /* max - min is at most this */
	VOTE_PROBLEM_MESSAGE_MAX = 200,
	/* room for every problem one vote can have: each option a duplicate, and the rest */
	VOTE_PROBLEMS_MAX = AGENDA_OPTIONS_MAX + 8,
};

enum vote_rule {
	VOTE_RULE_OPTION_COUNT,      /* single, multi, dots, rank: value options, not lo..hi */
	VOTE_RULE_NO_OPTIONS,        /* scale, consent: value options given, none taken */
	VOTE_RULE_DUPLICATE_OPTION,  /* options[index] repeats options[first] */
	VOTE_RULE_MAX_CHOICES,       /* multi: max_choices is value, not lo..hi */
	VOTE_RULE_DOTS,              /* dots: dots is value, not lo..hi */
	VOTE_RULE_MAX_PER_OPTION,    /* dots: max_per_option is value, not 0 (no cap) or lo..hi */
	VOTE_RULE_SCALE_MIN,         /* scale: min is value, not lo..hi */
	VOTE_RULE_SCALE_MAX,         /* scale: max is value, not lo..hi */
	VOTE_RULE_SCALE_ORDER,       /* scale: max (value) is not greater than min (lo) */
	VOTE_RULE_SCALE_SPAN,        /* scale: max - min is value, more than hi */
	VOTE_RULE_LABEL,             /* scale: labels[index] is at value, outside min..max (lo..hi) */
	VOTE_RULE_ANONYMOUS_RANK,    /* rank: anonymous, but a show of hands gives no ranking */
};

struct vote_problem {
	enum vote_rule rule;
	int index, first;            /* DUPLICATE_OPTION: the option and the one it repeats; LABEL: the label */
	long value, lo, hi;          /* what the vote has and what is allowed (see enum vote_rule) */
	char message[VOTE_PROBLEM_MESSAGE_MAX]; /* the core, without position or "poll:" */
};

/* Checks a vote's definition. Fills problems[0..max) with what is wrong, in the order of
 * enum vote_rule (duplicates in option order) and returns how many it filled; 0 means the
 * vote is valid. Some checks wait on others: duplicates only among a valid number of
 * options, max_choices only when there are options, max_per_option only with valid
 * dots, a scale's order only with both bounds valid, its span only when ordered, labels
 * only on a valid scale. Options that are NULL are not compared. */
int vote_rules_check(const struct agenda_vote *vote, struct vote_problem *problems, int max);

/* True for the types whose ballots choose among options: single, multi, dots, rank. */
bool vote_rules_takes_options(enum vote_type type);

#endif
