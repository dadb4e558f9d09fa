/* vote_plain: a vote of the export document and its result as plain text, in the words
 * the console's result panel uses (result_text.h), for the REFI-QDA notes and any other
 * plain-text sink.
 *
 * The text: "Vote ID: QUESTION", the item, the type, ballots or hands, the status; then
 * the outcome line ("Winner: 2 Taalcafé", "Outcome: passed with objections", "no
 * ballots"), one row per option, value or position ("2 Taalcafé: 2 (67%)"; rank: points
 * and the ballots in each runoff round), the summary ("3 voters · 7 dots") or the runoff
 * note, and each consent reason with its speaker's id, and name when the document holds
 * one, marked "(not to be quoted)" when the speaker does not consent (report_reason_words(),
 * REPORT_FOR_ANALYSIS: the one rule of who a reason is said to come from). Lines end in "\n". Never counts (the document holds the tally), no I/O beyond the
 * memory it writes to, never exits. */
#ifndef KLANKBORD_VOTE_PLAIN_H
#define KLANKBORD_VOTE_PLAIN_H

#include "out/export_doc.h"

/* The text, malloc'd for the caller to free; NULL when memory ran out. */
char *vote_plain_text(const struct export_doc *doc, const struct export_vote *vote);

#endif
