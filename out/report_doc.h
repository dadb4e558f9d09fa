/* report_doc: what a report across sessions shows, built once; every report writer
 * (report_text.c for text and Markdown, report_json.c, report_csv.c) reads only this.
 *
 * What it holds: the sessions of the scope in date order; the matrix, one row per code
 * (the default codebook's fourteen domains in its order and groups, then any other code
 * found, by name, in the group "Other codes"), each with its count per session (not
 * retracted), its total, its counts per kind and the number of sessions it came up in;
 * the counts over every contribution, coded or not; the contributions the store gives a
 * report (every recommendation, and the obstacles, successes and quotes of speakers who
 * consent to be quoted: storage/store_report.c reads consent); and the result of every
 * vote opened on an item that has a recommendation, counted by the session model
 * (export_doc.h over session_tally.h) and worded by result_text.h; and each
 * recommendation's entry in the register (its status and history, storage/store.h).
 *
 * No participant name or community: the store gives ids only, and only with consent.
 * Owns everything; report_doc_free(NULL) is safe. Never prints (progress goes to the
 * caller's callback), never includes SQLite or curses. */
#ifndef KLANKBORD_REPORT_DOC_H
#define KLANKBORD_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/kinds.h"
#include "storage/store.h"

struct report_row {
	const char *code, *label, *group; /* static (the codebook) or owned by the document */
	bool in_codebook;
	int64_t total;
	int64_t *per_session;        /* n_sessions counts */
	int64_t kinds[KIND_COUNT];
	int sessions;                /* sessions it came up in */
	int kind_sessions[KIND_COUNT]; /* sessions with at least one of that kind */
};

struct report_vote {
	int session;                 /* index into sessions */
	char *item, *vote_id, *question;
	char *outcome;               /* "Winner: 2 Taalcafé", "Outcome: passed", "no ballots", "not counted" */
	bool closed;
};

struct report_doc {
	struct store_report_session *sessions;
	int n_sessions;
	struct report_row *rows;
	int n_rows;
	struct report_row all;       /* every contribution, coded or not (code "") */
	struct store_report_contribution *contributions; /* in session order, then seq */
	int n_contributions;
	struct report_vote *votes;   /* in session order */
	int n_votes;
	struct store_rec *register_entries; /* the register entries of its recommendations (id, status, history) */
	int n_register;
	const struct store_rec **entries; /* per contribution: a recommendation's register entry, else NULL */
};

/* Progress of a long build: phase names what is read, done of total. */
typedef void report_progress_fn(void *ctx, const char *phase, int done, int total);

/* Builds the report of the scope. progress may be NULL. Returns 0, or the store's code
 * with a message (EX_NOINPUT when a session prefix names nothing). */
int report_doc_build(struct store *store, const struct store_report_scope *scope, report_progress_fn *progress,
	void *ctx, struct report_doc **out, char *err, size_t errlen);
void report_doc_free(struct report_doc *doc);

/* True when a contribution's space-separated codes ("housing work") hold code. */
bool report_codes_have(const char *codes, const char *code);
/* The kind words, in the order of CONTRIBUTION_KINDS. */
const char *report_kind_word(int kind);
/* The first vote at index from or after held on item of session, or -1. */
int report_doc_next_vote(const struct report_doc *doc, int session, const char *item, int from);

#endif
