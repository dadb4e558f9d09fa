/* test_report_parts: what the report writers share (out/report_parts.h), and the edges of
 * the Markdown, HTML and CSV writers that a recorded session cannot easily reach: a CR LF
 * inside a text, indentation after a line break, "1)" at a line's start, "www.", a
 * text that starts like a formula, invalid UTF-8. Documents are built by hand: a
 * codebook of three codes, two items, contributions with repeated, unknown and no codes.
 * Writers write into memory (open_memstream). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "out/export_csv.h"
#include "out/export_html.h"
#include "out/export_md.h"
#include "out/report_parts.h"

static const struct codebook_entry entries[] = {
	{ "work", "Work", "Markers" }, { "language", "Language and communication", "Facilitators" },
	{ "links", "Links", "Connections" },
};

static char *t_language[] = { "language" }, *t_links_work[] = { "links", "work" }, *t_work[] = { "work" },
	*t_odd[] = { "zz-odd", "work", "zz-odd" }, *t_aa[] = { "aa-odd" };

/* Contributions of item 0 and one of item 1, in log order (seq). */
static struct export_contribution contributions[] = {
	{ .seq = 2, .item = 0, .participant = "E01", .kind = KIND_OBSTACLE, .text = "obstacle on language",
		.tags = t_language, .n_tags = 1, .quotable = true },
	{ .seq = 3, .item = 0, .participant = "E02", .kind = KIND_EXPERIENCE, .text = "links first",
		.tags = t_links_work, .n_tags = 2 },
	{ .seq = 4, .item = 0, .participant = "E02", .kind = KIND_EXPERIENCE, .text = "work",
		.tags = t_work, .n_tags = 1 },
	{ .seq = 5, .item = 0, .participant = NULL, .kind = KIND_EXPERIENCE, .text = "no code" },
	{ .seq = 6, .item = 0, .participant = "E01", .kind = KIND_EXPERIENCE, .text = "odd code",
		.tags = t_odd, .n_tags = 3 },
	{ .seq = 7, .item = 0, .participant = "E01", .kind = KIND_EXPERIENCE, .text = "retracted", .retracted = true,
		.tags = t_work, .n_tags = 1 },
	{ .seq = 8, .item = 0, .participant = "E02", .kind = KIND_EXPERIENCE, .text = "work again",
		.tags = t_work, .n_tags = 1 },
	{ .seq = 9, .item = 0, .participant = "E01", .kind = KIND_EXPERIENCE, .text = "aa code", .tags = t_aa,
		.n_tags = 1 },
	{ .seq = 10, .item = 1, .participant = "E01", .kind = KIND_NOTE, .text = "other item" },
};
enum { N_CONTRIBUTIONS = (int)(sizeof contributions / sizeof contributions[0]) };

static struct export_participant participants[] = {
	{ .id = "E01", .role = ROLE_EXPERT, .consent_quotes = true },
	{ .id = "E02", .role = ROLE_EXPERT },
};
static struct export_item items[] = { { .id = "one", .title = "One" }, { .id = "two", .title = "Two" } };

static struct export_doc doc_of(struct export_contribution *list, int n)
{
	return (struct export_doc){ .session = { .id = "s", .title = "T", .codes = entries, .n_codes = 3,
			.started_ms = 1764577338000 /* 2025-12-01 08:22:18 UTC */ },
		.participants = participants, .n_participants = 2, .items = items, .n_items = 2,
		.contributions = list, .n_contributions = n };
}

static void test_date(void **state)
{
	(void)state;
	struct export_doc d = doc_of(contributions, N_CONTRIBUTIONS);
	char date[64];
	setenv("TZ", "UTC", 1);
	tzset();
	/* an agenda dated another day than the session was recorded: both, so that a reused
	 * agenda shows (and notes typed in later say so) */
	d.session.date = "2024-03-14";
	report_date(&d, date, sizeof date);
	assert_string_equal(date, "2024-03-14 (recorded 2025-12-01)");
	d.session.date = "2025-12-01";
	report_date(&d, date, sizeof date);
	assert_string_equal(date, "2025-12-01");
	d.session.date = NULL;
	report_date(&d, date, sizeof date);
	assert_string_equal(date, "2025-12-01");
	setenv("TZ", "Etc/GMT+9", 1); /* UTC-9: 23:22 the day before */
	tzset();
	report_date(&d, date, sizeof date);
	assert_string_equal(date, "2025-11-30");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void test_duration(void **state)
{
	(void)state;
	char text[32];
	/* In words: "Time planned 10:00" read as ten o'clock, "spent 00:08" as eight minutes. */
	static const struct { int64_t seconds; const char *text; } cases[] = {
		{ 0, "0 min" }, { 8, "8 s" }, { 59, "59 s" }, { 60, "1 min" }, { 89, "1 min" }, { 90, "2 min" },
		{ 425, "7 min" }, { 3570, "1 h" }, { 3600, "1 h" }, { 3900, "1 h 5 min" },
		{ 7200, "2 h" }, { -5, "0 min" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		report_duration(cases[i].seconds, text, sizeof text);
		assert_string_equal(text, cases[i].text);
	}
}

static void test_groups(void **state)
{
	(void)state;
	struct export_doc d = doc_of(contributions, N_CONTRIBUTIONS);
	struct report_groups g;
	assert_true(report_groups_build(&d, 0, &g));
	/* experience before obstacle; within experience: work, links (codebook order), then
	 * codes it lacks in byte order (aa-odd, zz-odd), then none; the retracted one is out */
	static const int64_t order[] = { 4, 8, 3, 9, 6, 5, 2 };
	assert_int_equal(g.n_list, 7);
	for (int i = 0; i < g.n_list; i++)
		assert_int_equal(g.list[i]->seq, order[i]);
	assert_int_equal(g.n_groups, 6);
	assert_int_equal(g.groups[0].kind, KIND_EXPERIENCE);
	assert_string_equal(g.groups[0].code, "work");
	assert_string_equal(g.groups[0].label, "Work");
	assert_int_equal(g.groups[0].n, 2);
	assert_string_equal(g.groups[1].code, "links");
	assert_string_equal(g.groups[2].code, "aa-odd");
	assert_null(g.groups[2].label);
	assert_string_equal(g.groups[3].code, "zz-odd");
	assert_null(g.groups[4].code);
	assert_int_equal(g.groups[5].kind, KIND_OBSTACLE);
	assert_int_equal(g.groups[5].first, 6);
	report_groups_free(&g);
	assert_true(report_groups_build(&d, 1, &g));
	assert_int_equal(g.n_list, 1);
	report_groups_free(&g);
	report_groups_free(NULL);
}

static void test_code_counts(void **state)
{
	(void)state;
	struct export_doc d = doc_of(contributions, N_CONTRIBUTIONS);
	struct report_code_count *counts;
	int n;
	assert_true(report_code_counts(&d, &counts, &n));
	assert_int_equal(n, 5);
	const char *codes[] = { "work", "language", "links", "aa-odd", "zz-odd" };
	const int want[] = { 4, 1, 1, 1, 1 }; /* zz-odd twice in one contribution counts once */
	for (int i = 0; i < n; i++) {
		assert_string_equal(counts[i].code, codes[i]);
		assert_int_equal(counts[i].count, want[i]);
	}
	free(counts);
}

static void test_chars(void **state)
{
	(void)state;
	const char text[] = "a\r\nb\rc\n\t\x1b\xc2\x85\xff\xd8\xb3";
	size_t len = sizeof text - 1, at = 0;
	const enum report_char_class want[] = { REPORT_CHAR_TEXT, REPORT_CHAR_BREAK, REPORT_CHAR_TEXT,
		REPORT_CHAR_BREAK, REPORT_CHAR_TEXT, REPORT_CHAR_BREAK, REPORT_CHAR_TAB, REPORT_CHAR_CONTROL,
		REPORT_CHAR_CONTROL, REPORT_CHAR_CONTROL, REPORT_CHAR_TEXT };
	const size_t lens[] = { 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 2 };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct report_char ch;
		assert_true(at < len);
		report_char_next(text, len, &at, &ch);
		assert_int_equal(ch.class, want[i]);
		assert_int_equal(ch.len, lens[i]);
	}
	assert_int_equal(at, len);
}

static void test_vote_shows(void **state)
{
	(void)state;
	struct agenda_vote def = { .type = VOTE_SINGLE }, hidden = { .type = VOTE_SINGLE, .hide_results = true },
		hands = { .type = VOTE_SINGLE, .anonymous = true };
	struct export_vote v = { .def = &def, .status = EXPORT_VOTE_NOT_OPENED };
	assert_int_equal(report_vote_shows(&v), REPORT_VOTE_NOT_OPENED);
	v.status = EXPORT_VOTE_OPEN;
	assert_int_equal(report_vote_shows(&v), REPORT_VOTE_UNREADABLE);
	v.counted = true;
	assert_int_equal(report_vote_shows(&v), REPORT_VOTE_RESULT);
	v.def = &hidden;
	assert_int_equal(report_vote_shows(&v), REPORT_VOTE_HIDDEN);
	v.status = EXPORT_VOTE_CLOSED;
	assert_int_equal(report_vote_shows(&v), REPORT_VOTE_RESULT);
	v.def = &hands;
	assert_int_equal(report_vote_shows(&v), REPORT_VOTE_NO_COUNTS);
	assert_string_equal(report_vote_status(&v), "closed");
	assert_null(report_vote_missing(REPORT_VOTE_RESULT));
	assert_non_null(report_vote_missing(REPORT_VOTE_HIDDEN));
}

/* What a writer makes of a document with one contribution holding text. */
static char *written(int (*write)(const struct export_doc *, FILE *, char *, size_t), const char *text,
	bool quotable)
{
	struct export_contribution c = { .seq = 2, .item = 0, .participant = "E01", .kind = KIND_NOTE, .text = text,
		.quotable = quotable };
	struct export_doc d = doc_of(&c, 1);
	char *out = NULL, err[128];
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	assert_non_null(f);
	assert_int_equal(write(&d, f, err, sizeof err), 0);
	fclose(f);
	return out;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("\"%s\" not found in:\n%s", needle, haystack);
}

static void test_md_escapes(void **state)
{
	(void)state;
	char *md = written(export_md_write, "first\r\n    # indented\r2) two\nwww.x.org a@b.nl *x*", true);
	assert_contains(md, "> first\\\n> \\# indented\\\n> 2\\) two\\\n> www\\.x.org a\xe2\x80\x8c@b.nl \\*x\\*\n");
	free(md);
	md = written(export_md_write, "+ plus, = equals, x\xffy", false);
	assert_contains(md, "- \\+ plus, = equals, x\xef\xbf\xbdy\n");
	assert_null(strstr(md, "E01\n")); /* not quotable: no attribution */
	free(md);
}

static void test_html_escapes(void **state)
{
	(void)state;
	char *html = written(export_html_write, "<b a='1' b=\"2\">&amp;</b>\r\nnext\x1b[2J", false);
	assert_contains(html, "&lt;b a=&#39;1&#39; b=&quot;2&quot;&gt;&amp;amp;&lt;/b&gt;<br>next\xef\xbf\xbd[2J");
	assert_null(strstr(html, "\x1b"));
	free(html);
}

static void test_csv_fields(void **state)
{
	(void)state;
	char *csv = written(export_csv_write, "-1 \"x\"\r\ny\x1b", false);
	assert_contains(csv, ",\"'-1 \"\"x\"\"\ny\xef\xbf\xbd\",\"false\",\"false\"\r\n");
	free(csv);
	csv = written(export_csv_write, "a = b", false);
	assert_contains(csv, ",\"a = b\",");
	free(csv);
}

/* One rule says who a consent reason comes from: a report names its speaker only with
 * consent; a format for analysis always gives the id, and marks the reason of a speaker
 * who does not consent; a name only when the document holds names. */
static void test_reason_attribution(void **state)
{
	(void)state;
	struct export_participant people[] = { { .id = "E01", .consent_quotes = true, .name = "Amal" },
		{ .id = "E02", .consent_quotes = false } };
	struct export_doc d = doc_of(NULL, 0);
	d.participants = people;
	d.n_participants = 2;
	const struct {
		int who;
		enum report_audience audience;
		const char *words;
	} cases[] = {
		{ 0, REPORT_FOR_READERS, "E01 Amal (block): too soon" },
		{ 1, REPORT_FOR_READERS, "A participant (block): too soon" },
		{ 0, REPORT_FOR_ANALYSIS, "E01 Amal (block): too soon" },
		{ 1, REPORT_FOR_ANALYSIS, "E02 (block): too soon (not to be quoted)" },
		{ 7, REPORT_FOR_READERS, "A participant (block): too soon" },
		{ 7, REPORT_FOR_ANALYSIS, "? (block): too soon (not to be quoted)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tally_reason reason = { .participant = cases[i].who, .position = CONSENT_BLOCK, .text = "too soon" };
		struct result_text words = { 0 };
		assert_true(report_reason_words(&d, &reason, cases[i].audience, &words));
		char *line = result_text_join(&words);
		assert_string_equal(line, cases[i].words);
		free(line);
		result_text_free(&words);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_code_counts),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_vote_shows),
		cmocka_unit_test(test_md_escapes),
		cmocka_unit_test(test_html_escapes),
		cmocka_unit_test(test_csv_fields),
		cmocka_unit_test(test_reason_attribution),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
