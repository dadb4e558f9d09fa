/* export_csv: a session's contributions as CSV (RFC 4180) for analysis in a spreadsheet,
 * R or pandas (docs/export-formats.md), a writer over the export document.
 *
 * One header row, then one row per contribution in the order of the log, retracted ones
 * included and marked: session, item, seq, entry (its number in the session, as /edit and
 * /retract take it), at, participant, kind, codes, text, retracted, quotable; then name only with --names and community only with --communities (the
 * speaker's, empty when none: columns the document does not hold are not there at all).
 * Every field is quoted, quotes inside are doubled, rows end in CR LF; text is
 * UTF-8 without a byte-order mark; a line break inside a text (CR LF, CR or LF) is kept
 * inside its quotes as LF, the line break spreadsheets write inside a cell.
 * The participant column holds the speaker's id (a pseudonym) whether or not they
 * consented to quotes, as the JSON does: the quotable column says whether a report may
 * quote the row. A field that starts with = + - @, a tab or a line break gets a leading
 * apostrophe so that a spreadsheet reads it as text, never as a formula; unsafe
 * characters (config/textsafe.h) other than tab and line breaks become U+FFFD. So the
 * CSV passes the terminal's text rule unchanged: standard output and -o FILE get the
 * same bytes. The JSON keeps the exact text.
 * Never prints anything but the CSV; never exits. */
#ifndef KLANKBORD_EXPORT_CSV_H
#define KLANKBORD_EXPORT_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

/* The apostrophe put before a field a spreadsheet would read as a formula. */
#define EXPORT_CSV_GUARD '\''

/* Writes the CSV to out. Returns 0, or EX_IOERR with a message. */
int export_csv_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen);

#endif
