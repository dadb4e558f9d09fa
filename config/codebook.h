/* codebook: the codes contributions are tagged with, in groups.
 *
 * Built-in codebooks are static tables; an agenda may bring its own list instead.
 * Owns nothing: entries point to static strings or to the agenda that loaded them. */
#ifndef KLANKBORD_CODEBOOK_H
#define KLANKBORD_CODEBOOK_H

#include <stdbool.h>

struct codebook_entry {
	const char *code;   /* short code used as #code, e.g. "language" */
	const char *label;  /* e.g. "Language and communication" */
	const char *group;  /* e.g. "Facilitators" */
	const char *alias;  /* the same code in Dutch ("wonen" for housing), or NULL: typed as
	                     * #wonen, recorded and reported as the code */
};

struct codebook {
	const char *name;   /* "ioi-2019", or "custom" for a list given in the agenda */
	const struct codebook_entry *entries;
	int n_entries;
};

#define CODEBOOK_DEFAULT "ioi-2019"

/* Fills *out with the built-in codebook of that name; false when there is none. */
bool codebook_builtin(const char *name, struct codebook *out);
/* Comma-separated names of the built-in codebooks, for messages. */
const char *codebook_builtin_names(void);
/* The entry with this code or alias (lower case, as the capture line reads codes), or
 * NULL. Callers record the entry's code, never the alias. */
const struct codebook_entry *codebook_find(const struct codebook *codebook, const char *code);
/* The code or alias nearest to one typed wrong (suggest_nearest(): #langauge, language;
 * #woning, wonen), or NULL when none is near enough or out of memory. */
const char *codebook_nearest(const struct codebook *codebook, const char *code);

#endif
