/* export_md: see export_md.h. The layout is part of the format: golden files read it byte
 * for byte (tests/golden/). */
#include "out/export_md.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "out/rec_text.h"
#include "out/report_parts.h"
#include "out/result_text.h"

enum { MD_LABEL_MAX = 1024 };

/* Where escaped text goes: prefix is what a continued line starts with after a line break
 * in the text ("> " in a quote); NULL where a line break cannot be (a heading, a table
 * cell), which turns it into a space. */
struct md_place {
	const char *prefix;
};

static const struct md_place md_line = { NULL };

/* ASCII punctuation that CommonMark or GitHub Markdown read as markup anywhere in a line:
 * escapes, code, emphasis, strike-through, links and images, HTML and autolinks,
 * entities, headings, tables ('@' is md_mail_at's). */
static bool md_special(char c)
{
	return c != '\0' && strchr("\\`*_[]<>#|~&", c) != NULL;
}

/* GitHub Markdown links an e-mail address whatever is escaped in it: an '@' after a
 * character that may end the address's name gets a zero-width non-joiner before it, an
 * invisible character the text rule keeps (config/textsafe.h: Persian needs it). */
static bool md_mail_at(const char *text, size_t i)
{
	if (text[i] != '@' || i == 0)
		return false;
	char c = text[i - 1];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(".+-_", c);
}

#define MD_NON_JOINER "\xe2\x80\x8c"

/* The byte of a line's first characters that would start a block: a list item ("-", "+",
 * "1." or "1)"), a setext underline ("="); its offset from p, or -1. */
static long md_block_marker(const char *p, size_t len)
{
	if (len > 0 && (p[0] == '-' || p[0] == '+' || p[0] == '='))
		return 0;
	size_t d = 0;
	while (d < len && p[d] >= '0' && p[d] <= '9')
		d++;
	return d > 0 && d < len && (p[d] == '.' || p[d] == ')') ? (long)d : -1;
}

/* An autolink GitHub Markdown would make without brackets: "://" after a scheme, or
 * "www." (the dot is escaped). */
static bool md_autolink_char(const char *text, size_t len, size_t i)
{
	if (text[i] == ':')
		return i + 2 < len && text[i + 1] == '/' && text[i + 2] == '/';
	return text[i] == '.' && i >= 3 && strncasecmp(text + i - 3, "www", 3) == 0;
}

/* Text from outside, escaped for its place; start: it begins a line. */
static void md_text(FILE *f, const char *text, struct md_place place, bool start)
{
	size_t len = strlen(text), at = 0;
	long marker = -1;
	size_t line_at = 0;
	while (at < len) {
		if (start) { /* a line of the text begins: no indent, no block marker */
			while (at < len && (text[at] == ' ' || text[at] == '\t'))
				at++;
			line_at = at;
			marker = md_block_marker(text + at, len - at);
			start = false;
			continue;
		}
		size_t i = at;
		struct report_char ch;
		report_char_next(text, len, &at, &ch);
		switch (ch.class) {
		case REPORT_CHAR_BREAK:
			if (place.prefix)
				fprintf(f, "\\\n%s", place.prefix);
			else
				fputc(' ', f);
			start = place.prefix != NULL;
			break;
		case REPORT_CHAR_TAB:
			fputc(' ', f);
			break;
		case REPORT_CHAR_CONTROL:
			fputs(REPORT_REPLACEMENT, f);
			break;
		case REPORT_CHAR_TEXT:
			if (md_special(text[i]) || (marker >= 0 && i == line_at + (size_t)marker)
				|| md_autolink_char(text, len, i))
				fputc('\\', f);
			else if (md_mail_at(text, i))
				fputs(MD_NON_JOINER, f);
			fwrite(ch.bytes, 1, ch.len, f);
			break;
		}
	}
}

static void md_cell(FILE *f, const char *text)
{
	md_text(f, text, md_line, false);
}

/* How a sink shows each role of the result's words: strong (**), emphasis (*) or plain. */
static const char *md_mark(enum result_role role)
{
	switch (role) {
	case RESULT_WINNER:
	case RESULT_TIE:
	case RESULT_OBJECTION:
	case RESULT_SPEAKER:
		return "**";
	case RESULT_MUTED:
		return "*";
	case RESULT_NORMAL:
		break;
	}
	return "";
}

/* One run of words with the same mark: the white space at its ends stays outside the
 * marks, where CommonMark wants it. */
static bool md_run(FILE *f, const char *text, size_t len, const char *mark, bool start)
{
	size_t a = 0, b = len;
	while (a < b && text[a] == ' ')
		a++;
	while (b > a && text[b - 1] == ' ')
		b--;
	char *inner = strndup(text + a, b - a);
	fprintf(f, "%.*s", (int)a, text);
	if (inner && *inner) {
		fputs(mark, f);
		md_text(f, inner, md_line, start && a == 0);
		fputs(mark, f);
	}
	fprintf(f, "%.*s", (int)(len - b), text + b);
	free(inner);
	return inner != NULL;
}

/* Result words with their roles: consecutive segments with the same mark run together.
 * False when memory ran out, here or when the words were made. */
static bool md_words(FILE *f, const struct result_text *words, bool start)
{
	bool ok = !words->failed;
	for (int i = 0; i < words->n;) {
		const char *mark = md_mark(words->segments[i].role);
		size_t len = 0;
		int j = i;
		for (; j < words->n && strcmp(md_mark(words->segments[j].role), mark) == 0; j++)
			len += strlen(words->segments[j].text);
		char *run = malloc(len + 1);
		if (run) {
			run[0] = '\0';
			for (int k = i; k < j; k++)
				strcat(run, words->segments[k].text);
			ok = md_run(f, run, len, mark, start && i == 0) && ok;
			free(run);
		}
		ok = ok && run;
		i = j;
	}
	return ok;
}

static void md_label(FILE *f, const struct agenda_vote *def, int row, bool strong)
{
	char label[MD_LABEL_MAX];
	result_text_label(def, row, label, sizeof label);
	fputs(strong ? "**" : "", f);
	md_cell(f, label);
	fputs(strong ? "**" : "", f);
}

static void write_header(FILE *f, const struct export_doc *d)
{
	const struct export_session *s = &d->session;
	char date[64];
	report_date(d, date, sizeof date);
	fputs("# ", f);
	md_text(f, s->title ? s->title : "Session", md_line, true);
	fputs("\n\n", f);
	if (s->organisation) {
		fputs("- Organisation: ", f);
		md_cell(f, s->organisation);
		fputs("\n", f);
	}
	if (s->location) {
		fputs("- Location: ", f);
		md_cell(f, s->location);
		fputs("\n", f);
	}
	fprintf(f, "- Date: %s\n", date);
	fprintf(f, "- Session: %s (%s)\n", s->id, s->ended ? "ended" : "open");
	if (s->codebook) {
		fputs("- Codebook: ", f);
		md_cell(f, s->codebook);
		fputs("\n", f);
	}
	fputs("\nA contribution is quoted with its speaker's id only when the speaker consented to be\n"
		"quoted; every other contribution and consent reason is given without attribution.\n"
		"Retracted contributions are left out.\n\n", f);
}

static void write_participants(FILE *f, const struct export_doc *d)
{
	bool names = d->options.names, communities = d->options.communities;
	if (d->n_participants == 0) {
		fputs("## Who took part\n\nNo participants were listed.\n\n", f);
		return;
	}
	fputs("## Who took part\n\n| id | role |", f);
	fputs(names ? " name |" : "", f);
	fputs(communities ? " community |" : "", f);
	fputs(" may be quoted | contributions |\n| --- | --- |", f);
	fputs(names ? " --- |" : "", f);
	fputs(communities ? " --- |" : "", f);
	fputs(" --- | ---: |\n", f);
	for (int i = 0; i < d->n_participants; i++) {
		const struct export_participant *p = &d->participants[i];
		fputs("| ", f);
		md_cell(f, p->id);
		fprintf(f, " | %s%s |", participant_role_name(p->role), p->added_live ? ", added during the session" : "");
		if (names) {
			fputs(" ", f);
			md_cell(f, p->name ? p->name : "");
			fputs(" |", f);
		}
		if (communities) {
			fputs(" ", f);
			md_cell(f, p->community ? p->community : "");
			fputs(" |", f);
		}
		fprintf(f, " %s | %d |\n", p->consent_quotes ? "yes" : "no", p->contributions);
	}
	fputs("\n", f);
}

static bool write_code_counts(FILE *f, const struct export_doc *d)
{
	struct report_code_count *counts;
	int n;
	if (!report_code_counts(d, &counts, &n))
		return false;
	fputs("## Contributions per code\n\n| code | label | contributions |\n| --- | --- | ---: |\n", f);
	for (int i = 0; i < n; i++) {
		fputs("| ", f);
		md_cell(f, counts[i].code);
		fputs(" | ", f);
		md_cell(f, counts[i].label ? counts[i].label : "");
		fprintf(f, " | %d |\n", counts[i].count);
	}
	fputs("\n", f);
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
	fprintf(f, "## %d. ", index + 1);
	md_text(f, item->title, md_line, false);
	fprintf(f, "\n\nTime planned %s", planned);
	if (item->planned_seconds != item->planned_minutes * 60)
		fprintf(f, " (%s on the agenda)", agenda);
	fprintf(f, " \xc2\xb7 spent %s\n\n", spent);
	if (item->n_domains > 0) {
		fputs("Codes of this item: ", f);
		for (int i = 0; i < item->n_domains; i++) {
			fputs(i ? ", " : "", f);
			md_cell(f, item->domains[i]);
		}
		fputs("\n\n", f);
	}
	if (item->n_prompts > 0) {
		fputs("Prompts:\n\n", f);
		for (int i = 0; i < item->n_prompts; i++) {
			fputs("- ", f);
			md_text(f, item->prompts[i], (struct md_place){ "  " }, true);
			fputs("\n", f);
		}
		fputs("\n", f);
	}
}

/* The codes of a contribution after the first (its group says that one). */
static void write_more_codes(FILE *f, const struct export_contribution *c)
{
	if (c->n_tags < 2)
		return;
	fputs(" (also ", f);
	for (int t = 1; t < c->n_tags; t++) {
		fputs(t > 1 ? ", " : "", f);
		md_cell(f, c->tags[t]);
	}
	fputs(")", f);
}

/* A recommendation's status in the register, on a line of its own under it (a hard line
 * break, so that it stays in the item or quote it belongs to). */
static void write_status(FILE *f, const struct store_rec *entry, const char *indent)
{
	char *last = entry ? rec_text_last(entry) : NULL;
	if (!last)
		return;
	fprintf(f, "\\\n%s*Status:* ", indent);
	md_text(f, last, (struct md_place){ indent }, false);
	free(last);
}

static void write_contribution(FILE *f, const struct export_doc *d, const struct export_contribution *c)
{
	if (c->quotable && c->participant) {
		fputs("> ", f);
		md_text(f, c->text, (struct md_place){ "> " }, true);
		fputs("\n>\n> \xe2\x80\x94 ", f);
		md_cell(f, c->participant);
	} else {
		fputs("- ", f);
		md_text(f, c->text, (struct md_place){ "  " }, true);
	}
	write_more_codes(f, c);
	if (d->several_consoles) {
		fputs(" \xc2\xb7 typed at ", f);
		md_cell(f, c->console);
	}
	write_status(f, c->entry, c->quotable && c->participant ? "> " : "  ");
	fputs("\n\n", f);
}

static bool write_contributions(FILE *f, const struct export_doc *d, int item)
{
	struct report_groups groups;
	if (!report_groups_build(d, item, &groups))
		return false;
	if (groups.n_list == 0)
		fputs("Nothing was recorded on this item.\n\n", f);
	for (int g = 0; g < groups.n_groups; g++) {
		const struct report_group *group = &groups.groups[g];
		if (g == 0 || groups.groups[g - 1].kind != group->kind)
			fprintf(f, "### %s\n\n", report_kind_heading(group->kind));
		fputs("#### ", f);
		if (group->code) {
			md_cell(f, group->code);
			if (group->label) {
				fputs(" \xc2\xb7 ", f);
				md_cell(f, group->label);
			}
		} else {
			fputs("Without a code", f);
		}
		fputs("\n\n", f);
		for (int i = group->first; i < group->first + group->n; i++)
			write_contribution(f, d, groups.list[i]);
	}
	report_groups_free(&groups);
	return true;
}

static bool write_outcome(FILE *f, const struct agenda_vote *def, const struct tally_result *result)
{
	struct result_text words = { 0 };
	result_text_outcome(&words, def, result);
	bool ok = md_words(f, &words, true);
	result_text_free(&words);
	fputs("\n\n", f);
	return ok;
}

/* One row per option (value, position), as the console's bars: label, count, share. */
static void write_bars(FILE *f, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	struct report_bars bars;
	report_vote_bars(v, &bars);
	const char *first = def->type == VOTE_SCALE ? "answer" : def->type == VOTE_CONSENT ? "position" : "option";
	fprintf(f, "| %s | count |%s\n| --- | ---: |%s\n", first, bars.shares ? " share |" : "",
		bars.shares ? " ---: |" : "");
	for (int i = 0; i < bars.n; i++) {
		fputs("| ", f);
		md_label(f, def, i, i == bars.highlight);
		fprintf(f, " | %ld |", bars.values[i]);
		if (bars.shares) {
			char share[16];
			result_text_share(bars.shares[i], share, sizeof share);
			fprintf(f, " %s |", share);
		}
		fputs("\n", f);
	}
	fputs("\n", f);
}

/* Points (Borda) and every instant-runoff round, one row per option. */
static void write_rank(FILE *f, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	const struct tally_result *r = &v->result;
	bool transfers = tally_runoff_moved(r);
	char cell[256];
	int rounds = result_text_has_rounds(r) ? r->n_rounds : 0;
	fprintf(f, "| option | %s |", RESULT_TEXT_POINTS);
	for (int round = 0; round < rounds; round++)
		fprintf(f, " %s %d |", RESULT_TEXT_ROUND, round + 1);
	fputs("\n| --- | ---: |", f);
	for (int round = 0; round < rounds; round++)
		fputs(" ---: |", f);
	fputs("\n", f);
	for (int i = 0; i < r->n_options; i++) {
		bool borda = i == r->borda_winner;
		fputs("| ", f);
		md_label(f, def, i, borda && i == r->winner);
		fprintf(f, " | %s%ld%s |", borda ? "**" : "", r->borda[i], borda ? "**" : "");
		for (int round = 0; round < rounds; round++) {
			bool won = round == r->n_rounds - 1 && i == r->winner;
			result_text_runoff_cell(r, round, i, transfers, cell, sizeof cell);
			fprintf(f, " %s%s%s |", won ? "**" : "", cell, won ? "**" : "");
		}
		fputs("\n", f);
	}
	if (rounds > 0 && r->rounds[r->n_rounds - 1].exhausted > 0) {
		fprintf(f, "| %s | |", RESULT_TEXT_EXHAUSTED);
		for (int round = 0; round < r->n_rounds; round++)
			fprintf(f, " %ld |", r->rounds[round].exhausted);
		fputs("\n", f);
	}
	result_text_runoff_note(r, transfers, cell, sizeof cell);
	fputs("\n", f);
	md_text(f, cell, md_line, true);
	fputs("\n\n", f);
}

/* The consent reasons, blocks and objections first; with who gave them only when they
 * consented to be quoted (report_reason_words()). */
static bool write_reasons(FILE *f, const struct export_doc *d, const struct tally_result *r)
{
	bool ok = true;
	for (int i = 0; i < r->n_reasons; i++) {
		struct result_text words = { 0 };
		report_reason_words(d, &r->reasons[i], REPORT_FOR_READERS, &words);
		fputs("- ", f);
		ok = md_words(f, &words, true) && ok;
		fputs("\n", f);
		result_text_free(&words);
	}
	if (r->n_reasons > 0)
		fputs("\n", f);
	return ok;
}

/* False when memory ran out. */
static bool write_vote(FILE *f, const struct export_doc *d, const struct export_vote *v)
{
	const struct agenda_vote *def = v->def;
	fputs("### Vote: ", f);
	md_text(f, def->question, md_line, false);
	fprintf(f, "\n\n%s \xc2\xb7 %s%s%s\n\n", vote_type_name(def->type), report_vote_status(v),
		def->anonymous ? " \xc2\xb7 a show of hands" : "", v->adhoc ? " \xc2\xb7 a poll" : "");
	enum report_vote_shows shows = report_vote_shows(v);
	if (shows == REPORT_VOTE_NO_COUNTS)
		return write_outcome(f, def, NULL);
	if (shows != REPORT_VOTE_RESULT) {
		fprintf(f, "%s\n\n", report_vote_missing(shows));
		return true;
	}
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
		md_text(f, summary, md_line, true);
		fputs("\n\n", f);
	}
	return true;
}

static void write_recommendations(FILE *f, const struct export_doc *d, int item)
{
	bool any = false;
	for (int i = 0; i < d->n_recommendations; i++) {
		const struct export_recommendation *rec = &d->recommendations[i];
		if (rec->item != item)
			continue;
		if (!any)
			fputs("### The group's recommendations\n\n", f);
		any = true;
		fputs("- ", f);
		md_text(f, rec->text, (struct md_place){ "  " }, true);
		write_status(f, rec->entry, "  ");
		fputs("\n", f);
	}
	if (any)
		fputs("\n", f);
}

int export_md_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen)
{
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
	}
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
