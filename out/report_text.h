/* report_text: the report across sessions as plain text (for a terminal or a file) and as
 * Markdown. Sections: the sessions (S1, S2, ... in date order), the matrix by IoI group
 * (a column per session for at most REPORT_TEXT_MAX_COLUMNS sessions), the domains that
 * recur, per domain its obstacles and successes with the consented quotes, every
 * recommendation with the result of each vote held on its item; the text format ends with
 * the counts per code and kind that `klankbord report` printed before (kept for scripts).
 * Reads only the report document; no names, no communities. Text from the database is
 * written as it is in plain text (standard output is a safe stream) and escaped in
 * Markdown. Never exits. */
#ifndef KLANKBORD_REPORT_TEXT_H
#define KLANKBORD_REPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "out/report_doc.h"

enum { REPORT_TEXT_MAX_COLUMNS = 12 };

/* 0, or EX_IOERR with a message when writing failed. */
int report_text_write(const struct report_doc *doc, bool markdown, FILE *out, char *err, size_t errlen);

#endif
