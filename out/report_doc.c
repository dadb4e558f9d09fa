/* report_doc: see report_doc.h. */
#include "out/report_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config/codebook.h"
#include "out/export_doc.h"
#include "out/result_text.h"
#include "sessions/errmsg.h"
#include "sessions/session.h"

#define REPORT_DOC_KIND(name, word) #word,
static const char *const kind_words[] = { CONTRIBUTION_KINDS(REPORT_DOC_KIND) };
#undef REPORT_DOC_KIND

static const char OTHER_GROUP[] = "Other codes";

const char *report_kind_word(int kind)
{
	return kind >= 0 && kind < KIND_COUNT ? kind_words[kind] : "?";
}

void report_doc_free(struct report_doc *doc)
{
	if (!doc)
		return;
	for (int i = 0; i < doc->n_rows; i++) {
		free(doc->rows[i].per_session);
		if (!doc->rows[i].in_codebook)
			free((char *)doc->rows[i].code);
	}
	free(doc->rows);
	free(doc->all.per_session);
	for (int i = 0; i < doc->n_votes; i++) {
		free(doc->votes[i].item);
		free(doc->votes[i].vote_id);
		free(doc->votes[i].question);
		free(doc->votes[i].outcome);
	}
	free(doc->votes);
	store_report_contributions_free(doc->contributions, doc->n_contributions);
	store_report_sessions_free(doc->sessions, doc->n_sessions);
	store_recs_free(doc->register_entries, doc->n_register);
	free(doc->entries);
	free(doc);
}

static int cell_by_code(const void *a, const void *b)
{
	return strcmp(((const struct store_report_cell *)a)->code, ((const struct store_report_cell *)b)->code);
}

/* The row of code, added (as an other code) when missing; NULL when out of memory. */
static struct report_row *row_for(struct report_doc *doc, const char *code, int *cap)
{
	for (int i = doc->n_rows - 1; i >= 0; i--)
		if (strcmp(doc->rows[i].code, code) == 0)
			return &doc->rows[i];
	if (doc->n_rows == *cap) {
		int more = *cap ? 2 * *cap : 32;
		struct report_row *rows = realloc(doc->rows, (size_t)more * sizeof *rows);
		if (!rows)
			return NULL;
		doc->rows = rows;
		*cap = more;
	}
	struct report_row *row = &doc->rows[doc->n_rows];
	*row = (struct report_row){ .group = OTHER_GROUP };
	row->per_session = calloc((size_t)(doc->n_sessions ? doc->n_sessions : 1), sizeof *row->per_session);
	char *copy = strdup(code);
	if (!row->per_session || !copy) {
		free(row->per_session);
		free(copy);
		return NULL;
	}
	row->code = row->label = copy;
	doc->n_rows++;
	return row;
}

/* The matrix: the default codebook's rows first, then the cells' other codes by name. */
static int build_matrix(struct store *store, struct report_doc *doc, char *err, size_t errlen)
{
	struct codebook book;
	int cap = 0;
	doc->all = (struct report_row){ .code = "", .label = "All contributions, coded or not", .group = "" };
	if (!(doc->all.per_session = calloc((size_t)(doc->n_sessions ? doc->n_sessions : 1), sizeof *doc->all.per_session)))
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	if (codebook_builtin(CODEBOOK_DEFAULT, &book)) {
		for (int i = 0; i < book.n_entries; i++) {
			struct report_row *row = row_for(doc, book.entries[i].code, &cap);
			if (!row)
				return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
			free((char *)row->code);
			*row = (struct report_row){ .code = book.entries[i].code, .label = book.entries[i].label,
				.group = book.entries[i].group, .in_codebook = true, .per_session = row->per_session };
		}
	}
	struct store_report_cell *cells = NULL;
	int n = 0;
	int rc = store_report_cells(store, doc->sessions, doc->n_sessions, &cells, &n, err, errlen);
	if (rc)
		return rc;
	if (n > 1)
		qsort(cells, (size_t)n, sizeof *cells, cell_by_code);
	for (int i = 0; i < n && !rc; i++) {
		const struct store_report_cell *cell = &cells[i];
		int64_t sum = 0;
		for (int k = 0; k < KIND_COUNT; k++)
			sum += cell->kinds[k];
		struct report_row *row = cell->code[0] ? row_for(doc, cell->code, &cap) : &doc->all;
		if (!row) {
			rc = (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
			break;
		}
		row->per_session[cell->session] += sum;
		row->total += sum;
		row->sessions += sum > 0;
		for (int k = 0; k < KIND_COUNT; k++) {
			row->kinds[k] += cell->kinds[k];
			row->kind_sessions[k] += cell->kinds[k] > 0;
		}
	}
	free(cells);
	return rc;
}

/* The result words of a vote of the export document. */
static char *vote_outcome(const struct export_vote *v)
{
	if (v->status == EXPORT_VOTE_NOT_OPENED)
		return strdup("not opened");
	if (!v->counted && !v->def->anonymous)
		return strdup("the stored ballots could not be counted");
	struct result_text words = { 0 };
	result_text_outcome(&words, v->def, v->counted ? &v->result : NULL);
	char *text = words.failed ? NULL : result_text_join(&words);
	result_text_free(&words);
	return text;
}

/* The votes of one session on items that have a recommendation, counted by its model. */
static int session_votes(struct store *store, struct report_doc *doc, int s, int c0, int c1, int *cap, char *err,
	size_t errlen)
{
	struct session *session = NULL;
	int rc = session_load(store, doc->sessions[s].id, false, "report", session_clock_system(), &session, err, errlen);
	struct export_doc *exported = NULL;
	if (!rc)
		rc = export_doc_build(session, NULL, &exported, err, errlen);
	for (int v = 0; !rc && v < exported->n_votes; v++) {
		const struct export_vote *vote = &exported->votes[v];
		const char *item = exported->items[vote->item].id;
		bool wanted = false;
		for (int c = c0; c < c1 && !wanted; c++)
			wanted = doc->contributions[c].item_voted && strcmp(doc->contributions[c].kind, "recommendation") == 0
				&& strcmp(doc->contributions[c].item, item) == 0;
		if (!wanted || vote->status == EXPORT_VOTE_NOT_OPENED)
			continue;
		if (doc->n_votes == *cap) {
			int more = *cap ? 2 * *cap : 16;
			struct report_vote *votes = realloc(doc->votes, (size_t)more * sizeof *votes);
			if (!votes) {
				rc = (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
				break;
			}
			doc->votes = votes;
			*cap = more;
		}
		struct report_vote *rv = &doc->votes[doc->n_votes++];
		*rv = (struct report_vote){ .session = s, .item = strdup(item), .vote_id = strdup(vote->def->id),
			.question = strdup(vote->def->question ? vote->def->question : ""), .outcome = vote_outcome(vote),
			.closed = vote->status == EXPORT_VOTE_CLOSED };
		if (!rv->item || !rv->vote_id || !rv->question || !rv->outcome)
			rc = (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
	}
	export_doc_free(exported);
	session_free(session);
	return rc;
}

struct contribution_progress {
	report_progress_fn *fn;
	void *ctx;
};

static void contribution_progress(void *ctx, int done, int total)
{
	struct contribution_progress *p = ctx;
	p->fn(p->ctx, "contributions", done, total);
}

/* Each recommendation's register entry: the report has read its recommendations (and
 * their ids) already, so it reads only the register's changes (none is open). */
static int build_entries(struct store *store, struct report_doc *doc, char *err, size_t errlen)
{
	int n = 0;
	for (int c = 0; c < doc->n_contributions; c++)
		n += strcmp(doc->contributions[c].kind, "recommendation") == 0;
	if (n == 0)
		return 0;
	doc->register_entries = calloc((size_t)n, sizeof *doc->register_entries);
	doc->entries = calloc((size_t)doc->n_contributions, sizeof *doc->entries);
	if (!doc->register_entries || !doc->entries)
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	for (int c = 0; c < doc->n_contributions; c++) {
		const struct store_report_contribution *con = &doc->contributions[c];
		if (strcmp(con->kind, "recommendation") != 0)
			continue;
		struct store_rec *e = &doc->register_entries[doc->n_register++];
		*e = (struct store_rec){ .seq = con->seq, .recommend = con->recommend, .status = REC_OPEN };
		snprintf(e->id, sizeof e->id, "%s", con->id);
		snprintf(e->session, sizeof e->session, "%s", doc->sessions[con->session].id);
		doc->entries[c] = e;
	}
	return store_recs_history(store, doc->register_entries, doc->n_register, err, errlen);
}

int report_doc_build(struct store *store, const struct store_report_scope *scope, report_progress_fn *progress,
	void *ctx, struct report_doc **out, char *err, size_t errlen)
{
	*out = NULL;
	struct report_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	int rc = store_report_sessions(store, scope, &doc->sessions, &doc->n_sessions, err, errlen);
	if (!rc && progress)
		progress(ctx, "counts", 0, doc->n_sessions);
	if (!rc)
		rc = build_matrix(store, doc, err, errlen);
	struct contribution_progress cp = { progress, ctx };
	if (!rc)
		rc = store_report_contributions(store, doc->sessions, doc->n_sessions, progress ? contribution_progress : NULL,
			&cp, &doc->contributions, &doc->n_contributions, err, errlen);
	int cap = 0;
	for (int c0 = 0, c1; !rc && c0 < doc->n_contributions; c0 = c1) {
		bool voted = false;
		for (c1 = c0; c1 < doc->n_contributions && doc->contributions[c1].session == doc->contributions[c0].session; c1++)
			voted |= doc->contributions[c1].item_voted && strcmp(doc->contributions[c1].kind, "recommendation") == 0;
		if (voted)
			rc = session_votes(store, doc, doc->contributions[c0].session, c0, c1, &cap, err, errlen);
	}
	if (!rc)
		rc = build_entries(store, doc, err, errlen);
	if (rc) {
		report_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int report_doc_next_vote(const struct report_doc *doc, int session, const char *item, int from)
{
	for (int v = from < 0 ? 0 : from; v < doc->n_votes; v++)
		if (doc->votes[v].session == session && strcmp(doc->votes[v].item, item) == 0)
			return v;
	return -1;
}

bool report_codes_have(const char *codes, const char *code)
{
	size_t len = strlen(code);
	for (const char *p = codes; p && *p;) {
		size_t n = strcspn(p, " ");
		if (n == len && strncmp(p, code, len) == 0)
			return true;
		p += n + (p[n] == ' ');
	}
	return false;
}
