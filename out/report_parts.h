/* report_parts: what the report writers (export_md.c, export_html.c) and the CSV
 * (export_csv.c) share, said once over the export document: the session's date, how a
 * duration reads, the headings of the kinds, an item's contributions grouped by kind and
 * code, the contributions per code, what a report shows of a vote (its result, or why
 * not) and which numbers its bars are, who a consent reason is said to come from (also
 * for vote_plain.h), and how text from outside is read character by character, line
 * breaks and unsafe characters (config/textsafe.h) told apart.
 *
 * Reads the document only: the privacy options were applied when it was built, and
 * nothing here looks past it. Never says a vote's result (result_text.h does), never
 * writes or prints, never includes curses or SQLite. Arrays it returns are the caller's,
 * freed with the matching _free (NULL-safe); the contributions and strings they point to
 * stay the document's. */
#ifndef KLANKBORD_REPORT_PARTS_H
#define KLANKBORD_REPORT_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "out/export_doc.h"
#include "out/result_text.h"

/* The session's date, YYYY-MM-DD: the agenda's, or else the day the session started
 * (local time); an agenda's date beside the day the session was recorded (started)
 * when they differ ("2024-03-14 (recorded 2026-12-01)"). */
void report_date(const struct export_doc *doc, char *buf, size_t size);

/* A duration in words, to the nearest minute from one: "8 s", "7 min", "1 h 5 min". */
void report_duration(int64_t seconds, char *buf, size_t size);

/* A kind as a report's heading: "Experiences", "Obstacles", ... "Notes". */
const char *report_kind_heading(enum contribution_kind kind);

/* One group of an item's contributions: one kind, one code. */
struct report_group {
	enum contribution_kind kind;
	const char *code;            /* the first code of each contribution in it; NULL: none */
	const char *label;           /* the codebook's label of code; NULL when it has none */
	int first, n;                /* its run of report_groups.list */
};

/* An item's contributions, retracted ones left out, in report order: by kind (the kinds'
 * order), then by their first code (the codebook's order, then codes it does not hold
 * in byte order, then those without a code), then in the order of the log. A
 * contribution with several codes is listed once, under its first. */
struct report_groups {
	const struct export_contribution **list;
	int n_list;
	struct report_group *groups;
	int n_groups;
};

/* Fills *out for item; false when memory ran out (*out is then empty). */
bool report_groups_build(const struct export_doc *doc, int item, struct report_groups *out);
void report_groups_free(struct report_groups *groups);

/* How many contributions (not retracted) carry a code, in the whole session; one with
 * several codes counts for each of them once. */
struct report_code_count {
	const char *code, *label;    /* label NULL when the codebook has none */
	int count;
};

/* Every code of the codebook in its order (0 when unused), then the codes used that it
 * does not hold, in byte order. *out is the caller's to free(); false when memory ran out. */
bool report_code_counts(const struct export_doc *doc, struct report_code_count **out, int *n);

/* What a report shows of a vote. */
enum report_vote_shows {
	REPORT_VOTE_RESULT,          /* the counted result (result_text_outcome and the bars) */
	REPORT_VOTE_NO_COUNTS,       /* a show of hands whose counts were never given:
	                                result_text_outcome() with a NULL result */
	REPORT_VOTE_NOT_OPENED,      /* nothing to show */
	REPORT_VOTE_HIDDEN,          /* still open, and its results are hidden until it closes */
	REPORT_VOTE_UNREADABLE,      /* its stored ballots could not be counted */
};

enum report_vote_shows report_vote_shows(const struct export_vote *vote);

/* The vote's state in a few words: "closed", "open", "not opened"; and for the cases
 * without a result, the sentence that stands in for it ("Its results stay hidden until it
 * closes."), or NULL for REPORT_VOTE_RESULT and REPORT_VOTE_NO_COUNTS. Static strings. */
const char *report_vote_status(const struct export_vote *vote);
const char *report_vote_missing(enum report_vote_shows shows);

/* The bars the console's result panel draws for a counted vote with something cast:
 * counts and shares per option (single, multi, dots), points per option (rank), answers
 * per value (scale), hands per position (consent). Rows are labelled with
 * result_text_label(vote->def, row, ...). */
struct report_bars {
	const long *values;          /* n entries, borrowed from the result */
	const double *shares;        /* n entries, or NULL where the console shows none */
	int n;
	int highlight;               /* the row the console marks as the winner, or -1 */
	long top;                    /* the largest value (0 when all are 0) */
};

void report_vote_bars(const struct export_vote *vote, struct report_bars *out);

/* Who a consent vote's reason is said to come from: the one rule of every writer
 * (docs/privacy.md, "Consent reasons and ballots"), after the privacy rule that quotes
 * leave the room only with the speaker's consent:
 *   REPORT_FOR_READERS  (md, html, show: reports people read) the speaker's id, and name
 *                       when the document holds names, only when the speaker consents to
 *                       be quoted; otherwise "A participant" (RESULT_TEXT_SOMEONE);
 *   REPORT_FOR_ANALYSIS (the REFI-QDA notes: data an analyst codes, where every
 *                       contribution carries its speaker's pseudonymous id) the id always,
 *                       the name as above, and RESULT_TEXT_NOT_QUOTED after the reason when
 *                       the speaker does not consent, as each such contribution is marked.
 * Appends the words to out; false when memory ran out. */
enum report_audience { REPORT_FOR_READERS, REPORT_FOR_ANALYSIS };
bool report_reason_words(const struct export_doc *doc, const struct tally_reason *reason,
	enum report_audience audience, struct result_text *out);

/* What one character of text from outside is, for a writer that must keep it in its
 * place. Line breaks are LF, CR LF and a lone CR; REPORT_CHAR_CONTROL is every other
 * character the one text rule (config/textsafe.h) calls unsafe: C0 and C1 controls, DEL,
 * bidirectional overrides and isolates, invisible format characters, and bytes that are
 * not UTF-8 (one at a time). Writers put U+FFFD in their place, in a file as on a
 * terminal. */
enum report_char_class { REPORT_CHAR_TEXT, REPORT_CHAR_TAB, REPORT_CHAR_BREAK, REPORT_CHAR_CONTROL };

struct report_char {
	enum report_char_class class;
	const char *bytes;           /* into the text */
	size_t len;                  /* 1-4; 2 for a CR LF break */
	unsigned code_point;         /* 0xFFFD for a byte that is not UTF-8 */
};

/* Reads the character at text[*at] (*at < len) and moves *at past it. */
void report_char_next(const char *text, size_t len, size_t *at, struct report_char *out);

/* U+FFFD (TEXTSAFE_REPLACEMENT), what the writers put in place of an unsafe character. */
#define REPORT_REPLACEMENT "\xef\xbf\xbd"

#endif
