/* test_tui_followup: the follow-up in the room, headless. A first session of the
 * Municipality of Nijmegen records two recommendations and ends; one is accepted with a
 * note (the register, sessions/recs.h). A second session of the same organisation opens
 * on them: text, status and note on the first screen (golden at 80x24 and 120x40), gone
 * at the first key (which still does what it does), back with F12 (or Shift-F9), not shown to a
 * console that did not ask for it, and a hostile note drawn as visible marks. */
#include <sysexits.h>

#include "sessions/recs.h"
#include "tui_fixture.h"

#define DAY_MS ((int64_t)86400000)

struct earlier {
	struct tui_fixture *fx;      /* the first session's console, then the second's */
	struct agenda *agenda2;
	struct session *session2;
};

/* Records the first evening and sets one recommendation's status; returns the ids. */
static void first_evening(struct tui_fixture *fx, const char *note)
{
	char err[512], id[STORE_UUID_LEN + 1];
	tui_line(fx, "/recommend Start language lessons within four weeks of arrival");
	tui_line(fx, "E01: !recommendation a fixed contact person at the municipality #links");
	tui_line(fx, "E02: !idea a language café #language"); /* not a recommendation */
	tui_keys(fx, "/end<Enter>y");
	assert_true(fx->session->ended);
	const char *rec = fx->session->recommendations[0].id;
	assert_int_equal(recs_set_status(fx->store, rec, "accepted", note, "consultant", TUI_T0 + 19 * DAY_MS, id, err,
		sizeof err), 0);
	assert_string_equal(id, rec);
}

/* A second session of the same agenda (so the same organisation), a week on, with a
 * console asked for the follow-up (as run asks for a new session). */
static void second_evening(struct earlier *e, bool followup)
{
	struct tui_fixture *fx = e->fx;
	char path[512], err[512];
	struct diag_list diags;
	bool io_error = false;
	tui_agenda_path(path, sizeof path, "expert-pool-nijmegen.yaml");
	diag_list_init(&diags);
	e->agenda2 = agenda_load_file(path, &diags, &io_error);
	diag_list_free(&diags);
	assert_non_null(e->agenda2);
	fx->now += 91 * DAY_MS;
	struct session_clock clock = {tui_fake_now, &fx->now};
	if (session_start(fx->store, e->agenda2, NULL, 0, "test", clock, &e->session2, err, sizeof err) != 0)
		fail_msg("session_start: %s", err);
	console_close(fx->console);
	struct console_options options = { .followup = followup };
	fx->console = console_open_headless(e->session2, &options, fx->rows, fx->cols, err, sizeof err);
	if (!fx->console)
		fail_msg("console_open_headless: %s", err);
}

static void close_earlier(struct earlier *e)
{
	console_close(e->fx->console);
	e->fx->console = NULL;
	session_free(e->session2);
	agenda_free(e->agenda2);
	tui_close(e->fx);
}

static void test_first_screen(void **state)
{
	(void)state;
	struct earlier e = { .fx = tui_open("expert-pool-nijmegen.yaml", 24, 80) };
	first_evening(e.fx, "the municipality starts language lessons within 4 weeks");
	second_evening(&e, true);
	assert_true(tui_screen_has(e.fx, "Start language lessons within four weeks of arrival"));
	assert_true(tui_screen_has(e.fx, "accepted 2024-04-02: the municipality starts language lessons within 4"));
	assert_true(tui_screen_has(e.fx, "a fixed contact person at the municipality"));
	assert_false(tui_screen_has(e.fx, "a language café"));
	/* the second evening reuses the first one's agenda, dated 2024-03-14: said at once */
	assert_true(tui_screen_has(e.fx, "agenda dated 2024-03-14, recorded 2024-06-13"));
	assert_true(console_status_error(e.fx->console));
	tui_golden(e.fx, "followup_80x24");
	console_resize(e.fx->console, 40, 120);
	tui_golden(e.fx, "followup_120x40");
	close_earlier(&e);
}

static void test_moves_on_and_comes_back(void **state)
{
	(void)state;
	struct earlier e = { .fx = tui_open("expert-pool-nijmegen.yaml", 24, 80) };
	first_evening(e.fx, "the municipality starts language lessons within 4 weeks");
	second_evening(&e, true);
	/* the first key closes it and is typed: the note-taker loses nothing */
	tui_keys(e.fx, "E");
	assert_false(tui_screen_has(e.fx, "Follow-up"));
	assert_true(tui_screen_has(e.fx, "› E"));
	tui_keys(e.fx, "<Shift-F9>");
	assert_true(tui_screen_has(e.fx, "Follow-up: Municipality of Nijmegen"));
	assert_true(tui_screen_has(e.fx, "› E")); /* the line is kept meanwhile */
	tui_keys(e.fx, "<Esc>");               /* Esc only closes it */
	assert_false(tui_screen_has(e.fx, "Follow-up"));
	assert_true(tui_screen_has(e.fx, "› E"));
	tui_keys(e.fx, "<F12><F12>");           /* the key closes it too */
	assert_false(tui_screen_has(e.fx, "Follow-up"));
	tui_keys(e.fx, "<F12><F3>");            /* an action: it closes, and the action is done */
	assert_false(tui_screen_has(e.fx, "Follow-up"));
	assert_int_equal(e.session2->current_item, 1);
	/* the list of this session's own recommendations is another one (F9) */
	tui_keys(e.fx, "<F9>");
	assert_true(tui_screen_has(e.fx, "none yet"));
	close_earlier(&e);
}

static void test_only_when_asked(void **state)
{
	(void)state;
	struct earlier e = { .fx = tui_open("expert-pool-nijmegen.yaml", 24, 80) };
	first_evening(e.fx, "noted");
	second_evening(&e, false);           /* resume: the console opens on the log */
	assert_false(tui_screen_has(e.fx, "Follow-up"));
	tui_keys(e.fx, "<F12>");             /* the key reads the register then */
	assert_true(tui_screen_has(e.fx, "accepted 2024-04-02: noted"));
	close_earlier(&e);
}

/* The first session of an organisation has nothing to follow up: the log, and the key says so. */
static void test_nothing_earlier(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct console_options options = { .followup = true };
	tui_reopen(fx, &options);
	assert_false(tui_screen_has(fx, "Follow-up"));
	tui_keys(fx, "<F12>");
	assert_true(tui_screen_has(fx, "no earlier session of Municipality of Nijmegen made a recommendation"));
	tui_close(fx);
}

static void test_hostile_note(void **state)
{
	(void)state;
	struct earlier e = { .fx = tui_open("expert-pool-nijmegen.yaml", 24, 80) };
	first_evening(e.fx, "done\033[2J\033]0;owned\007 \xe2\x80\xaereversed");
	second_evening(&e, true);
	char *screen = tui_dump(e.fx);
	assert_null(strchr(screen, '\033'));
	assert_null(strstr(screen, "\xe2\x80\xae"));
	assert_non_null(strstr(screen, "done\xe2\x90\x9b[2J")); /* ESC drawn as ␛ */
	free(screen);
	close_earlier(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen),
		cmocka_unit_test(test_moves_on_and_comes_back),
		cmocka_unit_test(test_only_when_asked),
		cmocka_unit_test(test_nothing_earlier),
		cmocka_unit_test(test_hostile_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
