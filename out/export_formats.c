/* export_formats: see export_formats.h. */
#include "out/export_formats.h"

#include <stdio.h>
#include <string.h>

#include "out/export_json.h"
#include "out/export_qdc.h"
#include "out/export_qdpx.h"

static const struct export_format formats[] = {
	{ "json", "the whole structured log (docs/export-format.md)", false, export_json_write },
	{ "qdc", "the codebook for analysis software (REFI-QDA, docs/refi-qda.md)", false, export_qdc_write },
	{ "qdpx", "a coded project for NVivo, ATLAS.ti, MAXQDA, QualCoder (REFI-QDA)", true, export_qdpx_write },
};
enum { N_FORMATS = (int)(sizeof formats / sizeof formats[0]) };

const struct export_format *export_format_find(const char *name)
{
	for (int i = 0; i < N_FORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

void export_format_names(char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < N_FORMATS && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", formats[i].name);
}
