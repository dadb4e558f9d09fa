/* export_formats: see export_formats.h. */
#include "out/export_formats.h"

#include <stdio.h>
#include <string.h>

#include "out/export_csv.h"
#include "out/export_html.h"
#include "out/export_json.h"
#include "out/export_md.h"
#include "out/export_qdc.h"
#include "out/export_qdpx.h"

static const struct export_format formats[] = {
	{ "json", "the whole structured log (docs/export-format.md)", false, export_json_write },
	{ "md", "a readable report in Markdown: contributions by kind and code, vote results", false,
		export_md_write },
	{ "html", "the same report as one self-contained, printable HTML file with bar charts", false,
		export_html_write },
	{ "csv", "one row per contribution (RFC 4180), for spreadsheets and analysis", false, export_csv_write },
	{ "qdc", "the codebook for analysis software (REFI-QDA, docs/refi-qda.md)", false, export_qdc_write },
	{ "qdpx", "a coded project for NVivo, ATLAS.ti, MAXQDA, QualCoder (REFI-QDA; needs -o)", true,
		export_qdpx_write },
};
enum { N_FORMATS = (int)(sizeof formats / sizeof formats[0]) };

const struct export_format *export_format_find(const char *name)
{
	for (int i = 0; i < N_FORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const struct export_format *export_format_at(int index)
{
	return index >= 0 && index < N_FORMATS ? &formats[index] : NULL;
}

void export_format_names(char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < N_FORMATS && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", formats[i].name);
}
