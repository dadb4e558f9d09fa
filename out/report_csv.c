/* report_csv: see report_csv.h. */
#include "out/report_csv.h"

#include <inttypes.h>
#include <string.h>
#include <sysexits.h>

static void field(FILE *out, const char *text, bool first)
{
	if (!first)
		fputc(',', out);
	if (!text)
		text = "";
	if (!strpbrk(text, ",\"\r\n")) {
		fputs(text, out);
		return;
	}
	fputc('"', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

static void row_line(FILE *out, const struct report_doc *doc, const struct report_row *row)
{
	field(out, row->code, true);
	field(out, row->label, false);
	field(out, row->group, false);
	fprintf(out, ",%" PRId64 ",%d", row->total, row->sessions);
	for (int i = 0; i < doc->n_sessions; i++)
		fprintf(out, ",%" PRId64, row->per_session[i]);
	for (int k = 0; k < KIND_COUNT; k++)
		fprintf(out, ",%" PRId64, row->kinds[k]);
	fputs("\r\n", out);
}

int report_csv_write(const struct report_doc *doc, FILE *out, char *err, size_t errlen)
{
	fputs("code,label,group,total,sessions", out);
	for (int i = 0; i < doc->n_sessions; i++) {
		char head[32];
		snprintf(head, sizeof head, "%s %.8s", doc->sessions[i].day, doc->sessions[i].id);
		field(out, head, false);
	}
	for (int k = 0; k < KIND_COUNT; k++)
		field(out, report_kind_word(k), false);
	fputs("\r\n", out);
	for (int r = 0; r < doc->n_rows; r++)
		row_line(out, doc, &doc->rows[r]);
	row_line(out, doc, &doc->all);
	if (ferror(out)) {
		snprintf(err, errlen, "cannot write the report");
		return EX_IOERR;
	}
	return 0;
}
