/* export_qdc: the session's codebook as a REFI-QDA codebook file (.qdc, namespace
 * urn:QDA-XML:codebook:1.0), a writer over the export document (docs/refi-qda.md).
 *
 * The groups are codes that cannot be coded, the entries codes under them, named by
 * their labels, the short code and the group in each Description; the GUIDs are the
 * project's (qda_guid.h), so a codebook imported first and a project imported after it
 * share their codes. Holds no participant data at all. Never prints anything but the
 * file; never exits. */
#ifndef KLANKBORD_EXPORT_QDC_H
#define KLANKBORD_EXPORT_QDC_H

#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

/* Writes the codebook to out. Returns 0, or EX_IOERR or EX_OSERR with a message. */
int export_qdc_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen);

#endif
