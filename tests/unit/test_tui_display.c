/* test_tui_display: the room display (tui/display.h) against golden dumps in tests/tui/.
 *
 * A console (tui_fixture.h) writes to a session; the display runs on its own
 * connection to the same database, loaded as `klankbord display` loads it, and follows
 * through session_refresh() on its tick, as it follows another process. Screens at 80x24
 * and 200x50 with a vote open, with its results hidden and after it closed; the screen
 * never holds a participant's name, id or community. UPDATE_GOLDEN=1 rewrites the
 * goldens; read every one after that. */
#include "tui_fixture.h"

#include "tui/display.h"

struct room {
	struct store *store;
	struct session *session;
	struct display *display;
};

/* Opens the display at rows x cols on the fixture's session, through its own connection. */
static void room_open(struct room *room, struct tui_fixture *fx, int rows, int cols)
{
	char err[512];
	assert_int_equal(store_open(fx->db, &room->store, err, sizeof err), 0);
	struct session_clock clock = {tui_fake_now, &fx->now};
	if (session_load(room->store, NULL, false, "display", clock, &room->session, err, sizeof err) != 0)
		fail_msg("session_load: %s", err);
	room->display = display_open_headless(room->session, NULL, rows, cols, err, sizeof err);
	if (!room->display)
		fail_msg("display_open_headless: %s", err);
}

static void room_close(struct room *room)
{
	display_close(room->display);
	session_free(room->session);
	store_close(room->store);
}

/* A second passes: the console and the display see the clock, the display follows. */
static void room_tick(struct tui_fixture *fx, struct room *room, int64_t seconds)
{
	tui_advance(fx, seconds);
	display_tick(room->display);
}

static char *room_dump(struct room *room)
{
	struct tui_capture capture;
	display_dump(room->display, tui_capture_begin(&capture));
	return tui_capture_end(&capture);
}

static bool room_has(struct room *room, const char *text)
{
	return tui_dump_has(room_dump(room), text);
}

/* Nobody's name, id or community from the agenda, nor a ballot's speaker. */
static void assert_no_people(struct room *room)
{
	static const char *const people[] = {
		"Amal", "Yonas", "Olena", "Hamid", "Interpreter", "Policy officer", "Syrian", "Eritrean", "Afghan",
		"Ukrainian", "E01", "E02", "E03", "E04", "E05", "T01", "M01", "voted:", "waiting:", NULL,
	};
	for (int i = 0; people[i]; i++)
		if (room_has(room, people[i]))
			fail_msg("the room display shows \"%s\"", people[i]);
}

/* Compares the display with tests/tui/NAME.txt, as tui_golden() does for the console. */
static void room_golden(struct room *room, const char *name)
{
	tui_golden_text(room_dump(room), name);
}

/* The language item with a recommendation and the dots vote open, three ballots in. */
static void vote_open(struct tui_fixture *fx)
{
	tui_line(fx, "/item language");
	tui_advance(fx, 300);
	tui_line(fx, "E01: !idea start lessons in the first month #language");
	tui_line(fx, "/recommend Offer language lessons from the first month, with childcare");
	tui_line(fx, "/vote language-first");
	tui_line(fx, "E01: 1 1 2");
	tui_line(fx, "E02: 3 3 1");
	tui_line(fx, "E03: 1 4 4");
}

static void test_vote_open(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct room room;
	room_open(&room, fx, 24, 80);
	vote_open(fx);
	room_tick(fx, &room, 30);
	assert_true(room_has(&room, "What should the municipality do first?"));
	assert_true(room_has(&room, "1 Start language lessons in the first month"));
	assert_true(room_has(&room, "3/4 voted"));
	assert_true(room_has(&room, "Offer language lessons from the first month"));
	assert_no_people(&room);
	room_golden(&room, "display_vote_80x24");
	display_resize(room.display, 50, 200);
	assert_no_people(&room);
	assert_true(room_has(&room, "What should the municipality do first?"));
	room_golden(&room, "display_vote_200x50");
	room_close(&room);
	tui_close(fx);
}

/* hide_results: the options, no bars or counts, until /close; then the result panel's words. */
static void test_hidden_then_closed(void **state)
{
	(void)state;
	static const int sizes[][2] = { {24, 80}, {50, 200} };
	for (size_t i = 0; i < 2; i++) {
		char name[64];
		struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
		struct room room;
		room_open(&room, fx, sizes[i][0], sizes[i][1]);
		tui_line(fx, "/item recommendations");
		tui_line(fx, "/recommend One fixed client manager for the first two years");
		tui_line(fx, "/recommend Letters in plain Dutch with a summary in the newcomer's language");
		tui_line(fx, "/vote show-of-hands");
		tui_line(fx, "= 9 4 2");
		room_tick(fx, &room, 65);
		assert_true(room_has(&room, "Who wants to join a standing sounding-board group?"));
		assert_true(room_has(&room, "results hidden until the vote closes"));
		assert_false(room_has(&room, "Winner"));
		assert_false(room_has(&room, "15 hands"));
		assert_no_people(&room);
		snprintf(name, sizeof name, "display_hidden_%dx%d", sizes[i][1], sizes[i][0]);
		room_golden(&room, name);
		tui_line(fx, "/close");
		room_tick(fx, &room, 1);
		assert_true(room_has(&room, "Winner: 1 Yes"));
		assert_true(room_has(&room, "15 hands"));
		assert_no_people(&room);
		snprintf(name, sizeof name, "display_closed_%dx%d", sizes[i][1], sizes[i][0]);
		room_golden(&room, name);
		room_close(&room);
		tui_close(fx);
	}
}

/* A consent vote's reasons are the room's to hear, but not who gave them. */
static void test_consent_reasons_unattributed(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct room room;
	room_open(&room, fx, 50, 200);
	static const char *const lines[] = {
		"/item recommendations", "/participant E05 Hamid", "/vote adopt-list", "E01: agree", "E05: agree",
		"E03: disagree the list says nothing about when",
		"E02: block it leaves out families who came later through reunification", NULL,
	};
	for (int i = 0; lines[i]; i++)
		tui_line(fx, lines[i]);
	room_tick(fx, &room, 20);
	assert_true(room_has(&room, "agree"));
	assert_no_people(&room);
	tui_line(fx, "/close");
	room_tick(fx, &room, 1);
	assert_true(room_has(&room, "Outcome: blocked"));
	assert_true(room_has(&room, "A participant (block): it leaves out families"));
	assert_no_people(&room);
	room_close(&room);
	tui_close(fx);
}

/* The clock turns amber at 20% left and red once over, as the console's timer does, and
 * says so in words. */
static void test_clock_colours(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct room room;
	room_open(&room, fx, 24, 80);
	room_tick(fx, &room, 7 * 60 + 59);
	assert_true(room_has(&room, "time left of 10 min"));
	char *screen = room_dump(&room);
	char *roles = strstr(screen, "--- roles");
	assert_non_null(roles);
	assert_non_null(strchr(roles, 'g'));
	assert_null(strchr(roles, 'a'));
	free(screen);
	room_tick(fx, &room, 1);
	assert_true(room_has(&room, "nearly over (10 min planned)"));
	screen = room_dump(&room);
	roles = strstr(screen, "--- roles");
	assert_non_null(strchr(roles, 'a'));
	free(screen);
	room_tick(fx, &room, 2 * 60 + 5);
	assert_true(room_has(&room, "over time (10 min planned)"));
	screen = room_dump(&room);
	roles = strstr(screen, "--- roles");
	assert_non_null(strchr(roles, 'r'));
	free(screen);
	room_close(&room);
	tui_close(fx);
}

/* + and - change the text size, down to plain text; ? lists the keys from the table. */
static void test_keys(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct room room;
	room_open(&room, fx, 24, 80);
	tui_line(fx, "/item language");
	room_tick(fx, &room, 1);
	assert_false(room_has(&room, "Learning Dutch")); /* big letters */
	display_feed(room.display, "--");
	assert_true(room_has(&room, "Learning Dutch"));
	assert_true(room_has(&room, "text size 0 of 4: plain text"));
	display_feed(room.display, "+");
	assert_false(room_has(&room, "Learning Dutch"));
	display_feed(room.display, "?");
	assert_true(room_has(&room, "Keys of the room display"));
	assert_true(room_has(&room, "q Q F10 Ctrl-C"));
	assert_true(room_has(&room, "bigger text"));
	display_feed(room.display, "x");
	assert_false(room_has(&room, "Keys of the room display"));
	display_feed(room.display, "m");
	assert_true(room_has(&room, "monochrome"));
	char *screen = room_dump(&room);
	char *roles = strstr(screen, "--- roles\n") + 10;
	for (char *c = roles; *c; c++)
		if (*c != '.' && *c != '\n')
			fail_msg("a colour pair in monochrome: %c", *c);
	free(screen);
	assert_false(display_quit_requested(room.display));
	assert_true(display_feed(room.display, "q"));
	assert_true(display_quit_requested(room.display));
	room_close(&room);
	tui_close(fx);
}

/* Too small, then back; /end at the console: "session ended" until a key. */
static void test_small_and_ended(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct room room;
	room_open(&room, fx, 24, 80);
	display_resize(room.display, 8, 30);
	assert_true(room_has(&room, "terminal too small"));
	display_resize(room.display, 10, 40);
	assert_true(room_has(&room, "What would make tonight worthwhile"));
	display_resize(room.display, 24, 80);
	assert_true(room_has(&room, "item 1 of 6"));
	tui_keys(fx, "/end<Enter>y");
	room_tick(fx, &room, 1);
	assert_true(room_has(&room, "session ended"));
	room_golden(&room, "display_ended_80x24");
	assert_false(display_quit_requested(room.display));
	display_feed(room.display, " ");
	assert_true(display_quit_requested(room.display));
	room_close(&room);
	tui_close(fx);
}

/* At 40x10 a vote open still shows its question and options, and the clock stays. */
static void test_small_with_vote(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct room room;
	/* curses in one process: the console draws no more once a smaller screen is open */
	vote_open(fx);
	tui_advance(fx, 30);
	room_open(&room, fx, 10, 40);
	assert_true(room_has(&room, "Learning Dutch"));
	assert_true(room_has(&room, "time left of 30 min"));
	assert_true(room_has(&room, "What should the"));
	assert_true(room_has(&room, "1 Start language"));
	assert_no_people(&room);
	room_golden(&room, "display_vote_40x10");
	room_close(&room);
	tui_close(fx);
}

/* Titles the font lacks (Arabic, CJK) are plain bold text at their true width. */
static void test_fallback_text(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("multilingual.yaml", 24, 80);
	struct room room;
	room_open(&room, fx, 24, 80);
	room_tick(fx, &room, 1);
	assert_true(room_has(&room, room.session->items[0].def->title));
	room_golden(&room, "display_multilingual_80x24");
	room_close(&room);
	tui_close(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vote_open),
		cmocka_unit_test(test_hidden_then_closed),
		cmocka_unit_test(test_consent_reasons_unattributed),
		cmocka_unit_test(test_clock_colours),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_small_and_ended),
		cmocka_unit_test(test_small_with_vote),
		cmocka_unit_test(test_fallback_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
