/* codebook: see codebook.h. The Indicators of Integration framework, third edition
 * (UK Home Office, 2019): 14 domains in four groups. */
#include "config/codebook.h"

#include <stdlib.h>
#include <string.h>

#include "config/suggest.h"

static const struct codebook_entry ioi_2019[] = {
	{ "work", "Work", "Markers and means" },
	{ "housing", "Housing", "Markers and means" },
	{ "education", "Education", "Markers and means" },
	{ "health", "Health and social care", "Markers and means" },
	{ "leisure", "Leisure", "Markers and means" },
	{ "bonds", "Bonds", "Social connections" },
	{ "bridges", "Bridges", "Social connections" },
	{ "links", "Links", "Social connections" },
	{ "language", "Language and communication", "Facilitators" },
	{ "culture", "Culture", "Facilitators" },
	{ "digital", "Digital skills", "Facilitators" },
	{ "safety", "Safety", "Facilitators" },
	{ "stability", "Stability", "Facilitators" },
	{ "rights", "Rights and responsibilities", "Foundation" },
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
	for (int i = 0; i < codebook->n_entries; i++)
		if (strcmp(codebook->entries[i].code, code) == 0)
			return &codebook->entries[i];
	return NULL;
}

const char *codebook_nearest(const struct codebook *codebook, const char *code)
{
	const char **codes = malloc((size_t)codebook->n_entries * sizeof *codes + 1);
	if (!codes)
		return NULL;
	for (int i = 0; i < codebook->n_entries; i++)
		codes[i] = codebook->entries[i].code;
	const char *near = suggest_nearest(code, codes, (size_t)codebook->n_entries);
	free(codes);
	return near;
}
