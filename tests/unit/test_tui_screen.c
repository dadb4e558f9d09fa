/* test_tui_screen: the console's screens against golden dumps in tests/tui/.
 *
 * Each test drives a real session (temporary database, fake clock) through the headless
 * console with a key script, then compares the screen text and its role layer with a
 * golden file. UPDATE_GOLDEN=1 rewrites them; read every golden file after that. */
#include "tui_fixture.h"

/* A welcome round, then three contributions on the second item, one retracted. */
static void record_evening(struct tui_fixture *fx)
{
	tui_line(fx, "E01: glad to be here, my first time in a group like this");
	tui_advance(fx, 240);
	tui_line(fx, "the room agrees to speak one at a time");
	tui_advance(fx, 400);
	tui_keys(fx, "<F3>");
	tui_advance(fx, 60);
	tui_line(fx, "E02: !obstacle waited 9 months for a house #housing #stability");
	tui_advance(fx, 90);
	tui_line(fx, "E01: !success the neighbours helped with every letter #bridges");
	tui_advance(fx, 120);
	tui_line(fx, "E03: !experience nobody explained the integration programme to me; the letters "
		"were all in Dutch and I did not know whom to ask #links #language");
	tui_advance(fx, 30);
	tui_line(fx, "E04: typed for the wrong person");
	tui_keys(fx, "<C-z>");
	tui_advance(fx, 200);
}

static void test_main_80x24(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	record_evening(fx);
	tui_golden(fx, "main_80x24");
	tui_close(fx);
}

static void test_main_160x48(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 48, 160);
	record_evening(fx);
	tui_keys(fx, "E0");
	tui_golden(fx, "main_160x48");
	tui_close(fx);
}

/* Welcome has 10 minutes: ok until 2:00 is left, amber from there, red once over. */
static void test_timer_states(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_advance(fx, 7 * 60 + 59);
	tui_golden(fx, "timer_ok_80x24");
	tui_advance(fx, 1);
	tui_golden(fx, "timer_amber_80x24");
	tui_advance(fx, 2 * 60 + 5);
	tui_golden(fx, "timer_red_80x24");
	tui_close(fx);
}

static void test_too_small(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "E01: before the resize");
	console_resize(fx->console, 20, 60);
	tui_keys(fx, "E02: typed while too small<Enter><F3>");
	tui_golden(fx, "too_small_60x20");
	console_resize(fx->console, 24, 79);
	tui_advance(fx, 1);
	console_resize(fx->console, 24, 80);
	char *screen = tui_dump(fx);
	assert_non_null(strstr(screen, "before the resize"));
	free(screen);
	tui_close(fx);
}

static void test_help(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "<F1>");
	tui_golden(fx, "help_80x24");
	tui_keys(fx, "<Esc>?");
	char *screen = tui_dump(fx);
	assert_non_null(strstr(screen, "Keys (F1"));
	free(screen);
	tui_keys(fx, "q");
	screen = tui_dump(fx);
	assert_null(strstr(screen, " Help "));
	free(screen);
	tui_close(fx);
}

static void test_vote_panel(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item language");
	tui_advance(fx, 300);
	tui_line(fx, "E01: !idea start lessons in the first month #language");
	tui_line(fx, "/vote language-first");
	tui_line(fx, "E01: 1 1 2");
	tui_line(fx, "E02: 3 3 1");
	tui_line(fx, "E03: 1 4 4");
	tui_advance(fx, 30);
	tui_golden(fx, "vote_80x24");
	console_resize(fx->console, 48, 160);
	tui_golden(fx, "vote_160x48");
	tui_close(fx);
}

static void test_vote_hidden_results(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item recommendations");
	tui_line(fx, "/vote show-of-hands");
	tui_line(fx, "= 9 4 2");
	tui_advance(fx, 5);
	/* the room sees the status line: hidden counts must not appear there */
	assert_null(strstr(console_status(fx->console), "9"));
	assert_non_null(strstr(console_status(fx->console), "results hidden"));
	tui_golden(fx, "vote_hidden_80x24");
	tui_close(fx);
}

/* Types each line of a NULL-terminated list, as tui_line does. */
static void tui_lines(struct tui_fixture *fx, const char *const *lines)
{
	for (; *lines; lines++)
		tui_line(fx, *lines);
}

/* Adds participants E<first> to E<last> with /participant. */
static void add_participants(struct tui_fixture *fx, int first, int last)
{
	for (int i = first; i <= last; i++) {
		char line[64];
		snprintf(line, sizeof line, "/participant E%02d", i);
		tui_line(fx, line);
	}
}

/* The contact-moment ranking with 13 voters, shaped like the Tennessee capital example:
 * 5 rank 1 first (Memphis), 3 rank 2 (Nashville, one ballot partial), 2 rank 3
 * (Chattanooga), 3 rank 4 (Knoxville). Runoff: 3 drops, then 2 (one ballot exhausted);
 * 4 wins 7 of 12. Points: 2 has 24, 3 has 23, 1 and 4 have 15. */
static void record_rank_vote(struct tui_fixture *fx)
{
	static const char *const ballots[] = {
		"E01: 1 2 3 4", "E02: 1 2 3 4", "E03: 1 2 3 4", "E04: 1 2 3 4", "E05: 1 2 3 4",
		"E06: 2 3 4 1", "E07: 2 3 4 1", "E08: 2 3",
		"E09: 3 4 2 1", "E10: 3 4 2 1",
		"E11: 4 3 2 1", "E12: 4 3 2 1", "E13: 4 3 2 1", NULL,
	};
	tui_line(fx, "/item trust");
	add_participants(fx, 5, 13);
	tui_advance(fx, 60);
	tui_line(fx, "E01: !experience my client manager changed four times in one year #links");
	tui_line(fx, "E02: !obstacle letters came in Dutch only; my neighbour read them to me #rights");
	tui_line(fx, "E04: !success the buddy from the library came with me to every appointment #links");
	tui_line(fx, "E03: !idea a first meeting in the first week, with an interpreter #links");
	tui_advance(fx, 300);
	tui_line(fx, "/vote contact-moment");
	tui_lines(fx, ballots);
	tui_advance(fx, 60);
	tui_line(fx, "/close");
	tui_advance(fx, 5);
}

static void test_result_rank(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	record_rank_vote(fx);
	assert_non_null(strstr(console_status(fx->console), "closed: 13 ballots"));
	assert_true(tui_screen_has(fx, "Borda: 2 Information in my own language"));
	assert_true(tui_screen_has(fx, "runoff: 4 A newcomer buddy"));
	tui_golden(fx, "result_rank_80x24");
	console_resize(fx->console, 48, 160);
	assert_true(tui_screen_has(fx, "Borda: 2 Information in my own language \xc2\xb7 runoff: 4 A newcomer buddy"));
	tui_golden(fx, "result_rank_160x48");
	tui_close(fx);
}

/* A ranking the first choices decide (2 of 3 put option 1 first): no runoff round, so
 * no "round" heading and no round column, and the note says why; at 160x48 too. */
static void test_result_rank_first_round(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item trust");
	tui_line(fx, "/vote contact-moment");
	tui_lines(fx, (const char *const[]){"E01: 1 2 3 4", "E02: 1 3 2 4", "E03: 2 1", NULL});
	tui_line(fx, "/close");
	assert_true(tui_screen_has(fx, "Winner: 1 One fixed client manager"));
	assert_true(tui_screen_has(fx, "points"));
	assert_false(tui_screen_has(fx, "points round"));
	assert_true(tui_screen_has(fx, "3 ballots \xc2\xb7 no runoff needed: more than half"));
	tui_golden(fx, "result_rank_first_round_80x24");
	console_resize(fx->console, 48, 160);
	assert_false(tui_screen_has(fx, "points round"));
	assert_true(tui_screen_has(fx, "no runoff needed"));
	tui_golden(fx, "result_rank_first_round_160x48");
	tui_close(fx);
}

/* 80x24 with a long log and a ranking of 8 options over 7 rounds: the log gives up rows,
 * the runoff table keeps its first and last rounds and says so; 160x48 shows them all. */
static void test_result_rank_narrow(void **state)
{
	(void)state;
	static const char *const ballots[] = {
		"E01: 1", "E02: 1", "E03: 1", "E04: 1", "E05: 2", "E06: 2", "E07: 2",
		"E08: 3", "E09: 3", "E10: 4", "E11: 5", "E12: 6", "E13: 7", NULL,
	};
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	add_participants(fx, 5, 13);
	for (int i = 1; i <= 13; i++) {
		char line[128];
		snprintf(line, sizeof line, "E%02d: what I would tell the council about the first weeks, part %d", i, i);
		tui_line(fx, line);
	}
	tui_line(fx, "/poll rank \"Which should start first?\" Lessons | Housing | Work | Buddy | Childcare | "
		"Sport | Health | Transport");
	tui_lines(fx, ballots);
	tui_line(fx, "/close");
	assert_true(tui_screen_has(fx, "Winner: 1 Lessons"));
	assert_true(tui_screen_has(fx, "rounds 2-6 left out"));
	assert_true(tui_screen_has(fx, "\xe2\x80\xba E01: text")); /* the capture line is still there */
	tui_golden(fx, "result_rank_narrow_80x24");
	console_resize(fx->console, 48, 160);
	tui_golden(fx, "result_rank_narrow_160x48");
	assert_false(tui_screen_has(fx, "left out"));
	assert_true(tui_screen_has(fx, "round  1 2 3 4 5 6 7"));
	tui_close(fx);
}

/* The result stays after /close until Esc (on an empty line) or F7 hides it, F7 shows it
 * again, and it goes when the item changes or another vote opens. */
static void test_result_keys(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item language");
	tui_line(fx, "/vote language-first");
	tui_line(fx, "E01: 1 1 2");
	tui_line(fx, "/close");
	assert_true(tui_screen_has(fx, "Winner: 1 Start language lessons"));
	tui_keys(fx, "E0<Esc>");
	assert_true(tui_screen_has(fx, "Winner: 1 Start language lessons")); /* not on a line being typed */
	tui_keys(fx, "<C-u><Esc>");
	assert_false(tui_screen_has(fx, "What should the municipality do first?"));
	assert_non_null(strstr(console_status(fx->console), "F7 shows it again"));
	tui_keys(fx, "<F7>");
	assert_true(tui_screen_has(fx, "Winner: 1 Start language lessons"));
	tui_keys(fx, "<F7>");
	assert_false(tui_screen_has(fx, "What should the municipality do first?"));
	tui_line(fx, "/vote lessons-fit");
	tui_line(fx, "E01: 4");
	tui_line(fx, "/close");
	assert_true(tui_screen_has(fx, "How well do the lessons fit your life?"));
	tui_keys(fx, "<F7>"); /* in agenda order: the scale vote is the last, then none */
	assert_false(tui_screen_has(fx, "\xe2\x94\x80 Result"));
	tui_keys(fx, "<F7>");
	assert_true(tui_screen_has(fx, "What should the municipality do first?"));
	tui_keys(fx, "<F7>");
	assert_true(tui_screen_has(fx, "How well do the lessons fit your life?"));
	tui_keys(fx, "<F3>");
	assert_false(tui_screen_has(fx, "\xe2\x94\x80 Result"));
	tui_keys(fx, "<F7>");
	assert_non_null(strstr(console_status(fx->console), "no closed vote on this item"));
	tui_close(fx);
}

static void test_result_dots(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item language");
	tui_advance(fx, 300);
	tui_line(fx, "E01: !idea start lessons in the first month #language");
	static const char *const lines[] = {
		"/vote language-first", "E01: 1 1 2", "E02: 3 3 1", "E03: 1 4 4", "E04: 1 3 4", "/close", NULL,
	};
	tui_lines(fx, lines);
	tui_golden(fx, "result_dots_80x24");
	assert_true(tui_screen_has(fx, "Winner: 1 Start language lessons in the first"));
	assert_true(tui_screen_has(fx, "4 voters \xc2\xb7 12 dots"));
	tui_close(fx);
}

static void test_result_scale(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	static const char *const lines[] = {
		"/item language", "/vote lessons-fit", "E01: 1", "E02: 3", "E03: 3", "E04: 5", "/close", NULL,
	};
	tui_lines(fx, lines);
	assert_true(tui_screen_has(fx, "Median 3 (partly) \xc2\xb7 mean 3 \xc2\xb7 n 4"));
	tui_golden(fx, "result_scale_80x24");
	tui_close(fx);
}

static void test_result_consent_blocked(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	static const char *const lines[] = {
		"/item recommendations", "/participant E05 Hamid", "/participant E06", "/vote adopt-list",
		"E01: agree", "E05: agree", "E06: agree and thank you all",
		"E04: abstain I was not here for the first half",
		"E03: disagree the list says nothing about when",
		"E02: block it leaves out families who came later through reunification",
		"/close", NULL,
	};
	tui_lines(fx, lines);
	assert_true(tui_screen_has(fx, "Outcome: blocked"));
	assert_true(tui_screen_has(fx, "E02 Yonas (block): it leaves out families"));
	tui_golden(fx, "result_consent_80x24");
	tui_close(fx);
}

static void test_result_hidden_hands(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	static const char *const lines[] = {"/item recommendations", "/vote show-of-hands", "= 9 4 2", NULL};
	tui_lines(fx, lines);
	assert_false(tui_screen_has(fx, "Winner"));
	tui_line(fx, "/close");
	assert_true(tui_screen_has(fx, "Winner: 1 Yes"));
	assert_true(tui_screen_has(fx, "15 hands"));
	tui_golden(fx, "result_hands_80x24");
	tui_close(fx);
}

static void test_result_empty(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	static const char *const lines[] = {"/item work", "/vote work-routes", "/close", NULL};
	tui_lines(fx, lines);
	assert_true(tui_screen_has(fx, "no ballots"));
	tui_golden(fx, "result_empty_80x24");
	tui_close(fx);
}

/* Names, titles and contributions in Arabic, Tigrinya, Persian, Ukrainian, Chinese and
 * emoji; one stored text carries escape sequences, which must show as symbols. */
static void record_multilingual(struct tui_fixture *fx)
{
	tui_line(fx, "P1: !obstacle انتظرت تسعة أشهر لدروس اللغة #language");
	tui_advance(fx, 40);
	tui_line(fx, "P2: !success ቋንቋ ብቐሊሉ ተማሂረ ኣብ ስራሕ #work");
	tui_advance(fx, 40);
	tui_line(fx, "P3: کلاس زبان خیلی دور بود");
	tui_advance(fx, 40);
	tui_line(fx, "P5: !idea 周末也开设语言课程，孩子可以一起来 #education");
	tui_advance(fx, 40);
	tui_line(fx, "P6: 🌷 taalcafé op zaterdag 👍👍 werkt echt");
	tui_line(fx, "P4: escape test");
	struct session_contribution *last = &fx->session->contributions[fx->session->n_contributions - 1];
	free(last->text);
	last->text = strdup("before\x1b[2J\x1b]0;owned\x07 after\ttab");
	/* changed behind the model's back (no event): only a redraw from nothing shows it */
	tui_keys(fx, "<C-l>");
	tui_advance(fx, 40);
}

static void test_multilingual_80x24(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("multilingual.yaml", 24, 80);
	record_multilingual(fx);
	tui_golden(fx, "multilingual_80x24");
	tui_close(fx);
}

static void test_multilingual_160x48(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("multilingual.yaml", 48, 160);
	record_multilingual(fx);
	tui_golden(fx, "multilingual_160x48");
	tui_close(fx);
}

/* The Dutch example (long Dutch words, long titles) at the four sizes a console meets:
 * the log with a long title beside its timer, a rank vote open with its question, and
 * the people panel's title. Issue 14: titles ran into the timer, "•8 not yet spok", the
 * vote question cut without an ellipsis, a fixed agenda column below 160 columns. */
static void dutch_evening(struct tui_fixture *fx, const char *name)
{
	tui_line(fx, "D01: fijn om weer hier te zijn");
	tui_advance(fx, 300);
	tui_keys(fx, "<F3>");
	tui_line(fx, "D02: !obstacle de terugkoppeling kwam pas na acht maanden, via de woningcorporatie #links");
	tui_line(fx, "D03: !quote ik wist niet dat de gemeente ons advies had overgenomen");
	tui_line(fx, "D02: !quote niemand heeft het ons verteld");
	tui_advance(fx, 200);
	char golden[64];
	snprintf(golden, sizeof golden, "dutch_log_%dx%d", fx->cols, fx->rows);
	tui_golden(fx, golden);
	tui_line(fx, "/item wonen");
	tui_line(fx, "D04: !experience drie jaar in de opvang; de huurtoeslagaanvraag was onbegrijpelijk #housing");
	tui_line(fx, "/vote wonen-eerst");
	tui_line(fx, "D01: 1 3 2");
	tui_line(fx, "D02: 3 1");
	tui_line(fx, "D05: ik wil eerst een woning, dan de rest");
	tui_advance(fx, 30);
	snprintf(golden, sizeof golden, "%s_%dx%d", name, fx->cols, fx->rows);
	tui_golden(fx, golden);
}

static void test_dutch_sizes(void **state)
{
	(void)state;
	static const int sizes[][2] = { {24, 80}, {30, 100}, {40, 120}, {48, 160} };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		struct tui_fixture *fx = tui_open("examples/klankbordgroep-nl.yaml", sizes[i][0], sizes[i][1]);
		dutch_evening(fx, "dutch_vote");
		tui_close(fx);
	}
}

/* The agenda column's text: each screen row up to its first separator, rows joined by
 * spaces (a wrapped title's words follow one another across its rows). */
static char *agenda_column(struct tui_fixture *fx)
{
	char *screen = tui_dump(fx), *roles = strstr(screen, "\n--- roles\n");
	if (roles)
		*roles = 0;
	char *out = calloc(1, strlen(screen) + 1);
	assert_non_null(out);
	char *row = strchr(screen, '\n'); /* below the header row */
	while (row && *row) {
		row++;
		char *end = strchr(row, '\n'), *bar = strstr(row, "\xe2\x94\x82"); /* the "│" of a separator */
		size_t n = bar && (!end || bar < end) ? (size_t)(bar - row) : end ? (size_t)(end - row) : strlen(row);
		strncat(out, row, n);
		strcat(out, " ");
		row = end;
	}
	free(screen);
	return out;
}

/* At 120x40 the bundled agendas' item titles read whole in the agenda column (they wrap
 * onto the rows below instead of ending with "…"); at 80x24 each item keeps one row. */
static void test_agenda_titles_whole_when_wide(void **state)
{
	(void)state;
	static const char *const agendas[] = {"examples/expert-pool-en.yaml", "examples/klankbordgroep-nl.yaml"};
	for (size_t a = 0; a < sizeof agendas / sizeof agendas[0]; a++) {
		struct tui_fixture *fx = tui_open(agendas[a], 40, 120);
		char *column = agenda_column(fx);
		/* the words of every title, in their order, with nothing cut */
		for (int i = 0; i < fx->session->n_items; i++) {
			char title[256], *save = NULL;
			const char *from = column;
			snprintf(title, sizeof title, "%s", fx->session->items[i].def->title);
			for (char *word = strtok_r(title, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
				const char *at = strstr(from, word);
				if (!at)
					fail_msg("%s at 120x40: \"%s\" of \"%s\" is not in the agenda column:\n%s", agendas[a], word,
						fx->session->items[i].def->title, column);
				from = at + strlen(word);
			}
		}
		assert_null(strstr(column, "\xe2\x80\xa6 "));
		free(column);
		if (a == 1) {
			/* a click on a title's second or third row picks that item: rows 3-5 are
			 * "Terugkoppeling: wat" / "deed de gemeente met" / "ons advies?", 6-7 "Wonen ..." */
			tui_keys(fx, "<click 5 4>");
			tui_keys(fx, "<click 7 4><Enter>");
			assert_int_equal(fx->session->current_item, 2);
			tui_keys(fx, "<click 5 4><Enter>");
			assert_int_equal(fx->session->current_item, 1);
		}
		console_resize(fx->console, 24, 80);
		column = agenda_column(fx);
		assert_non_null(strstr(column, "\xe2\x80\xa6")); /* 80x24: one row each, long titles cut */
		free(column);
		tui_close(fx);
	}
}

/* An open consent vote and an empty scale vote speak words, not ids (issue 14:
 * "no_votes", "passed_with_objections", "n 0  median 0.0  mean 0.0"). */
static void test_open_vote_wording(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("examples/klankbordgroep-nl.yaml", 24, 80);
	tui_line(fx, "/item terugkoppeling");
	tui_line(fx, "/vote tevreden-terugkoppeling");
	assert_true(tui_screen_has(fx, "no ballots yet"));
	assert_false(tui_screen_has(fx, "median 0.0"));
	tui_golden(fx, "dutch_scale_empty_80x24");
	tui_line(fx, "/close");
	tui_line(fx, "/item advies");
	tui_line(fx, "/vote advies-akkoord");
	assert_false(tui_screen_has(fx, "no_votes"));
	tui_line(fx, "D01: agree");
	tui_line(fx, "D02: disagree het gaat te snel");
	assert_false(tui_screen_has(fx, "passed_with_objections"));
	assert_true(tui_screen_has(fx, "with objections"));
	tui_golden(fx, "dutch_consent_open_80x24");
	tui_close(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_main_80x24),
		cmocka_unit_test(test_main_160x48),
		cmocka_unit_test(test_timer_states),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_vote_panel),
		cmocka_unit_test(test_vote_hidden_results),
		cmocka_unit_test(test_result_rank),
		cmocka_unit_test(test_result_rank_narrow),
		cmocka_unit_test(test_result_rank_first_round),
		cmocka_unit_test(test_result_keys),
		cmocka_unit_test(test_result_dots),
		cmocka_unit_test(test_result_scale),
		cmocka_unit_test(test_result_consent_blocked),
		cmocka_unit_test(test_result_hidden_hands),
		cmocka_unit_test(test_result_empty),
		cmocka_unit_test(test_multilingual_80x24),
		cmocka_unit_test(test_multilingual_160x48),
		cmocka_unit_test(test_dutch_sizes),
		cmocka_unit_test(test_agenda_titles_whole_when_wide),
		cmocka_unit_test(test_open_vote_wording),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
