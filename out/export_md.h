/* export_md: a session as a readable Markdown report (docs/export-formats.md), a writer
 * over the export document: title, organisation, date, who took part, the contributions
 * per code, then per agenda item its prompts, time planned and spent, contributions by
 * kind and code, each vote with its result in the console's words (result_text.h), and
 * its recommendations.
 *
 * Writes only what the document holds (export_doc.h applies the privacy options). A
 * contribution is a quote with its speaker's id only when it is quotable; any other is
 * given without attribution; retracted ones are left out. Text from outside is escaped
 * so that it cannot make a heading, list, link, image, HTML, table cell or emphasis in
 * CommonMark or GitHub Markdown (backslashes; an invisible zero-width non-joiner before
 * the '@' of what GitHub would link as an e-mail address), and its unsafe characters
 * (config/textsafe.h) become U+FFFD; line breaks in it stay line breaks. Never prints
 * anything but the report; never exits. */
#ifndef KLANKBORD_EXPORT_MD_H
#define KLANKBORD_EXPORT_MD_H

#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

/* Writes the report to out. Returns 0, or EX_IOERR or EX_OSERR with a message. */
int export_md_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen);

#endif
