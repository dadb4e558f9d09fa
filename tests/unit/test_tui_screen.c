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
		cmocka_unit_test(test_multilingual_80x24),
		cmocka_unit_test(test_multilingual_160x48),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
