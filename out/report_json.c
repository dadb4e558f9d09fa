/* report_json: see report_json.h. */
#include "out/report_json.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "out/rec_text.h"
#include "sessions/json.h"

static void sessions(struct json_buf *j, const struct report_doc *doc)
{
	json_key(j, "sessions");
	json_array_begin(j);
	for (int i = 0; i < doc->n_sessions; i++) {
		const struct store_report_session *s = &doc->sessions[i];
		json_object_begin(j);
		json_member_string(j, "id", s->id);
		json_member_string(j, "title", s->title);
		json_member_string(j, "organisation", s->organisation);
		json_member_string(j, "date", s->day);
		json_member_int(j, "contributions", s->contributions);
		json_object_end(j);
	}
	json_array_end(j);
}

static void matrix(struct json_buf *j, const struct report_doc *doc)
{
	json_key(j, "matrix");
	json_array_begin(j);
	for (int r = 0; r < doc->n_rows; r++) {
		const struct report_row *row = &doc->rows[r];
		json_object_begin(j);
		json_member_string(j, "code", row->code);
		json_member_string(j, "label", row->label);
		json_member_string(j, "group", row->group);
		json_member_int(j, "total", row->total);
		json_key(j, "per_session");
		json_array_begin(j);
		for (int i = 0; i < doc->n_sessions; i++)
			json_int(j, row->per_session[i]);
		json_array_end(j);
		json_key(j, "kinds");
		json_object_begin(j);
		for (int k = 0; k < KIND_COUNT; k++)
			json_member_int(j, report_kind_word(k), row->kinds[k]);
		json_object_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void quotes(struct json_buf *j, const struct report_doc *doc)
{
	json_key(j, "quotes");
	json_array_begin(j);
	for (int c = 0; c < doc->n_contributions; c++) {
		const struct store_report_contribution *con = &doc->contributions[c];
		if (!con->quotable || strcmp(con->kind, "quote") != 0)
			continue;
		json_object_begin(j);
		json_member_string(j, "session", doc->sessions[con->session].id);
		json_member_string(j, "item", con->item);
		json_member_string(j, "participant", con->participant);
		json_member_string(j, "kind", con->kind);
		json_key(j, "codes"), json_space_list(j, con->codes);
		json_member_string(j, "text", con->text);
		json_object_end(j);
	}
	json_array_end(j);
}

static void recommendations(struct json_buf *j, const struct report_doc *doc)
{
	json_key(j, "recommendations");
	json_array_begin(j);
	for (int c = 0; c < doc->n_contributions; c++) {
		const struct store_report_contribution *con = &doc->contributions[c];
		if (strcmp(con->kind, "recommendation") != 0)
			continue;
		const struct store_rec *entry = doc->entries ? doc->entries[c] : NULL;
		json_object_begin(j);
		json_member_string(j, "id", entry ? entry->id : NULL);
		json_member_string(j, "session", doc->sessions[con->session].id);
		json_member_string(j, "item", con->item);
		json_member_string(j, "text", con->text);
		json_member_int(j, "seq", con->seq);
		json_member_string(j, "source", con->recommend ? "recommend" : "contribution");
		json_key(j, "codes"), json_space_list(j, con->codes);
		json_key(j, "votes");
		json_array_begin(j);
		for (int v = report_doc_next_vote(doc, con->session, con->item, 0); v >= 0;
			v = report_doc_next_vote(doc, con->session, con->item, v + 1)) {
			json_object_begin(j);
			json_member_string(j, "vote", doc->votes[v].vote_id);
			json_member_string(j, "question", doc->votes[v].question);
			json_member_string(j, "result", doc->votes[v].outcome);
			json_member_bool(j, "closed", doc->votes[v].closed);
			json_object_end(j);
		}
		json_array_end(j);
		if (entry)
			rec_text_json(j, entry);
		json_object_end(j);
	}
	json_array_end(j);
}

int report_json_write(const struct report_doc *doc, FILE *out, char *err, size_t errlen)
{
	struct json_buf j = { 0 };
	json_object_begin(&j);
	sessions(&j, doc);
	matrix(&j, doc);
	quotes(&j, doc);
	recommendations(&j, doc);
	json_object_end(&j);
	int rc = 0;
	if (!j.data || j.failed) {
		snprintf(err, errlen, "out of memory");
		rc = EX_OSERR;
	} else if (fprintf(out, "%s\n", j.data) < 0) {
		snprintf(err, errlen, "cannot write the report");
		rc = EX_IOERR;
	}
	json_buf_free(&j);
	return rc;
}
