/* test_agenda: the agenda loader, beyond the shared corpus (tests/e2e/agendas.sh):
 * what it reads from a full agenda, every problem reported at its node, hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/agenda.h"
#include "config/yamltree.h"

static const char *shared_dir(void)
{
	const char *s = getenv("SHARED");
	return s && *s ? s : "../shared";
}

/* Loads text; returns the agenda (or NULL) and leaves the problems in *diags. */
static struct agenda *load(const char *text, struct diag_list *diags)
{
	diag_list_init(diags);
	return agenda_load_buffer(text, strlen(text), diags);
}

/* Asserts that text is refused with a problem at line:col whose message contains words. */
static void assert_problem(const char *text, int line, int col, const char *words)
{
	struct diag_list diags;
	struct agenda *a = load(text, &diags);
	assert_null(a);
	bool found = false;
	for (int i = 0; i < diags.count && !found; i++)
		found = diags.items[i].line == line && diags.items[i].col == col && strstr(diags.items[i].message, words);
	if (!found) {
		for (int i = 0; i < diags.count; i++)
			print_message("  got %d:%d: %s\n", diags.items[i].line, diags.items[i].col, diags.items[i].message);
		fail_msg("expected %d:%d: ...%s...", line, col, words);
	}
	diag_list_free(&diags);
}

#define HEAD "session:\n  title: T\n"

static void test_full_agenda_is_read(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/agendas/valid/expert-pool-nijmegen.yaml", shared_dir());
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error = true;
	struct agenda *a = agenda_load_file(path, &diags, &io_error);
	assert_non_null(a);
	assert_false(io_error);
	assert_int_equal(diags.count, 0);
	assert_string_equal(a->session.title, "Expert pool: first experiences with the Integration Act 2021");
	assert_string_equal(a->session.organisation, "Municipality of Nijmegen");
	assert_string_equal(a->session.date, "2024-03-14");
	assert_string_equal(a->session.start, "18:30");
	assert_int_equal(a->session.n_languages, 4);
	assert_non_null(strstr(a->session.notes, "Interpreters for Arabic"));
	assert_string_equal(a->codebook.name, "ioi-2019");
	assert_int_equal(a->codebook.n_entries, 14);
	assert_int_equal(a->n_participants, 6);
	assert_string_equal(a->participants[0].id, "E01");
	assert_string_equal(a->participants[0].name, "Amal");
	assert_true(a->participants[0].consent_quotes);
	assert_false(a->participants[1].consent_quotes);
	assert_null(a->participants[2].name);
	assert_int_equal(a->participants[4].role, ROLE_INTERPRETER);
	assert_int_equal(a->participants[5].role, ROLE_STAFF);
	assert_int_equal(a->n_items, 6);
	assert_int_equal(agenda_total_minutes(a), 130);
	assert_int_equal(agenda_total_votes(a), 6);
	assert_int_equal(a->items[1].n_prompts, 2);
	assert_int_equal(a->items[1].n_domains, 3);
	assert_string_equal(a->items[1].domains[0], "housing");
	int item;
	const struct agenda_vote *v = agenda_vote_find(a, "language-first", &item);
	assert_non_null(v);
	assert_int_equal(item, 2);
	assert_int_equal(v->type, VOTE_DOTS);
	assert_int_equal(v->dots, 3);
	assert_int_equal(v->max_per_option, 2);
	assert_int_equal(v->n_options, 4);
	assert_string_equal(v->options[1], "Informal language caf\xc3\xa9s in the neighbourhood");
	assert_true(v->voter_roles[ROLE_EXPERT]);
	assert_false(v->voter_roles[ROLE_INTERPRETER]);
	v = agenda_vote_find(a, "lessons-fit", NULL);
	assert_int_equal(v->type, VOTE_SCALE);
	assert_int_equal(v->min, 1);
	assert_int_equal(v->max, 5);
	assert_int_equal(v->n_labels, 3);
	assert_int_equal(v->labels[2].value, 5);
	assert_string_equal(v->labels[2].text, "very well");
	v = agenda_vote_find(a, "work-routes", NULL);
	assert_int_equal(v->max_choices, 2);
	v = agenda_vote_find(a, "show-of-hands", NULL);
	assert_true(v->anonymous);
	assert_true(v->hide_results);
	assert_int_equal(agenda_item_index(a, "trust"), 4);
	assert_int_equal(agenda_participant_index(a, "E04"), 3);
	assert_non_null(strstr(a->source, "klankbord: 1"));
	agenda_free(a);
	diag_list_free(&diags);
}

static void test_every_problem_reported_in_order(void **state)
{
	(void)state;
	const char *text =
		"session:\n"
		"  titel: T\n"                       /* 2:3 unknown key (did you mean title?) */
		"agenda:\n"
		"  - id: a\n"
		"    title: A\n"
		"    minutes: 0\n"                   /* 6:14 range */
		"  - id: a\n"                        /* 7:9 duplicate item id */
		"    title: B\n"
		"    minutes: 5\n"
		"    domains: [wrok]\n";             /* 10:15 unknown code, did you mean work */
	struct diag_list diags;
	assert_null(load(text, &diags));
	assert_int_equal(diags.count, 4);
	assert_int_equal(diags.items[0].line, 2);
	assert_string_equal(diags.items[0].message, "unknown key titel (did you mean title?)");
	assert_int_equal(diags.items[1].line, 6);
	assert_int_equal(diags.items[1].col, 14);
	assert_int_equal(diags.items[2].line, 7);
	assert_int_equal(diags.items[2].col, 9);
	assert_string_equal(diags.items[2].message, "duplicate agenda item id a (first at line 4)");
	assert_int_equal(diags.items[3].line, 10);
	assert_int_equal(diags.items[3].col, 15);
	assert_string_equal(diags.items[3].message, "unknown code wrok in codebook ioi-2019 (did you mean work?)");
	diag_list_free(&diags);
}

static void test_print_caps_at_twenty(void **state)
{
	(void)state;
	char text[8192] = HEAD "agenda:\n";
	for (int i = 0; i < 30; i++) {
		size_t used = strlen(text);
		snprintf(text + used, sizeof text - used, "  - {id: i%d, title: X, minutes: 999}\n", i);
	}
	struct diag_list diags;
	assert_null(load(text, &diags));
	assert_int_equal(diags.count, 30);
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	diag_print(&diags, "f.yaml", f);
	fclose(f);
	int lines = 0;
	for (char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 21);
	assert_non_null(strstr(out, "f.yaml:4:33: minutes must be a whole number from 1 to 600\n"));
	assert_non_null(strstr(out, "f.yaml: 10 more problems not shown\n"));
	free(out);
	diag_list_free(&diags);
}

static void test_unknown_key_far_from_any_lists_keys(void **state)
{
	(void)state;
	assert_problem(HEAD "agenda:\n  - {id: a, title: A, minutes: 5, colour: red}\n", 4, 35,
		"unknown key colour in agenda item (keys: id, title, minutes, prompt, prompts, notes, domains, votes)");
}

static void test_positions_with_crlf_bom_and_wide_text(void **state)
{
	(void)state;
	/* CR LF line ends and a BOM do not shift positions; columns count characters */
	assert_problem("\xef\xbb\xbfsession:\r\n  title: T\r\nagenda:\r\n  - {id: a, title: A, minutes: x}\r\n", 4, 32,
		"minutes must be a whole number");
	assert_problem("session:\n  title: \"\xd8\xac\xd9\x84\xd8\xb3\xd8\xa9 \xe2\x80\x94 \xe4\xbc\x9a\xe8\xae\xae\"\n"
		"  start: \"\xd8\xac\xd9\x84\"\nagenda: []\n", 3, 10, "start must be a time");
	/* a control character after Arabic text: column in characters, not bytes */
	assert_problem("session:\n  title: \xd8\xac\xd9\x84\x07\nagenda: []\n", 2, 12, "control character U+0007");
}

static void test_hostile_sizes(void **state)
{
	(void)state;
	struct diag_list diags;
	size_t big = AGENDA_MAX_FILE_BYTES + 1;
	char *text = malloc(big);
	memset(text, '#', big);
	diag_list_init(&diags);
	assert_null(agenda_load_buffer(text, big, &diags));
	assert_int_equal(diags.count, 1);
	assert_non_null(strstr(diags.items[0].message, "at most 1048576 (1 MiB)"));
	diag_list_free(&diags);
	/* one scalar over 64 KiB */
	size_t n = 70 * 1024;
	memcpy(text, "session:\n  title: ", 18);
	memset(text + 18, 'a', n);
	memcpy(text + 18 + n, "\nagenda: []\n", 13);
	diag_list_init(&diags);
	assert_null(agenda_load_buffer(text, strlen(text), &diags));
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].col, 10);
	assert_string_equal(diags.items[0].message, "text too long: 71680 bytes, at most 65536");
	diag_list_free(&diags);
	free(text);
}

static void test_hostile_structure(void **state)
{
	(void)state;
	assert_problem(HEAD "agenda: [{id: a, title: A, minutes: 5}]\nx: *anchor\n", 4, 4, "aliases are not allowed");
	assert_problem(HEAD "agenda: !!seq [{id: a, title: A, minutes: 5}]\n", 3, 9, "tags");
	assert_problem(HEAD "agenda: [{id: a, title: A, minutes: 5}]\n---\nsession: {}\n", 4, 1, "one YAML document");
	assert_problem("- session\n- agenda\n", 1, 1, "an agenda file is a mapping with session: and agenda: at the top, not a list");
	assert_problem("just text\n", 1, 1, "not text");
	assert_problem(HEAD "? [a, b]\n: c\n", 3, 3, "a key must be plain text, not a list");
	assert_problem("session: {title: \"a\\0b\"}\nagenda: []\n", 1, 18, "NUL character");
	assert_problem("session:\n  title: T\n  title: U\n  title: V\nagenda: []\n", 4, 3, "duplicate key title (first at line 2)");
	assert_problem("session: {title: [unclosed\n", 2, 1, "YAML syntax error");
	assert_problem("  \n# only a comment\n", 1, 1, "empty agenda file");
}

static void test_nesting_limit_is_exact(void **state)
{
	(void)state;
	char text[256];
	struct yamltree_limits limits = { AGENDA_MAX_DEPTH, AGENDA_MAX_SCALAR_BYTES };
	for (int depth = AGENDA_MAX_DEPTH; depth <= AGENDA_MAX_DEPTH + 1; depth++) {
		memset(text, '[', (size_t)depth);
		memset(text + depth, ']', (size_t)depth);
		text[2 * depth] = '\0';
		struct diag_list diags;
		diag_list_init(&diags);
		struct arena *arena = arena_new();
		bool empty;
		struct ynode *root = yamltree_parse(text, strlen(text), &limits, arena, &diags, &empty);
		if (depth <= AGENDA_MAX_DEPTH) {
			assert_non_null(root);
		} else {
			assert_null(root);
			assert_int_equal(diags.items[0].col, depth);
			assert_non_null(strstr(diags.items[0].message, "nested too deeply"));
		}
		arena_free(arena);
		diag_list_free(&diags);
	}
}

static void test_many_duplicate_keys(void **state)
{
	(void)state;
	/* a hostile mapping with 50,000 keys, all the same: every one reported, none crashes */
	size_t n = 50000;
	char *text = malloc(n * 8 + 64);
	strcpy(text, "session: {title: T}\nagenda: []\nx:\n");
	char *p = text + strlen(text);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "  k: 1\n");
	struct diag_list diags;
	diag_list_init(&diags);
	assert_null(agenda_load_buffer(text, strlen(text), &diags));
	int duplicates = 0;
	for (int i = 0; i < diags.count; i++)
		duplicates += strstr(diags.items[i].message, "duplicate key k (first at line 4)") != NULL;
	assert_int_equal(duplicates, (int)n - 1);
	diag_list_free(&diags);
	free(text);
}

static void test_session_fields(void **state)
{
	(void)state;
	assert_problem("session: {organisation: X}\nagenda: [{id: a, title: A, minutes: 5}]\n", 1, 11, "session has no title");
	assert_problem("session: {title: T, date: 2023-02-29}\nagenda: [{id: a, title: A, minutes: 5}]\n", 1, 27,
		"date must be a date written YYYY-MM-DD");
	assert_problem("session: {title: T, start: \"25:00\"}\nagenda: [{id: a, title: A, minutes: 5}]\n", 1, 28,
		"start must be a time written HH:MM");
	assert_problem("session: {title: \"\"}\nagenda: [{id: a, title: A, minutes: 5}]\n", 1, 18, "title must not be empty");
	assert_problem("session: {title: [a]}\nagenda: [{id: a, title: A, minutes: 5}]\n", 1, 18, "title must be text, not a list");
	assert_problem("klankbord: 2\n" HEAD "agenda: [{id: a, title: A, minutes: 5}]\n", 1, 12, "newer than this klankbord reads");
	assert_problem(HEAD "agenda: []\n", 3, 9, "agenda needs at least one item");
	assert_problem("agenda: [{id: a, title: A, minutes: 5}]\n", 1, 1, "agenda file has no session");
	/* an unquoted time is read as text, not as a YAML 1.1 sexagesimal number */
	struct diag_list diags;
	struct agenda *a = load("session: {title: T, start: 18:30}\nagenda: [{id: a, title: A, minutes: 5}]\n", &diags);
	assert_non_null(a);
	assert_string_equal(a->session.start, "18:30");
	agenda_free(a);
	diag_list_free(&diags);
}

static void test_participants(void **state)
{
	(void)state;
	const char *items = "agenda: [{id: a, title: A, minutes: 5}]\n";
	char text[512];
	snprintf(text, sizeof text, HEAD "participants:\n  - {id: E01}\n  - {id: E01}\n%s", items);
	assert_problem(text, 5, 10, "duplicate participant id E01 (first at line 4)");
	snprintf(text, sizeof text, HEAD "participants:\n  - {id: \"E 01\"}\n%s", items);
	assert_problem(text, 4, 10, "participant id must be 1-16 letters");
	snprintf(text, sizeof text, HEAD "participants:\n  - {id: E01, role: chair}\n%s", items);
	assert_problem(text, 4, 21, "role must be one of expert, interpreter, observer, staff");
	snprintf(text, sizeof text, HEAD "participants:\n  - {id: E01, consent: {quotes: maybe}}\n%s", items);
	assert_problem(text, 4, 33, "quotes must be true or false");
	snprintf(text, sizeof text, HEAD "participants:\n  - {id: E01, phone: 0612345678}\n%s", items);
	assert_problem(text, 4, 15, "unknown key phone in participant");
}

static void test_votes(void **state)
{
	(void)state;
#define VOTE(body) HEAD "agenda:\n  - id: a\n    title: A\n    minutes: 5\n    votes:\n      - {id: v, question: Q, " body "}\n"
	/* in flow style the vote's first key (id) is at 8:10 */
	assert_problem(VOTE("type: single, options: [x, y], max_choices: 1"), 8, 61, "max_choices applies only to multi votes");
	assert_problem(VOTE("type: multi, options: [x, y], max_choices: 3"), 8, 73, "max_choices must be a whole number from 1 to 2");
	assert_problem(VOTE("type: dots, options: [x, y]"), 8, 10, "a dots vote needs dots");
	assert_problem(VOTE("type: dots, options: [x, y], dots: 3, max_per_option: 4"), 8, 84, "max_per_option must be a whole number from 1 to 3");
	assert_problem(VOTE("type: scale, min: 1, max: 5, labels: {6: too much}"), 8, 68, "label 6 is outside the scale 1 to 5");
	assert_problem(VOTE("type: scale"), 8, 10, "a scale vote needs min and max");
	assert_problem(VOTE("type: scale, min: 0, max: 500"), 8, 56, "a scale may span at most 100 steps");
	assert_problem(VOTE("type: rank, options: [x, y], anonymous: true"), 8, 70, "a rank vote cannot be anonymous");
	assert_problem(VOTE("type: single, options: [x, y, x]"), 8, 60, "duplicate option x");
	assert_problem(VOTE("type: single, options: [x]"), 8, 53, "a single vote needs 2 to 20 options, this one has 1");
	/* a null list of options is no options (it used to load a vote nobody could vote on) */
	assert_problem(VOTE("type: single, options: ~"), 8, 53, "a single vote needs 2 to 20 options, this one has 0");
	assert_problem(VOTE("type: multi, options: [x, y], max_choices: many"), 8, 73, "max_choices must be a whole number from 1 to 2");
	assert_problem(VOTE("type: dots, options: [x, y], dots: 3, max_per_option: 0"), 8, 84, "max_per_option must be a whole number from 1 to 3");
	assert_problem(VOTE("type: consent, options: [x, y]"), 8, 45, "options applies only to single, multi, dots and rank votes");
	assert_problem(VOTE("type: single, options: [x, y], voters: [chairs]"), 8, 70, "voters: a role is one of");
	assert_problem(VOTE("type: single, options: [x, y], anonymous: yes"), 8, 72, "anonymous must be true or false");
	assert_problem(HEAD "agenda:\n  - id: a\n    title: A\n    minutes: 5\n    votes: [{id: v, question: Q, type: consent}]\n"
		"  - id: b\n    title: B\n    minutes: 5\n    votes: [{id: v, question: Q, type: consent}]\n", 11, 18,
		"duplicate vote id v (first at line 7) (vote ids are unique across the agenda)");
	struct diag_list diags;
	struct agenda *a = load(VOTE("type: single, options: [x, y], voters: all"), &diags);
	assert_non_null(a);
	const struct agenda_vote *v = agenda_vote_find(a, "v", NULL);
	assert_true(v->voter_roles[ROLE_INTERPRETER] && v->voter_roles[ROLE_STAFF] && v->voter_roles[ROLE_EXPERT]);
	agenda_free(a);
	diag_list_free(&diags);
	a = load(VOTE("type: multi, options: [x, y, z]"), &diags);
	assert_non_null(a);
	assert_int_equal(agenda_vote_find(a, "v", NULL)->max_choices, 3); /* default: every option */
	agenda_free(a);
	diag_list_free(&diags);
#undef VOTE
}

static void test_items_and_codebooks(void **state)
{
	(void)state;
	assert_problem(HEAD "agenda:\n  - {id: a, title: A, minutes: 5, prompt: P, prompts: [Q]}\n", 4, 55,
		"give either prompt or prompts, not both");
	assert_problem(HEAD "agenda:\n  - {id: a, title: A}\n", 4, 6, "agenda item has no minutes");
	assert_problem(HEAD "agenda:\n  - {id: \"a b\", title: A, minutes: 5}\n", 4, 10, "item id must be");
	assert_problem(HEAD "codebook: ioi-2008\nagenda:\n  - {id: a, title: A, minutes: 5}\n", 3, 11,
		"unknown codebook ioi-2008 (built in: ioi-2019");
	assert_problem(HEAD "codebook:\n  - {code: Wait, label: W}\nagenda:\n  - {id: a, title: A, minutes: 5}\n", 4, 12,
		"code must be 1-32 lowercase letters");
	assert_problem(HEAD "codebook:\n  - {code: w, label: W}\n  - {code: w, label: V}\nagenda:\n  - {id: a, title: A, minutes: 5}\n",
		5, 12, "duplicate code w");
	/* an item's domains in Dutch are the codes they stand for */
	struct diag_list diags;
	struct agenda *dutch = load(HEAD "agenda:\n  - {id: a, title: A, minutes: 5, domains: [wonen, taal, work]}\n", &diags);
	assert_non_null(dutch);
	assert_int_equal(dutch->items[0].n_domains, 3);
	assert_string_equal(dutch->items[0].domains[0], "housing");
	assert_string_equal(dutch->items[0].domains[1], "language");
	assert_string_equal(dutch->items[0].domains[2], "work");
	agenda_free(dutch);
	diag_list_free(&diags);
	/* with a custom codebook, the built-in codes are unknown */
	assert_problem(HEAD "codebook:\n  - {code: waiting, label: W}\nagenda:\n  - {id: a, title: A, minutes: 5, domains: [work]}\n",
		6, 45, "unknown code work in codebook custom");
}

/* A problem in the bytes themselves is the only one reported, wherever the others are. */
static void test_bad_text_reported_alone(void **state)
{
	(void)state;
	struct diag_list diags;
	/* U+0085 (NEXT LINE) is a line break to libyaml, but refused */
	assert_null(load(HEAD "  notes: a\xc2\x85" "b\nagenda: [{id: a, title: A, minutes: 5}]\n", &diags));
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 3);
	assert_int_equal(diags.items[0].col, 11);
	assert_string_equal(diags.items[0].message, "control character U+0085 not allowed");
	diag_list_free(&diags);
	/* after a duplicate key and a syntax error */
	assert_null(load(HEAD "  title: U\nagenda: [unclosed\n# \x07\n", &diags));
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(diags.items[0].col, 3);
	assert_string_equal(diags.items[0].message, "control character U+0007 not allowed");
	diag_list_free(&diags);
	/* after an alias, which stops the reading */
	assert_null(load("x: *a\n\xff\n", &diags));
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[0].col, 1);
	assert_string_equal(diags.items[0].message, "invalid UTF-8 (byte 0xFF): save the file as UTF-8");
	diag_list_free(&diags);
}

/* An agenda near the 1 MiB limit, read from a file: every item and the source intact. */
static void test_large_agenda_file(void **state)
{
	(void)state;
	size_t size = AGENDA_MAX_FILE_BYTES, used = 0;
	char *text = malloc(size + 1);
	used += (size_t)snprintf(text, size, HEAD "agenda:\n");
	int items = 0;
	while (size - used > 200) {
		used += (size_t)snprintf(text + used, size - used,
			"  - id: item-%d\n    title: \"Item %d: \xd8\xac\xd9\x84\xd8\xb3\xd8\xa9 \xe4\xbc\x9a\"\n"
			"    minutes: %d\n    prompts: [\"Why %d?\", \"How?\"]\n", items, items, 1 + items % 60, items);
		items++;
	}
	const char *tmp = getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp";
	char path[256];
	snprintf(path, sizeof path, "%s/test_agenda.XXXXXX", tmp);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_int_equal(fwrite(text, 1, used, f), used);
	fclose(f);
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error;
	struct agenda *a = agenda_load_file(path, &diags, &io_error);
	unlink(path);
	assert_non_null(a);
	assert_int_equal(a->n_items, items);
	char title[64];
	snprintf(title, sizeof title, "Item %d: \xd8\xac\xd9\x84\xd8\xb3\xd8\xa9 \xe4\xbc\x9a", items - 1);
	assert_string_equal(a->items[items - 1].title, title);
	assert_string_equal(a->items[items - 1].prompts[1], "How?");
	assert_int_equal(a->source_len, used);
	assert_memory_equal(a->source, text, used);
	assert_int_equal(a->source[used], '\0');
	agenda_free(a);
	diag_list_free(&diags);
	free(text);
}

static void test_unreadable_file(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error = false;
	assert_null(agenda_load_file("/nonexistent/agenda.yaml", &diags, &io_error));
	assert_true(io_error);
	assert_string_equal(diags.items[0].message, "cannot open: No such file or directory");
	diag_list_free(&diags);
	diag_list_init(&diags);
	assert_null(agenda_load_file("/", &diags, &io_error));
	assert_true(io_error);
	assert_string_equal(diags.items[0].message, "not a regular file");
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_agenda_is_read),
		cmocka_unit_test(test_every_problem_reported_in_order),
		cmocka_unit_test(test_print_caps_at_twenty),
		cmocka_unit_test(test_unknown_key_far_from_any_lists_keys),
		cmocka_unit_test(test_positions_with_crlf_bom_and_wide_text),
		cmocka_unit_test(test_hostile_sizes),
		cmocka_unit_test(test_hostile_structure),
		cmocka_unit_test(test_nesting_limit_is_exact),
		cmocka_unit_test(test_many_duplicate_keys),
		cmocka_unit_test(test_session_fields),
		cmocka_unit_test(test_participants),
		cmocka_unit_test(test_votes),
		cmocka_unit_test(test_items_and_codebooks),
		cmocka_unit_test(test_bad_text_reported_alone),
		cmocka_unit_test(test_large_agenda_file),
		cmocka_unit_test(test_unreadable_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
