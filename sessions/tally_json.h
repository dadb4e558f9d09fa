/* tally_json: writes a tally result as one JSON object, the "result" of a vote in exports.
 *
 * Writes into a json_buf only: no I/O, no session. Numbers with a fraction (shares,
 * median, mean) are written with at most 4 decimals and a '.' whatever the locale.
 * Winners are option texts (null on a tie or without votes), with the 1-based option
 * number beside them (winner_option); an option out of an instant-runoff round and the
 * median and mean of an empty scale are null. The fields, by vote type (see tally.h):
 *   all        type, anonymous, voters (null when unknown)
 *   single, multi, dots   total, counts, shares, winner, winner_option, tie
 *   rank       total, counts and shares of first preferences, borda, borda_winner(_option),
 *              borda_tie, irv: {rounds: [[counts aligned with options, null when out]],
 *              winner, winner_option, tie, steps: [{active, exhausted, eliminated,
 *              transfers, transfers_exhausted}]}
 *   scale      n, min, max, distribution, median, mean
 *   consent    agree, abstain, disagree, block, outcome, reasons: [{participant, position, text}] */
#ifndef KLANKBORD_TALLY_JSON_H
#define KLANKBORD_TALLY_JSON_H

#include "sessions/json.h"
#include "sessions/tally.h"

/* Names participants in consent reasons: returns the id of participant index i (for
 * example from session->participants), or NULL to write the index as a number. */
typedef const char *(*tally_json_participant_fn)(const void *ctx, int participant);

/* vote gives the option texts; it is the vote result was counted for. */
void tally_json_write(struct json_buf *buf, const struct agenda_vote *vote, const struct tally_result *result,
	tally_json_participant_fn participant_id, const void *ctx);

#endif
