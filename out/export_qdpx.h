/* export_qdpx: a REFI-QDA project (.qdpx, QDA-XML 1.0) for NVivo, ATLAS.ti, MAXQDA and
 * QualCoder, a writer over export documents (docs/refi-qda.md tells the mapping).
 *
 * The .qdpx is a zip (zip_store.h) of project.qde (namespace urn:QDA-XML:project:1.0)
 * and, in a flat lowercase sources/ folder, one plain-text source per agenda item and
 * one text per note, each named after its GUID. The project holds the codebook with the
 * contribution kinds (qda_codebook.h); each contribution that was not retracted as a
 * PlainTextSelection over its own text in its item's source, coded with its codes and its
 * kind; the participants as Cases with their variables and their selections; the votes
 * with their results (vote_plain.h) and the recommendations as Notes. GUIDs are stable (qda_guid.h);
 * text follows xml_out.h's rule, positions count code points of the text as written.
 *
 * Writes only what the documents hold: names and communities only when the document was
 * built with them. Several documents make one project (for a report over sessions): the
 * codebook once, every session's sources, cases and notes. Never prints anything but the
 * archive; never exits. */
#ifndef KLANKBORD_EXPORT_QDPX_H
#define KLANKBORD_EXPORT_QDPX_H

#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

/* Writes one session's project to out. Returns 0, or a sysexits code with a message. */
int export_qdpx_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen);
/* Writes one project of n_docs sessions (n_docs >= 1), called name (NULL: the first
 * session's title); each source, case and note name then starts with its session's date. */
int export_qdpx_write_docs(const struct export_doc *const *docs, int n_docs, const char *name, FILE *out,
	char *err, size_t errlen);

#endif
