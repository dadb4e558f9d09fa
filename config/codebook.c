/* codebook: see codebook.h. The Indicators of Integration framework, third edition
 * (UK Home Office, 2019): 14 domains in four groups, each with a Dutch word a Dutch
 * note-taker types (docs/capture.md, "Dutch words"). */
#include "config/codebook.h"

#include <stdlib.h>
#include <string.h>

#include "config/suggest.h"

static const struct codebook_entry ioi_2019[] = {
	{ "work", "Work", "Markers and means", "werk" },
	{ "housing", "Housing", "Markers and means", "wonen" },
	{ "education", "Education", "Markers and means", "onderwijs" },
	{ "health", "Health and social care", "Markers and means", "zorg" },
	{ "leisure", "Leisure", "Markers and means", "vrijetijd" },
	{ "bonds", "Bonds", "Social connections", "banden" },
	{ "bridges", "Bridges", "Social connections", "bruggen" },
	{ "links", "Links", "Social connections", "instanties" },
	{ "language", "Language and communication", "Facilitators", "taal" },
	{ "culture", "Culture", "Facilitators", "cultuur" },
	{ "digital", "Digital skills", "Facilitators", "digitaal" },
	{ "safety", "Safety", "Facilitators", "veiligheid" },
	{ "stability", "Stability", "Facilitators", "stabiliteit" },
	{ "rights", "Rights and responsibilities", "Foundation", "rechten" },
};

bool codebook_builtin(const char *name, struct codebook *out)
{
	if (strcmp(name, "ioi-2019") != 0)
		return false;
	out->name = "ioi-2019";
	out->entries = ioi_2019;
	out->n_entries = (int)(sizeof ioi_2019 / sizeof ioi_2019[0]);
	return true;
}

const char *codebook_builtin_names(void)
{
	return "ioi-2019";
}

const struct codebook_entry *codebook_find(const struct codebook *codebook, const char *code)
{
	for (int i = 0; i < codebook->n_entries; i++) {
		const struct codebook_entry *e = &codebook->entries[i];
		if (strcmp(e->code, code) == 0 || (e->alias && strcmp(e->alias, code) == 0))
			return e;
	}
	return NULL;
}

const char *codebook_nearest(const struct codebook *codebook, const char *code)
{
	const char **codes = malloc((size_t)codebook->n_entries * 2 * sizeof *codes + 1);
	if (!codes)
		return NULL;
	size_t n = 0;
	for (int i = 0; i < codebook->n_entries; i++) {
		codes[n++] = codebook->entries[i].code;
		if (codebook->entries[i].alias)
			codes[n++] = codebook->entries[i].alias;
	}
	const char *near = suggest_nearest(code, codes, n);
	free(codes);
	return near;
}
