/* test_export_qdpx: the project writer over several export documents, the form the report
 * of several sessions is to use (out/export_qdpx.h): the codebook is written once, every
 * session brings its own sources, cases and notes, and their names start with the
 * session's date. One session's export is checked end to end by tests/e2e/qda.sh. Uses the
 * Nijmegen agenda ($SHARED/agendas/valid/) and a fake clock. */
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
#include "out/export_qdpx.h"
#include "sessions/session.h"
#include "storage/store.h"

struct fixture {
	char dir[256], db[300];
	int64_t now;
	struct agenda *agenda;
	struct store *store;
	struct session *s[2];
};

static int64_t fake_now(void *ctx)
{
	return ((struct fixture *)ctx)->now;
}

static void line(struct fixture *f, struct session *s, const char *text)
{
	struct session_result r;
	if (session_apply_line(s, text, strlen(text), &r) != 0)
		fail_msg("\"%s\" was refused: %s", text, r.message);
	f->now += 1000;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp";
	snprintf(f->dir, sizeof f->dir, "%s/test_export_qdpx.XXXXXX", tmp);
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
	for (int i = 0; i < 2; i++)
		if (session_start(f->store, f->agenda, NULL, 0, "hall", clock, &f->s[i], err, sizeof err) != 0)
			fail_msg("%s", err);
	line(f, f->s[0], "E01: !obstacle waited 9 months for #language lessons");
	line(f, f->s[1], "E02: !success a volunteer helped #bridges #language");
	line(f, f->s[1], "/recommend Start lessons in the first month");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < 2; i++)
		session_free(f->s[i]);
	store_close(f->store);
	agenda_free(f->agenda);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", f->db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->db);
	unlink(side);
	unlink(f->db);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* project.qde out of a stored zip: the entry's data after its local header. */
static char *project_qde(const unsigned char *zip, size_t len)
{
	for (size_t at = 0; at + 30 < len;) {
		const unsigned char *h = zip + at;
		size_t data = (size_t)h[18] | (size_t)h[19] << 8 | (size_t)h[20] << 16 | (size_t)h[21] << 24;
		size_t name = (size_t)h[26] | (size_t)h[27] << 8;
		if (name == 11 && memcmp(h + 30, "project.qde", 11) == 0)
			return strndup((const char *)h + 30 + name, data);
		at += 30 + name + data;
	}
	return NULL;
}

static int count(const char *text, const char *what)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void test_two_sessions_one_project(void **state)
{
	struct fixture *f = *state;
	struct export_doc *docs[2];
	char err[512];
	for (int i = 0; i < 2; i++)
		if (export_doc_build(f->s[i], NULL, &docs[i], err, sizeof err) != 0)
			fail_msg("%s", err);
	char *zip = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&zip, &len);
	assert_int_equal(export_qdpx_write_docs((const struct export_doc *const *)docs, 2, "Two evenings", out, err,
		sizeof err), 0);
	fclose(out);
	char *qde = project_qde((const unsigned char *)zip, len);
	assert_non_null(qde);
	assert_non_null(strstr(qde, "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Two evenings\""));
	/* the codebook once, each session's items, cases and notes */
	assert_int_equal(count(qde, "name=\"Language and communication\""), 1);
	assert_int_equal(count(qde, "name=\"kind\""), 1);
	assert_int_equal(count(qde, "<TextSource "), 2 * f->agenda->n_items);
	assert_int_equal(count(qde, "name=\"2024-03-14 1. Welcome and ground rules\""), 2);
	assert_int_equal(count(qde, "<Case "), 2 * f->agenda->n_participants);
	assert_int_equal(count(qde, "name=\"2024-03-14 E01\""), 2);
	assert_int_equal(count(qde, "<PlainTextSelection "), 2);
	assert_int_equal(count(qde, "name=\"2024-03-14 Recommendation 1: Welcome and ground rules\""), 1);
	assert_int_equal(count(qde, "klankbord session "), 2);
	free(qde);
	free(zip);
	for (int i = 0; i < 2; i++)
		export_doc_free(docs[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_sessions_one_project, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
