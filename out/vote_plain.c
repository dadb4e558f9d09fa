/* vote_plain: see vote_plain.h. */
#include "out/vote_plain.h"

#include <stdio.h>
#include <stdlib.h>

#include "out/report_parts.h"
#include "out/result_text.h"

static const char *vote_status_words(enum export_vote_status status)
{
	return status == EXPORT_VOTE_OPEN ? "still open" : status == EXPORT_VOTE_CLOSED ? "closed" : "not opened";
}

/* Writes a result_text's words as one line; false when memory ran out. */
static bool add_words(FILE *f, struct result_text *words)
{
	char *line = result_text_join(words);
	bool ok = line && !words->failed;
	if (ok)
		fprintf(f, "%s\n", line);
	free(line);
	result_text_free(words);
	return ok;
}

static void rank_rows(FILE *f, const struct agenda_vote *def, const struct tally_result *r)
{
	char label[256], cell[64];
	for (int i = 0; i < r->n_options; i++) {
		result_text_label(def, i, label, sizeof label);
		fprintf(f, "%s: %ld %s", label, r->borda[i], RESULT_TEXT_POINTS);
		for (int round = 0; result_text_has_rounds(r) && round < r->n_rounds; round++) {
			result_text_runoff_cell(r, round, i, false, cell, sizeof cell);
			fprintf(f, " \xc2\xb7 %s %d: %s", RESULT_TEXT_ROUND, round + 1, cell);
		}
		fprintf(f, "\n");
	}
	result_text_runoff_note(r, false, label, sizeof label);
	fprintf(f, "%s\n", label);
}

static void count_rows(FILE *f, const struct agenda_vote *def, const long *values, const double *shares,
	int n)
{
	char label[256], share[16];
	for (int i = 0; i < n; i++) {
		result_text_label(def, i, label, sizeof label);
		fprintf(f, "%s: %ld", label, values[i]);
		if (shares) {
			result_text_share(shares[i], share, sizeof share);
			fprintf(f, " (%s)", share);
		}
		fprintf(f, "\n");
	}
}

/* The rows under the outcome, as the console's result panel has them; false when memory
 * ran out for the wording. */
static bool result_rows(FILE *f, const struct export_doc *d, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	const struct tally_result *r = &v->result;
	char line[256];
	switch (def->type) {
	case VOTE_RANK:
		rank_rows(f, def, r);
		break;
	case VOTE_SCALE:
		count_rows(f, def, r->distribution, NULL, r->max - r->min + 1);
		break;
	case VOTE_CONSENT:
		count_rows(f, def, r->positions, NULL, CONSENT_COUNT);
		for (int i = 0; i < r->n_reasons; i++) {
			struct result_text words = { 0 };
			report_reason_words(d, &r->reasons[i], REPORT_FOR_ANALYSIS, &words);
			if (!add_words(f, &words))
				return false;
		}
		break;
	default:
		count_rows(f, def, r->counts, r->shares, r->n_options);
		result_text_summary(def, r, line, sizeof line);
		if (*line)
			fprintf(f, "%s\n", line);
		break;
	}
	return true;
}

/* Writes the whole text; false when memory ran out for the wording. */
static bool vote_text(FILE *f, const struct export_doc *d, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	fprintf(f, "Vote %s: %s\n", def->id, def->question);
	fprintf(f, "Item: %s\nType: %s, %s, %s%s\n\n", d->items[v->item].title, vote_type_name(def->type),
		def->anonymous ? "a show of hands" : "named ballots", vote_status_words(v->status),
		v->adhoc ? ", a poll added during the session" : "");
	if (v->status == EXPORT_VOTE_NOT_OPENED) {
		fprintf(f, "Not opened: no result.\n");
		return true;
	}
	struct result_text words = { 0 };
	if (!v->counted && !def->anonymous) {
		fprintf(f, "The stored ballots could not be counted.\n");
		return true;
	}
	result_text_outcome(&words, def, v->counted ? &v->result : NULL);
	if (!add_words(f, &words))
		return false;
	if (v->counted && !result_text_empty(def, &v->result))
		return result_rows(f, d, v);
	return true;
}

char *vote_plain_text(const struct export_doc *doc, const struct export_vote *vote)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	bool ok = vote_text(f, doc, vote);
	ok = !ferror(f) && ok;
	if (fclose(f) != 0 || !ok) {
		free(text);
		return NULL;
	}
	return text;
}
