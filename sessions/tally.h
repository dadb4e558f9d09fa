/* tally: counts the ballots of one vote into a result the console draws and the export writes.
 *
 * Pure: no I/O, no SQLite, no curses, no global state; the same input always gives the
 * same result. It never sees a session: the caller passes the agenda vote and either the
 * named ballots (choices exactly as capture_parse_ballot() gives them) or, for a show of
 * hands, the counts. The result owns everything it points to until tally_free(); it
 * copies what it keeps from the ballots. The rules are explained for facilitators in
 * docs/votes.md; keep the two in step.
 *
 * Which fields a result fills, by vote type (the others are 0 or NULL):
 *   single, multi, dots  voters, total, counts, shares, winner, tie
 *   rank                 voters, total, counts (first preferences), shares, borda,
 *                        borda_winner, borda_tie, rounds, winner and tie (instant-runoff)
 *   scale                voters (= n), distribution, median, mean
 *   consent              voters, positions, outcome, reasons */
#ifndef KLANKBORD_TALLY_H
#define KLANKBORD_TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "config/agenda.h"
#include "sessions/capture.h"

enum {
	TALLY_NONE = -1,       /* winner: no winner (no votes, or a tie) */
	TALLY_ELIMINATED = -1, /* rounds[r].counts[i]: option i was out before round r (null in JSON) */
	TALLY_UNKNOWN = -1,    /* voters of an anonymous multi or dots vote: hands do not say */
};

/* One named ballot. Borrowed: tally copies what it keeps. */
struct tally_ballot {
	int participant;       /* index into the session's participants, reported with reasons */
	const int *choices;    /* as capture_parse_ballot() gives them */
	int n_choices;
	const char *reason;    /* consent: the reason, or NULL */
};

/* One round of an instant-runoff count. */
struct tally_round {
	long *counts;          /* n_options: ballots on each option; TALLY_ELIMINATED when out */
	long active;           /* ballots still in play: the sum of counts */
	long exhausted;        /* ballots with no surviving choice left, in all (so far) */
	int eliminated;        /* option dropped after this round, or TALLY_NONE in the last round */
	long *transfers;       /* n_options: ballots of the eliminated option moved to each option
	                          for the next round (all 0 in the last round) */
	long transfers_exhausted; /* ballots of the eliminated option with no choice left */
};

enum tally_outcome {
	TALLY_NO_VOTES,             /* consent: nobody took a position */
	TALLY_PASSED,               /* no disagree and no block */
	TALLY_PASSED_WITH_OBJECTIONS, /* disagree > 0, no block */
	TALLY_BLOCKED,              /* one block or more */
};

struct tally_reason {
	int participant;            /* as in the ballot */
	enum consent_position position;
	char *text;
};

struct tally_result {
	enum vote_type type;
	bool anonymous;
	long voters;                /* ballots (anonymous single, scale, consent: hands in all;
	                               anonymous multi, dots: TALLY_UNKNOWN) */
	int n_options;              /* entries in counts, shares, borda and each round */
	long total;                 /* the sum of counts: votes, approvals, dots, first preferences */
	long *counts;
	double *shares;             /* counts[i] / total, from 0 to 1; all 0 when total is 0 */
	int winner;                 /* option index, or TALLY_NONE */
	bool tie;                   /* no winner because options tie (not for want of votes) */
	/* rank */
	long *borda;                /* points: n-1 for a first place, n-2 for a second, ...; 0 unranked */
	int borda_winner;
	bool borda_tie;
	struct tally_round *rounds;
	int n_rounds;
	/* scale */
	int min, max;
	long *distribution;         /* max - min + 1 entries: answers for min, min+1, ..., max */
	double median;              /* even n: the mean of the two middle answers; 0 when n is 0 */
	double mean;                /* 0 when n is 0 */
	/* consent */
	long positions[CONSENT_COUNT]; /* agree, abstain, disagree, block */
	enum tally_outcome outcome;
	struct tally_reason *reasons; /* blocks first, then disagree, abstain, agree; ballot order within */
	int n_reasons;
};

/* Counts named ballots. Returns true and fills *out (free it with tally_free()), or
 * false with a message in err when a ballot is not valid for the vote by ballot_check()
 * (an option or value out of range, a choice count the vote does not allow, an option
 * twice, too many dots on one): ballots come from capture_parse_ballot(), which refuses
 * the same, so that means the data is damaged. On failure *out needs no
 * tally_free(). n_ballots may be 0: then nothing wins and nothing divides by zero. */
bool tally_count(const struct agenda_vote *vote, const struct tally_ballot *ballots, int n_ballots,
	struct tally_result *out, char *err, size_t errlen);

/* Counts a show of hands: counts has tally_count_slots(vote) entries (per option; scale:
 * per value from min to max; consent: agree, abstain, disagree, block). Refuses rank votes
 * (a ranking cannot be read from hands), a wrong number of counts, and negative counts. */
bool tally_count_anonymous(const struct agenda_vote *vote, const long *counts, int n_counts,
	struct tally_result *out, char *err, size_t errlen);

/* How many counts a show of hands for this vote takes; 0 for rank (not possible). */
int tally_count_slots(const struct agenda_vote *vote);

/* Frees what the result owns and zeroes it; NULL and a zeroed result are safe. */
void tally_free(struct tally_result *result);
/* True when an instant-runoff count moved any ballot from an option that dropped out. */
bool tally_runoff_moved(const struct tally_result *result);

/* "no_votes", "passed", "passed_with_objections", "blocked": for exports and messages. */
const char *tally_outcome_name(enum tally_outcome outcome);

#endif
