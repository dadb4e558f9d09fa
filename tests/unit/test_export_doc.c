/* test_export_doc: the export document applies the privacy options once, for every writer:
 * without names and communities it holds none (participants and event payloads alike);
 * with them it holds exactly those asked for. It counts each vote with the session's one
 * tally, marks quotable contributions by consent, and export_json writes a document that
 * parses back. Uses the Nijmegen agenda ($SHARED/agendas/valid/) and a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out/export_doc.h"
#include "out/export_json.h"
#include "sessions/json.h"
#include "sessions/session.h"
#include "storage/store.h"

struct fixture {
	char dir[256], db[300];
	int64_t now;
	struct agenda *agenda;
	struct store *store;
	struct session *s;
};

static int64_t fake_now(void *ctx)
{
	return ((struct fixture *)ctx)->now;
}

static void line(struct fixture *f, const char *text)
{
	struct session_result r;
	if (session_apply_line(f->s, text, strlen(text), &r) != 0)
		fail_msg("\"%s\" was refused: %s", text, r.message);
	f->now += 1000;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp";
	snprintf(f->dir, sizeof f->dir, "%s/test_export_doc.XXXXXX", tmp);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db, sizeof f->db, "%s/k.db", f->dir);
	f->now = 1710437400000;
	const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/agendas/valid/expert-pool-nijmegen.yaml", shared);
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error = false;
	f->agenda = agenda_load_file(path, &diags, &io_error);
	diag_list_free(&diags);
	if (!f->agenda)
		fail_msg("cannot load %s; set SHARED to the shared folder", path);
	if (store_open(f->db, &f->store, err, sizeof err) != 0)
		fail_msg("%s", err);
	struct session_clock clock = { fake_now, f };
	if (session_start(f->store, f->agenda, NULL, 0, "hall", clock, &f->s, err, sizeof err) != 0)
		fail_msg("%s", err);
	line(f, "E01: !quote the letters came in Dutch only #language");
	line(f, "E02: !obstacle nobody called back #links");
	line(f, "/participant E21 Fatima Example");
	line(f, "E21: my neighbour helped");
	line(f, "/item trust");
	line(f, "/vote contact-moment");
	line(f, "E01: 1 2 3 4");
	line(f, "E02: 2 1");
	line(f, "/close");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	session_free(f->s);
	store_close(f->store);
	agenda_free(f->agenda);
	unlink(f->db);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", f->db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->db);
	unlink(side);
	rmdir(f->dir);
	free(f);
	return 0;
}

static struct export_doc *build(struct fixture *f, bool names, bool communities)
{
	struct export_options options = { .names = names, .communities = communities };
	struct export_doc *doc;
	char err[512];
	if (export_doc_build(f->s, &options, &doc, err, sizeof err) != 0)
		fail_msg("%s", err);
	return doc;
}

static bool events_hold(const struct export_doc *doc, const char *text)
{
	for (int i = 0; i < doc->n_events; i++)
		if (doc->events[i].payload && strstr(doc->events[i].payload, text))
			return true;
	return false;
}

static void test_default_holds_no_names(void **state)
{
	struct fixture *f = *state;
	struct export_doc *doc = build(f, false, false);
	assert_int_equal(doc->n_participants, f->s->n_participants);
	for (int i = 0; i < doc->n_participants; i++) {
		assert_null(doc->participants[i].name);
		assert_null(doc->participants[i].community);
	}
	assert_false(events_hold(doc, "Fatima"));
	assert_false(events_hold(doc, "\"name\""));
	assert_true(events_hold(doc, "\"id\":\"E21\""));
	export_doc_free(doc);
}

static void test_options_give_what_they_name(void **state)
{
	struct fixture *f = *state;
	struct export_doc *doc = build(f, true, false);
	assert_string_equal(doc->participants[0].name, "Amal");
	assert_null(doc->participants[0].community);
	assert_true(events_hold(doc, "\"name\":\"Fatima Example\""));
	export_doc_free(doc);
	doc = build(f, false, true);
	assert_null(doc->participants[0].name);
	assert_string_equal(doc->participants[0].community, "Syrian");
	assert_false(events_hold(doc, "Fatima"));
	export_doc_free(doc);
}

static void test_contributions_votes_and_consent(void **state)
{
	struct fixture *f = *state;
	struct export_doc *doc = build(f, false, false);
	assert_int_equal(doc->n_contributions, 3);
	assert_string_equal(doc->contributions[0].participant, "E01");
	assert_true(doc->contributions[0].quotable);   /* E01: consent: {quotes: true} */
	assert_false(doc->contributions[1].quotable);  /* E02: quotes: false */
	assert_false(doc->contributions[2].quotable);  /* added live: no consent given */
	const struct export_vote *v = NULL;
	for (int i = 0; i < doc->n_votes; i++)
		if (strcmp(doc->votes[i].def->id, "contact-moment") == 0)
			v = &doc->votes[i];
	assert_non_null(v);
	assert_int_equal(v->status, EXPORT_VOTE_CLOSED);
	assert_true(v->counted);
	assert_int_equal(v->n_ballots, 2);
	assert_int_equal(v->result.voters, 2);
	assert_false(doc->votes[0].counted); /* language-first was never opened */
	assert_true(doc->session.ended == false);
	assert_string_equal(doc->session.current_item, "trust");
	export_doc_free(doc);
}

static void test_json_writer_parses(void **state)
{
	struct fixture *f = *state;
	struct export_doc *doc = build(f, false, false);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	char err[256];
	assert_int_equal(export_json_write(doc, out, err, sizeof err), 0);
	fclose(out);
	struct json_value *v = json_parse(text, len - 1); /* without the newline */
	assert_non_null(v);
	assert_string_equal(json_get_string(v, "format"), "klankbord-export");
	const struct json_value *events = json_get(v, "events");
	assert_non_null(events);
	assert_int_equal(events->n_items, doc->n_events);
	assert_null(strstr(text, "Fatima"));
	assert_null(strstr(text, "Syrian"));
	json_free(v);
	free(text);
	export_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_holds_no_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options_give_what_they_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contributions_votes_and_consent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_writer_parses, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
