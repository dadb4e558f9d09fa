/* report_html: the report across sessions as one self-contained, printable HTML page:
 * inline CSS, the matrix as a heat map (a table whose cells are coloured by their count),
 * a bar chart per domain of its obstacles, successes and ideas as inline SVG (one
 * <rect class="bar" data-kind=KIND> per bar, scaled to the largest count of any domain),
 * the consented quotes, the recommendations with the votes on their items. No external
 * URL, font, image or script. Every text from the database is HTML-escaped (& < > " ').
 * Its own small helpers (escaping, colours): what it could share with the per-session
 * HTML writer is listed in docs/reports.md. Reads only the report document; never exits. */
#ifndef KLANKBORD_REPORT_HTML_H
#define KLANKBORD_REPORT_HTML_H

#include <stdio.h>

#include "out/report_doc.h"

/* 0, or EX_IOERR with a message when writing failed. */
int report_html_write(const struct report_doc *doc, FILE *out, char *err, size_t errlen);

#endif
