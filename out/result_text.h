/* result_text: the words a person reads about a closed vote's result, for every sink.
 *
 * Owns the wording the console's result panel shows and that Markdown and HTML reports
 * must repeat word for word: option labels ("2 Taalcafé", "3 partly", "block"), the
 * outcome line ("Winner: 2 Taalcafé", "Tie between 1 A, 2 B and 3 C", "Borda: X · runoff:
 * Y", "Median 3 (partly) · mean 2.5 · n 4", "Outcome: passed with objections"), what
 * shows instead of a result ("no ballots", "no hands", "no counts were given"), the
 * summary under the bars, the runoff cells and notes, a consent reason line (with or
 * without who gave it), and how
 * numbers are written. Styled text comes as segments, each with a role saying what it is
 * (a winner, a tie, an objection); a sink maps roles to its own look (theme roles,
 * <strong>, **). Layout (widths, cutting, wrapping, which rows fit) stays with the sink.
 *
 * Never counts (tally.h did), never sees a session (a consent reason's id and name are
 * passed in), never includes curses or SQLite, no I/O, no global state. Text is UTF-8
 * and numbers use '.' whatever LC_NUMERIC says. The plain functions write into the
 * caller's buffer, always NUL-terminated (size > 0), cut short at a whole UTF-8
 * character. A result_text owns its segments and their text until result_text_free();
 * the vote and the result are borrowed and never changed. */
#ifndef KLANKBORD_RESULT_TEXT_H
#define KLANKBORD_RESULT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "config/agenda.h"
#include "sessions/tally.h"

/* What a segment is; sinks choose how each looks. */
enum result_role {
	RESULT_NORMAL,
	RESULT_WINNER,    /* the winning option, the median, "passed" */
	RESULT_TIE,       /* "Tie between ..." */
	RESULT_MUTED,     /* "No winner", an empty result, "(points and runoff agree)" */
	RESULT_OBJECTION, /* "blocked", " with objections", a disagree or block position */
	RESULT_SPEAKER,   /* who gave a consent reason */
};

/* The headings of the runoff table and the name of its exhausted-ballots row. */
#define RESULT_TEXT_POINTS "points"
#define RESULT_TEXT_ROUND "round"
#define RESULT_TEXT_EXHAUSTED "exhausted"

struct result_segment {
	char *text;             /* UTF-8, owned by the result_text */
	enum result_role role;
};

/* Segments in reading order. Zero-initialise; result_text_free() empties it again. */
struct result_text {
	struct result_segment *segments;
	int n, cap;
	bool failed;            /* memory ran out: some segments are missing */
};

/* Appends the outcome line of a counted vote: who won or what was decided; for a result
 * with nothing cast, the words result_text_empty() gives (muted). result NULL means a
 * show of hands whose counts were never given. False when memory ran out (out->failed). */
bool result_text_outcome(struct result_text *out, const struct agenda_vote *vote, const struct tally_result *result);

/* Appends one consent reason: "E03 Amal (block): reason". id is who gave it (NULL: "?"),
 * name is added after it when not NULL; the caller looks both up (tally reports a
 * participant index). False when memory ran out. */
bool result_text_reason(struct result_text *out, const struct tally_reason *reason, const char *id,
	const char *name);

/* The same reason without who gave it, for a report whose speaker did not consent to be
 * quoted: "A participant (block): reason" (RESULT_TEXT_SOMEONE). False when memory ran out. */
#define RESULT_TEXT_SOMEONE "A participant"
bool result_text_reason_unattributed(struct result_text *out, const struct tally_reason *reason);

/* Appends " (not to be quoted)" (muted): after a reason given with its speaker's id in a
 * format for analysis, when the speaker does not consent to be quoted. False when memory
 * ran out. */
#define RESULT_TEXT_NOT_QUOTED "(not to be quoted)"
bool result_text_not_quoted(struct result_text *out);

/* The segments' text run together (the line without its roles), malloc'd for the
 * caller to free; NULL when memory ran out. */
char *result_text_join(const struct result_text *text);

/* Frees the segments and zeroes *text; NULL and an empty text are safe. */
void result_text_free(struct result_text *text);

/* What shows instead of a result, or NULL when there is one to show: "no counts were
 * given" (result NULL for a show of hands), "no hands" or "no ballots" (nothing cast).
 * A static string. */
const char *result_text_empty(const struct agenda_vote *vote, const struct tally_result *result);

/* The label of result row `row`: an option "2 Information in my own language" (row is the
 * option index), a scale value "3 partly" or "3" (row 0 is vote->min), a consent position
 * "block" (row is the position). Returns the length the whole label needs, as snprintf. */
int result_text_label(const struct agenda_vote *vote, int row, char *buf, size_t size);

/* Under the bars of a single, multi or dots vote: "4 voters · 11 dots", "7 votes",
 * "1 vote", "5 hands", "9 choices by hands · voters unknown"; empty for other types
 * (their outcome or runoff note says how much was cast). */
void result_text_summary(const struct agenda_vote *vote, const struct tally_result *result, char *buf,
	size_t size);

/* A runoff cell: the ballots on option in round ("7"), with those that moved in from the
 * option dropped the round before when transfers is set ("7 +2"); "-" once it is out. */
void result_text_runoff_cell(const struct tally_result *result, int round, int option, bool transfers,
	char *buf, size_t size);

/* Whether the runoff table has round columns: only when the count went past its first
 * round. A first round that decides (more than half chose one option first, or every
 * option is tied) is no runoff, and a column of its first choices would stand alone
 * under "round"; every sink leaves the columns out then, and the note says why. */
bool result_text_has_rounds(const struct tally_result *result);

/* Under the runoff table: "9 ballots · - dropped out", and with transfers
 * " · +n moved in from the option that dropped out"; without rounds (above) "9 ballots
 * · no runoff needed: more than half chose the winner first" or "... no runoff round:
 * the first choices are tied". */
void result_text_runoff_note(const struct tally_result *result, bool transfers, char *buf, size_t size);

/* "rounds 2-4 left out: why", rounds numbered from 1; why is the sink's reason. */
void result_text_rounds_left_out(int first, int last, const char *why, char *buf, size_t size);

/* A median or mean: one decimal, none for a whole number ("2.5", "3", "-1.5"). */
void result_text_number(double value, char *buf, size_t size);

/* A share from 0 to 1 as a whole percentage: "42%". */
void result_text_share(double share, char *buf, size_t size);

#endif
