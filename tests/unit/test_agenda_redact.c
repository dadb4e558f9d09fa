/* test_agenda_redact: an erased participant's name, community and languages leave the
 * agenda text kept with a session; everything else stays byte for byte, in block and
 * flow style; the name elsewhere goes only as a whole word; the result still loads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "config/agenda.h"
#include "config/agenda_redact.h"
#include "config/diag.h"

static const char agenda[] =
	"# Zainab Qarawi brings tea\n"
	"session:\n"
	"  title: Evening with Zainab Qarawi, مساء 🌙\n" /* characters of 2 and 4 bytes before her */
	"  notes: Ask Zainab Qarawi's neighbour; Zainab Qarawina is someone else\n"
	"participants:\n"
	"  - id: P01\n"
	"    name: Zainab Qarawi\n"
	"    languages:\n"
	"      - ar\n"
	"      - nl   # Arabic at home\n"
	"    community: Yazidi\n"
	"    consent: {quotes: true}\n"
	"  - {id: P02, name: \"Wei\", community: Hakka, languages: [zh]}\n"
	"  - id: P03\n"
	"    name: Tesfay\n"
	"agenda:\n"
	"  - id: arrival\n"
	"    title: Arrival\n"
	"    minutes: 10\n";

static char *redact(const char *text, const char *id)
{
	char *out = NULL, err[256];
	size_t len = 0;
	assert_int_equal(agenda_redact_participant(text, strlen(text), id, &out, &len, err, sizeof err), 0);
	assert_int_equal(strlen(out), len);
	return out;
}

static struct agenda *load(const char *text)
{
	struct diag_list d;
	diag_list_init(&d);
	struct agenda *a = agenda_load_buffer(text, strlen(text), &d);
	diag_list_free(&d);
	assert_non_null(a);
	return a;
}

static void test_block_style(void **state)
{
	(void)state;
	char *out = redact(agenda, "P01");
	assert_null(strstr(out, "Zainab Qarawi "));
	assert_null(strstr(out, "Yazidi"));
	assert_null(strstr(out, "- ar"));
	assert_null(strstr(out, "Arabic at home")); /* a comment inside the erased list goes with it */
	assert_non_null(strstr(out, "# (erased) brings tea\n"));
	assert_non_null(strstr(out, "title: Evening with (erased), مساء 🌙\n"));
	assert_non_null(strstr(out, "Ask (erased)'s neighbour; Zainab Qarawina is someone else"));
	assert_non_null(strstr(out, "    name: null\n    languages:\n      null\n    community: null\n"));
	assert_non_null(strstr(out, "{id: P02, name: \"Wei\", community: Hakka, languages: [zh]}"));
	struct agenda *a = load(out);
	assert_int_equal(a->n_participants, 3);
	assert_null(a->participants[0].name);
	assert_null(a->participants[0].community);
	assert_int_equal(a->participants[0].n_languages, 0);
	assert_true(a->participants[0].consent_quotes);
	assert_string_equal(a->participants[1].name, "Wei");
	agenda_free(a);
	/* erased again: nothing more changes, and no null is taken for a name */
	char *again = redact(out, "P01");
	assert_string_equal(again, out);
	free(again);
	free(out);
}

static void test_flow_style(void **state)
{
	(void)state;
	char *out = redact(agenda, "P02");
	assert_non_null(strstr(out, "{id: P02, name: null, community: null, languages: null}"));
	assert_non_null(strstr(out, "name: Zainab Qarawi\n"));
	struct agenda *a = load(out);
	assert_null(a->participants[1].name);
	assert_null(a->participants[1].community);
	agenda_free(a);
	free(out);
}

static void test_not_in_agenda(void **state)
{
	(void)state;
	char *out = redact(agenda, "P21"); /* added live: the text does not name them */
	assert_string_equal(out, agenda);
	free(out);
	char *bad = NULL, err[256];
	size_t len;
	assert_int_not_equal(agenda_redact_participant("a: [", 4, "P01", &bad, &len, err, sizeof err), 0);
	assert_null(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_style),
		cmocka_unit_test(test_flow_style),
		cmocka_unit_test(test_not_in_agenda),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
