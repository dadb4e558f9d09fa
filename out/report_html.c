/* report_html: see report_html.h. */
#include "out/report_html.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "out/html_parts.h"
#include "out/rec_text.h"

static const char STYLE[] =
	"body{font-family:sans-serif;margin:2em;color:#1a1a1a;max-width:72em}"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
	"h3{font-size:1em;margin-bottom:.3em}"
	"table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"table.heat td.cell{text-align:right;min-width:2.5em}"
	"tr.group th{background:#eee;text-align:left}"
	"blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #999}"
	".muted{color:#666}.legend span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin-right:.3em}"
	"table.chart td{border:none;padding:.1em .5em}table.chart td.bar{width:16em;vertical-align:middle}"
	"svg.bar{display:block;width:100%;height:.85em}"
	"@media print{body{margin:0}h2{break-after:avoid}}";

/* The kinds a domain's chart shows, and their colours. */
static const struct {
	int kind;
	const char *colour;
} chart_kinds[] = {
	{ KIND_OBSTACLE, "#c0392b" },
	{ KIND_SUCCESS, "#27ae60" },
	{ KIND_IDEA, "#2f6fb0" },
};
enum { N_CHART_KINDS = (int)(sizeof chart_kinds / sizeof chart_kinds[0]) };

/* Text from the database as HTML text or attribute value (html_parts.h). */
static void put(FILE *out, const char *text)
{
	html_text(out, text, false);
}

/* The heat colour of a cell: white for 0, a deeper orange the nearer max. */
static void heat_colour(int64_t n, int64_t max, char *buf, size_t size)
{
	if (n <= 0 || max <= 0) {
		snprintf(buf, size, "#ffffff");
		return;
	}
	double t = 0.15 + 0.85 * (double)n / (double)max;
	int r = 255, g = (int)(245 - t * (245 - 120)), b = (int)(235 - t * (235 - 40));
	snprintf(buf, size, "#%02x%02x%02x", r, g, b);
}

static void write_sessions(FILE *out, const struct report_doc *doc)
{
	fputs("<h2>Sessions</h2>\n<table><thead><tr><th></th><th>session</th><th>date</th><th>organisation</th>"
		"<th>title</th><th>contributions</th></tr></thead><tbody>\n", out);
	for (int i = 0; i < doc->n_sessions; i++) {
		const struct store_report_session *s = &doc->sessions[i];
		fprintf(out, "<tr><td>S%d</td><td>%.8s</td><td>%s%s</td><td>", i + 1, s->id, s->day,
			s->dated ? "" : " <span class=\"muted\">(started)</span>");
		put(out, s->organisation ? s->organisation : "-");
		fputs("</td><td>", out);
		put(out, s->title);
		fprintf(out, "</td><td class=\"n\">%" PRId64 "</td></tr>\n", s->contributions);
	}
	fputs("</tbody></table>\n", out);
}

static void heat_row(FILE *out, const struct report_doc *doc, const struct report_row *row, int64_t max)
{
	fputs("<tr><td>", out);
	put(out, row->label);
	if (row->code[0]) {
		fputs(" <span class=\"muted\">", out);
		put(out, row->code);
		fputs("</span>", out);
	}
	fputs("</td>", out);
	for (int i = 0; i < doc->n_sessions; i++) {
		char colour[16];
		heat_colour(row->per_session[i], max, colour, sizeof colour);
		fprintf(out, "<td class=\"cell\" style=\"background:%s\">%" PRId64 "</td>", colour, row->per_session[i]);
	}
	fprintf(out, "<td class=\"n\">%" PRId64 "</td><td class=\"n\">%d</td></tr>\n", row->total, row->sessions);
}

static void write_matrix(FILE *out, const struct report_doc *doc)
{
	int64_t max = 0;
	for (int r = 0; r < doc->n_rows; r++)
		for (int i = 0; i < doc->n_sessions; i++)
			if (doc->rows[r].per_session[i] > max)
				max = doc->rows[r].per_session[i];
	fputs("<h2>Matrix: contributions per domain and session</h2>\n<p>Each cell counts the contributions (not "
		"retracted) carrying the code; one contribution with two codes counts in both rows. The deeper the "
		"colour, the more.</p>\n<table class=\"heat\"><thead><tr><th>domain</th>", out);
	for (int i = 0; i < doc->n_sessions; i++)
		fprintf(out, "<th title=\"%s %.8s\">S%d</th>", doc->sessions[i].day, doc->sessions[i].id, i + 1);
	fputs("<th>total</th><th>sessions</th></tr></thead><tbody>\n", out);
	const char *group = NULL;
	for (int r = 0; r < doc->n_rows; r++) {
		const struct report_row *row = &doc->rows[r];
		if (!row->in_codebook && row->total == 0)
			continue;
		if (!group || strcmp(group, row->group) != 0) {
			group = row->group;
			fprintf(out, "<tr class=\"group\"><th colspan=\"%d\">", doc->n_sessions + 3);
			put(out, group);
			fputs("</th></tr>\n", out);
		}
		heat_row(out, doc, row, max);
	}
	fprintf(out, "<tr class=\"group\"><th colspan=\"%d\">All</th></tr>\n", doc->n_sessions + 3);
	heat_row(out, doc, &doc->all, 0);
	fputs("</tbody></table>\n", out);
}

static void write_recurring(FILE *out, const struct report_doc *doc)
{
	fprintf(out, "<h2>Domains that recur</h2>\n<p>In how many of the %d sessions each domain came up.</p>\n<ul>\n",
		doc->n_sessions);
	bool any = false;
	for (int times = doc->n_sessions; times >= 1; times--)
		for (int r = 0; r < doc->n_rows; r++) {
			const struct report_row *row = &doc->rows[r];
			if (row->sessions != times)
				continue;
			any = true;
			fputs("<li>", out);
			put(out, row->label);
			fprintf(out, ": %d of %d</li>\n", row->sessions, doc->n_sessions);
		}
	fputs(any ? "</ul>\n" : "<li>none</li></ul>\n", out);
}

/* A bar chart of a domain's obstacles, successes and ideas: one row each (the kind, its
 * bar, the count), the bars scaled to the largest count of any domain so that charts
 * compare. */
static void domain_chart(FILE *out, const struct report_row *row, int64_t max)
{
	fprintf(out, "<table class=\"chart\" data-bars=\"%d\" aria-label=\"", N_CHART_KINDS);
	put(out, row->label);
	fputs(": obstacles, successes and ideas\"><tbody>\n", out);
	for (int k = 0; k < N_CHART_KINDS; k++) {
		const char *kind = report_kind_word(chart_kinds[k].kind);
		int64_t n = row->kinds[chart_kinds[k].kind];
		char attributes[96];
		snprintf(attributes, sizeof attributes, "class=\"bar\" data-kind=\"%s\" fill=\"%s\"", kind,
			chart_kinds[k].colour);
		fprintf(out, "<tr><td>%s</td><td class=\"bar\">", kind);
		html_bar(out, (long)n, (long)max, attributes);
		fprintf(out, "</td><td class=\"n\">%" PRId64 "</td></tr>\n", n);
	}
	fputs("</tbody></table>\n", out);
}

static void write_domains(FILE *out, const struct report_doc *doc)
{
	int64_t max = 0;
	for (int r = 0; r < doc->n_rows; r++)
		for (int k = 0; k < N_CHART_KINDS; k++)
			if (doc->rows[r].kinds[chart_kinds[k].kind] > max)
				max = doc->rows[r].kinds[chart_kinds[k].kind];
	fputs("<h2>Per domain: obstacles, successes and ideas</h2>\n<p class=\"legend\">", out);
	for (int k = 0; k < N_CHART_KINDS; k++)
		fprintf(out, "<span style=\"background:%s\"></span>%s ", chart_kinds[k].colour,
			report_kind_word(chart_kinds[k].kind));
	fputs("&#8212; counted over every contribution; quoted only where the speaker consented to be quoted.</p>\n", out);
	for (int r = 0; r < doc->n_rows; r++) {
		const struct report_row *row = &doc->rows[r];
		if (row->total == 0)
			continue;
		fputs("<section class=\"domain\"><h3>", out);
		put(out, row->label);
		fprintf(out, " <span class=\"muted\">in %d session%s</span></h3>\n", row->sessions, row->sessions == 1 ? "" : "s");
		domain_chart(out, row, max);
		for (int c = 0; c < doc->n_contributions; c++) {
			const struct store_report_contribution *con = &doc->contributions[c];
			if (!con->quotable || strcmp(con->kind, "recommendation") == 0 || !report_codes_have(con->codes, row->code))
				continue;
			fputs("<blockquote>", out);
			put(out, con->text);
			fprintf(out, " <span class=\"muted\">&#8212; %s, S%d ", con->kind, con->session + 1);
			put(out, con->participant);
			fputs(" on ", out);
			put(out, con->item);
			fputs("</span></blockquote>\n", out);
		}
		fputs("</section>\n", out);
	}
}

static void write_recommendations(FILE *out, const struct report_doc *doc)
{
	fputs("<h2>Recommendations</h2>\n<table><thead><tr><th></th><th>item</th><th>recommendation</th>"
		"<th>votes on the item</th></tr></thead><tbody>\n", out);
	for (int c = 0; c < doc->n_contributions; c++) {
		const struct store_report_contribution *con = &doc->contributions[c];
		if (strcmp(con->kind, "recommendation") != 0)
			continue;
		fprintf(out, "<tr><td>S%d</td><td>", con->session + 1);
		put(out, con->item);
		fputs("</td><td>", out);
		put(out, con->text);
		char *last = doc->entries && doc->entries[c] ? rec_text_last(doc->entries[c]) : NULL;
		if (last) {
			fputs("<br><small>Status: ", out);
			put(out, last);
			fputs("</small>", out);
		}
		free(last);
		fputs("</td><td>", out);
		for (int v = report_doc_next_vote(doc, con->session, con->item, 0); v >= 0;
			v = report_doc_next_vote(doc, con->session, con->item, v + 1)) {
			fputs("<div>", out);
			put(out, doc->votes[v].question);
			fputs(": <strong>", out);
			put(out, doc->votes[v].outcome);
			fputs(doc->votes[v].closed ? "</strong></div>" : "</strong> (still open)</div>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table>\n", out);
}

int report_html_write(const struct report_doc *doc, FILE *out, char *err, size_t errlen)
{
	char title[64];
	snprintf(title, sizeof title, "Report across %d session%s", doc->n_sessions, doc->n_sessions == 1 ? "" : "s");
	html_page_start(out, title, STYLE);
	fprintf(out, "<h1>Report across %d session%s", doc->n_sessions, doc->n_sessions == 1 ? "" : "s");
	if (doc->n_sessions)
		fprintf(out, ", %s to %s", doc->sessions[0].day, doc->sessions[doc->n_sessions - 1].day);
	fputs("</h1>\n", out);
	write_sessions(out, doc);
	write_matrix(out, doc);
	write_recurring(out, doc);
	write_domains(out, doc);
	write_recommendations(out, doc);
	fputs("</body>\n</html>\n", out);
	if (ferror(out)) {
		snprintf(err, errlen, "cannot write the report");
		return EX_IOERR;
	}
	return 0;
}
