/* report_text: see report_text.h. */
#include "out/report_text.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "out/rec_text.h"

enum { KIND_COLUMN = KIND_WORD_MAX + 2 };

struct sink {
	FILE *out;
	bool md;
};

/* Text from the database in Markdown: characters that would start markup are escaped and
 * line breaks become spaces. Plain text passes as it is (the safe stream guards a terminal). */
static void put_text(const struct sink *s, const char *text)
{
	if (!text)
		text = "";
	if (!s->md) {
		fputs(text, s->out);
		return;
	}
	for (const char *p = text; *p; p++) {
		if (*p == '\n' || *p == '\r')
			fputc(' ', s->out);
		else {
			if (strchr("\\`*_[]<>|", *p))
				fputc('\\', s->out);
			fputc(*p, s->out);
		}
	}
}

static void heading(const struct sink *s, int level, const char *text)
{
	if (s->md)
		fprintf(s->out, "\n%.*s %s\n\n", level, "###", text);
	else
		fprintf(s->out, "\n%s\n", text);
}

static bool with_columns(const struct report_doc *doc)
{
	return doc->n_sessions <= REPORT_TEXT_MAX_COLUMNS;
}

static void write_sessions(const struct sink *s, const struct report_doc *doc)
{
	heading(s, 2, "Sessions");
	if (s->md && doc->n_sessions)
		fputs("| | session | date | organisation | title | contributions |\n| --- | --- | --- | --- | --- | ---: |\n",
			s->out);
	for (int i = 0; i < doc->n_sessions; i++) {
		const struct store_report_session *r = &doc->sessions[i];
		fprintf(s->out, s->md ? "| S%d | %.8s | %s%s | " : "  S%-3d %.8s  %s%s  ", i + 1, r->id, r->day,
			r->dated ? "" : " (started)");
		put_text(s, r->organisation ? r->organisation : "-");
		fputs(s->md ? " | " : "  ", s->out);
		put_text(s, r->title);
		fprintf(s->out, s->md ? " | %" PRId64 " |\n" : "  %" PRId64 " contributions\n", r->contributions);
	}
	if (!doc->n_sessions)
		fputs("No session matches.\n", s->out);
}

static void matrix_head(const struct sink *s, const struct report_doc *doc)
{
	bool columns = with_columns(doc);
	if (s->md) {
		fputs("| domain | code |", s->out);
		for (int i = 0; columns && i < doc->n_sessions; i++)
			fprintf(s->out, " S%d |", i + 1);
		fputs(" total | sessions | obstacle | success | idea |\n| --- | --- |", s->out);
		for (int i = 0; columns && i < doc->n_sessions; i++)
			fputs(" ---: |", s->out);
		fputs(" ---: | ---: | ---: | ---: | ---: |\n", s->out);
		return;
	}
	fprintf(s->out, "  %-40s", "domain");
	for (int i = 0; columns && i < doc->n_sessions; i++) {
		char label[16];
		snprintf(label, sizeof label, "S%d", i + 1);
		fprintf(s->out, " %5s", label);
	}
	fprintf(s->out, " %7s %8s %8s %7s %5s\n", "total", "sessions", "obstacle", "success", "idea");
}

static void matrix_row(const struct sink *s, const struct report_doc *doc, const struct report_row *row)
{
	bool columns = with_columns(doc);
	if (s->md) {
		fputs("| ", s->out);
		put_text(s, row->label);
		fputs(" | ", s->out);
		put_text(s, row->code);
		fputs(" |", s->out);
	} else {
		char name[80];
		snprintf(name, sizeof name, row->code[0] ? "%s (%s)" : "%s", row->label, row->code);
		fprintf(s->out, "  %-40s", name);
	}
	for (int i = 0; columns && i < doc->n_sessions; i++)
		fprintf(s->out, s->md ? " %" PRId64 " |" : " %5" PRId64, row->per_session[i]);
	fprintf(s->out, s->md ? " %" PRId64 " | %d | %" PRId64 " | %" PRId64 " | %" PRId64 " |\n"
		: " %7" PRId64 " %8d %8" PRId64 " %7" PRId64 " %5" PRId64 "\n", row->total, row->sessions,
		row->kinds[KIND_OBSTACLE], row->kinds[KIND_SUCCESS], row->kinds[KIND_IDEA]);
}

static void write_matrix(const struct sink *s, const struct report_doc *doc)
{
	heading(s, 2, "Matrix: contributions per domain and session");
	fputs("Each cell counts the contributions (not retracted) carrying the code; one contribution with\n"
		"two codes counts in both rows.\n", s->out);
	if (!with_columns(doc))
		fprintf(s->out, "The columns per session are left out for more than %d sessions: --format csv or json\n"
			"has them.\n", REPORT_TEXT_MAX_COLUMNS);
	if (s->md)
		fputc('\n', s->out);
	const char *group = NULL;
	bool head = false;
	for (int r = 0; r < doc->n_rows; r++) {
		const struct report_row *row = &doc->rows[r];
		if (!row->in_codebook && row->total == 0)
			continue;
		if (!group || strcmp(group, row->group) != 0) {
			group = row->group;
			if (s->md) {
				fprintf(s->out, "%s**", head ? "\n" : "");
				put_text(s, group);
				fputs("**\n\n", s->out);
				matrix_head(s, doc);
			} else {
				if (!head)
					matrix_head(s, doc);
				fprintf(s->out, "%s\n", group);
			}
			head = true;
		}
		matrix_row(s, doc, row);
	}
	if (s->md) {
		fputs("\n**All**\n\n", s->out);
		matrix_head(s, doc);
	} else {
		fputs("All\n", s->out);
	}
	matrix_row(s, doc, &doc->all);
}

/* Rows by the number of sessions they came up in, most first; ties in codebook order. */
static void write_recurring(const struct sink *s, const struct report_doc *doc)
{
	heading(s, 2, "Domains that recur");
	fprintf(s->out, "In how many of the %d sessions each domain came up.\n%s", doc->n_sessions, s->md ? "\n" : "");
	bool any = false;
	for (int times = doc->n_sessions; times >= 1; times--)
		for (int r = 0; r < doc->n_rows; r++) {
			const struct report_row *row = &doc->rows[r];
			if (row->sessions != times)
				continue;
			any = true;
			fputs(s->md ? "- " : "  ", s->out);
			put_text(s, row->label);
			fputs(" (", s->out);
			put_text(s, row->code);
			fprintf(s->out, "): %d of %d session%s\n", row->sessions, doc->n_sessions, doc->n_sessions == 1 ? "" : "s");
		}
	if (!any)
		fputs(s->md ? "- none\n" : "  none\n", s->out);
}

static void write_quote(const struct sink *s, const struct report_doc *doc, const struct store_report_contribution *c)
{
	if (s->md)
		fprintf(s->out, "- %s, S%d ", c->kind, c->session + 1);
	else
		fprintf(s->out, "    %-*s S%d ", KIND_COLUMN, c->kind, c->session + 1);
	put_text(s, c->participant ? c->participant : "?");
	fputs(" on ", s->out);
	put_text(s, c->item);
	fputs(s->md ? ": \"" : ": \"", s->out);
	put_text(s, c->text);
	fputs("\"\n", s->out);
	(void)doc;
}

/* "1 success", "2 successes", then what follows. */
static void count(FILE *out, int64_t n, const char *word, const char *after)
{
	size_t len = strlen(word);
	bool es = len && (word[len - 1] == 's');
	fprintf(out, "%" PRId64 " %s%s%s", n, word, n == 1 ? "" : es ? "es" : "s", after);
}

static void write_domains(const struct sink *s, const struct report_doc *doc)
{
	heading(s, 2, "Per domain: obstacles and successes");
	fputs("Counts over every contribution; quoted only where the speaker consented to be quoted.\n", s->out);
	for (int r = 0; r < doc->n_rows; r++) {
		const struct report_row *row = &doc->rows[r];
		if (row->total == 0)
			continue;
		if (s->md) {
			fputs("\n### ", s->out);
			put_text(s, row->label);
			fputs(" (", s->out);
			put_text(s, row->code);
			fputs(")\n\n", s->out);
		} else {
			fprintf(s->out, "\n  %s (%s)\n", row->label, row->code);
		}
		fputs(s->md ? "" : "    ", s->out);
		count(s->out, row->kinds[KIND_OBSTACLE], "obstacle", ", ");
		count(s->out, row->kinds[KIND_SUCCESS], "success", ", ");
		count(s->out, row->kinds[KIND_IDEA], "idea", ", ");
		count(s->out, row->kinds[KIND_RECOMMENDATION], "recommendation", ", in ");
		count(s->out, row->sessions, "session", s->md ? ".\n\n" : "\n");
		for (int c = 0; c < doc->n_contributions; c++) {
			const struct store_report_contribution *con = &doc->contributions[c];
			if (con->quotable && strcmp(con->kind, "recommendation") != 0 && report_codes_have(con->codes, row->code))
				write_quote(s, doc, con);
		}
	}
}

static void write_recommendations(const struct sink *s, const struct report_doc *doc)
{
	heading(s, 2, "Recommendations");
	bool any = false;
	for (int c = 0; c < doc->n_contributions; c++) {
		const struct store_report_contribution *con = &doc->contributions[c];
		if (strcmp(con->kind, "recommendation") != 0)
			continue;
		any = true;
		fprintf(s->out, s->md ? "- S%d, " : "  S%-3d ", con->session + 1);
		put_text(s, con->item);
		fputs(s->md ? ": " : "  ", s->out);
		put_text(s, con->text);
		if (con->codes[0]) {
			fputs(" (", s->out);
			put_text(s, con->codes);
			fputs(")", s->out);
		}
		fputc('\n', s->out);
		char *last = doc->entries && doc->entries[c] ? rec_text_last(doc->entries[c]) : NULL;
		if (last) {
			fputs(s->md ? "  - status: " : "        status: ", s->out);
			put_text(s, last);
			fputc('\n', s->out);
		}
		free(last);
		for (int v = report_doc_next_vote(doc, con->session, con->item, 0); v >= 0;
			v = report_doc_next_vote(doc, con->session, con->item, v + 1)) {
			const struct report_vote *vote = &doc->votes[v];
			fputs(s->md ? "  - vote " : "        vote ", s->out);
			put_text(s, vote->vote_id);
			fputs(" (", s->out);
			put_text(s, vote->question);
			fputs(s->md ? "): " : "): ", s->out);
			put_text(s, vote->outcome);
			fputs(vote->closed ? "\n" : " (still open)\n", s->out);
		}
	}
	if (!any)
		fputs(s->md ? "- none\n" : "  none\n", s->out);
}

/* The counts per code and kind the report printed before the matrix, for scripts that read
 * them: code ("(all)" for every contribution), kind, contributions, sessions. */
static void write_counts(const struct sink *s, const struct report_doc *doc)
{
	heading(s, 2, "Counts per code and kind");
	fprintf(s->out, "%-16s %-*s %13s %9s\n", "code", KIND_COLUMN, "kind", "contributions", "sessions");
	for (int k = 0; k < KIND_COUNT; k++)
		if (doc->all.kinds[k])
			fprintf(s->out, "%-16s %-*s %13" PRId64 " %9d\n", "(all)", KIND_COLUMN, report_kind_word(k),
				doc->all.kinds[k], doc->all.kind_sessions[k]);
	for (int r = 0; r < doc->n_rows; r++)
		for (int k = 0; k < KIND_COUNT; k++)
			if (doc->rows[r].kinds[k])
				fprintf(s->out, "%-16s %-*s %13" PRId64 " %9d\n", doc->rows[r].code, KIND_COLUMN, report_kind_word(k),
					doc->rows[r].kinds[k], doc->rows[r].kind_sessions[k]);
}

int report_text_write(const struct report_doc *doc, bool markdown, FILE *out, char *err, size_t errlen)
{
	struct sink s = { out, markdown };
	if (markdown)
		fprintf(out, "# Report across %d session%s", doc->n_sessions, doc->n_sessions == 1 ? "" : "s");
	else
		fprintf(out, "Report across %d session%s", doc->n_sessions, doc->n_sessions == 1 ? "" : "s");
	if (doc->n_sessions)
		fprintf(out, ", %s to %s", doc->sessions[0].day, doc->sessions[doc->n_sessions - 1].day);
	fputc('\n', out);
	write_sessions(&s, doc);
	write_matrix(&s, doc);
	write_recurring(&s, doc);
	write_domains(&s, doc);
	write_recommendations(&s, doc);
	if (!markdown)
		write_counts(&s, doc);
	if (ferror(out)) {
		snprintf(err, errlen, "cannot write the report");
		return EX_IOERR;
	}
	return 0;
}
