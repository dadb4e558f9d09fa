/* report_json: the report across sessions as one JSON object for scripts, with four keys
 * that are stable (docs/reports.md):
 *   sessions         [{id, title, organisation, date, contributions}] in date order
 *   matrix           [{code, label, group, total, per_session, kinds}] in codebook order;
 *                    per_session in the order of sessions, kinds {kind: count}
 *   quotes           [{session, item, participant, kind, codes, text}]: kind quote,
 *                    speaker consented
 *   recommendations  [{session, item, text, seq, source, codes, votes}]; votes
 *                    [{vote, question, result, closed}] held on the item
 * Reads only the report document; never exits. */
#ifndef KLANKBORD_REPORT_JSON_H
#define KLANKBORD_REPORT_JSON_H

#include <stdio.h>

#include "out/report_doc.h"

/* 0, EX_OSERR when out of memory, EX_IOERR when writing failed (with a message). */
int report_json_write(const struct report_doc *doc, FILE *out, char *err, size_t errlen);

#endif
