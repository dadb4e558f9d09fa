/* ballot: what a valid ballot for a vote is, said once.
 *
 * A ballot is a list of choices (int), as capture_parse_ballot() reads them from a line
 * and tally_count() counts them: single [option]; multi the options; dots one entry per
 * dot; rank options in order of preference; scale [value]; consent [position]. Option
 * numbers run from 1. ballot_check() is the one definition of validity: the parser
 * refuses what it refuses, and tally refuses the same of stored ballots (damaged data).
 * It reports the fault as facts, so that each caller frames its own message;
 * ballot_describe() gives the words a note-taker sees at the console.
 *
 * Pure: no allocation, no I/O, no state. Never touches SQLite or curses. */
#ifndef KLANKBORD_BALLOT_H
#define KLANKBORD_BALLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "config/agenda.h"

/* Consent positions, the one choice of a consent ballot. */
enum consent_position { CONSENT_AGREE, CONSENT_ABSTAIN, CONSENT_DISAGREE, CONSENT_BLOCK };
enum { CONSENT_COUNT = CONSENT_BLOCK + 1 };

enum ballot_fault {
	BALLOT_VALID,
	BALLOT_EMPTY,        /* no choice at all */
	BALLOT_OUT_OF_RANGE, /* choices[at] is outside ballot_range() */
	BALLOT_TOO_MANY,     /* count choices, more than limit = ballot_max_choices() */
	BALLOT_REPEATED,     /* choices[at] was given before (multi, rank: each option once) */
	BALLOT_OVER_CAP,     /* dots: count dots on choices[at], more than limit = max_per_option */
};

struct ballot_check {
	enum ballot_fault fault;
	int at;              /* OUT_OF_RANGE, REPEATED, OVER_CAP: index of the choice concerned */
	long value;          /* OUT_OF_RANGE, REPEATED, OVER_CAP: that choice */
	int count, limit;    /* TOO_MANY: choices and the most allowed; OVER_CAP: dots and the cap */
};

/* The values one choice may take: 1..n_options, scale min..max, consent 0..CONSENT_COUNT-1. */
void ballot_range(const struct agenda_vote *vote, long *lo, long *hi);
/* True when value lies in ballot_range(). */
bool ballot_choice_fits(const struct agenda_vote *vote, long value);
/* The most choices a ballot may hold: 1 for single, scale and consent; max_choices for
 * multi; dots for dots; n_options for rank. */
int ballot_max_choices(const struct agenda_vote *vote);

/* Whether choices[0..n_choices) is a valid ballot for vote. Checks, and reports the first
 * fault found, in this order: every choice in range (the first that is not), at least one
 * choice, at most ballot_max_choices() (for rank that is what "no option twice" says:
 * it reports REPEATED), no option twice in multi and rank, at most
 * max_per_option dots on one option (when max_per_option > 0). choices may be NULL only
 * when n_choices is 0. */
struct ballot_check ballot_check(const struct agenda_vote *vote, const int *choices, int n_choices);

/* What a ballot for this vote may say, for messages: "give one option number from 1 to 4". */
void ballot_hint(const struct agenda_vote *vote, char *out, size_t outlen);
/* The console's words for a fault, e.g. "option 7 does not exist: choose 1 to 4" or
 * "multi: choose at most 3 options, you gave 4". Always returns false (as errmsg_fail). */
bool ballot_describe(const struct agenda_vote *vote, const struct ballot_check *check, char *err, size_t errlen);

#endif
