/* rec_text: how a recommendation's place in the register is said and written, once for
 * every writer: `klankbord recs`, the export's JSON, Markdown and HTML, the report and
 * the console's follow-up screen (docs/recommendations.md). The words of a status are
 * config/rec_status.h's. Pure: reads a struct store_rec, never the store; never prints. */
#ifndef KLANKBORD_REC_TEXT_H
#define KLANKBORD_REC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "sessions/json.h"
#include "storage/store.h"

/* "accepted 2026-11-02: the municipality starts language lessons within 4 weeks": the
 * status, the day of the newest change and its note (no ": ..." when the note is empty);
 * "open" for a recommendation whose status never changed. malloc'd; NULL when out of
 * memory. */
char *rec_text_last(const struct store_rec *rec);

/* Into the open JSON object: "status" (the status's word) and "history", a list of
 * {at (local ISO 8601), status, note, by}, oldest first. */
void rec_text_json(struct json_buf *j, const struct store_rec *rec);

#endif
