/* export_html: see export_html.h. It follows export_md.c section by section, so that the
 * two reports say the same; what both need to know is in report_parts.h. */
#include "out/export_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "out/rec_text.h"
#include "out/html_parts.h"
#include "out/report_parts.h"
#include "out/result_text.h"

enum { HTML_LABEL_MAX = 1024 };

static const char html_style[] =
	"\n:root{color-scheme:light}\n"
	"body{font-family:system-ui,\"Segoe UI\",\"Noto Sans\",\"DejaVu Sans\",sans-serif;line-height:1.45;"
	"max-width:54rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}\n"
	"h1{font-size:1.7rem;margin:0 0 .4rem}\n"
	"h2{font-size:1.35rem;border-bottom:2px solid #2a6f97;padding-bottom:.15rem;margin-top:2.2rem}\n"
	"h3{font-size:1.1rem;margin-top:1.5rem}\n"
	"h4{font-size:1rem;margin:1rem 0 .3rem;color:#444}\n"
	"ul.meta{list-style:none;padding:0;margin:.3rem 0;color:#333}\n"
	"p.note,p.time,p.vote-kind{color:#555}\n"
	"table{border-collapse:collapse;margin:.5rem 0 .8rem}\n"
	"th,td{padding:.2rem .55rem;border-bottom:1px solid #ddd;text-align:start;vertical-align:top}\n"
	"th{font-weight:600;border-bottom:2px solid #bbb}\n"
	".n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"table.chart{min-width:30rem}\n"
	"td.bar{width:13rem;vertical-align:middle}\n"
	"svg.bar{display:block;width:100%;height:.85rem}\n"
	"svg.bar rect{fill:#2a6f97}\n"
	"tr.win svg.bar rect{fill:#1b7f3b}\n"
	"tr.win td:first-child{font-weight:600}\n"
	"blockquote{margin:.5rem 0;padding:.35rem .9rem;border-inline-start:4px solid #2a6f97;background:#f2f6f9}\n"
	"blockquote p{margin:.1rem 0}\n"
	"blockquote footer{color:#555;font-size:.9rem}\n"
	"ul.said li{margin:.25rem 0}\n"
	".also{color:#666;font-size:.9rem}\n"
	".winner{color:#1b6b34}\n"
	".tie{color:#7a4f00}\n"
	".muted{color:#666;font-style:italic}\n"
	".status{color:#555;font-size:.9em}\n"
	".objection{color:#a4001c}\n"
	"@media print{\n"
	"body{max-width:none;margin:0;padding:0;font-size:10.5pt;color:#000}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"h2,h3,h4{break-after:avoid}\n"
	"table,blockquote,li{break-inside:avoid}\n"
	"blockquote{background:none}\n"
	"}\n";

/* An element holding text from outside, its direction found from the text. */
static void html_element(FILE *f, const char *tag, const char *class, const char *text)
{
	fprintf(f, "<%s%s%s%s dir=\"auto\">", tag, class ? " class=\"" : "", class ? class : "", class ? "\"" : "");
	html_text(f, text, true);
	fprintf(f, "</%s>", tag);
}

/* How the page shows each role of the result's words. */
static const char *html_role(enum result_role role, const char **tag)
{
	*tag = "strong";
	switch (role) {
	case RESULT_WINNER: return "winner";
	case RESULT_TIE: return "tie";
	case RESULT_OBJECTION: return "objection";
	case RESULT_SPEAKER: return "speaker";
	case RESULT_MUTED: *tag = "span"; return "muted";
	case RESULT_NORMAL: break;
	}
	*tag = NULL;
	return NULL;
}

static void html_words(FILE *f, const struct result_text *words)
{
	for (int i = 0; i < words->n; i++) {
		const char *tag, *class = html_role(words->segments[i].role, &tag);
		if (tag)
			fprintf(f, "<%s class=\"%s\">", tag, class);
		html_text(f, words->segments[i].text, false);
		if (tag)
			fprintf(f, "</%s>", tag);
	}
}

/* A table cell with a bar of value against top. */
static void html_bar_cell(FILE *f, long value, long top)
{
	fputs("<td class=\"bar\">", f);
	html_bar(f, value, top, NULL);
	fputs("</td>", f);
}

static void html_label_cell(FILE *f, const struct agenda_vote *def, int row)
{
	char label[HTML_LABEL_MAX];
	result_text_label(def, row, label, sizeof label);
	html_element(f, "td", NULL, label);
}

static void meta_line(FILE *f, const char *what, const char *text)
{
	if (!text)
		return;
	fprintf(f, "<li>%s: <span dir=\"auto\">", what);
	html_text(f, text, false);
	fputs("</span></li>\n", f);
}

static void write_header(FILE *f, const struct export_doc *d)
{
	const struct export_session *s = &d->session;
	char date[64];
	report_date(d, date, sizeof date);
	fputs("<header>\n", f);
	html_element(f, "h1", NULL, s->title ? s->title : "Session");
	fputs("\n<ul class=\"meta\">\n", f);
	meta_line(f, "Organisation", s->organisation);
	meta_line(f, "Location", s->location);
	meta_line(f, "Date", date);
	fprintf(f, "<li>Session: %s (%s)</li>\n", s->id, s->ended ? "ended" : "open");
	meta_line(f, "Codebook", s->codebook);
	fputs("</ul>\n<p class=\"note\">A contribution is quoted with its speaker's id only when the speaker "
		"consented to be quoted; every other contribution and consent reason is given without attribution. "
		"Retracted contributions are left out.</p>\n</header>\n", f);
}

static void write_participants(FILE *f, const struct export_doc *d)
{
	bool names = d->options.names, communities = d->options.communities;
	if (d->n_participants == 0) {
		fputs("<section class=\"participants\">\n<h2>Who took part</h2>\n<p>No participants were listed.</p>\n</section>\n", f);
		return;
	}
	fputs("<section class=\"participants\">\n<h2>Who took part</h2>\n<table>\n<thead><tr><th>id</th><th>role</th>", f);
	fputs(names ? "<th>name</th>" : "", f);
	fputs(communities ? "<th>community</th>" : "", f);
	fputs("<th>may be quoted</th><th class=\"n\">contributions</th></tr></thead>\n<tbody>\n", f);
	for (int i = 0; i < d->n_participants; i++) {
		const struct export_participant *p = &d->participants[i];
		fputs("<tr>", f);
		html_element(f, "td", NULL, p->id);
		fprintf(f, "<td>%s%s</td>", participant_role_name(p->role), p->added_live ? ", added during the session" : "");
		if (names)
			html_element(f, "td", NULL, p->name ? p->name : "");
		if (communities)
			html_element(f, "td", NULL, p->community ? p->community : "");
		fprintf(f, "<td>%s</td><td class=\"n\">%d</td></tr>\n", p->consent_quotes ? "yes" : "no", p->contributions);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
}

static bool write_code_counts(FILE *f, const struct export_doc *d)
{
	struct report_code_count *counts;
	int n;
	if (!report_code_counts(d, &counts, &n))
		return false;
	long top = 0;
	for (int i = 0; i < n; i++)
		top = counts[i].count > top ? counts[i].count : top;
	fprintf(f, "<section class=\"codes\">\n<h2>Contributions per code</h2>\n<table class=\"chart\" data-bars=\"%d\">\n"
		"<thead><tr><th>code</th><th>label</th><th></th><th class=\"n\">contributions</th></tr></thead>\n<tbody>\n", n);
	for (int i = 0; i < n; i++) {
		fputs("<tr>", f);
		html_element(f, "td", NULL, counts[i].code);
		html_element(f, "td", NULL, counts[i].label ? counts[i].label : "");
		html_bar_cell(f, counts[i].count, top);
		fprintf(f, "<td class=\"n\">%d</td></tr>\n", counts[i].count);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
	free(counts);
	return true;
}

static void write_item_head(FILE *f, const struct export_doc *d, int index)
{
	const struct export_item *item = &d->items[index];
	char planned[32], agenda[32], spent[32];
	report_duration(item->planned_seconds, planned, sizeof planned);
	report_duration((int64_t)item->planned_minutes * 60, agenda, sizeof agenda);
	report_duration(item->actual_seconds, spent, sizeof spent);
	fprintf(f, "<section class=\"item\">\n<h2 dir=\"auto\">%d. ", index + 1);
	html_text(f, item->title, false);
	fprintf(f, "</h2>\n<p class=\"time\">Time planned %s", planned);
	if (item->planned_seconds != item->planned_minutes * 60)
		fprintf(f, " (%s on the agenda)", agenda);
	fprintf(f, " \xc2\xb7 spent %s</p>\n", spent);
	if (item->n_domains > 0) {
		fputs("<p class=\"note\">Codes of this item: ", f);
		for (int i = 0; i < item->n_domains; i++) {
			fputs(i ? ", " : "", f);
			html_text(f, item->domains[i], false);
		}
		fputs("</p>\n", f);
	}
	if (item->n_prompts > 0) {
		fputs("<p>Prompts:</p>\n<ul class=\"prompts\">\n", f);
		for (int i = 0; i < item->n_prompts; i++) {
			html_element(f, "li", NULL, item->prompts[i]);
			fputs("\n", f);
		}
		fputs("</ul>\n", f);
	}
}

static void write_more_codes(FILE *f, const struct export_contribution *c)
{
	if (c->n_tags < 2)
		return;
	fputs(" <span class=\"also\">(also ", f);
	for (int t = 1; t < c->n_tags; t++) {
		fputs(t > 1 ? ", " : "", f);
		html_text(f, c->tags[t], false);
	}
	fputs(")</span>", f);
}

/* A quote with its speaker where quotable, else a list item of the group's list. */
/* A recommendation's status in the register, after its text. */
static void write_status(FILE *f, const struct store_rec *entry)
{
	char *last = entry ? rec_text_last(entry) : NULL;
	if (!last)
		return;
	fputs("<br><span class=\"status\">Status: ", f);
	html_text(f, last, false);
	fputs("</span>", f);
	free(last);
}

/* Which console wrote it, when more than one wrote the session's contributions. */
static void write_console(FILE *f, const struct export_doc *d, const struct export_contribution *c)
{
	if (!d->several_consoles)
		return;
	fputs(" <span class=\"muted\">\xc2\xb7 typed at ", f);
	html_text(f, c->console, false);
	fputs("</span>", f);
}

static void write_contribution(FILE *f, const struct export_doc *d, const struct export_contribution *c,
	bool *in_list)
{
	bool quote = c->quotable && c->participant;
	if (quote && *in_list)
		fputs("</ul>\n", f);
	if (!quote && !*in_list)
		fputs("<ul class=\"said\">\n", f);
	*in_list = !quote;
	if (quote) {
		fputs("<blockquote>", f);
		html_element(f, "p", NULL, c->text);
		fputs("<footer>\xe2\x80\x94 ", f);
		html_text(f, c->participant, false);
		write_more_codes(f, c);
		write_console(f, d, c);
		write_status(f, c->entry);
		fputs("</footer></blockquote>\n", f);
	} else {
		fputs("<li dir=\"auto\">", f);
		html_text(f, c->text, true);
		write_more_codes(f, c);
		write_console(f, d, c);
		write_status(f, c->entry);
		fputs("</li>\n", f);
	}
}

static bool write_contributions(FILE *f, const struct export_doc *d, int item)
{
	struct report_groups groups;
	if (!report_groups_build(d, item, &groups))
		return false;
	if (groups.n_list == 0)
		fputs("<p class=\"note\">Nothing was recorded on this item.</p>\n", f);
	for (int g = 0; g < groups.n_groups; g++) {
		const struct report_group *group = &groups.groups[g];
		if (g == 0 || groups.groups[g - 1].kind != group->kind)
			fprintf(f, "<h3>%s</h3>\n", report_kind_heading(group->kind));
		fputs("<h4 dir=\"auto\">", f);
		if (group->code) {
			html_text(f, group->code, false);
			if (group->label) {
				fputs(" \xc2\xb7 ", f);
				html_text(f, group->label, false);
			}
		} else {
			fputs("Without a code", f);
		}
		fputs("</h4>\n", f);
		bool in_list = false;
		for (int i = group->first; i < group->first + group->n; i++)
			write_contribution(f, d, groups.list[i], &in_list);
		if (in_list)
			fputs("</ul>\n", f);
	}
	report_groups_free(&groups);
	return true;
}

/* False when memory ran out while the words were made (some are missing). */
static bool write_outcome(FILE *f, const struct agenda_vote *def, const struct tally_result *result)
{
	struct result_text words = { 0 };
	result_text_outcome(&words, def, result);
	fputs("<p class=\"outcome\" dir=\"auto\">", f);
	html_words(f, &words);
	fputs("</p>\n", f);
	bool ok = !words.failed;
	result_text_free(&words);
	return ok;
}

/* One row per option (value, position), as the console's bars: label, bar, count, share. */
static void write_bars(FILE *f, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	struct report_bars bars;
	report_vote_bars(v, &bars);
	const char *first = def->type == VOTE_SCALE ? "answer" : def->type == VOTE_CONSENT ? "position" : "option";
	fprintf(f, "<table class=\"chart\" data-bars=\"%d\">\n<thead><tr><th>%s</th><th></th><th class=\"n\">count</th>%s"
		"</tr></thead>\n<tbody>\n", bars.n, first, bars.shares ? "<th class=\"n\">share</th>" : "");
	for (int i = 0; i < bars.n; i++) {
		fputs(i == bars.highlight ? "<tr class=\"win\">" : "<tr>", f);
		html_label_cell(f, def, i);
		html_bar_cell(f, bars.values[i], bars.top);
		fprintf(f, "<td class=\"n\">%ld</td>", bars.values[i]);
		if (bars.shares) {
			char share[16];
			result_text_share(bars.shares[i], share, sizeof share);
			fprintf(f, "<td class=\"n\">%s</td>", share);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

/* Points (Borda) as bars, and every instant-runoff round beside them. */
static void write_rank(FILE *f, const struct export_vote *v)
{
	const struct tally_result *r = &v->result;
	struct report_bars bars;
	report_vote_bars(v, &bars);
	bool transfers = tally_runoff_moved(r);
	char cell[256];
	int rounds = result_text_has_rounds(r) ? r->n_rounds : 0;
	fprintf(f, "<table class=\"chart\" data-bars=\"%d\">\n<thead><tr><th>option</th><th></th><th class=\"n\">%s</th>",
		r->n_options, RESULT_TEXT_POINTS);
	for (int round = 0; round < rounds; round++)
		fprintf(f, "<th class=\"n\">%s %d</th>", RESULT_TEXT_ROUND, round + 1);
	fputs("</tr></thead>\n<tbody>\n", f);
	for (int i = 0; i < r->n_options; i++) {
		fputs(i == bars.highlight ? "<tr class=\"win\">" : "<tr>", f);
		html_label_cell(f, v->def, i);
		html_bar_cell(f, r->borda[i], bars.top);
		fprintf(f, "<td class=\"n%s\">%ld</td>", i == r->borda_winner ? " winner" : "", r->borda[i]);
		for (int round = 0; round < rounds; round++) {
			bool won = round == r->n_rounds - 1 && i == r->winner;
			result_text_runoff_cell(r, round, i, transfers, cell, sizeof cell);
			fprintf(f, "<td class=\"n%s\">%s</td>", won ? " winner" : "", cell);
		}
		fputs("</tr>\n", f);
	}
	if (rounds > 0 && r->rounds[r->n_rounds - 1].exhausted > 0) {
		fprintf(f, "<tr class=\"muted\"><td>%s</td><td></td><td></td>", RESULT_TEXT_EXHAUSTED);
		for (int round = 0; round < r->n_rounds; round++)
			fprintf(f, "<td class=\"n\">%ld</td>", r->rounds[round].exhausted);
		fputs("</tr>\n", f);
	}
	result_text_runoff_note(r, transfers, cell, sizeof cell);
	fputs("</tbody>\n</table>\n<p class=\"muted\">", f);
	html_text(f, cell, false);
	fputs("</p>\n", f);
}

/* The consent reasons; with who gave them only when they consented to be quoted
 * (report_reason_words()). */
static bool write_reasons(FILE *f, const struct export_doc *d, const struct tally_result *r)
{
	bool ok = true;
	if (r->n_reasons == 0)
		return ok;
	fputs("<ul class=\"reasons\">\n", f);
	for (int i = 0; i < r->n_reasons; i++) {
		struct result_text words = { 0 };
		report_reason_words(d, &r->reasons[i], REPORT_FOR_READERS, &words);
		fputs("<li dir=\"auto\">", f);
		html_words(f, &words);
		fputs("</li>\n", f);
		ok = ok && !words.failed;
		result_text_free(&words);
	}
	fputs("</ul>\n", f);
	return ok;
}

static bool write_result(FILE *f, const struct export_doc *d, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	const struct tally_result *r = &v->result;
	if (!write_outcome(f, def, r))
		return false;
	if (result_text_empty(def, r))
		return true;
	if (def->type == VOTE_RANK) {
		write_rank(f, v);
		return true;
	}
	write_bars(f, v);
	if (def->type == VOTE_CONSENT)
		return write_reasons(f, d, r);
	if (def->type != VOTE_SCALE) {
		char summary[128];
		result_text_summary(def, r, summary, sizeof summary);
		fputs("<p class=\"muted\">", f);
		html_text(f, summary, false);
		fputs("</p>\n", f);
	}
	return true;
}

/* False when memory ran out. */
static bool write_vote(FILE *f, const struct export_doc *d, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	fputs("<section class=\"vote\" data-vote=\"", f);
	html_text(f, def->id, false);
	fputs("\">\n<h3 dir=\"auto\">Vote: ", f);
	html_text(f, def->question, false);
	fprintf(f, "</h3>\n<p class=\"vote-kind\">%s \xc2\xb7 %s%s%s</p>\n", vote_type_name(def->type),
		report_vote_status(v), def->anonymous ? " \xc2\xb7 a show of hands" : "", v->adhoc ? " \xc2\xb7 a poll" : "");
	enum report_vote_shows shows = report_vote_shows(v);
	bool ok = true;
	if (shows == REPORT_VOTE_NO_COUNTS)
		ok = write_outcome(f, def, NULL);
	else if (shows != REPORT_VOTE_RESULT)
		fprintf(f, "<p class=\"muted\">%s</p>\n", report_vote_missing(shows));
	else
		ok = write_result(f, d, v);
	fputs("</section>\n", f);
	return ok;
}

static void write_recommendations(FILE *f, const struct export_doc *d, int item)
{
	bool any = false;
	for (int i = 0; i < d->n_recommendations; i++) {
		const struct export_recommendation *rec = &d->recommendations[i];
		if (rec->item != item)
			continue;
		if (!any)
			fputs("<h3>The group's recommendations</h3>\n<ul class=\"recommendations\">\n", f);
		any = true;
		fputs("<li dir=\"auto\">", f);
		html_text(f, rec->text, true);
		write_status(f, rec->entry);
		fputs("</li>\n", f);
	}
	if (any)
		fputs("</ul>\n", f);
}

int export_html_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen)
{
	html_page_start(out, doc->session.title ? doc->session.title : "Session", html_style);
	write_header(out, doc);
	write_participants(out, doc);
	bool ok = write_code_counts(out, doc);
	for (int i = 0; i < doc->n_items && ok; i++) {
		write_item_head(out, doc, i);
		ok = write_contributions(out, doc, i);
		for (int v = 0; v < doc->n_votes && ok; v++)
			if (doc->votes[v].item == i)
				ok = write_vote(out, doc, &doc->votes[v]);
		write_recommendations(out, doc, i);
		fputs("</section>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	if (!ok) {
		snprintf(err, errlen, "out of memory while writing the report");
		return EX_OSERR;
	}
	if (ferror(out) || fflush(out) != 0) {
		snprintf(err, errlen, "cannot write the report: %s", strerror(errno ? errno : EIO));
		return EX_IOERR;
	}
	return 0;
}
