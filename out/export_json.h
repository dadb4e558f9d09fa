/* export_json: the JSON export (docs/export-format.md), a writer over the export document.
 *
 * Writes only what the document holds (export_doc.h applies the privacy options). Every
 * string is JSON-escaped, so control characters and escape sequences in stored text reach
 * no terminal raw. Never prints anything but the export itself; never exits. */
#ifndef KLANKBORD_EXPORT_JSON_H
#define KLANKBORD_EXPORT_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

/* Writes the JSON document and a newline to out. Returns 0, or EX_IOERR or EX_OSERR
 * with a message. */
int export_json_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen);

#endif
