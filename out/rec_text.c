/* rec_text: see rec_text.h. */
#include "out/rec_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/rec_status.h"
#include "out/iso_time.h"

char *rec_text_last(const struct store_rec *rec)
{
	if (rec->n_history == 0)
		return strdup(rec_status_name(REC_OPEN));
	const struct store_rec_change *last = &rec->history[rec->n_history - 1];
	char day[11];
	iso_day(last->at_ms, day);
	const char *name = rec_status_name(last->status);
	size_t size = strlen(name) + strlen(last->note) + 16;
	char *text = malloc(size);
	if (text)
		snprintf(text, size, "%s %s%s%s", name, day, last->note[0] ? ": " : "", last->note);
	return text;
}

void rec_text_json(struct json_buf *j, const struct store_rec *rec)
{
	json_member_string(j, "status", rec_status_name(rec->status));
	json_key(j, "history");
	json_array_begin(j);
	for (int h = 0; h < rec->n_history; h++) {
		const struct store_rec_change *c = &rec->history[h];
		char at[48];
		iso_time(c->at_ms, at, sizeof at);
		json_object_begin(j);
		json_member_string(j, "at", at);
		json_member_string(j, "status", rec_status_name(c->status));
		json_member_string(j, "note", c->note);
		json_member_string(j, "by", c->by);
		json_object_end(j);
	}
	json_array_end(j);
}
