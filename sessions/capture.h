/* capture: parses one line typed by a note-taker (or read from --batch) into what it means.
 *
 * Pure: no I/O, no SQLite, no curses, no knowledge of the session's state. Whether a
 * participant id exists, whether a #code is in the codebook, whether a vote is open is
 * for sessions/session.c to decide. Owns the strings in struct capture_line until
 * capture_line_free(). The line grammar is documented in docs/capture.md.
 *
 *   E03: !obstacle waited 9 months for #language lessons   contribution by E03
 *   the room agrees to take a break                        note by the note-taker
 *   E03: 2 4          a ballot (session.c decides: only while a vote is open)
 *   = 5 3 2           counts per option for an anonymous vote
 *   /next  /prev  /item ID  /vote ID  /close  /undo  /end  /quit ...   commands
 * While a vote is open, session.c asks capture_is_ballot() which of the two a line is. */
#ifndef KLANKBORD_CAPTURE_H
#define KLANKBORD_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "config/agenda.h"
#include "config/kinds.h"   /* enum contribution_kind, KIND_COUNT: generated from CONTRIBUTION_KINDS */
#include "sessions/ballot.h" /* what a valid ballot is; enum consent_position */

enum { CAPTURE_LINE_MAX = 64 * 1024, CAPTURE_ARGS_MAX = 24 };

enum capture_type {
	CAPTURE_BLANK,     /* empty or only white space: nothing to do */
	CAPTURE_TEXT,      /* [ID:] text: a contribution, or a ballot while a vote is open */
	CAPTURE_COUNTS,    /* "= n1 n2 ...": counts for an anonymous vote */
	CAPTURE_COMMAND,   /* "/name args" */
};

enum capture_command {
	CMD_NEXT, CMD_PREV, CMD_ITEM, CMD_PARTICIPANT, CMD_VOTE, CMD_CLOSE, CMD_UNDO,
	CMD_END, CMD_QUIT, CMD_POLL, CMD_EXTEND, CMD_EDIT, CMD_RETRACT, CMD_MOVE_ENTRY, CMD_RECOMMEND,
	CMD_BALLOT, CMD_WITHDRAW, CMD_REOPEN, CMD_CONSENT, CMD_HANDOVER, CMD_LEAD,
};
enum { CMD_COUNT = CMD_LEAD + 1 };

struct capture_tag {
	char *code;        /* without the '#' */
	int column;        /* 1-based character column of the '#' in the line, for messages */
};

struct capture_line {
	enum capture_type type;
	/* CAPTURE_TEXT */
	char speaker[17];        /* participant id before ':', "" for a note-taker's note */
	char *body;              /* everything after "ID:" (or the whole line), trimmed, as typed */
	char *text;              /* body with !kind and #code markers resolved (see docs/capture.md) */
	enum contribution_kind kind; /* KIND_NOTE unless a !kind marker was given */
	bool kind_given;
	struct capture_tag *tags;
	int n_tags;
	/* CAPTURE_COUNTS */
	long *counts;
	int n_counts;
	/* CAPTURE_COMMAND */
	enum capture_command command;
	char *args[CAPTURE_ARGS_MAX]; /* the command's arguments; see capture_parse() */
	int n_args;
};

/* Parses len bytes of line (no newline; need not be NUL-terminated). Returns true and
 * fills *out, or returns false with a message a note-taker can act on in err (for
 * example "unknown kind !obstcle (kinds: experience, obstacle, ...)", "unknown command
 * /nxt (did you mean /next?)", "line too long: 70000 bytes, at most 65536").
 * Command arguments: /item ID, /vote ID, /extend [+|-]MINUTES, /retract SEQ,
 * /participant ID [NAME...] (args[1] is the whole rest of the line), /handover NAME (a
 * console's name), /lead,
 * /edit N TEXT (args[1] is the rest), /recommend TEXT (args[0] is the rest),
 * /ballot ID BALLOT (args[1] is the rest), /withdraw ID, /reopen ID,
 * /poll TYPE "QUESTION" OPTION | OPTION | ... (args[0] type, args[1] question,
 * args[2..] options, trimmed), /consent ID quotes yes|no (args[0] ID, args[1] "yes" or
 * "no"; also accepted after the session ended). Unique prefixes of commands and kinds are accepted.
 * On failure *out needs no capture_line_free(). */
bool capture_parse(const char *line, size_t len, struct capture_line *out, char *err, size_t errlen);
void capture_line_free(struct capture_line *line);

/* Parses and checks a ballot body ("2 4", "1 1 3", "block it is unfair") for a vote.
 * Numbers are option numbers from 1 (scale: the value itself). choices gets:
 *   single: [option]; multi: the options, in the order given; dots: one entry per dot
 *   ("1 1 3" -> [1,1,3]); rank: options in order of preference (some or all);
 *   scale: [value]; consent: [0 agree | 1 abstain | 2 disagree | 3 block].
 * Consent accepts unique prefixes of the four words and puts the rest of the text in
 * *reason (malloc'd, NULL when none); a reason is required for disagree and block.
 * Refuses, with a message that says what is allowed, what is not a number (or not a
 * consent position) and every ballot that ballot_check() refuses: option numbers outside
 * 1..n, scale values outside min..max, more than one option for single, more than
 * max_choices for multi, repeated options in multi and rank, more dots than the vote
 * gives or more than max_per_option on one option, an empty ballot.
 * On success *choices is malloc'd (the caller frees it); on failure nothing is allocated. */
bool capture_parse_ballot(const char *body, const struct agenda_vote *vote,
	int **choices, int *n_choices, char **reason, char *err, size_t errlen);

/* Whether a contribution's body, typed while vote is open, is a ballot (docs/capture.md):
 * for consent, its first word is one of the four positions or a unique start of one
 * (then the rest is the reason), or a start of two alone ("a": refused as a ballot by
 * capture_parse_ballot()); for the other types, the whole body is numbers
 * separated by white space or commas (a scale's may carry a sign), a decimal point between
 * digits and a full stop after the last one allowed (capture_parse_ballot() takes the full
 * stop off and refuses a decimal as no whole number). */
bool capture_is_ballot(const char *body, const struct agenda_vote *vote);

/* The leading console's commands (docs/console.md): moving through the agenda, changing
 * an item's time, opening, closing and reopening votes and polls, ending the session,
 * passing the lead. Any other console is refused them (sessions/session_lead.h). */
bool capture_command_leads(enum capture_command command);

/* Commands that cannot be undone (/end): only their full name is accepted, never a
 * prefix, and the console asks before it sends one. */
bool capture_command_final(enum capture_command command);

/* The capture forms that are not commands, for help: each a form and what it does,
 * e.g. {"E03: TEXT", "a contribution by E03"}; count in *n. */
struct capture_form { const char *form, *meaning; };
const struct capture_form *capture_forms(int *n);

/* Consent positions, as capture_parse_ballot() puts them in choices[0]: enum
 * consent_position in sessions/ballot.h. */
const char *capture_consent_name(enum consent_position position); /* "agree", ... */

const char *contribution_kind_name(enum contribution_kind kind); /* "obstacle", ... */
/* The kind's Dutch word ("obstakel"), typed as the English one and recorded as that. */
const char *contribution_kind_name_nl(enum contribution_kind kind);
/* Exact name or unique prefix; false when unknown or ambiguous. */
bool contribution_kind_parse(const char *text, enum contribution_kind *out);
/* For a line capture_parse() reads as a note because its colon has no white space after
 * it ("E03:waited"): the id before the colon, copied into id, and the colon's offset in
 * line; 0 when the line is not of that form. Whether the id names a participant, and so
 * whether it is E03's line after all, only the session knows (session.c). */
size_t capture_glued_speaker(const char *line, size_t len, char id[AGENDA_ID_MAX + 1]);
/* The speaker a text starts with, as a contribution's line does ("E08: ..." or "E08:"
 * alone), copied into id: the length of the id, its colon and the white space after it;
 * 0 when the text does not start with one (/edit N E08: ... names who spoke). */
size_t capture_speaker(const char *text, size_t len, char id[AGENDA_ID_MAX + 1]);
const char *capture_command_name(enum capture_command command);  /* "next", ... */
/* One line of usage per command, e.g. "/item ID  go to agenda item ID", for help and completion. */
const char *capture_command_usage(enum capture_command command);

#endif
