/* export_formats: the one table of the formats `klankbord export` writes. Each entry is a
 * writer over the export document (export_doc.h), which has already applied the privacy
 * options: a new format is a new writer module and one row here (docs/export-formats.md).
 * Owns nothing; never prints. */
#ifndef KLANKBORD_EXPORT_FORMATS_H
#define KLANKBORD_EXPORT_FORMATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

struct export_format {
	const char *name;            /* what --format takes */
	const char *summary;         /* one line for --help */
	bool binary;                 /* not text: refused on standard output, needs --output */
	/* Writes the whole document to out; 0, or a sysexits code with a message. */
	int (*write)(const struct export_doc *doc, FILE *out, char *err, size_t errlen);
};

/* The format called name, or NULL. */
const struct export_format *export_format_find(const char *name);
/* The index-th format of the table (from 0), or NULL past its end: for help texts. */
const struct export_format *export_format_at(int index);
/* "json, md, ...": every name, for messages. */
void export_format_names(char *out, size_t size);

#endif
