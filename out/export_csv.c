/* export_csv: see export_csv.h. The columns are part of the format: scripts read them by
 * name, golden files byte for byte. */
#include "out/export_csv.h"

#include <errno.h>
#include <string.h>
#include <sysexits.h>

#include "out/iso_time.h"
#include "out/report_parts.h"

static const char *const columns[] = {
	"session", "item", "seq", "entry", "at", "participant", "kind", "codes", "text", "retracted", "quotable",
};
enum { N_COLUMNS = (int)(sizeof columns / sizeof columns[0]) };

/* True when a spreadsheet would take a field starting with c for a formula (OWASP's list). */
static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

/* A field's opening quote, with the guard when its text starts like a formula. */
static void csv_open(FILE *f, const char *text)
{
	fputc('"', f);
	if (formula_start(text[0]))
		fputc(EXPORT_CSV_GUARD, f);
}

/* Text inside a field: quotes doubled, a line break (CR LF, CR or LF) as a spreadsheet
 * writes one inside a cell (LF), unsafe characters replaced. */
static void csv_put(FILE *f, const char *text)
{
	size_t len = strlen(text), at = 0;
	while (at < len) {
		struct report_char ch;
		report_char_next(text, len, &at, &ch);
		if (ch.class == REPORT_CHAR_CONTROL)
			fputs(REPORT_REPLACEMENT, f);
		else if (ch.class == REPORT_CHAR_BREAK)
			fputc('\n', f);
		else if (ch.len == 1 && ch.bytes[0] == '"')
			fputs("\"\"", f);
		else
			fwrite(ch.bytes, 1, ch.len, f);
	}
}

/* The closing quote and what follows: a comma, or the end of the row. */
static void csv_close(FILE *f, bool last)
{
	fputs(last ? "\"\r\n" : "\",", f);
}

static void csv_field(FILE *f, const char *text, bool last)
{
	csv_open(f, text);
	csv_put(f, text);
	csv_close(f, last);
}

/* The codes joined with ';'. */
static void csv_codes(FILE *f, const struct export_contribution *c)
{
	csv_open(f, c->n_tags > 0 ? c->tags[0] : "");
	for (int t = 0; t < c->n_tags; t++) {
		if (t > 0)
			fputc(';', f);
		csv_put(f, c->tags[t]);
	}
	csv_close(f, false);
}

/* The speaker of a contribution, or NULL for a note-taker's note. */
static const struct export_participant *participant_of(const struct export_doc *d,
	const struct export_contribution *c)
{
	for (int i = 0; c->participant && i < d->n_participants; i++)
		if (strcmp(d->participants[i].id, c->participant) == 0)
			return &d->participants[i];
	return NULL;
}

/* entry: the contribution's number in the session (docs/capture.md), from 1. */
static void csv_row(FILE *f, const struct export_doc *d, const struct export_contribution *c, int entry)
{
	char seq[32], number[32], at[48];
	snprintf(seq, sizeof seq, "%lld", (long long)c->seq);
	snprintf(number, sizeof number, "%d", entry);
	iso_time(c->at_ms, at, sizeof at);
	csv_field(f, d->session.id, false);
	csv_field(f, c->item >= 0 && c->item < d->n_items ? d->items[c->item].id : "", false);
	csv_field(f, seq, false);
	csv_field(f, number, false);
	csv_field(f, at, false);
	csv_field(f, c->participant ? c->participant : "", false);
	csv_field(f, contribution_kind_name(c->kind), false);
	csv_codes(f, c);
	csv_field(f, c->text, false);
	csv_field(f, c->retracted ? "true" : "false", false);
	csv_field(f, c->quotable ? "true" : "false", !d->options.names && !d->options.communities);
	const struct export_participant *p = participant_of(d, c);
	if (d->options.names)
		csv_field(f, p && p->name ? p->name : "", !d->options.communities);
	if (d->options.communities)
		csv_field(f, p && p->community ? p->community : "", true);
}

int export_csv_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen)
{
	bool names = doc->options.names, communities = doc->options.communities;
	for (int i = 0; i < N_COLUMNS; i++)
		csv_field(out, columns[i], i == N_COLUMNS - 1 && !names && !communities);
	if (names)
		csv_field(out, "name", !communities);
	if (communities)
		csv_field(out, "community", true);
	for (int i = 0; i < doc->n_contributions; i++)
		csv_row(out, doc, &doc->contributions[i], i + 1);
	if (ferror(out) || fflush(out) != 0) {
		snprintf(err, errlen, "cannot write the CSV: %s", strerror(errno ? errno : EIO));
		return EX_IOERR;
	}
	return 0;
}
