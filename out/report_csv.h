/* report_csv: the matrix of the report across sessions as CSV for a spreadsheet (RFC 4180:
 * every field quoted when it holds a comma, a quote or a line break, quotes doubled, lines
 * ending in CR LF, a header row). Columns: code, label, group, total, sessions (how many
 * it came up in), one column per session in date order headed "DATE ID8" (the date and
 * the first 8 characters of the id), then one column per kind. One row per code in
 * codebook order, then the row "" for every contribution, coded or not. Reads only the
 * report document; never exits. */
#ifndef KLANKBORD_REPORT_CSV_H
#define KLANKBORD_REPORT_CSV_H

#include <stdio.h>

#include "out/report_doc.h"

/* 0, or EX_IOERR with a message when writing failed. */
int report_csv_write(const struct report_doc *doc, FILE *out, char *err, size_t errlen);

#endif
