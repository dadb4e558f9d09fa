/* test_tui_browse: `klankbord browse` on a virtual screen against golden dumps in
 * tests/tui/ (browse_*.txt), and the walk down and back up a person makes.
 *
 * Two real sessions (temporary database, fake clock): the Nijmegen evening recorded
 * through the console (contributions, one retracted, a closed dots vote, hostile text),
 * and a later multilingual session of another organisation. The browser opens on the
 * same store. UPDATE_GOLDEN=1 rewrites the goldens; read every one after that. */
#include "tui_fixture.h"

#include "tui/browse.h"

struct browse_fixture {
	struct tui_fixture *fx;
	struct session *second;
	struct agenda *second_agenda;
	struct browse *browse;
};

static void apply(struct session *session, const char *line)
{
	struct session_result result = { 0 };
	if (session_apply_line(session, line, strlen(line), &result) != 0)
		fail_msg("line refused: %s\n  %s", line, result.message);
}

/* The evening: what test_tui_screen records, a vote on Learning Dutch, hostile text. */
static void record(struct browse_fixture *bf)
{
	struct tui_fixture *fx = bf->fx;
	tui_line(fx, "E01: glad to be here, my first time in a group like this");
	tui_advance(fx, 240);
	tui_line(fx, "the room agrees to speak one at a time");
	tui_advance(fx, 400);
	tui_keys(fx, "<F3>");
	tui_line(fx, "E02: !obstacle waited 9 months for a house #housing #stability");
	tui_advance(fx, 90);
	tui_line(fx, "E01: !success the neighbours helped with every letter #bridges");
	tui_advance(fx, 120);
	tui_line(fx, "E03: !experience nobody explained the integration programme to me; the letters "
		"were all in Dutch and I did not know whom to ask #links #language");
	tui_line(fx, "E04: typed for the wrong person");
	tui_keys(fx, "<C-z>");
	apply(fx->session, "E02: colour \033[31mred\033[0m and \xe2\x80\xae reversed text #language");
	tui_advance(fx, 200);
	tui_line(fx, "/item language");
	tui_line(fx, "E01: !idea start lessons in the first month #language");
	tui_line(fx, "E02: تعلمت الهولندية في المكتبة #language");
	tui_line(fx, "E03: 我在图书馆学荷兰语 🙂 #language");
	tui_line(fx, "/vote language-first");
	tui_line(fx, "E01: 1 1 2");
	tui_line(fx, "E02: 3 3 1");
	tui_line(fx, "E03: 1 4 4");
	tui_line(fx, "/close");
	tui_line(fx, "/recommend start language lessons in the first month, with childcare");
	tui_line(fx, "E02: !recommendation a buddy for every newcomer #bridges");
	tui_advance(fx, 300);
	apply(fx->session, "/end");
	session_settle(fx->session, 1, (char[256]){ 0 }, 256);
}

/* A second session a week later, of another organisation. */
static void record_second(struct browse_fixture *bf)
{
	struct tui_fixture *fx = bf->fx;
	char path[512], err[512];
	struct diag_list diags;
	bool io_error = false;
	tui_agenda_path(path, sizeof path, "multilingual.yaml");
	diag_list_init(&diags);
	bf->second_agenda = agenda_load_file(path, &diags, &io_error);
	diag_list_free(&diags);
	assert_non_null(bf->second_agenda);
	fx->now += 7 * 24 * 3600 * 1000LL;
	struct session_clock clock = { tui_fake_now, &fx->now };
	if (session_start(fx->store, bf->second_agenda, NULL, 0, "test", clock, &bf->second, err, sizeof err) != 0)
		fail_msg("session_start: %s", err);
	apply(bf->second, "P2: !obstacle de wachtlijst voor de taalles is lang #language");
	session_settle(bf->second, 1, err, sizeof err);
}

static struct browse_fixture *open_browse(int rows, int cols, const char *organisation)
{
	struct browse_fixture *bf = calloc(1, sizeof *bf);
	char err[512];
	assert_non_null(bf);
	bf->fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	record(bf);
	record_second(bf);
	struct browse_options options = { .organisation = organisation,
		.clock = { tui_fake_now, &bf->fx->now } };
	bf->browse = browse_open_headless(bf->fx->store, &options, rows, cols, err, sizeof err);
	if (!bf->browse)
		fail_msg("browse_open_headless: %s", err);
	return bf;
}

static void close_browse(struct browse_fixture *bf)
{
	browse_close(bf->browse);
	session_free(bf->second);
	agenda_free(bf->second_agenda);
	tui_close(bf->fx);
	free(bf);
}

static void keys(struct browse_fixture *bf, const char *script)
{
	if (!browse_feed(bf->browse, script))
		fail_msg("bad key script: %s", script);
}

static void browse_dump_to(void *ctx, FILE *out)
{
	browse_dump(ctx, out);
}

static char *dump(struct browse_fixture *bf)
{
	return tui_dump_of(browse_dump_to, bf->browse);
}

static bool has(struct browse_fixture *bf, const char *text)
{
	return tui_dump_has(dump(bf), text);
}

static void golden(struct browse_fixture *bf, const char *name)
{
	tui_golden_text(dump(bf), name);
}

/* The screen at 80x24 and at 160x48 against NAME_80x24 and NAME_160x48; back at 80x24. */
static void golden_both(struct browse_fixture *bf, const char *name)
{
	char sized[64];
	snprintf(sized, sizeof sized, "%s_80x24", name);
	golden(bf, sized);
	browse_resize(bf->browse, 48, 160);
	snprintf(sized, sizeof sized, "%s_160x48", name);
	golden(bf, sized);
	browse_resize(bf->browse, 24, 80);
}

/* Every level at one size: the sessions, the first session's items, Learning Dutch with
 * its vote, and the first months' contributions with the retracted one. */
static void levels(int rows, int cols)
{
	struct browse_fixture *bf = open_browse(rows, cols, NULL);
	char name[64];
	snprintf(name, sizeof name, "browse_sessions_%dx%d", cols, rows);
	golden(bf, name);
	keys(bf, "<Down><Enter>");
	snprintf(name, sizeof name, "browse_items_%dx%d", cols, rows);
	golden(bf, name);
	keys(bf, "<Down><Down><Enter>");
	snprintf(name, sizeof name, "browse_votes_%dx%d", cols, rows);
	golden(bf, name);
	keys(bf, "<Esc><Up><Enter><Down><Down><Down>");
	snprintf(name, sizeof name, "browse_entries_%dx%d", cols, rows);
	golden(bf, name);
	close_browse(bf);
}

static void test_levels_80x24(void **state)
{
	(void)state;
	levels(24, 80);
}

static void test_levels_160x48(void **state)
{
	(void)state;
	levels(48, 160);
}

/* Down to an item's contributions and back up to the sessions, as a person walks it. */
static void test_walk(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, NULL);
	assert_true(has(bf, "Sessions"));
	assert_true(has(bf, "Municipality of"));
	assert_true(has(bf, "Gemeente Nijmegen"));
	keys(bf, "<Down><Enter>");
	assert_true(has(bf, "Learning Dutch"));
	assert_true(has(bf, "1 vote"));
	keys(bf, "<Down><Enter>");
	assert_true(has(bf, "waited 9 months for a house"));
	assert_true(has(bf, "[retracted] typed for the wrong person"));
	assert_false(has(bf, "Amal")); /* ids, never names */
	keys(bf, "<Backspace>");
	assert_true(has(bf, " Items "));
	keys(bf, "<Left>");
	assert_true(has(bf, " Sessions "));
	keys(bf, "<Esc>");
	assert_true(has(bf, " Sessions "));
	assert_false(browse_quit_requested(bf->browse));
	keys(bf, "q");
	assert_true(browse_quit_requested(bf->browse));
	close_browse(bf);
}

/* A search with the engine of klankbord search: the hits, the words marked; Enter opens
 * the hit's item with the cursor on it. */
static void test_search(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, NULL);
	keys(bf, "/lessons OR letters<Enter>");
	golden_both(bf, "browse_search");
	keys(bf, "<Enter>");
	assert_true(has(bf, "Contributions: Learning Dutch"));
	keys(bf, "<Esc>/nothingmatchesthis<Enter>");
	assert_true(has(bf, "no contribution or recommendation matches"));
	keys(bf, "/\"unclosed<Enter>");
	assert_true(strstr(browse_status(bf->browse), "cannot search") != NULL);
	close_browse(bf);
}

/* The filter narrows the contributions, and the search hits. */
static void test_filter(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, NULL);
	keys(bf, "<Down><Enter><Down><Enter>f#housing<Enter>");
	golden_both(bf, "browse_filter");
	keys(bf, "f!success E01<Enter>");
	assert_true(has(bf, "the neighbours helped"));
	assert_false(has(bf, "waited 9 months"));
	keys(bf, "fE09<Enter>");
	assert_true(has(bf, "nothing on this item matches the filter"));
	keys(bf, "x");
	assert_true(has(bf, "waited 9 months"));
	close_browse(bf);
}

static void test_help_and_small(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, NULL);
	keys(bf, "?");
	golden(bf, "browse_help_80x24");
	keys(bf, "<Esc>");
	assert_true(has(bf, " Sessions "));
	browse_resize(bf->browse, 20, 60);
	assert_true(has(bf, "terminal too small"));
	browse_resize(bf->browse, 24, 80);
	assert_true(has(bf, " Sessions "));
	close_browse(bf);
}

/* Paging through more contributions than a screen holds: a page at a time, both ways. */
static void test_paging(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, NULL);
	char text[64], err[256];
	for (int i = 1; i <= 40; i++) {
		snprintf(text, sizeof text, "P1: page line %02d", i);
		apply(bf->second, text);
	}
	assert_int_equal(session_settle(bf->second, 1, err, sizeof err), 0);
	keys(bf, "<Enter><Enter>"); /* the newest session, its first item */
	assert_true(has(bf, "page line 01"));
	assert_false(has(bf, "page line 40"));
	keys(bf, "<End>");
	assert_true(has(bf, "page line 40"));
	assert_true(has(bf, "─ Entry 41 "));
	assert_false(has(bf, "page line 01"));
	keys(bf, "<Home>");
	assert_true(has(bf, "─ Entry 1 "));
	keys(bf, "<PgDn>");
	assert_true(has(bf, "page line 30"));
	assert_false(has(bf, "page line 01"));
	keys(bf, "<Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up><Up>");
	assert_true(has(bf, "page line 14"));
	keys(bf, "<PgUp><PgUp>");
	assert_true(has(bf, "page line 01"));
	assert_true(has(bf, "─ Entry 1 "));
	for (int i = 0; i < 30; i++)
		keys(bf, "<Down>");
	assert_true(has(bf, "─ Entry 31 "));
	assert_true(has(bf, "page line 30"));
	close_browse(bf);
}

/* An empty database: a sentence instead of rows, and no key finds anything to open. */
static void test_empty(void **state)
{
	(void)state;
	char dir[512], db[600], err[512];
	const char *tmp = getenv("TEST_TMP");
	snprintf(dir, sizeof dir, "%s/browse-empty.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/k.db", dir);
	struct store *store;
	assert_int_equal(store_open(db, &store, err, sizeof err), 0);
	struct browse *browse = browse_open_headless(store, NULL, 24, 80, err, sizeof err);
	assert_non_null(browse);
	struct browse_fixture bf = { .browse = browse };
	assert_true(has(&bf, "no sessions yet"));
	keys(&bf, "<Enter><Down><End><PgUp><PgDn><Home><Up><Backspace>/x<Enter><Enter>fE01<Enter>");
	assert_true(has(&bf, "no contribution or recommendation matches"));
	browse_close(browse);
	store_close(store);
	const char *suffixes[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char path[700];
		snprintf(path, sizeof path, "%s%s", db, suffixes[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* The register from the browser: R opens the session's entries, s changes a status with
 * a note (its one write: the register's history grows, the session's log does not). */
static void test_register(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, NULL);
	char err[256];
	struct store_events *it;
	struct store_event event;
	int64_t events = 0;
	keys(bf, "<Down>R");
	golden_both(bf, "browse_register");
	keys(bf, "saccepted the municipality starts lessons within 4 weeks<Enter>");
	assert_true(strstr(browse_status(bf->browse), "is now accepted") != NULL);
	golden(bf, "browse_register_set_80x24");
	struct store_rec_filter filter = { .session = bf->fx->session->id };
	struct store_rec *recs;
	int n;
	assert_int_equal(store_recs_list(bf->fx->store, &filter, &recs, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(recs[0].status, REC_ACCEPTED);
	assert_int_equal(recs[0].n_history, 1);
	assert_string_equal(recs[0].history[0].note, "the municipality starts lessons within 4 weeks");
	assert_string_equal(recs[0].history[0].by, "browse");
	assert_int_equal(recs[1].status, REC_OPEN);
	store_recs_free(recs, n);
	keys(bf, "<Down>sfinished<Enter>");
	assert_true(strstr(browse_status(bf->browse), "unknown status") != NULL);
	assert_true(browse_status(bf->browse)[0]);
	/* the session's log is as it was: no event was written */
	assert_int_equal(store_events_open(bf->fx->store, bf->fx->session->id, 0, &it, err, sizeof err), 0);
	while (store_events_next(it, &event, err, sizeof err) == 1)
		events = event.seq;
	store_events_close(it);
	assert_int_equal(events, bf->fx->session->last_seq);
	keys(bf, "<Esc>");
	assert_true(has(bf, " Sessions "));
	close_browse(bf);
}

/* --organisation: only that organisation's sessions. */
static void test_organisation(void **state)
{
	(void)state;
	struct browse_fixture *bf = open_browse(24, 80, "Gemeente Nijmegen");
	assert_true(has(bf, "Klankbordgroep"));
	assert_false(has(bf, "Municipality of"));
	close_browse(bf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_80x24), cmocka_unit_test(test_levels_160x48), cmocka_unit_test(test_walk),
		cmocka_unit_test(test_search), cmocka_unit_test(test_filter), cmocka_unit_test(test_help_and_small),
		cmocka_unit_test(test_organisation), cmocka_unit_test(test_paging), cmocka_unit_test(test_empty), cmocka_unit_test(test_register),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
